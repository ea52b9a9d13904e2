"""Helpers for the reliability tests (issue 8): child processes, database checks, figures."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

# Read at import, before the autouse fixtures scrub the environment.
REPORT = os.environ.get("RELIABILITY_REPORT")
SRC = str(Path(__file__).resolve().parents[2] / "src")
TESTS = str(Path(__file__).resolve().parents[1])


def child_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a careercoach child process: this test's home, no colour, no keys."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CAREERCOACH_", "LITELLM_"))}
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_API_BASE"):
        env.pop(name, None)
    env.update(
        CAREERCOACH_HOME=str(home),
        COLUMNS="100",
        TERM="dumb",
        NO_COLOR="1",
        PYTHONPATH=os.pathsep.join([SRC, TESTS]),
        # A keyring that never reaches a desktop service from a child process.
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
    )
    env.update(extra)
    return env


def run_cli(home: Path, *args: str, input: str | None = None, timeout: float = 120,
            **extra_env: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m careercoach ARGS` in a child process against `home`."""
    return subprocess.run(
        [sys.executable, "-m", "careercoach", *args],
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=child_env(home, **extra_env),
        check=False,
    )


def query(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Rows of `sql` read with plain sqlite3 (a second opinion beside the product's own code)."""
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def integrity(db: Path) -> str:
    return "\n".join(str(row[0]) for row in query(db, "PRAGMA integrity_check"))


def assert_clean_failure(result: Any, code: int = 1) -> None:
    """A refusal as the contract says: the exit code, one message, no traceback."""
    err = result.stderr
    actual = result.exit_code if hasattr(result, "exit_code") else result.returncode
    assert actual == code, (actual, err[-1500:])
    assert "Traceback" not in err and "Traceback" not in result.stdout, err[-1500:]
    assert "Error: unexpected" not in err, err[-1500:]  # the boundary's catch-all
    assert err.strip().startswith("Error:"), err[-1500:]


def record_figures(name: str, **values: Any) -> None:
    """Print what a test measured, and append it to RELIABILITY_REPORT when that names a file."""
    line = json.dumps({"test": name, "at": time.time(), **values}, default=str)
    print(line)
    if REPORT:
        with open(REPORT, "a", encoding="utf-8") as out:
            out.write(line + "\n")


def parse_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def check_writes_kept(db: Path, writes: list[dict[str, Any]]) -> None:
    """Every reported write is there with its own marker (not someone else's row)."""
    for kind, table, column in (("journal", "journal_entry", "text"), ("goal", "goal", "title"),
                                ("job", "job", "title"), ("cv", "cv", "name")):
        stored = dict(query(db, f"SELECT id, {column} FROM {table}"))
        mine = [w for w in writes if w["kind"] == kind]
        missing = [w for w in mine if w["marker"] not in (stored.get(w["id"]) or "")]
        assert not missing, f"{len(missing)} reported {kind} writes are not stored: {missing[:3]}"
    notes = dict(query(db, "SELECT application_id, note FROM application_event"))
    apps = [w for w in writes if w["kind"] == "apply"]
    missing = [w for w in apps if w["marker"] != notes.get(w["id"])]
    assert not missing, f"{len(missing)} reported applications are not stored: {missing[:3]}"
