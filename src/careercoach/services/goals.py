"""Goals and their dated steps: add, list, finish and delete them, and turn a roadmap into one.

A goal's progress is the share of its steps done (0-100, rounded); a goal marked done counts
as 100 whatever its steps say. Dates are the person's local calendar days ("YYYY-MM-DD");
"today" is `date.today()` unless a caller passes one (the tests do).

Planning a goal (services/goal_plan.py) only drafts steps; nothing is written until
`save_steps` is called with the steps the person accepted.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlmodel import col, select

from careercoach.analysis.goal_dates import parse_due
from careercoach.errors import BadInput, NotFound
from careercoach.store.models import Analysis, Goal, GoalStep, utc_now

if TYPE_CHECKING:
    from careercoach.store.db import Store

MAX_TITLE = 200
MAX_WHY = 2000
MAX_STEP = 500


@dataclass
class StepView:
    """One step as people and scripts see it."""

    id: int
    goal_id: int
    position: int
    text: str
    due: str | None
    done: bool
    done_at: datetime | None
    overdue: bool
    days_left: int | None


@dataclass
class GoalView:
    """A goal with its progress worked out; `steps` is filled for `show`, empty for `list`."""

    id: int
    title: str
    why: str | None
    due: str | None
    status: str
    source: str
    progress: int
    steps_done: int
    steps_total: int
    overdue: bool
    days_left: int | None
    overdue_steps: int
    next_step: str | None
    created_at: datetime
    updated_at: datetime
    done_at: datetime | None
    steps: list[StepView] = field(default_factory=list)

    def to_dict(self, *, with_steps: bool) -> dict[str, Any]:
        data = asdict(self)
        if not with_steps:
            data.pop("steps")
        return data


def today_local() -> date:
    """The person's calendar day (local time), which due dates are counted against."""
    return date.today()


def _days_left(due: str | None, today: date) -> int | None:
    return (date.fromisoformat(due) - today).days if due else None


def progress_of(status: str, steps: list[GoalStep]) -> int:
    """Share of steps done, 0-100; a goal marked done is 100; a goal without steps 0."""
    if status == "done":
        return 100
    if not steps:
        return 0
    return round(100 * sum(1 for s in steps if s.done) / len(steps))


def _step_view(step: GoalStep, today: date) -> StepView:
    left = _days_left(step.due, today)
    assert step.id is not None
    return StepView(
        id=step.id,
        goal_id=step.goal_id,
        position=step.position,
        text=step.text,
        due=step.due,
        done=step.done,
        done_at=step.done_at,
        overdue=bool(not step.done and left is not None and left < 0),
        days_left=left,
    )


def goal_view(goal: Goal, steps: list[GoalStep], today: date, *, with_steps: bool) -> GoalView:
    """A goal and its steps (in order) as a view with progress, overdue flags and days left."""
    ordered = sorted(steps, key=lambda s: (s.position, s.id or 0))
    views = [_step_view(s, today) for s in ordered]
    left = _days_left(goal.due, today)
    is_open = goal.status != "done"
    pending = [v for v in views if not v.done]
    assert goal.id is not None
    return GoalView(
        id=goal.id,
        title=goal.title,
        why=goal.why,
        due=goal.due,
        status=goal.status,
        source=goal.source,
        progress=progress_of(goal.status, ordered),
        steps_done=sum(1 for v in views if v.done),
        steps_total=len(views),
        overdue=bool(is_open and left is not None and left < 0),
        days_left=left,
        overdue_steps=sum(1 for v in views if v.overdue) if is_open else 0,
        next_step=pending[0].text if pending and is_open else None,
        created_at=goal.created_at,
        updated_at=goal.updated_at,
        done_at=goal.done_at,
        steps=views if with_steps else [],
    )


def _clean_text(value: str | None, what: str, limit: int, *, required: bool) -> str | None:
    text = " ".join((value or "").split())
    if not text:
        if required:
            raise BadInput(f"the {what} is empty", hint=f"give a non-empty {what}")
        return None
    if len(text) > limit:
        raise BadInput(
            f"the {what} is {len(text)} characters long (at most {limit})",
            hint=f"shorten the {what}",
        )
    return text


def future_due(text: str | None, today: date, what: str = "due date") -> str | None:
    """A --due value read and checked: not before today. None when not given."""
    if text is None:
        return None
    day = parse_due(text, today)
    if day < today:
        raise BadInput(
            f"the {what} {day.isoformat()} is in the past",
            hint="give today or a later date, e.g. --due 'in 3 weeks'",
        )
    return day.isoformat()


def _id(value: int | str, what: str) -> int:
    from careercoach.ids import as_id

    number = as_id(value)
    if number is None:
        raise BadInput(f"{what} id {value!r} is not a number", hint="ids are whole numbers")
    if number < 1:
        raise BadInput(f"{what} id {number} is not valid", hint="ids start at 1")
    return number


