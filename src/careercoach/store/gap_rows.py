"""The rows the offline `gap` reads and writes, in plain SQL through `Store.connect()`.

`gap` is the command people wait on, and SQLAlchemy, SQLModel and the table models cost about
half a second to import, more than the whole analysis. So the CV, the job, the profile facts
the engine reads and the new analysis go through sqlite3 here, stored exactly as the SQLModel
tables in models.py store them (times as UTC ISO 8601 text with microseconds, lists and dicts
as json.dumps text); tests/store/test_gap_rows.py reads each one back through SQLModel.
The rows come back as small dataclasses with the same attribute names as the table models.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from careercoach.store.db import Store


@dataclass
class StoredCV:
    """A row of the cv table (models.CV)."""

    id: int
    name: str | None
    filename: str
    kind: str
    sha256: str
    size_bytes: int
    page_count: int | None
    word_count: int
    text: str
    created_at: datetime


@dataclass
class StoredJob:
    """A row of the job table (models.Job)."""

    id: int
    kind: str
    title: str | None
    company: str | None
    location: str | None
    remote: str | None
    salary_min: float | None
    salary_max: float | None
    currency: str | None
    years_required: float | None
    degree: str | None
    required_skills: list[str]
    preferred_skills: list[str]
    text: str
    filename: str | None
    sha256: str | None
    created_at: datetime


@dataclass
class ProfileFacts:
    """What the gap engine reads from the profile, ordered as services.profile orders it."""

    name: str | None = None
    location: str | None = None
    remote: str | None = None
    salary_expectation: float | None = None
    currency: str | None = None
    skills: list[Any] = field(default_factory=list)  # rows with name, level, evidence
    experience: list[Any] = field(default_factory=list)  # title, employer, start, end
    education: list[Any] = field(default_factory=list)  # institution, degree, field_of_study, ...
    certifications: list[Any] = field(default_factory=list)  # name, issuer, date


@dataclass(frozen=True)
class StoredAnalysis:
    """What a new analysis row got from the store: its id, the previous one's, its time."""

    id: int
    previous_id: int | None
    created_at: datetime


def utc_text(moment: datetime) -> str:
    """A timezone-aware time as the store keeps it (models.UTCDateTime)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: give it a time zone (UTC)")
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _utc(text: str) -> datetime:
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def json_text(value: Any) -> str:
    """A list or dict as the store keeps it: what SQLAlchemy's JSON type writes by default."""
    return json.dumps(value)


def insert_row(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    """Insert `row` (column: value, as stored) into `table`; the new row's id."""
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cursor = conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(row.values()))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _list(text: str | None) -> list[str]:
    value = json.loads(text) if text else None
    return list(value) if value else []


# --- CVs -------------------------------------------------------------------------------------


def cv_from_row(row: sqlite3.Row | None) -> StoredCV | None:
    if row is None:
        return None
    data = dict(row)
    data["created_at"] = _utc(data["created_at"])
    return StoredCV(**data)


CV_COLUMNS = (
    "id, name, filename, kind, sha256, size_bytes, page_count, word_count, text, created_at"
)


def find_cv(
    store: Store, *, cv_id: int | None = None, sha256: str | None = None
) -> StoredCV | None:
    """The CV with this id or this file hash; with neither, the most recent CV."""
    with store.connect() as conn:
        return cv_from_row(select_cv(conn, cv_id=cv_id, sha256=sha256))


def select_cv(
    conn: sqlite3.Connection, *, cv_id: int | None, sha256: str | None
) -> sqlite3.Row | None:
    args: tuple[Any, ...]
    if cv_id is not None:
        query, args = f"SELECT {CV_COLUMNS} FROM cv WHERE id = ?", (cv_id,)
    elif sha256 is not None:
        query, args = f"SELECT {CV_COLUMNS} FROM cv WHERE sha256 = ?", (sha256,)
    else:
        query = f"SELECT {CV_COLUMNS} FROM cv ORDER BY created_at DESC, id DESC LIMIT 1"
        args = ()
    row: sqlite3.Row | None = conn.execute(query, args).fetchone()
    return row


def insert_cv(store: Store, values: dict[str, Any]) -> tuple[StoredCV, bool]:
    """Store a CV (the cv columns but id and created_at); (the stored one, False) when a CV
    with the same sha256 is there already."""
    with store.connect(write=True) as conn:
        existing = select_cv(conn, cv_id=None, sha256=values["sha256"])
        if existing is not None:
            return cv_from_row(existing), False  # type: ignore[return-value]
        row = {**values, "created_at": utc_text(datetime.now(timezone.utc))}
        stored = cv_from_row(select_cv(conn, cv_id=insert_row(conn, "cv", row), sha256=None))
    return stored, True  # type: ignore[return-value]


# --- jobs ------------------------------------------------------------------------------------

_JOB_COLUMNS = (
    "id, kind, title, company, location, remote, salary_min, salary_max, currency, "
    "years_required, degree, required_skills, preferred_skills, text, filename, sha256, "
    "created_at"
)


