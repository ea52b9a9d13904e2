"""Roadmaps: a week-by-week plan from a stored gap analysis, offline or written by a model.

The plan is stored as an analysis of kind "roadmap" whose previous_id is the gap analysis.
Nothing is stored until the plan is complete: a model fault (exit 4) leaves the store as it
was. With no model configured the offline planner answers and the result says so.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field, create_model, field_validator

from careercoach.errors import BadInput, NotConfigured, NotFound
from careercoach.services.model import ModelChoice

# What of a gap report a model needs to plan; contact details and file names never go.
_REPORT_KEYS = (
    "verdict",
    "metrics",
    "matched_skills",
    "missing_skills",
    "strengths",
    "gaps",
    "recommendations",
    "next_steps",
    "priority_improvements",
    "learning_resources",
)


@dataclass
class RoadmapResult:
    """The stored roadmap (as `analyses show` reads it) and how it was made."""

    detail: dict[str, Any]
    mode: str  # offline | llm
    offline_reason: str | None  # why no model wrote it, when none did

    @property
    def id(self) -> int:
        return int(self.detail["id"])

    def as_json(self) -> dict[str, Any]:
        """The plan for scripts: the stored report with its id and time."""
        return {"id": self.id, "created_at": self.detail["created_at"], **self.detail["report"]}


class _OutsideDraft(BaseModel):
    skill: str
    reason: str


class _PlanDraftBase(BaseModel):
    """What the model writes; the per-run limits are added by `plan_schema`."""

    @field_validator("weeks", check_fields=False)
    @classmethod
    def _weeks_in_order(cls, weeks: list[Any]) -> list[Any]:
        numbers = [w.week for w in weeks]
        if numbers != sorted(set(numbers)):
            raise ValueError("week numbers must be unique and ascending")
        return weeks


def plan_schema(weeks: int, hours_per_week: int) -> type[BaseModel]:
    """The pydantic schema for the model's plan, with this run's budget as hard limits."""
    week = create_model(
        "RoadmapWeek",
        week=(int, Field(ge=1, le=weeks)),
        focus=(str, Field(min_length=1)),
        skills=(list[str], Field(default_factory=list)),
        hours=(float, Field(gt=0, le=hours_per_week)),
        tasks=(list[str], Field(min_length=1, max_length=8)),
        resource=(str, Field(min_length=1)),
        deliverable=(str, Field(min_length=1)),
    )
    return create_model(
        "RoadmapPlan",
        __base__=_PlanDraftBase,
        summary=(str, Field(min_length=1)),
        weeks=(list[week], Field(min_length=1, max_length=weeks)),  # type: ignore[valid-type]
        outside_plan=(list[_OutsideDraft], Field(default_factory=list)),
        notes=(list[str], Field(default_factory=list)),
    )


def make_roadmap(
    analysis_id: int | None,
    *,
    weeks: int,
    hours_per_week: int,
    as_goal: bool,
    choice: ModelChoice,
    on_status: Callable[[str], None] | None = None,
) -> RoadmapResult:
    """Plan from a gap analysis (the latest when no id is given), store it, and return it."""
    from careercoach.analysis.roadmap import check_budget, plan_roadmap
    from careercoach.analysis.taxonomy import load_taxonomy

    try:
        check_budget(weeks, hours_per_week)
    except ValueError as exc:
        raise BadInput(str(exc), hint="for example: --weeks 8 --hours-per-week 6") from None
    gap = _gap_analysis(analysis_id)
    title = f"Roadmap for {_job_title(gap)}"
    offline = plan_roadmap(
        gap["report"],
        weeks=weeks,
        hours_per_week=hours_per_week,
        taxonomy=load_taxonomy(),
        title=title,
    )
    if not offline.weeks:
        raise BadInput(
            f"gap analysis #{gap['id']} lists neither missing nor matched skills: nothing to plan",
            hint="add a job posting that names its skills and run careercoach gap again",
        )
    plan, reason = offline, "offline mode is on" if choice.offline else None
    if not choice.offline:
        plan, reason = _plan_with_model(gap, offline, weeks, hours_per_week, choice, on_status)
    plan.analysis_id = gap["id"]
    report = plan.model_dump(mode="json")
    if as_goal:
        report["as_goal"] = "pending"
    new_id = _store(gap, plan.mode, report)
    from careercoach.services.analyses import get_analysis

    return RoadmapResult(get_analysis(new_id), plan.mode, reason)


def _job_title(gap: dict[str, Any]) -> str:
    job = gap.get("job")
    if not job:
        return f"gap analysis #{gap['id']}"
    title = job.get("title") or f"job #{job['id']}"
    return f"{title} at {job['company']}" if job.get("company") else title


def _gap_analysis(analysis_id: int | None) -> dict[str, Any]:
    from careercoach.services.analyses import get_analysis, latest_gap_id

    if analysis_id is None:
        analysis_id = latest_gap_id()
        if analysis_id is None:
            raise NotFound(
                "no gap analysis is stored yet, so there is nothing to plan from",
                hint="measure yourself against a job first: careercoach gap --job ID",
            )
    gap = get_analysis(analysis_id)
    if gap["kind"] != "gap":
        raise BadInput(
            f"analysis #{analysis_id} is a {gap['kind']} report; "
            "a roadmap is planned from a gap analysis",
            hint="pick one from: careercoach analyses list --kind gap",
        )
    return gap


def _plan_with_model(
    gap: dict[str, Any],
    offline: Any,
    weeks: int,
    hours_per_week: int,
    choice: ModelChoice,
    on_status: Callable[[str], None] | None,
) -> tuple[Any, str | None]:
    """The model's plan, or the offline one with the reason when no model is configured."""
    from careercoach.analysis.roadmap import OutsidePlan, RoadmapPlan, RoadmapWeek
    from careercoach.services.model import open_gateway

    try:
        gateway = open_gateway("roadmap", choice)
    except NotConfigured as exc:
        return offline, exc.message
    if on_status:
        on_status(f"Asking {gateway.settings.model} for the plan...")
    schema = plan_schema(weeks, hours_per_week)
    answer = gateway.structured(_messages(gap, offline, weeks, hours_per_week), schema)
    draft = answer.parsed
    plan_weeks = [RoadmapWeek(**w.model_dump()) for w in draft.weeks]
    plan = RoadmapPlan(
        title=offline.title,
        summary=draft.summary,
        mode="llm",
        weeks_available=weeks,
        hours_per_week=hours_per_week,
        total_hours=sum(w.hours for w in plan_weeks),
        weeks=plan_weeks,
        estimates=offline.estimates,
        outside_plan=[OutsidePlan(skill=o.skill, reason=o.reason) for o in draft.outside_plan],
        notes=draft.notes,
        method=(
            f"Written by {answer.model} against a schema that caps the plan at {weeks} week(s) "
            f"of at most {hours_per_week} h; the estimates shown are the offline planner's."
        ),
    )
    return plan, None


