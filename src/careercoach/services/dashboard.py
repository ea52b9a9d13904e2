"""Everything at a glance: one read of the store, no model, nothing heavy imported.

The dashboard only reads: each section is the same figure another command shows, computed by
that command's own code where it is a pure function (journal trends' weekly averages, the
application funnel, the goals' progress, the usage ledger's totals).

- matches: the latest gap analysis per stored job; its score is the report's readiness (0-100)
  and its verdict FIT/UNFIT, as `gap` computed them.
- mood: weekly averages (ISO weeks, Monday first) of the last MOOD_WEEKS weeks, this one
  included; mood is the person's own 1-5 rating, stress 0-10 from `journal analyze`.
- usage: this calendar month (UTC, as the usage log counts months).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from careercoach.store.db import Store

MOOD_WEEKS = 12
RECENT_ANALYSES = 5

_MATCHES = """
SELECT a.id, a.job_id, a.score, a.verdict, a.mode, a.created_at, j.title, j.company
FROM analysis AS a JOIN job AS j ON j.id = a.job_id
WHERE a.kind = 'gap' AND a.id = (
    SELECT b.id FROM analysis AS b WHERE b.kind = 'gap' AND b.job_id = a.job_id
    ORDER BY b.created_at DESC, b.id DESC LIMIT 1)
ORDER BY a.created_at DESC, a.id DESC
"""
_RECENT = """
SELECT a.id, a.kind, a.mode, a.verdict, a.score, a.job_id, a.created_at, j.title
FROM analysis AS a LEFT JOIN job AS j ON j.id = a.job_id
ORDER BY a.created_at DESC, a.id DESC LIMIT :limit
"""


def build_dashboard(
    store: Store, *, today: date | None = None, now: datetime | None = None
) -> dict[str, Any]:
    """The dashboard's data; the --json document and what the screen renders."""
    from sqlalchemy import text

    from careercoach.services.applications import stats_of
    from careercoach.services.journal_trends import _WEEKS as WEEKLY_SQL

    today = today or date.today()
    now = now or datetime.now(timezone.utc)
    first_monday = today - timedelta(days=today.weekday(), weeks=MOOD_WEEKS - 1)
    with store.read_session() as session:
        run = session.connection().execute
        matches = run(text(_MATCHES)).all()
        recent = run(text(_RECENT), {"limit": RECENT_ANALYSES}).all()
        skills = run(text("SELECT count(*) FROM profile_skill")).scalar_one()
        journal = run(text(WEEKLY_SQL), {"since": first_monday.isoformat()}).all()
        apps = run(text("SELECT id, status FROM application")).all()
        events = run(text("SELECT application_id, status, date FROM application_event")).all()
        goals = run(text(_GOALS)).all()
        usage = month_usage(session, now)
    return {
        "generated_at": now.isoformat(),
        "matches": [_match(row) for row in matches],
        "skills": {"count": int(skills)},
        "goals": goals_of(goals, today),
        "mood": mood_weeks(journal, first_monday),
        "applications": stats_of([tuple(r) for r in apps], [tuple(r) for r in events]),
        "recent_analyses": [_recent(row) for row in recent],
        "usage": usage,
    }


def _iso_time(value: str | None) -> str | None:
    """Stored UTC text ("...+00:00") as ISO 8601 with its time zone."""
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.isoformat()


def _match(row: Any) -> dict[str, Any]:
    return {
        "job_id": row.job_id,
        "title": row.title,
        "company": row.company,
        "analysis_id": row.id,
        "readiness": round(row.score) if row.score is not None else None,
        "verdict": row.verdict,
        "mode": row.mode,
        "created_at": _iso_time(row.created_at),
    }


def _recent(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "kind": row.kind,
        "mode": row.mode,
        "verdict": row.verdict,
        "score": round(row.score) if row.score is not None else None,
        "job_id": row.job_id,
        "job_title": row.title,
        "created_at": _iso_time(row.created_at),
    }


_GOALS = """
SELECT g.id, g.title, g.due, g.status, count(s.id) AS total,
       coalesce(sum(CASE WHEN s.done THEN 1 ELSE 0 END), 0) AS done
FROM goal AS g LEFT JOIN goal_step AS s ON s.goal_id = g.id
WHERE g.status = 'open' GROUP BY g.id
ORDER BY g.due IS NULL, g.due, g.id
"""


def goals_of(rows: Sequence[Any], today: date) -> list[dict[str, Any]]:
    """Open goals with progress as `goal list` computes it (services.goals.progress_of:
    steps done / steps, rounded; 0 without steps), read by SQL rather than through the goal
    service so the dashboard need not import the table models; a test keeps the two equal."""
    return [
        {
            "id": row.id,
            "title": row.title,
            "progress": round(100 * row.done / row.total) if row.total else 0,
            "steps_done": int(row.done),
            "steps_total": int(row.total),
            "due": row.due,
            "overdue": bool(row.due and row.due < today.isoformat()),
        }
        for row in rows
    ]


def mood_weeks(rows: Sequence[Any], first_monday: date) -> dict[str, Any]:
    """MOOD_WEEKS weekly mood and stress averages from `first_monday`, None for empty weeks.

    `rows` are journal trends' weekly aggregates (monday, entries, mood, sentiment, stress,
    motivation), turned into weeks by its own fill_weeks.
    """
    from careercoach.services.journal_trends import fill_weeks

    by_week = {w.week: w for w in fill_weeks([tuple(r) for r in rows])}
    mondays = [(first_monday + timedelta(weeks=i)).isoformat() for i in range(MOOD_WEEKS)]
    weeks = [by_week.get(monday) for monday in mondays]
    return {
        "weeks": mondays,
        "entries": sum(w.entries for w in by_week.values()),
        "mood": [w.mood if w else None for w in weeks],
        "stress": [w.stress if w else None for w in weeks],
    }


def month_usage(session: Any, now: datetime) -> dict[str, Any]:
    """This month's calls, tokens and cost, summed as the usage ledger sums them."""
    import sqlalchemy as sa

    from careercoach.store.ledger import _figure_columns, _figures

    month = now.astimezone(timezone.utc).strftime("%Y-%m")
    usage = sa.table(
        "usage",
        sa.column("created_at", sa.String),
        sa.column("prompt_tokens", sa.Integer),
        sa.column("completion_tokens", sa.Integer),
        sa.column("cost_usd", sa.Float),
        sa.column("cache_hit", sa.Boolean),
        sa.column("outcome", sa.String),
    ).c
    statement = sa.select(*_figure_columns(usage)).where(
        sa.func.substr(usage.created_at, 1, 7) == month
    )
    figures = _figures(session.connection().execute(statement).one()._mapping)
    figures.pop("cache_hit_rate")
    return {"month": month, **figures}
