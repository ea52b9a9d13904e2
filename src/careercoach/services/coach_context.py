"""What the coach knows about the person: a compact summary of what is stored, for chat.

Built fresh for every conversation turn from the profile, the open goals, one gap analysis
(the latest, or the one the person chose) and, only when the person opts in, the themes of
their recent journal. Contact details never enter it: the profile's e-mail, phone and links
are left out, and the whole summary passes the redaction step (which also replaces the
person's own name) before it goes into a prompt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from careercoach.errors import BadInput, NotFound

if TYPE_CHECKING:
    from sqlmodel import Session

    from careercoach.store.db import Store

_MAX_SKILLS = 40
_MAX_ROLES = 6
_MAX_GOALS = 5
_JOURNAL_DAYS = 30


@dataclass
class CoachContext:
    """The summary as sections of plain text, and which stored facts it drew on."""

    sections: dict[str, str] = field(default_factory=dict)
    analysis_id: int | None = None
    person_name: str | None = None

    @property
    def empty(self) -> bool:
        return not self.sections

    def text(self) -> str:
        """The sections as one Markdown-ish block, or a line saying nothing is stored."""
        if self.empty:
            return "Nothing is stored about the person yet; ask what you need to know."
        return "\n\n".join(f"{title}:\n{body}" for title, body in self.sections.items())


def build_context(
    store: Store, *, analysis_id: int | None = None, with_journal: bool = False
) -> CoachContext:
    """Summarise the store for the coach; `analysis_id` picks the gap analysis to discuss."""
    from careercoach.store.models import Profile

    context = CoachContext()
    with store.read_session() as session:
        profile = session.get(Profile, 1)
        context.person_name = profile.name if profile else None
        _add(context, "Profile", _profile(session, profile))
        _add(context, "Skills", _skills(session))
        _add(context, "Experience", _experience(session))
        _add(context, "Education and certifications", _education(session))
        _add(context, "Open goals", _goals(session))
        analysis = _analysis(session, analysis_id)
        if analysis is not None:
            context.analysis_id = analysis.id
            _add(context, f"Gap analysis #{analysis.id}", _gap_summary(session, analysis))
        if with_journal:
            _add(context, f"Journal, last {_JOURNAL_DAYS} days", _journal(session))
    return context


def _add(context: CoachContext, title: str, body: str | None) -> None:
    if body:
        context.sections[title] = body


def _profile(session: Session, profile: Any) -> str | None:
    if profile is None:
        return None
    facts = []
    if profile.headline:
        facts.append(f"headline: {profile.headline}")
    if profile.location:
        facts.append(f"location: {profile.location}")
    if profile.remote:
        facts.append(f"remote work: {profile.remote}")
    if profile.salary_expectation:
        currency = f" {profile.currency}" if profile.currency else ""
        facts.append(f"salary expectation: {profile.salary_expectation:,.0f}{currency}")
    return "; ".join(facts) or None


def _skills(session: Session) -> str | None:
    from sqlmodel import col, select

    from careercoach.store.models import ProfileSkill

    skills = session.exec(select(ProfileSkill).order_by(col(ProfileSkill.name))).all()
    if not skills:
        return None
    shown = [f"{s.name} ({s.level})" if s.level else s.name for s in skills[:_MAX_SKILLS]]
    more = len(skills) - len(shown)
    return ", ".join(shown) + (f", and {more} more" if more > 0 else "")


def _experience(session: Session) -> str | None:
    from sqlmodel import select

    from careercoach.store.models import Experience

    roles = sorted(
        session.exec(select(Experience)).all(), key=lambda e: e.start or "", reverse=True
    )
    lines = []
    for role in roles[:_MAX_ROLES]:
        where = f" at {role.employer}" if role.employer else ""
        when = f" ({role.start or '?'} – {role.end or 'present'})"
        lines.append(f"- {role.title}{where}{when}")
        lines.extend(f"  - {a}" for a in role.achievements[:3])
    return "\n".join(lines) or None


def _education(session: Session) -> str | None:
    from sqlmodel import select

    from careercoach.store.models import Certification, Education

    lines = []
    for entry in session.exec(select(Education)).all():
        what = " ".join(x for x in (entry.degree, entry.field_of_study) if x) or "studies"
        lines.append(f"- {what}, {entry.institution}" + (f" ({entry.end})" if entry.end else ""))
    for cert in session.exec(select(Certification)).all():
        lines.append(f"- certification: {cert.name}" + (f" ({cert.date})" if cert.date else ""))
    return "\n".join(lines) or None


def _goals(session: Session) -> str | None:
    from sqlmodel import col, select

    from careercoach.store.models import Goal, GoalStep

    goals = session.exec(
        select(Goal).where(Goal.status == "open").order_by(col(Goal.id).desc())
    ).all()
    lines = []
    for goal in goals[:_MAX_GOALS]:
        steps = session.exec(
            select(GoalStep).where(GoalStep.goal_id == goal.id).order_by(col(GoalStep.position))
        ).all()
        done = sum(1 for s in steps if s.done)
        progress = f"{round(100 * done / len(steps))}% done" if steps else "no steps yet"
        due = f", due {goal.due}" if goal.due else ""
        upcoming = next((s for s in steps if not s.done), None)
        nxt = f"; next step: {upcoming.text}" if upcoming else ""
        lines.append(f'- goal #{goal.id} "{goal.title}"{due}, {progress}{nxt}')
    return "\n".join(lines) or None


def _analysis(session: Session, analysis_id: int | None) -> Any:
    from sqlmodel import col, select

    from careercoach.store.models import Analysis

    if analysis_id is None:
        return session.exec(
            select(Analysis)
            .where(Analysis.kind == "gap")
            .order_by(col(Analysis.created_at).desc(), col(Analysis.id).desc())
            .limit(1)
        ).first()
    analysis = session.get(Analysis, analysis_id)
    if analysis is None:
        raise NotFound(
            f"no analysis with id {analysis_id}",
            hint="see the ids with `careercoach analyses list`",
        )
    if analysis.kind != "gap":
        raise BadInput(
            f"analysis #{analysis_id} is a {analysis.kind} report, not a gap analysis",
            hint="choose a gap analysis from `careercoach analyses list`",
        )
    return analysis


def _gap_summary(session: Session, analysis: Any) -> str:
    from careercoach.store.models import Job

    report = analysis.report or {}
    job = session.get(Job, analysis.job_id) if analysis.job_id else None
    role = " at ".join(x for x in (job.title, job.company) if x) if job else None
    readiness = (report.get("metrics") or {}).get("readiness", analysis.score)
    lines = [
        f"{analysis.created_at:%Y-%m-%d}, {analysis.mode} analysis"
        + (f" for {role}" if role else "")
        + f": verdict {analysis.verdict or 'n/a'}"
        + (f", readiness {readiness:.0f}/100" if isinstance(readiness, (int, float)) else "")
    ]
    missing = [
        f"{m.get('skill')} ({m.get('severity', '?')}{', required' if m.get('required') else ''})"
        for m in (report.get("missing_skills") or [])[:10]
        if isinstance(m, dict)
    ]
    if missing:
        lines.append("missing skills: " + ", ".join(missing))
    matched = [
        str(s if not isinstance(s, dict) else s.get("skill"))
        for s in (report.get("matched_skills") or [])[:15]
    ]
    if matched:
        lines.append("matched skills: " + ", ".join(matched))
    for key, label in (("recommendations", "recommendations"), ("next_steps", "next steps")):
        items = [_item_text(i) for i in (report.get(key) or [])[:3]]
        if items:
            lines.append(f"{label}: " + "; ".join(items))
    return "\n".join(f"- {line}" for line in lines)


def _item_text(item: Any) -> str:
    if isinstance(item, dict):
        for key in ("text", "title", "recommendation", "step", "skill"):
            if item.get(key):
                return str(item[key])
        return ", ".join(f"{k}: {v}" for k, v in item.items())
    return str(item)


def _journal(session: Session) -> str | None:
    from collections import Counter

    from sqlmodel import select

    from careercoach.store.models import JournalEntry

    since = (date.today() - timedelta(days=_JOURNAL_DAYS)).isoformat()
    entries = session.exec(select(JournalEntry).where(JournalEntry.entry_date >= since)).all()
    if not entries:
        return None
    lines = [f"- {len(entries)} entries"]
    for label, values in (
        ("their own mood rating (1-5)", [e.mood for e in entries if e.mood is not None]),
        ("stress (0-10)", [e.stress for e in entries if e.stress is not None]),
        ("motivation (0-10)", [e.motivation for e in entries if e.motivation is not None]),
    ):
        if values:
            lines.append(f"- average {label}: {sum(values) / len(values):.1f}")
    themes = Counter(t for e in entries for t in (e.themes or []))
    tags = Counter(t for e in entries for t in (e.tags or []))
    if themes:
        lines.append("- themes: " + ", ".join(t for t, _ in themes.most_common(6)))
    if tags:
        lines.append("- tags: " + ", ".join(t for t, _ in tags.most_common(6)))
    return "\n".join(lines)
