"""The offline roadmap planner: close a gap report's missing skills, week by week, within a budget.

Pure: a gap report (a dict in the shape of CLI-CONTRACT.md), the weeks and hours per week the
person has, and the taxonomy in; a `RoadmapPlan` out. The model writes the same shape
(services/roadmap.py), so both can be stored, shown and exported alike.

How hours are estimated (documented in every plan's `method`):

    base hours by severity: critical 20, major 12, minor 6
    discount = min(0.5, 0.35 x sum of the strengths of related skills already matched)
    hours    = max(2, round_up(base x (1 - discount)))

"Related" reads the taxonomy both ways: a prerequisite you have (React -> JavaScript) and a
neighbour that transfers (PostgreSQL ~ MySQL) both make the new skill cheaper to learn.
Skills are planned in priority order (priority, then severity, then required before
preferred); a skill that does not fit in the hours left is listed in `outside_plan`, and the
planner moves on to the next one, which may be small enough to fit.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from pydantic import BaseModel, Field

from careercoach.analysis.taxonomy import Taxonomy

BASE_HOURS = {"critical": 20, "major": 12, "minor": 6}
SEVERITY_RANK = {"critical": 0, "major": 1, "minor": 2}
MAX_DISCOUNT = 0.5
DISCOUNT_PER_STRENGTH = 0.35
MIN_HOURS = 2
MAX_WEEKS = 52
MAX_HOURS_PER_WEEK = 80

METHOD = (
    "Hours per skill: base by severity (critical 20 h, major 12 h, minor 6 h), lowered by "
    "0.35 x the summed strength of related skills you already have (at most -50%), never "
    "under 2 h. Skills are planned in priority order and packed into weeks without passing "
    "the hours per week; a skill that does not fit in the hours left falls outside the plan."
)


class SkillEstimate(BaseModel):
    """How long one missing skill is expected to take, and why."""

    skill: str
    severity: str
    required: bool
    priority: int | None = None
    hours: int
    basis: str = Field(description="how the hours were estimated, in one line")


class RoadmapWeek(BaseModel):
    """One week of the plan: what to focus on, what to do, with what, and what to show for it."""

    week: int = Field(ge=1, description="week number, starting at 1")
    focus: str = Field(description="the skill(s) this week is about, in a few words")
    skills: list[str] = Field(default_factory=list, description="canonical skill names")
    hours: float = Field(gt=0, description="hours planned this week")
    tasks: list[str] = Field(min_length=1, description="concrete things to do this week")
    resource: str = Field(description="one learning resource: official docs, a course, a book")
    deliverable: str = Field(description="a small artefact that proves the skill")


class OutsidePlan(BaseModel):
    """A gap the plan does not close, and why (usually: not enough hours)."""

    skill: str
    hours: int | None = None
    reason: str


class RoadmapPlan(BaseModel):
    """A week-by-week plan; what `roadmap` stores as the report of a kind "roadmap" analysis."""

    title: str
    summary: str
    mode: str = "offline"  # offline | llm
    analysis_id: int | None = None
    weeks_available: int
    hours_per_week: int
    total_hours: float
    weeks: list[RoadmapWeek]
    estimates: list[SkillEstimate] = Field(default_factory=list)
    outside_plan: list[OutsidePlan] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    method: str = METHOD


@dataclass
class _Segment:
    """A slice of one skill's hours inside one week."""

    skill: str
    hours: int
    part: int
    parts: int
    estimate: SkillEstimate


@dataclass
class _Week:
    number: int
    segments: list[_Segment] = field(default_factory=list)

    @property
    def hours(self) -> int:
        return sum(s.hours for s in self.segments)


