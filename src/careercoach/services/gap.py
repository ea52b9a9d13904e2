"""Gap analysis: the offline report at once, stored, then deepened by the model when there is one.

`start_gap` resolves the inputs, runs the offline engine and stores its report; `deepen_gap`
asks the model and stores the merged report under the same id. The offline path reads and
writes the store in plain SQL (store/gap_rows.py): with no model, `gap` never imports
SQLAlchemy, which would cost more than the analysis itself. What the person typed
(`--context`) and the offline report are stored before any model call; when the model fails,
that stored report stays and the error says so (exit 4, or 3 for a missing key or a reached
budget).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from careercoach.errors import BadInput, CareerCoachError, NotConfigured, NotFound
from careercoach.services.gap_inputs import GapInputs, load_inputs

# Where callers (services/grounding.py, the tests) have always found them.
from careercoach.services.gap_inputs import candidate_from as candidate_from
from careercoach.services.gap_inputs import posting_from_job as posting_from_job
from careercoach.services.model import ModelChoice

if TYPE_CHECKING:
    from careercoach.analysis.gap_models import GapReport
    from careercoach.store.db import Store

MAX_CONTEXT_CHARS = 2000


class ModelLayerFailed(CareerCoachError):
    """The model could not deepen the report; the offline report is stored (exit of the cause)."""

    def __init__(self, cause: CareerCoachError, report: GapReport) -> None:
        super().__init__(
            f"{cause.message}; the offline report is stored as analysis {report.id}",
            hint=cause.hint,
        )
        self.exit_code = cause.exit_code
        self.report = report


@dataclass
class GapRun:
    """An analysis under way: the stored offline report, and the gateway if a model follows."""

    store: Store
    inputs: GapInputs
    report: GapReport
    context: str | None
    gateway: Any = None  # careercoach.llm.gateway.Gateway, or None: offline
    fallback: str | None = None  # why there is no model, when none is configured

    @property
    def model(self) -> str | None:
        return self.gateway.settings.model if self.gateway is not None else None


def start_gap(
    cv_ref: str | None, job_ref: str | None, *, context: str | None, choice: ModelChoice
) -> GapRun:
    """Resolve the CV and job, run the offline engine and store its report (instant)."""
    from careercoach.store.db import open_store

    context = _clean_context(context)
    store = open_store()
    inputs = load_inputs(store, cv_ref, job_ref)
    report = offline_report(inputs, context)
    report = store_report(store, inputs, report, context)
    gateway, fallback = _gateway_or_none(store, choice)
    return GapRun(store, inputs, report, context, gateway, fallback)


def deepen_gap(run: GapRun, *, on_text: Callable[[str], None] | None = None) -> GapReport:
    """Ask the model, merge its answer and store the merged report under the same id.

    Any failure leaves the offline report stored and raises ModelLayerFailed carrying it.
    """
    if run.gateway is None:
        return run.report
    try:
        answer = run.gateway.structured(
            model_messages(run.inputs, run.report, run.context),
            _answer_schema(),
            on_text=on_text,
        )
    except BadInput:
        raise
    except CareerCoachError as cause:
        raise ModelLayerFailed(cause, run.report) from cause
    merged = merge(run.inputs, run.report, answer.parsed, model=answer.model)
    return update_report(run.store, merged)


def _clean_context(context: str | None) -> str | None:
    if context is None:
        return None
    text = " ".join(context.split())
    if not text:
        raise BadInput(
            "--context is empty",
            hint='say what changed, e.g. --context "I finish the AWS certification next month"',
        )
    if len(text) > MAX_CONTEXT_CHARS:
        raise BadInput(
            f"--context is too long ({len(text)} characters)",
            hint=f"keep it under {MAX_CONTEXT_CHARS} characters",
        )
    return text


# --- the offline layer -----------------------------------------------------------------------


def offline_report(inputs: GapInputs, context: str | None) -> GapReport:
    """The offline engine's report, with the person's context recorded in the notes."""
    from careercoach.analysis.gap import analyze_gap

    started = time.perf_counter()
    report = analyze_gap(
        inputs.candidate, inputs.posting, posting_text=inputs.job.text, cv_text=inputs.cv.text
    )
    inputs.timings["engine"] = time.perf_counter() - started
    report.notes = [*inputs.notes, *report.notes]
    if context:
        report.context = context
        report.notes.append(_context_note(context, report))
    return report


def _context_note(context: str, report: GapReport) -> str:
    """Offline, context is recorded and shown, not scored: only documents count as evidence."""
    from careercoach.analysis.skill_matcher import find_skills

    named = {m.skill for m in find_skills(context)}
    missing = [m.skill for m in report.missing_skills if m.skill in named]
    note = f'your context is recorded: "{context}"; offline scores count only the CV and profile'
    if missing:
        note += f" (it mentions {', '.join(missing)}: add it to your profile once you have it)"
    return note


# --- the model layer -------------------------------------------------------------------------


def _gateway_or_none(store: Store, choice: ModelChoice) -> tuple[Any, str | None]:
    """(gateway, None), or (None, why) when offline: --offline, CAREERCOACH_OFFLINE, no model."""
    from careercoach.config import Config
    from careercoach.llm.settings import resolve_settings
    from careercoach.services.model import open_gateway

    if choice.offline:
        return None, None
    config = Config.load()
    try:
        # Settings first: with no model configured, the gateway is never even imported.
        resolve_settings(config, model=choice.model)
        return open_gateway("gap", choice, store=store, config=config), None
    except NotConfigured as problem:
        return None, problem.message


def _answer_schema() -> type:
    from careercoach.analysis.gap_merge import GapModelAnswer

    return GapModelAnswer


def model_messages(inputs: GapInputs, report: GapReport, context: str | None) -> list[dict]:
    """The prompt: instructions as the system message; the offline report, the person's
    context and both documents, delimited, as the user's; the CV redacted of contact details
    first."""
    from careercoach.documents.delimit import DATA_NOTICE, wrap_document
    from careercoach.documents.redact import redact_for_model
    from careercoach.prompts import load_prompt

    names = [n for n in (inputs.person_name,) if n]
    cv_text = redact_for_model(inputs.cv.text, names=names).text
    summary = report.model_dump(
        mode="json",
        include={
            "verdict",
            "metrics",
            "explanations",
            "matched_skills",
            "missing_skills",
            "skill_details",
            "notes",
            "job_title",
            "company",
        },
    )
    # Instructions in the system message; everything the person supplied in the user's, as
    # cv analyze does: a document can then never pass for the system prompt's own words.
    system = load_prompt("gap").render(data_notice=DATA_NOTICE)
    # Skill evidence quotes CV lines, so the report is redacted like the CV itself.
    report_json = json.dumps(summary, ensure_ascii=False, indent=1)
    user = "\n\n".join(
        (
            "Judge my CV against this job posting as instructed.",
            # The report quotes CV lines and names the posting's title: data, so marked too.
            "The offline engine's report (JSON):\n"
            + wrap_document(redact_for_model(report_json, names=names).text, "offline report"),
            "My own context:\n" + wrap_document(context or "(none)", "the person's context"),
            "My CV:\n" + wrap_document(cv_text, "CV"),
            "The job posting:\n" + wrap_document(inputs.job.text, "job posting"),
        )
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def merge(inputs: GapInputs, report: GapReport, answer: Any, *, model: str) -> GapReport:
    from careercoach.analysis.gap_merge import merge_model_answer
    from careercoach.analysis.taxonomy import load_taxonomy

    return merge_model_answer(
        report,
        answer,
        posting=inputs.posting,
        posting_text=inputs.job.text,
        candidate=inputs.candidate,
        cv_text=inputs.cv.text,
        taxonomy=load_taxonomy(),
        model=model,
    )


# --- the store -------------------------------------------------------------------------------


def store_report(
    store: Store, inputs: GapInputs, report: GapReport, context: str | None
) -> GapReport:
    """Store the report as a new Analysis linked to the previous one for this CV and job."""
    from careercoach.store.gap_rows import StoredAnalysis, insert_gap_analysis

    started = time.perf_counter()

    def stamped(row: StoredAnalysis) -> GapReport:
        update = {
            "id": row.id,
            "cv_id": inputs.cv.id,
            "job_id": inputs.job.id,
            "previous_id": row.previous_id,
            "created_at": row.created_at.isoformat(),
        }
        return report.model_copy(update=update)

    row = insert_gap_analysis(
        store,
        cv_id=inputs.cv.id,
        job_id=inputs.job.id,
        mode=report.mode,
        verdict=report.verdict,
        score=report.metrics.get("readiness"),
        context=context,
        report=lambda row: stamped(row).model_dump(mode="json"),
    )
    inputs.timings["store"] = time.perf_counter() - started
    return stamped(row)


def update_report(store: Store, report: GapReport) -> GapReport:
    """Replace the stored offline report with the merged one (same analysis id)."""
    from careercoach.store.models import Analysis

    with store.session() as session:
        row = session.get(Analysis, report.id)
        if row is None:
            raise NotFound(
                f"analysis {report.id} disappeared while the model was answering",
                hint="run careercoach gap again",
            )
        row.mode = report.mode
        row.verdict = report.verdict
        row.score = report.metrics.get("readiness")
        row.report = report.model_dump(mode="json")
        session.add(row)
    return report
