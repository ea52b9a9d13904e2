"""The shapes that the CV parser, the posting parser and the gap engine hand to each other.

Each is a pydantic model so that the offline engines and the model (as a JSON schema for
structured output) produce the very same thing. Dates are "YYYY" or "YYYY-MM" strings, as the
store keeps them; `end=None` with `current=True` means "to the present".
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Level = Literal["beginner", "intermediate", "advanced", "expert"]
Remote = Literal["yes", "no", "hybrid"]
DegreeLevel = Literal["none", "high_school", "associate", "bachelor", "master", "phd"]

# Ordered, so that "at least a bachelor" is a comparison: DEGREE_RANK["master"] > ...["bachelor"].
DEGREE_RANK: dict[str, int] = {
    "none": 0,
    "high_school": 1,
    "associate": 2,
    "bachelor": 3,
    "master": 4,
    "phd": 5,
}


class Contact(BaseModel):
    """Who the CV belongs to. Kept on this machine; redacted before any model sees a document."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    links: list[str] = Field(default_factory=list)


class SkillClaim(BaseModel):
    name: str = Field(description="canonical skill name, e.g. 'PostgreSQL'")
    level: Level | None = None
    evidence: str | None = Field(
        default=None, description="the CV line that shows the skill, shortened"
    )


class EducationEntry(BaseModel):
    institution: str
    degree: str | None = Field(default=None, description="as written: 'BSc', 'MSc', 'Lisans'")
    level: DegreeLevel | None = None
    field_of_study: str | None = None
    start: str | None = Field(default=None, description="'YYYY' or 'YYYY-MM'")
    end: str | None = Field(default=None, description="'YYYY' or 'YYYY-MM'; null if ongoing")


class ExperienceEntry(BaseModel):
    title: str
    employer: str | None = None
    location: str | None = None
    start: str | None = Field(default=None, description="'YYYY' or 'YYYY-MM'")
    end: str | None = Field(default=None, description="'YYYY' or 'YYYY-MM'; null with current")
    current: bool = False
    achievements: list[str] = Field(default_factory=list)


class ProjectEntry(BaseModel):
    name: str
    description: str | None = None
    technologies: list[str] = Field(default_factory=list)
    url: str | None = None


class CertificationEntry(BaseModel):
    name: str
    issuer: str | None = None
    date: str | None = Field(default=None, description="'YYYY' or 'YYYY-MM'")


class ParsedCV(BaseModel):
    """A CV turned into facts: what `cv parse` writes to the profile and `gap` reads."""

    contact: Contact = Field(default_factory=Contact)
    headline: str | None = None
    summary: str | None = None
    skills: list[SkillClaim] = Field(default_factory=list)
    education: list[EducationEntry] = Field(default_factory=list)
    experience: list[ExperienceEntry] = Field(default_factory=list)
    projects: list[ProjectEntry] = Field(default_factory=list)
    certifications: list[CertificationEntry] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list, description="spoken languages")


class ParsedPosting(BaseModel):
    """A job posting (or a described dream role) turned into facts: what `job add` stores."""

    title: str | None = None
    company: str | None = None
    location: str | None = None
    remote: Remote | None = None
    salary_min: float | None = None
    salary_max: float | None = None
    currency: str | None = Field(default=None, description="ISO 4217 code, e.g. 'USD', 'TRY'")
    required_skills: list[str] = Field(default_factory=list, description="canonical names")
    preferred_skills: list[str] = Field(default_factory=list, description="canonical names")
    years_required: float | None = Field(default=None, description="the posting's 'N+ years'")
    degree: DegreeLevel | None = Field(default=None, description="the lowest degree asked for")
    seniority: Literal["intern", "junior", "mid", "senior", "lead"] | None = None
