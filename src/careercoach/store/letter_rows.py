"""The rows `letter list`, `letter show` and `letter remove` read and delete, in plain SQL
through `Store.connect()`: like the CV commands (cv_rows.py), they are commands people wait
on, and importing SQLAlchemy and the table models would cost more than half a second.
Writing a letter stays with SQLModel (services/letters.py): it waits on a model anyway.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from careercoach.store.gap_rows import _utc

if TYPE_CHECKING:
    from careercoach.store.db import Store

_SELECT = (
    "SELECT l.id, l.job_id, l.cv_id, l.tone, l.text, l.mode, l.warnings, l.created_at, "
    "j.title AS job_title, j.company AS job_company "
    "FROM letter AS l LEFT JOIN job AS j ON j.id = l.job_id"
)


@dataclass(frozen=True)
class StoredLetter:
    """A letter row, with the title and company of its job (None when the job is gone)."""

    id: int
    job_id: int | None
    cv_id: int | None
    tone: str
    text: str
    mode: str
    warnings: list[str]
    created_at: datetime
    job_title: str | None
    job_company: str | None


def _letter(row: sqlite3.Row | None) -> StoredLetter | None:
    if row is None:
        return None
    data = dict(row)
    data["created_at"] = _utc(data["created_at"])
    data["warnings"] = list(json.loads(data["warnings"]) or []) if data["warnings"] else []
    return StoredLetter(**data)


def list_letters(store: Store, job_id: int | None = None) -> list[StoredLetter]:
    """Every stored letter (or one job's), the newest first."""
    where, args = ("WHERE l.job_id = ?", (job_id,)) if job_id is not None else ("", ())
    with store.connect() as conn:
        rows = conn.execute(
            f"{_SELECT} {where} ORDER BY l.created_at DESC, l.id DESC", args
        ).fetchall()
    return [letter for letter in map(_letter, rows) if letter is not None]


def find_letter(store: Store, letter_id: int) -> StoredLetter | None:
    """The letter with this id, or None."""
    with store.connect() as conn:
        return _letter(conn.execute(f"{_SELECT} WHERE l.id = ?", (letter_id,)).fetchone())


def delete_letter(store: Store, letter_id: int) -> StoredLetter | None:
    """Delete the letter with this id in one write transaction and return it as it was;
    None when there is none (also when another run deleted it first)."""
    with store.connect(write=True) as conn:
        found = _letter(conn.execute(f"{_SELECT} WHERE l.id = ?", (letter_id,)).fetchone())
        if found is not None:
            conn.execute("DELETE FROM letter WHERE id = ?", (letter_id,))
    return found
