"""careercoach usage: what the model calls cost."""

from __future__ import annotations

import typer

from careercoach.commands.common import JsonOpt, get_env


def usage(ctx: typer.Context, json_: JsonOpt = False) -> None:
    """Show model calls, tokens, cost and cache hits by model, command and month."""
    from careercoach.services.usage import usage_report
    from careercoach.ui.console import print_json
    from careercoach.ui.usage import render_usage

    report = usage_report()
    if json_:
        print_json(report)
        return
    render_usage(get_env(ctx).out, report)
