"""store/cv_rows.py: what the CV commands write in plain SQL is the row SQLModel writes, and
what they read is what SQLModel reads (times as models.UTCDateTime keeps them)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from careercoach.store import cv_rows, gap_rows
from careercoach.store.db import Store, open_store
from careercoach.store.models import CV, Analysis, Profile, UTCDateTime

CV_VALUES = {
    "name": "2026 data engineer",
    "filename": "cv.pdf",
    "kind": "pdf",
    "sha256": "a" * 64,
    "size_bytes": 4602,
    "page_count": 2,
    "word_count": 408,
    "text": "Ada Lovelace\nData engineer, Python and SQL. Ünïcode kept.",
}
REPORT = {
    "checks": [{"id": "contact", "title": "Contact details", "status": "warn", "weight": 10}],
    "score": 85,
    "formula": "100 × 85 ÷ 100 = 85",
    "review": None,
    "review_status": "none",
    "notes": ["offline: ü"],
}


@pytest.fixture
def store(coach_home: Path) -> Iterator[Store]:
    opened = open_store()
    yield opened
    opened.close()


def _fields(row: object, names: list[str]) -> dict[str, object]:
    return {name: getattr(row, name) for name in names}


def _raw_rows(store: Store, table: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(store.path) as conn:
        rows = conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
    conn.close()
    return rows


def _add_cvs(store: Store) -> list[CV]:
    """Three CVs through SQLModel: the first two added at the same moment (the id decides)."""
    moment = datetime(2026, 3, 1, 9, 30, 0, 123456, tzinfo=timezone(timedelta(hours=2)))
    with store.session() as session:
        rows = [
            CV(**{**CV_VALUES, "sha256": "b" * 64, "name": None}, created_at=moment),
            CV(**{**CV_VALUES, "sha256": "c" * 64, "page_count": None}, created_at=moment),
            CV(**CV_VALUES, created_at=moment - timedelta(days=1)),
        ]
        session.add_all(rows)
    return rows


def test_times_are_stored_as_utc_datetime_stores_them() -> None:
    column = UTCDateTime()
    for moment in (
        datetime(2026, 12, 5, 0, 1, 2, 3, tzinfo=timezone.utc),
        datetime(2026, 6, 30, 23, 59, 59, tzinfo=timezone(timedelta(hours=-7))),
        datetime(2026, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=5, minutes=30))),
    ):
        text = gap_rows.utc_text(moment)
        assert text == column.process_bind_param(moment, None)  # type: ignore[arg-type]
        assert column.process_result_value(text, None) == moment  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="naive"):
        gap_rows.utc_text(datetime(2026, 1, 1))


def test_a_cv_analysis_in_plain_sql_is_the_row_sqlmodel_writes(store: Store) -> None:
    stored, _ = gap_rows.insert_cv(store, CV_VALUES)
    values = {"kind": "cv", "cv_id": stored.id, "job_id": None, "mode": "offline"}
    before = datetime.now(timezone.utc)
    with store.session() as session:
        session.add(Analysis(**values, score=85.0, report=REPORT))
    plain_id = cv_rows.insert_analysis(store, {**values, "score": 85.0, "report": REPORT})
    assert plain_id == 2
    by_sqlmodel, in_plain_sql = _raw_rows(store, "analysis")
    assert by_sqlmodel[1:-1] == in_plain_sql[1:-1]  # every column but the id and the time
    with store.read_session() as session:
        rows = [session.get(Analysis, 1), session.get(Analysis, 2)]
    assert rows[1] is not None and rows[1].report == REPORT and rows[1].score == 85.0
    assert before <= rows[1].created_at <= datetime.now(timezone.utc)
    column = UTCDateTime()
    for row, raw in zip(rows, (by_sqlmodel, in_plain_sql)):
        assert row is not None and row.created_at.tzinfo == timezone.utc
        assert raw[-1] == column.process_bind_param(row.created_at, None)  # type: ignore[arg-type]


def test_updating_a_report_is_what_the_session_did(store: Store) -> None:
    for _ in range(2):
        cv_rows.insert_analysis(
            store, {"kind": "cv", "cv_id": None, "mode": "offline", "score": 1.0, "report": REPORT}
        )
    update = {"review": "## Strengths\n- ü", "review_status": "complete", "notes": []}
    with store.session() as session:
        row = session.get(Analysis, 1)
        assert row is not None
        row.report = {**row.report, **update}
        row.mode = "llm"
        session.add(row)
    assert cv_rows.update_analysis_report(store, 2, update, mode="llm")
    assert cv_rows.update_analysis_report(store, 2, {"model": "m"}) is True
    assert cv_rows.update_analysis_report(store, 99, update) is False
    by_sqlmodel, in_plain_sql = _raw_rows(store, "analysis")
    with store.read_session() as session:
        plain = session.get(Analysis, 2)
    assert plain is not None and plain.mode == "llm"
    assert plain.report == {**REPORT, **update, "model": "m"}
    assert in_plain_sql[1:-2] == by_sqlmodel[1:-2]


def test_cvs_are_listed_as_sqlmodel_reads_them(store: Store) -> None:
    from sqlmodel import col, select

    assert cv_rows.list_cvs(store) == []
    _add_cvs(store)
    with store.read_session() as session:
        expected = session.exec(select(CV).order_by(col(CV.created_at), col(CV.id))).all()
    listed = cv_rows.list_cvs(store)
    names = [*CV_VALUES, "id", "created_at"]
    assert [_fields(cv, names) for cv in listed] == [_fields(cv, names) for cv in expected]
    assert [cv.id for cv in listed] == [3, 1, 2]
    assert all(cv.created_at.tzinfo == timezone.utc for cv in listed)


def test_deleting_a_cv_unlinks_its_analyses_as_a_session_delete_does(store: Store) -> None:
    first, second, _ = _add_cvs(store)
    for cv in (first, second):
        cv_rows.insert_analysis(
            store, {"kind": "cv", "cv_id": cv.id, "mode": "offline", "score": 1.0, "report": {}}
        )
    with store.session() as session:
        row = session.get(CV, first.id)
        session.delete(row)
    removed = cv_rows.delete_cv(store, second.id or 0)
    assert removed is not None
    assert _fields(removed, list(CV_VALUES)) == _fields(second, list(CV_VALUES))
    assert cv_rows.delete_cv(store, second.id or 0) is None
    assert [cv.id for cv in cv_rows.list_cvs(store)] == [3]
    assert [row[2] for row in _raw_rows(store, "analysis")] == [None, None]


def test_the_profile_name(store: Store) -> None:
    assert cv_rows.profile_name(store) is None
    with store.session() as session:
        session.add(Profile(id=1))
    assert cv_rows.profile_name(store) is None
    with store.session() as session:
        profile = session.get(Profile, 1)
        assert profile is not None
        profile.name = "Şebnem Yıldırım"
        session.add(profile)
    assert cv_rows.profile_name(store) == "Şebnem Yıldırım"
