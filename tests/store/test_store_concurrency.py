"""Two careercoach processes writing at once: no lost update, no "database is locked"."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from careercoach.store.db import open_store

INCREMENTS = 200

# Each worker opens the store, says it is ready, waits for the go line on stdin (so both
# start together), then does read-modify-write increments through Store.session().
WORKER = r"""
import sys
from pathlib import Path

from sqlalchemy import text

from careercoach.store.db import open_store

store = open_store(Path(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()
for _ in range(int(sys.argv[2])):
    with store.session() as session:
        conn = session.connection()
        value = conn.execute(text("SELECT value FROM counter WHERE id = 1")).scalar_one()
        conn.execute(text("UPDATE counter SET value = :v WHERE id = 1"), {"v": value + 1})
store.close()
print("done", flush=True)
"""


def _start(path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, str(path), str(INCREMENTS)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_incrementing_one_row_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "careercoach.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)")
        conn.execute("INSERT INTO counter VALUES (1, 0)")
    conn.close()

    workers = [_start(path), _start(path)]
    try:
        for worker in workers:
            assert worker.stdout is not None
            assert worker.stdout.readline().strip() == "ready"
        for worker in workers:
            assert worker.stdin is not None
            worker.stdin.write("go\n")
            worker.stdin.flush()
        results = [worker.communicate(timeout=120) for worker in workers]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()

    for worker, (out, err) in zip(workers, results):
        assert "database is locked" not in err, err[-800:]
        assert worker.returncode == 0, err
        assert out.strip() == "done"
    check = sqlite3.connect(path)
    try:
        assert check.execute("SELECT value FROM counter").fetchone()[0] == 2 * INCREMENTS
    finally:
        check.close()
