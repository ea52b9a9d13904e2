"""open_store: private files, pragmas, transaction modes, caching and errors on open."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from careercoach.errors import StoreError
from careercoach.store import db
from careercoach.store.db import Store, open_store
from careercoach.store.migrations import current_version

POSIX = os.name == "posix"
ROOT = POSIX and os.geteuid() == 0


@pytest.fixture
def store(coach_home: Path) -> Iterator[Store]:
    opened = open_store()
    yield opened
    opened.close()


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_opens_the_default_path_in_careercoach_home(store: Store, coach_home: Path) -> None:
    assert store.path == coach_home / "careercoach.db"
    assert store.path.is_file()
    assert store.schema_version == current_version()
    assert store.integrity_check() == "ok"


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_directory_is_0700_and_db_wal_shm_are_0600_under_umask_022(
    coach_home: Path, umask_022: None
) -> None:
    store = open_store()
    try:
        with store.session() as session:
            session.connection().execute(text("CREATE TABLE note (body TEXT)"))
        # While a reader holds a snapshot the -wal and -shm files exist.
        with store.read_session() as session:
            session.connection().execute(text("SELECT count(*) FROM note")).scalar_one()
            wal, shm = (coach_home / "careercoach.db-wal", coach_home / "careercoach.db-shm")
            assert wal.exists() and shm.exists()
            assert mode(wal) == 0o600
            assert mode(shm) == 0o600
        assert mode(coach_home) == 0o700
        assert mode(store.path) == 0o600
    finally:
        store.close()


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_an_existing_world_readable_database_is_made_private(
    tmp_path: Path, umask_022: None
) -> None:
    path = tmp_path / "old.db"
    sqlite3.connect(path).close()  # sqlite3 creates it 0644 under umask 022
    assert mode(path) == 0o644
    store = open_store(path)
    store.close()
    assert mode(path) == 0o600


def test_pragmas_hold_on_every_connection(store: Store) -> None:
    for make_session in (store.session, store.read_session):
        with make_session() as session:
            conn = session.connection()
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 1  # NORMAL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() == db.BUSY_TIMEOUT_MS


def _other_writer(path: Path) -> sqlite3.Connection:
    """A second connection that gives up at once when the write lock is taken."""
    return sqlite3.connect(path, timeout=0, isolation_level=None)


def test_a_write_session_takes_the_write_lock_at_its_first_statement(store: Store) -> None:
    other = _other_writer(store.path)
    try:
        with store.session() as session:
            session.connection().exec_driver_sql("SELECT 1").scalar_one()
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # released on commit
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_read_session_leaves_writers_free(store: Store) -> None:
    other = _other_writer(store.path)
    try:
        with store.read_session() as session:
            session.connection().exec_driver_sql("SELECT 1").scalar_one()
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_deferred_read_then_write_fails_once_another_writer_commits(store: Store) -> None:
    """Why write sessions BEGIN IMMEDIATE: a deferred transaction whose snapshot went stale
    cannot be upgraded to a write, and SQLite says "database is locked" without waiting."""
    with store.session() as session:
        session.connection().exec_driver_sql("CREATE TABLE counter (value INTEGER)")
        session.connection().exec_driver_sql("INSERT INTO counter VALUES (0)")
    other = sqlite3.connect(store.path, isolation_level=None)
    try:
        with store.engine.connect() as conn:  # the engine's default is BEGIN DEFERRED
            value = conn.exec_driver_sql("SELECT value FROM counter").scalar_one()
            other.execute("UPDATE counter SET value = value + 1")
            with pytest.raises(Exception, match="database is locked"):
                conn.exec_driver_sql("UPDATE counter SET value = ?", (value + 1,))
    finally:
        other.close()


def test_a_write_session_commits_on_success_and_rolls_back_on_error(store: Store) -> None:
    with store.session() as session:
        session.connection().exec_driver_sql("CREATE TABLE note (body TEXT)")
        session.connection().exec_driver_sql("INSERT INTO note VALUES ('kept')")
    with pytest.raises(RuntimeError), store.session() as session:
        session.connection().exec_driver_sql("INSERT INTO note VALUES ('dropped')")
        raise RuntimeError("boom")
    with store.read_session() as session:
        rows = session.connection().exec_driver_sql("SELECT body FROM note").scalars().all()
    assert rows == ["kept"]


def test_a_read_session_discards_writes(store: Store) -> None:
    with store.session() as session:
        session.connection().exec_driver_sql("CREATE TABLE note (body TEXT)")
    with store.read_session() as session:
        session.connection().exec_driver_sql("INSERT INTO note VALUES ('x')")
    with store.read_session() as session:
        count = session.connection().exec_driver_sql("SELECT count(*) FROM note").scalar_one()
    assert count == 0


def test_the_engine_is_cached_per_path_until_closed(coach_home: Path, tmp_path: Path) -> None:
    first, second = open_store(), open_store()
    other = open_store(tmp_path / "other.db")
    try:
        assert first.engine is second.engine
        assert other.engine is not first.engine
        first.close()
        third = open_store()
        assert third.engine is not first.engine
        third.close()
    finally:
        other.close()


def test_a_removed_database_is_created_again(coach_home: Path) -> None:
    store = open_store()
    store.path.unlink()
    again = open_store()
    try:
        assert again.path.is_file()
        assert again.schema_version == current_version()
    finally:
        again.close()


def test_a_corrupt_file_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "careercoach.db"
    junk = os.urandom(8192)
    path.write_bytes(junk)
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert "not a database" in caught.value.message
    assert caught.value.hint and "bak" in caught.value.hint
    assert path.read_bytes() == junk


def test_a_directory_in_place_of_the_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "careercoach.db"
    path.mkdir()
    with pytest.raises(StoreError, match="not a file"):
        open_store(path)


def test_a_data_directory_that_cannot_be_made_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError, match="cannot create"):
        open_store(blocker / "careercoach.db")


def test_a_full_disk_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(*args: object, **kwargs: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(db.os, "open", no_space)
    with pytest.raises(StoreError) as caught:
        open_store(tmp_path / "careercoach.db")
    assert caught.value.hint and "disk is full" in caught.value.hint


@pytest.mark.skipif(not POSIX or ROOT, reason="needs POSIX permissions that bind (not root)")
def test_an_unreadable_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "careercoach.db"
    sqlite3.connect(path).close()
    path.chmod(0)
    try:
        with pytest.raises(StoreError) as caught:
            open_store(path)
        assert caught.value.hint
    finally:
        path.chmod(0o600)


@pytest.mark.skipif(not POSIX or ROOT, reason="needs POSIX permissions that bind (not root)")
def test_a_read_only_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "careercoach.db"
    open_store(path).close()
    path.chmod(0o400)
    try:
        with pytest.raises(StoreError) as caught:
            open_store(path)
        assert caught.value.hint and "writable" in caught.value.hint
    finally:
        path.chmod(0o600)


def test_integrity_check_reports_damage(tmp_path: Path) -> None:
    path = tmp_path / "careercoach.db"
    store = open_store(path)
    try:
        with store.session() as session:
            conn = session.connection()
            conn.exec_driver_sql("CREATE TABLE filler (body TEXT)")
            for _ in range(200):
                conn.exec_driver_sql("INSERT INTO filler VALUES (?)", ("x" * 500,))
        store.engine.dispose()  # checkpoint the WAL into the file before damaging it
        data = bytearray(path.read_bytes())
        page = 4096
        data[page * 3 : page * 6] = os.urandom(page * 3)
        path.write_bytes(bytes(data))
        assert store.integrity_check() != "ok"
    finally:
        store.close()


def test_switching_to_wal_retries_when_another_opener_races(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two processes opening a new database at once both want the exclusive lock that the
    switch to WAL takes; SQLite fails one at once (no busy handler), so it asks again."""

    class RacedCursor:
        calls = 0

        def execute(self, sql: str) -> None:
            RacedCursor.calls += 1
            if RacedCursor.calls < 3:
                raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(db.time, "sleep", lambda seconds: None)
    db._use_wal(RacedCursor())  # type: ignore[arg-type]
    assert RacedCursor.calls == 3

    class BrokenCursor:
        def execute(self, sql: str) -> None:
            raise sqlite3.OperationalError("disk I/O error")

    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        db._use_wal(BrokenCursor())  # type: ignore[arg-type]
