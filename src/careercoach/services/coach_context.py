"""What the coach knows about the person: a compact summary of what is stored, for chat.

Built fresh for every conversation turn from the profile, the open goals, one gap analysis
(the latest, or the one the person chose) and, only when the person opts in, the themes of
their recent journal. Contact details never enter it: the profile's e-mail, phone and links
are left out, and the whole summary passes the redaction step (which also replaces the
person's own name) before it goes into a prompt. The store is read in plain SQL
(store/gap_rows.py's profile facts and job, store/coach_rows.py for the rest), so a chat turn
never imports SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from careercoach.errors import BadInput, NotFound

if TYPE_CHECKING:
    from careercoach.store.coach_rows import AnalysisRow, JournalFigures, OpenGoal, Role
    from careercoach.store.db import Store
    from careercoach.store.gap_rows import ProfileFacts

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
    from careercoach.store.coach_rows import read_coach_rows
    from careercoach.store.gap_rows import read_profile_facts

    facts = read_profile_facts(store)
    since = (date.today() - timedelta(days=_JOURNAL_DAYS)).isoformat()
    rows = read_coach_rows(
        store,
        analysis_id=analysis_id,
        goals=_MAX_GOALS,
        journal_since=since if with_journal else None,
    )
    analysis = _checked(rows.analysis, analysis_id)
    context = CoachContext(person_name=facts.name)
    _add(context, "Profile", _profile(rows.headline, facts))
    _add(context, "Skills", _skills(facts.skills))
    _add(context, "Experience", _experience(rows.roles))
    _add(context, "Education and certifications", _education(facts))
    _add(context, "Open goals", _goals(rows.goals))
    if analysis is not None:
        context.analysis_id = analysis.id
        _add(context, f"Gap analysis #{analysis.id}", _gap_summary(store, analysis))
    if with_journal:
        _add(context, f"Journal, last {_JOURNAL_DAYS} days", _journal(rows.journal))
    return context


def _add(context: CoachContext, title: str, body: str | None) -> None:
    if body:
        context.sections[title] = body


def _profile(headline: str | None, facts: ProfileFacts) -> str | None:
    said = []
    if headline:
        said.append(f"headline: {headline}")
    if facts.location:
        said.append(f"location: {facts.location}")
    if facts.remote:
        said.append(f"remote work: {facts.remote}")
    if facts.salary_expectation:
        currency = f" {facts.currency}" if facts.currency else ""
        said.append(f"salary expectation: {facts.salary_expectation:,.0f}{currency}")
    return "; ".join(said) or None


def _skills(skills: list[Any]) -> str | None:
    if not skills:
        return None
    ordered = sorted(skills, key=lambda s: s.name)  # by name as stored: SQL's ORDER BY name
    shown = [f"{s.name} ({s.level})" if s.level else s.name for s in ordered[:_MAX_SKILLS]]
    more = len(skills) - len(shown)
    return ", ".join(shown) + (f", and {more} more" if more > 0 else "")


def _experience(roles: list[Role]) -> str | None:
    lines = []
    for role in sorted(roles, key=lambda e: e.start or "", reverse=True)[:_MAX_ROLES]:
        where = f" at {role.employer}" if role.employer else ""
        when = f" ({role.start or '?'} – {role.end or 'present'})"
        lines.append(f"- {role.title}{where}{when}")
        lines.extend(f"  - {a}" for a in role.achievements[:3])
    return "\n".join(lines) or None


def _education(facts: ProfileFacts) -> str | None:
    # In the order they were added (read_profile_facts sorts them newest first, as a CV does).
    lines = []
    for entry in sorted(facts.education, key=lambda e: e.id):
        what = " ".join(x for x in (entry.degree, entry.field_of_study) if x) or "studies"
        lines.append(f"- {what}, {entry.institution}" + (f" ({entry.end})" if entry.end else ""))
    for cert in sorted(facts.certifications, key=lambda c: c.id):
        lines.append(f"- certification: {cert.name}" + (f" ({cert.date})" if cert.date else ""))
    return "\n".join(lines) or None


def _goals(goals: list[OpenGoal]) -> str | None:
    lines = []
    for goal in goals:
        steps = goal.steps
        done = sum(1 for s in steps if s.done)
        progress = f"{round(100 * done / len(steps))}% done" if steps else "no steps yet"
        due = f", due {goal.due}" if goal.due else ""
        upcoming = next((s for s in steps if not s.done), None)
        nxt = f"; next step: {upcoming.text}" if upcoming else ""
        lines.append(f'- goal #{goal.id} "{goal.title}"{due}, {progress}{nxt}')
    return "\n".join(lines) or None


def _checked(analysis: AnalysisRow | None, analysis_id: int | None) -> AnalysisRow | None:
    """The analysis read for `analysis_id`, refused if there is none or it is not a gap one."""
    if analysis_id is None:
        return analysis
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


def _gap_summary(store: Store, analysis: AnalysisRow) -> str:
    from careercoach.store.gap_rows import find_job

    report = analysis.report or {}
    job = find_job(store, job_id=analysis.job_id) if analysis.job_id else None
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


def _journal(entries: list[JournalFigures]) -> str | None:
    from collections import Counter

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
    themes = Counter(t for e in entries for t in e.themes)
    tags = Counter(t for e in entries for t in e.tags)
    if themes:
        lines.append("- themes: " + ", ".join(t for t, _ in themes.most_common(6)))
    if tags:
        lines.append("- tags: " + ", ".join(t for t, _ in tags.most_common(6)))
    return "\n".join(lines)
