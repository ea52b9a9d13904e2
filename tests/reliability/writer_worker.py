"""A careercoach process that writes through the real commands for a while (issue 8, points 1-2).

    python writer_worker.py WORKER_ID SECONDS [KINDS]

KINDS is a comma list of journal, goal, apply, cv (default journal,goal,apply). Each round
runs the commands in-process through the Typer app, as `careercoach ... --json` would, and
after every write that reported success prints one JSON line {"kind", "id", "marker"} and
flushes it, so a parent that kills this process still knows every write it was told about.
A failed write prints {"kind", "failed": exit_code, "stderr": ...}.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from careercoach.cli import app

POSTING = """{title}

Acme Data GmbH is hiring. Reference {marker}.

Requirements:
- 3+ years of Python and SQL
- Experience with Airflow or dbt

Nice to have:
- Kubernetes
"""

CV = """Jane Doe
Data Engineer

Experience
Acme Corp, Data Engineer, 2019 - 2024
- Built pipelines in Python and SQL ({marker})

Skills
Python, SQL, Airflow, Docker
"""


def kill_self_at_commit(count: int) -> None:
    """SIGKILL this process as its `count`-th writing transaction is about to COMMIT: the rows
    are sent to SQLite inside the open transaction, the COMMIT is not (the worst moment to die).

    Watches the SQL of every sqlite3 connection (SQLAlchemy's and the store's plain ones),
    so it holds whichever way a command writes.
    """
    import signal
    import sqlite3

    seen = [0]
    connect = sqlite3.connect

    def connect_and_watch(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = connect(*args, **kwargs)  # type: ignore[arg-type]
        wrote = [False]

        def trace(statement: str) -> None:
            words = statement.split(None, 1)
            head = words[0].upper() if words else ""
            if head in ("INSERT", "UPDATE", "DELETE", "REPLACE"):
                wrote[0] = True
            elif head in ("BEGIN", "ROLLBACK"):
                wrote[0] = False
            elif head in ("COMMIT", "END") and wrote[0]:
                wrote[0] = False
                seen[0] += 1
                if seen[0] >= count:
                    os.kill(os.getpid(), signal.SIGKILL)

        conn.set_trace_callback(trace)
        return conn

    sqlite3.connect = connect_and_watch  # type: ignore[assignment]
    sqlite3.dbapi2.connect = connect_and_watch  # type: ignore[assignment]  (SQLAlchemy's door)


def main() -> int:
    worker, seconds = sys.argv[1], float(sys.argv[2])
    if os.environ.get("WORKER_KILL_AT_COMMIT"):
        kill_self_at_commit(int(os.environ["WORKER_KILL_AT_COMMIT"]))
    kinds = (sys.argv[3] if len(sys.argv) > 3 else "journal,goal,apply").split(",")
    runner = CliRunner()
    # Beside the home (a test's tmp_path), so it goes when the test's files go.
    scratch = Path(os.environ["CAREERCOACH_HOME"]).parent / f"scratch-{worker}-{os.getpid()}"
    scratch.mkdir(parents=True, exist_ok=True)
    # Warm up against a scratch home (imports, taxonomy, parsers), so the timed run measures
    # writes rather than start-up; then point at the real home.
    if os.environ.get("WORKER_WARM_UP"):
        home = os.environ["CAREERCOACH_HOME"]
        os.environ["CAREERCOACH_HOME"] = str(scratch / "warmup")
        _round(runner, kinds, scratch, "warmup", quiet=True)
        os.environ["CAREERCOACH_HOME"] = home
    print(json.dumps({"ready": worker, "pid": os.getpid()}), flush=True)
    if os.environ.get("WORKER_WAIT_FOR_GO"):
        sys.stdin.readline()  # start together with the others
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        n += 1
        _round(runner, kinds, scratch, f"w{worker}n{n}x")
    print(json.dumps({"done": worker, "rounds": n}), flush=True)
    return 0


def _round(runner: CliRunner, kinds: list[str], scratch: Path, marker: str,
           quiet: bool = False) -> None:
    """One write of each kind, each reported (unless `quiet`) as soon as it is known."""
    report = (lambda *args: args[1].exit_code == 0) if quiet else _report
    for kind in kinds:
        if kind == "journal":
            result = runner.invoke(app, ["journal", "add", f"Entry {marker} about work",
                                         "--json"])
        elif kind == "goal":
            result = runner.invoke(app, ["goal", "add", f"Goal {marker}", "--json"])
        elif kind == "apply":
            posting = POSTING.format(title=f"Data Engineer {marker}", marker=marker)
            job = runner.invoke(app, ["--offline", "job", "add", "-", "--json"],
                                input=posting)
            if not report("job", job, marker):
                continue
            job_id = str(json.loads(job.stdout)["id"])
            result = runner.invoke(app, ["apply", "add", job_id, "--note", marker, "--json"])
        elif kind == "cv":
            path = scratch / f"cv-{marker}.txt"
            path.write_text(CV.format(marker=marker), encoding="utf-8")
            result = runner.invoke(app, ["cv", "add", str(path), "--name", marker, "--json"])
        else:
            raise SystemExit(f"unknown kind {kind}")
        report(kind, result, marker)


def _report(kind: str, result: object, marker: str) -> bool:
    code = getattr(result, "exit_code")
    if code == 0:
        record = json.loads(getattr(result, "stdout"))
        print(json.dumps({"kind": kind, "id": record["id"], "marker": marker}), flush=True)
        return True
    stderr = getattr(result, "stderr", "") or ""
    exc = getattr(result, "exception", None)
    print(json.dumps({"kind": kind, "failed": code, "marker": marker,
                      "stderr": stderr[-600:], "exception": repr(exc)}), flush=True)
    return False


if __name__ == "__main__":
    sys.exit(main())
