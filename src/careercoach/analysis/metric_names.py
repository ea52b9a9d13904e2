"""The gap report's 11 scores, in the order the contract lists them and the screens show them.

A module of its own so the light paths (`analyses`, report export) can name the metrics
without importing pydantic and the gap engine's models.
"""

from __future__ import annotations

METRIC_NAMES: tuple[str, ...] = (
    "skills_match",
    "experience_match",
    "education_match",
    "culture_fit",
    "location_match",
    "salary_match",
    "technical_skills",
    "soft_skills",
    "domain_knowledge",
    "readiness",
    "confidence",
)