def check_budget(weeks: int, hours_per_week: int) -> None:
    """Raise ValueError naming the limit when the weeks or hours are out of range."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"--weeks must be between 1 and {MAX_WEEKS}, not {weeks}")
    if not 1 <= hours_per_week <= MAX_HOURS_PER_WEEK:
        raise ValueError(
            f"--hours-per-week must be between 1 and {MAX_HOURS_PER_WEEK}, not {hours_per_week}"
        )


def plan_roadmap(
    report: Mapping[str, Any],
    *,
    weeks: int,
    hours_per_week: int,
    taxonomy: Taxonomy,
    curated: Mapping[str, str] | None = None,
    title: str = "Roadmap",
) -> RoadmapPlan:
    """Plan weeks that close the report's missing skills in priority order within the budget.

    With no missing skills, the plan proves the matched skills instead; with neither, it has
    no weeks and says why in its summary.
    """
    check_budget(weeks, hours_per_week)
    curated = curated if curated is not None else load_curated_resources()
    matched = [name for name in map(_name_of, _listed(report.get("matched_skills"))) if name]
    missing = ordered_missing(_listed(report.get("missing_skills")))
    resources = _ResourceFinder(_listed(report.get("learning_resources")), curated, taxonomy)
    if not missing:
        return _proof_plan(matched, weeks, hours_per_week, resources, taxonomy, title)

    estimates = [estimate_hours(item, matched, taxonomy) for item in missing]
    planned, outside = _pack(estimates, weeks, hours_per_week)
    rendered = [_render_week(w, resources, taxonomy) for w in planned if w.segments]
    spare = weeks - len(rendered)
    closed = [e.skill for e in estimates if e.skill not in {o.skill for o in outside}]
    if spare >= 1 and closed:
        rendered.append(_capstone_week(len(rendered) + 1, closed, hours_per_week))
    total = sum(w.hours for w in rendered)
    summary = _summary(closed, outside, len(rendered), weeks, total)
    notes = (
        [f"{weeks - len(rendered)} of your {weeks} weeks are free: the plan needs fewer."]
        if weeks - len(rendered) > 0
        else []
    )
    return RoadmapPlan(
        title=title,
        summary=summary,
        weeks_available=weeks,
        hours_per_week=hours_per_week,
        total_hours=total,
        weeks=rendered,
        estimates=estimates,
        outside_plan=outside,
        notes=notes,
    )


def _listed(value: Any) -> list[Any]:
    """A report field as a list: a report may hold one item, or nothing, where a list belongs."""
    if value is None or value == "":
        return []
    return [v for v in (value if isinstance(value, list) else [value]) if v is not None]


def _name_of(item: Any) -> str:
    if isinstance(item, Mapping):
        return str(item.get("skill") or item.get("name") or "").strip()
    return str(item).strip()


def _priority(value: Any) -> int | None:
    """A usable priority number, or None (text, booleans, NaN and infinities are not)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return int(value)


def ordered_missing(items: Iterable[Any]) -> list[dict[str, Any]]:
    """The missing skills as dicts, most urgent first; strings and duplicates are tolerated."""
    seen: set[str] = set()
    cleaned: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        entry = dict(item) if isinstance(item, Mapping) else {"skill": str(item)}
        name = _name_of(entry)
        if not name or name.lower() in seen:
            continue
        seen.add(name.lower())
        required = bool(entry.get("required", True))
        severity = str(entry.get("severity") or ("major" if required else "minor")).lower()
        if severity not in SEVERITY_RANK:
            severity = "major" if required else "minor"
        priority = _priority(entry.get("priority"))
        cleaned.append(
            {
                "skill": name,
                "required": required,
                "severity": severity,
                "priority": priority,
                "order": index,
            }
        )
    cleaned.sort(
        key=lambda e: (
            e["priority"] if e["priority"] is not None else math.inf,
            SEVERITY_RANK[e["severity"]],
            not e["required"],
            e["order"],
        )
    )
    return cleaned


