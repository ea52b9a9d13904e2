"""Job postings and dream roles: read, extract, store, list, remove.

Extraction has two layers. The offline parser (analysis.posting_parser) always runs. When a
model is configured and the run is not offline, the model extracts the same ParsedPosting
from the delimited posting; its answer wins field by field, its skills are mapped to the
taxonomy's canonical names, and whatever it left empty is filled from the offline result.
Command-line flags (--title, --company) win over both. Nothing is stored until extraction
has finished, so a model failure (exit 4) leaves the store as it was.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from careercoach.errors import BadInput, NotConfigured, NotFound
from careercoach.services.model import ModelChoice, open_gateway

if TYPE_CHECKING:
    from careercoach.analysis.posting_facts import Salary
    from careercoach.analysis.schemas import ParsedPosting
    from careercoach.documents.reader import Document
    from careercoach.store.db import Store
    from careercoach.store.gap_rows import StoredJob
    from careercoach.store.models import Job

Mode = Literal["offline", "llm"]
# A job stored by an id in `careercoach job list`; these are its fields from ParsedPosting.
_FIELDS = (
    "title",
    "company",
    "location",
    "remote",
    "salary_min",
    "salary_max",
    "currency",
    "years_required",
    "degree",
)
_EMPTY_REASONS = frozenset({"empty", "stdin_empty", "no_text"})
_EMPTY_HINT = (
    "paste the whole job posting into the file, or pipe it: careercoach job add - < posting.txt"
)
_MAX_SKILL_NAME = 80
_MAX_SKILLS = 80
_SKILLS_HINT = (
    "PostgreSQL, Kubernetes, Microsoft Excel, Search Engine Optimization, Patient Care, "
    "Negotiation, Communication, English, Project Management Professional"
)


@dataclass
class AddedJob:
    """What `job add` / `job describe` did: the job, whether it is new, and how it was read."""

    job: Job
    created: bool
    mode: Mode | None  # None for a duplicate: nothing was extracted
    model: str | None = None
    salary: Salary | None = None  # the salary as the posting wrote it (before annualising)


def add_job(
    store: Store,
    source: str,
    *,
    title: str | None = None,
    company: str | None = None,
    choice: ModelChoice | None = None,
    on_text: Callable[[str], None] | None = None,
) -> tuple[Job, bool]:
    """Store the posting in FILE (or "-" for stdin); (job, False) if the same file is stored."""
    added = add_job_detailed(
        store, source, title=title, company=company, choice=choice, on_text=on_text
    )
    return added.job, added.created


def add_job_detailed(
    store: Store,
    source: str,
    *,
    title: str | None = None,
    company: str | None = None,
    choice: ModelChoice | None = None,
    on_text: Callable[[str], None] | None = None,
) -> AddedJob:
    """`add_job`, also saying whether a model or the offline parser read the posting."""
    from careercoach.documents.reader import STDIN_NAME

    document = read_posting(source)
    text = document.text
    existing = _by_sha256(store, document.sha256)
    if existing is not None:
        return AddedJob(existing, False, None)
    filename = None if document.filename == STDIN_NAME else document.filename
    return _extract_and_store(
        store,
        text,
        kind="posting",
        filename=filename,
        sha256=document.sha256,
        overrides={"title": title, "company": company},
        choice=choice,
        on_text=on_text,
    )


def read_posting(source: str) -> Document:
    """The posting in FILE (or "-" for stdin) as a Document; BadInput when it holds no text."""
    from careercoach.documents.reader import UnreadableDocument, read_document

    try:
        document = read_document(source)
    except UnreadableDocument as problem:
        if problem.reason not in _EMPTY_REASONS:
            raise
        where = "stdin" if source == "-" else source
        raise BadInput(
            f"the posting ({where}) is empty: there is no text in it",
            hint=_EMPTY_HINT,
        ) from None
    if not document.text.strip():
        raise BadInput(f"the posting {document.filename} is empty", hint=_EMPTY_HINT)
    return document


def describe_job(
    store: Store,
    text: str,
    *,
    choice: ModelChoice | None = None,
    on_text: Callable[[str], None] | None = None,
) -> Job:
    """Store a dream role described in the person's own words (kind "description")."""
    return describe_job_detailed(store, text, choice=choice, on_text=on_text).job


