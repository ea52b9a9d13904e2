"""careercoach config: show, get and set settings."""

from __future__ import annotations

from typing import Annotated

import typer

from careercoach.commands.common import JsonOpt, get_env

app = typer.Typer(help="Show and change settings (the config file).", no_args_is_help=True)


@app.command("show")
def show(ctx: typer.Context, json_: JsonOpt = False) -> None:
    """Show every setting with its value and where it comes from."""
    from rich.table import Table

    from careercoach import config, paths
    from careercoach.ui.console import print_json

    settings = config.Config.load().all()
    if json_:
        print_json({s.name: {"value": s.value, "source": s.source} for s in settings})
        return
    table = Table(title=f"Settings ({paths.config_path()})", title_justify="left")
    table.add_column("key", style="bold")
    table.add_column("value")
    table.add_column("source", style="dim")
    table.add_column("meaning", style="dim")
    for s in settings:
        shown = "-" if s.value is None else str(s.value).lower() if isinstance(s.value, bool) else str(s.value)
        table.add_row(s.name, shown, s.source, config.KEYS[s.name].help)
    get_env(ctx).out.print(table)


@app.command("get")
def get(key: Annotated[str, typer.Argument(help="The key, e.g. model.")]) -> None:
    """Print one setting's effective value (empty when unset)."""
    from careercoach import config

    value = config.Config.load().get(key)
    typer.echo("" if value is None else str(value).lower() if isinstance(value, bool) else value)


@app.command("set")
def set_(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The key, e.g. timeout.")],
    value: Annotated[str, typer.Argument(help="The new value.")],
) -> None:
    """Validate and store one setting in the config file."""
    from careercoach import config

    stored = config.set_value(key, value)
    get_env(ctx).notice(f"{key} = {stored}")


@app.command("unset")
def unset(ctx: typer.Context, key: Annotated[str, typer.Argument(help="The key.")]) -> None:
    """Remove a setting from the config file (its default applies again)."""
    from careercoach import config

    config.unset_value(key)
    get_env(ctx).notice(f"{key} unset")


@app.command("path")
def path() -> None:
    """Print the config file's path."""
    from careercoach import paths

    typer.echo(str(paths.config_path()))
