"""The offline gap engine: a CV and profile against a job posting, in milliseconds, no model.

`analyze_gap` is pure: it reads a Candidate (see `build_candidate`) and a ParsedPosting and
returns a GapReport with the contract's 11 metrics, the verdict and the advice. Every formula
and threshold is in docs/GAP.md; the constants live here and in gap_metrics.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from careercoach.analysis import gap_advice
from careercoach.analysis.gap_metrics import (
    score_education,
    score_experience,
    score_location,
    score_salary,
)
from careercoach.analysis.gap_models import (
    METRIC_NAMES,
    Candidate,
    CandidateSkill,
    GapReport,
    Judged,
    MissingSkill,
    SkillDetail,
)
from careercoach.analysis.gap_skills import (
    HARD_CATEGORIES,
    SOFT_CATEGORIES,
    judge_skills,
    posting_mentions,
    score_skill_group,
    score_skills,
)
from careercoach.analysis.schemas import EducationEntry, ExperienceEntry, ParsedCV, ParsedPosting
from careercoach.analysis.taxonomy import Taxonomy, load_taxonomy

# readiness = sum(weight x metric) / sum(weights of the metrics that could be judged)
READINESS_WEIGHTS: dict[str, float] = {
    "skills_match": 0.30,
    "technical_skills": 0.15,
    "experience_match": 0.20,
    "education_match": 0.10,
    "soft_skills": 0.05,
    "location_match": 0.05,
    "salary_match": 0.05,
    "culture_fit": 0.05,
    "domain_knowledge": 0.05,
}
FIT_THRESHOLD = 65.0  # readiness at or above this, and no critical gap: FIT
PARTIAL_OK = 0.5  # related credit at or above this makes a missing skill "partly covered"
CENTRAL_MENTIONS = 2  # a required skill named this often in the posting is central
SMALL_REQUIRED_LIST = 3  # with this few required hard skills, each one is central
CONFIDENCE_WEIGHTS = {"judged": 0.40, "posting_skills": 0.25, "cv_length": 0.15, "facts": 0.20}
FULL_POSTING_SKILLS = 8  # this many skills in the posting: full evidence
FULL_CV_WORDS = 300  # a CV this long: full evidence
_SEVERITY_RANK = {"critical": 0, "major": 1, "minor": 2}
# Spoken languages are hard requirements for a recruiter, even though they are not "technical".
_GATING_CATEGORIES = HARD_CATEGORIES | {"language"}

OFFLINE_NOTES = (
    "culture_fit: not judged offline (it needs a reading of the posting's culture and your "
    "story); configure a model with careercoach setup to have it judged",
    "domain_knowledge: not judged offline (it needs an understanding of the business domain); "
    "configure a model with careercoach setup to have it judged",
)


def analyze_gap(
    candidate: Candidate,
    posting: ParsedPosting,
    *,
    posting_text: str,
    cv_text: str,
    taxonomy: Taxonomy | None = None,
    today: date | None = None,
) -> GapReport:
    """Judge the candidate against the posting with the offline rules of docs/GAP.md."""
    taxonomy = taxonomy or load_taxonomy()
    today = today or date.today()
    details = judge_skills(candidate, posting, taxonomy, posting_text)
    judged: dict[str, Judged] = {
        "skills_match": score_skills(details),
        "experience_match": score_experience(candidate, posting, today),
        "education_match": score_education(candidate, posting, today),
        "location_match": score_location(candidate, posting),
        "salary_match": score_salary(candidate, posting),
        "technical_skills": score_skill_group(
            details, HARD_CATEGORIES, "technical", "technical_skills"
        ),
        "soft_skills": score_skill_group(details, SOFT_CATEGORIES, "soft", "soft_skills"),
    }
    missing = missing_skills(details, posting, posting_text, taxonomy)
    return assemble_report(
        judged,
        details,
        missing,
        posting,
        candidate=candidate,
        cv_text=cv_text,
        taxonomy=taxonomy,
    )


def assemble_report(
    judged: dict[str, Judged],
    details: list[SkillDetail],
    missing: list[MissingSkill],
    posting: ParsedPosting,
    *,
    candidate: Candidate,
    cv_text: str,
    taxonomy: Taxonomy,
) -> GapReport:
    metrics: dict[str, float | None] = {name: None for name in METRIC_NAMES}
    for name, result in judged.items():
        metrics[name] = result.score
    metrics["readiness"] = readiness(metrics)
    confidence = confidence_score(metrics, details, candidate, cv_text)
    metrics["confidence"] = float(confidence)
    notes = [note for result in judged.values() for note in result.notes]
    notes.extend(OFFLINE_NOTES)
    if metrics["readiness"] is None:
        notes.append("readiness: nothing could be judged, so the verdict is UNFIT by default")
    explanations = {name: result.how for name, result in judged.items()}
    explanations["readiness"] = readiness_how(metrics)
    explanations["confidence"] = (
        "share of metrics judged, posting skills found, CV length and facts"
    )
    return GapReport(
        mode="offline",
        verdict=verdict(metrics["readiness"], missing),
        confidence=confidence,
        metrics=metrics,
        matched_skills=[d.skill for d in details if d.credit >= 1.0],
        missing_skills=missing,
        strengths=gap_advice.strengths(details, judged),
        gaps=gap_advice.gaps(missing, judged),
        recommendations=gap_advice.recommendations(missing, judged, posting),
        next_steps=gap_advice.next_steps(missing, posting),
        priority_improvements=gap_advice.priority_improvements(missing),
        learning_resources=gap_advice.learning_resources(missing, taxonomy),
        notes=notes,
        explanations=explanations,
        skill_details=details,
        sources={"metrics": "offline", "verdict": "offline", "advice": "offline"},
        job_title=posting.title,
        company=posting.company,
    )


def missing_skills(
    details: list[SkillDetail], posting: ParsedPosting, posting_text: str, taxonomy: Taxonomy
) -> list[MissingSkill]:
    """The posting's skills without full credit, with a severity and the order to close them."""
    mentions = _mention_counts(posting_text, taxonomy)
    title_skills = {m for m in _mention_counts(posting.title or "", taxonomy)}
    required_gating = [d for d in details if d.required and d.category in _GATING_CATEGORIES]
    small_list = len(required_gating) <= SMALL_REQUIRED_LIST
    rows: list[tuple[tuple, MissingSkill]] = []
    for detail in details:
        if detail.credit >= 1.0:
            continue
        central = (
            small_list
            or detail.skill in title_skills
            or (mentions.get(detail.skill, 0) >= CENTRAL_MENTIONS)
        )
        severity = _severity(detail, central)
        item = MissingSkill(
            skill=detail.skill,
            required=detail.required,
            severity=severity,
            priority=1,
            credit=detail.credit,
            related=detail.evidence if detail.how == "related" else None,
        )
        key = (
            _SEVERITY_RANK[severity],
            not detail.required,
            -mentions.get(detail.skill, 0),
            detail.credit,
            detail.skill,
        )
        rows.append((key, item))
    rows.sort(key=lambda row: row[0])
    return [item.model_copy(update={"priority": i}) for i, (_, item) in enumerate(rows, 1)]


