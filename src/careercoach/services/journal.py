"""The journal: entries written, read, edited, deleted and searched (full text, bm25-ranked).

Entries are the person's own writing: every write here is one transaction, committed before
anything else (an analysis, a model call) happens. The FTS5 index journal_fts follows the
table through the migration's triggers, so no code here touches it except to read it.

The everyday commands (add, list, show) use plain SQL on the journal_entry table rather than
the SQLModel class: defining careercoach's SQLModel classes costs more start-up time than
the whole command otherwise adds to its libraries (see bench/bench_journal.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from careercoach.errors import BadInput, NotFound, StoreError
from careercoach.store.fts import marked_parts, match_expression, no_words, plain
from careercoach.store.fts import query_error as fts_query_error

_HASHTAG = re.compile(r"(?<![\w&#/])#([^\W\d_][\w-]*)", re.UNICODE)
_COLUMNS = (
    "id, entry_date, text, tags, mood, stress, motivation, sentiment, themes, analysis, "
    "analysis_mode, analyzed_at, created_at, updated_at"
)


@dataclass
class Entry:
    """One journal entry as stored (a row of journal_entry)."""

    id: int
    entry_date: str  # YYYY-MM-DD, the day it is about
    text: str
    tags: list[str] = field(default_factory=list)
    mood: int | None = None
    stress: float | None = None
    motivation: float | None = None
    sentiment: float | None = None
    themes: list[str] = field(default_factory=list)
    analysis: dict[str, Any] | None = None
    analysis_mode: str | None = None
    analyzed_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


def stamp(moment: datetime) -> str:
    """A time as the store keeps it (store.models.UTCDateTime): ISO 8601 in UTC."""
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _entry(row: Any) -> Entry:
    return Entry(
        id=int(row[0]),
        entry_date=row[1],
        text=row[2],
        tags=_json(row[3]) or [],
        mood=row[4],
        stress=row[5],
        motivation=row[6],
        sentiment=row[7],
        themes=_json(row[8]) or [],
        analysis=_json(row[9]),
        analysis_mode=row[10],
        analyzed_at=_time(row[11]),
        created_at=_time(row[12]),
        updated_at=_time(row[13]),
    )


def hashtags(text: str) -> list[str]:
    """The #hashtags in `text`, lower-cased, in order of first appearance, without repeats."""
    return merge_tags(m.group(1).rstrip("-") for m in _HASHTAG.finditer(text))


def merge_tags(*groups: Any) -> list[str]:
    """Tags from several sources, lower-cased, stripped of '#', first appearance kept."""
    seen: dict[str, None] = {}
    for group in groups:
        for raw in group:
            tag = " ".join(str(raw).strip().lstrip("#").lower().split())
            if not tag:
                continue
            if len(tag) > 50:
                raise BadInput(f"the tag {tag[:20]!r}... is too long", hint="keep tags short")
            seen.setdefault(tag, None)
    return list(seen)


def entry_dict(entry: Entry) -> dict[str, Any]:
    """An entry as the JSON documents show it (ids integers, times ISO 8601 with a zone)."""

    def iso(moment: datetime | None) -> str | None:
        return moment.isoformat() if moment else None

    return {
        "id": entry.id,
        "entry_date": entry.entry_date,
        "text": entry.text,
        "tags": list(entry.tags),
        "mood": entry.mood,
        "stress": entry.stress,
        "motivation": entry.motivation,
        "sentiment": entry.sentiment,
        "themes": list(entry.themes),
        "analysis": entry.analysis,
        "analysis_mode": entry.analysis_mode,
        "analyzed_at": iso(entry.analyzed_at),
        "created_at": iso(entry.created_at),
        "updated_at": iso(entry.updated_at),
    }


def _store() -> Any:
    from careercoach.store.db import open_store

    return open_store()


def _not_found(entry_id: int) -> NotFound:
    return NotFound(
        f"there is no journal entry {entry_id}", hint="see the ids with: careercoach journal list"
    )