def estimate_hours(
    item: Mapping[str, Any], matched: Sequence[str], taxonomy: Taxonomy
) -> SkillEstimate:
    """Hours to learn one missing skill: a base by severity, less what related skills give."""
    base = BASE_HOURS[item["severity"]]
    helpers = related_known(item["skill"], matched, taxonomy)
    strength = sum(s for _, s in helpers)
    discount = min(MAX_DISCOUNT, DISCOUNT_PER_STRENGTH * strength)
    hours = max(MIN_HOURS, math.ceil(base * (1 - discount) - 1e-9))
    basis = f"{item['severity']}: {base} h base"
    if helpers:
        known = ", ".join(f"{name} ({s:.1f})" for name, s in helpers)
        basis += f"; you already have {known}: -{discount:.0%}"
    return SkillEstimate(
        skill=item["skill"],
        severity=item["severity"],
        required=item["required"],
        priority=item["priority"],
        hours=hours,
        basis=basis,
    )


def related_known(
    skill: str, matched: Sequence[str], taxonomy: Taxonomy
) -> list[tuple[str, float]]:
    """Matched skills related to `skill` in either direction, with the stronger edge each."""
    target = taxonomy.get(skill)
    if target is None:
        return []
    strengths: dict[str, float] = {}
    outgoing = {other.name: s for other, s in taxonomy.related(target.name)}
    for name in matched:
        have = taxonomy.get(name)
        if have is None or have.name == target.name:
            continue
        incoming = {other.name: s for other, s in taxonomy.related(have.name)}
        best = max(outgoing.get(have.name, 0.0), incoming.get(target.name, 0.0))
        if best > 0:
            strengths[have.name] = max(best, strengths.get(have.name, 0.0))
    return sorted(strengths.items(), key=lambda pair: (-pair[1], pair[0]))


def _pack(
    estimates: list[SkillEstimate], weeks: int, hours_per_week: int
) -> tuple[list[_Week], list[OutsidePlan]]:
    """Fill weeks in order; a skill that cannot be finished in the hours left is set aside."""
    plan = [_Week(n) for n in range(1, weeks + 1)]
    outside: list[OutsidePlan] = []
    for estimate in estimates:
        free = [hours_per_week - week.hours for week in plan]
        room = sum(free)
        if estimate.hours > room:
            outside.append(
                OutsidePlan(
                    skill=estimate.skill,
                    hours=estimate.hours,
                    reason=f"needs about {estimate.hours} h, only {room} h left in the plan",
                )
            )
            continue
        slices: list[tuple[_Week, int]] = []
        left = estimate.hours
        for week, space in zip(plan, free, strict=True):
            take = min(left, space)
            if take > 0:
                slices.append((week, take))
                left -= take
            if not left:
                break
        for part, (week, take) in enumerate(slices, start=1):
            week.segments.append(_Segment(estimate.skill, take, part, len(slices), estimate))
    return plan, outside


def _render_week(week: _Week, resources: _ResourceFinder, taxonomy: Taxonomy) -> RoadmapWeek:
    skills = list(dict.fromkeys(s.skill for s in week.segments))
    tasks: list[str] = []
    deliverables: list[str] = []
    for segment in week.segments:
        found = taxonomy.get(segment.skill)
        category = found.category if found else "technical"
        tasks.extend(_tasks_for(segment, resources.title_for(segment.skill), category))
        if segment.part == segment.parts:
            deliverables.append(deliverable_for(segment.skill, taxonomy))
        else:
            deliverables.append(
                f"a checkpoint for {segment.skill}: your notes and exercises so far, committed "
                "to a repository or a folder you can show"
            )
    return RoadmapWeek(
        week=week.number,
        focus=" + ".join(_focus_label(s) for s in week.segments),
        skills=skills,
        hours=week.hours,
        tasks=tasks,
        resource="; ".join(dict.fromkeys(resources.for_skill(s) for s in skills)),
        deliverable="; ".join(deliverables),
    )


def _focus_label(segment: _Segment) -> str:
    if segment.parts == 1:
        return segment.skill
    return f"{segment.skill} ({segment.part}/{segment.parts})"


