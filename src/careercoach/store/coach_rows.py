"""What the coach reads besides the profile facts gap reads, in plain SQL through `connect()`.

Every chat turn summarises the store for the coach (services/coach_context.py), and chat is
the command people wait on with a warm model: importing SQLAlchemy, SQLModel and the table
models would cost more than the rest of the command. The name, skills, education and
certifications come from gap_rows.read_profile_facts and the analysed job from
gap_rows.find_job; this module reads the rest in one snapshot: the headline, the roles with
their achievements, the open goals with their steps, one gap analysis and, when asked, the
recent journal. Rows come back as small dataclasses with the table models' attribute names.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from careercoach.store.gap_rows import _utc

if TYPE_CHECKING:
    from careercoach.store.db import Store


@dataclass
class Role:
    """A row of the experience table (models.Experience), as the coach lists it."""

    title: str
    employer: str | None
    start: str | None
    end: str | None
    achievements: list[str]


@dataclass
class Step:
    text: str
    done: bool


@dataclass
class OpenGoal:
    """An open goal (models.Goal) with its steps in order (models.GoalStep)."""

    id: int
    title: str
    due: str | None
    steps: list[Step]


@dataclass
class AnalysisRow:
    """A row of the analysis table (models.Analysis), its report decoded."""

    id: int
    kind: str
    job_id: int | None
    mode: str
    verdict: str | None
    score: float | None
    report: dict[str, Any] | None
    created_at: datetime


@dataclass
class JournalFigures:
    """What the coach reads of a journal entry (models.JournalEntry)."""

    mood: int | None
    stress: float | None
    motivation: float | None
    themes: list[str]
    tags: list[str]


@dataclass
class CoachRows:
    headline: str | None = None
    roles: list[Role] = field(default_factory=list)  # in the table's order
    goals: list[OpenGoal] = field(default_factory=list)  # newest first
    analysis: AnalysisRow | None = None
    journal: list[JournalFigures] = field(default_factory=list)


_ANALYSIS = "SELECT id, kind, job_id, mode, verdict, score, report, created_at FROM analysis"


def read_coach_rows(
    store: Store, *, analysis_id: int | None, goals: int, journal_since: str | None
) -> CoachRows:
    """The headline, roles, the newest `goals` open goals, the analysis with `analysis_id`
    (of any kind; None if there is none) or else the latest gap analysis, and the journal
    entries dated `journal_since` ("YYYY-MM-DD") or later (none when it is None)."""
    with store.connect() as conn:
        profile = conn.execute("SELECT headline FROM profile WHERE id = 1").fetchone()
        return CoachRows(
            headline=profile["headline"] if profile else None,
            roles=[
                Role(r["title"], r["employer"], r["start"], r["end"], _json(r["achievements"]))
                for r in conn.execute(
                    'SELECT title, employer, start, "end", achievements FROM experience'
                )
            ],
            goals=_open_goals(conn, goals),
            analysis=_analysis(conn, analysis_id),
            journal=[] if journal_since is None else _journal(conn, journal_since),
        )


def _open_goals(conn: sqlite3.Connection, limit: int) -> list[OpenGoal]:
    goals = conn.execute(
        "SELECT id, title, due FROM goal WHERE status = 'open' ORDER BY id DESC LIMIT ?",
        (limit,),
    ).fetchall()
    return [
        OpenGoal(
            goal["id"],
            goal["title"],
            goal["due"],
            [
                Step(step["text"], bool(step["done"]))
                for step in conn.execute(
                    "SELECT text, done FROM goal_step WHERE goal_id = ? ORDER BY position",
                    (goal["id"],),
                )
            ],
        )
        for goal in goals
    ]


def _analysis(conn: sqlite3.Connection, analysis_id: int | None) -> AnalysisRow | None:
    if analysis_id is None:
        row = conn.execute(
            f"{_ANALYSIS} WHERE kind = 'gap' ORDER BY created_at DESC, id DESC LIMIT 1"
        ).fetchone()
    else:
        row = conn.execute(f"{_ANALYSIS} WHERE id = ?", (analysis_id,)).fetchone()
    if row is None:
        return None
    data = dict(row)
    data["report"] = json.loads(data["report"]) if data["report"] is not None else None
    data["created_at"] = _utc(data["created_at"])
    return AnalysisRow(**data)


def _journal(conn: sqlite3.Connection, since: str) -> list[JournalFigures]:
    return [
        JournalFigures(
            r["mood"], r["stress"], r["motivation"], _json(r["themes"]), _json(r["tags"])
        )
        for r in conn.execute(
            "SELECT mood, stress, motivation, themes, tags FROM journal_entry "
            "WHERE entry_date >= ?",
            (since,),
        )
    ]


def _json(text: str | None) -> list[str]:
    return list(json.loads(text) or []) if text else []
