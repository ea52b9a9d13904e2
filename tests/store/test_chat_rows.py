"""What chat writes in plain SQL (store/chats.py, store/ledger.py) reads back through SQLModel as
if SQLModel had written it, with times as UTCDateTime stores them; and what SQLModel wrote
reads back the same in plain SQL (store/chats.py, store/coach_rows.py)."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlmodel import col, select

from careercoach.store import chats
from careercoach.store.coach_rows import read_coach_rows
from careercoach.store.db import Store, open_store
from careercoach.store.ledger import CachedAnswer, StoreLedger, UsageEvent
from careercoach.store.models import (
    Analysis,
    CacheEntry,
    Conversation,
    Experience,
    Goal,
    GoalStep,
    JournalEntry,
    Message,
    Profile,
    UsageRecord,
    UTCDateTime,
)


@pytest.fixture
def store(coach_home: Path) -> Iterator[Store]:
    opened = open_store()
    yield opened
    opened.close()


def _stored(moment: datetime) -> str:
    """A time as the SQLModel tables store it."""
    text = UTCDateTime().process_bind_param(moment, None)  # type: ignore[arg-type]
    assert text is not None
    return text


def _raw(store: Store, query: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(store.path)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


def _fields(row: object, names: list[str]) -> dict[str, object]:
    return {name: getattr(row, name) for name in names}


CONVERSATION = ["id", "title", "model", "created_at", "updated_at"]
MESSAGE = ["id", "conversation_id", "role", "content", "created_at", "complete"]


def test_a_conversation_written_in_plain_sql_reads_back_through_sqlmodel(store: Store) -> None:
    made = chats.create_conversation(store, "Moving into data engineering ✓", "openai/m")
    said = chats.add_message(store, made.id, "user", "Which cloud first?")
    cut = chats.add_message(store, made.id, "assistant", "Start with", complete=False)
    with store.read_session() as session:
        conversation = session.get(Conversation, made.id)
        messages = session.exec(select(Message).order_by(col(Message.id))).all()
    assert conversation is not None
    assert _fields(conversation, CONVERSATION) == _fields(
        dataclasses.replace(made, updated_at=cut.created_at), CONVERSATION
    )
    assert [_fields(m, MESSAGE) for m in messages] == [
        _fields(said, MESSAGE),
        _fields(cut, MESSAGE),
    ]
    assert messages[0].complete is True and messages[1].complete is False
    raw = _raw(store, "SELECT created_at, updated_at FROM conversation")
    assert raw == [(_stored(made.created_at), _stored(cut.created_at))]
    assert _raw(store, "SELECT created_at, complete, typeof(complete) FROM message") == [
        (_stored(said.created_at), 1, "integer"),
        (_stored(cut.created_at), 0, "integer"),
    ]


def test_conversations_sqlmodel_wrote_read_back_the_same_in_plain_sql(store: Store) -> None:
    with store.session() as session:
        older = Conversation(title="older", model=None)
        older.updated_at -= timedelta(hours=1)
        newer = Conversation(title="newer", model="m")
        session.add_all([older, newer])
        session.flush()
        assert newer.id is not None
        rows = [
            Message(conversation_id=newer.id, role="user", content="hello"),
            Message(conversation_id=newer.id, role="assistant", content="hi", complete=False),
        ]
        session.add_all(rows)
    assert [_fields(c, CONVERSATION) for c in chats.list_conversations(store)] == [
        _fields(newer, CONVERSATION),
        _fields(older, CONVERSATION),
    ]
    assert newer.id is not None
    assert _fields(chats.get_conversation(store, newer.id), CONVERSATION) == _fields(
        newer, CONVERSATION
    )
    assert [_fields(m, MESSAGE) for m in chats.messages(store, newer.id)] == [
        _fields(m, MESSAGE) for m in rows
    ]


def test_the_same_usage_event_is_stored_byte_for_byte_as_sqlmodel_stores_it(
    store: Store,
) -> None:
    events = [
        UsageEvent(
            created_at=datetime(2026, 11, 30, 23, 59, 59, 999999, tzinfo=timezone.utc),
            command="chat",
            model="openai/gpt-4o-mini",
            transport="worker",
            prompt_tokens=412,
            completion_tokens=88,
            cost_usd=0.000115,
            latency_ms=731,
            cache_hit=False,
            outcome="ok",
        ),
        UsageEvent(
            created_at=datetime(2026, 12, 1, 1, 0, tzinfo=timezone(timedelta(hours=2))),
            command="gap",
            model="m",
            transport="in-process",
            prompt_tokens=None,
            completion_tokens=None,
            cost_usd=None,
            latency_ms=0,
            cache_hit=True,
            outcome="budget",
        ),
    ]
    ledger = StoreLedger(store)
    for event in events:
        ledger.record(event)
        with store.session() as session:
            session.add(UsageRecord(**dataclasses.asdict(event)))
    columns = (
        "created_at, command, model, transport, prompt_tokens, completion_tokens, cost_usd, "
        "latency_ms, cache_hit, outcome"
    )
    typed = ", ".join(f"typeof({name.strip()})" for name in columns.split(","))
    rows = _raw(store, f"SELECT {columns}, {typed} FROM usage ORDER BY id")
    assert rows[0] == rows[1] and rows[2] == rows[3]
    assert rows[2][0] == "2026-11-30T23:00:00.000000+00:00"
    with pytest.raises(ValueError, match="timezone-aware"):
        ledger.record(dataclasses.replace(events[0], created_at=datetime(2026, 1, 1)))


def test_a_cached_answer_reads_back_through_sqlmodel_and_replaces_the_old_one(
    store: Store,
) -> None:
    ledger = StoreLedger(store)
    before = datetime.now(timezone.utc)
    ledger.remember("k" * 64, CachedAnswer("first", "m", 1, 2, 0.5))
    ledger.remember("k" * 64, CachedAnswer("Ünïcode answer", "m2", None, 7, None))
    with store.read_session() as session:
        entry = session.get(CacheEntry, "k" * 64)
    assert entry is not None
    assert (entry.text, entry.model, entry.prompt_tokens, entry.completion_tokens) == (
        "Ünïcode answer",
        "m2",
        None,
        7,
    )
    assert entry.cost_usd is None
    assert before <= entry.created_at <= datetime.now(timezone.utc)
    assert _raw(store, "SELECT count(*), created_at FROM cache") == [
        (1, _stored(entry.created_at))
    ]
    assert ledger.cached("k" * 64) == CachedAnswer("Ünïcode answer", "m2", None, 7, None)
    assert ledger.cached("x" * 64) is None


def test_an_answer_sqlmodel_cached_is_found_in_plain_sql(store: Store) -> None:
    with store.session() as session:
        session.add(CacheEntry(key="a" * 64, model="m", text="t", prompt_tokens=3, cost_usd=0.0))
    assert StoreLedger(store).cached("a" * 64) == CachedAnswer("t", "m", 3, None, 0.0)


def test_the_month_cost_counts_what_sqlmodel_wrote_within_the_utc_month(store: Store) -> None:
    month = datetime(2026, 12, 1, tzinfo=timezone.utc)
    rows = [
        (month, 0.25, False),  # the first microsecond counts
        (month - timedelta(microseconds=1), 5.0, False),  # November
        (month + timedelta(days=30, hours=23), 0.5, False),
        (datetime(2027, 1, 1, tzinfo=timezone.utc), 7.0, False),  # January
        (month + timedelta(days=3), 9.0, True),  # a cache hit costs nothing
        (month + timedelta(days=3), None, False),  # unknown price
    ]
    with store.session() as session:
        for when, cost, hit in rows:
            session.add(
                UsageRecord(
                    created_at=when,
                    command="chat",
                    model="m",
                    transport="worker",
                    cost_usd=cost,
                    latency_ms=1,
                    cache_hit=hit,
                    outcome="ok",
                )
            )
    ledger = StoreLedger(store)
    local = timezone(timedelta(hours=-5))
    assert ledger.month_cost_usd(datetime(2026, 12, 15, tzinfo=timezone.utc)) == 0.75
    assert ledger.month_cost_usd(datetime(2026, 11, 30, 20, tzinfo=local)) == 0.75  # Dec UTC
    assert ledger.month_cost_usd(datetime(2026, 11, 2, tzinfo=timezone.utc)) == 5.0
    assert ledger.month_cost_usd(datetime(2025, 12, 2, tzinfo=timezone.utc)) == 0.0


def test_the_coach_reads_what_sqlmodel_wrote(store: Store) -> None:
    with store.session() as session:
        session.add(Profile(id=1, name="Ada", headline="Data engineer"))
        session.add(Experience(title="Analyst", start="2020", achievements=["a", "b"]))
        session.add(Experience(title="Engineer", start="2023", employer="Acme"))
        goals = [Goal(title=f"goal {i}", status="done" if i == 1 else "open") for i in range(4)]
        session.add_all(goals)
        session.flush()
        session.add(GoalStep(goal_id=goals[3].id, position=2, text="second", done=True))
        session.add(GoalStep(goal_id=goals[3].id, position=1, text="first"))
        old = Analysis(kind="gap", mode="offline", verdict="FIT", score=80.0, report={"k": [1]})
        old.created_at -= timedelta(days=1)
        session.add_all([old, Analysis(kind="cv", mode="offline", report={})])
        session.add(JournalEntry(entry_date="2026-11-01", text="old", themes=["x"]))
        session.add(
            JournalEntry(entry_date="2026-12-01", text="new", mood=4, stress=2, themes=["y"])
        )
    rows = read_coach_rows(store, analysis_id=None, goals=2, journal_since="2026-11-15")
    assert rows.headline == "Data engineer"
    assert [(r.title, r.employer, r.start, r.achievements) for r in rows.roles] == [
        ("Analyst", None, "2020", ["a", "b"]),
        ("Engineer", "Acme", "2023", []),
    ]
    assert [(g.title, [(s.text, s.done) for s in g.steps]) for g in rows.goals] == [
        ("goal 3", [("first", False), ("second", True)]),
        ("goal 2", []),
    ]
    assert rows.analysis is not None
    assert _fields(rows.analysis, ["id", "kind", "verdict", "score", "report", "created_at"]) == (
        _fields(old, ["id", "kind", "verdict", "score", "report", "created_at"])
    )
    assert [(e.mood, e.stress, e.themes, e.tags) for e in rows.journal] == [(4, 2.0, ["y"], [])]
    chosen = read_coach_rows(store, analysis_id=2, goals=5, journal_since=None)
    assert chosen.analysis is not None and chosen.analysis.kind == "cv" and chosen.journal == []
    assert read_coach_rows(store, analysis_id=9, goals=5, journal_since=None).analysis is None
