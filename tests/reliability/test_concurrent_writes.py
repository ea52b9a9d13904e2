"""Issue 8.1: eight careercoach processes writing journal entries, goals, jobs and applications
at once. Every write that reported success is in the database, none failed with "database is
locked", and SQLite's integrity check is ok.

Default run: 8 processes for 5 s. Soak (`pytest -m soak`): 8 processes for 30 s.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from rel_helpers import check_writes_kept, child_env, integrity, parse_lines, query

WORKER = str(Path(__file__).with_name("writer_worker.py"))


def start_writers(home: Path, count: int, seconds: float, kinds: str,
                  warm_up: bool = False) -> list[subprocess.Popen[str]]:
    """Start `count` writer processes, wait until all are ready, then let them go together.

    With `warm_up`, each first runs one round against a scratch home, so the timed part
    measures writes rather than imports (the soak run; the short run saves that time).
    """
    extra = {"WORKER_WAIT_FOR_GO": "1", **({"WORKER_WARM_UP": "1"} if warm_up else {})}
    procs = [
        subprocess.Popen(
            [sys.executable, WORKER, str(n), str(seconds), kinds],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=child_env(home, **extra),
        )
        for n in range(count)
    ]
    for proc in procs:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert '"ready"' in line, (line, proc.stderr.read() if proc.stderr else "")
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    return procs


def hammer(home: Path, *, processes: int, seconds: float, figures: Any, name: str,
           warm_up: bool = False) -> None:
    procs = start_writers(home, processes, seconds, "journal,goal,apply", warm_up)
    started = time.monotonic()
    outputs = []
    try:
        for proc in procs:
            out, err = proc.communicate(timeout=seconds + 180)
            outputs.append((proc.returncode, out, err))
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
    elapsed = time.monotonic() - started
    records = [r for _, out, _ in outputs for r in parse_lines(out)]
    failures = [r for r in records if "failed" in r]
    writes = [r for r in records if "id" in r]
    for code, _, err in outputs:
        assert "database is locked" not in err, err[-1500:]
        assert code == 0, err[-1500:]
    assert not failures, failures[:5]
    assert sum(1 for r in records if "done" in r) == processes

    db = home / "careercoach.db"
    assert integrity(db) == "ok"
    check_writes_kept(db, writes)
    counts = {kind: sum(1 for w in writes if w["kind"] == kind)
              for kind in ("journal", "goal", "job", "apply")}
    # Nothing was stored that no one was told about: the counts match exactly.
    assert query(db, "SELECT count(*) FROM journal_entry")[0][0] == counts["journal"]
    assert query(db, "SELECT count(*) FROM goal")[0][0] == counts["goal"]
    assert query(db, "SELECT count(*) FROM application")[0][0] == counts["apply"]
    assert min(counts.values()) > 0
    figures(name, processes=processes, seconds=seconds, wall_seconds=round(elapsed, 1),
            writes=len(writes), failed=len(failures), locked=0, **counts,
            writes_per_second=round(len(writes) / elapsed, 1), integrity="ok")


def test_eight_processes_writing_for_five_seconds_lose_nothing(coach_home: Path, figures) -> None:
    hammer(coach_home, processes=8, seconds=5, figures=figures, name="concurrency-short")


@pytest.mark.soak
def test_eight_processes_writing_for_thirty_seconds_lose_nothing(coach_home: Path, figures) -> None:
    hammer(coach_home, processes=8, seconds=30, figures=figures, name="concurrency-soak",
           warm_up=True)
