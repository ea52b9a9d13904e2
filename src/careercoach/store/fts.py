"""Full-text search plumbing shared by `journal search` and `careercoach search`.

What a person types becomes an FTS5 MATCH expression here (plain words are quoted so "C++" or
"e-mail" never read as syntax; a query that uses FTS5 operators is passed on as written), a
mistake in that syntax becomes one plain BadInput, and snippets come back with private marks
that the UI turns into highlights.

`read_connection()` is the fast way to read the store: a plain sqlite3 connection, so a search
imports neither SQLAlchemy nor SQLModel (half a second of start-up between them). It falls
back to `open_store()` only when the database is missing or needs migrating.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from careercoach.errors import BadInput, StoreError

MARK_OPEN, MARK_CLOSE = "\x02", "\x03"  # snippet marks no stored text contains
"""Put around matched words by snippet()/highlight(): pass them as char(2), char(3)."""

_OPERATORS = r'["()^{}]|\w\*|\b(?:AND|OR|NOT|NEAR)\b'
_TOKEN = re.compile(r"\w+", re.UNICODE)
_QUERY_FAULTS = ("fts5", "syntax error", "unterminated", "no such column", "unknown special")
_BUSY_TIMEOUT_S = 10.0


@lru_cache(maxsize=8)
def _operators(columns: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(re.escape(c) for c in columns)
    return re.compile(_OPERATORS + (rf"|(?i:\b(?:{names})\s*:)" if names else ""))


def match_expression(query: str, columns: Iterable[str] = ()) -> str:
    """The FTS5 query for what the person typed ("" when it holds no word to search for).

    Plain words are each quoted, so "C++", "e-mail", "foo:" or "-" are searched as words and
    never read as FTS syntax; all words must appear. A query that uses FTS5 operators (double
    quotes, AND/OR/NOT/NEAR, parentheses, a prefix '*', '^', or a filter on one of `columns`
    such as 'title:') is passed on as it is; a mistake in it is reported by query_error().
    """
    if _operators(tuple(columns)).search(query):
        return query
    words = [w for w in query.split() if _TOKEN.search(w)]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def no_words(example: str = "deadline") -> BadInput:
    """The error for a query with nothing to search for (empty, blanks or punctuation)."""
    return BadInput("the search has no words in it", hint=f"search for a word, e.g. {example}")


def query_error(query: str, detail: str) -> BadInput | None:
    """A plain BadInput when SQLite's message `detail` is about the query's FTS5 syntax.

    None when it is about something else (a locked or damaged database), which the caller
    should let through as the store error it is.
    """
    if not any(fault in detail for fault in _QUERY_FAULTS):
        return None
    return BadInput(
        f"the search {query!r} is not a valid full-text query ({detail})",
        hint='put words in double quotes to search for them as they are: "word"',
    )


def plain(marked: str) -> str:
    """A marked snippet with the matched words in [ and ], for JSON and plain text."""
    return marked.replace(MARK_OPEN, "[").replace(MARK_CLOSE, "]")


def unmarked(marked: str) -> str:
    """A marked snippet or title without its marks."""
    return marked.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")


def marked_parts(marked: str) -> list[tuple[str, bool]]:
    """A marked snippet as (text, matched) pieces, so brackets in the text stay plain text."""
    pieces: list[tuple[str, bool]] = []
    for i, chunk in enumerate(marked.split(MARK_OPEN)):
        if i == 0:
            pieces.append((chunk, False))
            continue
        inside, _, after = chunk.partition(MARK_CLOSE)
        pieces.extend([(inside, True), (after, False)])
    return [(text, hit) for text, hit in pieces if text]


@contextmanager
def read_connection(path: Path | None = None) -> Iterator[sqlite3.Connection]:
    """A read-only (query_only) sqlite3 connection to the current-schema database.

    A missing database, or one an older careercoach left, goes through open_store() first
    (which creates or migrates it, with its backup and permission rules); a newer one is
    refused untouched. Everything read inside the block is one consistent snapshot.
    """
    from careercoach import paths
    from careercoach.store import migrations

    target = Path(path if path is not None else paths.db_path()).expanduser().absolute()
    if not target.is_file() or _version(target) != migrations.current_version():
        from careercoach.store.db import open_store

        open_store(target)  # creates or migrates, or raises the store's own error
    try:
        conn = sqlite3.connect(target, timeout=_BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise _store_error(exc, target) from exc
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.execute("BEGIN")
        yield conn
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()


def store_error(exc: sqlite3.Error, path: Path | None = None) -> StoreError:
    """A sqlite3 error met while reading, as the store's own error with its hint."""
    from careercoach import paths

    return _store_error(exc, path or paths.db_path())


def _version(path: Path) -> int:
    try:
        conn = sqlite3.connect(path, timeout=_BUSY_TIMEOUT_S)
        try:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return -1  # let open_store() say what is wrong with it


def _store_error(exc: BaseException, path: Path) -> StoreError:
    # Only on failure: db.py holds the hints, and importing it costs SQLAlchemy's start-up.
    from careercoach.store.db import _store_error as with_hint

    return with_hint(exc, path)
