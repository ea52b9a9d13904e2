"""The model layer's answer (the schema of prompts/gap.md) and its merge into the offline report.

Merging is pure and deterministic: the model supplies culture_fit, domain_knowledge, semantic
skill matches and the narrative; the offline formulas then recompute skills_match, readiness,
confidence and the verdict over the merged facts, so a number is always computed the same
documented way. `sources` records, field by field, whether it came from "offline", "model" or
"offline+model".
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from careercoach.analysis.gap import (
    OFFLINE_NOTES,
    confidence_score,
    missing_skills,
    readiness,
    readiness_how,
    verdict,
)
from careercoach.analysis.gap_models import (
    Candidate,
    GapReport,
    LearningResource,
    Severity,
    SkillDetail,
)
from careercoach.analysis.gap_skills import (
    HARD_CATEGORIES,
    SOFT_CATEGORIES,
    weighted_skill_score,
)
from careercoach.analysis.schemas import ParsedPosting
from careercoach.analysis.taxonomy import Taxonomy, fold

NARRATIVE_FIELDS = ("strengths", "gaps", "recommendations", "next_steps", "priority_improvements")


class ModelGap(BaseModel):
    gap: str
    severity: Severity
    priority: int = Field(ge=1)


class ModelMatch(BaseModel):
    skill: str = Field(description="a skill from the offline report's missing_skills, as spelled")
    evidence: str = Field(description="what in the CV shows it")
    credit: float = Field(ge=0, le=1, description="1 clearly has it, 0.5 partly")


class ModelResource(BaseModel):
    skill: str
    title: str
    url: str | None = None


class GapModelAnswer(BaseModel):
    """What the model adds to the offline gap report (prompts/gap.md)."""

    summary: str
    culture_fit: int | None = Field(default=None, ge=0, le=100)
    culture_fit_reason: str | None = None
    domain_knowledge: int | None = Field(default=None, ge=0, le=100)
    domain_knowledge_reason: str | None = None
    semantic_matches: list[ModelMatch] = Field(default_factory=list)
    strengths: list[str] = Field(default_factory=list)
    gaps: list[ModelGap] = Field(default_factory=list)
    recommendations: list[str] = Field(default_factory=list)
    next_steps: list[str] = Field(default_factory=list)
    priority_improvements: list[str] = Field(default_factory=list)
    learning_resources: list[ModelResource] = Field(default_factory=list)


def merge_model_answer(
    report: GapReport,
    answer: GapModelAnswer,
    *,
    posting: ParsedPosting,
    posting_text: str,
    candidate: Candidate,
    cv_text: str,
    taxonomy: Taxonomy,
    model: str,
) -> GapReport:
    """The offline report deepened by the model's answer; the offline report is not changed."""
    merged = report.model_copy(deep=True)
    sources = dict.fromkeys(merged.metrics, "offline")
    details, changed = _apply_matches(merged.skill_details, answer)
    metrics = dict(merged.metrics)
    if changed:
        metrics["skills_match"] = weighted_skill_score(details)
        metrics["technical_skills"] = weighted_skill_score(
            d for d in details if d.category in HARD_CATEGORIES
        )
        metrics["soft_skills"] = weighted_skill_score(
            d for d in details if d.category in SOFT_CATEGORIES
        )
        for name in ("skills_match", "technical_skills", "soft_skills"):
            sources[name] = "offline+model"
    notes = [n for n in merged.notes if n not in OFFLINE_NOTES]
    for name, reason in (
        ("culture_fit", answer.culture_fit_reason),
        ("domain_knowledge", answer.domain_knowledge_reason),
    ):
        value = getattr(answer, name)
        metrics[name] = float(value) if value is not None else None
        sources[name] = "model"
        label = "judged by the model" if value is not None else "the model could not judge it"
        notes.append(f"{name}: {label}" + (f": {reason}" if reason else ""))
        merged.explanations[name] = reason or label
    metrics["readiness"] = readiness(metrics)
    merged.confidence = confidence_score(metrics, details, candidate, cv_text)
    metrics["confidence"] = float(merged.confidence)
    missing = missing_skills(details, posting, posting_text, taxonomy)
    sources.update(readiness="offline+model", confidence="offline+model")
    merged.explanations["readiness"] = readiness_how(metrics)
    merged.metrics = metrics
    merged.skill_details = details
    merged.matched_skills = [d.skill for d in details if d.credit >= 1.0]
    merged.missing_skills = missing
    merged.verdict = verdict(metrics["readiness"], missing)  # type: ignore[assignment]
    sources.update(
        verdict="offline+model",
        matched_skills="offline+model" if changed else "offline",
        missing_skills="offline+model" if changed else "offline",
    )
    _merge_narrative(merged, answer, sources)
    merged.notes = notes
    merged.summary = answer.summary.strip() or None
    sources["summary"] = "model"
    merged.mode = "llm"
    merged.model = model
    merged.sources = sources
    return merged


def _apply_matches(
    details: list[SkillDetail], answer: GapModelAnswer
) -> tuple[list[SkillDetail], bool]:
    """Raise a skill's credit where the model shows CV evidence the taxonomy missed."""
    by_key = {fold(m.skill).strip(): m for m in answer.semantic_matches}
    out: list[SkillDetail] = []
    changed = False
    for detail in details:
        match = by_key.get(fold(detail.skill).strip())
        if match is not None and detail.credit < 1.0 and match.credit > detail.credit:
            detail = detail.model_copy(
                update={
                    "credit": round(min(1.0, match.credit), 3),
                    "how": "model",
                    "evidence": f"the model found: {match.evidence.strip()[:200]}",
                }
            )
            changed = True
        out.append(detail)
    return out, changed


def _merge_narrative(merged: GapReport, answer: GapModelAnswer, sources: dict[str, str]) -> None:
    """The model's words where it gave any, the offline engine's where it did not."""
    gaps = [
        g.gap.strip() + f" ({g.severity})"
        for g in sorted(answer.gaps, key=lambda g: g.priority)
        if g.gap.strip()
    ]
    model_lists = {
        "strengths": [s.strip() for s in answer.strengths if s.strip()],
        "gaps": gaps,
        "recommendations": [s.strip() for s in answer.recommendations if s.strip()],
        "next_steps": [s.strip() for s in answer.next_steps if s.strip()],
        "priority_improvements": [s.strip() for s in answer.priority_improvements if s.strip()],
    }
    for name, values in model_lists.items():
        if values:
            setattr(merged, name, values)
            sources[name] = "model"
        else:
            sources[name] = "offline"
    resources = [
        LearningResource(
            skill=r.skill.strip(),
            title=r.title.strip(),
            url=_safe_url(r.url),
            kind="suggestion (model)",
        )
        for r in answer.learning_resources
        if r.title.strip()
    ]
    if resources:
        merged.learning_resources = resources
        sources["learning_resources"] = "model"
    else:
        sources["learning_resources"] = "offline"


def _safe_url(url: str | None) -> str | None:
    """Only plain web links from a model: anything else (javascript:, file:) is dropped."""
    if not url:
        return None
    url = url.strip()
    return url if url.startswith(("https://", "http://")) and " " not in url else None
