"""Job applications moving through their stages, each change kept as a dated event.

Rules people can rely on (also in docs/APPLICATIONS.md):

- `add` records one event. Its stage is --status when given; otherwise "applied" when a --date
  is given (a date says when you applied) and "saved" when not (a job kept for later).
- Event dates are past or today (read by analysis.when.parse_day, the journal's parser) and
  never earlier than the application's previous event; follow-up dates are today or later
  (read by analysis.goal_dates.parse_due, the goals' parser); `--follow-up none` clears one.
- Every update is one event: a stage change, a note alone, or a follow-up change alone.
  Moving to a closed stage (accepted, rejected, withdrawn) clears the follow-up date.
- Days in stage = today - the day the application entered its current stage.
- Due: an open application whose follow-up date is today or past, or that has sat in
  "applied" or "screening" for more than STALE_DAYS days with no follow-up date.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from careercoach.errors import BadInput, NotFound

if TYPE_CHECKING:
    from careercoach.store.db import Store
    from careercoach.store.models import Application, ApplicationEvent

FUNNEL = ("saved", "applied", "screening", "interview", "offer", "accepted")
CLOSED_STAGES = ("accepted", "rejected", "withdrawn")
STAGES = (*FUNNEL, "rejected", "withdrawn")
"""store.models.APPLICATION_STAGES, in the same order (a test keeps them equal); spelled out
here so that the dashboard can use the funnel without importing the table models."""
RESPONSES = ("screening", "interview", "offer", "rejected")
STALE_DAYS = 14
MAX_NOTE = 2000
CLEAR_WORDS = ("none", "clear", "-")


@dataclass
class EventView:
    """One dated change of an application."""

    id: int
    status: str
    date: str
    note: str | None
    created_at: datetime


@dataclass
class ApplicationView:
    """An application as people and scripts see it; `events` is filled for `show`."""

    id: int
    job_id: int | None
    title: str | None
    company: str | None
    status: str
    status_since: str
    days_in_stage: int
    follow_up: str | None
    follow_up_overdue: bool
    created_at: datetime
    updated_at: datetime
    events: list[EventView] = field(default_factory=list)

    def to_dict(self, *, with_events: bool = False) -> dict[str, Any]:
        data = asdict(self)
        if not with_events:
            data.pop("events")
        return data


@dataclass
class DueItem:
    """An application that needs action, and why."""

    application: ApplicationView
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.application.to_dict(), "reason": self.reason}


# --- reading dates and values ------------------------------------------------------------------


def today_local() -> date:
    """The person's calendar day, which stage ages and follow-ups are counted against."""
    return date.today()


def check_status(value: str) -> str:
    """A stage name (case-insensitive); BadInput (exit 1) listing the stages otherwise."""
    status = value.strip().lower()
    if status not in STAGES:
        raise BadInput(
            f"unknown status {value!r}",
            hint=f"use one of: {', '.join(STAGES)}",
        )
    return status


def event_day(raw: str | None, today: date) -> date:
    """The day of an event: today by default, never in the future."""
    from careercoach.analysis.when import parse_day

    if raw is None:
        return today
    day = parse_day(raw, today=today, option="--date")
    if day > today:
        raise BadInput(
            f"--date {day.isoformat()} is in the future",
            hint="record what happened up to today; plan ahead with --follow-up",
        )
    return day


def follow_up_day(raw: str, today: date) -> str | None:
    """A follow-up day today or later ("YYYY-MM-DD"), or None for 'none' (clear it)."""
    from careercoach.analysis.goal_dates import parse_due

    if raw.strip().lower() in CLEAR_WORDS:
        return None
    day = parse_due(raw, today)
    if day < today:
        raise BadInput(
            f"--follow-up {day.isoformat()} is in the past",
            hint="give today or a later day, such as 'in 1 week' or 'friday' ('none' clears it)",
        )
    return day.isoformat()


def clean_note(note: str | None) -> str | None:
    if note is None:
        return None
    text = note.strip()
    if not text:
        raise BadInput("the note is empty", hint="give some text with --note, or leave it out")
    if len(text) > MAX_NOTE:
        raise BadInput(f"the note is longer than {MAX_NOTE} characters", hint="shorten it")
    return text


def _id(value: int | str) -> int:
    from careercoach.ids import as_id

    app_id = as_id(value)
    if app_id is None:
        raise BadInput(
            f"'{value}' is not an application id",
            hint="application ids are numbers: see them with 'careercoach apply list'",
        )
    return app_id


# --- views -------------------------------------------------------------------------------------


def _event_view(event: ApplicationEvent) -> EventView:
    assert event.id is not None
    return EventView(event.id, event.status, event.date, event.note, event.created_at)


