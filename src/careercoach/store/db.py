"""Opening careercoach's SQLite database: a private file, safe pragmas, migrated on open.

Only store/ creates engines and sessions. `open_store()` is the one way in: it makes the data
directory 0700 and the database 0600 whatever the umask, refuses a database made by a newer
careercoach without touching it, migrates an older one (after a backup), and caches the engine
per path for the rest of the process.

Opening touches only the sqlite3 module: the SQLAlchemy engine is made on the first session
(importing SQLAlchemy, SQLModel and the table models costs about half a second), and
`connect()` gives the light paths (the offline `gap`) a plain sqlite3 connection with the
same pragmas and the same transaction modes.

Write transactions start with BEGIN IMMEDIATE (the pysqlite recipe: the driver's own
transaction handling is switched off and the "begin" event emits BEGIN itself). With SQLite's
default deferred BEGIN, two processes doing read-modify-write at once fail with "database is
locked" when one upgrades a stale read snapshot to a write; taking the write lock up front
makes the second writer wait (busy_timeout) instead.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careercoach import paths
from careercoach.errors import StoreError
from careercoach.store import migrations

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

BUSY_TIMEOUT_MS = 10_000
"""How long a connection waits for another process's write lock before giving up."""

_BEGIN_OPTION = "careercoach_begin"
_BEGIN_MODES = frozenset({"DEFERRED", "IMMEDIATE", "EXCLUSIVE"})
_PRIVATE_FILE = 0o600

_handles: dict[Path, _Handle] = {}
_handles_lock = threading.Lock()


class _Handle:
    """One opened (created, version-checked, migrated) database: its engine, made on demand."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._engine: Engine | None = None
        self._lock = threading.Lock()

    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                self._engine = _create_engine(self.path)
            return self._engine

    def dispose(self, *, close: bool = True) -> None:
        if self._engine is not None:
            self._engine.dispose(close=close)


class Store:
    """careercoach's database: write sessions, read sessions, its version and health."""

    def __init__(self, path: Path, handle: _Handle) -> None:
        self.path = path
        self._handle = handle

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made (and SQLAlchemy imported) on first use."""
        return self._handle.engine()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """Write in one transaction: BEGIN IMMEDIATE, commit on success, rollback on error.

        Objects stay usable after the block (expire_on_commit is off).
        """
        from sqlmodel import Session

        engine = self.engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
        with _store_errors(self.path), Session(engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """Read in one consistent snapshot (BEGIN DEFERRED); anything written is discarded.

        Objects read stay usable after the block: closing the session (which ends the
        transaction) detaches them without expiring them, unlike a rollback.
        """
        from sqlmodel import Session

        engine = self.engine.execution_options(**{_BEGIN_OPTION: "DEFERRED"})
        with _store_errors(self.path), Session(engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def connect(self, *, write: bool = False) -> Iterator[sqlite3.Connection]:
        """A plain sqlite3 connection in one transaction, for paths that must stay light.

        `write=True` begins IMMEDIATE and commits on success (rolls back on error), like
        `session()`; otherwise the transaction is a DEFERRED read that is rolled back, like
        `read_session()`. Rows come back as sqlite3.Row; SQLite's errors become StoreError.
        """
        try:
            conn = _connect(self.path)
        except sqlite3.Error as exc:
            raise _store_error(exc, self.path) from exc
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN DEFERRED")
            yield conn
            if write:
                conn.execute("COMMIT")
            else:
                conn.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            _rollback(conn)
            raise _store_error(exc, self.path) from exc
        except BaseException:
            _rollback(conn)
            raise
        finally:
            conn.close()

    @property
    def schema_version(self) -> int:
        """The schema version recorded in the database (PRAGMA user_version)."""
        with self.connect() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def integrity_check(self) -> str:
        """Run SQLite's integrity check: "ok", or the problems it found, one per line."""
        try:
            conn = _connect(self.path)
            try:
                rows = conn.execute("PRAGMA integrity_check").fetchall()
            finally:
                conn.close()
        except sqlite3.Error as exc:
            return str(exc)
        return "\n".join(str(row[0]) for row in rows)

    def close(self) -> None:
        """Close every pooled connection; a later open_store() of this path starts afresh."""
        with _handles_lock:
            if _handles.get(self.path) is self._handle:
                del _handles[self.path]
        self._handle.dispose()


def open_store(path: Path | None = None) -> Store:
    """Open (creating or migrating as needed) the database at `path`, by default db_path()."""
    target = Path(path if path is not None else paths.db_path()).expanduser().absolute()
    with _handles_lock:
        handle = _handles.get(target)
        if handle is not None:
            if target.is_file():
                return Store(target, handle)
            del _handles[target]  # the file was removed under us: start again
            handle.dispose()
        _open_database(target)
        handle = _handles[target] = _Handle(target)
    return Store(target, handle)


def _open_database(path: Path) -> None:
    """Create the file privately, refuse a newer schema, migrate an older one."""
    _create_private_file(path)
    _check_version(path)
    try:
        conn = _connect(path)
        try:
            migrations.migrate(conn, path)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise _store_error(exc, path) from exc
    _tighten_permissions(path)


