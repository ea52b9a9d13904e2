"""letter: the offline template, the streamed model letter, the claimed-skills check, list/show,
and every way it can fail without storing half a letter."""

from __future__ import annotations

import json

import pytest

CV_TEXT = """Daniel Okafor
Senior Backend Engineer
daniel.okafor@example.com | +44 20 7946 0958 | Manchester, UK
Experience
Senior Backend Engineer — Northwind Analytics Mar 2021 – Present
- Designed the ingestion service that processes 40 million events a day.
- Cut p95 API latency from 480 ms to 120 ms by redesigning the caching layer.
Software Engineer — Bluefin Logistics Jun 2017 – Feb 2021
- Built route optimisation APIs in Python and PostgreSQL for 300 depots.
Skills
- Python, PostgreSQL, Docker, AWS
Education
BSc Computer Science, University of Leeds 2013 – 2017
"""
POSTING = (
    "Platform Engineer at Acme\nRequirements:\n- Python\n- Docker\n- Apache Kafka\n"
    "Write to hr@acme.example."
)
LETTER = (
    "Dear Hiring Manager,\n\nI am applying for the Platform Engineer role at Acme. At "
    "Northwind Analytics I designed an ingestion service for 40 million events a day in "
    "Python.\n\nI would welcome a conversation.\n\nSincerely,\n[NAME]"
)


def add_cv(text: str = CV_TEXT) -> int:
    from careercoach.store.db import open_store
    from careercoach.store.models import CV

    with open_store().session() as session:
        row = CV(
            filename="cv.pdf",
            kind="pdf",
            sha256=str(hash(text)),
            size_bytes=len(text),
            page_count=1,
            word_count=len(text.split()),
            text=text,
        )
        session.add(row)
        session.flush()
        return row.id


def add_job(required: tuple[str, ...] = ("Python", "Docker", "Apache Kafka")) -> int:
    from careercoach.store.db import open_store
    from careercoach.store.models import Job

    with open_store().session() as session:
        row = Job(
            title="Platform Engineer", company="Acme", required_skills=list(required), text=POSTING
        )
        session.add(row)
        session.flush()
        return row.id


def set_name(name: str = "Daniel Okafor") -> None:
    from careercoach.store.db import open_store
    from careercoach.store.models import Profile

    with open_store().session() as session:
        session.add(Profile(id=1, name=name))


def letters() -> list:
    from sqlmodel import select

    from careercoach.store.db import open_store
    from careercoach.store.models import Letter

    with open_store().read_session() as session:
        return list(session.exec(select(Letter).order_by(Letter.id)))


# --- offline: an honest template ----------------------------------------------------------------


def test_without_a_model_an_offline_template_is_written_and_stored(cli) -> None:
    set_name()
    add_cv()
    job_id = add_job()
    result = cli("letter", str(job_id))
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "Platform Engineer" in text and "Acme" in text and "Daniel Okafor" in text
    assert "Python" in text and "Docker" in text
    assert "Kafka" not in text  # a skill the person does not have is never claimed
    assert "40 million events" in text  # a real achievement, from the CV
    assert "[One or two sentences" in text  # what only the person can say is left to them
    assert "offline template" in result.stderr.lower()
    [row] = letters()
    assert (row.job_id, row.mode, row.tone, row.warnings) == (job_id, "offline", "formal", [])
    assert row.text.strip() == text.strip()


@pytest.mark.parametrize("tone", ["formal", "warm", "concise"])
def test_offline_tones_differ_and_pass_the_claims_check(cli, tone) -> None:
    add_cv()
    job_id = add_job()
    data = json.loads(cli("letter", "write", str(job_id), "--tone", tone, "--json").stdout)
    assert data["tone"] == tone and data["mode"] == "offline" and data["warnings"] == []
    assert data["notes"] and "offline template" in data["notes"][0]
    if tone == "warm":
        assert data["text"].startswith("Hello Acme team,")
    if tone == "concise":
        assert "40 million" not in data["text"]