def _tasks_for(segment: _Segment, resource_title: str, category: str) -> list[str]:
    """Tasks by stage: start with the fundamentals, practise, and finish by building the proof."""
    if category == "soft":
        return _soft_tasks(segment)
    skill, hours = segment.skill, segment.hours
    learn = (
        "Study the exam guide of" if category == "certification" else "Learn the fundamentals of"
    )
    if segment.parts == 1:
        return [
            f"Work through the essentials of {skill} with {resource_title} "
            f"({max(1, hours // 2)} h)",
            f"Build the deliverable for {skill} and write down what you learnt",
        ]
    if segment.part == 1:
        return [
            f"{learn} {skill} with {resource_title}",
            f"Do the first exercises in {skill}; note what is unclear ({hours} h this week)",
        ]
    if segment.part < segment.parts:
        return [f"Practise {skill} on realistic exercises; close the questions from last week"]
    return [
        f"Finish {skill}: build the deliverable end to end",
        f"Add {skill} to your CV with a line that points to the deliverable",
    ]


def _soft_tasks(segment: _Segment) -> list[str]:
    """A soft skill is shown, not studied: stories from real work, feedback, one CV line."""
    skill = segment.skill
    tasks = []
    if segment.part == 1:
        tasks += [
            f"Pick two situations from your work or studies where {skill} mattered",
            "Write each as a STAR story (situation, task, action, measurable result)",
        ]
    if segment.part == segment.parts:
        tasks += [
            "Rehearse the stories aloud with someone and ask for one piece of feedback",
            f"Add one achievement line to your CV that shows {skill} with a result",
        ]
    return tasks or [f"Practise {skill} on purpose this week and note one example"]


def deliverable_for(skill: str, taxonomy: Taxonomy) -> str:
    """A small artefact that proves the skill, by the kind of skill it is."""
    found = taxonomy.get(skill)
    category = found.category if found else "technical"
    if category == "certification":
        return f"{skill}: a passed practice exam (80% or more), then the exam booked"
    if category == "soft":
        return (
            f"{skill}: two STAR stories (situation, task, action, result) written down and "
            "rehearsed aloud with someone"
        )
    if category == "language":
        return f"{skill}: a one-page text and a 5-minute recorded talk about your work in it"
    if category == "domain":
        return f"{skill}: a one-page case study applying it to a problem from the job posting"
    return f"{skill}: a small working project in a repository, with a README that shows it running"


def _capstone_week(number: int, skills: list[str], hours_per_week: int) -> RoadmapWeek:
    shown = ", ".join(skills[:4]) + (" and more" if len(skills) > 4 else "")
    return RoadmapWeek(
        week=number,
        focus="Prove it: capstone and re-check",
        skills=skills[:4],
        hours=hours_per_week,
        tasks=[
            f"{'Combine' if len(skills) > 1 else 'Use'} {shown} in one small project that "
            "looks like the job's daily work",
            "Update your CV with the new skills and links to the deliverables",
            "Re-run `careercoach gap` against the same job and compare: "
            "`careercoach analyses compare OLD NEW`",
        ],
        resource="your own deliverables from the previous weeks",
        deliverable="a capstone project and an updated CV; a new gap analysis to compare",
    )