def _load_goal(session: Any, goal_id: int) -> Goal:
    goal = session.get(Goal, goal_id)
    if goal is None:
        raise NotFound(
            f"no goal #{goal_id}", hint="see your goals with: careercoach goal list --all"
        )
    return goal


def _steps(session: Any, goal_id: int) -> list[GoalStep]:
    return list(session.exec(select(GoalStep).where(GoalStep.goal_id == goal_id)).all())


def add_goal(
    store: Store,
    title: str,
    *,
    due: str | None = None,
    why: str | None = None,
    today: date | None = None,
) -> GoalView:
    """Store a new open goal; every value is checked before anything is written."""
    today = today or today_local()
    goal = Goal(
        title=_clean_text(title, "goal title", MAX_TITLE, required=True) or "",
        why=_clean_text(why, "reason (--why)", MAX_WHY, required=False),
        due=future_due(due, today),
    )
    with store.session() as s:
        s.add(goal)
        s.flush()
    return goal_view(goal, [], today, with_steps=True)


def list_goals(
    store: Store, *, include_done: bool = False, today: date | None = None
) -> list[GoalView]:
    """Goals, open ones first by due date (undated last), then done ones when asked for."""
    today = today or today_local()
    with store.read_session() as s:
        query = select(Goal)
        if not include_done:
            query = query.where(Goal.status == "open")
        goals = list(s.exec(query).all())
        steps = list(s.exec(select(GoalStep)).all()) if goals else []
    by_goal: dict[int, list[GoalStep]] = {}
    for step in steps:
        by_goal.setdefault(step.goal_id, []).append(step)
    views = [goal_view(g, by_goal.get(g.id or 0, []), today, with_steps=False) for g in goals]
    views.sort(key=lambda v: (v.status == "done", v.due is None, v.due or "", v.id))
    return views


def get_goal(store: Store, goal_id: int | str, *, today: date | None = None) -> GoalView:
    """One goal with its steps in order; NotFound (exit 1) for an unknown id."""
    number = _id(goal_id, "goal")
    with store.read_session() as s:
        goal = _load_goal(s, number)
        steps = _steps(s, number)
    return goal_view(goal, steps, today or today_local(), with_steps=True)


def complete_goal(store: Store, goal_id: int | str, *, today: date | None = None) -> GoalView:
    """Mark a goal done (its progress becomes 100); its steps are left as they are."""
    number = _id(goal_id, "goal")
    with store.session() as s:
        goal = _load_goal(s, number)
        if goal.status != "done":
            goal.status = "done"
            goal.done_at = goal.updated_at = utc_now()
            s.add(goal)
        steps = _steps(s, number)
    return goal_view(goal, steps, today or today_local(), with_steps=True)


def delete_goal(store: Store, goal_id: int | str) -> GoalView:
    """Delete a goal and its steps (the foreign key cascades); returns what was deleted."""
    number = _id(goal_id, "goal")
    with store.session() as s:
        goal = _load_goal(s, number)
        steps = _steps(s, number)
        view = goal_view(goal, steps, today_local(), with_steps=True)
        s.delete(goal)  # its steps go with it: ON DELETE CASCADE (foreign_keys is on)
    return view


def add_step(
    store: Store,
    goal_id: int | str,
    text: str,
    *,
    due: str | None = None,
    today: date | None = None,
) -> StepView:
    """Append one step to a goal."""
    today = today or today_local()
    number = _id(goal_id, "goal")
    clean = _clean_text(text, "step text", MAX_STEP, required=True) or ""
    when = future_due(due, today, "step's due date")
    with store.session() as s:
        goal = _load_goal(s, number)
        step = GoalStep(goal_id=number, position=_next_position(s, number), text=clean, due=when)
        s.add(step)
        goal.updated_at = utc_now()
        s.add(goal)
        s.flush()
    return _step_view(step, today)


def _next_position(session: Any, goal_id: int) -> int:
    positions = [s.position for s in _steps(session, goal_id)]
    return max(positions, default=0) + 1


def _load_step(session: Any, step_id: int) -> GoalStep:
    step = session.get(GoalStep, step_id)
    if step is None:
        raise NotFound(
            f"no step #{step_id}", hint="see a goal's steps with: careercoach goal show GOAL_ID"
        )
    return step


def complete_step(store: Store, step_id: int | str, *, today: date | None = None) -> StepView:
    """Mark a step done (doing it twice changes nothing)."""
    number = _id(step_id, "step")
    with store.session() as s:
        step = _load_step(s, number)
        if not step.done:
            step.done = True
            step.done_at = utc_now()
            s.add(step)
            goal = _load_goal(s, step.goal_id)
            goal.updated_at = utc_now()
            s.add(goal)
    return _step_view(step, today or today_local())


