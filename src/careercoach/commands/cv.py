"""`careercoach cv ...`: add, list, show and remove CVs (parse and analyze register below)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from careercoach.commands.common import Env, JsonOpt, YesOpt, get_env
from careercoach.errors import BadInput

if TYPE_CHECKING:
    from careercoach.store.gap_rows import StoredCV

app = typer.Typer(
    help="Add your CVs, turn them into a profile and get objective feedback on them.",
    no_args_is_help=True,
)

IdArg = Annotated[
    str, typer.Argument(help="The CV's id (see: careercoach cv list).", show_default=False)
]


@app.command("add")
def add(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Argument(
            help="The CV file (PDF, DOCX, TXT, Markdown), or - for stdin.", show_default=False
        ),
    ],
    name: Annotated[
        str | None,
        typer.Option("--name", help='A label for this version, e.g. "2026 data engineer".'),
    ] = None,
    password: Annotated[
        str | None, typer.Option("--password", help="The password of an encrypted PDF.")
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Read a CV file and store its text (the same file twice is kept once)."""
    from careercoach.services.cvs import add_cv, cv_to_dict
    from careercoach.store.db import open_store

    env = get_env(ctx)
    cv, created = add_cv(open_store(), source, name=name, password=password)
    if json:
        from careercoach.ui.console import print_json

        print_json({**cv_to_dict(cv, with_text=False), "already_stored": not created})
        return
    if created:
        env.out.print(f"Added CV #{cv.id}: {_describe(cv)}.", markup=False, highlight=False)
        env.notice(
            "Next: careercoach cv parse fills your profile; careercoach cv analyze gives feedback."
        )
    else:
        env.out.print(
            f"This file is already stored as CV #{cv.id} ({_describe(cv)}); kept one copy.",
            markup=False,
            highlight=False,
        )
        if name and " ".join(name.split()) != cv.name:
            env.notice("--name was not applied: the stored copy keeps its own label.")


@app.command("list")
def list_(ctx: typer.Context, json: JsonOpt = False) -> None:
    """List the stored CVs; the most recent one is the default for other commands."""
    from careercoach.services.cvs import cv_to_dict, list_cvs
    from careercoach.store.db import open_store

    env = get_env(ctx)
    cvs = list_cvs(open_store())
    if json:
        from careercoach.ui.console import print_json

        print_json([cv_to_dict(cv, with_text=False) for cv in cvs])
        return
    if not cvs:
        env.out.print("No CVs stored yet. Add one with: careercoach cv add FILE", markup=False)
        return
    _render_list(env, cvs)


@app.command("show")
def show(
    ctx: typer.Context,
    cv_id: Annotated[
        str | None,
        typer.Argument(help="The CV's id; the most recent CV if left out.", show_default=False),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Print a CV's text (through a pager on a terminal)."""
    from careercoach.services.cvs import cv_to_dict, get_cv
    from careercoach.store.db import open_store

    env = get_env(ctx)
    cv = get_cv(open_store(), cv_id)
    if json:
        from careercoach.ui.console import print_json

        print_json(cv_to_dict(cv, with_text=True))
        return
    _render_text(env, cv)


@app.command("remove")
def remove(ctx: typer.Context, cv_id: IdArg, yes: YesOpt = False) -> None:
    """Delete a stored CV (analyses made from it are kept)."""
    from careercoach.services.cvs import get_cv, remove_cv
    from careercoach.store.db import open_store

    env = get_env(ctx)
    store = open_store()
    cv = get_cv(store, cv_id)
    if not yes and not _confirm(env, f"Remove CV #{cv.id} ({_describe(cv)})?"):
        env.notice(f"Kept CV #{cv.id}.")
        return
    removed = remove_cv(store, cv.id or 0)
    env.out.print(f"Removed CV #{removed.id} ({removed.filename}).", markup=False, highlight=False)


def _confirm(env: Env, question: str) -> bool:
    """Ask on a terminal; elsewhere refuse, naming --yes (no command waits on a pipe)."""
    if not env.stdin_is_tty:
        raise BadInput(
            "removing a CV needs confirmation and stdin is not a terminal",
            hint="add --yes to remove it without asking",
        )
    import questionary

    answer = questionary.confirm(question, default=False).ask()
    if answer is None:  # Ctrl-C in questionary
        raise KeyboardInterrupt
    return bool(answer)


def _describe(cv: StoredCV) -> str:
    from careercoach.ui.console import sanitize

    label = f'"{cv.name}", ' if cv.name else ""
    pages = f"{cv.page_count} page{'s' if cv.page_count != 1 else ''}, " if cv.page_count else ""
    return sanitize(f"{label}{cv.filename}, {cv.kind.upper()}, {pages}{cv.word_count:,} words")


def _render_list(env: Env, cvs: list[StoredCV]) -> None:
    from rich.table import Table
    from rich.text import Text

    from careercoach.ui.console import sanitize

    table = Table("id", "name", "file", "pages", "words", "added", box=None, pad_edge=False)
    table.columns[3].justify = table.columns[4].justify = "right"
    latest = max(cvs, key=lambda cv: (cv.created_at, cv.id or 0))
    for cv in cvs:
        table.add_row(
            f"{cv.id}{'*' if cv is latest else ''}",
            Text(sanitize(cv.name or "")),
            Text(sanitize(cv.filename)),
            str(cv.page_count) if cv.page_count else "-",
            f"{cv.word_count:,}",
            cv.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        )
    env.out.print(table)
    env.out.print(
        f"*CV #{latest.id}, the most recent, is the default wherever a command takes a CV.",
        markup=False,
        style="dim",
    )


def _render_text(env: Env, cv: StoredCV) -> None:
    """The text, paged on a terminal; on a pipe the bare text (the header goes to stderr)."""
    from rich.text import Text

    from careercoach.ui.console import sanitize

    header = f"CV #{cv.id}: {_describe(cv)}"
    body = Text(sanitize(cv.text))
    if not env.stdout_is_tty:
        env.notice(header)
        env.out.print(body, soft_wrap=True)
        return
    with env.out.pager():
        env.out.print(Text(header, style="bold"))
        env.out.print()
        env.out.print(body)


from careercoach.commands.cv_analyze import analyze  # noqa: E402

app.command("analyze")(analyze)
from careercoach.commands.cv_parse import parse  # noqa: E402

app.command("parse")(parse)
from careercoach.commands.cv_optimize import optimize  # noqa: E402

app.command("optimize")(optimize)