def _messages(
    gap: dict[str, Any], offline: Any, weeks: int, hours_per_week: int
) -> list[dict[str, str]]:
    from careercoach.documents.delimit import DATA_NOTICE, wrap_document
    from careercoach.documents.redact import redact_for_model
    from careercoach.prompts import load_prompt

    report = gap["report"]
    data: dict[str, Any] = {"job_title": (gap.get("job") or {}).get("title")}
    data.update({key: report[key] for key in _REPORT_KEYS if key in report})
    if gap.get("context"):
        data["person_context"] = gap["context"]
    estimates = [e.model_dump(mode="json") for e in offline.estimates]
    redacted = redact_for_model(json.dumps(data, ensure_ascii=False, indent=1), names=_names())
    system = load_prompt("roadmap").render(
        data_notice=DATA_NOTICE, weeks=str(weeks), hours_per_week=str(hours_per_week)
    )
    user = (
        f"Plan at most {weeks} week(s) of at most {hours_per_week} h each.\n\n"
        + wrap_document(redacted.text, "gap analysis")
        + "\n\n"
        + wrap_document(
            json.dumps(estimates, ensure_ascii=False, indent=1), "offline hour estimates"
        )
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def _names() -> list[str]:
    """The person's own name, so redaction can take it out of the report text too."""
    from careercoach.store.db import open_store
    from careercoach.store.models import Profile

    with open_store().read_session() as session:
        profile = session.get(Profile, 1)
    return [profile.name] if profile is not None and profile.name else []


def _store(gap: dict[str, Any], mode: str, report: dict[str, Any]) -> int:
    from careercoach.store.db import open_store
    from careercoach.store.models import Analysis

    row = Analysis(
        kind="roadmap",
        cv_id=(gap.get("cv") or {}).get("id"),
        job_id=(gap.get("job") or {}).get("id"),
        previous_id=gap["id"],
        mode=mode,
        report=report,
    )
    with open_store().session() as session:
        session.add(row)
        session.flush()
        new_id = row.id
    assert new_id is not None
    return new_id
