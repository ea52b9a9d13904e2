"""`careercoach letter ...`: cover letters for stored jobs, written, listed, shown and removed.

`careercoach letter JOB [...]` is short for `careercoach letter write JOB [...]`: the group
routes any first word that is not one of its commands to `write`, so the contract's form and
`letter list` / `letter show ID` live side by side.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from careercoach.commands.common import (
    DebugOpt,
    JsonOpt,
    ModelOpt,
    NoCacheOpt,
    OfflineOpt,
    YesOpt,
    apply_model_options,
    get_env,
)


class LetterGroup(TyperGroup):
    """A group whose default command is `write`: `letter 3` means `letter write 3`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["write", *args]
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)


LetterId = Annotated[str, typer.Argument(help="The letter's id (see: careercoach letter list).")]

app = typer.Typer(
    cls=LetterGroup,
    help="Cover letters grounded in your real experience. "
    "`careercoach letter JOB` is short for `careercoach letter write JOB`.",
    no_args_is_help=True,
)


@app.command("write")
def write(
    ctx: typer.Context,
    job: Annotated[
        str, typer.Argument(help="The job's id (see: careercoach job list).", show_default=False)
    ],
    cv: Annotated[
        str | None, typer.Option("--cv", metavar="ID", help="CV id (default: the most recent CV).")
    ] = None,
    tone: Annotated[str, typer.Option("--tone", help="formal, warm or concise.")] = "formal",
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Also write the letter to FILE."),
    ] = None,
    json_: JsonOpt = False,
    model: ModelOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Write a cover letter for a job from your profile and CV, and store it with the job.

    Checked: any skill it names that your profile and CV don't show is named in a warning.
    Without a model (or with --offline) an offline template is filled from stored facts.
    """
    from pathlib import Path

    from careercoach.errors import CareerCoachError
    from careercoach.services.letters import start_letter
    from careercoach.services.model import ModelChoice
    from careercoach.ui.console import print_json
    from careercoach.ui.letter_view import (
        describe,
        letter_lines,
        render_text,
        render_warnings,
        write_letter,
    )
    from careercoach.ui.stream import AnswerStream

    env = apply_model_options(ctx, model=model, offline=offline, no_cache=no_cache, debug=debug)
    choice = ModelChoice(model=env.model, offline=env.offline, no_cache=env.no_cache)
    run = start_letter(job, cv, tone, choice)
    try:
        if json_ or run.gateway is None:
            letter = run.write()
        else:
            env.notice(f"Writing with {run.gateway.settings.model}...")
            with AnswerStream(env.out) as stream:
                letter = run.write(on_text=letter_lines(stream.write, env.out))
    except CareerCoachError:
        env.notice("No letter was stored.")
        raise
    if run.gateway is None:
        env.notice(f"Offline template ({run.offline_reason}).")
        if not json_:
            render_text(env.out, letter)
    render_warnings(env.err, letter)
    if output is not None:
        try:
            write_letter(letter, Path(output))
        except CareerCoachError:
            # The letter is stored already (a model may have been paid for it): say where.
            env.notice(
                f"{describe(letter)} is stored; save it with: "
                f"careercoach letter show {letter.id} > FILE"
            )
            raise
        env.notice(f"Wrote {output}")
    if json_:
        print_json(letter.to_dict())
    else:
        env.notice(f"{describe(letter)} is stored; again: careercoach letter show {letter.id}")


@app.command("list")
def list_(
    ctx: typer.Context,
    job: Annotated[
        str | None, typer.Option("--job", metavar="JOB", help="Only the letters for this job.")
    ] = None,
    json_: JsonOpt = False,
) -> None:
    """List the stored cover letters, the newest first."""
    from careercoach.services.letters import list_letters
    from careercoach.store.db import open_store
    from careercoach.ui.console import print_json
    from careercoach.ui.letter_view import render_list

    env = get_env(ctx)
    letters = list_letters(open_store(), job)
    if json_:
        print_json([letter.to_dict(with_text=False) for letter in letters])
    elif not letters:
        env.out.print("No letters stored yet. Write one with: careercoach letter JOB", markup=False)
    else:
        render_list(env.out, letters)


@app.command("show")
def show(
    ctx: typer.Context,
    letter_id: LetterId,
    json_: JsonOpt = False,
) -> None:
    """Print a stored letter (its warnings and header go to stderr)."""
    from careercoach.services.letters import get_letter
    from careercoach.store.db import open_store
    from careercoach.ui.console import print_json
    from careercoach.ui.letter_view import describe, render_text, render_warnings

    env = get_env(ctx)
    letter = get_letter(open_store(), letter_id)
    if json_:
        print_json(letter.to_dict())
        return
    env.notice(describe(letter))
    render_text(env.out, letter)
    render_warnings(env.err, letter)


@app.command("remove")
def remove(
    ctx: typer.Context,
    letter_id: LetterId,
    yes: YesOpt = False,
    json_: JsonOpt = False,
) -> None:
    """Delete a stored letter (asks first; --yes when not on a terminal)."""
    from careercoach.commands.goal import confirm_or_fail
    from careercoach.services.letters import get_letter, remove_letter
    from careercoach.store.db import open_store
    from careercoach.ui.console import print_json
    from careercoach.ui.letter_view import describe

    env = get_env(ctx)
    store = open_store()
    letter = get_letter(store, letter_id)
    if not confirm_or_fail(env, f"Delete {describe(letter)}?", yes=yes):
        env.notice("Nothing deleted.")
        return
    removed = remove_letter(store, str(letter.id))
    if json_:
        print_json(removed.to_dict(with_text=False))
        return
    env.out.print(f"Deleted letter #{removed.id}.", markup=False)
