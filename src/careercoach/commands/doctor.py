"""careercoach doctor: is everything in order?"""

from __future__ import annotations

import typer

from careercoach.commands.common import JsonOpt, OfflineOpt, get_env

_MARK = {"ok": "[green]ok[/]  ", "warn": "[yellow]warn[/]", "fail": "[red]fail[/]"}


def doctor(ctx: typer.Context, json_: JsonOpt = False, offline: OfflineOpt = False) -> None:
    """Check config, keyring, key, model, database and versions; exit 1 if anything failed."""
    from rich.markup import escape

    from careercoach.services.doctor import run_checks
    from careercoach.ui.console import print_json

    env = get_env(ctx)
    checks = run_checks(offline=offline or env.offline)
    if json_:
        print_json([c.__dict__ for c in checks])
    else:
        for c in checks:
            env.out.print(f"{_MARK[c.status]}  [bold]{c.name}[/]: {escape(c.detail)}")
            if c.fix and c.status != "ok":
                env.out.print(f"        [dim]fix:[/] {escape(c.fix)}")
    if any(c.status == "fail" for c in checks):
        raise typer.Exit(1)
