"""store.chats: conversations and their messages, each turn committed as it is said."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import timezone
from pathlib import Path

import pytest

from careercoach.errors import BadInput, NotFound
from careercoach.store import chats
from careercoach.store.db import Store, open_store


@pytest.fixture
def store(coach_home: Path) -> Iterator[Store]:
    opened = open_store()
    yield opened
    opened.close()


def test_a_new_conversation_has_an_id_and_aware_times(store: Store) -> None:
    conversation = chats.create_conversation(store, "Moving into data engineering", "m")
    assert isinstance(conversation.id, int)
    assert conversation.title == "Moving into data engineering"
    assert conversation.model == "m"
    assert conversation.created_at.tzinfo == timezone.utc
    assert chats.get_conversation(store, conversation.id) == conversation


def test_messages_come_back_in_order_and_usable_after_the_session(store: Store) -> None:
    conversation = chats.create_conversation(store, "CV review", None)
    chats.add_message(store, conversation.id, "system", "You are a coach.")
    chats.add_message(store, conversation.id, "user", "Is my CV any good?")
    cut = chats.add_message(store, conversation.id, "assistant", "It is a good st", complete=False)
    assert cut.complete is False and isinstance(cut.id, int)

    found = chats.messages(store, conversation.id)
    assert [(m.role, m.content, m.complete) for m in found] == [
        ("system", "You are a coach.", True),
        ("user", "Is my CV any good?", True),
        ("assistant", "It is a good st", False),
    ]
    assert all(m.conversation_id == conversation.id for m in found)
    assert found[0].created_at <= found[1].created_at <= found[2].created_at


def test_each_message_is_committed_before_add_message_returns(store: Store) -> None:
    conversation = chats.create_conversation(store, "t", None)
    chats.add_message(store, conversation.id, "user", "saved before the model is called")
    other = sqlite3.connect(store.path)  # another connection sees only committed data
    try:
        rows = other.execute("SELECT role, content, complete FROM message").fetchall()
    finally:
        other.close()
    assert rows == [("user", "saved before the model is called", 1)]


def test_the_latest_conversation_is_the_one_last_added_to(store: Store) -> None:
    assert chats.latest_conversation(store) is None
    first = chats.create_conversation(store, "first", None)
    second = chats.create_conversation(store, "second", None)
    latest = chats.latest_conversation(store)
    assert latest is not None and latest.id == second.id
    chats.add_message(store, first.id, "user", "back to this one")
    latest = chats.latest_conversation(store)
    assert latest is not None and latest.id == first.id
    assert latest.updated_at > first.updated_at


def test_list_conversations_is_most_recent_first_and_limited(store: Store) -> None:
    ids = [chats.create_conversation(store, f"c{i}", None).id for i in range(5)]
    assert [c.id for c in chats.list_conversations(store, limit=3)] == ids[::-1][:3]
    assert len(chats.list_conversations(store, limit=None)) == 5


def test_an_unknown_conversation_is_not_found_with_a_hint(store: Store) -> None:
    for call in (
        lambda: chats.get_conversation(store, 42),
        lambda: chats.messages(store, 42),
        lambda: chats.add_message(store, 42, "user", "hello"),
        lambda: chats.delete_conversation(store, 42),
    ):
        with pytest.raises(NotFound) as caught:
            call()
        assert "42" in caught.value.message
        assert caught.value.hint


def test_an_unknown_role_is_refused(store: Store) -> None:
    conversation = chats.create_conversation(store, "t", None)
    with pytest.raises(BadInput, match="role"):
        chats.add_message(store, conversation.id, "tool", "x")
    assert chats.messages(store, conversation.id) == []


def test_deleting_a_conversation_deletes_its_messages(store: Store) -> None:
    kept = chats.create_conversation(store, "kept", None)
    gone = chats.create_conversation(store, "gone", None)
    chats.add_message(store, kept.id, "user", "stay")
    chats.add_message(store, gone.id, "user", "go")
    chats.delete_conversation(store, gone.id)
    other = sqlite3.connect(store.path)
    try:
        rows = other.execute("SELECT conversation_id, content FROM message").fetchall()
    finally:
        other.close()
    assert rows == [(kept.id, "stay")]
    with pytest.raises(NotFound):
        chats.get_conversation(store, gone.id)
