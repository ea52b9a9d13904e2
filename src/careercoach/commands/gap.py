"""`careercoach gap`: FIT/UNFIT, 11 scores and the gaps, between a CV and a job."""

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

CvOpt = Annotated[
    str | None,
    typer.Option("--cv", help="A CV id, or a CV file to add (default: your latest CV)."),
]
JobOpt = Annotated[
    str | None,
    typer.Option("--job", help="A job id, or a posting file to add (default: your latest job)."),
]
ContextOpt = Annotated[
    str | None,
    typer.Option(
        "--context",
        help='What the documents do not say ("I finish the AWS certification next month"); '
        "the new analysis links to the previous one.",
    ),
]


def gap(
    ctx: typer.Context,
    cv: CvOpt = None,
    job: JobOpt = None,
    context: ContextOpt = None,
    json_: JsonOpt = False,
    model: ModelOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Measure your CV and profile against a job: FIT/UNFIT, 11 scores, gaps and what to do next."""
    from careercoach.services.gap import ModelLayerFailed, deepen_gap, start_gap
    from careercoach.services.model import ModelChoice
    from careercoach.ui.console import print_json
    from careercoach.ui.gap_view import show_gap

    env = apply_model_options(ctx, model=model, offline=offline, no_cache=no_cache, debug=debug)
    choice = ModelChoice(model=env.model, offline=env.offline, no_cache=env.no_cache)
    run = start_gap(cv, job, context=context, choice=choice)
    if not json_:
        show_gap(env.out, env.err, run, deepen_gap)
        return
    try:
        print_json(deepen_gap(run).model_dump(mode="json"))
    except ModelLayerFailed as failure:
        print_json(failure.report.model_dump(mode="json"))
        raise