def _connect(path: Path) -> sqlite3.Connection:
    """A sqlite3 connection with careercoach's pragmas, in autocommit (BEGIN is explicit)."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    try:
        _on_connect(conn, None)
    except BaseException:
        conn.close()
        raise
    return conn


def _rollback(conn: sqlite3.Connection) -> None:
    # If even this fails, closing the connection ends the transaction anyway.
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def _create_engine(path: Path) -> Engine:
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import URL

    engine = create_engine(
        URL.create("sqlite", database=str(path)),
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Hand transaction control to the "begin" event (pysqlite's own BEGIN is deferred-only).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _use_wal(cursor)
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _use_wal(cursor: sqlite3.Cursor) -> None:
    """Switch to WAL, retrying within the busy timeout if another connection races us.

    Switching a database that is not yet in WAL (a new file, or one an old version made)
    takes an exclusive lock; when two processes open it at the same moment both hold a shared
    lock and want it, and SQLite answers one "database is locked" at once (a deadlock, so no
    busy handler). Once the other has switched, asking again is a no-op.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def _on_begin(conn: Any) -> None:
    mode = conn.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    if mode not in _BEGIN_MODES:
        raise ValueError(f"unknown BEGIN mode {mode!r}")
    conn.exec_driver_sql(f"BEGIN {mode}")


def _create_private_file(path: Path) -> None:
    """Create the directory 0700 and an empty database file 0600 before SQLite opens it."""
    try:
        paths.ensure_private_dir(path.parent)
    except OSError as exc:
        what = "cannot use" if path.parent.is_dir() else "cannot create"
        raise _os_error(f"{what} the data directory", path.parent, exc) from exc
    if path.exists() and not path.is_file():
        raise StoreError(
            f"cannot open the database: {path} is not a file",
            hint="move it away, or point CAREERCOACH_HOME at another directory",
        )
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, _PRIVATE_FILE)
    except FileExistsError:
        # SQLite would quietly open a file it cannot write read-only, and fail later.
        if not os.access(path, os.R_OK | os.W_OK):
            raise StoreError(
                f"cannot use the database {path}: permission denied",
                hint=f"make it readable and writable by you: chmod u+rw {path}",
            ) from None
        return
    except OSError as exc:
        raise _os_error("cannot create the database", path, exc) from exc
    try:
        if os.name == "posix":
            os.fchmod(fd, _PRIVATE_FILE)  # the umask may have taken bits away
    finally:
        os.close(fd)


def _check_version(path: Path) -> None:
    """Refuse a database a newer careercoach made, reading it without changing a byte."""
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise _store_error(exc, path) from exc
    if version > migrations.current_version():
        raise migrations.newer_version_error(path, version)


def _tighten_permissions(path: Path) -> None:
    """Make the database and its -wal and -shm files 0600 if an older tool left them open."""
    if os.name != "posix":
        return
    for candidate in (path, *migrations.sidecar_files(path)):
        try:
            info = candidate.stat()
            if info.st_mode & 0o077 and info.st_uid == os.geteuid():
                os.chmod(candidate, _PRIVATE_FILE)
        except OSError:
            continue


@contextmanager
def _store_errors(path: Path) -> Iterator[None]:
    from sqlalchemy import exc as sa_exc  # imported already: a session is open

    try:
        yield
    except sa_exc.OperationalError as exc:
        raise _store_error(exc.orig, path) from exc


def _store_error(exc: BaseException, path: Path) -> StoreError:
    reason = str(exc) or type(exc).__name__
    return StoreError(f"cannot use the database {path}: {reason}", hint=_hint_for(reason, path))


def _os_error(what: str, where: Path, exc: OSError) -> StoreError:
    reason = exc.strerror or str(exc)
    return StoreError(f"{what} {where}: {reason}", hint=_hint_for(reason, where))


def _hint_for(reason: str, path: Path) -> str:
    reason = reason.lower()
    if "not a database" in reason or "malformed" in reason:
        return (
            "the file is damaged or is not a careercoach database: restore the newest "
            f"{path.name}.bak-* copy next to it, or move it away to start afresh"
        )
    if "locked" in reason or "busy" in reason:
        return "another careercoach is busy with the database: try again in a moment"
    if "read-only file system" in reason:
        return (f"{path.parent} is on a read-only file system: remount it read-write, or point "
                "CAREERCOACH_HOME at a writable directory")
    if "full" in reason or "no space" in reason:
        return "the disk is full: free some space and try again"
    if "readonly" in reason or "read-only" in reason or "permission" in reason:
        return f"make {path.parent} and its files writable by you (chmod u+rw)"
    if "unable to open" in reason:
        return f"check that {path.parent} exists and that you may read and write it"
    return "run `careercoach doctor` to see what is wrong"


def _forget_engines_after_fork() -> None:
    # A forked child must not reuse the parent's pooled connections (SQLAlchemy's advice).
    for handle in _handles.values():
        handle.dispose(close=False)
    _handles.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_engines_after_fork)
