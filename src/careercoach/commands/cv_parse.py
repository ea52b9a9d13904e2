"""careercoach cv parse: turn a stored CV into the profile, after the person reviews it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from careercoach.commands.common import (
    DebugOpt,
    Env,
    JsonOpt,
    ModelOpt,
    NoCacheOpt,
    OfflineOpt,
    YesOpt,
    apply_model_options,
)
from careercoach.errors import BadInput

if TYPE_CHECKING:
    from careercoach.services.cv_parse import Change, ParseResult


def parse(
    ctx: typer.Context,
    cv_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="The CV's id (default: the latest CV).")
    ] = None,
    yes: YesOpt = False,
    json_: JsonOpt = False,
    model: ModelOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Turn a CV into your profile: shows what it would write, then writes what you choose."""
    from careercoach.services.cv_parse import apply_merge, parse_stored_cv, plan_merge
    from careercoach.services.cvs import get_cv
    from careercoach.services.model import ModelChoice
    from careercoach.store.db import open_store

    env = apply_model_options(ctx, model=model, offline=offline, no_cache=no_cache, debug=debug)
    if not yes and not env.stdin_is_tty:
        raise BadInput(
            "cv parse asks before it writes to your profile, and stdin is not a terminal",
            hint="run it in a terminal to choose what to write, or add --yes to write it all",
        )
    store = open_store()
    cv = get_cv(store, cv_id)
    stored_id = cast(int, cv.id)  # a stored row always has its id
    choice = ModelChoice(model=env.model, offline=env.offline, no_cache=env.no_cache)
    env.notice(f"Parsing CV {stored_id} ({cv.filename}) …")
    result = parse_stored_cv(store, cv, choice)
    changes = plan_merge(store, result.parsed, stored_id, engine=result.engine)
    if not json_:
        _show(env, stored_id, result, changes)
    chosen = changes if yes or not changes else _choose(changes, to_stderr=json_)
    written = apply_merge(store, chosen) if chosen else 0
    if json_:
        from careercoach.ui.console import print_json

        print_json(
            {
                "cv_id": stored_id,
                "engine": result.engine,
                "notes": result.notes,
                "changes": [c.to_dict() for c in changes],
                "written": written,
            }
        )
        return
    if changes:
        env.out.print(
            f"Wrote {written} of {len(changes)} changes to your profile.",
            markup=False,
            highlight=False,
        )


def _show(env: Env, cv_id: int, result: ParseResult, changes: list[Change]) -> None:
    """The engine (offline said plainly), its notes, and a table of the changes."""
    from rich.table import Table
    from rich.text import Text

    from careercoach.ui.console import sanitize

    engine = "offline parser (no model)" if result.engine == "offline" else "model"
    env.out.print(f"CV {cv_id} parsed by the {engine}.", markup=False, highlight=False)
    for note in result.notes:
        env.out.print(Text(sanitize(note), style="dim"))
    if not changes:
        env.out.print(
            "Nothing new to write: your profile already has everything this CV says.",
            markup=False,
            highlight=False,
        )
        return
    table = Table(title="What cv parse would write to your profile", title_justify="left")
    for column in ("section", "item", "change"):
        table.add_column(column)
    for change in changes:
        table.add_row(change.section, Text(sanitize(change.item)), change.action)
    env.out.print(table)


def _choose(changes: list[Change], *, to_stderr: bool) -> list[Change]:
    """A checkbox of every change, all checked; Ctrl-C or Esc writes nothing (exit 130)."""
    import sys

    import questionary

    from careercoach.ui.console import sanitize

    options: dict[str, Any] = {}
    if to_stderr:  # --json: stdout carries only the JSON document
        from prompt_toolkit.output import create_output

        options["output"] = create_output(stdout=sys.stderr)
    picked = questionary.checkbox(
        "Write which of these to your profile? (space toggles, enter confirms)",
        choices=[
            questionary.Choice(
                f"{c.section}: {sanitize(c.item)} ({c.action})", value=i, checked=True
            )
            for i, c in enumerate(changes)
        ],
        **options,
    ).ask()
    if picked is None:
        raise KeyboardInterrupt
    return [changes[i] for i in picked]
