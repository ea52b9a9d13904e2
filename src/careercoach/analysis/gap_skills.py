"""The skills metrics of the gap report: a credit per posting skill, and weighted scores.

Credit: 1 for the skill itself (any alias), partial for a related skill by the taxonomy's
strength, shared within alternatives the posting offers. Documented in docs/GAP.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from careercoach.analysis.gap_models import Candidate, Judged, SkillDetail
from careercoach.analysis.schemas import ParsedPosting
from careercoach.analysis.taxonomy import Taxonomy, fold

if TYPE_CHECKING:
    pass

RELATED_CREDIT_FACTOR = 0.8  # credit = strength of the related edge x this factor
REQUIRED_WEIGHT = 2.0
PREFERRED_WEIGHT = 1.0
HARD_CATEGORIES = frozenset({"technical", "tool", "domain", "certification"})
SOFT_CATEGORIES = frozenset({"soft"})


def judge_skills(
    candidate: Candidate, posting: ParsedPosting, taxonomy: Taxonomy, posting_text: str = ""
) -> list[SkillDetail]:
    """Credit for each of the posting's skills: 1 for an exact or alias match, partial for a
    related skill the person has (by the taxonomy's strength), 0 otherwise; then alternatives
    the posting offers ("GitHub Actions, GitLab CI or Jenkins") share one requirement."""
    details = _judge_each(candidate, posting, taxonomy)
    return apply_alternatives(details, alternative_groups(posting_text, taxonomy))


def _judge_each(
    candidate: Candidate, posting: ParsedPosting, taxonomy: Taxonomy
) -> list[SkillDetail]:
    held = _held_keys(candidate, taxonomy)
    related_credit = _related_credit(candidate, taxonomy)
    details: list[SkillDetail] = []
    seen: set[str] = set()
    wanted = [(s, True) for s in posting.required_skills]
    wanted += [(s, False) for s in posting.preferred_skills]
    for raw, required in wanted:
        skill = taxonomy.get(raw)
        name = skill.name if skill else raw.strip()
        if not name or name in seen:
            continue
        seen.add(name)
        category = skill.category if skill else "technical"
        details.append(_detail(name, raw, required, category, candidate, held, related_credit))
    return details


def _detail(
    name: str,
    raw: str,
    required: bool,
    category: str,
    candidate: Candidate,
    held: dict[str, str],
    related_credit: dict[str, tuple[float, str]],
) -> SkillDetail:
    if name in candidate.skills:
        own = candidate.skills[name]
        how = "exact" if fold(raw) == fold(name) else "alias"
        return SkillDetail(
            skill=name,
            required=required,
            category=category,
            credit=1.0,
            how=how,
            evidence=own.evidence or f"from your {own.source}",
        )
    if fold(name) in held:
        return SkillDetail(
            skill=name,
            required=required,
            category=category,
            credit=1.0,
            how="alias",
            evidence=f"as '{held[fold(name)]}'",
        )
    credit, via = related_credit.get(name, (0.0, ""))
    if credit > 0:
        return SkillDetail(
            skill=name,
            required=required,
            category=category,
            credit=round(credit, 3),
            how="related",
            evidence=via,
        )
    return SkillDetail(skill=name, required=required, category=category, credit=0.0, how="none")


@lru_cache(maxsize=4)
def posting_mentions(
    text: str, taxonomy: Taxonomy
) -> tuple[tuple[str, tuple[tuple[int, int], ...]], ...]:
    """(skill, spans) for every skill the posting names or describes, as the posting parser
    reads them ("Deploy models" is Model Deployment there too), found once per run: severity
    and alternatives both need them."""
    from careercoach.analysis.posting_parser import skill_spans

    if not text.strip():
        return ()
    return tuple((name, tuple(spans)) for name, spans in skill_spans(text, taxonomy))


_ALT_SEPARATOR = re.compile(r"^\s*(?:,|/|or|,\s*or|and/or)\s*$", re.IGNORECASE)


def alternative_groups(posting_text: str, taxonomy: Taxonomy) -> list[list[str]]:
    """Skills the posting names as alternatives: a run of skills on one line joined by ",",
    "/" or "or", with at least one "or" or "/" ("ACCA or CIMA", "Bash/Python")."""
    spans = sorted(
        (start, end, skill)
        for skill, found in posting_mentions(posting_text, taxonomy)
        for start, end in found
    )
    groups: list[list[str]] = []
    run: list[str] = []
    is_choice = False
    prev_end = -1
    for start, end, skill in spans:
        gap = posting_text[prev_end:start] if prev_end >= 0 else ""
        if prev_end >= 0 and "\n" not in gap and _ALT_SEPARATOR.match(gap):
            if skill not in run:
                run.append(skill)
            is_choice = is_choice or bool(re.search(r"\bor\b|/", gap, re.IGNORECASE))
        else:
            if is_choice and len(run) > 1:
                groups.append(run)
            run, is_choice = [skill], False
        prev_end = end
    if is_choice and len(run) > 1:
        groups.append(run)
    return groups


def apply_alternatives(details: list[SkillDetail], groups: list[list[str]]) -> list[SkillDetail]:
    """Within a group of alternatives, every member gets the best member's credit and an equal
    share of one requirement's weight."""
    by_name = {d.skill: i for i, d in enumerate(details)}
    out = list(details)
    for group in groups:
        members = [by_name[name] for name in group if name in by_name]
        if len(members) < 2:
            continue
        best = max(members, key=lambda i: out[i].credit)
        for i in members:
            update: dict = {"weight": round(1.0 / len(members), 4)}
            if out[i].credit < out[best].credit:
                update.update(
                    credit=out[best].credit,
                    how="alternative",
                    evidence=f"the posting accepts {' or '.join(group)}; "
                    f"you have {out[best].skill}",
                )
            out[i] = out[i].model_copy(update=update)
    return out


def _held_keys(candidate: Candidate, taxonomy: Taxonomy) -> dict[str, str]:
    """Folded names and aliases of the person's skills -> the spelling they wrote."""
    keys: dict[str, str] = {}
    for name in candidate.skills:
        keys.setdefault(fold(name), name)
        skill = taxonomy.get(name)
        if skill is not None:
            for form in skill.forms:
                keys.setdefault(fold(form), name)
    return keys


def _related_credit(candidate: Candidate, taxonomy: Taxonomy) -> dict[str, tuple[float, str]]:
    """For every skill reachable by one related edge: the best credit and what gave it."""
    best: dict[str, tuple[float, str]] = {}
    for name in candidate.skills:
        for other, strength in taxonomy.related(name):
            credit = strength * RELATED_CREDIT_FACTOR
            if credit > best.get(other.name, (0.0, ""))[0]:
                best[other.name] = (credit, f"you have {name} (related, strength {strength:g})")
    return best


def weighted_skill_score(details: Iterable[SkillDetail]) -> float | None:
    """100 x the weighted mean credit: required skills weigh REQUIRED_WEIGHT, preferred 1."""
    total = weight = 0.0
    for detail in details:
        w = (REQUIRED_WEIGHT if detail.required else PREFERRED_WEIGHT) * detail.weight
        total += w * detail.credit
        weight += w
    return None if weight == 0 else round(100.0 * total / weight, 1)


def score_skills(details: list[SkillDetail]) -> Judged:
    score = weighted_skill_score(details)
    if score is None:
        return Judged(
            None,
            "not judged",
            ["skills_match: no skills recognised in the posting, so skills could not be judged"],
        )
    required = sum(1 for d in details if d.required)
    return Judged(
        score,
        f"weighted credit over {len(details)} posting skills ({required} "
        f"required x{REQUIRED_WEIGHT:g}, {len(details) - required} preferred "
        f"x{PREFERRED_WEIGHT:g}); exact/alias = 1, related = strength x "
        f"{RELATED_CREDIT_FACTOR:g}",
    )


def score_skill_group(
    details: list[SkillDetail], categories: frozenset[str], label: str, metric: str
) -> Judged:
    group = [d for d in details if d.category in categories]
    score = weighted_skill_score(group)
    if score is None:
        return Judged(None, "not judged", [f"{metric}: the posting names no {label} skills"])
    how = f"weighted credit over the posting's {len(group)} {label} skill(s)"
    if categories == SOFT_CATEGORIES:
        how += "; offline, only soft skills named in the CV or profile count"
    return Judged(score, how)
