"""Offline advice: deterministic rules over the facts stored about the person.

Pure: a `Facts` snapshot in (services/advise.py reads it from the store), prioritised
recommendations and a 7-day plan out, every item carrying the stored fact it rests on.

How the rules rank (lower weight = more urgent; the priority shown is the rank):

    5   stress high (average >= 7/10 over >= 2 analysed journal entries in 30 days)
    10  an overdue step of an open goal (up to 3, most overdue first)
    12  no CV stored                 14  no job stored             15  stress rising
    16  CV and job but no gap analysis                               18  CV but no skills
    20  a goal due within 14 days and under 50% done
    22  no open goal                 25+p  a critical/major missing skill of the latest gap
    28  the latest CV analysis scored under 60                     30  motivation low
    35  latest gap FIT with readiness >= 70 and no application    40  a goal without steps
    45  a CV never analysed          50  no journal entry in 30 days  55  entries never analysed

The 7-day plan takes one action per recommendation in that order; free days get the next
step of an open goal, a short journal entry and a progress review, and when stress is high
the last day is a rest day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

MAX_RECOMMENDATIONS = 8
PLAN_DAYS = 7
STRESS_HIGH = 7.0
STRESS_ELEVATED = 5.5
STRESS_RISE = 1.5
MOTIVATION_LOW = 4.0
SOON_DAYS = 14
CV_SCORE_LOW = 60


@dataclass
class OverdueStep:
    text: str
    due: str
    days_overdue: int


@dataclass
class GoalFact:
    id: int
    title: str
    due: str | None
    days_left: int | None
    progress: int
    steps_total: int
    next_step: str | None
    overdue_steps: list[OverdueStep] = field(default_factory=list)

    def label(self) -> str:
        return f"goal #{self.id} '{self.title}'"

    def describe(self) -> str:
        due = ""
        if self.days_left is not None:
            due = (
                f", due in {self.days_left} days ({self.due})"
                if self.days_left >= 0
                else f", {-self.days_left} days past its due date ({self.due})"
            )
        steps = f"{self.steps_total} steps" if self.steps_total else "no steps yet"
        return f"{self.label()} is {self.progress}% done ({steps}){due}"


@dataclass
class MissingSkill:
    skill: str
    severity: str
    priority: int | None
    required: bool


@dataclass
class GapFact:
    id: int
    created: str
    job_title: str | None
    verdict: str | None
    readiness: float | None
    missing: list[MissingSkill] = field(default_factory=list)

    def label(self) -> str:
        job = f" for '{self.job_title}'" if self.job_title else ""
        parts = [p for p in (self.verdict, _score("readiness", self.readiness)) if p]
        extra = f" ({', '.join(parts)})" if parts else ""
        return f"gap analysis #{self.id}{job}{extra}, {self.created}"


@dataclass
class CVReportFact:
    id: int
    created: str
    score: float | None


@dataclass
class JournalFact:
    entries: int = 0  # entries dated in the window
    analysed: int = 0
    avg_stress: float | None = None
    avg_motivation: float | None = None
    avg_mood: float | None = None
    stress_change: float | None = None  # later half minus earlier half of the window
    top_themes: list[tuple[str, int]] = field(default_factory=list)
    window_days: int = 30

    def describe(self) -> str:
        if not self.entries:
            return f"no journal entries in the last {self.window_days} days"
        parts = [f"{self.entries} journal entries in the last {self.window_days} days"]
        if self.analysed:
            parts.append(f"{self.analysed} analysed")
        if self.avg_stress is not None:
            parts.append(f"average stress {self.avg_stress:.1f}/10")
        if self.stress_change is not None and abs(self.stress_change) >= 0.5:
            parts.append(
                f"stress {'up' if self.stress_change > 0 else 'down'} {abs(self.stress_change):.1f}"
            )
        if self.avg_motivation is not None:
            parts.append(f"average motivation {self.avg_motivation:.1f}/10")
        if self.avg_mood is not None:
            parts.append(f"own mood rating {self.avg_mood:.1f}/5")
        if self.top_themes:
            parts.append("themes: " + ", ".join(f"{t} ({n})" for t, n in self.top_themes))
        return "; ".join(parts)


@dataclass
class Facts:
    """Everything the advice rests on, read from the store at one moment."""

    today: date
    headline: str | None = None
    skills: int = 0
    cvs: int = 0
    jobs: int = 0
    goals: list[GoalFact] = field(default_factory=list)
    gaps: list[GapFact] = field(default_factory=list)  # newest first
    cv_reports: list[CVReportFact] = field(default_factory=list)  # newest first
    journal: JournalFact = field(default_factory=JournalFact)
    applications: dict[str, int] | None = None  # status -> count; None: no such table yet

    @property
    def is_empty(self) -> bool:
        return not (
            self.cvs or self.jobs or self.goals or self.gaps or self.journal.entries or self.skills
        )


@dataclass
class Item:
    """A recommendation (or plan day) and the stored fact it rests on."""

    priority: int
    text: str
    basis: str


@dataclass
class PlanDay:
    day: int
    action: str
    basis: str


@dataclass
class Advice:
    recommendations: list[Item]
    plan: list[PlanDay]
    notes: list[str]


@dataclass
class _Candidate:
    weight: float
    text: str
    action: str
    basis: str


def _score(name: str, value: float | None) -> str | None:
    return None if value is None else f"{name} {round(value)}/100"


def fact_lines(facts: Facts) -> list[str]:
    """The facts as short lines: the data block a model reads, and the bases rules cite."""
    lines = [f"today is {facts.today.isoformat()}"]
    lines.append(f"profile headline: {facts.headline}" if facts.headline else "no profile headline")
    lines.append(f"{facts.skills} skills in the profile")
    lines.append(f"{facts.cvs} CVs stored; {facts.jobs} jobs stored")
    for report in facts.cv_reports[:2]:
        lines.append(
            f"CV analysis #{report.id} ({report.created}): "
            f"{_score('score', report.score) or 'no score'}"
        )
    lines.extend(_gap_lines(facts.gaps[:3]))
    lines.extend(
        g.describe() + (f"; next step: '{g.next_step}'" if g.next_step else "") for g in facts.goals
    )
    for goal in facts.goals:
        lines.extend(
            f"{goal.label()}: step '{s.text}' was due {s.due} ({s.days_overdue} days overdue)"
            for s in goal.overdue_steps
        )
    if not facts.goals:
        lines.append("no open goals")
    lines.append(facts.journal.describe())
    if facts.applications is not None:
        total = sum(facts.applications.values())
        detail = ", ".join(f"{k}: {v}" for k, v in sorted(facts.applications.items()))
        lines.append(f"{total} job applications" + (f" ({detail})" if detail else ""))
    return lines


def _gap_lines(gaps: list[GapFact]) -> list[str]:
    lines = []
    for gap in gaps:
        missing = ", ".join(
            f"{m.skill} ({m.severity}, priority {m.priority if m.priority is not None else '-'})"
            for m in gap.missing[:8]
        )
        lines.append(f"{gap.label()}: missing {missing or 'nothing'}")
    return lines


def offline_advice(facts: Facts) -> Advice:
    """Recommendations and a 7-day plan from the rules in this module's docstring."""
    candidates = sorted(_candidates(facts), key=lambda c: c.weight)[:MAX_RECOMMENDATIONS]
    recommendations = [Item(i, c.text, c.basis) for i, c in enumerate(candidates, start=1)]
    notes = [
        "Offline advice: fixed rules over what is stored (no model was called); "
        "the order follows the rule weights listed in careercoach's analysis/advice.py.",
    ]
    if facts.journal.analysed and facts.journal.avg_stress is not None:
        notes.append(
            "Stress and motivation figures come from journal analyses, which may be estimates."
        )
    if facts.is_empty:
        notes.append("Nothing is stored yet, so this is starter advice.")
    return Advice(recommendations, _plan(facts, candidates), notes)


