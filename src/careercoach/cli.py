"""The command-line entry point: the root app, its global options and the one error boundary."""

from __future__ import annotations

import os
import sys
import traceback
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from careercoach import __version__
from careercoach.commands import advise, analyses, apply, chat, config_cmd, cv, dashboard, data, doctor, gap, goal, interview, job, journal, key, profile, roadmap, search, setup, usage
from careercoach.commands.common import Env, get_env, make_env
from careercoach.errors import CareerCoachError, ExitCode


def _report(env: Env, exc: BaseException) -> int:
    """Print one readable message on stderr; a traceback only under --debug."""
    if env.debug:
        traceback.print_exception(exc, file=sys.stderr)
    if isinstance(exc, CareerCoachError):
        env.err.print(f"[bold red]Error:[/] {_escape(exc.message)}")
        if exc.hint:
            env.err.print(f"[dim]Hint:[/] {_escape(exc.hint)}")
        return int(exc.exit_code)
    env.err.print(f"[bold red]Error:[/] unexpected {type(exc).__name__}: {_escape(str(exc))}")
    if not env.debug:
        env.err.print("[dim]Hint:[/] run again with --debug for the traceback, and report it")
    return int(ExitCode.BAD_INPUT)


def _escape(text: str) -> str:
    from rich.markup import escape

    from careercoach.ui.console import sanitize

    return escape(sanitize(text))


class CoachGroup(TyperGroup):
    """The root group: turns careercoach's errors into the contract's messages and exit codes."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort):
            raise
        except KeyboardInterrupt:
            get_env(ctx).err.print("[dim]Interrupted.[/]")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            raise typer.Exit(0) from None
        except Exception as exc:  # the one boundary: anything else becomes a message
            if exc.__class__.__module__.startswith(("click", "typer")):
                raise
            raise typer.Exit(_report(get_env(ctx), exc)) from None

    def list_commands(self, ctx: Any) -> list[str]:
        # Keep the order of registration (the order of the product), not alphabetical.
        return list(self.commands)


app = typer.Typer(
    cls=CoachGroup,
    name="careercoach",
    help="A private, local-first AI career coach for the terminal.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"careercoach {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    offline: Annotated[bool, typer.Option("--offline", help="Call no model anywhere.")] = False,
    model: Annotated[
        str | None, typer.Option("--model", "-m", help="Model for this run (LiteLLM name).")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not reuse stored model answers.")
    ] = False,
    no_redact: Annotated[
        bool,
        typer.Option(
            "--no-redact", help="Send documents to the model without redacting contact details."
        ),
    ] = False,
) -> None:
    """Know your gap. Close your gap. Your career material stays on this machine."""
    if no_redact:
        # The flag outranks the environment and the config file; every redaction step asks
        # the config (documents.redact.redact_for_model), which reads this variable first.
        os.environ["CAREERCOACH_REDACT"] = "false"
    ctx.obj = make_env(debug=debug, offline=offline, model=model, no_cache=no_cache)


app.command("setup")(setup.setup)
app.command("doctor")(doctor.doctor)
app.add_typer(key.app, name="key")
app.add_typer(config_cmd.app, name="config")
app.add_typer(goal.app, name="goal")
app.command("advise")(advise.advise)
app.add_typer(journal.app, name="journal")
app.add_typer(cv.app, name="cv")
app.add_typer(profile.app, name="profile")
app.add_typer(job.app, name="job")
app.add_typer(analyses.app, name="analyses")
app.command("roadmap")(roadmap.roadmap)
app.command("gap")(gap.gap)
app.command("chat")(chat.chat)
app.add_typer(interview.app, name="interview")
app.command("usage")(usage.usage)
app.add_typer(apply.app, name="apply")
from careercoach.commands import letter  # noqa: E402
app.add_typer(letter.app, name="letter")
app.command("dashboard")(dashboard.dashboard)
app.command("search")(search.search)
app.add_typer(data.app, name="data")
from careercoach.commands import worker as worker_cmd  # noqa: E402
app.add_typer(worker_cmd.app, name="worker")


def main() -> None:
    """Console-script entry point."""
    app()