def describe_job_detailed(
    store: Store,
    text: str,
    *,
    choice: ModelChoice | None = None,
    on_text: Callable[[str], None] | None = None,
) -> AddedJob:
    """`describe_job`, also saying how the description was read; the same text is stored once."""
    if not text.strip():
        raise BadInput(
            "the description is empty", hint="describe the role you want in a few sentences"
        )
    sha256 = hashlib.sha256(text.strip().encode("utf-8")).hexdigest()
    existing = _by_sha256(store, sha256)
    if existing is not None:
        return AddedJob(existing, False, None)
    return _extract_and_store(
        store,
        text.strip(),
        kind="description",
        filename=None,
        sha256=sha256,
        overrides={},
        choice=choice,
        on_text=on_text,
    )


def get_job(store: Store, ref: int | str | None) -> Job:
    """The job with id `ref`, or the most recently added one when `ref` is None."""
    from sqlmodel import col, select

    from careercoach.store.models import Job

    if ref is None:
        with store.read_session() as session:
            job = session.exec(
                select(Job).order_by(col(Job.created_at).desc(), col(Job.id).desc()).limit(1)
            ).first()
        if job is None:
            raise NotFound(
                "no job is stored yet",
                hint="add a posting: careercoach job add posting.txt "
                '(or describe one: careercoach job describe "...")',
            )
        return job
    job_id = _parse_id(ref)
    with store.read_session() as session:
        job = session.get(Job, job_id)
    if job is None:
        raise job_not_found(job_id)
    return job


def get_stored_job(store: Store, ref: int | str) -> StoredJob:
    """The job with id `ref`, as get_job finds it (the same errors), read in plain SQL
    (store/gap_rows.py) for commands that must not import SQLAlchemy."""
    from careercoach.store.gap_rows import find_job

    job_id = _parse_id(ref)
    job = find_job(store, job_id=job_id)
    if job is None:
        raise job_not_found(job_id)
    return job


def job_not_found(job_id: int) -> NotFound:
    return NotFound(f"no job with id {job_id}", hint="see the stored jobs: careercoach job list")


def list_jobs(store: Store) -> list[Job]:
    """Every stored job, the most recently added first."""
    from sqlmodel import col, select

    from careercoach.store.models import Job

    with store.read_session() as session:
        return list(
            session.exec(select(Job).order_by(col(Job.created_at).desc(), col(Job.id).desc())).all()
        )


def remove_job(store: Store, ref: int | str) -> Job:
    """Delete one job; analyses made against it stay, without their link to it."""
    from careercoach.store.models import Job

    job_id = _parse_id(ref)
    with store.session() as session:
        job = session.get(Job, job_id)
        if job is None:
            raise NotFound(
                f"no job with id {job_id}", hint="see the stored jobs: careercoach job list"
            )
        session.delete(job)
    return job


def resolve_job_arg(store: Store, value: str, *, choice: ModelChoice | None = None) -> StoredJob:
    """A job given as an id ("3") or as a posting file (added now, once: same file, same job).

    It reads and writes the store in plain SQL (store/gap_rows.py), for `gap`; a model
    configured for the choice still reads a new posting, like `job add`.
    """
    return prepare_job_arg(store, value, choice=choice)()


def prepare_job_arg(
    store: Store, value: str, *, choice: ModelChoice | None = None
) -> Callable[[], StoredJob]:
    """`resolve_job_arg` in two steps: this one finds the job, or reads and parses a new
    posting file, and stores nothing; the function it returns stores a new one and returns
    the job. `gap` parses a posting while the extraction worker reads the CV, and stores it
    only once the CV is read, so an unreadable CV still leaves nothing stored."""
    from careercoach.documents.reader import STDIN_NAME
    from careercoach.ids import as_id
    from careercoach.store.gap_rows import find_job, insert_job

    text = value.strip()
    job_id = as_id(text)
    if job_id is not None:
        found = find_job(store, job_id=job_id)
        if found is None:
            raise job_not_found(job_id)
        return lambda: found
    if text == "-" or Path(text).expanduser().is_file():
        document = read_posting(str(Path(text).expanduser()) if text != "-" else "-")
        existing = find_job(store, sha256=document.sha256)
        if existing is not None:
            return lambda: existing
        values, _mode, _model = job_values(
            store,
            document.text,
            kind="posting",
            filename=None if document.filename == STDIN_NAME else document.filename,
            sha256=document.sha256,
            overrides={},
            choice=choice,
        )
        return lambda: insert_job(store, values)
    raise BadInput(
        f"'{value}' is neither a job id nor a file",
        hint="give an id from 'careercoach job list' or the path to a job posting",
    )


