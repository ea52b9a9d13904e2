"""Talking to the coach: each turn is stored as it happens, the answer streamed back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from careercoach.config import Config
from careercoach.services.model import ModelChoice, open_gateway


@dataclass
class ChatReply:
    conversation_id: int
    reply: str
    model: str
    cache_hit: bool
    prompt_tokens: int | None
    completion_tokens: int | None
    cost_usd: float | None


def _system_prompt() -> str:
    from careercoach.documents.delimit import DATA_NOTICE
    from careercoach.prompts import load_prompt

    # Profile, goals and analyses join this context as those capabilities land (issue 6).
    context = "Nothing is stored about the person yet; ask what you need to know."
    return load_prompt("chat").render(data_notice=DATA_NOTICE, context=context)


def ask(
    message: str,
    choice: ModelChoice,
    *,
    on_text: Callable[[str], None] | None = None,
    continue_last: bool = False,
) -> ChatReply:
    """Send one message to the coach; the question is stored before the model is called."""
    from careercoach.store import chats
    from careercoach.store.db import open_store

    config = Config.load()
    store = open_store()
    gateway = open_gateway("chat", choice, store=store, config=config)

    conversation = chats.latest_conversation(store) if continue_last else None
    if conversation is None:
        title = " ".join(message.split())[:60]
        conversation = chats.create_conversation(store, title, gateway.settings.model)
    history = [
        {"role": m.role, "content": m.content}
        for m in chats.messages(store, conversation.id)
        if m.complete and m.role in ("user", "assistant")
    ]
    chats.add_message(store, conversation.id, "user", message)

    messages = [{"role": "system", "content": _system_prompt()}, *history]
    messages.append({"role": "user", "content": message})
    answer = gateway.complete(messages, on_text=on_text)
    chats.add_message(store, conversation.id, "assistant", answer.text)
    return ChatReply(
        conversation_id=conversation.id,
        reply=answer.text,
        model=answer.model,
        cache_hit=answer.cache_hit,
        prompt_tokens=answer.prompt_tokens,
        completion_tokens=answer.completion_tokens,
        cost_usd=answer.cost_usd,
    )
