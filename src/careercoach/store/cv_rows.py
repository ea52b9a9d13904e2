"""The rows the CV commands read and write, in plain SQL through `Store.connect()`.

`cv add`, `cv list`, `cv show`, `cv remove` and `cv analyze` are commands people wait on, and
importing SQLAlchemy, SQLModel and the table models costs about half a second, more than
extracting and checking a CV. So they read and write here with sqlite3, storing exactly what
the SQLModel tables in models.py store (tests/store/test_cv_rows.py reads each row back through
SQLModel). Finding and adding one CV is shared with `gap` in gap_rows.py.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from careercoach.store.gap_rows import (
    CV_COLUMNS,
    StoredCV,
    cv_from_row,
    insert_row,
    json_text,
    select_cv,
    utc_text,
)

if TYPE_CHECKING:
    from careercoach.store.db import Store


def list_cvs(store: Store) -> list[StoredCV]:
    """Every stored CV, oldest first."""
    with store.connect() as conn:
        rows = conn.execute(f"SELECT {CV_COLUMNS} FROM cv ORDER BY created_at, id").fetchall()
    return [cv for cv in map(cv_from_row, rows) if cv is not None]


def delete_cv(store: Store, cv_id: int) -> StoredCV | None:
    """Delete the CV with this id and return it as it was; None if there is none.

    Analyses made from it stay: the schema's ON DELETE SET NULL unlinks them.
    """
    with store.connect(write=True) as conn:
        found = cv_from_row(select_cv(conn, cv_id=cv_id, sha256=None))
        if found is not None:
            conn.execute("DELETE FROM cv WHERE id = ?", (cv_id,))
    return found


def profile_name(store: Store) -> str | None:
    """The name in the profile, if one is stored."""
    with store.connect() as conn:
        row = conn.execute("SELECT name FROM profile WHERE id = 1").fetchone()
    return row["name"] if row is not None else None


def insert_analysis(store: Store, values: dict[str, Any]) -> int:
    """Store an analysis (the analysis columns but id and created_at, the report as a dict)
    and return its id."""
    row = {**values, "report": json_text(values["report"])}
    row["created_at"] = utc_text(datetime.now(timezone.utc))
    with store.connect(write=True) as conn:
        return insert_row(conn, "analysis", row)


def update_analysis_report(
    store: Store, analysis_id: int, update: dict[str, Any], *, mode: str | None = None
) -> bool:
    """Merge `update` into an analysis's report (and set its mode when given), in one
    transaction; False when the analysis is gone (removed meanwhile by another command)."""
    with store.connect(write=True) as conn:
        row = conn.execute("SELECT report FROM analysis WHERE id = ?", (analysis_id,)).fetchone()
        if row is None:
            return False
        report = {**json.loads(row["report"]), **update}
        conn.execute(
            "UPDATE analysis SET report = ?, mode = coalesce(?, mode) WHERE id = ?",
            (json_text(report), mode, analysis_id),
        )
    return True
