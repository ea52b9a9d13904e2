"""`careercoach search QUERY`: one full-text search over everything stored; never calls a model."""

from __future__ import annotations

from typing import Annotated

import typer

from careercoach.commands.common import JsonOpt, get_env


def search(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(
            help='Words to find (all must appear); FTS5 syntax such as "exact phrase", OR, '
            "NOT, prefix*, title:word works too.",
            show_default=False,
        ),
    ],
    type_: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            "-t",
            metavar="TYPE",
            help=(
                "Only this kind of record (repeatable): journal, cv, job, analysis, chat, "
                "letter, application."
            ),
        ),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many hits.")] = 20,
    json_: JsonOpt = False,
) -> None:
    """Search journal entries, CVs, jobs, analyses, chats, letters and applications, best first.

    Each hit shows a highlighted snippet and the command that opens the whole record.
    """
    from careercoach.services.search import search as run_search

    results = run_search(query, types=type_, limit=limit)
    if json_:
        from careercoach.ui.console import print_json

        print_json(results.to_list())
        return
    from careercoach.ui.search_view import render_results

    render_results(get_env(ctx).out, results)
