"""Search everything stored: journal entries, CVs, jobs, analyses, chat messages, letters and
the notes of applications' timelines.

One FTS5 index, search_fts (migrations m006 and m007), holds every text, kept in step by
triggers; its rowid is the source row's id * 8 + the table's code. A search ranks every
match by bm25 (a word in the title weighs twice a word in the body), keeps the best `limit`,
and only then makes snippets and reads each hit's date from its own table, so the cost of
the snippets does not grow with the number of matches.

Reads go through the store's plain sqlite3 connection (Store.connect) with plain SQL: no
SQLAlchemy, no SQLModel, no model, so `careercoach search` starts as fast as the CLI itself.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from careercoach.errors import BadInput, StoreError
from careercoach.store import fts

TYPES: dict[str, int] = {
    "journal": 1, "cv": 2, "job": 3, "analysis": 4, "chat": 5, "letter": 6, "application": 7,
}
"""Each hit type and its table code in search_fts's rowids (migrations m006 and m007)."""

_ALIASES = {
    "journals": "journal", "entry": "journal", "entries": "journal", "cvs": "cv",
    "jobs": "job", "analyses": "analysis", "chats": "chat", "message": "chat",
    "messages": "chat", "letters": "letter", "applications": "application", "apply": "application",
}
_OPEN = {
    "journal": "careercoach journal show {id}",
    "cv": "careercoach cv show {id}",
    "job": "careercoach job show {id}",
    "analysis": "careercoach analyses show {id}",
    "chat": "careercoach chat show {conversation_id}",
    "letter": "careercoach letter show {id}",
    "application": "careercoach apply show {id}",
}
# Each type's source row: its id, when it was made, the conversation (chat messages) and one
# more fact: the job an analysis or a letter is about, who said a chat message.
_DETAILS = {
    "journal": "SELECT id, created_at, NULL, NULL FROM journal_entry WHERE id IN ({ids})",
    "cv": "SELECT id, created_at, NULL, NULL FROM cv WHERE id IN ({ids})",
    "job": "SELECT id, created_at, NULL, NULL FROM job WHERE id IN ({ids})",
    "analysis": (
        "SELECT a.id, a.created_at, NULL, trim(coalesce(j.title, '') || "
        "CASE WHEN j.company IS NOT NULL THEN ' at ' || j.company ELSE '' END) "
        "FROM analysis AS a LEFT JOIN job AS j ON j.id = a.job_id WHERE a.id IN ({ids})"
    ),
    "chat": "SELECT id, created_at, conversation_id, role FROM message WHERE id IN ({ids})",
    "letter": (
        "SELECT l.id, l.created_at, NULL, trim(coalesce(j.title, '') || "
        "CASE WHEN j.company IS NOT NULL THEN ' at ' || j.company ELSE '' END) "
        "FROM letter AS l LEFT JOIN job AS j ON j.id = l.job_id WHERE l.id IN ({ids})"
    ),
    "application": "SELECT id, created_at, NULL, NULL FROM application WHERE id IN ({ids})",
}
_TITLE_WEIGHT, _BODY_WEIGHT = 2.0, 1.0
_SNIPPET_TOKENS = 14
_CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on bound variables
_JSON_NOISE = re.compile(r'[{}\[\]"]+')
_SPACE_BEFORE = re.compile(r"\s+([,:])")
# A journal row's body is its text, a space and its tags as a JSON array (migration m006).
_TAGS_TAIL = re.compile(r' \[((?:"[^"]*"(?:, )?)*)\]$')


@dataclass(frozen=True)
class Hit:
    """One search result. `snippet` marks the matched words with [ and ]."""

    type: str
    id: int
    title: str
    snippet: str
    score: float  # bm25 with the title weighted: lower is a better match (SQLite's sign)
    rank: int  # 1 for the best hit
    open: str  # the command that shows the whole record
    created_at: str | None = None  # ISO 8601 with a time zone
    conversation_id: int | None = None  # chat messages only: what `chat show` takes
    role: str | None = None  # chat messages only: user or assistant
    marked: str = ""  # the snippet with private marks, for highlighting (not in the JSON)
    marked_title: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": self.type,
            "id": self.id,
            "title": self.title,
            "snippet": self.snippet,
            "score": self.score,
            "rank": self.rank,
            "created_at": self.created_at,
            "open": self.open,
        }
        if self.type == "chat":
            data["conversation_id"] = self.conversation_id
            data["role"] = self.role
        return data

    def parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, matched) pieces, so brackets in the text stay plain text."""
        return fts.marked_parts(self.marked)

    def title_parts(self) -> list[tuple[str, bool]]:
        """The title as (text, matched) pieces."""
        return fts.marked_parts(self.marked_title)


@dataclass(frozen=True)
class Results:
    """A search's hits, best first, and the types it was narrowed to (none: every type)."""

    query: str
    types: list[str]
    hits: list[Hit]

    def to_list(self) -> list[dict[str, Any]]:
        """The --json document: an array of hits."""
        return [hit.to_dict() for hit in self.hits]


def hit_types(raw: list[str] | None) -> list[str]:
    """The --type values as hit types (plurals accepted); BadInput for an unknown one."""
    chosen: list[str] = []
    for value in raw or []:
        name = value.strip().lower()
        name = _ALIASES.get(name, name)
        if name not in TYPES:
            raise BadInput(
                f"unknown --type {value!r}; nothing was searched",
                hint=f"use one of: {', '.join(TYPES)}",
            )
        if name not in chosen:
            chosen.append(name)
    return chosen


