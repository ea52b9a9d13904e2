"""Talking to the coach: each turn is stored as it happens, the answer streamed back.

A ChatSession serves both the one-shot `chat MESSAGE` and the interactive conversation. The
person's message is committed before the model is called, and the answer after it arrives;
an answer cut off (a broken stream, Ctrl-C) is kept marked incomplete and is never sent back
to the model as if it had been said in full. The coach's system prompt carries what is
stored about the person (services/coach_context.py), redacted; the history is fitted to the
model's context window, older turns condensed when it no longer fits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from careercoach.config import Config
from careercoach.errors import IncompleteAnswer
from careercoach.services.model import ModelChoice, open_gateway

if TYPE_CHECKING:
    from careercoach.llm.gateway import Gateway
    from careercoach.services.coach_context import CoachContext
    from careercoach.store.db import Store
    from careercoach.store.chats import Conversation

Counter = Callable[[str], int]

_PER_MESSAGE_TOKENS = 4  # the chat format's own overhead per message, roughly
_DIGEST_CHARS = 160  # how much of each older turn survives in the condensed digest


@dataclass
class ChatReply:
    conversation_id: int
    reply: str
    model: str
    cache_hit: bool
    prompt_tokens: int | None
    completion_tokens: int | None
    cost_usd: float | None
    condensed_turns: int = 0  # older turns condensed to fit the context window


@dataclass
class FittedHistory:
    messages: list[dict[str, str]]
    condensed: int  # how many older messages went into the digest (or were dropped)


def fit_history(
    system: str,
    history: list[dict[str, str]],
    message: str,
    *,
    budget: int,
    count: Counter,
) -> FittedHistory:
    """The system prompt, as much recent history as fits in `budget` tokens, and the message.

    Turns that do not fit are condensed into a digest (the first words of each, oldest
    dropped first if even the digest is too long) placed right after the system prompt. The
    system prompt and the new message are always kept; if they alone pass the budget the
    request goes as it is and the model's own limit decides.
    """

    def size(text: str) -> int:
        return count(text) + _PER_MESSAGE_TOKENS

    left = budget - size(system) - size(message)
    kept: list[dict[str, str]] = []
    for turn in reversed(history):
        cost = size(turn["content"])
        if cost > left:
            break
        kept.insert(0, turn)
        left -= cost
    older = history[: len(history) - len(kept)]
    messages = [{"role": "system", "content": system}]
    if older:
        # The digest must fit too: give back the newest kept turns until it does.
        digest = _digest(older, left, count)
        while digest is None and kept:
            left += size(kept.pop(0)["content"])
            older = history[: len(history) - len(kept)]
            digest = _digest(older, left, count)
        if digest:
            messages.append({"role": "system", "content": digest})
    messages.extend(kept)
    messages.append({"role": "user", "content": message})
    return FittedHistory(messages, condensed=len(older))


def _digest(older: list[dict[str, str]], budget: int, count: Counter) -> str | None:
    """A condensed account of `older` turns within `budget` tokens (None if not one fits)."""
    head = "Earlier in this conversation (older turns condensed to fit the context window):"
    lines = [
        f"- {'The person' if t['role'] == 'user' else 'You'} said: " + _shorten(t["content"])
        for t in older
    ]
    while lines:
        text = "\n".join([head, *lines])
        if count(text) + _PER_MESSAGE_TOKENS <= budget:
            return text
        lines.pop(0)  # the oldest goes first
    return None


def _shorten(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _DIGEST_CHARS else flat[: _DIGEST_CHARS - 1].rstrip() + "…"


class ChatSession:
    """One conversation with the coach; the interactive chat keeps one open across turns."""

    def __init__(
        self,
        choice: ModelChoice,
        *,
        store: Store | None = None,
        continue_last: bool = False,
        conversation_id: int | None = None,
        analysis_id: int | None = None,
        with_journal: bool = False,
    ) -> None:
        from careercoach.store import chats
        from careercoach.store.db import open_store

        self.config = Config.load()
        self.store = store or open_store()
        self.choice = choice
        self.gateway: Gateway = open_gateway("chat", choice, store=self.store, config=self.config)
        self.analysis_id = analysis_id
        self.with_journal = with_journal
        self.conversation: Conversation | None = None
        if conversation_id is not None:
            self.conversation = chats.get_conversation(self.store, conversation_id)
        elif continue_last:
            self.conversation = chats.latest_conversation(self.store)
        self.context()  # validate the analysis id before anything is said

    @property
    def model(self) -> str:
        return self.gateway.settings.model

    def switch_model(self, model: str) -> None:
        """Talk to another model from the next turn on (NotConfigured if it cannot be used)."""
        choice = ModelChoice(
            model=model, offline=self.choice.offline, no_cache=self.choice.no_cache
        )
        self.gateway = open_gateway("chat", choice, store=self.store, config=self.config)
        self.choice = choice

    def new_conversation(self) -> None:
        """The next message starts a new conversation."""
        self.conversation = None

    def choose_analysis(self, analysis_id: int) -> CoachContext:
        """Discuss this gap analysis from now on (NotFound/BadInput for a wrong id)."""
        from careercoach.services.coach_context import build_context

        context = build_context(self.store, analysis_id=analysis_id, with_journal=self.with_journal)
        self.analysis_id = analysis_id
        return context

    def context(self) -> CoachContext:
        from careercoach.services.coach_context import build_context

        return build_context(
            self.store, analysis_id=self.analysis_id, with_journal=self.with_journal
        )

    def context_for_model(self) -> str:
        """What the model is told about the person: the summary, redacted and delimited."""
        context = self.context()
        if context.empty:
            return context.text()
        # Only now: importing the redaction step compiles its patterns (~30 ms).
        from careercoach.documents.delimit import wrap_document
        from careercoach.documents.redact import redact_for_model

        names = [context.person_name] if context.person_name else []
        redacted = redact_for_model(context.text(), names=names).text
        return wrap_document(redacted, "what is stored about the person")

    def history(self) -> list[Any]:
        from careercoach.store import chats

        if self.conversation is None or self.conversation.id is None:
            return []
        return chats.messages(self.store, self.conversation.id)

    def send(self, message: str, *, on_text: Callable[[str], None] | None = None) -> ChatReply:
        """Say `message`; the answer streams to `on_text`. Both turns are stored as they come.

        An answer cut short (IncompleteAnswer, Ctrl-C) is stored marked incomplete and the
        error passed on; the person's message is already stored either way.
        """
        from careercoach.store import chats

        if self.conversation is None:
            title = " ".join(message.split())[:60]
            self.conversation = chats.create_conversation(self.store, title, self.model)
        conversation_id = self.conversation.id
        assert conversation_id is not None
        history = [
            {"role": m.role, "content": m.content}
            for m in chats.messages(self.store, conversation_id)
            if m.complete and m.role in ("user", "assistant")
        ]
        chats.add_message(self.store, conversation_id, "user", message)
        fitted = self._fit(history, message)
        received: list[str] = []

        def forward(delta: str) -> None:
            received.append(delta)
            if on_text is not None:
                on_text(delta)

        try:
            answer = self.gateway.complete(fitted.messages, on_text=forward)
        except IncompleteAnswer as cut:
            self._keep_partial(conversation_id, cut.partial or "".join(received))
            raise
        except KeyboardInterrupt:
            self._keep_partial(conversation_id, "".join(received))
            raise
        chats.add_message(self.store, conversation_id, "assistant", answer.text)
        return ChatReply(
            conversation_id=conversation_id,
            reply=answer.text,
            model=answer.model,
            cache_hit=answer.cache_hit,
            prompt_tokens=answer.prompt_tokens,
            completion_tokens=answer.completion_tokens,
            cost_usd=answer.cost_usd,
            condensed_turns=fitted.condensed,
        )

    def _keep_partial(self, conversation_id: int, partial: str) -> None:
        from careercoach.store import chats

        if partial.strip():
            chats.add_message(self.store, conversation_id, "assistant", partial, complete=False)

    def _fit(self, history: list[dict[str, str]], message: str) -> FittedHistory:
        from careercoach.documents.delimit import DATA_NOTICE
        from careercoach.llm.tokens import context_window, count_tokens
        from careercoach.prompts import load_prompt

        system = load_prompt("chat").render(
            data_notice=DATA_NOTICE, context=self.context_for_model()
        )
        window = context_window(self.model, self.config.get("context_tokens"))
        return fit_history(
            system,
            history,
            message,
            budget=window.total - window.max_output,
            count=lambda text: count_tokens(self.model, text),
        )


def ask(
    message: str,
    choice: ModelChoice,
    *,
    on_text: Callable[[str], None] | None = None,
    continue_last: bool = False,
    analysis_id: int | None = None,
    with_journal: bool = False,
) -> ChatReply:
    """Send one message to the coach (one-shot); the question is stored before the call."""
    session = ChatSession(
        choice, continue_last=continue_last, analysis_id=analysis_id, with_journal=with_journal
    )
    return session.send(message, on_text=on_text)


def transcript_markdown(store: Store, conversation_id: int) -> str:
    """The conversation as Markdown, for /save and `chat show -o`."""
    from careercoach.store import chats

    conversation = chats.get_conversation(store, conversation_id)
    lines = [
        f"# {conversation.title}",
        "",
        f"Conversation #{conversation.id}, "
        f"started {conversation.created_at.isoformat(timespec='seconds')}"
        + (f", model {conversation.model}" if conversation.model else ""),
        "",
    ]
    for message in chats.messages(store, conversation_id):
        who = "You" if message.role == "user" else "Coach"
        mark = " (incomplete: the answer was cut off)" if not message.complete else ""
        lines += [f"## {who}{mark}", "", message.content.rstrip(), ""]
    return "\n".join(lines)
