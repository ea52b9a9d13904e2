"""store/gap_rows.py: what the offline gap writes in plain SQL reads back through SQLModel as
if SQLModel had written it, and what SQLModel wrote reads back the same in plain SQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from careercoach.store import gap_rows
from careercoach.store.db import Store, open_store
from careercoach.store.models import CV, Analysis, Job


@pytest.fixture
def store(coach_home: Path) -> Iterator[Store]:
    opened = open_store()
    yield opened
    opened.close()


CV_VALUES = {
    "name": None,
    "filename": "cv.pdf",
    "kind": "pdf",
    "sha256": "a" * 64,
    "size_bytes": 4602,
    "page_count": 2,
    "word_count": 408,
    "text": "Ada Lovelace\nData engineer, Python and SQL. Ünïcode kept.",
}
JOB_VALUES = {
    "kind": "posting",
    "title": "Data Engineer",
    "company": "Finlytics",
    "location": "London, UK",
    "remote": "hybrid",
    "salary_min": 55000.0,
    "salary_max": 70000,
    "currency": "GBP",
    "years_required": 3,
    "degree": "bachelor",
    "required_skills": ["Python", "SQL", "Çalışkanlık"],
    "preferred_skills": [],
    "text": "We want Python and SQL.",
    "filename": "posting.md",
    "sha256": "b" * 64,
}


def _fields(row: object, names: list[str]) -> dict[str, object]:
    return {name: getattr(row, name) for name in names}


def test_a_cv_written_in_plain_sql_reads_back_through_sqlmodel(store: Store) -> None:
    before = datetime.now(timezone.utc)
    stored, created = gap_rows.insert_cv(store, CV_VALUES)
    assert created and stored.id == 1
    with store.read_session() as session:
        row = session.get(CV, stored.id)
    assert row is not None
    assert _fields(row, list(CV_VALUES)) == CV_VALUES
    assert row.created_at == stored.created_at
    assert before <= row.created_at <= datetime.now(timezone.utc)
    again, created = gap_rows.insert_cv(store, {**CV_VALUES, "filename": "copy.pdf"})
    assert not created and again == stored  # one row per distinct file
    assert gap_rows.find_cv(store, sha256=CV_VALUES["sha256"]) == stored
    assert gap_rows.find_cv(store, cv_id=stored.id) == stored
    assert gap_rows.find_cv(store, cv_id=99) is None


def test_a_cv_sqlmodel_wrote_reads_back_the_same_in_plain_sql(store: Store) -> None:
    with store.session() as session:
        older = CV(**{**CV_VALUES, "sha256": "c" * 64})
        older.created_at -= timedelta(days=1)
        newer = CV(**CV_VALUES)
        session.add_all([older, newer])
    latest = gap_rows.find_cv(store)
    assert latest is not None
    assert _fields(latest, [*CV_VALUES, "id", "created_at"]) == _fields(
        newer, [*CV_VALUES, "id", "created_at"]
    )


def test_a_job_written_in_plain_sql_reads_back_through_sqlmodel(store: Store) -> None:
    stored = gap_rows.insert_job(store, JOB_VALUES)
    with store.read_session() as session:
        row = session.get(Job, stored.id)
    assert row is not None
    assert _fields(row, list(JOB_VALUES)) == JOB_VALUES
    assert isinstance(row.salary_max, float) and isinstance(row.years_required, float)
    assert row.created_at == stored.created_at
    assert _fields(stored, list(JOB_VALUES)) == _fields(row, list(JOB_VALUES))
    assert gap_rows.find_job(store, sha256=JOB_VALUES["sha256"]) == stored
    assert gap_rows.find_job(store) == stored
    assert gap_rows.find_job(store, job_id=stored.id + 1) is None


def test_the_same_posting_file_stored_twice_keeps_one_job(store: Store) -> None:
    first = gap_rows.insert_job(store, JOB_VALUES)
    second = gap_rows.insert_job(store, {**JOB_VALUES, "title": "read again"})
    assert second == first
    with store.connect() as conn:
        assert conn.execute("SELECT count(*) FROM job").fetchone()[0] == 1
    other = gap_rows.insert_job(store, {**JOB_VALUES, "sha256": "f" * 64})
    assert other.id != first.id


def test_the_stored_text_of_lists_and_times_is_what_sqlmodel_writes(store: Store) -> None:
    gap_rows.insert_job(store, JOB_VALUES)
    with store.session() as session:
        session.add(Job(**{**JOB_VALUES, "sha256": "d" * 64}))
    with sqlite3.connect(store.path) as conn:
        rows = conn.execute(
            "SELECT required_skills, preferred_skills, length(created_at), "
            "substr(created_at, -6) FROM job ORDER BY id"
        ).fetchall()
    conn.close()
    assert rows[0] == rows[1]
    assert rows[0][2:] == (32, "+00:00")


def test_a_gap_analysis_links_the_previous_one_and_keeps_its_report(store: Store) -> None:
    cv, _ = gap_rows.insert_cv(store, CV_VALUES)
    job = gap_rows.insert_job(store, JOB_VALUES)

    def add(context: str | None) -> gap_rows.StoredAnalysis:
        return gap_rows.insert_gap_analysis(
            store,
            cv_id=cv.id,
            job_id=job.id,
            mode="offline",
            verdict="FIT",
            score=74.8,
            context=context,
            report=lambda row: {"id": row.id, "previous_id": row.previous_id, "ü": [1.5]},
        )

    first, second = add(None), add("a course next month")
    assert first.previous_id is None and second.previous_id == first.id
    with store.read_session() as session:
        rows = [session.get(Analysis, first.id), session.get(Analysis, second.id)]
    assert rows[1] is not None and rows[1].report == {
        "id": second.id,
        "previous_id": first.id,
        "ü": [1.5],
    }
    assert (rows[1].kind, rows[1].mode, rows[1].verdict, rows[1].score) == (
        "gap",
        "offline",
        "FIT",
        74.8,
    )
    assert rows[1].context == "a course next month" and rows[1].created_at == second.created_at


def test_a_failed_report_leaves_no_analysis_row(store: Store) -> None:
    cv, _ = gap_rows.insert_cv(store, CV_VALUES)
    job = gap_rows.insert_job(store, JOB_VALUES)

    def broken(row: gap_rows.StoredAnalysis) -> dict:
        raise RuntimeError("cannot make the report")

    with pytest.raises(RuntimeError):
        gap_rows.insert_gap_analysis(
            store,
            cv_id=cv.id,
            job_id=job.id,
            mode="offline",
            verdict="FIT",
            score=1.0,
            context=None,
            report=broken,
        )
    with store.connect() as conn:
        assert conn.execute("SELECT count(*) FROM analysis").fetchone()[0] == 0


def test_profile_facts_are_what_load_profile_reads(store: Store) -> None:
    from careercoach.services import profile

    profile.set_field(store, "name", "Ada Lovelace")
    profile.set_field(store, "location", "London, UK")
    profile.set_field(store, "salary_expectation", "60k")
    profile.set_field(store, "currency", "GBP")
    for name, level in (("sql", "expert"), ("Python", None), ("apache spark", "beginner")):
        profile.add_skill(store, name, level=level, evidence="shown on the CV")
    profile.add_experience(store, title="Analyst", employer="Shop", start="2016", end="2019-05")
    profile.add_experience(store, title="Data Engineer", employer="Pay", start="2019-06")
    profile.add_experience(store, title="Volunteer")
    profile.add_education(store, institution="UCL", degree="MSc", field_of_study="CS", end="2016")
    profile.add_education(store, institution="KCL", degree="BSc", start="2011", end="2014")
    profile.add_certification(store, name="AWS Data Engineer", date="2024-03")
    profile.add_certification(store, name="dbt Fundamentals")
    snapshot = profile.load_profile(store)
    facts = gap_rows.read_profile_facts(store)
    for name in ("name", "location", "remote", "salary_expectation", "currency"):
        assert getattr(facts, name) == getattr(snapshot, name)
    sections = {
        "skills": ["name", "level", "evidence"],
        "experience": ["title", "employer", "location", "start", "end"],
        "education": ["institution", "degree", "field_of_study", "start", "end"],
        "certifications": ["name", "issuer", "date"],
    }
    for section, names in sections.items():
        assert [_fields(r, names) for r in getattr(facts, section)] == [
            _fields(r, names) for r in getattr(snapshot, section)
        ], section
    assert [s.name for s in facts.skills] == ["Apache Spark", "Python", "SQL"]


def test_an_empty_profile_has_no_facts(store: Store) -> None:
    assert gap_rows.read_profile_facts(store) == gap_rows.ProfileFacts()


def test_a_plain_write_takes_the_write_lock_and_rolls_back_on_error(store: Store) -> None:
    other = sqlite3.connect(store.path, timeout=0, isolation_level=None)
    try:
        with pytest.raises(RuntimeError), store.connect(write=True) as conn:
            conn.execute(
                "INSERT INTO job (kind, required_skills, preferred_skills, text, "
                "created_at) VALUES ('posting', '[]', '[]', 'x', 'now')"
            )
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            raise RuntimeError("boom")
        with store.connect() as conn:
            assert conn.execute("SELECT count(*) FROM job").fetchone()[0] == 0
            other.execute("BEGIN IMMEDIATE")  # a plain read leaves writers free
            other.execute("ROLLBACK")
            for pragma, value in (("journal_mode", "wal"), ("foreign_keys", 1)):
                assert conn.execute(f"PRAGMA {pragma}").fetchone()[0] == value
    finally:
        other.close()
