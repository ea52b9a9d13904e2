"""Schema migrations: fresh databases, upgrades with a backup, refusals, and no drift."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from careercoach.errors import StoreError
from careercoach.store import migrations
from careercoach.store.db import open_store
from careercoach.store.ledger import StoreLedger
from careercoach.store.migrations import Migration, current_version, split_statements

# The schema careercoach 0.1 shipped (version 1), written out by hand rather than taken from
# the migration code, so that a change to m001 cannot hide a break with real v1 databases.
V1_SCHEMA = """
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
INSERT INTO usage VALUES
    (1, '2026-10-03T09:00:00.000000+00:00', 'gap', 'openai/gpt-4o-mini', 'in-process',
     1200, 300, 0.0021, 950, 0, 'ok'),
    (2, '2026-11-20T18:30:00.000000+00:00', 'chat', 'ollama/llama3.1', 'worker',
     400, 80, NULL, 2100, 0, 'ok'),
    (3, '2026-11-21T08:00:00.000000+00:00', 'gap', 'openai/gpt-4o-mini', 'in-process',
     NULL, NULL, NULL, 12, 1, 'ok');
INSERT INTO cache VALUES
    ('aaaa', 'openai/gpt-4o-mini', 'Your CV is strong.', 1200, 300, 0.0021,
     '2026-10-03T09:00:00.000000+00:00');
PRAGMA user_version = 1;
"""


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def make_v1_database(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.executescript(V1_SCHEMA)
    finally:
        conn.close()


def backups_of(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".bak-*"))


def test_migrations_are_named_in_order() -> None:
    names = [m.name for m in migrations.MIGRATIONS]
    assert len(set(names)) == len(names)
    for number, name in enumerate(names, start=1):
        assert re.fullmatch(rf"m{number:03d}_[a-z0-9_]+", name), name
    assert current_version() == len(names)


def test_a_fresh_database_is_created_at_the_current_version_without_backup(
    coach_home: Path,
) -> None:
    store = open_store()
    try:
        assert store.schema_version == current_version()
        assert backups_of(store.path) == []
    finally:
        store.close()


def test_a_version_1_database_is_upgraded_keeping_every_row_and_a_backup(
    coach_home: Path, umask_022: None
) -> None:
    path = coach_home / "careercoach.db"
    make_v1_database(path)

    store = open_store()
    try:
        assert store.schema_version == current_version()
        ledger = StoreLedger(store)
        cached = ledger.cached("aaaa")
        assert cached is not None and cached.text == "Your CV is strong."
        totals = ledger.summary()["totals"]
        assert totals["calls"] == 3
        assert totals["unknown_cost_calls"] == 1
        assert totals["cache_hits"] == 1
        with store.read_session() as session:
            rows = session.connection().exec_driver_sql("SELECT * FROM usage ORDER BY id").all()
        assert [tuple(r) for r in rows] == [
            (1, "2026-10-03T09:00:00.000000+00:00", "gap", "openai/gpt-4o-mini",
             "in-process", 1200, 300, 0.0021, 950, 0, "ok"),
            (2, "2026-11-20T18:30:00.000000+00:00", "chat", "ollama/llama3.1", "worker",
             400, 80, None, 2100, 0, "ok"),
            (3, "2026-11-21T08:00:00.000000+00:00", "gap", "openai/gpt-4o-mini",
             "in-process", None, None, None, 12, 1, "ok"),
        ]
    finally:
        store.close()

    [backup] = backups_of(path)
    assert re.fullmatch(r"careercoach\.db\.bak-v1-\d{8}T\d{6}Z", backup.name)
    if os.name == "posix":
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    copy = sqlite3.connect(backup)
    try:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT count(*) FROM usage").fetchone()[0] == 3
        assert copy.execute("SELECT text FROM cache").fetchone()[0] == "Your CV is strong."
        tables = {r[0] for r in copy.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert tables == {"usage", "cache"}
    finally:
        copy.close()


def test_a_current_database_is_opened_again_without_a_new_backup(coach_home: Path) -> None:
    make_v1_database(coach_home / "careercoach.db")
    open_store().close()
    open_store().close()
    assert len(backups_of(coach_home / "careercoach.db")) == 1


def test_a_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "careercoach.db"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('v99 data');"
        f"PRAGMA user_version = {current_version() + 97};"
    )
    conn.close()
    before = path.read_bytes()
    before_mtime = path.stat().st_mtime_ns

    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert "created by a newer careercoach" in caught.value.message
    assert caught.value.hint and "upgrade careercoach" in caught.value.hint
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == before_mtime
    assert backups_of(path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["careercoach.db"]


def test_a_failing_migration_leaves_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "careercoach.db"
    open_store(path).close()
    broken = Migration(
        "m999_broken",
        "CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);",
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])

    with pytest.raises(StoreError, match="m999_broken.*no such table") as caught:
        open_store(path)
    assert caught.value.hint and f"unchanged at v{current_version() - 1}" in caught.value.hint

    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations.MIGRATIONS) - 1
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "half_done" not in tables
    finally:
        conn.close()
    monkeypatch.undo()
    store = open_store(path)  # a failed open is not cached
    assert store.schema_version == current_version()
    store.close()


def test_each_migration_commits_on_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure in migration N keeps migrations before it that already committed."""
    path = tmp_path / "careercoach.db"
    make_v1_database(path)
    broken = Migration("m999_broken", "SELECT * FROM no_such_table;")
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    with pytest.raises(StoreError):
        open_store(path)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations.MIGRATIONS) - 1
    finally:
        conn.close()


