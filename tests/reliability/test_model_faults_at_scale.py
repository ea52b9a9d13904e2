"""Issue 8.3: sequential model calls against the local fake server with 10% injected faults.

One careercoach process makes N `chat --no-cache` calls through the real LiteLLM path. One
request in ten meets a fault: 429, 500, 503, a stream cut before or after its first words
(with a clean close or a TCP reset), a hang before the answer, or a stall mid-stream. Every
call ends in exit 0 or the contract's exit 4, each within timeout x (retries + 1) (plus a
margin for the command's own work), the usage log holds exactly one row per call with the
right outcome, and the process's memory stays flat (the peak is reported).

Default run: 60 calls (every kind of fault at least once). Soak: 1,000 calls.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from fakellm import FakeLLM, Fault, Text
from rel_helpers import child_env, integrity, parse_lines, query

WORKER = str(Path(__file__).with_name("chat_worker.py"))
TIMEOUT_S = 2.0
RETRIES = 1
DEADLINE_S = TIMEOUT_S * (RETRIES + 1)
# The command's own work around the model call (context, database, rendering) on a busy
# 2-core machine; the model call itself is held to DEADLINE_S by the retry policy.
MARGIN_S = 2.0
ANSWER = "Learn SQL window functions, then build a small dbt project and write about it."


def fault_plan(requests: int, rng: random.Random) -> tuple[list[Text | Fault], dict[str, int]]:
    """What each request meets, in order: 10% faults at random places, every kind at least
    once, the rest of the kinds drawn at random."""
    kinds: list[tuple[str, dict[str, Any]]] = [
        ("429", {}), ("500", {}), ("503", {}),
        ("cut", {"after_chunks": 0}), ("cut", {"after_chunks": 2}),
        ("cut", {"after_chunks": 2, "reset": True}),
        ("hang", {"seconds": TIMEOUT_S + 2}),
        ("hang", {"seconds": TIMEOUT_S + 2, "after_chunks": 2}),
    ]
    faults = max(len(kinds), round(requests * 0.10))
    chosen = kinds + [rng.choice(kinds) for _ in range(faults - len(kinds))]
    rng.shuffle(chosen)
    positions = dict(zip(rng.sample(range(requests), faults), chosen))
    plan: list[Text | Fault] = []
    counts: dict[str, int] = {}
    for index in range(requests):
        if index not in positions:
            plan.append(Text(ANSWER))
            continue
        kind, options = positions[index]
        label = kind + "".join(f" {k}={v}" for k, v in sorted(options.items()))
        counts[label] = counts.get(label, 0) + 1
        plan.append(Fault(kind, {**options, "text": ANSWER}))
    return plan, counts


def run_calls(home: Path, calls: int, figures: Any, name: str) -> None:
    rng = random.Random(83)
    # As many planned requests as calls: a retry takes the next one, so the last few calls
    # may meet the server's default answer instead.
    plan, counts = fault_plan(calls, rng)
    with FakeLLM(chunk_size=12) as fake:
        fake.queue(*plan)
        env = child_env(
            home,
            CAREERCOACH_MODEL="openai/test-model",
            CAREERCOACH_API_BASE=fake.base_url,
            OPENAI_API_KEY="sk-test-faults",
            CAREERCOACH_TIMEOUT=str(TIMEOUT_S),
            CAREERCOACH_RETRIES=str(RETRIES),
        )
        started = time.monotonic()
        done = subprocess.run([sys.executable, WORKER, str(calls)], capture_output=True,
                              text=True, env=env, timeout=calls * (DEADLINE_S + MARGIN_S) + 120)
        wall = time.monotonic() - started
        requests = len(fake.chat_requests)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = parse_lines(done.stdout)
    results = [r for r in lines if "i" in r]
    [summary] = [r for r in lines if "done" in r]
    assert len(results) == calls

    codes = [r["code"] for r in results]
    wrong = [r for r in results if r["code"] not in (0, 4)]
    assert not wrong, wrong[:3]
    for r in results:
        if r["code"] == 4:
            assert "Traceback" not in r["stderr"] and r["stderr"].startswith("Error:"), r
    # The first call also pays for the command's first imports; the bound holds for the rest.
    slow = [r for r in results[1:] if r["seconds"] > DEADLINE_S + MARGIN_S]
    assert not slow, slow[:3]

    db = home / "careercoach.db"
    assert integrity(db) == "ok"
    outcomes = dict(query(db, "SELECT outcome, count(*) FROM usage GROUP BY outcome"))
    assert sum(outcomes.values()) == calls, outcomes  # one usage row per call
    assert outcomes.get("ok", 0) == codes.count(0), outcomes
    assert query(db, "SELECT count(*) FROM usage WHERE command = 'chat'")[0][0] == calls
    # Every question was kept, answered or not.
    assert query(db, "SELECT count(*) FROM message WHERE role = 'user'")[0][0] == calls

    rss = [r["rss_kib"] for r in results]
    settled = rss[max(1, calls // 10) - 1]  # after the first tenth: imports and caches done
    growth_mib = (max(rss[calls // 10:]) - settled) / 1024
    assert growth_mib < 40, f"memory grew by {growth_mib:.1f} MiB over {calls} calls"
    faults_met = requests - calls  # every extra request was a retry after a fault
    figures(
        name, calls=calls, requests=requests, faults_planned=counts,
        faults_planned_total=sum(counts.values()), retries=faults_met,
        ok=codes.count(0), exit_4=codes.count(4), other_exit=len(wrong),
        usage_rows=sum(outcomes.values()), usage_outcomes=outcomes,
        first_call_seconds=results[0]["seconds"],
        max_call_seconds=max(r["seconds"] for r in results[1:]),
        median_call_seconds=round(statistics.median(r["seconds"] for r in results), 3),
        deadline_seconds=DEADLINE_S, rss_after_first_tenth_mib=round(settled / 1024, 1),
        rss_end_mib=round(rss[-1] / 1024, 1), rss_growth_mib=round(growth_mib, 1),
        peak_rss_mib=round(summary["peak_rss_kib"] / 1024, 1), wall_seconds=round(wall, 1),
    )


def test_sixty_model_calls_with_faults_end_as_the_contract_says(coach_home: Path,
                                                                   figures) -> None:
    run_calls(coach_home, 60, figures, "model-faults-short")


@pytest.mark.soak
def test_a_thousand_model_calls_with_faults_end_as_the_contract_says(coach_home: Path,
                                                                    figures) -> None:
    run_calls(coach_home, 1000, figures, "model-faults-soak")