def job_to_dict(job: Job, *, with_text: bool) -> dict[str, Any]:
    """The job as the --json output shows it (timestamps ISO 8601 with a time zone)."""
    data: dict[str, Any] = {
        "id": job.id,
        "kind": job.kind,
        **{name: getattr(job, name) for name in _FIELDS},
        "required_skills": list(job.required_skills or []),
        "preferred_skills": list(job.preferred_skills or []),
        "filename": job.filename,
        "sha256": job.sha256,
        "created_at": job.created_at.isoformat() if job.created_at else None,
    }
    if with_text:
        data["text"] = job.text
    return data


# --- extraction -------------------------------------------------------------------------------


def _extract_and_store(
    store: Store,
    text: str,
    *,
    kind: str,
    filename: str | None,
    sha256: str,
    overrides: dict[str, str | None],
    choice: ModelChoice | None,
    on_text: Callable[[str], None] | None,
) -> AddedJob:
    from sqlmodel import col, select

    from careercoach.analysis.posting_parser import posting_salary
    from careercoach.store.models import Job

    values, mode, model = job_values(
        store,
        text,
        kind=kind,
        filename=filename,
        sha256=sha256,
        overrides=overrides,
        choice=choice,
        on_text=on_text,
    )
    job = Job(**values)
    with store.session() as session:
        # Checked again inside the write transaction: another run may have stored the same
        # file while this one was reading it (two at once keep one copy, as CVs do).
        stored = session.exec(
            select(Job).where(Job.sha256 == sha256).order_by(col(Job.id)).limit(1)
        ).first()
        if stored is not None:
            return AddedJob(stored, False, None)
        session.add(job)
    return AddedJob(job, True, mode, model, posting_salary(text))  # type: ignore[arg-type]


def job_values(
    store: Store,
    text: str,
    *,
    kind: str,
    filename: str | None,
    sha256: str,
    overrides: dict[str, str | None],
    choice: ModelChoice | None,
    on_text: Callable[[str], None] | None = None,
) -> tuple[dict[str, Any], Mode, str | None]:
    """The job row's columns read from the text (by the model if there is one, else offline),
    how it was read, and the model that read it."""
    from careercoach.analysis.posting_parser import parse_posting

    offline = parse_posting(text)
    parsed, mode, model = offline, "offline", None
    answer = _ask_model(store, text, kind, choice or ModelChoice(), on_text)
    if answer is not None:
        parsed, model, mode = merge_postings(answer.parsed, offline), answer.model, "llm"
    values = {name: getattr(parsed, name) for name in _FIELDS}
    if kind == "description" and mode == "offline":
        values["title"] = described_title(text)
    values.update({k: v.strip() for k, v in overrides.items() if v and v.strip()})
    row = {
        "kind": kind,
        **values,
        "required_skills": list(parsed.required_skills),
        "preferred_skills": list(parsed.preferred_skills),
        "text": text,
        "filename": filename,
        "sha256": sha256,
    }
    return row, mode, model  # type: ignore[return-value]


def _ask_model(store: Store, text: str, kind: str, choice: ModelChoice, on_text):
    """The model's ParsedPosting answer, or None when no model is configured or offline."""
    if choice.offline:
        return None
    try:
        gateway = open_gateway("job", choice, store=store)
    except NotConfigured:
        return None
    from careercoach.analysis.schemas import ParsedPosting

    return gateway.structured(extraction_messages(text, kind), ParsedPosting, on_text=on_text)