def _severity(detail: SkillDetail, central: bool) -> str:
    """critical: a central required hard skill with no real cover; see docs/GAP.md."""
    if not detail.required:
        return "minor"
    if detail.category not in _GATING_CATEGORIES:
        return "minor"  # soft skills: shown through stories, not filtered on
    if detail.credit >= PARTIAL_OK:
        return "major"
    return "critical" if central else "major"


def _find(text: str, taxonomy: Taxonomy) -> list:
    from careercoach.analysis.skill_matcher import find_skills

    return find_skills(text, taxonomy) if text.strip() else []


def _mention_counts(text: str, taxonomy: Taxonomy) -> dict[str, int]:
    return {skill: len(spans) for skill, spans in posting_mentions(text, taxonomy)}


def readiness(metrics: dict[str, float | None]) -> float | None:
    """Weighted mean of the judged metrics; the weights of null metrics are left out."""
    total = weight = 0.0
    for name, w in READINESS_WEIGHTS.items():
        value = metrics.get(name)
        if value is not None:
            total += w * value
            weight += w
    return None if weight == 0 else round(total / weight, 1)


def readiness_how(metrics: dict[str, float | None]) -> str:
    used = [n for n in READINESS_WEIGHTS if metrics.get(n) is not None]
    parts = ", ".join(f"{n} {READINESS_WEIGHTS[n]:g}" for n in used)
    return f"weighted mean of the judged metrics ({parts}), weights renormalised"


def verdict(ready: float | None, missing: Iterable[MissingSkill]) -> str:
    """FIT when readiness reaches FIT_THRESHOLD and no required skill is critically missing."""
    if ready is None or ready < FIT_THRESHOLD:
        return "UNFIT"
    if any(m.severity == "critical" and m.required for m in missing):
        return "UNFIT"
    return "FIT"


