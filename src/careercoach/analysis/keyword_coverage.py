"""Which of a posting's keywords a text contains, and which skills a text names that the person
has not shown: the deterministic half of `cv optimize` and of the cover-letter check.

Keywords are matched the way the ATS check "Keywords of the job" matches them
(`ats_checks.check_keywords`): through the skill taxonomy, so "Postgres" counts for
PostgreSQL and "JavaScript" never for Java; a keyword the taxonomy does not know counts when
it appears as a whole word. Coverage = keywords found ÷ all keywords (docs/CV-OPTIMIZE.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from careercoach.analysis.taxonomy import Taxonomy, fold

COVERAGE_FORMULA = "coverage = posting keywords found in the CV ÷ all posting keywords × 100"


@dataclass(frozen=True)
class Keyword:
    """One posting keyword by its canonical name; `required` when the posting requires it."""

    name: str
    required: bool
    category: str = "technical"


@dataclass(frozen=True)
class Coverage:
    """Keywords found in a text and missing from it, and the share found (0-100)."""

    found: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def total(self) -> int:
        return len(self.found) + len(self.missing)

    @property
    def percent(self) -> int | None:
        """round(100 × found ÷ total), None when there are no keywords at all."""
        return None if self.total == 0 else round(100 * len(self.found) / self.total)

    def how(self) -> str:
        return f"{len(self.found)} of {self.total} posting keywords found"


def posting_keywords(
    required: Sequence[str], preferred: Sequence[str], taxonomy: Taxonomy
) -> list[Keyword]:
    """The posting's skills under their canonical names, once each, required ones first."""
    out: list[Keyword] = []
    seen: set[str] = set()
    for names, is_required in ((required, True), (preferred, False)):
        for raw in names:
            skill = taxonomy.get(raw)
            name = skill.name if skill else " ".join(raw.split())
            if name and fold(name) not in seen:
                seen.add(fold(name))
                out.append(Keyword(name, is_required, skill.category if skill else "technical"))
    return out


def skills_in(text: str, taxonomy: Taxonomy) -> dict[str, str]:
    """Every taxonomy skill the text names: folded canonical name -> canonical name."""
    from careercoach.analysis.skill_matcher import find_skills

    if not text.strip():
        return {}
    return {fold(m.skill): m.skill for m in find_skills(text, taxonomy)}


def keywords_found(text: str, keywords: Iterable[Keyword], taxonomy: Taxonomy) -> set[str]:
    """The names of the keywords the text contains (taxonomy match, else whole word)."""
    named = skills_in(text, taxonomy)
    folded = fold(text)
    found: set[str] = set()
    for keyword in keywords:
        if fold(keyword.name) in named:
            found.add(keyword.name)
        elif taxonomy.get(keyword.name) is None and re.search(
            rf"(?<!\w){re.escape(fold(keyword.name))}(?!\w)", folded
        ):
            found.add(keyword.name)
    return found


def coverage(text: str, keywords: Sequence[Keyword], taxonomy: Taxonomy) -> Coverage:
    """Which keywords the text contains, in the keywords' order."""
    found = keywords_found(text, keywords, taxonomy)
    return Coverage(
        found=tuple(k.name for k in keywords if k.name in found),
        missing=tuple(k.name for k in keywords if k.name not in found),
    )


def unshown_skills(
    text: str, shown: Iterable[str], taxonomy: Taxonomy, *, besides: str = ""
) -> list[str]:
    """Skills `text` names that are neither among `shown` (the person's skills, any spelling)
    nor named in `besides` (e.g. the CV text, or the bullet a rewrite replaces)."""
    held: set[str] = set()
    for name in shown:
        skill = taxonomy.get(name)
        held.add(fold(skill.name if skill else name))
    held.update(skills_in(besides, taxonomy))
    return [name for key, name in skills_in(text, taxonomy).items() if key not in held]