def _candidates(facts: Facts) -> list[_Candidate]:
    found: list[_Candidate] = []
    found += _stress_rules(facts)
    found += _goal_rules(facts)
    found += _material_rules(facts)
    found += _gap_rules(facts)
    found += _journal_rules(facts)
    return found


def _stress_rules(facts: Facts) -> list[_Candidate]:
    j = facts.journal
    out: list[_Candidate] = []
    if j.analysed >= 2 and j.avg_stress is not None:
        rising = j.stress_change is not None and j.stress_change >= STRESS_RISE
        if j.avg_stress >= STRESS_HIGH or (j.avg_stress >= STRESS_ELEVATED and rising):
            out.append(
                _Candidate(
                    5 if j.avg_stress >= STRESS_HIGH else 15,
                    "Your stress has been high lately: protect your recovery before adding more. "
                    "Set a fixed finishing time, keep one evening a week free of career work, and "
                    "drop or postpone one non-essential task. If it keeps building, talk to "
                    "someone you trust or a professional.",
                    "Set a fixed finishing time this week; drop or postpone one non-essential task",
                    j.describe(),
                )
            )
    if j.analysed >= 2 and j.avg_motivation is not None and j.avg_motivation <= MOTIVATION_LOW:
        out.append(
            _Candidate(
                30,
                "Motivation is low: aim for small, visible wins. Pick a 30-minute task you can "
                "finish today and note it in your journal when it is done.",
                "Finish one 30-minute task and write one line about it in your journal",
                j.describe(),
            )
        )
    return out