def add_entry(
    text: str, *, entry_date: date, tags: list[str] | None = None, mood: int | None = None
) -> Entry:
    """Store a new entry (hashtags in the text become tags) and commit it at once."""
    from sqlalchemy import text as sql

    if not text.strip():
        raise BadInput("the entry is empty; nothing was saved", hint="write something first")
    if mood is not None and not 1 <= mood <= 5:
        raise BadInput(f"--mood {mood} is out of range", hint="rate your mood from 1 to 5")
    now = datetime.now(timezone.utc)
    entry = Entry(
        id=0,
        entry_date=entry_date.isoformat(),
        text=text.strip("\n"),
        tags=merge_tags(tags or [], hashtags(text)),
        mood=mood,
        created_at=now,
        updated_at=now,
    )
    statement = sql(
        "INSERT INTO journal_entry (entry_date, text, tags, mood, themes, created_at, "
        "updated_at) VALUES (:day, :text, :tags, :mood, '[]', :now, :now) RETURNING id"
    )
    values = {
        "day": entry.entry_date,
        "text": entry.text,
        "tags": json.dumps(entry.tags, ensure_ascii=False),
        "mood": mood,
        "now": stamp(now),
    }
    with _store().session() as session:
        entry.id = int(session.execute(statement, values).scalar_one())
    return entry


def _read(session: Any, entry_id: int) -> Entry | None:
    from sqlalchemy import text as sql

    statement = sql(f"SELECT {_COLUMNS} FROM journal_entry WHERE id = :id")
    row = session.execute(statement, {"id": entry_id}).first()
    return _entry(row) if row is not None else None


def get_entry(entry_id: int) -> Entry:
    """The entry with this id, or NotFound (exit 1)."""
    with _store().read_session() as session:
        entry = _read(session, entry_id)
    if entry is None:
        raise _not_found(entry_id)
    return entry


def list_entries(
    *,
    since: date | None = None,
    until: date | None = None,
    tag: str | None = None,
    limit: int | None = None,
) -> list[Entry]:
    """Entries newest first (by the day they are about, then by id), filtered."""
    from sqlalchemy import text as sql

    if since and until and since > until:
        raise BadInput(
            f"--since {since} is after --until {until}", hint="give the earlier day to --since"
        )
    if limit is not None and limit < 1:
        raise BadInput(f"--limit {limit} is not positive", hint="give a limit of 1 or more")
    where, values = [], {}
    if since:
        where.append("entry_date >= :since")
        values["since"] = since.isoformat()
    if until:
        where.append("entry_date <= :until")
        values["until"] = until.isoformat()
    if tag:
        where.append("EXISTS (SELECT 1 FROM json_each(journal_entry.tags) WHERE value = :tag)")
        values["tag"] = (merge_tags([tag]) or [""])[0]
    query = f"SELECT {_COLUMNS} FROM journal_entry"
    if where:
        query += " WHERE " + " AND ".join(where)
    query += " ORDER BY entry_date DESC, id DESC"
    if limit:
        query += " LIMIT :limit"
        values["limit"] = limit
    with _store().read_session() as session:
        return [_entry(row) for row in session.execute(sql(query), values)]


def update_text(entry_id: int, text: str) -> tuple[Entry, bool]:
    """Replace the entry's text; returns (entry, changed). A change clears the old analysis.

    Tags that came from the old text's hashtags follow the new text; tags given with --tag
    stay. The analysis described the old words, so it is dropped rather than kept misleading.
    """
    from sqlalchemy import text as sql

    if not text.strip():
        raise BadInput(
            "the new text is empty; the entry was left as it was",
            hint="to remove the entry: careercoach journal delete ID",
        )
    new_text = text.strip("\n")
    with _store().session() as session:
        entry = _read(session, entry_id)
        if entry is None:
            raise _not_found(entry_id)
        if entry.text == new_text:
            return entry, False
        old_hashtags = set(hashtags(entry.text))
        kept = [t for t in entry.tags if t not in old_hashtags]
        entry = Entry(
            id=entry.id,
            entry_date=entry.entry_date,
            text=new_text,
            tags=merge_tags(kept, hashtags(new_text)),
            mood=entry.mood,
            created_at=entry.created_at,
            updated_at=datetime.now(timezone.utc),
        )
        session.execute(
            sql(
                "UPDATE journal_entry SET text = :text, tags = :tags, updated_at = :now, "
                "stress = NULL, motivation = NULL, sentiment = NULL, themes = '[]', "
                "analysis = NULL, analysis_mode = NULL, analyzed_at = NULL WHERE id = :id"
            ),
            {
                "text": new_text,
                "tags": json.dumps(entry.tags, ensure_ascii=False),
                "id": entry_id,
                "now": stamp(entry.updated_at or datetime.now(timezone.utc)),
            },
        )
    return entry, True


