"""What every command shares: the run environment and the global model options."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Annotated

import typer
from rich.console import Console

from careercoach.ui.console import make_console


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass
class Env:
    """The run's environment, made once per invocation and passed explicitly (httpie-style)."""

    out: Console = field(default_factory=make_console)
    err: Console = field(default_factory=lambda: make_console(stderr=True))
    debug: bool = False
    offline: bool = False
    model: str | None = None
    no_cache: bool = False

    @property
    def stdin_is_tty(self) -> bool:
        return sys.stdin.isatty()

    @property
    def stdout_is_tty(self) -> bool:
        return sys.stdout.isatty()

    def notice(self, text: str) -> None:
        """A one-line notice for people, on stderr (never on stdout)."""
        self.err.print(text, markup=False, highlight=False)


def make_env(*, debug: bool, offline: bool, model: str | None, no_cache: bool) -> Env:
    return Env(
        debug=debug or _env_flag("CAREERCOACH_DEBUG"),
        offline=offline or _env_flag("CAREERCOACH_OFFLINE"),
        model=model,
        no_cache=no_cache,
    )


def get_env(ctx: typer.Context) -> Env:
    root = ctx.find_root()
    if not isinstance(root.obj, Env):
        root.obj = make_env(debug=False, offline=False, model=None, no_cache=False)
    return root.obj


def apply_model_options(
    ctx: typer.Context,
    *,
    model: str | None = None,
    offline: bool = False,
    no_cache: bool = False,
    debug: bool = False,
) -> Env:
    """Merge a command's own --model/--offline/--no-cache/--debug over the global ones.

    Every command that may call a model starts here, so this is where the warm model worker
    is started (without waiting), before the command reads its files or the database.
    """
    from careercoach.services.model import ModelChoice, warm_model

    env = get_env(ctx)
    if model:
        env.model = model
    env.offline = env.offline or offline
    env.no_cache = env.no_cache or no_cache
    env.debug = env.debug or debug
    warm_model(ModelChoice(model=env.model, offline=env.offline, no_cache=env.no_cache))
    return env


ModelOpt = Annotated[
    str | None,
    typer.Option("--model", "-m", help="Model to use (LiteLLM name); overrides the config."),
]
OfflineOpt = Annotated[
    bool, typer.Option("--offline", help="Call no model; use the offline engines only.")
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Ask the model again even if an identical answer is stored.")
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON only, for scripts.")]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Answer yes; never ask.")]


def read_text_arg(value: str | None, *, what: str) -> str:
    """Text given as an argument or as '-' for stdin; refuses empty text (exit 1)."""
    from careercoach.errors import BadInput

    if value is None:
        raise BadInput(f"no {what} given", hint=f"give the {what} as an argument, or '-' to read stdin")
    text = sys.stdin.read() if value == "-" else value
    if not text.strip():
        raise BadInput(f"the {what} is empty", hint=f"give a non-empty {what}")
    return text