def application_view(
    app: Application, events: list[ApplicationEvent], today: date, *, with_events: bool
) -> ApplicationView:
    """An application with its days in stage and follow-up state worked out."""
    assert app.id is not None
    overdue = bool(app.follow_up and app.follow_up < today.isoformat())
    ordered = sorted(events, key=lambda e: (e.date, e.id or 0))
    return ApplicationView(
        id=app.id,
        job_id=app.job_id,
        title=app.title,
        company=app.company,
        status=app.status,
        status_since=app.status_since,
        days_in_stage=(today - date.fromisoformat(app.status_since)).days,
        follow_up=app.follow_up,
        follow_up_overdue=overdue and app.status not in CLOSED_STAGES,
        created_at=app.created_at,
        updated_at=app.updated_at,
        events=[_event_view(e) for e in ordered] if with_events else [],
    )


def _stage_order(view: ApplicationView) -> tuple[int, str, int]:
    return (STAGES.index(view.status), view.status_since, view.id)


def _load(session: Any, app_id: int) -> Application:
    from careercoach.store.models import Application

    app = session.get(Application, app_id)
    if app is None:
        raise NotFound(
            f"no application with id {app_id}",
            hint="see your applications: careercoach apply list",
        )
    return app


def _events(session: Any, app_id: int) -> list[ApplicationEvent]:
    from sqlmodel import select

    from careercoach.store.models import ApplicationEvent

    query = select(ApplicationEvent).where(ApplicationEvent.application_id == app_id)
    return list(session.exec(query).all())


# --- commands ----------------------------------------------------------------------------------


def add_application(
    store: Store,
    job_ref: str,
    *,
    status: str | None = None,
    when: str | None = None,
    follow_up: str | None = None,
    note: str | None = None,
    today: date | None = None,
) -> ApplicationView:
    """Track an application for a stored job, with its first event (see the module's rules)."""
    from careercoach.services.jobs import get_job
    from careercoach.store.models import Application, ApplicationEvent, utc_now

    today = today or today_local()
    stage = check_status(status) if status else ("applied" if when else "saved")
    day = event_day(when, today).isoformat()
    follow = follow_up_day(follow_up, today) if follow_up else None
    text = clean_note(note)
    job = get_job(store, job_ref)
    _refuse_open_duplicate(store, job.id)
    now = utc_now()
    app = Application(
        job_id=job.id,
        title=job.title,
        company=job.company,
        status=stage,
        status_since=day,
        follow_up=None if stage in CLOSED_STAGES else follow,
        created_at=now,
        updated_at=now,
    )
    with store.session() as session:
        session.add(app)
        session.flush()
        assert app.id is not None
        event = ApplicationEvent(application_id=app.id, status=stage, date=day, note=text)
        session.add(event)
    return application_view(app, [event], today, with_events=True)


def _refuse_open_duplicate(store: Store, job_id: int | None) -> None:
    """One open application per job: a second one would split its history in two."""
    from sqlmodel import col, select

    from careercoach.store.models import Application

    with store.read_session() as session:
        existing = session.exec(
            select(Application).where(
                Application.job_id == job_id, col(Application.status).not_in(CLOSED_STAGES)
            )
        ).first()
    if existing is not None:
        raise BadInput(
            f"job #{job_id} already has an open application (#{existing.id}, {existing.status})",
            hint=f"move it on instead: careercoach apply update {existing.id} --status STAGE",
        )


def list_applications(
    store: Store, *, status: str | None = None, today: date | None = None
) -> list[ApplicationView]:
    """Applications in stage order (saved first), the longest in each stage first."""
    from sqlmodel import select

    from careercoach.store.models import Application

    today = today or today_local()
    query = select(Application)
    if status:
        query = query.where(Application.status == check_status(status))
    with store.read_session() as session:
        apps = list(session.exec(query).all())
    return sorted(
        (application_view(a, [], today, with_events=False) for a in apps), key=_stage_order
    )


def get_application(store: Store, ref: int | str, *, today: date | None = None) -> ApplicationView:
    """One application with its timeline; NotFound (exit 1) for an unknown id."""
    app_id = _id(ref)
    with store.read_session() as session:
        app = _load(session, app_id)
        events = _events(session, app_id)
    return application_view(app, events, today or today_local(), with_events=True)


def update_application(
    store: Store,
    ref: int | str,
    *,
    status: str | None = None,
    note: str | None = None,
    when: str | None = None,
    follow_up: str | None = None,
    today: date | None = None,
) -> ApplicationView:
    """Record one event: a new stage, a note, or a follow-up change (all checked before writing)."""
    from careercoach.store.models import ApplicationEvent, utc_now

    today = today or today_local()
    app_id = _id(ref)
    if status is None and note is None and follow_up is None:
        raise BadInput(
            "nothing to update", hint="give --status STAGE, --note TEXT or --follow-up DATE"
        )
    stage = check_status(status) if status is not None else None
    text = clean_note(note)
    day = event_day(when, today).isoformat()
    follow = follow_up_day(follow_up, today) if follow_up is not None else None
    with store.session() as session:
        app = _load(session, app_id)
        events = _events(session, app_id)
        last = max((e.date for e in events), default=None)
        if last and day < last:
            raise BadInput(
                f"--date {day} is before the application's last event ({last})",
                hint=f"give {last} or later; see the timeline: careercoach apply show {app_id}",
            )
        if stage == app.status and text is None and follow_up is None:
            raise BadInput(
                f"application #{app_id} is already in {stage}",
                hint="give a different --status, or add a --note",
            )
        if text is None and stage is None:
            text = f"follow-up on {follow}" if follow else "follow-up cleared"
        if stage is not None and stage != app.status:
            app.status, app.status_since = stage, day
        if follow_up is not None:
            app.follow_up = follow
        if app.status in CLOSED_STAGES and stage is not None:
            app.follow_up = None
        app.updated_at = utc_now()
        session.add(app)
        event = ApplicationEvent(application_id=app_id, status=app.status, date=day, note=text)
        session.add(event)
        session.flush()
        events.append(event)
    return application_view(app, events, today, with_events=True)


