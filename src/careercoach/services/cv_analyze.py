"""Objective feedback on a CV: deterministic ATS checks first, then a recruiter's review.

    run = start_analysis(cv_ref, job_ref, choice)   # checks run, analysis stored (offline)
    run.review(on_text=...)                         # only if run.reviewer: the model's review

The offline analysis is stored before any model call, so a failed or cut review never loses
the checks: the row keeps mode "offline" and its report says what happened to the review
("failed" or "incomplete", with the error). A complete review turns the row into mode "llm".
The store is read and written in plain SQL (store/cv_rows.py): offline, the command never
imports SQLAlchemy.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from careercoach.errors import CareerCoachError, IncompleteAnswer, NotConfigured
from careercoach.services.model import ModelChoice

if TYPE_CHECKING:
    from careercoach.analysis.ats_checks import Check
    from careercoach.llm.gateway import Gateway
    from careercoach.store.db import Store
    from careercoach.store.gap_rows import StoredCV, StoredJob

OFFLINE_NOTE = (
    "offline: deterministic checks only; configure a model (careercoach setup) for a "
    "recruiter's review"
)
MAX_POSTING_CHARS = 8000  # enough for any posting; keeps a pasted web page from ballooning


@dataclass
class CVAnalysis:
    """A stored CV analysis, as `--json` prints it (see `to_json`)."""

    id: int
    cv_id: int
    job_id: int | None
    mode: str  # offline | llm
    score: int
    formula: str
    checks: list[Check]
    review: str | None
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "cv_id": self.cv_id,
            "job_id": self.job_id,
            "mode": self.mode,
            "score": self.score,
            "formula": self.formula,
            "checks": [_check_json(c) for c in self.checks],
            "review": self.review,
            "notes": list(self.notes),
        }


def _check_json(check: Check) -> dict[str, Any]:
    return {
        "id": check.id,
        "title": check.title,
        "status": check.status,
        "why": check.why,
        "weight": check.weight,
    }


@dataclass
class AnalysisRun:
    """The checks done and stored; `reviewer` is the gateway for the review, or None offline."""

    store: Store
    analysis: CVAnalysis
    reviewer: Gateway | None
    cv: StoredCV
    job: StoredJob | None
    person_names: list[str]

    def review(self, on_text: Callable[[str], None] | None = None) -> CVAnalysis:
        """Ask the recruiter model for its review (streamed through `on_text`) and store it.

        On a provider failure the stored row is marked (review "failed" or "incomplete") and
        the error is raised again, so the person keeps the checks and learns what failed.
        """
        if self.reviewer is None:
            return self.analysis
        messages = review_messages(self.cv, self.job, self.analysis.checks, self.person_names)
        try:
            answer = self.reviewer.complete(messages, on_text=on_text)
        except CareerCoachError as problem:
            _mark_review(self.store, self.analysis.id, _failure(problem))
            raise
        except KeyboardInterrupt:
            _mark_review(self.store, self.analysis.id, {"review_status": "interrupted"})
            raise
        self.analysis.mode = "llm"
        self.analysis.review = answer.text
        if answer.finish_reason == "length":
            self.analysis.notes.append("the review reached the model's length limit")
        _mark_review(
            self.store,
            self.analysis.id,
            {
                "review": answer.text,
                "review_status": "complete",
                "model": answer.model,
                "notes": self.analysis.notes,
            },
            mode="llm",
        )
        return self.analysis


def start_analysis(
    cv_ref: str | None, job_ref: str | None, choice: ModelChoice, *, today: date | None = None
) -> AnalysisRun:
    """Run the checks on a stored CV (the latest by default), store them, open the reviewer."""
    from careercoach.analysis.ats_checks import overall_score, run_checks
    from careercoach.services.cvs import get_cv
    from careercoach.services.jobs import get_stored_job
    from careercoach.store.db import open_store

    store = open_store()
    cv = get_cv(store, cv_ref)
    job = get_stored_job(store, job_ref) if job_ref is not None else None
    notes: list[str] = []
    if job is not None and not job.required_skills:
        notes.append(f"job {job.id} has no required skills stored, so keywords were not checked")
    checks = run_checks(
        cv.text,
        page_count=cv.page_count,
        word_count=cv.word_count,
        kind=cv.kind,
        today=today,
        job_skills=job.required_skills if job is not None else None,
    )
    reviewer = _open_reviewer(store, choice)
    if reviewer is None:
        notes.append(OFFLINE_NOTE)
    score = overall_score(checks)
    analysis = CVAnalysis(
        0,
        cv.id or 0,
        job.id if job else None,
        "offline",
        score.value,
        score.formula,
        checks,
        None,
        notes,
    )
    analysis.id = _store_offline(store, analysis)
    return AnalysisRun(store, analysis, reviewer, cv, job, _person_names(store, cv.text))


def _open_reviewer(store: Store, choice: ModelChoice) -> Gateway | None:
    """The gateway, or None when offline or no model is configured (the checks still run)."""
    from careercoach.services.model import open_gateway

    if choice.offline:
        return None
    try:
        return open_gateway("cv analyze", choice, store=store)
    except NotConfigured:
        return None


_NAME_LINE = re.compile(r"^[^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*){1,3}$")


def _person_names(store: Store, cv_text: str) -> list[str]:
    """Names to redact: the profile's, and the CV's first line when it reads as a name."""
    from careercoach.store.cv_rows import profile_name

    name = profile_name(store)
    names = [name] if name else []
    first = next((line for line in cv_text.splitlines() if line.strip()), "")
    first = re.split(r"\s[—–|·,-]\s|,", first.strip("#*_ "))[0].strip()
    if _NAME_LINE.match(first) and all(w[:1].isupper() for w in first.split()):
        names.append(first.title() if first.isupper() else first)
    return names


def _store_offline(store: Store, analysis: CVAnalysis) -> int:
    from careercoach.analysis.ats_checks import FORMULA
    from careercoach.store.cv_rows import insert_analysis

    report = {
        "checks": [_check_json(c) for c in analysis.checks],
        "score": analysis.score,
        "formula": analysis.formula,
        "formula_general": FORMULA,
        "review": None,
        "review_status": "none",
        "notes": analysis.notes,
    }
    return insert_analysis(
        store,
        {
            "kind": "cv",
            "cv_id": analysis.cv_id,
            "job_id": analysis.job_id,
            "mode": "offline",
            "score": float(analysis.score),
            "report": report,
        },
    )


def _failure(problem: CareerCoachError) -> dict[str, Any]:
    incomplete = isinstance(problem, IncompleteAnswer)
    update: dict[str, Any] = {
        "review": None,
        "review_status": "incomplete" if incomplete else "failed",
        "review_error": problem.message,
    }
    if isinstance(problem, IncompleteAnswer) and problem.partial:
        update["review_partial"] = problem.partial  # kept for reference, never as the review
    return update


def _mark_review(
    store: Store, analysis_id: int, update: dict[str, Any], mode: str | None = None
) -> None:
    from careercoach.store.cv_rows import update_analysis_report

    # Nothing to mark when another command removed the row meanwhile.
    update_analysis_report(store, analysis_id, update, mode=mode or None)


def review_messages(
    cv: StoredCV, job: StoredJob | None, checks: list[Check], names: list[str]
) -> list[dict[str, str]]:
    """The recruiter prompt: the check results and the CV (and posting), redacted, delimited."""
    from careercoach.documents.delimit import DATA_NOTICE, wrap_document
    from careercoach.documents.redact import redact_for_model
    from careercoach.prompts import load_prompt

    results = "\n".join(f"- [{c.status}] {c.title}: {c.why}" for c in checks)
    target = "No job was given: review the CV for the roles it already aims at."
    documents = [wrap_document(redact_for_model(cv.text, names=names).text, "CV")]
    if job is not None:
        wanted = ", ".join(job.required_skills) or "none stored"
        target = (
            f"The person targets this job: {job.title or 'untitled'}"
            f"{' at ' + job.company if job.company else ''}; required skills: {wanted}."
        )
        posting = redact_for_model(job.text[:MAX_POSTING_CHARS], names=names).text
        documents.append(wrap_document(posting, "job posting"))
    system = load_prompt("cv_review").render(
        data_notice=DATA_NOTICE,
        checks=redact_for_model(results, names=names).text,
        target=redact_for_model(target, names=names).text,
    )
    user = "Review my CV as instructed.\n\n" + "\n\n".join(documents)
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]
