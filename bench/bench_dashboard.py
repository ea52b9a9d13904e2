"""How long `careercoach dashboard` takes over a year of data, against its dependencies' floor.

Fills a temporary CAREERCOACH_HOME through the models (a year of daily journal entries, 40 jobs,
60 analyses, 5 goals with steps, 80 applications with their events, 400 usage rows, 25 skills),
then times `careercoach dashboard` as a subprocess (stdout to a pipe, so nothing is drawn on a
terminal) and `python -c "import sqlmodel, typer, rich"` the same way, interleaved, and reports
the medians and their ratio. Target: ratio <= 1.5.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

RUNS = 9
TARGET = 1.5
STAGES_PATH = ("saved", "applied", "screening", "interview", "offer", "accepted")


def fill(today: date, rng: random.Random) -> dict[str, int]:
    """Write a year of a busy job search into the store that CAREERCOACH_HOME points at."""
    from careercoach.store.db import open_store
    from careercoach.store.models import (
        Analysis,
        Application,
        ApplicationEvent,
        Goal,
        GoalStep,
        Job,
        JournalEntry,
        ProfileSkill,
        UsageRecord,
    )

    now = datetime.now(timezone.utc)
    counts: dict[str, int] = {}
    with open_store().session() as s:
        entries = [
            JournalEntry(
                entry_date=(today - timedelta(days=i)).isoformat(),
                text=f"Day {i}: applied to two jobs and practised SQL.",
                tags=["search"] if i % 2 else ["learning"],
                mood=rng.randint(1, 5),
                stress=round(rng.uniform(0, 10), 1),
                sentiment=round(rng.uniform(-1, 1), 2),
                motivation=round(rng.uniform(0, 10), 1),
            )
            for i in range(365)
        ]
        s.add_all(entries)
        jobs = [
            Job(title=f"Data Engineer {i}", company=f"Company {i}", text=f"posting {i} " * 50)
            for i in range(40)
        ]
        s.add_all(jobs)
        s.flush()
        analyses = [
            Analysis(
                kind="gap" if i % 4 else "cv",
                job_id=jobs[i % 40].id if i % 4 else None,
                mode="offline",
                verdict=("FIT" if i % 3 else "UNFIT") if i % 4 else None,
                score=float(rng.randint(20, 95)),
                report={"metrics": {"readiness": rng.randint(20, 95)}},
                created_at=now - timedelta(days=60 - i),
            )
            for i in range(60)
        ]
        s.add_all(analyses)
        s.add_all(ProfileSkill(name=f"skill {i}") for i in range(25))
        goals = [
            Goal(title=f"Goal {i}", due=(today + timedelta(days=30 * i)).isoformat())
            for i in range(1, 6)
        ]
        s.add_all(goals)
        s.flush()
        for goal in goals:
            s.add_all(
                GoalStep(goal_id=goal.id, position=p, text=f"step {p}", done=rng.random() < 0.4)
                for p in range(6)
            )
        events = 0
        for i in range(80):
            start = today - timedelta(days=rng.randint(5, 360))
            furthest = rng.choices(range(6), weights=[2, 8, 4, 3, 1, 1])[0]
            day, timeline = start, []
            for stage in STAGES_PATH[1 : furthest + 1] or ("saved",):
                timeline.append((stage, day))
                day = min(today, day + timedelta(days=rng.randint(1, 20)))
            if furthest < 5 and rng.random() < 0.4:
                timeline.append(("rejected", day))
            app = Application(
                job_id=jobs[i % 40].id,
                title=jobs[i % 40].title,
                company=jobs[i % 40].company,
                status=timeline[-1][0],
                status_since=timeline[-1][1].isoformat(),
                follow_up=(today + timedelta(days=rng.randint(-5, 10))).isoformat()
                if i % 3
                else None,
            )
            s.add(app)
            s.flush()
            s.add_all(
                ApplicationEvent(application_id=app.id, status=st, date=d.isoformat(), note="bench")
                for st, d in timeline
            )
            events += len(timeline)
        s.add_all(
            UsageRecord(
                created_at=now - timedelta(days=rng.randint(0, 365)),
                command=rng.choice(["gap", "chat", "journal analyze", "cv parse"]),
                model="openai/gpt-4o-mini",
                transport="in-process",
                prompt_tokens=rng.randint(200, 4000),
                completion_tokens=rng.randint(50, 800),
                cost_usd=round(rng.uniform(0.0001, 0.01), 6),
                latency_ms=rng.randint(300, 4000),
                cache_hit=rng.random() < 0.2,
                outcome="ok",
            )
            for _ in range(400)
        )
    counts.update(
        journal=365, jobs=40, analyses=60, goals=5, applications=80, events=events, usage=400
    )
    return counts


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{command} failed: {proc.stderr.decode()[:500]}")
    return elapsed


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="cc-bench-dashboard-"))
    os.environ["CAREERCOACH_HOME"] = str(home)
    env = {**os.environ, "CAREERCOACH_HOME": str(home), "COLUMNS": "100", "NO_COLOR": "1"}
    try:
        counts = fill(date.today(), random.Random(7))
        exe = shutil.which("careercoach", path=os.path.dirname(sys.executable))
        dashboard = [exe] if exe else [sys.executable, "-m", "careercoach"]
        dashboard = [*dashboard, "dashboard"]
        floor = [sys.executable, "-c", "import sqlmodel, typer, rich"]
        timed(dashboard, env), timed(floor, env)  # warm the file cache
        dash_times, floor_times = [], []
        for _ in range(RUNS):
            dash_times.append(timed(dashboard, env))
            floor_times.append(timed(floor, env))
        size = sum(f.stat().st_size for f in home.rglob("careercoach.db*"))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    dash, base = statistics.median(dash_times), statistics.median(floor_times)
    ratio = dash / base
    data = ", ".join(f"{n} {k}" for k, n in counts.items())
    print("## Dashboard\n")
    print(
        f"`careercoach dashboard` over a year of data ({data}"
        + (f"; database {size / 1024:.0f} KiB" if size else "")
        + f") run as a subprocess with stdout to a pipe, against the start-up floor of its "
        f'dependencies `python -c "import sqlmodel, typer, rich"`; {RUNS} interleaved runs '
        "each after one warm-up, medians.\n"
    )
    print("| measure | median | min | max |")
    print("| --- | ---: | ---: | ---: |")
    for name, times, middle in (
        ("dashboard", dash_times, dash),
        ("floor (import sqlmodel, typer, rich)", floor_times, base),
    ):
        low, high = min(times) * 1000, max(times) * 1000
        print(f"| {name} | {middle * 1000:.0f} ms | {low:.0f} ms | {high:.0f} ms |")
    verdict = "met" if ratio <= TARGET else "missed"
    print(f"\nRatio dashboard / floor: **{ratio:.2f}** (target <= {TARGET}: {verdict}).")


if __name__ == "__main__":
    main()
