"""`careercoach dashboard`: everything at a glance, read from the store; never calls a model."""

from __future__ import annotations

import typer

from careercoach.commands.common import JsonOpt, get_env


def dashboard(ctx: typer.Context, json_: JsonOpt = False) -> None:
    """Everything at a glance: match scores, skills, goals, mood, applications, usage.

    Reads the store only; never calls a model.
    """
    from careercoach.services.dashboard import build_dashboard
    from careercoach.store.db import open_store

    data = build_dashboard(open_store())
    if json_:
        from careercoach.ui.console import print_json

        print_json(data)
        return
    from careercoach.ui.dashboard_view import render_dashboard

    render_dashboard(get_env(ctx).out, data)