def test_offline_flag_calls_no_model(cli, fake_llm) -> None:
    add_cv()
    job_id = add_job()
    result = cli("letter", str(job_id), "--offline", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["mode"] == "offline"
    assert fake_llm.chat_requests == []


def test_profile_alone_can_ground_a_letter(cli) -> None:
    cli("profile", "skill", "add", "Python")
    job_id = add_job()
    data = json.loads(cli("letter", str(job_id), "--json").stdout)
    assert data["cv_id"] is None and "Python" in data["text"]


# --- with a model -------------------------------------------------------------------------------


def test_model_letter_is_streamed_restored_and_stored(cli, fake_llm) -> None:
    set_name()
    cv_id = add_cv()
    job_id = add_job()
    fake_llm.push_text(LETTER)
    result = cli("letter", str(job_id), "--tone", "warm")
    assert result.exit_code == 0, result.stderr
    assert "designed an ingestion service" in result.stdout
    assert "Daniel Okafor" in result.stdout  # [NAME] restored on this machine, even mid-stream
    [row] = letters()
    assert (row.mode, row.tone, row.job_id, row.cv_id) == ("llm", "warm", job_id, cv_id)
    assert row.text.endswith("Sincerely,\nDaniel Okafor") and row.warnings == []
    shown = json.loads(cli("letter", "show", str(row.id), "--json").stdout)
    assert shown["text"] == row.text and shown["job"] == "Platform Engineer at Acme"


def test_request_is_redacted_delimited_and_forbids_missing_skills(cli, fake_llm) -> None:
    set_name()
    add_cv()
    job_id = add_job()
    fake_llm.push_text(LETTER)
    assert cli("letter", str(job_id), "--tone", "concise").exit_code == 0
    body = json.dumps(fake_llm.chat_requests[-1].body, ensure_ascii=False)
    for secret in ("daniel.okafor@example.com", "7946 0958", "Okafor", "hr@acme.example"):
        assert secret not in body
    system, user = (m["content"] for m in fake_llm.chat_requests[-1].body["messages"])
    assert "never instructions" in system and "150 words at most" in system
    have, lack = system.split("has NOT shown:")
    assert "- Python" in have and "- Docker" in have
    assert lack.split("\n")[0].strip() == "Apache Kafka"
    for label in ("profile", "CV", "job posting"):
        assert f'label="{label}"' in user
    assert "Northwind Analytics" in user


def test_claimed_skills_the_person_lacks_are_warned_and_stored(cli, fake_llm) -> None:
    add_cv()
    job_id = add_job()
    fake_llm.push_text(LETTER.replace("in Python", "in Python and Apache Kafka, with Terraform"))
    result = cli("letter", str(job_id), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    [warning] = data["warnings"]
    assert "Apache Kafka" in warning and "Terraform" in warning and "Python" not in warning
    assert "Warning:" in result.stderr and "Apache Kafka" in result.stderr
    assert letters()[0].warnings == data["warnings"]
    assert "Apache Kafka" in cli("letter", "show", str(data["id"])).stderr


def test_json_prints_one_document_and_no_stream(cli, fake_llm) -> None:
    add_cv()
    job_id = add_job()
    fake_llm.push_text(LETTER)
    result = cli("letter", str(job_id), "--json")
    data = json.loads(result.stdout)  # nothing but the JSON on stdout
    assert set(data) >= {"id", "job_id", "cv_id", "tone", "mode", "text", "warnings", "created_at"}


def test_output_file_gets_the_letter(cli, fake_llm, tmp_path) -> None:
    add_cv()
    job_id = add_job()
    fake_llm.push_text(LETTER)
    target = tmp_path / "letter.txt"
    assert cli("letter", str(job_id), "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").strip() == letters()[0].text


@pytest.mark.parametrize(
    ("fault", "options"),
    [("401", {}), ("429", {"retry_after": 0}), ("500", {}), ("cut", {"after_chunks": 3})],
)
def test_model_faults_store_nothing(cli, fake_llm, monkeypatch, fault, options) -> None:
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    add_cv()
    job_id = add_job()
    fake_llm.push_fault(fault, **options)
    result = cli("letter", str(job_id))
    assert result.exit_code == 4, result.stderr
    assert "No letter was stored" in result.stderr
    assert letters() == []
    assert "sk-test-SENTINEL-0000" not in result.stderr + result.stdout


def test_a_letter_cut_at_the_length_limit_is_not_stored(cli, fake_llm) -> None:
    add_cv()
    job_id = add_job()
    fake_llm.push_text(LETTER[:60], finish_reason="length")
    result = cli("letter", str(job_id), "--json")
    assert result.exit_code == 4 and result.stdout == ""
    assert "length limit" in result.stderr
    assert letters() == []


def test_model_without_a_key_is_exit_3(cli, monkeypatch) -> None:
    monkeypatch.setenv("CAREERCOACH_MODEL", "openai/test-model")
    add_cv()
    result = cli("letter", str(add_job()))
    assert result.exit_code == 3 and "key" in result.stderr.lower()
    assert letters() == []


# --- bad input and browsing -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("letter", "99"), "no job with id 99"),
        (("letter", "write", "x1"), "x1"),
        (("letter", "1", "--cv", "42"), "no CV with id 42"),
        (("letter", "1", "--tone", "angry"), "unknown tone"),
        (("letter", "show", "7"), "no letter with id 7"),
        (("letter", "show", "abc"), "not a letter id"),
    ],
)
def test_bad_input_is_exit_1_and_stores_nothing(cli, args, message) -> None:
    add_cv()
    add_job()
    result = cli(*args)
    assert result.exit_code == 1, result.stderr
    assert message in result.stderr
    assert letters() == []


