"""`careercoach advise`: what to do next, from everything stored."""

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
)


def advise(
    ctx: typer.Context,
    last: Annotated[
        bool, typer.Option("--last", help="Show the advice stored last; nothing is recomputed.")
    ] = False,
    json_: JsonOpt = False,
    model: ModelOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """What should I do next? Prioritised advice and a 7-day plan, each item citing its basis.

    Reads your goals, journal (last 30 days), profile, CVs, gap analyses and applications.

    With a model the coach writes it; offline, fixed rules do. Each advice is stored.
    """
    from careercoach.services.advise import advise as run_advice
    from careercoach.services.advise import latest_advice
    from careercoach.services.model import ModelChoice
    from careercoach.store.db import open_store
    from careercoach.ui.console import print_json
    from careercoach.ui.goal_view import render_advice

    env = apply_model_options(ctx, model=model, offline=offline, no_cache=no_cache, debug=debug)
    choice = ModelChoice(model=env.model, offline=env.offline, no_cache=env.no_cache)
    if last:
        result = latest_advice(open_store())
    else:
        if env.offline:
            env.notice(
                "Offline: advice from fixed rules over your stored data; no model is called."
            )
        result = run_advice(open_store(), choice, on_notice=env.notice)
    if json_:
        print_json(result.to_dict())
        return
    render_advice(env.out, result)
