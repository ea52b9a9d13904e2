"""`goal plan`: draft dated steps for a goal, with the model or as a template to fill in.

Nothing is written here: `draft_plan` returns a `PlanDraft` that the command shows to the
person, and only the steps they accept go to `services.goals.save_steps`. A model fault
therefore leaves the goal exactly as it was.

The window the steps must fall in is today .. the goal's due date; a goal without one (or
with one already past) gets DEFAULT_HORIZON_WEEKS (8) weeks from today. The model's dates
are checked against that window by `analysis.goal_dates.fit_dates` (clamped, or respread
when most are off) and the draft's notes say what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from careercoach.analysis.goal_dates import fit_dates, plan_window, spread_dates
from careercoach.errors import BadInput, NotConfigured
from careercoach.services.goals import MAX_STEP, GoalView, get_goal, today_local

if TYPE_CHECKING:
    from careercoach.analysis.advice import GapFact
    from careercoach.services.advise import ProfileFacts
    from careercoach.services.model import ModelChoice
    from careercoach.store.db import Store

MIN_STEPS = 5
MAX_STEPS = 12
TEMPLATE_SLOTS = 5


class PlannedStep(BaseModel):
    text: str = Field(min_length=3, max_length=400, description="one specific action")
    due: str = Field(description="YYYY-MM-DD")
    done_when: str | None = Field(
        default=None, max_length=200, description="how to tell it is done"
    )


class GoalPlanAnswer(BaseModel):
    """What the model must return for `goal plan`."""

    steps: list[PlannedStep] = Field(min_length=MIN_STEPS, max_length=MAX_STEPS)
    notes: list[str] = Field(default_factory=list, max_length=5)


@dataclass
class DraftStep:
    text: str
    due: str  # YYYY-MM-DD


@dataclass
class PlanDraft:
    """Steps proposed for a goal; `mode` is "llm" or "template" (offline)."""

    goal: GoalView
    mode: str
    start: date
    end: date
    steps: list[DraftStep]
    notes: list[str] = field(default_factory=list)
    model: str | None = None
    slots: list[str] = field(default_factory=list)  # template: the due dates to fill in


def draft_plan(
    store: Store,
    goal_id: int | str,
    choice: ModelChoice,
    *,
    today: date | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> PlanDraft:
    """Ask the model for steps, or (offline / no model configured) prepare a template."""
    from careercoach.services.model import open_gateway

    today = today or today_local()
    goal = get_goal(store, goal_id, today=today)
    if goal.status == "done":
        raise BadInput(f"goal #{goal.id} is already done", hint="plan an open goal instead")
    start, end = plan_window(today, goal.due)
    profile, gap = _context(store)
    if choice.offline:
        return template_plan(goal, gap, start, end)
    try:
        gateway = open_gateway("goal plan", choice, store=store)
    except NotConfigured as exc:
        if on_notice:
            on_notice(f"Offline: {exc.message}; offering a template to fill in instead.")
        return template_plan(goal, gap, start, end)
    answer = gateway.structured(_messages(goal, profile, gap, today, start, end), GoalPlanAnswer)
    parsed: GoalPlanAnswer = answer.parsed
    fitted = fit_dates([s.due for s in parsed.steps], start, end)
    steps = [
        DraftStep(_step_text(s), d.isoformat())
        for s, d in zip(parsed.steps, fitted.dates, strict=True)
    ]
    notes = fitted.notes + [" ".join(n.split()) for n in parsed.notes if n.strip()]
    return PlanDraft(goal, "llm", start, end, steps, notes, model=answer.model)


def _step_text(step: PlannedStep) -> str:
    text = " ".join(step.text.split())
    done_when = " ".join((step.done_when or "").split())
    if done_when and done_when.lower() not in text.lower():
        text = f"{text} (done when: {done_when})"
    return text[:MAX_STEP]


def _context(store: Store) -> tuple[ProfileFacts, GapFact | None]:
    from careercoach.services.advise import latest_gaps, read_profile

    with store.read_session() as s:
        profile = read_profile(s)
        gaps = latest_gaps(s, limit=1)
    return profile, (gaps[0] if gaps else None)


def template_plan(goal: GoalView, gap: GapFact | None, start: date, end: date) -> PlanDraft:
    """The offline plan: 5 dated slots, and steps suggested from the latest gap's priorities."""
    slots = [d.isoformat() for d in spread_dates(start, end, TEMPLATE_SLOTS)]
    suggestions = []
    if gap is not None:
        for skill in gap.missing[:TEMPLATE_SLOTS]:
            suggestions.append(
                f"Learn {skill.skill}: finish one hands-on tutorial and build a small piece of "
                f"work that uses it ({skill.severity} gap, priority "
                f"{skill.priority if skill.priority is not None else '-'}, gap analysis #{gap.id})"
            )
    dates = [d.isoformat() for d in spread_dates(start, end, len(suggestions))]
    notes = [
        "Offline template: no model was called. Each slot is one step; write it SMART: "
        "specific, measurable (how you know it is done), achievable in a week or two, "
        "relevant to the goal, and due by its date.",
    ]
    if gap is None:
        notes.append(
            "No gap analysis is stored, so no steps could be suggested from missing skills."
        )
    return PlanDraft(
        goal,
        "template",
        start,
        end,
        [DraftStep(t, d) for t, d in zip(suggestions, dates, strict=True)],
        notes,
        slots=slots,
    )


def _goal_block(goal: GoalView) -> str:
    lines = [f"title: {goal.title}"]
    if goal.why:
        lines.append(f"why: {goal.why}")
    lines.append(f"due: {goal.due or 'no due date set'}")
    for step in goal.steps:
        mark = "done" if step.done else f"due {step.due or '-'}"
        lines.append(f"already planned ({mark}): {step.text}")
    return "\n".join(lines)


def _profile_block(profile: ProfileFacts, gap: GapFact | None) -> str:
    skills = ", ".join(f"{n} ({lvl})" if lvl else n for n, lvl in profile.skills[:60])
    lines = [
        f"headline: {profile.headline or 'not set'}",
        f"skills: {skills or 'none stored'}",
        f"recent job titles: {', '.join(profile.titles) or 'none stored'}",
    ]
    if gap is None:
        lines.append("latest gap analysis: none")
    else:
        missing = "; ".join(
            f"{m.skill} ({m.severity}, priority {m.priority if m.priority is not None else '-'})"
            for m in gap.missing[:15]
        )
        lines.append(f"latest {gap.label()}")
        lines.append(f"missing skills: {missing or 'none'}")
    return "\n".join(lines)


def _messages(
    goal: GoalView, profile: ProfileFacts, gap: GapFact | None, today: date, start: date, end: date
) -> list[dict[str, str]]:
    from careercoach.documents.delimit import DATA_NOTICE, wrap_document
    from careercoach.documents.redact import redact_for_model
    from careercoach.prompts import load_prompt

    names = [profile.name] if profile.name else []
    system = load_prompt("goal_plan").render(
        data_notice=DATA_NOTICE,
        today=today.isoformat(),
        start=start.isoformat(),
        end=end.isoformat(),
        min_steps=str(MIN_STEPS),
        max_steps=str(MAX_STEPS),
    )
    goal_text = redact_for_model(_goal_block(goal), names=names).text
    profile_text = redact_for_model(_profile_block(profile, gap), names=names).text
    user = (
        wrap_document(goal_text, "goal") + "\n\n" + wrap_document(profile_text, "profile and gap")
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]
