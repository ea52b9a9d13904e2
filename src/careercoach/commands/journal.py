"""`careercoach journal ...`: a private work diary with search, analysis and trends."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

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
    get_env,
)
from careercoach.errors import BadInput

if TYPE_CHECKING:
    from datetime import date

app = typer.Typer(
    help="Your work journal: write entries, search them, read mood and stress, see trends.",
    no_args_is_help=True,
)

DAY_HELP = 'YYYY-MM-DD, today, yesterday, "3 days ago", "2 weeks ago" or a weekday name'
IdArg = Annotated[
    int, typer.Argument(help="The entry's id (see journal list).", show_default=False)
]
SinceOpt = Annotated[str | None, typer.Option("--since", help=f"From this day on: {DAY_HELP}.")]


def _day(raw: str | None, option: str) -> date | None:
    from careercoach.analysis.when import parse_day

    return parse_day(raw, option=option) if raw is not None else None


def _compose(env: Env, initial: str = "") -> str:
    """The entry written in $VISUAL/$EDITOR, or in a multi-line prompt when none is set."""
    from careercoach.ui.compose import compose

    return compose(env, label="Entry", initial=initial, kind="journal")


def _entry_text(env: Env, text: str | None) -> str:
    """The text argument, '-' for stdin, stdin when piped, else the editor on a terminal."""
    import sys

    if text == "-" or (text is None and not env.stdin_is_tty):
        return sys.stdin.read()
    if text is None:
        return _compose(env)
    return text


@app.command("add")
def add(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(
            help="The entry; '-' reads stdin; none on a terminal opens $VISUAL/$EDITOR."
        ),
    ] = None,
    day: Annotated[
        str | None, typer.Option("--date", help=f"The day it is about: {DAY_HELP}.")
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", help="A tag (repeatable); #hashtags in the text count too."),
    ] = None,
    mood: Annotated[
        int | None, typer.Option("--mood", help="Your own mood rating, 1 (low) to 5 (great).")
    ] = None,
    json_: JsonOpt = False,
) -> None:
    """Write a journal entry (saved at once, before anything else happens)."""
    from datetime import date as _date

    from careercoach.services.journal import add_entry, entry_dict

    env = get_env(ctx)
    entry_day = _day(day, "--date") or _date.today()
    if entry_day > _date.today():
        raise BadInput(
            f"--date {entry_day} is in the future",
            hint="an entry is about a day that has begun: today or earlier",
        )
    entry = add_entry(_entry_text(env, text), entry_date=entry_day, tags=tag, mood=mood)
    if json_:
        from careercoach.ui.console import print_json

        print_json(entry_dict(entry))
        return
    tags = f" tagged {', '.join(entry.tags)}" if entry.tags else ""
    env.out.print(f"Saved entry {entry.id} for {entry.entry_date}{tags}.", markup=False)


@app.command("list")
def list_(
    ctx: typer.Context,
    since: SinceOpt = None,
    until: Annotated[
        str | None, typer.Option("--until", help=f"Up to this day: {DAY_HELP}.")
    ] = None,
    tag: Annotated[
        str | None, typer.Option("--tag", "-t", help="Only entries with this tag.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many entries.")] = 50,
    json_: JsonOpt = False,
) -> None:
    """List entries, newest first: date, mood, stress, tags and the first line."""
    from careercoach.services.journal import entry_dict, list_entries

    env = get_env(ctx)
    entries = list_entries(
        since=_day(since, "--since"), until=_day(until, "--until"), tag=tag, limit=limit
    )
    if json_:
        from careercoach.ui.console import print_json

        print_json([entry_dict(e) for e in entries])
        return
    from careercoach.ui.journal_view import entries_table

    entries_table(env.out, entries)
    if len(entries) == limit:
        env.notice(f"Showing the newest {limit}; see more with --limit N.")


@app.command("show")
def show(ctx: typer.Context, entry_id: IdArg, json_: JsonOpt = False) -> None:
    """Show one entry in full, with its tags, mood and analysis."""
    from careercoach.services.journal import entry_dict, get_entry

    entry = get_entry(entry_id)
    if json_:
        from careercoach.ui.console import print_json

        print_json(entry_dict(entry))
        return
    from careercoach.ui.journal_view import entry_panel

    entry_panel(get_env(ctx).out, entry)


@app.command("edit")
def edit(
    ctx: typer.Context,
    entry_id: IdArg,
    text: Annotated[
        str | None,
        typer.Option(
            "--text", help="The new text ('-' reads stdin); without it a terminal opens the editor."
        ),
    ] = None,
    json_: JsonOpt = False,
) -> None:
    """Change an entry's text in $VISUAL/$EDITOR (or with --text); the edit time is kept."""
    import sys

    from careercoach.services.journal import entry_dict, get_entry, update_text

    env = get_env(ctx)
    current = get_entry(entry_id)
    if text == "-":
        new_text = sys.stdin.read()
    elif text is not None:
        new_text = text
    elif env.stdin_is_tty:
        new_text = _compose(env, current.text)
    else:
        raise BadInput(
            "no terminal to open an editor on",
            hint="give the new text with --text TEXT, or --text - to read stdin",
        )
    entry, changed = update_text(entry_id, new_text)
    if json_:
        from careercoach.ui.console import print_json

        print_json({**entry_dict(entry), "changed": changed})
    elif not changed:
        env.out.print(f"No change: entry {entry_id} was left as it was.", markup=False)
    else:
        env.out.print(
            f"Updated entry {entry_id} (its earlier analysis was cleared; run "
            f"careercoach journal analyze {entry_id} to read it again).",
            markup=False,
        )


