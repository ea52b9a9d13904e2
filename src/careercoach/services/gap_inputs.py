"""The inputs of a gap analysis: --cv and --job resolved (ids or files, stored once) and read
into the offline engine's shapes.

A new CV file is read while the rest gets ready: a PDF or DOCX goes through the extraction
worker, a child process, and in that time this process loads the parsers and the taxonomy's
matcher and parses a new posting file; nothing is stored until the CV is read, so an
unreadable CV still stores nothing. The store is read and written in plain SQL
(store/gap_rows.py), so the offline gap never imports SQLAlchemy.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careercoach.errors import BadInput, CareerCoachError, NotFound
from careercoach.services.model import ModelChoice

if TYPE_CHECKING:
    from careercoach.analysis.gap_models import Candidate
    from careercoach.analysis.schemas import ParsedPosting
    from careercoach.documents.reader import Document
    from careercoach.store.db import Store
    from careercoach.store.gap_rows import StoredCV, StoredJob
    from careercoach.store.models import Job


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
    from careercoach.ids import as_id

    return as_id(value) is not None


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
    return not _is_id(text) and text != "-" and Path(text).expanduser().is_file()


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
