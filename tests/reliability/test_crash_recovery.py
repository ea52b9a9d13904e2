"""Issue 8.2: a careercoach process killed with SIGKILL in the middle of writing.

After each kill the database opens, PRAGMA integrity_check is ok, every row committed before
(and every write the dead process had reported) is intact, and careercoach goes on working.
Kills land (a) at random moments in a loop of `journal add` and `cv add`, (b) exactly between
a write's INSERT and its COMMIT, (c) during a streamed chat answer, and (d) inside a schema
migration, at the backup and at statements of each migration; an interrupted migration leaves
either the finished upgrade or the original at its old version with its backup, both usable.

Default run: 6 random kills, the exact points of a few migrations. Soak: 40 random kills and a
kill inside every migration.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from fakellm import FakeLLM
from rel_helpers import check_writes_kept, child_env, integrity, parse_lines, query

from careercoach.store import migrations

WORKER = str(Path(__file__).with_name("writer_worker.py"))
TABLES = ("journal_entry", "goal", "cv", "job", "application", "application_event",
          "conversation", "message", "usage")


def snapshot(db: Path) -> dict[str, set[tuple[Any, ...]]]:
    """Every row of the tables people write, to prove later that none changed or vanished."""
    conn = sqlite3.connect(db)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return {t: set(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES if t in names}
    finally:
        conn.close()


def assert_kept(db: Path, before: dict[str, set[tuple[Any, ...]]]) -> None:
    after = snapshot(db)
    for table, rows in before.items():
        lost = rows - after.get(table, set())
        assert not lost, f"{len(lost)} committed {table} rows changed or vanished: {list(lost)[:2]}"


def seed(cli: Any, home: Path) -> Path:
    """Commit a few rows through the CLI (in-process: the kills happen in child processes)."""
    cv = home.parent / "seed-cv.txt"
    cv.write_text("Ada Lovelace\nAnalyst\n\nSkills\nPython, SQL, statistics\n", encoding="utf-8")
    for args in (("journal", "add", "Seed entry: a good day"), ("goal", "add", "Seed goal"),
                 ("cv", "add", str(cv), "--name", "seed")):
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
    return home / "careercoach.db"


class Writer:
    """A writer_worker process whose reported writes are collected as they arrive."""

    def __init__(self, home: Path, kinds: str, **env: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, WORKER, "k", "600", kinds],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=child_env(home, **env),
        )
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)
            if '"ready"' in line:
                self.ready.set()
        self.ready.set()

    def kill_after(self, seconds: float) -> None:
        assert self.ready.wait(120), "the writer never started"
        time.sleep(seconds)
        self.proc.send_signal(signal.SIGKILL)

    def finish(self, timeout: float = 120) -> tuple[int, list[dict[str, Any]], str]:
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise
        self._reader.join(timeout=10)
        err = self.proc.stderr.read() if self.proc.stderr else ""
        return self.proc.returncode, parse_lines("".join(self.lines)), err


def random_kills(cli: Any, home: Path, kills: int, figures: Any, name: str) -> None:
    db = seed(cli, home)
    rng = random.Random(8)
    reported_total = 0
    for _ in range(kills):
        before = snapshot(db)
        writer = Writer(home, "journal,cv")
        writer.kill_after(rng.uniform(0.2, 2.5))
        code, records, err = writer.finish()
        assert code == -signal.SIGKILL, err[-800:]
        writes = [r for r in records if "id" in r]
        assert not [r for r in records if "failed" in r], records
        reported_total += len(writes)
        assert integrity(db) == "ok"
        assert_kept(db, before)
        check_writes_kept(db, writes)
    # careercoach still works on the database the kills left behind.
    after = cli("journal", "add", "still here", "--json")
    assert after.exit_code == 0, after.stderr
    assert cli("journal", "list", "--json").exit_code == 0
    figures(name, kills=kills, reported_writes_checked=reported_total, integrity="ok",
            rows_lost=0)


def test_random_sigkills_during_journal_and_cv_writes_lose_nothing(cli, coach_home: Path,
                                                                  figures) -> None:
    random_kills(cli, coach_home, 4, figures, "crash-random-short")


@pytest.mark.soak
def test_forty_random_sigkills_lose_nothing(cli, coach_home: Path, figures) -> None:
    random_kills(cli, coach_home, 40, figures, "crash-random-soak")


@pytest.mark.parametrize("kinds,commits", [("journal", 1), ("cv", 1), ("apply", 2)])
def test_a_kill_between_insert_and_commit_keeps_the_old_rows_and_not_the_new(
    cli: Any, coach_home: Path, kinds: str, commits: int
) -> None:
    db = seed(cli, coach_home)
    before = snapshot(db)
    writer = Writer(coach_home, kinds, WORKER_KILL_AT_COMMIT=str(commits))
    code, records, err = writer.finish(timeout=60)
    assert code == -signal.SIGKILL, err[-800:]
    assert integrity(db) == "ok"
    assert_kept(db, before)
    # The write that was killed before its COMMIT is not there, half or whole.
    assert [r for r in records if "id" in r and r["kind"] == kinds] == []
    assert snapshot(db)["journal_entry"] == before["journal_entry"]
    assert snapshot(db)["cv"] == before["cv"]
    result = cli("journal", "add", "after the crash", "--json")
    assert result.exit_code == 0, result.stderr


def test_a_kill_during_a_streamed_chat_answer_keeps_the_question(cli: Any,
                                                                 coach_home: Path) -> None:
    db = seed(cli, coach_home)
    before = snapshot(db)
    with FakeLLM() as fake:
        fake.push_fault("hang", after_chunks=3, seconds=60,
                        text="A long answer that is being streamed to you piece by piece.")
        env = {"CAREERCOACH_MODEL": "openai/test-model", "CAREERCOACH_API_BASE": fake.base_url,
               "OPENAI_API_KEY": "sk-test-crash"}
        proc = subprocess.Popen(
            [sys.executable, "-m", "careercoach", "chat", "What should I learn next?"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=child_env(coach_home, **env),
        )
        deadline = time.monotonic() + 60
        while not fake.chat_requests and time.monotonic() < deadline:
            time.sleep(0.05)
        assert fake.chat_requests, "the chat never reached the model"
        time.sleep(0.5)  # the first chunks are out, the stream is stalled
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert integrity(db) == "ok"
    assert_kept(db, before)
    questions = query(db, "SELECT content FROM message WHERE role = 'user'")
    assert ("What should I learn next?",) in questions
    listing = cli("chat", "list", "--json")
    assert listing.exit_code == 0, listing.stderr
    assert len(json.loads(listing.stdout)) == 1


# --- migrations --------------------------------------------------------------------------

V1 = """
CREATE TABLE usage (
    id INTEGER NOT NULL PRIMARY KEY, created_at VARCHAR NOT NULL, command VARCHAR NOT NULL,
    model VARCHAR NOT NULL, transport VARCHAR NOT NULL, prompt_tokens INTEGER,
    completion_tokens INTEGER, cost_usd FLOAT, latency_ms INTEGER NOT NULL,
    cache_hit BOOLEAN NOT NULL, outcome VARCHAR NOT NULL
);
CREATE INDEX ix_usage_created_at ON usage (created_at);
CREATE TABLE cache (
    "key" VARCHAR NOT NULL PRIMARY KEY, model VARCHAR NOT NULL, text TEXT NOT NULL,
    prompt_tokens INTEGER, completion_tokens INTEGER, cost_usd FLOAT, created_at VARCHAR NOT NULL
);
PRAGMA user_version = 1;
"""

# Runs in a child: migrate the database, dying by SIGKILL at the given point.
MIGRATE_AND_DIE = r"""
import os, signal, sys
from pathlib import Path
from careercoach.store import migrations
from careercoach.store.db import open_store

