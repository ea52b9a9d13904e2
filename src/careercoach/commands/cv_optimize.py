"""`careercoach cv optimize`: a CV's ATS keywords for a job, and bullets that say what you have."""

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
from careercoach.errors import CareerCoachError


def optimize(
    ctx: typer.Context,
    cv_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="CV id (default: the most recent CV).")
    ] = None,
    job: Annotated[
        str | None,
        typer.Option("--job", metavar="JOB", help="Job id (default: the most recent job)."),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Also write the result as Markdown (.md)."
        ),
    ] = None,
    json_: JsonOpt = False,
    model: ModelOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Tailor a CV to a job: keywords you have but don't say, gaps not to write in, rewrites.

    The keyword split and the before/after coverage are counted offline by the skill matcher.
    With a model, rewritten bullets weave in only the keywords you have.
    """
    from pathlib import Path

    from careercoach.services.cv_optimize import start_optimize
    from careercoach.services.model import ModelChoice
    from careercoach.ui.console import print_json
    from careercoach.ui.cv_optimize_view import render_rewrites, render_split, write_markdown
    from careercoach.ui.report_export import export_format

    env = apply_model_options(ctx, model=model, offline=offline, no_cache=no_cache, debug=debug)
    target = Path(output) if output is not None else None
    if target is not None:
        export_format(target, allowed=("md",))  # refuse a bad name before any work
    choice = ModelChoice(model=env.model, offline=env.offline, no_cache=env.no_cache)
    run = start_optimize(cv_id, job, choice)
    if not json_:
        render_split(env.out, run.result)
    if run.gateway is not None:
        env.notice(f"Asking {run.gateway.settings.model} for bullets that say what you have...")
        try:
            run.rewrite()
        except CareerCoachError:
            env.notice("No rewrites were made; the keyword split and coverage above stand.")
            raise
    if target is not None:
        write_markdown(run.result, target)
        env.notice(f"Wrote {target}")
    if json_:
        print_json(run.result.to_json())
    else:
        render_rewrites(env.out, run.result)
