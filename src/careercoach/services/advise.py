"""`advise`: what to do next, from everything stored, each item resting on a stored fact.

The facts are read once (`read_facts`): the profile (headline and skill count, never contact
details), CVs, jobs, open goals with progress and overdue steps, the latest gap analyses and
CV reports, the last 30 days of journal analyses, and applications when that table exists.
Offline, the rules in analysis/advice.py turn them into advice; with a model, the facts go
as one delimited data block (journal snippets redacted) and the answer is validated against
`AdviceAnswer`. Either way the advice is stored as an analysis of kind "advice".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field, model_validator
from sqlalchemy import func, text
from sqlmodel import col, select

from careercoach.analysis.advice import (
    PLAN_DAYS,
    Advice,
    CVReportFact,
    Facts,
    GapFact,
    GoalFact,
    Item,
    JournalFact,
    MissingSkill,
    OverdueStep,
    PlanDay,
    fact_lines,
    offline_advice,
)
from careercoach.errors import NotConfigured
from careercoach.services.goals import goal_view, today_local
from careercoach.store.models import (
    CV,
    Analysis,
    Goal,
    GoalStep,
    Job,
    JournalEntry,
    Profile,
    ProfileSkill,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from careercoach.services.model import ModelChoice
    from careercoach.store.db import Store

JOURNAL_WINDOW_DAYS = 30
SNIPPETS = 5
SNIPPET_CHARS = 300


# --- reading the facts ----------------------------------------------------------------------


@dataclass
class ProfileFacts:
    """What a model may know about the person: headline and skills, no contact details."""

    name: str | None  # only to redact it from free text; never sent
    headline: str | None
    skills: list[tuple[str, str | None]]
    titles: list[str]


def read_profile(session: Session) -> ProfileFacts:
    from careercoach.store.models import Experience

    profile = session.get(Profile, 1)
    skills = session.exec(select(ProfileSkill).order_by(col(ProfileSkill.name))).all()
    jobs = session.exec(select(Experience).order_by(col(Experience.id).desc()).limit(5)).all()
    return ProfileFacts(
        name=profile.name if profile else None,
        headline=profile.headline if profile else None,
        skills=[(s.name, s.level) for s in skills],
        titles=[e.title for e in jobs],
    )


def latest_gaps(session: Session, limit: int = 3) -> list[GapFact]:
    """The newest gap analyses, with their missing skills ordered by priority."""
    rows = session.exec(
        select(Analysis)
        .where(Analysis.kind == "gap")
        .order_by(col(Analysis.created_at).desc(), col(Analysis.id).desc())
        .limit(limit)
    ).all()
    return [_gap_fact(session, row) for row in rows]


def _gap_fact(session: Session, row: Analysis) -> GapFact:
    report = row.report or {}
    job = session.get(Job, row.job_id) if row.job_id else None
    readiness = row.score
    if readiness is None:
        metric = (report.get("metrics") or {}).get("readiness")
        readiness = float(metric) if isinstance(metric, int | float) else None
    assert row.id is not None
    return GapFact(
        id=row.id,
        created=row.created_at.date().isoformat(),
        job_title=(job.title if job else None) or report.get("job_title"),
        verdict=row.verdict or report.get("verdict"),
        readiness=readiness,
        missing=_missing(report.get("missing_skills") or []),
    )


def _missing(items: list[Any]) -> list[MissingSkill]:
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(MissingSkill(item, "major", None, True))
        elif isinstance(item, dict) and item.get("skill"):
            priority = item.get("priority")
            out.append(
                MissingSkill(
                    str(item["skill"]),
                    str(item.get("severity") or "major"),
                    int(priority) if isinstance(priority, int | float) else None,
                    bool(item.get("required", True)),
                )
            )
    severity = {"critical": 0, "major": 1, "minor": 2}
    out.sort(
        key=lambda m: (m.priority if m.priority is not None else 99, severity.get(m.severity, 3))
    )
    return out


def _cv_reports(session: Session) -> list[CVReportFact]:
    rows = session.exec(
        select(Analysis)
        .where(Analysis.kind == "cv")
        .order_by(col(Analysis.created_at).desc(), col(Analysis.id).desc())
        .limit(2)
    ).all()
    out = []
    for row in rows:
        score = row.score
        if score is None:
            value = (row.report or {}).get("score", (row.report or {}).get("overall"))
            score = float(value) if isinstance(value, int | float) else None
        assert row.id is not None
        out.append(CVReportFact(row.id, row.created_at.date().isoformat(), score))
    return out


def _goal_facts(session: Session, today: date) -> list[GoalFact]:
    goals = session.exec(select(Goal).where(Goal.status == "open")).all()
    steps = session.exec(select(GoalStep)).all() if goals else []
    facts = []
    for goal in goals:
        view = goal_view(goal, [s for s in steps if s.goal_id == goal.id], today, with_steps=True)
        overdue = [
            OverdueStep(s.text, s.due or "", -(s.days_left or 0)) for s in view.steps if s.overdue
        ]
        facts.append(
            GoalFact(
                view.id,
                view.title,
                view.due,
                view.days_left,
                view.progress,
                view.steps_total,
                view.next_step,
                overdue,
            )
        )
    facts.sort(key=lambda g: (g.due is None, g.due or "", g.id))
    return facts


def _recent_entries(session: Session, today: date) -> list[JournalEntry]:
    since = (today - timedelta(days=JOURNAL_WINDOW_DAYS)).isoformat()
    return list(
        session.exec(
            select(JournalEntry)
            .where(JournalEntry.entry_date >= since)
            .order_by(col(JournalEntry.entry_date), col(JournalEntry.id))
        ).all()
    )


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def journal_fact(entries: list[JournalEntry], today: date) -> JournalFact:
    """Averages of the analysed entries and how stress moved between the window's halves."""
    analysed = [e for e in entries if e.analysis_mode]
    stress = [float(e.stress) for e in analysed if e.stress is not None]
    middle = (today - timedelta(days=JOURNAL_WINDOW_DAYS // 2)).isoformat()
    early = [float(e.stress) for e in analysed if e.stress is not None and e.entry_date < middle]
    late = [float(e.stress) for e in analysed if e.stress is not None and e.entry_date >= middle]
    change = round(sum(late) / len(late) - sum(early) / len(early), 1) if early and late else None
    themes = Counter(t for e in analysed for t in (e.themes or []) if isinstance(t, str))
    return JournalFact(
        entries=len(entries),
        analysed=len(analysed),
        avg_stress=_mean(stress),
        avg_motivation=_mean([float(e.motivation) for e in analysed if e.motivation is not None]),
        avg_mood=_mean([float(e.mood) for e in entries if e.mood is not None]),
        stress_change=change,
        top_themes=themes.most_common(4),
        window_days=JOURNAL_WINDOW_DAYS,
    )


def _applications(session: Session) -> dict[str, int] | None:
    """Applications by status, or None while careercoach has no applications table."""
    names = session.exec(  # type: ignore[call-overload]
        text(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name IN ('application', 'applications')"
        )
    ).all()
    if not names:
        return None
    table = names[0][0]
    try:
        rows = session.exec(  # type: ignore[call-overload]
            text(f'SELECT status, COUNT(*) FROM "{table}" GROUP BY status')
        ).all()
    except Exception:  # a table of another shape: count the rows only
        rows = session.exec(text(f'SELECT "all", COUNT(*) FROM "{table}"')).all()  # type: ignore[call-overload]
    return {str(status): int(count) for status, count in rows}


def _count(session: Session, model: Any) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def read_facts(
    store: Store, today: date | None = None
) -> tuple[Facts, list[JournalEntry], ProfileFacts]:
    """One consistent snapshot of everything the advice may rest on."""
    today = today or today_local()
    with store.read_session() as s:
        profile = read_profile(s)
        entries = _recent_entries(s, today)
        facts = Facts(
            today=today,
            headline=profile.headline,
            skills=len(profile.skills),
            cvs=_count(s, CV),
            jobs=_count(s, Job),
            goals=_goal_facts(s, today),
            gaps=latest_gaps(s),
            cv_reports=_cv_reports(s),
            journal=journal_fact(entries, today),
            applications=_applications(s),
        )
    return facts, entries, profile


# --- the model's answer ---------------------------------------------------------------------


class AdviceItem(BaseModel):
    priority: int = Field(ge=1, le=20, description="1 is the most urgent")
    text: str = Field(min_length=3, max_length=1000, description="what to do and why, concretely")
    basis: str = Field(
        min_length=3,
        max_length=400,
        description="the stored fact this rests on, quoted from the data",
    )


class AdviceDay(BaseModel):
    day: int = Field(ge=1, le=PLAN_DAYS)
    action: str = Field(
        min_length=3, max_length=400, description="one concrete action for that day"
    )
    basis: str = Field(min_length=3, max_length=400, description="the stored fact this rests on")


class AdviceAnswer(BaseModel):
    """What the model must return for `advise`."""

    recommendations: list[AdviceItem] = Field(min_length=1, max_length=10)
    plan: list[AdviceDay] = Field(min_length=PLAN_DAYS, max_length=PLAN_DAYS)
    notes: list[str] = Field(default_factory=list, max_length=5)

    @model_validator(mode="after")
    def _one_action_per_day(self) -> AdviceAnswer:
        if sorted(d.day for d in self.plan) != list(range(1, PLAN_DAYS + 1)):
            raise ValueError(f"plan must have exactly one entry for each day 1..{PLAN_DAYS}")
        return self


def _snippets(entries: list[JournalEntry], profile: ProfileFacts) -> str:
    from careercoach.documents.redact import redact_for_model

    names = [profile.name] if profile.name else []
    lines = []
    for entry in entries[-SNIPPETS:]:
        body = " ".join(entry.text.split())[:SNIPPET_CHARS]
        lines.append(f"{entry.entry_date}: {redact_for_model(body, names=names).text}")
    return "\n".join(lines) or "(no journal entries in the window)"


def _messages(
    facts: Facts, entries: list[JournalEntry], profile: ProfileFacts
) -> list[dict[str, str]]:
    from careercoach.documents.delimit import DATA_NOTICE, wrap_document
    from careercoach.prompts import load_prompt

    skills = ", ".join(f"{n} ({lvl})" if lvl else n for n, lvl in profile.skills[:40])
    data = "\n".join(f"- {line}" for line in fact_lines(facts))
    if skills:
        data += f"\n- profile skills: {skills}"
    system = load_prompt("advise").render(data_notice=DATA_NOTICE, days=str(PLAN_DAYS))
    from careercoach.documents.redact import redact_for_model

    names = [profile.name] if profile.name else []
    user = (
        wrap_document(redact_for_model(data, names=names).text, "stored facts")
        + "\n\n"
        + wrap_document(_snippets(entries, profile), "recent journal snippets")
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def _from_answer(answer: AdviceAnswer) -> Advice:
    recs = sorted(answer.recommendations, key=lambda r: r.priority)
    return Advice(
        recommendations=[Item(i, r.text.strip(), r.basis.strip()) for i, r in enumerate(recs, 1)],
        plan=[
            PlanDay(d.day, d.action.strip(), d.basis.strip())
            for d in sorted(answer.plan, key=lambda d: d.day)
        ],
        notes=[n.strip() for n in answer.notes if n.strip()],
    )


# --- the service ----------------------------------------------------------------------------


@dataclass
class AdviceResult:
    """What `advise` prints and stores."""

    id: int
    mode: str  # offline | llm
    model: str | None
    created_at: datetime
    recommendations: list[Item]
    plan: list[PlanDay]
    notes: list[str]
    facts: list[str]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def advise(
    store: Store, choice: ModelChoice, *, today: date | None = None, on_notice: Any = None
) -> AdviceResult:
    """Advice from the model when one is configured, else from the offline rules; stored."""
    from careercoach.services.model import open_gateway

    facts, entries, profile = read_facts(store, today)
    mode, model = "offline", None
    try:
        gateway = None if choice.offline else open_gateway("advise", choice, store=store)
    except NotConfigured as exc:
        gateway = None
        if on_notice:
            on_notice(f"Offline advice ({exc.message}).")
    if gateway is None:
        result = offline_advice(facts)
    else:
        answer = gateway.structured(_messages(facts, entries, profile), AdviceAnswer)
        result = _from_answer(answer.parsed)
        mode, model = "llm", answer.model
    return _store(store, facts, result, mode, model)


def _store(
    store: Store, facts: Facts, advice: Advice, mode: str, model: str | None
) -> AdviceResult:
    lines = fact_lines(facts)
    report = {
        "recommendations": [asdict(r) for r in advice.recommendations],
        "plan": [asdict(d) for d in advice.plan],
        "notes": advice.notes,
        "facts": lines,
        "model": model,
    }
    row = Analysis(kind="advice", mode=mode, report=report)
    with store.session() as s:
        s.add(row)
        s.flush()
    assert row.id is not None
    return AdviceResult(
        row.id,
        mode,
        model,
        row.created_at,
        advice.recommendations,
        advice.plan,
        advice.notes,
        lines,
    )


def latest_advice(store: Store) -> AdviceResult:
    """The advice stored last, as it was given (nothing is recomputed)."""
    from careercoach.errors import NotFound

    with store.read_session() as s:
        row = s.exec(
            select(Analysis)
            .where(Analysis.kind == "advice")
            .order_by(col(Analysis.created_at).desc(), col(Analysis.id).desc())
            .limit(1)
        ).first()
    if row is None or row.id is None:
        raise NotFound("no advice is stored yet", hint="ask for some with: careercoach advise")
    report = row.report or {}
    return AdviceResult(
        id=row.id,
        mode=row.mode,
        model=report.get("model"),
        created_at=row.created_at,
        recommendations=[Item(**r) for r in report.get("recommendations", [])],
        plan=[PlanDay(**d) for d in report.get("plan", [])],
        notes=list(report.get("notes", [])),
        facts=list(report.get("facts", [])),
    )