def _proof_plan(
    matched: list[str],
    weeks: int,
    hours_per_week: int,
    resources: _ResourceFinder,
    taxonomy: Taxonomy,
    title: str,
) -> RoadmapPlan:
    """No missing skills: one week per matched skill (at most four) to prove it with an artefact."""
    chosen = matched[: min(weeks, 4)]
    hours = min(hours_per_week, 8)
    plan_weeks = [
        RoadmapWeek(
            week=n,
            focus=f"Prove {skill}",
            skills=[skill],
            hours=hours,
            tasks=[
                f"Pick a task from the job posting that uses {skill} and do it end to end",
                f"Write a short README or post on what you built with {skill}",
            ],
            resource=resources.for_skill(skill),
            deliverable=deliverable_for(skill, taxonomy),
        )
        for n, skill in enumerate(chosen, start=1)
    ]
    if plan_weeks:
        summary = (
            "The analysis lists no missing skills. This plan proves the skills you already "
            f"have with {len(plan_weeks)} deliverable(s) an employer can see."
        )
    else:
        summary = (
            "The analysis lists neither missing nor matched skills, so there is nothing to plan: "
            "add a job posting that names its skills and run `careercoach gap` again."
        )
    return RoadmapPlan(
        title=title,
        summary=summary,
        weeks_available=weeks,
        hours_per_week=hours_per_week,
        total_hours=sum(w.hours for w in plan_weeks),
        weeks=plan_weeks,
    )


def _summary(
    closed: list[str], outside: list[OutsidePlan], used: int, weeks: int, total: float
) -> str:
    text = f"{len(closed)} gap(s) closed in {used} of {weeks} week(s), {total:g} h in all"
    if closed:
        text += f": {', '.join(closed)}"
    text += "."
    if outside:
        text += (
            f" {len(outside)} gap(s) do not fit and fall outside the plan: "
            f"{', '.join(o.skill for o in outside)} (give more weeks or hours to include them)."
        )
    return text


class _Resource(NamedTuple):
    text: str  # the whole line: title and address
    title: str  # a short name, for use inside a task sentence
    skill: str | None  # the skill it is for, when the report says so


class _ResourceFinder:
    """A resource per skill: the report's own learning resources first, then curated docs."""

    def __init__(
        self, report_resources: Iterable[Any], curated: Mapping[str, str], taxonomy: Taxonomy
    ) -> None:
        self._report = [r for r in map(_as_resource, report_resources) if r.text]
        self._curated = {k.lower(): v for k, v in curated.items()}
        self._taxonomy = taxonomy

    def find(self, skill: str) -> _Resource:
        found = self._taxonomy.get(skill)
        names = {skill, *(found.forms if found else ())}
        keys = {n.lower() for n in names}
        for resource in self._report:
            if resource.skill is not None:
                if resource.skill.lower() in keys or (
                    found is not None and self._taxonomy.get(resource.skill) is found
                ):
                    return resource
            elif any(_mentions(resource.text, name) for name in names if len(name) > 1):
                return resource
        for name in names:
            if name.lower() in self._curated:
                text = self._curated[name.lower()]
                return _Resource(text, _short_title(text), skill)
        return _Resource(
            f"the official documentation and tutorial of {skill}",
            "its official documentation",
            skill,
        )

    def for_skill(self, skill: str) -> str:
        return self.find(skill).text

    def title_for(self, skill: str) -> str:
        return self.find(skill).title


def _mentions(text: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) is not None


def _short_title(text: str) -> str:
    return re.split(r":?\s+https?://|\s+[-(]\s", text, maxsplit=1)[0].strip() or text


def _as_resource(resource: Any) -> _Resource:
    """A report's learning resource, whether it came as text or as an object."""
    if isinstance(resource, Mapping):
        skill = str(resource.get("skill") or "").strip() or None
        title = str(resource.get("title") or resource.get("name") or "").strip()
        url = str(resource.get("url") or "").strip()
        text = ": ".join(part for part in (title, url) if part)
        return _Resource(text, title or text, skill)
    text = str(resource).strip()
    return _Resource(text, _short_title(text), None)


@lru_cache(maxsize=1)
def load_curated_resources() -> dict[str, str]:
    """Official documentation for common skills, shipped as data/learning.json."""
    from importlib import resources

    raw = resources.files("careercoach.analysis").joinpath("data/learning.json").read_text("utf-8")
    data = json.loads(raw)
    return {name: f"{entry['title']}: {entry['url']}" for name, entry in data["resources"].items()}