def _describe(conn: sqlite3.Connection) -> dict[str, Any]:
    """Tables, columns, foreign keys and indexes, as SQLite itself reports them."""
    schema: dict[str, Any] = {}
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            # full-text indexes are made by the migrations only; their tests are elsewhere
            " AND name NOT LIKE '%\\_fts%' ESCAPE '\\'"
        )
    ]
    for table in tables:
        columns = {
            name: (type_.upper(), bool(notnull), default, pk)
            for _, name, type_, notnull, default, pk in conn.execute(
                f"PRAGMA table_info('{table}')"
            )
        }
        foreign_keys = sorted(
            (row[2], row[3], row[4], row[5], row[6])
            for row in conn.execute(f"PRAGMA foreign_key_list('{table}')")
        )
        indexes = {
            row[1]: (
                bool(row[2]),
                [c[2] for c in conn.execute(f"PRAGMA index_info('{row[1]}')")],
            )
            for row in conn.execute(f"PRAGMA index_list('{table}')")
        }
        schema[table] = {"columns": columns, "foreign_keys": foreign_keys, "indexes": indexes}
    return schema


def test_the_migrated_schema_is_what_the_models_describe(tmp_path: Path) -> None:
    import careercoach.store.models  # noqa: F401  (registers the tables)

    migrated_path = tmp_path / "migrated.db"
    open_store(migrated_path).close()

    modelled_path = tmp_path / "modelled.db"
    engine = create_engine(f"sqlite:///{modelled_path}")
    SQLModel.metadata.create_all(engine)
    engine.dispose()

    migrated, modelled = sqlite3.connect(migrated_path), sqlite3.connect(modelled_path)
    try:
        expected = _describe(modelled)
        assert set(expected) == set(SQLModel.metadata.tables)
        assert _describe(migrated) == expected
    finally:
        migrated.close()
        modelled.close()


def test_split_statements_keeps_semicolons_inside_strings_and_triggers() -> None:
    sql = """
    CREATE TABLE t (x TEXT DEFAULT 'a;b');
    CREATE TRIGGER tr AFTER INSERT ON t BEGIN
        UPDATE t SET x = 'c;d';
        DELETE FROM t WHERE x = ';';
    END;
    -- a closing comment
    """
    statements = split_statements(sql)
    assert len(statements) == 3
    assert statements[0] == "CREATE TABLE t (x TEXT DEFAULT 'a;b');"
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")
    conn = sqlite3.connect(":memory:")
    for statement in statements:
        conn.execute(statement)
    conn.execute("INSERT INTO t DEFAULT VALUES")
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 1


# Two processes open the same old database at the same moment; only one may migrate it.
OPENER = r"""
import sys
from pathlib import Path

from careercoach.store.db import open_store

print("ready", flush=True)
sys.stdin.readline()
store = open_store(Path(sys.argv[1]))
print(store.schema_version, flush=True)
store.close()
"""


def test_two_processes_opening_an_old_database_migrate_it_once(tmp_path: Path) -> None:
    path = tmp_path / "careercoach.db"
    make_v1_database(path)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        for proc in procs:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        results = [proc.communicate(timeout=60) for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
    for proc, (out, err) in zip(procs, results):
        assert proc.returncode == 0, err
        assert out.strip() == str(current_version())
    assert len(backups_of(path)) == 1
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM usage").fetchone()[0] == 3
    finally:
        conn.close()


def test_m007_indexes_the_application_notes_a_v6_database_already_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "careercoach.db"
    conn = sqlite3.connect(path, isolation_level=None)
    every = list(migrations.MIGRATIONS)
    assert every[6].name == "m007_search_applications"
    monkeypatch.setattr(migrations, "MIGRATIONS", every[:6])
    assert migrations.migrate(conn, path) == 6
    now = "2026-12-01T10:00:00.000000+00:00"
    conn.executescript(
        f"""
        INSERT INTO application (id, title, company, status, status_since, created_at,
            updated_at) VALUES (4, 'Data Engineer', 'Finlytics', 'applied', '2026-12-01',
            '{now}', '{now}');
        INSERT INTO application_event (id, application_id, status, date, note, created_at)
            VALUES (9, 4, 'applied', '2026-12-01', 'Referred by Okonkwo', '{now}');
        """
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", every)
    assert migrations.migrate(conn, path) == 7
    rows = conn.execute(
        "SELECT rowid, type, ref_id, title FROM search_fts WHERE search_fts MATCH 'okonkwo'"
    ).fetchall()
    assert rows == [(9 * 8 + 7, "application", 4, "Data Engineer Finlytics")]
    # and from now on the triggers keep it: a renamed application, a removed event
    conn.execute("UPDATE application SET company = 'Finlytics Ltd' WHERE id = 4")
    title = conn.execute("SELECT title FROM search_fts WHERE rowid = ?", (9 * 8 + 7,)).fetchone()
    assert title == ("Data Engineer Finlytics Ltd",)
    conn.execute("DELETE FROM application_event WHERE id = 9")
    assert conn.execute("SELECT count(*) FROM search_fts WHERE rowid % 8 = 7").fetchone() == (0,)
    conn.close()
