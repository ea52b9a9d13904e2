"""Conversations with the coach: create them, add turns, read them back.

Each write is its own committed transaction, so a crash or Ctrl-C loses nothing already said.
Chat is the command people wait on with a warm model, so this module talks to SQLite through
`Store.connect()` alone: importing SQLAlchemy, SQLModel and the table models would cost more
than the rest of the command. The rows are stored exactly as the Conversation and Message
tables in models.py store them (tests/store/test_chat_rows.py reads them back through SQLModel)
and come back as dataclasses with the same attribute names.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone

from careercoach.errors import BadInput, NotFound
from careercoach.store.db import Store
from careercoach.store.gap_rows import _utc, utc_text

MESSAGE_ROLES = ("system", "user", "assistant")


@dataclass
class Conversation:
    """A row of the conversation table (models.Conversation)."""

    id: int
    title: str
    model: str | None
    created_at: datetime
    updated_at: datetime


@dataclass
class Message:
    """A row of the message table (models.Message); complete is False for a cut-off answer."""

    id: int
    conversation_id: int
    role: str
    content: str
    created_at: datetime
    complete: bool


_CONVERSATION = "SELECT id, title, model, created_at, updated_at FROM conversation"
_MESSAGE = "SELECT id, conversation_id, role, content, created_at, complete FROM message"


def create_conversation(store: Store, title: str, model: str | None = None) -> Conversation:
    """Start a conversation named `title` (with the model it talks to, when known)."""
    now = datetime.now(timezone.utc)
    with store.connect(write=True) as conn:
        cursor = conn.execute(
            "INSERT INTO conversation (title, model, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (title, model, utc_text(now), utc_text(now)),
        )
    assert cursor.lastrowid is not None
    return Conversation(cursor.lastrowid, title, model, now, now)


def add_message(
    store: Store, conversation_id: int, role: str, content: str, complete: bool = True
) -> Message:
    """Save one turn (role: system, user or assistant) and commit it at once.

    complete=False marks an answer that stopped mid-stream. Raises NotFound for an unknown
    conversation.
    """
    if role not in MESSAGE_ROLES:
        raise BadInput(
            f"unknown message role {role!r}", hint=f"use one of {', '.join(MESSAGE_ROLES)}"
        )
    now = datetime.now(timezone.utc)
    with store.connect(write=True) as conn:
        _conversation(conn, conversation_id)
        conn.execute(
            "UPDATE conversation SET updated_at = ? WHERE id = ?", (utc_text(now), conversation_id)
        )
        cursor = conn.execute(
            "INSERT INTO message (conversation_id, role, content, created_at, complete) "
            "VALUES (?, ?, ?, ?, ?)",
            (conversation_id, role, content, utc_text(now), int(complete)),
        )
    assert cursor.lastrowid is not None
    return Message(cursor.lastrowid, conversation_id, role, content, now, complete)


def list_conversations(store: Store, limit: int | None = 20) -> list[Conversation]:
    """The most recently active conversations first, at most `limit` (None: all)."""
    query = f"{_CONVERSATION} ORDER BY updated_at DESC, id DESC"
    with store.connect() as conn:
        if limit is None:
            rows = conn.execute(query).fetchall()
        else:
            rows = conn.execute(f"{query} LIMIT ?", (limit,)).fetchall()
    return [_conversation_from(row) for row in rows]


def get_conversation(store: Store, conversation_id: int) -> Conversation:
    """The conversation with this id; NotFound (exit 1) when there is none."""
    with store.connect() as conn:
        return _conversation(conn, conversation_id)


def messages(store: Store, conversation_id: int) -> list[Message]:
    """The conversation's messages in the order they were said; NotFound for an unknown id."""
    with store.connect() as conn:
        _conversation(conn, conversation_id)
        rows = conn.execute(
            f"{_MESSAGE} WHERE conversation_id = ? ORDER BY id", (conversation_id,)
        ).fetchall()
    return [
        Message(
            id=row["id"],
            conversation_id=row["conversation_id"],
            role=row["role"],
            content=row["content"],
            created_at=_utc(row["created_at"]),
            complete=bool(row["complete"]),
        )
        for row in rows
    ]


def latest_conversation(store: Store) -> Conversation | None:
    """The conversation most recently added to, or None when there is none yet."""
    found = list_conversations(store, limit=1)
    return found[0] if found else None


def delete_conversation(store: Store, conversation_id: int) -> None:
    """Delete a conversation and all its messages; NotFound for an unknown id."""
    with store.connect(write=True) as conn:
        _conversation(conn, conversation_id)
        # The messages go with it: ON DELETE CASCADE, and every connection has foreign_keys on.
        conn.execute("DELETE FROM conversation WHERE id = ?", (conversation_id,))


def _conversation(conn: sqlite3.Connection, conversation_id: int) -> Conversation:
    row = conn.execute(f"{_CONVERSATION} WHERE id = ?", (conversation_id,)).fetchone()
    if row is None:
        raise NotFound(
            f"no conversation with id {conversation_id}",
            hint="start a new one with `careercoach chat`, or continue the last with --continue",
        )
    return _conversation_from(row)


def _conversation_from(row: sqlite3.Row) -> Conversation:
    return Conversation(
        id=row["id"],
        title=row["title"],
        model=row["model"],
        created_at=_utc(row["created_at"]),
        updated_at=_utc(row["updated_at"]),
    )