def remove_application(store: Store, ref: int | str) -> ApplicationView:
    """Delete an application and its events (the job itself stays)."""
    app_id = _id(ref)
    with store.session() as session:
        app = _load(session, app_id)
        events = _events(session, app_id)
        view = application_view(app, events, today_local(), with_events=True)
        session.delete(app)
    return view


def due_applications(store: Store, *, today: date | None = None) -> list[DueItem]:
    """Open applications that need action now (the rule is in the module docstring)."""
    today = today or today_local()
    items: list[DueItem] = []
    for view in list_applications(store, today=today):
        reason = due_reason(view, today)
        if reason:
            items.append(DueItem(view, reason))
    items.sort(key=lambda item: (item.application.follow_up or "9999", item.application.id))
    return items


def due_reason(view: ApplicationView, today: date) -> str | None:
    """Why an application needs action today, or None when it does not."""
    if view.status in CLOSED_STAGES:
        return None
    if view.follow_up:
        if view.follow_up > today.isoformat():
            return None
        late = (today - date.fromisoformat(view.follow_up)).days
        return "follow up today" if late == 0 else f"follow-up {late} day(s) overdue"
    if view.status in ("applied", "screening") and view.days_in_stage > STALE_DAYS:
        return f"{view.days_in_stage} days in {view.status} with no follow-up date"
    return None


def application_stats(store: Store) -> dict[str, Any]:
    """The funnel, conversions, response time and months (see analysis in stats_of)."""
    from sqlmodel import select

    from careercoach.store.models import Application, ApplicationEvent

    with store.read_session() as session:
        apps = list(session.exec(select(Application)).all())
        events = list(session.exec(select(ApplicationEvent)).all())
    return stats_of(
        [(a.id, a.status) for a in apps], [(e.application_id, e.status, e.date) for e in events]
    )


def stats_of(
    apps: list[tuple[int | None, str]], events: list[tuple[int, str, str]]
) -> dict[str, Any]:
    """Funnel figures from applications (id, status) and events (application id, status, date).

    - reached: an application reached a funnel stage when its furthest stage in its history
      is that stage or a later one (every tracked application reached "saved").
    - conversion: reached[next] / reached[stage], in percent (None when nothing reached it).
    - response time: days from the first "applied" event to the first later screening,
      interview, offer or rejected event; the median over applications that had one.
    - by month: applications by the month of their first "applied" event, and how many of
      those heard back.
    """
    history: dict[int, list[tuple[str, str]]] = {}
    for app_id, status, day in events:
        history.setdefault(app_id, []).append((day, status))
    furthest: dict[int, int] = {}
    for key, status in apps:
        assert key is not None
        stages = [s for _, s in history.get(key, [])] + [status]
        furthest[key] = max((FUNNEL.index(s) for s in stages if s in FUNNEL), default=0)
    reached = {stage: sum(1 for f in furthest.values() if f >= i) for i, stage in enumerate(FUNNEL)}
    conversion = [
        {
            "from": a,
            "to": b,
            "rate": round(100 * reached[b] / reached[a], 1) if reached[a] else None,
        }
        for a, b in zip(FUNNEL, FUNNEL[1:], strict=False)
    ]
    days, months = _response_times([a for a, _ in apps if a is not None], history)
    current = {stage: sum(1 for _, s in apps if s == stage) for stage in STAGES}
    return {
        "total": len(apps),
        "by_status": current,
        "reached": reached,
        "conversion": conversion,
        "response_days_median": _median(days),
        "responses": len(days),
        "by_month": months,
    }


def _response_times(
    app_ids: list[int], history: dict[int, list[tuple[str, str]]]
) -> tuple[list[int], list[dict[str, Any]]]:
    days: list[int] = []
    months: dict[str, dict[str, int]] = {}
    for app_id in app_ids:
        timeline = sorted(history.get(app_id, []))
        applied = next((d for d, s in timeline if s == "applied"), None)
        if applied is None:
            continue
        month = months.setdefault(applied[:7], {"applied": 0, "responded": 0})
        month["applied"] += 1
        answer = next((d for d, s in timeline if s in RESPONSES and d >= applied), None)
        if answer is not None:
            days.append((date.fromisoformat(answer) - date.fromisoformat(applied)).days)
            month["responded"] += 1
    return days, [{"month": m, **figures} for m, figures in sorted(months.items())]


def _median(values: list[int]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2
