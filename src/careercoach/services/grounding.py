"""What a letter or a tailored CV may stand on: the job, the CV, and the skills the person has
shown (profile, CV, projects, certifications), read the way the gap engine reads them.

Shared by `letter` and `cv optimize`, so "you have this" means the same in both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from careercoach.errors import NotFound

if TYPE_CHECKING:
    from careercoach.analysis.gap_models import Candidate, SkillDetail
    from careercoach.analysis.keyword_coverage import Keyword
    from careercoach.analysis.schemas import ParsedCV, ParsedPosting
    from careercoach.analysis.taxonomy import Taxonomy
    from careercoach.documents.redact import Redaction
    from careercoach.services.profile import ProfileSnapshot
    from careercoach.store.db import Store
    from careercoach.store.gap_rows import StoredCV
    from careercoach.store.models import Job


@dataclass
class Grounding:
    """The job and what the person has shown, with the names redaction must take out."""

    job: Job
    cv: StoredCV | None
    parsed_cv: ParsedCV
    profile: ProfileSnapshot
    candidate: Candidate
    posting: ParsedPosting
    keywords: list[Keyword]
    taxonomy: Taxonomy
    person_names: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def cv_text(self) -> str:
        return self.cv.text if self.cv is not None else ""

    @property
    def shown_skills(self) -> list[str]:
        """Canonical names of every skill the profile and CV show (not related skills)."""
        from careercoach.analysis.keyword_coverage import skills_in

        names = dict.fromkeys(self.candidate.skills)
        names.update(dict.fromkeys(skills_in(self.cv_text, self.taxonomy).values()))
        return list(names)

    def judged(self) -> dict[str, SkillDetail]:
        """How the gap engine judges each posting skill for this person, by canonical name:
        "exact"/"alias" means the person has it, "related" only a neighbour of it."""
        from careercoach.analysis.gap_skills import judge_skills

        return {d.skill: d for d in judge_skills(self.candidate, self.posting, self.taxonomy)}

    def held_keywords(self) -> list[Keyword]:
        """The posting keywords the person has (exact or alias), required first."""
        judged = self.judged()
        return [
            k
            for k in self.keywords
            if k.name in judged and judged[k.name].how in ("exact", "alias")
        ]


def load_grounding(
    store: Store, job_ref: str | None, cv_ref: str | None, *, cv_required: bool
) -> Grounding:
    """Resolve the job (latest by default) and CV (latest by default) and read both.

    Unknown ids are NotFound (exit 1). Without any stored CV: NotFound when `cv_required`,
    else the profile alone grounds the result.
    """
    from careercoach.analysis.cv_parser import parse_cv
    from careercoach.analysis.keyword_coverage import posting_keywords
    from careercoach.analysis.taxonomy import load_taxonomy
    from careercoach.services.cvs import get_cv
    from careercoach.services.gap import candidate_from, posting_from_job
    from careercoach.services.jobs import get_job
    from careercoach.services.profile import load_profile

    job = get_job(store, job_ref)
    cv: StoredCV | None
    try:
        cv = get_cv(store, cv_ref)
    except NotFound:
        if cv_ref is not None or cv_required:
            raise
        cv = None
    taxonomy = load_taxonomy()
    parsed = parse_cv(cv.text if cv is not None else "", taxonomy)
    posting, notes = posting_from_job(job)
    profile = load_profile(store)
    candidate = candidate_from(parsed, profile, cv.text if cv is not None else "")
    names = [n for n in (profile.name, parsed.contact.name) if n]
    keywords = posting_keywords(posting.required_skills, posting.preferred_skills, taxonomy)
    return Grounding(
        job, cv, parsed, profile, candidate, posting, keywords, taxonomy, names, list(notes)
    )


def require_facts(grounding: Grounding) -> None:
    """Refuse (exit 1) when neither a CV nor the profile says anything to write from."""
    if grounding.cv is None and grounding.profile.is_empty:
        raise NotFound(
            "no CV and no profile stored, so there is nothing true to write from",
            hint="add your CV: careercoach cv add FILE (then careercoach cv parse)",
        )


SPLIT = "\n\n\u2063\u2063CAREERCOACH-PART\u2063\u2063\n\n"


def redact_together(texts: list[str], names: list[str]) -> tuple[list[str], Redaction]:
    """Redact several texts with one placeholder book, so [EMAIL_1] means one thing in all of
    them and the model's answer can be restored locally; returns the texts and the Redaction."""
    from careercoach.documents.redact import Redaction, redact_for_model

    redaction = redact_for_model(SPLIT.join(texts), names=names)
    parts = redaction.text.split(SPLIT)
    if len(parts) != len(texts):  # a separator was altered: redact one by one, restore nothing
        return [redact_for_model(t, names=names).text for t in texts], Redaction("", {})
    return parts, redaction


def job_label(job: Job) -> str:
    """ "Data Engineer at Acme", or "job #3" when the posting has no title."""
    return label_of_job(job.id, job.title, job.company)


def label_of_job(job_id: int | None, title: str | None, company: str | None) -> str:
    """job_label from the job's columns, for rows read in plain SQL."""
    name = title or f"job #{job_id}"
    return f"{name} at {company}" if company else name
