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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careercoach.errors import BadInput, CareerCoachError, NotConfigured, NotFound
from careercoach.services.model import ModelChoice

if TYPE_CHECKING:
    from careercoach.analysis.gap_models import Candidate, GapReport
    from careercoach.analysis.schemas import ParsedPosting
    from careercoach.documents.reader import Document
    from careercoach.store.db import Store
    from careercoach.store.gap_rows import StoredCV, StoredJob
    from careercoach.store.models import Job

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
class GapInputs:
    """The CV, the job and what the engine reads from them."""

    cv: StoredCV
    job: StoredJob
    candidate: Candidate
    posting: ParsedPosting
    person_name: str | None
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


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


# --- inputs ----------------------------------------------------------------------------------


def load_inputs(store: Store, cv_ref: str | None, job_ref: str | None) -> GapInputs:
    """Resolve --cv and --job (ids or files) and read both into the engine's shapes."""
    from careercoach.store.gap_rows import read_profile_facts

    timings: dict[str, float] = {}
    started = time.perf_counter()
    prepared: list[Callable[[], StoredJob]] = []

    def meanwhile() -> None:
        _load_parsers()
        if job_ref is not None and _is_posting_file(job_ref):
            prepared.append(_prepare_job(store, job_ref))

    # The CV first, before the parsers are even imported: a new PDF's extraction worker then
    # starts as early as it can, and the parsers load and a new posting file is parsed while
    # it reads (_read_cv). Nothing is stored until the CV is read.
    cv = resolve_cv(store, cv_ref, meanwhile=meanwhile)
    job = prepared[0]() if prepared else resolve_job(store, job_ref)
    from careercoach.analysis.cv_parser import parse_cv

    timings["read"] = time.perf_counter() - started
    started = time.perf_counter()
    parsed_cv = parse_cv(cv.text)
    posting, notes = posting_from_job(job)
    profile = read_profile_facts(store)
    timings["parse"] = time.perf_counter() - started
    candidate = candidate_from(parsed_cv, profile, cv.text)
    person = profile.name or parsed_cv.contact.name
    return GapInputs(
        cv=cv,
        job=job,
        candidate=candidate,
        posting=posting,
        person_name=person,
        notes=notes,
        timings=timings,
    )


def _is_id(value: str) -> bool:
    text = value.strip().removeprefix("#")
    return text.isascii() and text.isdigit()


def resolve_cv(
    store: Store, ref: str | None, *, meanwhile: Callable[[], None] | None = None
) -> StoredCV:
    """The CV by id, a CV file (added to the store, once per distinct file), or the latest.

    `meanwhile` runs while a new CV file is read (see _read_cv), else not at all.
    """
    from careercoach.services.cvs import cv_not_found, cv_values, parse_cv_id
    from careercoach.store.gap_rows import find_cv, insert_cv

    if ref is None:
        latest = find_cv(store)
        if latest is None:
            raise NotFound(
                "no CV stored yet",
                hint="add one with: careercoach cv add FILE, or give it here: --cv FILE",
            )
        return latest
    if _is_id(ref) and not Path(ref).is_file():
        cv_id = parse_cv_id(ref)
        found = find_cv(store, cv_id=cv_id)
        if found is None:
            raise cv_not_found(cv_id)
        return found
    if ref != "-" and not Path(ref).exists():
        raise BadInput(
            f"--cv {ref!r} is neither a CV id nor a file",
            hint="give a CV id from careercoach cv list, or the path of a CV file",
        )
    stored = _stored_cv(store, Path(ref)) if ref != "-" else None
    if stored is not None:
        return stored
    cv, _created = insert_cv(store, cv_values(_read_cv(ref, meanwhile)))
    return cv


def _read_cv(ref: str, meanwhile: Callable[[], None] | None) -> Document:
    """Read a CV file, running `meanwhile` in the time it takes.

    A PDF or DOCX is parsed by the extraction worker, a child process that takes ~0.25 s to
    start and read a CV, while this process only waits; so the read runs on a thread (the wait
    releases the GIL) and `meanwhile` gets on with work of this process. The worker and its
    limits are the reader's as ever; a failure to read is raised here as it would be without.
    """
    import threading

    from careercoach.documents.reader import read_document

    if meanwhile is None:
        return read_document(ref)
    outcome: dict[str, Any] = {}

    def read() -> None:
        try:
            outcome["document"] = read_document(ref)
        except BaseException as exc:  # handed to the caller below
            outcome["error"] = exc

    # A daemon, not joined when `meanwhile` fails (Ctrl-C included): the error goes up at
    # once and the thread ends with the process; the worker limits its own CPU time.
    reader = threading.Thread(target=read, name="careercoach-cv-reader", daemon=True)
    reader.start()
    meanwhile()
    reader.join()
    if "error" in outcome:
        raise outcome["error"]
    document: Document = outcome["document"]
    return document


def _load_parsers() -> None:
    """Import the CV parser and build the taxonomy's lookup tables and matcher: parsing needs
    them next, and doing it here changes nothing stored."""
    from careercoach.analysis import cv_parser  # noqa: F401
    from careercoach.analysis.skill_matcher import find_skills
    from careercoach.analysis.taxonomy import load_taxonomy

    find_skills("")  # builds the matcher's index of every spelling, once per process
    load_taxonomy().get("")  # builds the lookup by folded spelling, once per process


