"""Past conversations: `chat list` as a table, `chat show ID` as the turns, or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.markdown import Markdown
from rich.markup import escape
from rich.table import Table

from careercoach.ui.console import print_json, sanitize

if TYPE_CHECKING:
    from careercoach.commands.common import Env
    from careercoach.store.db import Store
    from careercoach.store.chats import Conversation, Message


def conversation_dict(conversation: Conversation, count: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": conversation.id,
        "title": conversation.title,
        "model": conversation.model,
        "created_at": conversation.created_at,
        "updated_at": conversation.updated_at,
    }
    if count is not None:
        data["messages"] = count
    return data


def message_dict(message: Message) -> dict[str, Any]:
    return {
        "id": message.id,
        "role": message.role,
        "content": message.content,
        "complete": message.complete,
        "created_at": message.created_at,
    }


def show_conversations(
    env: Env, store: Store, conversations: list[Conversation], *, json_: bool
) -> None:
    from careercoach.store import chats

    counts = {c.id: len(chats.messages(store, c.id)) for c in conversations if c.id is not None}
    if json_:
        print_json([conversation_dict(c, counts.get(c.id)) for c in conversations])
        return
    if not conversations:
        env.out.print(
            "No conversations yet. Start one with `careercoach chat` or "
            '`careercoach chat "your question"`.',
            markup=False,
        )
        return
    table = Table(title="Conversations with the coach")
    table.add_column("id", justify="right")
    table.add_column("last active")
    table.add_column("messages", justify="right")
    table.add_column("model")
    table.add_column("title")
    for c in conversations:
        table.add_row(
            str(c.id),
            f"{c.updated_at.astimezone():%Y-%m-%d %H:%M}",
            str(counts.get(c.id, 0)),
            escape(c.model or "-"),
            escape(sanitize(c.title)),
        )
    env.out.print(table)
    env.out.print(
        "Read one with `careercoach chat show ID`; go on with the last one with "
        "`careercoach chat --continue`.",
        markup=False,
        style="dim",
    )


def show_conversation(env: Env, store: Store, conversation_id: int, *, json_: bool) -> None:
    from careercoach.store import chats

    conversation = chats.get_conversation(store, conversation_id)
    messages = chats.messages(store, conversation_id)
    if json_:
        data = conversation_dict(conversation)
        data["messages"] = [message_dict(m) for m in messages]
        print_json(data)
        return
    env.out.rule(escape(sanitize(conversation.title)))
    for message in messages:
        print_turn(env, message.role, message.content, complete=message.complete)


def print_turn(env: Env, role: str, content: str, *, complete: bool = True) -> None:
    """One turn: the person's words as typed, the coach's as Markdown (never as Rich markup)."""
    if role == "user":
        env.out.print("[bold cyan]You:[/] " + escape(sanitize(content)))
        return
    label = "Coach" if complete else "Coach (cut off; not sent back to the model)"
    env.out.print(f"[bold green]{label}:[/]")
    env.out.print(Markdown(sanitize(content)))
