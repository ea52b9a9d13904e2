"""careercoach chat: ask the coach once, talk with it on a terminal, or browse past chats."""

from __future__ import annotations

from typing import Annotated

import typer

from careercoach.commands.common import (
    DebugOpt,
    JsonOpt,
    ModelOpt,
    NoCacheOpt,
    OfflineOpt,
    apply_model_options,
    get_env,
    read_text_arg,
)
from careercoach.errors import BadInput

_BROWSE = {"list": 1, "show": 2}  # `chat list`, `chat show ID`: the words they take


def chat(
    ctx: typer.Context,
    words: Annotated[
        list[str] | None,
        typer.Argument(
            help="Your message ('-' reads it from stdin). None on a terminal: a conversation. "
            "`chat list` and `chat show ID` browse past conversations.",
            show_default=False,
        ),
    ] = None,
    continue_: Annotated[
        bool, typer.Option("--continue", "-c", help="Continue the last conversation.")
    ] = False,
    analysis: Annotated[
        int | None,
        typer.Option("--analysis", help="Discuss this gap analysis (default: the latest)."),
    ] = None,
    with_: Annotated[
        list[str] | None,
        typer.Option(
            "--with", help="Also tell the coach about: journal (your recent journal themes)."
        ),
    ] = None,
    json_: JsonOpt = False,
    model: ModelOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Talk with the coach, who knows your profile, goals and latest gap analysis."""
    env = apply_model_options(ctx, model=model, offline=offline, no_cache=no_cache, debug=debug)
    words = words or []
    if words and words[0] in _BROWSE and len(words) == _BROWSE[words[0]]:
        _browse(ctx, words, json_=json_)
        return

    from careercoach.services.chat import ChatSession
    from careercoach.services.model import ModelChoice
    from careercoach.ui.console import print_json
    from careercoach.ui.stream import AnswerStream

    with_journal = _with_journal(with_ or [])
    choice = ModelChoice(model=env.model, offline=env.offline, no_cache=env.no_cache)
    if not words:
        if json_ or not (env.stdin_is_tty and env.stdout_is_tty):
            raise BadInput(
                "no message given",
                hint='careercoach chat "your question", or pipe it: '
                "echo question | careercoach chat -",
            )
        from careercoach.ui.chat_repl import run_conversation

        session = ChatSession(
            choice, continue_last=continue_, analysis_id=analysis, with_journal=with_journal
        )
        run_conversation(env, session)
        return

    text = read_text_arg(" ".join(words) if words != ["-"] else "-", what="message")
    session = ChatSession(
        choice, continue_last=continue_, analysis_id=analysis, with_journal=with_journal
    )
    if json_:
        reply = session.send(text)
        print_json(reply)
        return
    with AnswerStream(env.out) as stream:
        reply = session.send(text, on_text=stream.write)
    if reply.condensed_turns:
        env.notice(
            f"{reply.condensed_turns} older messages were condensed to fit the model's "
            "context window."
        )


def _with_journal(sources: list[str]) -> bool:
    unknown = sorted({s for s in sources if s != "journal"})
    if unknown:
        raise BadInput(
            f"unknown --with source: {', '.join(unknown)}", hint="the only one is: --with journal"
        )
    return bool(sources)


def _browse(ctx: typer.Context, words: list[str], *, json_: bool) -> None:
    from careercoach.store import chats
    from careercoach.store.db import open_store
    from careercoach.ui.chat_view import show_conversation, show_conversations

    env = get_env(ctx)
    store = open_store()
    if words[0] == "list":
        show_conversations(env, store, chats.list_conversations(store, limit=None), json_=json_)
        return
    try:
        conversation_id = int(words[1])
    except ValueError:
        raise BadInput(
            f"{words[1]!r} is not a conversation id",
            hint="see the ids with `careercoach chat list`",
        ) from None
    show_conversation(env, store, conversation_id, json_=json_)
