"""The command-line entry point: the root app, its global options and the one error boundary."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterator, MutableMapping
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from careercoach import __version__
from careercoach.commands import (
    advise,
    analyses,
    apply,
    chat,
    config_cmd,
    cv,
    dashboard,
    data,
    doctor,
    gap,
    goal,
    interview,
    job,
    journal,
    key,
    letter,
    profile,
    roadmap,
    search,
    setup,
    usage,
    worker,
)
from careercoach.commands.common import Env, get_env, make_env
from careercoach.errors import BadInput, CareerCoachError, ExitCode


def _report(env: Env, exc: BaseException) -> int:
    """Print one readable message on stderr; a traceback only under --debug."""
    if env.debug:
        traceback.print_exception(exc, file=sys.stderr)
    if isinstance(exc, OverflowError) and "SQLite INTEGER" in str(exc):
        # An id or count from the command line past SQLite's 64-bit integers reaches the store
        # from every command that takes a number; it is bad input, not a bug.
        exc = BadInput(
            "a number is too large: ids and counts must be below 2**63",
            "check the number; each kind's `list` command shows its ids",
        )
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
    """The root group: turns careercoach's errors into the contract's messages and exit codes.

    It also builds its commands lazily. Typer turns every command into a click command when
    the app is built, reading each parameter's type hints; for ~90 commands that was most of
    what `--help` cost beyond Typer itself, and every command paid it. Here only the command
    that runs is built, and the root's help list reads names and help texts alone.
    """

    _listing = False  # True while the root's help is drawn

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands: _LazyCommands = _LazyCommands(COMMANDS)

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
        # The order of COMMANDS (the order of the product), not alphabetical.
        return list(self.commands)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if self._listing:
            return self.commands.summary(cmd_name)
        return self.commands.get(cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


class _LazyCommands(MutableMapping[str, Any]):
    """The root's commands by name, each turned into a click command on first use."""

    def __init__(self, entries: dict[str, Any]) -> None:
        self._entries = dict(entries)
        self._built: dict[str, Any] = {}

    def summary(self, name: str) -> Any:
        """The command's stand-in for a list of commands (built only if it was already)."""
        if name in self._built:
            return self._built[name]
        return _summary(name, self._entries[name]) if name in self._entries else None

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            self._built[name] = _to_click(name, self._entries[name])
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._entries[name] = command
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._entries[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


def _summary(name: str, target: Any) -> Any:
    """A stand-in that carries a command's name and help, for the root's list of commands."""
    import inspect

    from typer.core import TyperCommand

    if isinstance(target, typer.Typer):
        text = target.info.help
    elif callable(target) and not hasattr(target, "invoke"):
        text = inspect.getdoc(target)
    else:  # already a click command
        return target
    return TyperCommand(name=name, help=text if isinstance(text, str) else None)


def _to_click(name: str, target: Any) -> Any:
    """The click command for one entry of COMMANDS, as `add_typer` or `command` would build it."""
    import typer.main

    if isinstance(target, typer.Typer):
        command = typer.main.get_group(target)
    elif callable(target) and not hasattr(target, "invoke"):
        single = typer.Typer(add_completion=False, rich_markup_mode="rich")
        single.command(name)(target)
        command = typer.main.get_command(single)
    else:  # already a click command
        return target
    command.name = name
    return command


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


# Every command, in the order `careercoach --help` lists them: a command function or a Typer
# sub-app, built into a click command only when it runs (see CoachGroup).
COMMANDS: dict[str, Any] = {
    "setup": setup.setup,
    "doctor": doctor.doctor,
    "key": key.app,
    "config": config_cmd.app,
    "goal": goal.app,
    "advise": advise.advise,
    "journal": journal.app,
    "cv": cv.app,
    "profile": profile.app,
    "job": job.app,
    "analyses": analyses.app,
    "roadmap": roadmap.roadmap,
    "gap": gap.gap,
    "chat": chat.chat,
    "interview": interview.app,
    "usage": usage.usage,
    "apply": apply.app,
    "letter": letter.app,
    "dashboard": dashboard.dashboard,
    "search": search.search,
    "data": data.app,
    "worker": worker.app,
}


def main() -> None:
    """Console-script entry point."""
    app()