def _goal_rules(facts: Facts) -> list[_Candidate]:
    out: list[_Candidate] = []
    overdue = [(s, g) for g in facts.goals for s in g.overdue_steps]
    overdue.sort(key=lambda pair: -pair[0].days_overdue)
    for step, goal in overdue[:3]:
        out.append(
            _Candidate(
                10 - min(step.days_overdue, 365) / 1000,
                f"Catch up on {goal.label()}: finish the overdue step '{step.text}', or give it "
                "a realistic new date so the plan stays honest.",
                f"Finish or re-date the overdue step '{step.text}' (goal #{goal.id})",
                f"{goal.describe()}; step '{step.text}' was due {step.due} "
                f"({step.days_overdue} days overdue)",
            )
        )
    for goal in facts.goals:
        soon = goal.days_left is not None and 0 <= goal.days_left <= SOON_DAYS
        # A goal with overdue steps is already covered by the catch-up rule above.
        if soon and goal.progress < 50 and not goal.overdue_steps:
            nxt = f"its next step '{goal.next_step}'" if goal.next_step else "one concrete step"
            out.append(
                _Candidate(
                    20,
                    f"{goal.label()} is due soon and under half done: put your next hours into "
                    f"{nxt}, or move the due date on purpose.",
                    f"Spend an hour on {nxt} (goal #{goal.id})",
                    goal.describe(),
                )
            )
        if goal.steps_total == 0:
            out.append(
                _Candidate(
                    40,
                    f"Break {goal.label()} into small dated steps: careercoach goal plan {goal.id}",
                    f"Run careercoach goal plan {goal.id} and keep the steps that fit",
                    goal.describe(),
                )
            )
    if not facts.goals:
        target = facts.gaps[0].job_title if facts.gaps and facts.gaps[0].job_title else None
        example = f"'Become ready for {target}'" if target else "'Get my first data role'"
        out.append(
            _Candidate(
                22,
                f"Set one career goal with a date, e.g. careercoach goal add {example} "
                "--due 'in 3 months'; then let the coach break it into steps with goal plan.",
                "Write down one goal with a due date (careercoach goal add)",
                "no open goals stored",
            )
        )
    return out


def _material_rules(facts: Facts) -> list[_Candidate]:
    out: list[_Candidate] = []
    if not facts.cvs:
        out.append(
            _Candidate(
                12,
                "Add your CV so the coach can see where you stand: careercoach cv add FILE",
                "Add your current CV (careercoach cv add FILE)",
                "no CV stored",
            )
        )
    elif not facts.skills:
        out.append(
            _Candidate(
                18,
                "Turn your CV into a profile of skills: careercoach cv parse",
                "Run careercoach cv parse and check the skills it finds",
                f"{facts.cvs} CV(s) stored, but no skills in the profile",
            )
        )
    if not facts.jobs:
        out.append(
            _Candidate(
                14,
                "Add a job you want (a posting, or your dream role in your own words): "
                "careercoach job add FILE or careercoach job describe TEXT",
                "Save one job posting you would apply for (careercoach job add)",
                "no job postings stored",
            )
        )
    if facts.cvs and facts.jobs and not facts.gaps:
        out.append(
            _Candidate(
                16,
                "Compare your CV with the job: careercoach gap shows what is missing and what "
                "matters most.",
                "Run careercoach gap and read its top three gaps",
                f"{facts.cvs} CV(s) and {facts.jobs} job(s) stored, no gap analysis yet",
            )
        )
    if facts.cv_reports:
        latest = facts.cv_reports[0]
        if latest.score is not None and latest.score < CV_SCORE_LOW:
            out.append(
                _Candidate(
                    28,
                    "Your CV scored low in its last analysis: fix the top issues it listed, then "
                    "run careercoach cv analyze again.",
                    "Fix the first two issues of your last CV analysis",
                    f"CV analysis #{latest.id} ({latest.created}) scored {round(latest.score)}/100",
                )
            )
    elif facts.cvs:
        out.append(
            _Candidate(
                45,
                "Get objective feedback on your CV: careercoach cv analyze",
                "Run careercoach cv analyze",
                f"{facts.cvs} CV(s) stored, none analysed",
            )
        )
    return out