def confidence_score(
    metrics: dict[str, float | None],
    details: list[SkillDetail],
    candidate: Candidate,
    cv_text: str,
) -> int:
    """How much the report rests on: judged metrics, posting skills, CV length, facts found."""
    judgeable = [n for n in READINESS_WEIGHTS]
    judged_share = sum(metrics.get(n) is not None for n in judgeable) / len(judgeable)
    posting_share = min(1.0, len(details) / FULL_POSTING_SKILLS)
    cv_share = min(1.0, len(cv_text.split()) / FULL_CV_WORDS)
    facts = [
        any(e.start for e in candidate.experience),
        bool(candidate.education),
        len(candidate.skills) >= 5,
    ]
    facts_share = sum(facts) / len(facts)
    w = CONFIDENCE_WEIGHTS
    value = (
        w["judged"] * judged_share
        + w["posting_skills"] * posting_share
        + w["cv_length"] * cv_share
        + w["facts"] * facts_share
    )
    return round(100 * value)


def build_candidate(
    parsed: ParsedCV,
    *,
    taxonomy: Taxonomy | None = None,
    cv_text: str = "",
    profile_skills: Iterable[CandidateSkill] = (),
    experience: Iterable[ExperienceEntry] = (),
    education: Iterable[EducationEntry] = (),
    certifications: Iterable[str] = (),
    location: str | None = None,
    remote: str | None = None,
    salary_expectation: float | None = None,
    currency: str | None = None,
) -> Candidate:
    """Merge the profile's facts (which win) with the CV's parse.

    The CV text is scanned for skills only when the parse found none (the parser already
    scans it, and knows to skip employer names such as "Snowflake Logistics").
    """
    taxonomy = taxonomy or load_taxonomy()
    skills: dict[str, CandidateSkill] = {}

    def add(name: str, **fields: str | None) -> None:
        skill = taxonomy.get(name)
        canonical = skill.name if skill else " ".join(name.split())
        if canonical and canonical not in skills:
            skills[canonical] = CandidateSkill(name=canonical, **fields)  # type: ignore[arg-type]

    for own in profile_skills:
        add(own.name, level=own.level, source="profile", evidence=own.evidence)
    for claim in parsed.skills:
        add(claim.name, level=claim.level, source="CV", evidence=claim.evidence)
    for project in parsed.projects:
        for tech in project.technologies:
            add(tech, source="project", evidence=f"project {project.name}")
    certs = [*certifications, *(c.name for c in parsed.certifications)]
    jobs = [*experience, *parsed.experience]
    # A certificate ("Basic Life Support (BLS), AHA") and a job title ("ICU Registered Nurse")
    # are evidence of the skills they name; the parser keeps them out of its skill list.
    named = [(cert, "certification") for cert in certs]
    named += [(job.title, "job title") for job in jobs if job.title]
    named += [(parsed.headline, "headline")] if parsed.headline else []
    for text, source in named:
        for mention in _find(text, taxonomy):
            add(mention.skill, source=source, evidence=text)
    for language in parsed.languages:
        plain = language.split("(")[0].split(":")[0].strip()
        if plain and taxonomy.get(plain) is not None:
            add(plain, source="CV", evidence=language)
    if cv_text and not parsed.skills:  # a parse that found no skills: scan the text itself
        for mention in _find(cv_text, taxonomy):
            add(mention.skill, source="CV", evidence=f"'{mention.text}' in your CV")
    return Candidate(
        skills=skills,
        experience=jobs,
        education=[*education, *parsed.education],
        certifications=certs,
        languages=list(parsed.languages),
        headline=parsed.headline,
        location=location or parsed.contact.location,
        remote=remote,
        salary_expectation=salary_expectation,
        currency=currency,
    )


def gap_from_texts(cv_text: str, posting_text: str, *, today: date | None = None) -> GapReport:
    """The offline report for a CV text and a posting text alone (no profile): the evaluation
    set and the benchmark use it, and it is what `gap` computes for a person with no profile."""
    from careercoach.analysis.cv_parser import parse_cv
    from careercoach.analysis.posting_parser import parse_posting

    taxonomy = load_taxonomy()
    candidate = build_candidate(parse_cv(cv_text, taxonomy), taxonomy=taxonomy, cv_text=cv_text)
    posting = parse_posting(posting_text, taxonomy)
    return analyze_gap(
        candidate,
        posting,
        posting_text=posting_text,
        cv_text=cv_text,
        taxonomy=taxonomy,
        today=today,
    )
