"""data export/import/backup/path/wipe: the round trip, idempotent merges and bad files."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest


def _fill() -> None:
    from careercoach.store.db import open_store
    from careercoach.store.models import (
        CV,
        Analysis,
        Conversation,
        Goal,
        GoalStep,
        Job,
        JournalEntry,
        Message,
        Profile,
        ProfileSkill,
    )

    store = open_store()
    with store.session() as s:
        s.add(Profile(id=1, name="Zeynep Kaya", headline="Analyst", links=["https://x.example"]))
        s.add(ProfileSkill(name="SQL", level="advanced"))
        cv = CV(
            filename="cv.pdf",
            kind="pdf",
            sha256="ab" * 32,
            size_bytes=10,
            word_count=3,
            text="Zeynep Kaya — İstanbul",
        )
        job = Job(title="Data Engineer", text="We need SQL", required_skills=["SQL"])
        s.add_all([cv, job])
        s.flush()
        first = Analysis(
            kind="gap",
            cv_id=cv.id,
            job_id=job.id,
            mode="offline",
            verdict="FIT",
            score=81.5,
            report={"metrics": {"readiness": 81.5}, "notes": ["ş"]},
        )
        s.add(first)
        s.flush()
        s.add(
            Analysis(
                kind="gap",
                cv_id=cv.id,
                job_id=job.id,
                previous_id=first.id,
                mode="offline",
                score=85,
                report={},
            )
        )
        chat = Conversation(title="hello")
        s.add(chat)
        s.flush()
        s.add(Message(conversation_id=chat.id, role="user", content="hi"))
        s.add(
            JournalEntry(
                entry_date="2026-11-20", text="Shipped the pipeline #win", tags=["win"], mood=4
            )
        )
        goal = Goal(title="Learn Airflow", due="2027-01-31")
        s.add(goal)
        s.flush()
        s.add(GoalStep(goal_id=goal.id, position=1, text="Write one DAG", done=True))


def _export(cli, path: Path) -> dict:
    result = cli("data", "export", "-o", str(path))
    assert result.exit_code == 0, result.stderr
    data = json.loads(path.read_text("utf-8"))
    data.pop("exported_at")
    return data


def test_export_wipe_import_export_is_identical(cli, tmp_path: Path) -> None:
    _fill()
    before = _export(cli, tmp_path / "one.json")
    assert before["schema_version"] >= 5
    assert before["tables"]["analysis"][1]["previous_id"] == before["tables"]["analysis"][0]["id"]
    assert "cache" not in before["tables"]
    if os.name == "posix":
        assert stat.S_IMODE((tmp_path / "one.json").stat().st_mode) == 0o600
    wiped = cli("data", "wipe", "--yes", "--i-mean-it")
    assert wiped.exit_code == 0, wiped.stderr
    emptied = _export(cli, tmp_path / "empty.json")
    assert all(rows == [] for rows in emptied["tables"].values())
    imported = cli("data", "import", str(tmp_path / "one.json"), "--json")
    assert imported.exit_code == 0, imported.stderr
    assert json.loads(imported.stdout)["added"]["journal_entry"] == 1
    assert _export(cli, tmp_path / "two.json") == before
    found = cli("journal", "search", "pipeline", "--json")  # the FTS index followed
    assert found.exit_code == 0, found.stderr
    assert [hit["id"] for hit in json.loads(found.stdout)] == [1]


def test_importing_twice_changes_nothing(cli, tmp_path: Path) -> None:
    _fill()
    export = tmp_path / "mine.json"
    before = _export(cli, export)
    again = cli("data", "import", str(export), "--json")
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["added"] == {}
    assert _export(cli, tmp_path / "after.json") == before
    assert "Nothing new" in cli("data", "import", str(export)).stdout


def test_import_into_another_database_remaps_ids(cli, tmp_path: Path, monkeypatch) -> None:
    _fill()
    export = tmp_path / "mine.json"
    _export(cli, export)
    monkeypatch.setenv("CAREERCOACH_HOME", str(tmp_path / "other"))
    from careercoach.store.db import open_store
    from careercoach.store.models import Goal, Job

    with open_store().session() as s:  # ids 1 are taken there by other rows
        s.add(Job(title="Nurse", text="Care"))
        s.add(Goal(title="Run a marathon"))
    assert cli("data", "import", str(export)).exit_code == 0
    merged = _export(cli, tmp_path / "merged.json")
    jobs = {j["title"]: j["id"] for j in merged["tables"]["job"]}
    assert jobs == {"Nurse": 1, "Data Engineer": 2}
    analyses = merged["tables"]["analysis"]
    assert {a["job_id"] for a in analyses} == {2}
    assert analyses[1]["previous_id"] == analyses[0]["id"]
    steps = merged["tables"]["goal_step"]
    goals = {g["id"]: g["title"] for g in merged["tables"]["goal"]}
    assert goals[steps[0]["goal_id"]] == "Learn Airflow"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not valid JSON"),
        ('{"format": "something-else"}', "is not a careercoach export"),
        (
            '{"format": "careercoach-export", "schema_version": 999, "tables": {}}',
            "comes from a newer careercoach",
        ),
        ('{"format": "careercoach-export", "schema_version": 1, "tables": []}', "malformed"),
        (
            '{"format": "careercoach-export", "schema_version": 5, "tables": '
            '{"message": [{"id": 1, "conversation_id": 77, "role": "user", "content": "x", '
            '"created_at": "2026-01-01T00:00:00+00:00", "complete": 1}]}}',
            "could not be imported",
        ),
    ],
)
def test_bad_import_files_are_refused_and_change_nothing(
    cli, tmp_path: Path, content: str, message: str
) -> None:
    _fill()
    before = _export(cli, tmp_path / "before.json")
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    result = cli("data", "import", str(bad))
    assert result.exit_code == 1
    assert message in result.stderr
    assert _export(cli, tmp_path / "after.json") == before


def test_missing_import_file_is_exit_1(cli, tmp_path: Path) -> None:
    result = cli("data", "import", str(tmp_path / "nope.json"))
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_backup_is_a_consistent_private_copy(cli, tmp_path: Path) -> None:
    _fill()
    target = tmp_path / "copy.db"
    result = cli("data", "backup", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT title FROM job").fetchall() == [("Data Engineer",)]
    finally:
        conn.close()
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    again = cli("data", "backup", "-o", str(target))
    assert again.exit_code == 1 and "already exists" in again.stderr


def test_wipe_needs_both_confirmations_without_a_terminal(cli, tmp_path: Path) -> None:
    _fill()
    before = _export(cli, tmp_path / "before.json")
    for args in ([], ["--yes"], ["--i-mean-it"]):
        result = cli("data", "wipe", *args)
        assert result.exit_code == 1 and "--i-mean-it" in result.stderr
    assert _export(cli, tmp_path / "after.json") == before


def test_path_names_the_database(cli, coach_home: Path) -> None:
    where = json.loads(cli("data", "path", "--json").stdout)
    assert where["database"].startswith(str(coach_home))
    assert cli("data", "path").stdout.strip() == where["database"]
