"""careercoach's tables as SQLModel classes, to query and write through a Store session.

The schema itself is made by store/migrations.py; a test keeps the two in step. Times are
stored as ISO 8601 text in UTC ("2026-11-21T12:00:00.000000+00:00"), so they sort as text and
come back timezone-aware.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """A timezone-aware datetime kept as ISO 8601 text in UTC; naive datetimes are refused."""

    impl = sa.String
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: give it a time zone (UTC)")
        return value.astimezone(timezone.utc).isoformat(timespec="microseconds")

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=timezone.utc)
        return parsed.astimezone(timezone.utc)


class UsageRecord(SQLModel, table=True):
    """One model call in the usage log, whatever its outcome."""

    __tablename__ = "usage"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime, index=True)
    command: str
    model: str
    transport: str
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    cost_usd: float | None = None
    latency_ms: int
    cache_hit: bool
    outcome: str


class CacheEntry(SQLModel, table=True):
    """A stored model answer, keyed by the sha256 hex of the request that produced it."""

    __tablename__ = "cache"

    key: str = Field(primary_key=True)
    model: str
    text: str = Field(sa_type=sa.Text)
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    cost_usd: float | None = None
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class Conversation(SQLModel, table=True):
    """A chat with the coach; its messages are Message rows."""

    __tablename__ = "conversation"

    id: int | None = Field(default=None, primary_key=True)
    title: str
    model: str | None = None
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


MESSAGE_ROLES = ("system", "user", "assistant")


class Message(SQLModel, table=True):
    """One turn of a conversation; complete is false for an answer cut off mid-stream."""

    __tablename__ = "message"
    __table_args__ = (
        sa.CheckConstraint(
            "role IN ('system', 'user', 'assistant')", name="ck_message_role"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversation.id", ondelete="CASCADE", index=True)
    role: str
    content: str = Field(sa_type=sa.Text)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    complete: bool = Field(default=True, sa_column_kwargs={"server_default": sa.text("1")})
