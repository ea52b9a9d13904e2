"""`careercoach roadmap`: a week-by-week plan that closes the gaps of a gap analysis."""

from __future__ import annotations

from typing import Annotated

import typer

from careercoach.commands.common import (
    DebugOpt,
    JsonOpt,
    ModelOpt,
    NoCacheOpt,
    OfflineOpt,
    apply_model_options,
)


def roadmap(
    ctx: typer.Context,
    analysis_id: Annotated[
        int | None, typer.Argument(help="Gap analysis id (default: the latest gap analysis).")
    ] = None,
    weeks: Annotated[int, typer.Option("--weeks", help="Weeks you have (1-52).")] = 8,
    hours_per_week: Annotated[
        int, typer.Option("--hours-per-week", help="Hours you can spend each week (1-80).")
    ] = 6,
    as_goal: Annotated[
        bool, typer.Option("--as-goal", help="Keep the plan to become a goal with dated steps.")
    ] = False,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Also write the plan as Markdown (.md)."
        ),
    ] = None,
    json_: JsonOpt = False,
    model: ModelOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Plan the weeks that close your gaps, in priority order, within the hours you have."""
    from pathlib import Path

    from careercoach.services.model import ModelChoice
    from careercoach.services.roadmap import make_roadmap
    from careercoach.ui.analyses_view import render_plan
    from careercoach.ui.console import print_json
    from careercoach.ui.report_export import export_format, write_report

    env = apply_model_options(ctx, model=model, offline=offline, no_cache=no_cache, debug=debug)
    target = Path(output) if output is not None else None
    if target is not None:
        export_format(target, allowed=("md",))  # refuse a bad name before any work
    choice = ModelChoice(model=env.model, offline=env.offline, no_cache=env.no_cache)
    result = make_roadmap(
        analysis_id,
        weeks=weeks,
        hours_per_week=hours_per_week,
        as_goal=as_goal,
        choice=choice,
        on_status=env.notice,
    )
    if result.mode == "offline":
        env.notice(f"Offline plan ({result.offline_reason or 'no model used'}).")
    if target is not None:
        write_report(result.detail, target, allowed=("md",))
        env.notice(f"Wrote {target}")
    if json_:
        print_json(result.as_json())
    else:
        env.out.print(
            f"[bold]Roadmap #{result.id}[/] from gap analysis #{result.detail['previous_id']}"
        )
        render_plan(env.out, result.detail["report"])
    if as_goal:
        env.notice(
            "Goals arrive with the journal/goals feature; the plan is stored as roadmap "
            f"#{result.id} and will be offered as a goal then."
        )