def _stored_cv(store: Store, path: Path) -> StoredCV | None:
    """The stored CV whose file has these exact bytes: re-runs skip the PDF extraction."""
    import hashlib

    from careercoach.documents.reader import MAX_BYTES
    from careercoach.store.gap_rows import find_cv

    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # read_document reads it again and says what is wrong
    return find_cv(store, sha256=digest)


def resolve_job(store: Store, ref: str | None) -> StoredJob:
    """The job by id, a posting file (stored via the job service), or the latest job."""
    from careercoach.services.jobs import resolve_job_arg
    from careercoach.store.gap_rows import find_job

    if ref is None:
        latest = find_job(store)
        if latest is None:
            raise NotFound(
                "no job stored yet",
                hint="add one with: careercoach job add FILE, or give it here: --job FILE",
            )
        return latest
    # A posting file is read by the offline parser here: the gap model call itself reads the
    # whole posting, so a second model call just to extract it would only cost time.
    return resolve_job_arg(store, ref, choice=ModelChoice(offline=True))


def _is_posting_file(ref: str) -> bool:
    """A path to a posting file (not an id, not stdin, which the CV may be reading)."""
    text = ref.strip()
    return not text.isdigit() and text != "-" and Path(text).expanduser().is_file()


def _prepare_job(store: Store, ref: str) -> Callable[[], StoredJob]:
    """resolve_job for a posting file in two steps (jobs.prepare_job_arg); an error in the
    first is raised by the second, where resolve_job would raise it: after the CV's."""
    from careercoach.services.jobs import prepare_job_arg

    try:
        # Offline, as in resolve_job: the gap model call reads the whole posting itself.
        return prepare_job_arg(store, ref, choice=ModelChoice(offline=True))
    except CareerCoachError as problem:
        deferred = problem  # the "as" name is unbound when the except block ends

    def fail() -> StoredJob:
        raise deferred

    return fail


def posting_from_job(job: Job | StoredJob) -> tuple[ParsedPosting, list[str]]:
    """The stored job's facts as a ParsedPosting.

    The row was filled by the posting parser (or the model) when the job was added, so it is
    used as it is; the text is parsed again only when the row names no skills at all.
    """
    from careercoach.analysis.schemas import ParsedPosting

    if not (job.text or "").strip():
        raise BadInput(
            f"job {job.id} has no text to compare against",
            hint="add the posting again with: careercoach job add FILE",
        )
    posting = ParsedPosting(
        title=job.title,
        company=job.company,
        location=job.location,
        remote=job.remote,  # type: ignore[arg-type]
        salary_min=job.salary_min,
        salary_max=job.salary_max,
        currency=job.currency,
        required_skills=list(job.required_skills or []),
        preferred_skills=list(job.preferred_skills or []),
        years_required=job.years_required,
        degree=job.degree,  # type: ignore[arg-type]
        seniority=_seniority(job),  # type: ignore[arg-type]
    )
    if posting.required_skills or posting.preferred_skills:
        return posting, []
    from careercoach.analysis.posting_parser import parse_posting

    parsed = parse_posting(job.text)
    if not (parsed.required_skills or parsed.preferred_skills):
        return posting, []
    update = {
        "required_skills": parsed.required_skills,
        "preferred_skills": parsed.preferred_skills,
    }
    return posting.model_copy(update=update), [
        "skills: the stored job had no skills listed; they were read from its text again"
    ]


def _seniority(job: Job | StoredJob) -> str | None:
    """The title's seniority ("Senior ..."): only read when the posting states no years."""
    if job.years_required is not None or not job.title:
        return None
    from careercoach.analysis.posting_facts import find_seniority

    return find_seniority(job.title)


def candidate_from(parsed_cv: Any, profile: Any, cv_text: str) -> Candidate:
    """The profile's facts (skills, jobs, degrees, location, salary) merged with the CV's."""
    from careercoach.analysis.gap import build_candidate
    from careercoach.analysis.gap_models import CandidateSkill
    from careercoach.analysis.schemas import EducationEntry, ExperienceEntry

    return build_candidate(
        parsed_cv,
        cv_text=cv_text,
        profile_skills=[
            CandidateSkill(name=s.name, level=s.level, source="profile", evidence=s.evidence)
            for s in profile.skills
        ],
        experience=[
            ExperienceEntry(
                title=e.title, employer=e.employer, start=e.start, end=e.end, current=e.end is None
            )
            for e in profile.experience
        ],
        education=[
            EducationEntry(
                institution=e.institution,
                degree=e.degree,
                field_of_study=e.field_of_study,
                start=e.start,
                end=e.end,
            )
            for e in profile.education
        ],
        certifications=[c.name for c in profile.certifications],
        location=profile.location,
        remote=profile.remote,
        salary_expectation=profile.salary_expectation,
        currency=profile.currency,
    )


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
    """The prompt: the offline report, the person's context and both documents, delimited;
    the CV redacted of contact details first."""
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
    system = load_prompt("gap").render(
        data_notice=DATA_NOTICE,
        # Skill evidence quotes CV lines, so the report is redacted like the CV itself.
        offline_report=redact_for_model(
            json.dumps(summary, ensure_ascii=False, indent=1), names=names
        ).text,
        person_context=wrap_document(context or "(none)", "the person's context"),
        cv_document=wrap_document(cv_text, "CV"),
        posting_document=wrap_document(inputs.job.text, "job posting"),
    )
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": "Judge my CV against this job posting as instructed."},
    ]


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
