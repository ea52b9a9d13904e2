"""`careercoach analyses ...`."""

from __future__ import annotations

from typing import Annotated

import typer

from careercoach.commands.common import JsonOpt, get_env

app = typer.Typer(
    help="Your stored gap analyses and CV reports: history, comparison and export.",
    no_args_is_help=True,
)


@app.command("list")
def list_(
    ctx: typer.Context,
    kind: Annotated[
        str | None, typer.Option("--kind", help="Only this kind: gap, cv or roadmap.")
    ] = None,
    job: Annotated[int | None, typer.Option("--job", help="Only analyses of this job id.")] = None,
    json_: JsonOpt = False,
) -> None:
    """List stored analyses, newest first: time, job, CV, verdict and score."""
    from careercoach.services.analyses import list_analyses
    from careercoach.ui.analyses_view import render_list
    from careercoach.ui.console import print_json

    rows = list_analyses(kind=kind, job_id=job)
    if json_:
        print_json(rows)
        return
    render_list(get_env(ctx).out, rows)


@app.command("show")
def show(
    ctx: typer.Context,
    analysis_id: Annotated[int, typer.Argument(help="The analysis id (see: analyses list).")],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Also write it to FILE: .md (Markdown) or .html (a web page).",
        ),
    ] = None,
    json_: JsonOpt = False,
) -> None:
    """Show one analysis in full; -o report.md or report.html exports it."""
    from pathlib import Path

    from careercoach.services.analyses import get_analysis
    from careercoach.ui.analyses_view import render_detail
    from careercoach.ui.console import print_json
    from careercoach.ui.report_export import export_format, write_report

    env = get_env(ctx)
    target = Path(output) if output is not None else None
    if target is not None:
        export_format(target)  # refuse a bad extension before anything else
    detail = get_analysis(analysis_id)
    if target is not None:
        write_report(detail, target)
        env.notice(f"Wrote {target}")
    if json_:
        print_json(detail)
    elif target is None:
        render_detail(env.out, detail)


@app.command("compare")
def compare(
    ctx: typer.Context,
    first: Annotated[int, typer.Argument(help="One gap analysis id.")],
    second: Annotated[int, typer.Argument(help="Another gap analysis id of the same job.")],
    json_: JsonOpt = False,
) -> None:
    """Compare two gap analyses of one job: which scores moved, which skills changed."""
    from careercoach.services.analyses import compare_analyses
    from careercoach.ui.analyses_view import render_comparison
    from careercoach.ui.console import print_json

    comparison = compare_analyses(first, second)
    if json_:
        print_json(comparison)
        return
    render_comparison(get_env(ctx).out, comparison)
