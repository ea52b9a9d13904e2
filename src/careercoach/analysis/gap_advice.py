"""The words of the offline gap report: strengths, gaps, recommendations, next steps and
learning suggestions, all written from the judged facts (never from templates of praise)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from careercoach.analysis.gap_models import Judged, LearningResource, MissingSkill, SkillDetail
from careercoach.analysis.schemas import ParsedPosting
from careercoach.analysis.taxonomy import Taxonomy

MAX_LIST = 6  # items per list on screen: enough to act on, few enough to read
MAX_RESOURCES = 8


@lru_cache(maxsize=1)
def _resources() -> dict[str, Any]:
    """Per-skill suggestions (data/learning.json, shared with the roadmap, then this report's
    own additions in data/gap_resources.json) and the fallbacks by domain and category."""
    package = resources.files("careercoach.analysis")
    shared = json.loads(package.joinpath("data/learning.json").read_text(encoding="utf-8"))
    own = json.loads(package.joinpath("data/gap_resources.json").read_text(encoding="utf-8"))
    skills = {name: [entry] for name, entry in shared["resources"].items()}
    for name, entries in own["skills"].items():
        skills.setdefault(name, entries)
    return {"skills": skills, "domains": own["domains"], "categories": own["categories"]}


def _names(items: list[str], limit: int = MAX_LIST) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def strengths(details: list[SkillDetail], judged: dict[str, Judged]) -> list[str]:
    """What already speaks for the person, most convincing first."""
    out: list[str] = []
    required = [d for d in details if d.required]
    have = [d.skill for d in required if d.credit >= 1.0]
    if have:
        out.append(f"You cover {len(have)} of {len(required)} required skills: {_names(have)}.")
    bonus = [d.skill for d in details if not d.required and d.credit >= 1.0]
    if bonus:
        out.append(f"Preferred skills you already have: {_names(bonus)}.")
    related = [d for d in details if d.how == "related" and d.credit >= 0.5]
    for detail in related[:2]:
        out.append(f"{detail.skill}: not on your CV, but {detail.evidence} - a short step.")
    for metric, label in (
        ("experience_match", "Experience"),
        ("education_match", "Education"),
        ("location_match", "Location"),
        ("salary_match", "Salary"),
    ):
        result = judged.get(metric)
        if result and result.score is not None and result.score >= 100:
            out.append(f"{label} fits: {result.how}.")
    return out


def gaps(missing: list[MissingSkill], judged: dict[str, Judged]) -> list[str]:
    """What stands between the person and the job, in the order to close it."""
    out: list[str] = []
    for item in missing[:MAX_LIST]:
        kind = "required" if item.required else "preferred"
        why = (
            f"partly covered ({item.related})"
            if item.related
            else "no evidence on your CV or profile"
        )
        out.append(f"{item.skill} ({kind}, {item.severity}): {why}.")
    if len(missing) > MAX_LIST:
        rest = [m.skill for m in missing[MAX_LIST:]]
        out.append(f"Also missing: {_names(rest)}.")
    for metric, label in (
        ("experience_match", "Experience"),
        ("education_match", "Education"),
        ("location_match", "Location"),
        ("salary_match", "Salary"),
    ):
        result = judged.get(metric)
        if result and result.score is not None and result.score < 100:
            out.append(f"{label}: {result.how} (score {result.score:g}).")
    return out


def recommendations(
    missing: list[MissingSkill], judged: dict[str, Judged], posting: ParsedPosting
) -> list[str]:
    """Concrete moves, one per real problem, most important first."""
    out: list[str] = []
    for item in missing:
        if len(out) >= 4:
            break
        if item.related:
            out.append(
                f"Make the transfer to {item.skill} explicit: if you have used it, name it "
                f"on your CV with one concrete result; if not, a weekend project bridges "
                f"it ({item.related})."
            )
        elif item.severity in ("critical", "major"):
            out.append(
                f"Learn {item.skill} with a small, real project (a repository or a write-up "
                f"with a measurable outcome) and add it to your CV."
            )
    preferred = [m.skill for m in missing if not m.required and not m.related]
    if preferred:
        out.append(
            f"Of the {len(preferred)} nice-to-have skill(s) you lack, start with {preferred[0]} "
            f"(first in the priority order): one hands-on project is enough to name it on your CV."
        )
    soft = [m.skill for m in missing if m.required and m.severity == "minor"]
    if soft:
        out.append(
            f"Show {_names(soft, 3)} through achievements (a situation, what you did, "
            f"the result) rather than listing the word: screeners look for evidence."
        )
    exp = judged.get("experience_match")
    if exp and exp.score is not None and exp.score < 100:
        out.append(
            "Show the scope of your experience: responsibilities, scale and results per "
            "role, so fewer years read as more weight."
        )
    edu = judged.get("education_match")
    if edu and edu.score is not None and edu.score < 100:
        out.append(
            "Offset the degree requirement with certifications or portfolio work, and say "
            "in your cover letter why your experience stands in for it."
        )
    loc = judged.get("location_match")
    if loc and loc.score is not None and loc.score < 100:
        out.append(
            f"Location: {loc.how}. Say in your application how you would make it work "
            f"(relocation, commute or remote days)."
        )
    sal = judged.get("salary_match")
    if sal and sal.score is not None and sal.score < 100:
        out.append(
            "Your salary expectation is above the posting's range: decide your floor "
            "before the interview, or weigh the role's other benefits."
        )
    if not out:
        title = posting.title or "this role"
        out.append(
            f"Tailor your CV's summary to {title}: lead with the required skills you have, "
            f"in the posting's own words."
        )
    return out


def next_steps(missing: list[MissingSkill], posting: ParsedPosting) -> list[str]:
    """Three things to do this week."""
    out: list[str] = []
    if missing:
        first = missing[0]
        out.append(
            f"This week: start on {first.skill} (priority 1) with one of the learning "
            f"suggestions below."
        )
    out.append(
        "Update your CV so every required skill you have appears by the posting's name "
        "(ATS filters match words)."
    )
    out.append(
        "Run `careercoach roadmap` for a week-by-week plan, and re-run `careercoach gap "
        '--context "..."` when something changes.'
    )
    return out


def priority_improvements(missing: list[MissingSkill]) -> list[str]:
    return [
        f"{item.priority}. {item.skill} ({'required' if item.required else 'preferred'}, "
        f"{item.severity})"
        for item in missing[: MAX_LIST + 2]
    ]


def learning_resources(missing: list[MissingSkill], taxonomy: Taxonomy) -> list[LearningResource]:
    """Curated suggestions (official docs, well-known courses) for the top missing skills."""
    data = _resources()
    out: list[LearningResource] = []
    seen_urls: set[str | None] = set()
    for item in missing:
        skill = taxonomy.get(item.skill)
        candidates = data["skills"].get(item.skill)
        if candidates is None and skill is not None:
            candidates = data["categories"].get(skill.category) or data["domains"].get(skill.domain)
        for entry in candidates or []:
            url = entry.get("url")
            if url is not None and url in seen_urls:
                continue
            seen_urls.add(url)
            out.append(LearningResource(skill=item.skill, title=entry["title"], url=url))
            break
        if len(out) >= MAX_RESOURCES:
            break
    return out
