"""The shapes of a gap analysis: the candidate it reads and the report it writes.

`GapReport` is the contract's `gap --json` object (../shared/CLI-CONTRACT.md, "The gap
report") plus a few keys that explain it (`skill_details`, `explanations`, `sources`). The
same model is stored as the Analysis row's `report`. docs/GAP.md documents every field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, Field

from careercoach.analysis.metric_names import METRIC_NAMES as METRIC_NAMES  # re-exported
from careercoach.analysis.schemas import EducationEntry, ExperienceEntry

Severity = Literal["critical", "major", "minor"]
Mode = Literal["offline", "llm"]
Verdict = Literal["FIT", "UNFIT"]


@dataclass(frozen=True)
class CandidateSkill:
    """A skill the person has, by canonical name where the taxonomy knows it."""

    name: str
    level: str | None = None
    source: str = "cv"  # cv | profile | project | certification
    evidence: str | None = None


@dataclass
class Candidate:
    """Everything known about the person: profile facts merged with the CV's offline parse."""

    skills: dict[str, CandidateSkill] = field(default_factory=dict)
    experience: list[ExperienceEntry] = field(default_factory=list)
    education: list[EducationEntry] = field(default_factory=list)
    certifications: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    headline: str | None = None
    location: str | None = None
    remote: str | None = None  # yes | no | hybrid: what the person wants
    salary_expectation: float | None = None
    currency: str | None = None


@dataclass
class Judged:
    """One metric's result: the score (None: not judged), how, and notes."""

    score: float | None
    how: str
    notes: list[str] = field(default_factory=list)


class MissingSkill(BaseModel):
    skill: str
    required: bool
    severity: Severity
    priority: int = Field(ge=1, description="1 = close this gap first")
    credit: float = Field(default=0.0, description="partial credit from related skills, 0-1")
    related: str | None = Field(default=None, description="the known skill that gave the credit")


class SkillDetail(BaseModel):
    """How one posting skill was judged: the arithmetic behind skills_match."""

    skill: str
    required: bool
    category: str
    credit: float
    how: str  # exact | alias | related | alternative | model | none
    evidence: str | None = None
    weight: float = 1.0  # 1/n for each of n alternatives ("Jenkins or GitHub Actions")


class LearningResource(BaseModel):
    skill: str
    title: str
    url: str | None = None
    kind: str = "suggestion"


class GapReport(BaseModel):
    """One gap analysis, offline or merged with the model's judgement."""

    id: int | None = None
    mode: Mode = "offline"
    verdict: Verdict
    confidence: int
    metrics: dict[str, float | None]
    matched_skills: list[str] = Field(default_factory=list)
    missing_skills: list[MissingSkill] = Field(default_factory=list)
    strengths: list[str] = Field(default_factory=list)
    gaps: list[str] = Field(default_factory=list)
    recommendations: list[str] = Field(default_factory=list)
    next_steps: list[str] = Field(default_factory=list)
    priority_improvements: list[str] = Field(default_factory=list)
    learning_resources: list[LearningResource] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    # Extras: what the scores rest on, and where each part came from.
    summary: str | None = None
    explanations: dict[str, str] = Field(default_factory=dict)
    skill_details: list[SkillDetail] = Field(default_factory=list)
    sources: dict[str, str] = Field(default_factory=dict)
    job_title: str | None = None
    company: str | None = None
    context: str | None = None
    model: str | None = None
    cv_id: int | None = None
    job_id: int | None = None
    previous_id: int | None = None
    created_at: str | None = None