where, index = sys.argv[2], int(sys.argv[3])

def die():
    os.kill(os.getpid(), signal.SIGKILL)

if where == "backup":
    original = migrations.backup_database
    def backup_then_die(path, version):
        target = original(path, version)
        if index == 0:  # a backup cut short: half its bytes
            data = target.read_bytes()
            target.write_bytes(data[: len(data) // 2])
        die()
    migrations.backup_database = backup_then_die
else:
    number = int(where)
    original_apply = migrations._apply
    def apply_and_die(conn, path, migration, version):
        if version == number:
            statements = migrations.split_statements(migration.sql)
            for statement in statements[: min(index, len(statements))]:
                conn.execute(statement)
            die()
        return original_apply(conn, path, migration, version)
    migrations._apply = apply_and_die
open_store(Path(sys.argv[1]))
print("migrated without dying", flush=True)
"""


def make_v1(path: Path, rows: int) -> set[tuple[Any, ...]]:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.executescript(V1)
        conn.executemany(
            "INSERT INTO usage VALUES (?, ?, 'gap', 'openai/gpt-4o-mini', 'in-process', ?, ?, "
            "?, ?, 0, 'ok')",
            [(i, f"2026-10-{1 + i % 28:02d}T09:00:00.000000+00:00", 100 + i, 10 + i % 50,
              0.0001 * i, 100 + i % 900) for i in range(1, rows + 1)],
        )
        conn.commit()
        return set(conn.execute("SELECT * FROM usage").fetchall())
    finally:
        conn.close()


def kill_migration(cli: Any, tmp: Path, where: str, index: int,
                   rows: int = 2000) -> dict[str, Any]:
    home = tmp / f"m-{where}-{index}"
    db = home / "careercoach.db"
    usage = make_v1(db, rows)
    child = subprocess.run(
        [sys.executable, "-c", MIGRATE_AND_DIE, str(db), where, str(index)],
        capture_output=True, text=True, timeout=120, env=child_env(home),
    )
    assert child.returncode == -signal.SIGKILL, (child.returncode, child.stderr[-1500:])
    # The database the dead process left: it opens, it is whole, the rows are there.
    assert integrity(db) == "ok"
    version = query(db, "PRAGMA user_version")[0][0]
    assert 1 <= version < migrations.current_version()
    assert set(query(db, "SELECT * FROM usage")) == usage
    backups = sorted(db.parent.glob(db.name + ".bak-*"))
    usable_backup = False
    for backup in backups:
        try:
            ok = integrity(backup) == "ok" and set(query(backup, "SELECT * FROM usage")) == usage
        except sqlite3.DatabaseError:
            ok = False  # a backup cut short by the kill
        usable_backup = usable_backup or (ok and query(backup, "PRAGMA user_version")[0][0] == 1)
    if where != "backup":
        assert usable_backup, "a migration was interrupted but no usable backup is there"
    # careercoach opens it again: the upgrade completes and nothing is lost.
    result = cli("usage", "--json", env={"CAREERCOACH_HOME": str(home)})
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["totals"]["calls"] == rows
    assert query(db, "PRAGMA user_version")[0][0] == migrations.current_version()
    assert integrity(db) == "ok"
    assert set(query(db, "SELECT * FROM usage")) == usage
    assert any(
        integrity(b) == "ok" and query(b, "PRAGMA user_version")[0][0] == 1
        for b in sorted(db.parent.glob(db.name + ".bak-*"))
        if _opens(b)
    )
    return {"version_left": version, "backups": len(backups)}


def _opens(path: Path) -> bool:
    try:
        return integrity(path) == "ok"
    except sqlite3.DatabaseError:
        return False


def _kill_points(every: bool) -> list[tuple[str, int]]:
    """Where to die: in the backup (cut short, or done), and at statements of migrations: the
    first, the middle, or after the last (before the version is recorded)."""
    if not every:
        last = migrations.current_version()
        count = len(migrations.split_statements(migrations.MIGRATIONS[last - 1].sql))
        return [("backup", 0), ("2", 1), (str(last), count // 2), (str(last), count)]
    points: list[tuple[str, int]] = [("backup", 0), ("backup", 1)]
    for number in range(2, migrations.current_version() + 1):
        count = len(migrations.split_statements(migrations.MIGRATIONS[number - 1].sql))
        points += [(str(number), 0), (str(number), max(1, count // 2)), (str(number), count)]
    return points


@pytest.mark.parametrize("where,index", _kill_points(every=False))
def test_a_migration_killed_midway_leaves_a_usable_database_and_backup(
    cli: Any, tmp_path: Path, where: str, index: int
) -> None:
    kill_migration(cli, tmp_path, where, index)


@pytest.mark.soak
def test_a_kill_inside_every_migration_leaves_a_usable_database_and_backup(
    cli: Any, tmp_path: Path, figures
) -> None:
    points = _kill_points(every=True)
    left = [kill_migration(cli, tmp_path, where, index, rows=20_000) for where, index in points]
    figures("crash-migration-soak", kill_points=len(points), usage_rows=20_000,
            versions_left=sorted({r["version_left"] for r in left}), integrity="ok", rows_lost=0)