@app.command("delete")
def delete(ctx: typer.Context, entry_id: IdArg, yes: YesOpt = False) -> None:
    """Delete an entry (asks first on a terminal; --yes to skip the question)."""
    from careercoach.services.journal import delete_entry, get_entry

    env = get_env(ctx)
    entry = get_entry(entry_id)
    if not yes:
        if not env.stdin_is_tty:
            raise BadInput(
                f"deleting entry {entry_id} needs confirmation",
                hint=f"add --yes: careercoach journal delete {entry_id} --yes",
            )
        import questionary

        first = entry.text.strip().splitlines()[0][:60] if entry.text.strip() else ""
        if not questionary.confirm(
            f"Delete entry {entry_id} ({entry.entry_date}: {first})?", default=False
        ).ask():
            env.out.print("Kept the entry.", markup=False)
            return
    delete_entry(entry_id)
    env.out.print(f"Deleted entry {entry_id}.", markup=False)


@app.command("search")
def search(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(
            help='Words to find (all must appear); FTS5 syntax such as "exact phrase", OR, '
            "NOT, prefix* works too.",
            show_default=False,
        ),
    ],
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many hits.")] = 20,
    json_: JsonOpt = False,
) -> None:
    """Search the entries' text and tags, best match first, with highlighted snippets."""
    from careercoach.services.journal import search as run_search

    hits = run_search(query, limit=limit)
    if json_:
        from careercoach.ui.console import print_json

        print_json([h.to_dict() for h in hits])
        return
    from careercoach.ui.journal_view import search_hits

    search_hits(get_env(ctx).out, hits, query)


@app.command("analyze")
def analyze(
    ctx: typer.Context,
    entry_id: Annotated[
        int | None,
        typer.Argument(help="One entry's id; without it, the newest entry (or --last/--since)."),
    ] = None,
    last: Annotated[int | None, typer.Option("--last", help="The last N entries.")] = None,
    since: SinceOpt = None,
    json_: JsonOpt = False,
    model: ModelOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Read mood, stress, motivation and themes, with suggestions (offline: estimates)."""
    from careercoach.services.journal_analyze import analyze as run_analysis
    from careercoach.services.journal_analyze import select_entries
    from careercoach.services.model import ModelChoice

    env = apply_model_options(ctx, model=model, offline=offline, no_cache=no_cache, debug=debug)
    entries = select_entries(entry_id, last=last, since=_day(since, "--since"))
    choice = ModelChoice(model=env.model, offline=env.offline, no_cache=env.no_cache)
    if env.err.is_terminal and not env.offline:
        with env.err.status("Reading your entries..."):
            result = run_analysis(entries, choice, notice=env.notice)
    else:
        result = run_analysis(entries, choice, notice=env.notice)
    if result.mode == "offline":
        env.notice(f"Offline: {result.notes[0]}.")
    if json_:
        from careercoach.ui.console import print_json

        print_json(result.to_dict())
        return
    from careercoach.ui.journal_view import analysis_panel

    analysis_panel(env.out, result)


@app.command("trends")
def trends(ctx: typer.Context, since: SinceOpt = None, json_: JsonOpt = False) -> None:
    """Weekly mood, stress and motivation as charts, writing streaks, themes, standout weeks."""
    from careercoach.services.journal_trends import compute_trends

    result = compute_trends(_day(since, "--since"))
    if json_:
        from careercoach.ui.console import print_json

        print_json(result.to_dict())
        return
    from careercoach.ui.journal_view import trends_view

    trends_view(get_env(ctx).out, result)
