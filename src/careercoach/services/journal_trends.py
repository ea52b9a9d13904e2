"""Journal trends: weekly averages, writing streaks, frequent themes and tags, standout weeks.

Weeks run Monday to Sunday (ISO weeks) and are named by their Monday. A week's average uses
only the entries that have the value: mood is the person's own 1-5 rating; sentiment, stress
and motivation come from `journal analyze` (offline estimates or the model's reading), so
entries not analysed yet count in `entries` but not in those averages.

Streaks count calendar days with at least one entry. The current streak is the run that
ends today, or yesterday when today has no entry yet (the day is not over).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from careercoach.errors import BadInput

SERIES = ("mood", "sentiment", "stress", "motivation")


@dataclass
class Week:
    """One ISO week: its Monday, how many entries, and the averages (None: no values)."""

    week: str  # the Monday, YYYY-MM-DD
    entries: int = 0
    mood: float | None = None
    sentiment: float | None = None
    stress: float | None = None
    motivation: float | None = None


@dataclass
class Trends:
    """Everything `journal trends` shows; `to_dict()` is its --json document."""

    since: str | None
    entries: int
    analysed: int
    first_day: str | None
    last_day: str | None
    weeks: list[Week] = field(default_factory=list)
    current_streak: int = 0
    longest_streak: int = 0
    longest_streak_end: str | None = None
    top_themes: list[tuple[str, int]] = field(default_factory=list)
    top_tags: list[tuple[str, int]] = field(default_factory=list)
    standout: dict[str, Week | None] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["top_themes"] = [{"theme": t, "count": c} for t, c in self.top_themes]
        data["top_tags"] = [{"tag": t, "count": c} for t, c in self.top_tags]
        data["series"] = {
            name: [{"week": w.week, "value": getattr(w, name)} for w in self.weeks]
            for name in SERIES
        }
        return data


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _round(value: float | None) -> float | None:
    return round(float(value), 2) if value is not None else None


def fill_weeks(rows: list[tuple[Any, ...]]) -> list[Week]:
    """Weeks from (monday, entries, mood, sentiment, stress, motivation) rows, gaps included."""
    if not rows:
        return []
    known = {date.fromisoformat(r[0]): r for r in rows}
    weeks: list[Week] = []
    monday, last = min(known), max(known)
    while monday <= last:
        row = known.get(monday)
        if row is None:
            weeks.append(Week(monday.isoformat()))
        else:
            weeks.append(Week(monday.isoformat(), int(row[1]), *(_round(v) for v in row[2:6])))
        monday += timedelta(days=7)
    return weeks


def streaks(days: set[date], today: date) -> tuple[int, int, date | None]:
    """(current, longest, last day of the longest) runs of consecutive days with entries."""
    longest, longest_end, run, previous = 0, None, 0, None
    for day in sorted(days):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        if run > longest:
            longest, longest_end = run, day
        previous = day
    current = 0
    cursor = today if today in days else today - timedelta(days=1)
    while cursor in days:
        current += 1
        cursor -= timedelta(days=1)
    return current, longest, longest_end


def _standout(weeks: list[Week]) -> dict[str, Week | None]:
    def pick(name: str, highest: bool) -> Week | None:
        rated = [w for w in weeks if getattr(w, name) is not None]
        if not rated:
            return None
        key = (lambda w: getattr(w, name)) if highest else (lambda w: -getattr(w, name))
        return max(rated, key=key)

    return {
        "highest_stress": pick("stress", True),
        "lowest_mood": pick("mood", False),
        "lowest_sentiment": pick("sentiment", False),
        "highest_motivation": pick("motivation", True),
    }


# The Monday of an entry's week, in SQL: strftime('%w') is 0 for Sunday .. 6 for Saturday.
_MONDAY = (
    "date(entry_date, '-' || ((CAST(strftime('%w', entry_date) AS INTEGER) + 6) % 7) || ' days')"
)
_WEEKS = (
    f"SELECT {_MONDAY} AS monday, count(*), avg(mood), avg(sentiment), avg(stress), "
    "avg(motivation) FROM journal_entry WHERE entry_date >= :since GROUP BY monday ORDER BY monday"
)
_TOTALS = (
    "SELECT count(*), count(analyzed_at), min(entry_date), max(entry_date) FROM journal_entry "
    "WHERE entry_date >= :since"
)
_DAYS = "SELECT DISTINCT entry_date FROM journal_entry WHERE entry_date >= :since"
_TOP = (
    "SELECT j.value, count(*) AS n FROM journal_entry AS e, json_each(e.{column}) AS j "
    "WHERE e.entry_date >= :since GROUP BY j.value ORDER BY n DESC, j.value LIMIT 8"
)


def compute_trends(since: date | None = None, *, today: date | None = None) -> Trends:
    """Work out the trends of the entries since `since` (SQLite aggregates; one read, no writes).

    Averages and counts are done by SQLite (AVG skips missing values), so 10,000 entries cost
    a few milliseconds rather than a Python loop over every row's JSON.
    """
    from sqlalchemy import text as sql

    from careercoach.store.db import open_store

    today = today or date.today()
    if since and since > today:
        raise BadInput(f"--since {since} is in the future", hint="give a day up to today")
    values = {"since": since.isoformat() if since else ""}
    with open_store().read_session() as session:
        weeks = session.execute(sql(_WEEKS), values).all()
        entries, analysed, first, last = session.execute(sql(_TOTALS), values).one()
        days = {date.fromisoformat(r[0]) for r in session.execute(sql(_DAYS), values)}
        themes = session.execute(sql(_TOP.format(column="themes")), values).all()
        tags = session.execute(sql(_TOP.format(column="tags")), values).all()
    filled = fill_weeks([tuple(w) for w in weeks])
    current, longest, longest_end = streaks(days, today)
    return Trends(
        since=since.isoformat() if since else None,
        entries=int(entries),
        analysed=int(analysed),
        first_day=first,
        last_day=last,
        weeks=filled,
        current_streak=current,
        longest_streak=longest,
        longest_streak_end=longest_end.isoformat() if longest_end else None,
        top_themes=[(str(t), int(n)) for t, n in themes],
        top_tags=[(str(t), int(n)) for t, n in tags],
        standout=_standout(filled),
    )