def search(query: str, *, types: list[str] | None = None, limit: int = 20) -> Results:
    """Everything stored that matches `query`, best first (bm25), with highlighted snippets.

    Plain words must all appear (in the title or the text); FTS5 syntax ("a phrase", OR,
    NOT, prefix*, title:word, body:word) is used as written. Only reads the store.
    """
    kinds = hit_types(types)
    if limit < 1:
        raise BadInput(f"--limit {limit} is not positive", hint="give a limit of 1 or more")
    match = fts.match_expression(query, ("title", "body"))
    if not match.strip():
        raise fts.no_words("interview")
    from careercoach.store.db import open_store

    try:
        with open_store().connect() as conn:
            ranked = _ranked(conn, match, kinds, limit)
            marks = _snippets(conn, match, [rowid for rowid, _ in ranked])
            details = _details(conn, [(t, i) for t, i, _, _ in marks.values()])
    except StoreError as exc:  # SQLite's own message is its cause
        cause = exc.__cause__
        error = fts.query_error(query, str(cause)) if cause is not None else None
        if error is None:
            raise
        raise error from None
    hits: list[Hit] = []
    for rowid, score in ranked:
        if rowid not in marks:
            continue
        kind, ref_id, title, snippet = marks[rowid]
        detail = details.get((kind, ref_id))
        if detail is None:
            continue  # an index row without its record (never by careercoach): nothing to open
        hits.append(_hit(kind, ref_id, title, snippet, score, len(hits) + 1, detail))
    return Results(query, kinds, hits)


def _ranked(
    conn: sqlite3.Connection, match: str, kinds: list[str], limit: int
) -> list[tuple[int, float]]:
    """The best `limit` matches' rowids and bm25 scores, best first."""
    where = ""
    if kinds:
        codes = ", ".join(str(TYPES[k]) for k in kinds)
        where = f" AND (rowid % 8) IN ({codes})"
    rows = conn.execute(
        "SELECT rowid, bm25(search_fts, 0, 0, ?, ?) AS score FROM search_fts "
        f"WHERE search_fts MATCH ?{where} ORDER BY score, rowid DESC LIMIT ?",
        (_TITLE_WEIGHT, _BODY_WEIGHT, match, limit),
    ).fetchall()
    return [(int(rowid), float(score)) for rowid, score in rows]


def _snippets(
    conn: sqlite3.Connection, match: str, rowids: list[int]
) -> dict[int, tuple[str, int, str, str]]:
    """rowid -> (type, id, marked title, marked body snippet) for the kept rows only."""
    found: dict[int, tuple[str, int, str, str]] = {}
    for start in range(0, len(rowids), _CHUNK):
        chunk = rowids[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        # "+rowid": a filter SQLite applies to the one MATCH scan. A plain "rowid IN" is
        # handed to FTS5 as one lookup per id, each re-running the query (a prefix query's
        # expansion twenty times over).
        rows = conn.execute(
            "SELECT rowid, type, ref_id, highlight(search_fts, 2, char(2), char(3)), "
            f"snippet(search_fts, 3, char(2), char(3), '…', {_SNIPPET_TOKENS}) "
            f"FROM search_fts WHERE search_fts MATCH ? AND +rowid IN ({marks})",
            (match, *chunk),
        )
        for rowid, kind, ref_id, title, snippet in rows:
            found[int(rowid)] = (str(kind), int(ref_id), str(title or ""), str(snippet or ""))
    return found


def _details(
    conn: sqlite3.Connection, keys: list[tuple[str, int]]
) -> dict[tuple[str, int], tuple[str | None, int | None, str | None]]:
    """(type, id) -> (created_at, conversation id, job title or role) from each source table."""
    by_kind: dict[str, list[int]] = {}
    for kind, ref_id in keys:
        by_kind.setdefault(kind, []).append(ref_id)
    found: dict[tuple[str, int], tuple[str | None, int | None, str | None]] = {}
    for kind, ids in by_kind.items():
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            statement = _DETAILS[kind].format(ids=", ".join("?" * len(chunk)))
            for ref_id, created, conversation, fact in conn.execute(statement, chunk):
                found[(kind, int(ref_id))] = (created, conversation, fact or None)
    return found


def _hit(
    kind: str,
    ref_id: int,
    marked_title: str,
    marked: str,
    score: float,
    rank: int,
    detail: tuple[str | None, int | None, str | None],
) -> Hit:
    created, conversation_id, fact = detail
    role = fact if kind == "chat" else None
    job = fact if kind in ("analysis", "letter") else None
    if kind == "analysis":
        marked = _tidy_json(marked)  # the report is stored as JSON: show words, not braces
    elif kind == "journal":
        marked = _TAGS_TAIL.sub(_hashtags, marked.rstrip())
    marked = " ".join(marked.split())
    if job:
        marked_title = f"{marked_title} · {job}" if marked_title.strip() else job
    return Hit(
        type=kind,
        id=ref_id,
        title=fts.unmarked(marked_title).strip(),
        snippet=fts.plain(marked).strip(),
        score=float(f"{score:.6g}"),
        rank=rank,
        open=_OPEN[kind].format(id=ref_id, conversation_id=conversation_id),
        created_at=_iso(created),
        conversation_id=int(conversation_id) if conversation_id is not None else None,
        role=role,
        marked=marked.strip(),
        marked_title=marked_title.strip(),
    )


def _tidy_json(marked: str) -> str:
    return _SPACE_BEFORE.sub(r"\1", " ".join(_JSON_NOISE.sub(" ", marked).split()))


def _hashtags(tail: re.Match[str]) -> str:
    tags = re.findall(r'"([^"]*)"', tail.group(1))
    return f" · tags: {', '.join(tags)}" if tags else ""


def _iso(value: str | None) -> str | None:
    """Stored UTC text as ISO 8601 with its time zone (UTC when the text has none)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.isoformat()