def delete_entry(entry_id: int) -> None:
    """Delete the entry (its search index row goes with it, by trigger)."""
    from sqlalchemy import text as sql

    with _store().session() as session:
        deleted = session.execute(sql("DELETE FROM journal_entry WHERE id = :id"), {"id": entry_id})
        if deleted.rowcount == 0:
            raise _not_found(entry_id)


@dataclass(frozen=True)
class SearchHit:
    """One search result; `snippet` marks the matched words with [ and ]."""

    id: int
    entry_date: str
    snippet: str
    score: float  # bm25: lower is a better match (SQLite's sign convention)
    type: str = "journal"
    marked: str = ""  # the snippet with private marks, for highlighting (not in the JSON)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "id": self.id,
            "entry_date": self.entry_date,
            "snippet": self.snippet,
            "score": self.score,
        }

    def parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, matched) pieces, so brackets in the entry stay plain text."""
        return marked_parts(self.marked)


def fts_query(query: str) -> str:
    """The FTS5 query for what the person typed (store.fts.match_expression; the column
    filters 'text:' and 'tags:' count as FTS syntax)."""
    return match_expression(query, ("text", "tags"))


def search(query: str, *, limit: int = 20) -> list[SearchHit]:
    """Entries matching `query`, best first (bm25), with highlighted snippets."""
    from sqlalchemy import bindparam
    from sqlalchemy import exc as sa_exc
    from sqlalchemy import text as sql

    if limit < 1:
        raise BadInput(f"--limit {limit} is not positive", hint="give a limit of 1 or more")
    match = fts_query(query)
    if not match.strip():
        raise no_words()
    # Two steps: rank every match by bm25 and keep the best `limit`, then make snippets for
    # those rows only. snippet() is the expensive part; in one query with the ranking it
    # would run for (or re-match) every matching entry. "+rowid" keeps the id filter out of
    # FTS5, which would otherwise re-run the query once per id (see services/search.py).
    ranked = sql(
        "SELECT rowid, bm25(journal_fts) FROM journal_fts WHERE journal_fts MATCH :q "
        "ORDER BY bm25(journal_fts), rowid DESC LIMIT :n"
    )
    snippets = sql(
        "SELECT rowid, snippet(journal_fts, 0, char(2), char(3), '…', 12), "
        "(SELECT entry_date FROM journal_entry WHERE id = journal_fts.rowid) "
        "FROM journal_fts WHERE journal_fts MATCH :q AND +rowid IN :ids"
    ).bindparams(bindparam("ids", expanding=True))
    try:
        with _store().read_session() as session:
            best = session.execute(ranked, {"q": match, "n": limit}).all()
            ids = [int(rowid) for rowid, _ in best]
            found: dict[int, tuple[str, str]] = {}
            if ids:
                for rowid, marked, day in session.execute(snippets, {"q": match, "ids": ids}):
                    found[int(rowid)] = (marked, day)
            rows = [(rowid, *found[int(rowid)], score) for rowid, score in best]
    except (sa_exc.OperationalError, StoreError) as exc:
        cause = exc.__cause__ if isinstance(exc, StoreError) else exc
        detail = str(getattr(cause, "orig", None) or cause or exc)
        error = fts_query_error(query, detail)
        if error is None:
            raise
        raise error from None
    hits = []
    for rowid, marked, entry_date, score in rows:
        rounded = float(f"{float(score):.6g}")
        hits.append(
            SearchHit(int(rowid), str(entry_date), plain(str(marked)), rounded, marked=str(marked))
        )
    return hits
