"""`careercoach cv analyze`: ATS-style checks of a CV, then a recruiter's streamed review."""

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


def analyze(
    ctx: typer.Context,
    cv_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="CV id (default: the most recent CV).")
    ] = None,
    job: Annotated[
        str | None, typer.Option("--job", help="Job id: also check the CV for its required skills.")
    ] = None,
    json_: JsonOpt = False,
    model: ModelOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Check a CV the way an ATS and a recruiter read it: a score, the reasons, and rewrites."""
    from careercoach.services.cv_analyze import start_analysis
    from careercoach.services.model import ModelChoice
    from careercoach.ui.console import print_json
    from careercoach.ui.cv_report import render_checks, render_notes
    from careercoach.ui.stream import AnswerStream

    env = apply_model_options(ctx, model=model, offline=offline, no_cache=no_cache, debug=debug)
    choice = ModelChoice(model=env.model, offline=env.offline, no_cache=env.no_cache)
    run = start_analysis(cv_id, job, choice)
    if not json_:
        render_checks(env.out, run.analysis)
    try:
        if json_ or run.reviewer is None:
            run.review()
        else:
            env.out.print()
            with AnswerStream(env.out) as stream:
                run.review(on_text=stream.write)
    except CareerCoachError:
        env.notice(
            f"The checks are stored as analysis {run.analysis.id}, without the recruiter's review."
        )
        raise
    if json_:
        print_json(run.analysis.to_json())
    else:
        render_notes(env.out, run.analysis)
