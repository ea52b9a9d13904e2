"""journal trends: weekly series, streaks, frequent themes and tags, standout weeks, charts."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

from careercoach.services.journal_trends import streaks
from careercoach.ui.charts import bar, resample, sparkline


def _store(day: date, text: str, *, mood=None, stress=None, tags=(), themes=()) -> None:
    from careercoach.services.journal import add_entry
    from careercoach.store.db import open_store
    from careercoach.store.models import JournalEntry, utc_now

    entry = add_entry(text, entry_date=day, tags=list(tags), mood=mood)
    if stress is not None:
        with open_store().session() as session:
            row = session.get(JournalEntry, entry.id)
            row.stress, row.motivation, row.sentiment = stress, 10 - stress, 0.5 - stress / 10
            row.themes, row.analysis_mode, row.analyzed_at = list(themes), "offline", utc_now()
            session.add(row)


def test_streaks_current_and_longest() -> None:
    today = date(2026, 11, 18)
    days = {today - timedelta(days=n) for n in (1, 2, 3)}  # yesterday back: alive today
    days |= {date(2026, 10, 1) + timedelta(days=n) for n in range(6)}
    assert streaks(days, today) == (3, 6, date(2026, 10, 6))
    assert streaks(days | {today}, today)[0] == 4
    assert streaks({today - timedelta(days=2)}, today)[0] == 0
    assert streaks(set(), today) == (0, 0, None)


def test_weekly_averages_by_iso_week_with_empty_weeks_kept() -> None:
    from careercoach.services.journal_trends import compute_trends

    # 2026-11-02 is a Monday; 2026-11-01 the Sunday before it.
    _store(date(2026, 11, 1), "sunday", mood=2, stress=8.0)
    _store(date(2026, 11, 2), "monday", mood=2, stress=8.0)
    _store(date(2026, 11, 8), "next sunday", mood=4, stress=6.0)
    _store(date(2026, 11, 23), "later", mood=5)
    trends = compute_trends(today=date(2026, 11, 30))
    weeks = trends.weeks
    assert [w.week for w in weeks] == [
        "2026-10-26",
        "2026-11-02",
        "2026-11-09",
        "2026-11-16",
        "2026-11-23",
    ]
    assert (weeks[0].entries, weeks[0].mood, weeks[0].stress) == (1, 2.0, 8.0)
    assert (weeks[1].entries, weeks[1].mood, weeks[1].stress) == (2, 3.0, 7.0)
    assert weeks[1].motivation == 3.0 and weeks[1].sentiment == -0.2
    assert weeks[2].entries == 0 and weeks[2].mood is None
    assert weeks[4].mood == 5.0 and weeks[4].stress is None
    assert (trends.entries, trends.analysed) == (4, 3)
    assert trends.current_streak == 0 and trends.longest_streak == 2


def test_trends_on_generated_entries(cli) -> None:
    rng = random.Random(7)
    today = date.today()
    start = today - timedelta(days=90)
    stored = []
    for n in range(0, 91):
        day = start + timedelta(days=n)
        if n % 10 == 9 and day < today - timedelta(days=5):
            continue  # a gap every tenth day, but not in the last week
        stress = 9.0 if 20 <= n < 27 else round(rng.uniform(2, 5), 1)
        mood = 1 if 40 <= n < 47 else rng.randint(3, 5)
        tags = ["work"] + (["interview"] if n % 3 == 0 else [])
        _store(
            day,
            f"day {n}",
            mood=mood,
            stress=stress,
            tags=tags,
            themes=["workload"] if stress > 8 else ["learning"],
        )
        stored.append((day, mood, stress))
    result = cli("journal", "trends", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["entries"] == len(stored) == data["analysed"]
    # Gaps at days 9, 19, ..., 79; days 80-90 (today) unbroken: 11 days, the longest run too.
    assert data["current_streak"] == 11
    assert data["longest_streak"] == 11
    assert data["longest_streak_end"] == today.isoformat()
    # The weekly means match a direct computation.
    week_of = {}
    for day, mood, _ in stored:
        week_of.setdefault(day - timedelta(days=day.weekday()), []).append(mood)
    by_week = {w["week"]: w for w in data["weeks"]}
    for monday, moods in week_of.items():
        assert by_week[monday.isoformat()]["mood"] == round(sum(moods) / len(moods), 2)
    assert set(data["series"]) == {"mood", "sentiment", "stress", "motivation"}
    assert len(data["series"]["stress"]) == len(data["weeks"])
    top_tags = [t["tag"] for t in data["top_tags"]]
    assert top_tags[:2] == ["work", "interview"]
    assert data["top_themes"][0]["theme"] == "learning"
    stress_of: dict[date, list[float]] = {}
    for day, _, stress in stored:
        stress_of.setdefault(day - timedelta(days=day.weekday()), []).append(stress)
    worst = max(stress_of, key=lambda m: sum(stress_of[m]) / len(stress_of[m]))
    saddest = min(week_of, key=lambda m: sum(week_of[m]) / len(week_of[m]))
    assert data["standout"]["highest_stress"]["week"] == worst.isoformat()
    assert data["standout"]["lowest_mood"]["week"] == saddest.isoformat()
    assert start + timedelta(days=14) <= worst <= start + timedelta(days=26)  # the stressed days
    assert start + timedelta(days=34) <= saddest <= start + timedelta(days=46)  # the low days


def test_trends_view_draws_charts_and_since_filters(cli) -> None:
    today = date.today()
    for n in range(30):
        _store(today - timedelta(days=n), f"entry {n}", mood=1 + n % 5, stress=n % 10)
    result = cli("journal", "trends")
    assert result.exit_code == 0, result.stderr
    assert any(block in result.stdout for block in "▁▂▃▄▅▆▇█")
    assert "Writing streak: 30 day(s) now" in result.stdout
    assert "Weeks that stood out" in result.stdout
    data = json.loads(cli("journal", "trends", "--since", "1 week ago", "--json").stdout)
    assert data["entries"] == 8
    future = (today + timedelta(days=3)).isoformat()
    assert cli("journal", "trends", "--since", future).exit_code == 1
    assert cli("journal", "trends", "--since", "never").exit_code == 1


def test_unanalysed_entries_are_counted_and_named(cli) -> None:
    _store(date.today(), "plain", mood=3)
    result = cli("journal", "trends")
    assert "from 0 of 1 analysed entries" in result.stdout


def test_empty_journal(cli) -> None:
    result = cli("journal", "trends")
    assert result.exit_code == 0 and "No journal entries" in result.stdout
    data = json.loads(cli("journal", "trends", "--json").stdout)
    assert data["entries"] == 0 and data["weeks"] == [] and data["current_streak"] == 0


def test_chart_helpers() -> None:
    assert sparkline([0, 5, 10, None], low=0, high=10) == "▁▅█ "
    assert len(sparkline(list(range(200)), low=0, high=199, width=40)) == 40
    assert resample([1, None, 3, 5], 2) == [1, 4]
    assert bar(5, high=10, width=10) == "█████     "
    assert bar(0, high=10, width=4) == "    " and bar(12, high=10, width=4) == "████"