def remove_step(store: Store, step_id: int | str, *, today: date | None = None) -> StepView:
    """Delete one step; returns what was removed."""
    number = _id(step_id, "step")
    with store.session() as s:
        step = _load_step(s, number)
        view = _step_view(step, today or today_local())
        s.delete(step)
    return view


def save_steps(
    store: Store, goal_id: int, steps: list[tuple[str, str | None]], *, today: date | None = None
) -> GoalView:
    """Append accepted plan steps (text, due) to a goal in one transaction; all checked first."""
    if not steps:
        raise BadInput(
            "no steps to save", hint="accept at least one step, or add one with goal step add"
        )
    cleaned = [
        (_clean_text(text, "step text", MAX_STEP, required=True) or "", _check_iso(due))
        for text, due in steps
    ]
    with store.session() as s:
        goal = _load_goal(s, goal_id)
        first = _next_position(s, goal_id)
        for offset, (text, due) in enumerate(cleaned):
            s.add(GoalStep(goal_id=goal_id, position=first + offset, text=text, due=due))
        goal.updated_at = utc_now()
        s.add(goal)
    return get_goal(store, goal_id, today=today)


def _check_iso(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadInput(f"invalid step date {value!r}", hint="dates are YYYY-MM-DD") from None


# --- roadmaps become goals ------------------------------------------------------------------


def pending_roadmaps(store: Store) -> list[int]:
    """Ids of roadmap analyses stored with `--as-goal` that are not a goal yet."""
    with store.read_session() as s:
        rows = s.exec(
            select(Analysis).where(Analysis.kind == "roadmap").order_by(col(Analysis.id))
        ).all()
    return [r.id for r in rows if r.id is not None and (r.report or {}).get("as_goal") == "pending"]


def _roadmap_start(report: dict[str, Any], today: date) -> date:
    """Week 1 starts at the report's own "start" date when it has a future one, else today."""
    start = report.get("start")
    if isinstance(start, str):
        try:
            return max(date.fromisoformat(start[:10]), today)
        except ValueError:
            pass
    return today


def _week_step(index: int, week: dict[str, Any]) -> str:
    number = week.get("week") if isinstance(week.get("week"), int) else index
    focus = " ".join(str(week.get("focus") or "").split()) or "planned work"
    deliverable = " ".join(str(week.get("deliverable") or "").split())
    text = f"Week {number}: {focus}" + (f" — {deliverable}" if deliverable else "")
    return text[:MAX_STEP]


def create_goal_from_roadmap(
    store: Store, analysis_id: int | str, *, today: date | None = None
) -> Goal:
    """Turn a stored roadmap into a goal with one step per week, due at the end of each week.

    Week N's step is "Week N: focus — deliverable", due start + N weeks; the goal is due
    with the last week. The roadmap's report gets "as_goal": <goal id>, in the same
    transaction, so converting twice is refused rather than duplicated.
    """
    today = today or today_local()
    number = _id(analysis_id, "analysis")
    with store.session() as s:
        analysis = s.get(Analysis, number)
        if analysis is None or analysis.kind != "roadmap":
            raise NotFound(
                f"no roadmap analysis #{number}",
                hint="make one with: careercoach roadmap --as-goal; "
                "see them with: careercoach analyses list",
            )
        report = dict(analysis.report or {})
        done = report.get("as_goal")
        if isinstance(done, int) and s.get(Goal, done) is not None:
            raise BadInput(
                f"roadmap #{number} is already goal #{done}",
                hint=f"see it with: careercoach goal show {done}",
            )
        weeks = [w for w in report.get("weeks") or [] if isinstance(w, dict)]
        if not weeks:
            raise BadInput(
                f"roadmap #{number} has no weeks to turn into steps",
                hint="make a roadmap from a gap analysis with missing skills first",
            )
        start = _roadmap_start(report, today)
        title = " ".join(str(report.get("title") or "").split()) or f"Roadmap #{number}"
        summary = " ".join(str(report.get("summary") or "").split())
        goal = Goal(
            title=title[:MAX_TITLE],
            why=summary[:MAX_WHY] or None,
            due=(start + timedelta(weeks=len(weeks))).isoformat(),
            source=f"roadmap:{number}",
        )
        s.add(goal)
        s.flush()
        assert goal.id is not None
        for index, week in enumerate(weeks, start=1):
            s.add(
                GoalStep(
                    goal_id=goal.id,
                    position=index,
                    text=_week_step(index, week),
                    due=(start + timedelta(weeks=index)).isoformat(),
                )
            )
        analysis.report = {**report, "as_goal": goal.id}
        s.add(analysis)
    return goal
