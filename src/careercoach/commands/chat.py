"""careercoach chat: ask the coach."""

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
    read_text_arg,
)


def chat(
    ctx: typer.Context,
    message: Annotated[
        str | None, typer.Argument(help="Your message, or '-' to read it from stdin.")
    ] = None,
    continue_: Annotated[
        bool, typer.Option("--continue", "-c", help="Continue the last conversation.")
    ] = False,
    json_: JsonOpt = False,
    model: ModelOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Ask the coach one question; the answer streams in as it is written."""
    from careercoach.errors import BadInput
    from careercoach.services.chat import ask
    from careercoach.services.model import ModelChoice
    from careercoach.ui.console import print_json
    from careercoach.ui.stream import AnswerStream

    env = apply_model_options(ctx, model=model, offline=offline, no_cache=no_cache, debug=debug)
    if message is None:
        raise BadInput(
            "no message given (the interactive chat is not built yet)",
            hint="careercoach chat \"your question\", or pipe it: echo question | careercoach chat -",
        )
    text = read_text_arg(message, what="message")
    choice = ModelChoice(model=env.model, offline=env.offline, no_cache=env.no_cache)
    if json_:
        print_json(ask(text, choice, continue_last=continue_))
        return
    with AnswerStream(env.out) as stream:
        ask(text, choice, on_text=stream.write, continue_last=continue_)