def _gap_rules(facts: Facts) -> list[_Candidate]:
    if not facts.gaps:
        return []
    gap = facts.gaps[0]
    out: list[_Candidate] = []
    important = [m for m in gap.missing if m.severity in ("critical", "major")]
    important.sort(
        key=lambda m: (m.priority if m.priority is not None else 99, m.severity != "critical")
    )
    for skill in important[:3]:
        rank = skill.priority if skill.priority is not None else 9
        out.append(
            _Candidate(
                25 + min(rank, 9) / 10,
                f"Close the gap in {skill.skill}: follow one official tutorial and build a small "
                "piece of work that uses it, so you can show it on your CV.",
                f"Spend an hour on {skill.skill}: an official tutorial, then a tiny exercise",
                f"{gap.label()}: {skill.skill} missing, {skill.severity}, "
                f"priority {skill.priority if skill.priority is not None else '-'}",
            )
        )
    applied = sum((facts.applications or {}).values())
    if gap.verdict == "FIT" and (gap.readiness or 0) >= 70 and not applied:
        out.append(
            _Candidate(
                35,
                "You look ready for this kind of role: apply, and track it with "
                "careercoach apply add.",
                "Send one application for a role like the one you analysed",
                gap.label()
                + ("; no applications stored" if facts.applications is not None else ""),
            )
        )
    return out


def _journal_rules(facts: Facts) -> list[_Candidate]:
    j = facts.journal
    if not j.entries:
        return [
            _Candidate(
                50,
                "Keep a short work journal (careercoach journal add): a few lines a day let the "
                "coach notice stress and progress early.",
                "Write five lines in your journal: what moved, what drained you",
                j.describe(),
            )
        ]
    if not j.analysed:
        return [
            _Candidate(
                55,
                "Let the coach read your recent journal: careercoach journal analyze --last 7",
                "Run careercoach journal analyze --last 7",
                j.describe() + ", none analysed",
            )
        ]
    return []


def _plan(facts: Facts, candidates: list[_Candidate]) -> list[PlanDay]:
    actions = [(c.action, c.basis) for c in candidates]
    actions += _fillers(facts)
    rest = (
        facts.journal.avg_stress is not None
        and facts.journal.analysed >= 2
        and facts.journal.avg_stress >= STRESS_ELEVATED
    )
    days = PLAN_DAYS - 1 if rest else PLAN_DAYS
    chosen: list[tuple[str, str]] = []
    seen: set[str] = set()
    for action, basis in actions:
        if action not in seen:
            chosen.append((action, basis))
            seen.add(action)
        if len(chosen) == days:
            break
    index = 0
    while len(chosen) < days:  # few facts: repeat the most useful actions
        action, basis = actions[index % len(actions)]
        chosen.append((f"Continue: {action[0].lower()}{action[1:]}", basis))
        index += 1
    plan = [PlanDay(i, a, b) for i, (a, b) in enumerate(chosen, start=1)]
    if rest:
        plan.append(
            PlanDay(
                PLAN_DAYS,
                "Rest day: no career work; do something that restores you",
                facts.journal.describe(),
            )
        )
    return plan


def _fillers(facts: Facts) -> list[tuple[str, str]]:
    out = [
        (f"Do the next step of goal #{g.id}: '{g.next_step}'", g.describe())
        for g in facts.goals
        if g.next_step and not g.overdue_steps
    ]
    if facts.journal.entries:
        out.append(
            ("Write five lines in your journal about the week so far", facts.journal.describe())
        )
    if facts.goals:
        out.append(
            (
                "Review your goals (careercoach goal list) and tick off finished steps",
                f"{len(facts.goals)} open goal(s)",
            )
        )
    return out