def _job(row: sqlite3.Row | None) -> StoredJob | None:
    if row is None:
        return None
    data = dict(row)
    data["created_at"] = _utc(data["created_at"])
    data["required_skills"] = _list(data["required_skills"])
    data["preferred_skills"] = _list(data["preferred_skills"])
    return StoredJob(**data)


def find_job(
    store: Store, *, job_id: int | None = None, sha256: str | None = None
) -> StoredJob | None:
    """The job with this id or the first with this file hash; with neither, the latest job."""
    args: tuple[Any, ...]
    if job_id is not None:
        query, args = f"SELECT {_JOB_COLUMNS} FROM job WHERE id = ?", (job_id,)
    elif sha256 is not None:
        query = f"SELECT {_JOB_COLUMNS} FROM job WHERE sha256 = ? ORDER BY id LIMIT 1"
        args = (sha256,)
    else:
        query = f"SELECT {_JOB_COLUMNS} FROM job ORDER BY created_at DESC, id DESC LIMIT 1"
        args = ()
    with store.connect() as conn:
        return _job(conn.execute(query, args).fetchone())


def insert_job(store: Store, values: dict[str, Any]) -> StoredJob:
    """Store a job (the job columns but id and created_at) and return it as stored; the job
    already stored from the same file (sha256) when there is one, as insert_cv does, so two
    runs reading one posting at once keep one copy."""
    row = {**values, "created_at": utc_text(datetime.now(timezone.utc))}
    for name in ("required_skills", "preferred_skills"):
        row[name] = json_text(list(row.get(name) or []))
    with store.connect(write=True) as conn:
        if row.get("sha256") is not None:
            existing = conn.execute(
                f"SELECT {_JOB_COLUMNS} FROM job WHERE sha256 = ? ORDER BY id LIMIT 1",
                (row["sha256"],),
            ).fetchone()
            if existing is not None:
                return _job(existing)  # type: ignore[return-value]
        job_id = insert_row(conn, "job", row)
        stored = conn.execute(f"SELECT {_JOB_COLUMNS} FROM job WHERE id = ?", (job_id,)).fetchone()
    return _job(stored)  # type: ignore[return-value]


# --- the profile -----------------------------------------------------------------------------


def _newest_first(rows: list[SimpleNamespace], start: str = "start") -> list[SimpleNamespace]:
    """Newest start (or date) first, undated last: services.profile's order, as on a CV."""

    def key(row: SimpleNamespace) -> tuple[bool, str, int]:
        value = getattr(row, start)
        return (bool(value), value or "", row.id or 0)

    return sorted(rows, key=key, reverse=True)


def read_profile_facts(store: Store) -> ProfileFacts:
    """The profile's fields, skills, jobs, degrees and certifications in one snapshot."""
    with store.connect() as conn:

        def rows(query: str) -> list[SimpleNamespace]:
            return [SimpleNamespace(**dict(row)) for row in conn.execute(query)]

        person = conn.execute(
            "SELECT name, location, remote, salary_expectation, currency FROM profile WHERE id = 1"
        ).fetchone()
        skills = rows("SELECT id, name, level, evidence FROM profile_skill")
        experience = rows('SELECT id, title, employer, location, start, "end" FROM experience')
        education = rows(
            'SELECT id, institution, degree, field_of_study, start, "end" FROM education'
        )
        certifications = rows("SELECT id, name, issuer, date FROM certification")
    facts = ProfileFacts(
        skills=sorted(skills, key=lambda s: (s.name.casefold(), s.id)),
        experience=_newest_first(experience),
        education=_newest_first(education),
        certifications=_newest_first(certifications, start="date"),
    )
    if person is not None:
        for name in ("name", "location", "remote", "salary_expectation", "currency"):
            setattr(facts, name, person[name])
    return facts


# --- analyses --------------------------------------------------------------------------------


def insert_gap_analysis(
    store: Store,
    *,
    cv_id: int,
    job_id: int,
    mode: str,
    verdict: str | None,
    score: float | None,
    context: str | None,
    report: Any,
) -> StoredAnalysis:
    """Store a gap analysis linked to the previous one for this CV and job.

    `report(stored)` makes the report to keep from what the store gave the row (its id, the
    previous id, the time); it is written in the same transaction, so the row never exists
    without its report.
    """
    created = datetime.now(timezone.utc)
    with store.connect(write=True) as conn:
        previous = conn.execute(
            "SELECT id FROM analysis WHERE kind = 'gap' AND cv_id = ? AND job_id = ? "
            "ORDER BY created_at DESC, id DESC LIMIT 1",
            (cv_id, job_id),
        ).fetchone()
        cursor = conn.execute(
            "INSERT INTO analysis (kind, cv_id, job_id, previous_id, mode, verdict, score, "
            "context, report, created_at) VALUES ('gap', ?, ?, ?, ?, ?, ?, ?, '{}', ?)",
            (
                cv_id,
                job_id,
                previous["id"] if previous else None,
                mode,
                verdict,
                score,
                context,
                utc_text(created),
            ),
        )
        assert cursor.lastrowid is not None
        stored = StoredAnalysis(cursor.lastrowid, previous["id"] if previous else None, created)
        conn.execute(
            "UPDATE analysis SET report = ? WHERE id = ?", (json_text(report(stored)), stored.id)
        )
    return stored
