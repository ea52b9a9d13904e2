"""dashboard: empty states, the figures with data (JSON and screen), no model, no litellm."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

TODAY = date.today()
NOW = datetime.now(timezone.utc)


def _store():
    from careercoach.store.db import open_store

    return open_store()


def _dashboard(cli) -> dict[str, Any]:
    result = cli("dashboard", "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_empty_store_has_an_empty_state_in_every_panel(cli) -> None:
    data = _dashboard(cli)
    assert set(data) == {
        "generated_at",
        "matches",
        "skills",
        "goals",
        "mood",
        "applications",
        "recent_analyses",
        "usage",
    }
    assert data["matches"] == [] and data["goals"] == [] and data["recent_analyses"] == []
    assert data["skills"] == {"count": 0}
    assert data["mood"]["entries"] == 0 and len(data["mood"]["weeks"]) == 12
    assert data["mood"]["mood"] == [None] * 12
    assert data["applications"]["total"] == 0
    assert data["usage"]["calls"] == 0 and data["usage"]["month"] == NOW.strftime("%Y-%m")
    assert datetime.fromisoformat(data["generated_at"]).tzinfo is not None
    out = cli("dashboard").stdout
    for hint in (
        "careercoach gap --job JOB_ID",
        "careercoach cv parse",
        'careercoach goal add "TITLE"',
        "careercoach journal add",
        "careercoach apply add JOB_ID",
        "No analyses yet",
        "No model calls this month.",
    ):
        assert hint in out, hint
    assert max(len(line) for line in out.splitlines()) <= 100


def _fill() -> dict[str, Any]:
    """A small, known history: every figure the dashboard shows can be worked out by hand."""
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

    monday = TODAY - timedelta(days=TODAY.weekday())
    with _store().session() as s:
        jobs = [
            Job(title="Data Engineer", company="Acme", text="x"),
            Job(title="ML Engineer", text="y"),
        ]
        s.add_all(jobs)
        s.flush()
        s.add_all(
            [
                Analysis(
                    kind="gap",
                    job_id=jobs[0].id,
                    mode="offline",
                    verdict="UNFIT",
                    score=41.0,
                    created_at=NOW - timedelta(days=9),
                ),
                Analysis(
                    kind="gap",
                    job_id=jobs[0].id,
                    mode="offline",
                    verdict="FIT",
                    score=77.4,
                    created_at=NOW - timedelta(days=2),
                ),
                Analysis(
                    kind="gap",
                    job_id=jobs[1].id,
                    mode="llm",
                    verdict="UNFIT",
                    score=58.0,
                    created_at=NOW - timedelta(days=5),
                ),
                Analysis(kind="cv", mode="offline", score=64.0, created_at=NOW - timedelta(days=1)),
            ]
            + [
                Analysis(
                    kind="cv", mode="offline", score=50.0, created_at=NOW - timedelta(days=30 + i)
                )
                for i in range(3)
            ]
        )
        s.add_all(ProfileSkill(name=name) for name in ("Python", "SQL", "Airflow"))
        goal = Goal(title="Get AWS certified", due=(TODAY + timedelta(days=40)).isoformat())
        s.add(goal)
        s.flush()
        s.add_all(
            GoalStep(goal_id=goal.id, position=i, text=f"step {i}", done=i < 1) for i in range(3)
        )
        s.add_all(
            [
                JournalEntry(entry_date=monday.isoformat(), text="a", mood=4, stress=3.0),
                JournalEntry(entry_date=monday.isoformat(), text="b", mood=2, stress=5.0),
                JournalEntry(entry_date=(monday - timedelta(days=7)).isoformat(), text="c", mood=5),
                JournalEntry(
                    entry_date=(monday - timedelta(weeks=20)).isoformat(), text="old", mood=1
                ),
            ]
        )
        app = Application(
            job_id=jobs[0].id,
            title="Data Engineer",
            status="screening",
            status_since=(TODAY - timedelta(days=2)).isoformat(),
        )
        s.add(app)
        s.flush()
        s.add_all(
            [
                ApplicationEvent(
                    application_id=app.id,
                    status="applied",
                    date=(TODAY - timedelta(days=10)).isoformat(),
                ),
                ApplicationEvent(
                    application_id=app.id,
                    status="screening",
                    date=(TODAY - timedelta(days=2)).isoformat(),
                ),
            ]
        )
        usage = dict(
            command="gap",
            model="openai/gpt-4o-mini",
            transport="in-process",
            latency_ms=900,
            outcome="ok",
        )
        start_of_month = NOW.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        s.add_all(
            [
                UsageRecord(
                    created_at=NOW,
                    prompt_tokens=1000,
                    completion_tokens=200,
                    cost_usd=0.0125,
                    cache_hit=False,
                    **usage,
                ),
                UsageRecord(
                    created_at=start_of_month,
                    prompt_tokens=500,
                    completion_tokens=100,
                    cost_usd=0.0025,
                    cache_hit=False,
                    **usage,
                ),
                UsageRecord(
                    created_at=NOW,
                    prompt_tokens=1000,
                    completion_tokens=200,
                    cost_usd=None,
                    cache_hit=True,
                    **usage,
                ),
                UsageRecord(
                    created_at=start_of_month - timedelta(seconds=1),
                    prompt_tokens=9999,
                    completion_tokens=9999,
                    cost_usd=9.0,
                    cache_hit=False,
                    **usage,
                ),
            ]
        )
    return {"goal_id": goal.id, "jobs": [j.id for j in jobs]}


def test_dashboard_with_data_in_json_and_on_screen(cli) -> None:
    ids = _fill()
    data = _dashboard(cli)
    matches = {m["job_id"]: m for m in data["matches"]}
    assert (
        matches[ids["jobs"][0]]["readiness"] == 77 and matches[ids["jobs"][0]]["verdict"] == "FIT"
    )
    assert matches[ids["jobs"][1]]["readiness"] == 58
    assert [m["job_id"] for m in data["matches"]] == ids["jobs"]  # newest analysis first
    assert data["skills"]["count"] == 3
    assert data["goals"] == [
        {
            "id": ids["goal_id"],
            "title": "Get AWS certified",
            "progress": 33,
            "steps_done": 1,
            "steps_total": 3,
            "due": (TODAY + timedelta(days=40)).isoformat(),
            "overdue": False,
        }
    ]
    mood = data["mood"]
    assert mood["entries"] == 3  # the entry from 20 weeks ago is outside the 12 weeks
    assert mood["mood"][-1] == 3.0 and mood["mood"][-2] == 5.0 and mood["mood"][0] is None
    assert mood["stress"][-1] == 4.0 and mood["stress"][-2] is None
    funnel = data["applications"]
    assert funnel["total"] == 1 and funnel["reached"]["screening"] == 1
    assert funnel["response_days_median"] == 8.0
    recent = data["recent_analyses"]
    assert len(recent) == 5
    assert [r["kind"] for r in recent[:3]] == ["cv", "gap", "gap"]
    assert recent[1]["score"] == 77 and recent[1]["job_title"] == "Data Engineer"
    usage = data["usage"]
    assert (usage["calls"], usage["prompt_tokens"], usage["completion_tokens"]) == (3, 1500, 300)
    assert usage["cost_usd"] == 0.015 and usage["cache_hits"] == 1

    out = cli("dashboard").stdout
    for text in (
        "Data Engineer",
        "77",
        "FIT",
        "3 skills",
        "Get AWS certified",
        "33%",
        "Applications (1)",
        "median 8 days",
        "$0.0150",
        "1,500 in, 300 out",
    ):
        assert text in out, text
    mood_line = next(line for line in out.splitlines() if "│ mood " in line)
    assert "█▅ last 3.0" in mood_line  # weeks of 5.0 and 3.0 on the 1-5 scale
    assert max(len(line) for line in out.splitlines()) <= 100


def test_goal_progress_matches_goal_list(cli) -> None:
    _fill()
    listed = json.loads(cli("goal", "list", "--json").stdout)
    shown = _dashboard(cli)["goals"]
    assert [(g["id"], g["progress"]) for g in shown] == [(g["id"], g["progress"]) for g in listed]


def test_usage_matches_the_usage_report_for_this_month(cli) -> None:
    _fill()
    report = json.loads(cli("usage", "--json").stdout)
    month = next(m for m in report["by_month"] if m["month"] == NOW.strftime("%Y-%m"))
    usage = _dashboard(cli)["usage"]
    for key in ("calls", "prompt_tokens", "completion_tokens", "cost_usd", "cache_hits"):
        assert usage[key] == month[key], key


def test_dashboard_never_calls_a_model(cli, fake_llm) -> None:
    _fill()
    assert cli("dashboard").exit_code == 0
    assert cli("dashboard", "--json").exit_code == 0
    assert fake_llm.chat_requests == []


def test_dashboard_imports_no_litellm_and_no_table_models(tmp_path: Path) -> None:
    env = {**os.environ, "CAREERCOACH_HOME": str(tmp_path / "home")}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "careercoach", "dashboard"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "careercoach.services.dashboard" in modules  # the check saw the real command
    assert not {m for m in modules if m.split(".")[0] == "litellm"}
    assert "careercoach.llm.gateway" not in modules
    # The table models cost a quarter of the run (bench/bench_dashboard.py); keep them out.
    assert "careercoach.store.models" not in modules
    assert "careercoach dashboard" in proc.stdout
