"""Conversations with the coach: create them, add turns, read them back.

Each write is its own committed transaction, so a crash or Ctrl-C loses nothing already said.
The objects returned are detached from any session, their fields loaded: read them freely.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from careercoach.errors import BadInput, NotFound
from careercoach.store.db import Store
from careercoach.store.models import MESSAGE_ROLES, Conversation, Message, utc_now


def create_conversation(store: Store, title: str, model: str | None = None) -> Conversation:
    """Start a conversation named `title` (with the model it talks to, when known)."""
    with store.session() as session:
        conversation = Conversation(title=title, model=model)
        session.add(conversation)
    return conversation


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
    with store.session() as session:
        conversation = _conversation(session, conversation_id)
        now = utc_now()
        message = Message(
            conversation_id=conversation_id,
            role=role,
            content=content,
            created_at=now,
            complete=complete,
        )
        conversation.updated_at = now
        session.add(message)
    return message


def list_conversations(store: Store, limit: int | None = 20) -> list[Conversation]:
    """The most recently active conversations first, at most `limit` (None: all)."""
    statement = select(Conversation).order_by(
        col(Conversation.updated_at).desc(), col(Conversation.id).desc()
    )
    if limit is not None:
        statement = statement.limit(limit)
    with store.read_session() as session:
        return list(session.exec(statement).all())


def get_conversation(store: Store, conversation_id: int) -> Conversation:
    """The conversation with this id; NotFound (exit 1) when there is none."""
    with store.read_session() as session:
        return _conversation(session, conversation_id)


def messages(store: Store, conversation_id: int) -> list[Message]:
    """The conversation's messages in the order they were said; NotFound for an unknown id."""
    statement = (
        select(Message)
        .where(Message.conversation_id == conversation_id)
        .order_by(col(Message.id))
    )
    with store.read_session() as session:
        _conversation(session, conversation_id)
        return list(session.exec(statement).all())


def latest_conversation(store: Store) -> Conversation | None:
    """The conversation most recently added to, or None when there is none yet."""
    found = list_conversations(store, limit=1)
    return found[0] if found else None


def delete_conversation(store: Store, conversation_id: int) -> None:
    """Delete a conversation and all its messages; NotFound for an unknown id."""
    with store.session() as session:
        session.delete(_conversation(session, conversation_id))


def _conversation(session: Session, conversation_id: int) -> Conversation:
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        raise NotFound(
            f"no conversation with id {conversation_id}",
            hint="start a new one with `careercoach chat`, or continue the last with --continue",
        )
    return conversation