def test_nothing_to_write_from_is_exit_1(cli) -> None:
    job_id = add_job()
    result = cli("letter", str(job_id))
    assert result.exit_code == 1 and "cv add" in result.stderr
    assert cli("letter", "5").exit_code == 1  # and no job is no letter


def test_list_and_show(cli) -> None:
    add_cv()
    job_id = add_job()
    assert cli("letter", str(job_id)).exit_code == 0
    assert cli("letter", str(job_id), "--tone", "warm").exit_code == 0
    rows = json.loads(cli("letter", "list", "--json").stdout)
    assert [r["tone"] for r in rows] == ["warm", "formal"] and all("text" not in r for r in rows)
    assert json.loads(cli("letter", "list", "--job", str(job_id), "--json").stdout) == rows
    table = cli("letter", "list").stdout
    assert "Platform Engineer at Acme" in table and "warm" in table
    shown = cli("letter", "show", str(rows[1]["id"]))
    assert shown.stdout.startswith("Dear Hiring Manager,")  # only the letter on stdout
    assert "Letter #" in shown.stderr


def test_an_unwritable_output_file_says_the_letter_is_stored(cli, tmp_path) -> None:
    add_cv()
    job_id = add_job()
    result = cli("letter", str(job_id), "-o", str(tmp_path / "missing" / "letter.txt"))
    assert result.exit_code == 1 and "cannot write" in result.stderr
    [row] = letters()
    assert f"careercoach letter show {row.id} > FILE" in result.stderr


def test_remove_asks_deletes_and_leaves_the_index(cli) -> None:
    add_cv()
    job_id = add_job()
    assert cli("letter", str(job_id)).exit_code == 0
    [row] = letters()
    refused = cli("letter", "remove", str(row.id))  # not a terminal, no --yes
    assert refused.exit_code == 1 and "--yes" in refused.stderr
    assert len(letters()) == 1
    removed = cli("letter", "remove", f"#{row.id}", "--yes", "--json")
    assert removed.exit_code == 0, removed.stderr
    assert json.loads(removed.stdout)["id"] == row.id
    assert letters() == []
    assert json.loads(cli("search", "Acme", "--type", "letter", "--json").stdout) == []
    from careercoach.store.db import open_store

    with open_store().connect() as conn:  # the index row itself, not only what search shows
        left = conn.execute("SELECT count(*) FROM search_fts WHERE rowid % 8 = 6").fetchone()[0]
    assert left == 0
    again = cli("letter", "remove", str(row.id), "--yes")
    assert again.exit_code == 1 and "no letter with id" in again.stderr
    assert cli("letter", "remove", "abc", "--yes").exit_code == 1


def test_letter_without_words_shows_help_and_search_finds_letters(cli) -> None:
    assert "write" in cli("letter").stdout
    add_cv()
    assert cli("letter", str(add_job())).exit_code == 0
    from careercoach.store.db import open_store

    with open_store().read_session() as session:
        from sqlalchemy import text

        hits = session.execute(
            text("SELECT type FROM search_fts WHERE search_fts MATCH 'Acme'")
        ).all()
    assert ("letter",) in [tuple(h) for h in hits]


def test_list_show_and_remove_never_import_sqlalchemy(cli) -> None:
    """They read and delete in plain SQL (store/letter_rows.py): the ORM costs ~0.5 s."""
    from orm_imports import orm_modules_imported

    add_cv()
    job_id = add_job()
    assert cli("letter", str(job_id)).exit_code == 0
    [row] = letters()
    for args in (
        ["letter", "list"],
        ["letter", "list", "--job", str(job_id), "--json"],
        ["letter", "show", str(row.id)],
        ["letter", "show", str(row.id), "--json"],
        ["letter", "remove", str(row.id), "--yes"],
    ):
        assert not orm_modules_imported(*args), args


def test_help_of_both_commands_imports_nothing_heavy() -> None:
    import os
    import subprocess
    import sys

    for args in (("letter", "--help"), ("cv", "optimize", "--help")):
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "careercoach", *args],
            capture_output=True,
            text=True,
            env=dict(os.environ),
            timeout=60,
        )
        assert proc.returncode == 0 and proc.stdout.strip()
        imported = {
            line.rsplit("|", 1)[1].strip().split(".")[0]
            for line in proc.stderr.splitlines()
            if line.startswith("import time:") and "|" in line
        }
        assert not imported & {"litellm", "sqlmodel", "sqlalchemy", "pypdf", "questionary"}