_ROLE_PHRASE = re.compile(
    r"\b(?:be(?:come)?|work(?:ing)? as|role as|job as|position as|career as|olmak istiyorum)\s+"
    r"(?:an?\s+)?(?P<role>[^,.;:\n]{3,60}?)"
    r"(?=\s+(?:working|with|in|at|for|who|that|where|using|on|and|remote|ideally)\b|[,.;:\n]|$)",
    re.IGNORECASE,
)


def described_title(text: str) -> str | None:
    """The role a description names: "I want to become a data engineer ..." -> "data engineer"."""
    first = text.strip().split("\n", 1)[0].strip()
    if 0 < len(first.split()) <= 8 and not first.endswith("."):
        return first
    m = _ROLE_PHRASE.search(text)
    return m.group("role").strip() if m else None


def extraction_messages(text: str, kind: str) -> list[dict[str, str]]:
    """The system prompt and the delimited posting (or described role) for the model."""
    from careercoach.documents.delimit import DATA_NOTICE, wrap_document
    from careercoach.prompts import load_prompt

    if kind == "description":
        # A person's own words may hold their name or contacts; a posting holds none of theirs.
        from careercoach.documents.redact import redact_for_model

        text = redact_for_model(text).text
    label = "job posting" if kind == "posting" else "dream role described by the person"
    system = load_prompt("job_extract").render(
        data_notice=DATA_NOTICE, kind=label, skills_hint=_SKILLS_HINT
    )
    user = "Extract the facts of this " + label + ".\n\n" + wrap_document(text, label)
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def merge_postings(model: ParsedPosting, offline: ParsedPosting) -> ParsedPosting:
    """The model's reading, skills in canonical names, gaps filled from the offline reading."""
    from careercoach.analysis.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    merged = model.model_copy(deep=True)
    for name in ("title", "company", "location", "remote", "years_required", "degree", "seniority"):
        value = getattr(merged, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            setattr(merged, name, getattr(offline, name))
    if merged.salary_min is None and merged.salary_max is None:
        merged.salary_min, merged.salary_max = offline.salary_min, offline.salary_max
        merged.currency = merged.currency or offline.currency
    elif merged.salary_min is None or merged.salary_max is None:
        merged.salary_min = (
            merged.salary_min if merged.salary_min is not None else merged.salary_max
        )
        merged.salary_max = (
            merged.salary_max if merged.salary_max is not None else merged.salary_min
        )
    if (
        merged.salary_min is not None
        and merged.salary_max is not None
        and merged.salary_min > merged.salary_max
    ):
        merged.salary_min, merged.salary_max = merged.salary_max, merged.salary_min
    currency = (merged.currency or "").strip().upper()
    merged.currency = currency if len(currency) == 3 and currency.isalpha() else offline.currency
    required = _canonical(model.required_skills, taxonomy)
    preferred = _canonical(model.preferred_skills, taxonomy)
    if not required and not preferred:
        required, preferred = list(offline.required_skills), list(offline.preferred_skills)
    merged.required_skills = required
    merged.preferred_skills = [s for s in preferred if s not in set(required)]
    return merged


def _canonical(names: list[str], taxonomy) -> list[str]:
    """Names mapped to the taxonomy's canonical spelling; unknown ones kept as written, once."""
    seen: set[str] = set()
    out: list[str] = []
    for raw in names:
        name = " ".join(str(raw).split())[:_MAX_SKILL_NAME]
        if not name:
            continue
        skill = taxonomy.get(name)
        canonical = skill.name if skill is not None else name
        if canonical.casefold() not in seen:
            seen.add(canonical.casefold())
            out.append(canonical)
    return out[:_MAX_SKILLS]


# --- store helpers ----------------------------------------------------------------------------


def _by_sha256(store: Store, sha256: str) -> Job | None:
    from sqlmodel import col, select

    from careercoach.store.models import Job

    with store.read_session() as session:
        return session.exec(
            select(Job).where(Job.sha256 == sha256).order_by(col(Job.id)).limit(1)
        ).first()


def _parse_id(ref: int | str) -> int:
    from careercoach.ids import as_id

    job_id = as_id(ref)
    if job_id is None:
        raise BadInput(
            f"'{ref}' is not a job id",
            hint="job ids are numbers: see them with 'careercoach job list'",
        )
    return job_id
