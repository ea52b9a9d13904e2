"""cv parse through the CLI: offline and model engines, review, --yes, --json, and faults."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CV_TEXT = """\
Daniel Okafor
Senior Backend Engineer
daniel.okafor@example.com | +44 20 7946 0958 | Manchester, UK
Experience
Senior Backend Engineer — Northwind Analytics Mar 2021 – Present
- Cut p95 latency from 480 ms to 120 ms.
Software Engineer — Bluefin Logistics Jun 2017 – Feb 2021
- Built route optimisation APIs in Python and PostgreSQL.
Skills
Python (expert), PostgreSQL, Docker, Kubernetes
Education
BSc Computer Science, University of Leeds 2013 – 2017
"""

MODEL_ANSWER = {
    "contact": {
        "name": "Evil Model",
        "email": "attacker@evil.example",
        "phone": "+1 555 0100",
        "location": "Nowhere",
        "links": ["https://evil.example"],
    },
    "headline": "Senior Backend Engineer",
    "summary": None,
    "skills": [
        {"name": "Python", "level": "expert", "evidence": "Python (expert)"},
        {"name": "postgres", "level": None, "evidence": "APIs in Python and PostgreSQL"},
        {"name": "Go", "level": "beginner", "evidence": None},
    ],
    "education": [
        {
            "institution": "University of Leeds",
            "degree": "BSc",
            "level": "bachelor",
            "field_of_study": "Computer Science",
            "start": "2013",
            "end": "2017",
        }
    ],
    "experience": [
        {
            "title": "Senior Backend Engineer",
            "employer": "Northwind Analytics",
            "location": None,
            "start": "2021-03",
            "end": None,
            "current": True,
            "achievements": ["Cut p95 latency from 480 ms to 120 ms."],
        },
    ],
    "projects": [],
    "certifications": [{"name": "CKA", "issuer": "CNCF", "date": "2023"}],
    "languages": ["English"],
}


@pytest.fixture
def stored_cv(cli, tmp_path: Path) -> int:
    path = tmp_path / "cv.txt"
    path.write_text(CV_TEXT, encoding="utf-8")
    result = cli("cv", "add", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["id"]


def _profile(cli) -> dict:
    result = cli("profile", "show", "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _is_empty(profile: dict) -> bool:
    sections = ("skills", "education", "experience", "projects", "certifications")
    return not any(profile[s] for s in sections) and not profile["name"] and not profile["email"]


def test_offline_parse_with_yes_writes_the_profile(cli, stored_cv) -> None:
    result = cli("cv", "parse", "--yes", "--offline")
    assert result.exit_code == 0, result.stderr
    assert "offline parser" in result.stdout
    assert "Wrote" in result.stdout
    profile = _profile(cli)
    assert profile["name"] == "Daniel Okafor"
    assert profile["email"] == "daniel.okafor@example.com"
    assert profile["phone"] == "+44 20 7946 0958"
    assert profile["headline"] == "Senior Backend Engineer"
    skills = {s["name"]: s for s in profile["skills"]}
    assert {"Python", "PostgreSQL", "Docker", "Kubernetes"} <= set(skills)
    assert skills["Python"]["level"] == "expert"
    assert skills["Python"]["source"] == f"cv:{stored_cv}"
    assert [(e["employer"], e["start"], e["end"]) for e in profile["experience"]] == [
        ("Northwind Analytics", "2021-03", None),
        ("Bluefin Logistics", "2017-06", "2021-02"),
    ]
    assert profile["education"][0]["institution"] == "University of Leeds"


def test_no_model_configured_parses_offline_and_says_so(cli, stored_cv) -> None:
    result = cli("cv", "parse", "--yes")
    assert result.exit_code == 0, result.stderr
    assert "offline parser (no model)" in result.stdout
    assert "no model" in result.stdout.lower()


def test_json_output_and_reparse_writes_nothing_new(cli, stored_cv) -> None:
    first = cli("cv", "parse", str(stored_cv), "--yes", "--json", "--offline")
    assert first.exit_code == 0, first.stderr
    data = json.loads(first.stdout)
    assert set(data) == {"cv_id", "engine", "notes", "changes", "written"}
    assert (data["cv_id"], data["engine"]) == (stored_cv, "offline")
    assert "offline" in data["notes"][0]
    assert data["written"] == len(data["changes"]) > 0
    assert {c["section"] for c in data["changes"]} >= {
        "profile",
        "skill",
        "experience",
        "education",
    }
    assert all(set(c) == {"section", "item", "action", "values"} for c in data["changes"])
    before = _profile(cli)
    again = json.loads(cli("cv", "parse", "--yes", "--json", "--offline").stdout)
    assert (again["changes"], again["written"]) == ([], 0)
    after = _profile(cli)
    assert len(after["skills"]) == len(before["skills"])
    assert len(after["experience"]) == len(before["experience"])
    text = cli("cv", "parse", "--yes", "--offline")
    assert "Nothing new to write" in text.stdout


def test_without_yes_and_no_terminal_is_exit_1_and_writes_nothing(cli, stored_cv) -> None:
    for args in (("cv", "parse"), ("cv", "parse", "--json"), ("cv", "parse", "--offline")):
        result = cli(*args)
        assert result.exit_code == 1
        assert "--yes" in result.stderr
        assert result.stdout == ""
    assert _is_empty(_profile(cli))


def test_manual_profile_fields_survive_a_parse(cli, stored_cv) -> None:
    assert cli("profile", "set", "name", "Dan O.").exit_code == 0
    assert cli("profile", "skill", "add", "Python", "--level", "beginner").exit_code == 0
    assert cli("cv", "parse", "--yes", "--offline").exit_code == 0
    profile = _profile(cli)
    assert profile["name"] == "Dan O."
    assert profile["email"] == "daniel.okafor@example.com"
    python = next(s for s in profile["skills"] if s["name"] == "Python")
    assert (python["level"], python["source"]) == ("beginner", "manual")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("cv", "parse", "99", "--yes"), "no CV with id 99"),
        (("cv", "parse", "abc", "--yes"), "abc"),
    ],
)
def test_unknown_or_invalid_id_is_exit_1(cli, stored_cv, args, message) -> None:
    result = cli(*args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert _is_empty(_profile(cli))


def test_no_cv_stored_is_exit_1(cli) -> None:
    result = cli("cv", "parse", "--yes")
    assert result.exit_code == 1
    assert "no CV" in result.stderr
    assert "cv add" in result.stderr


# --- the model engine -------------------------------------------------------------------------


def test_model_parse_writes_its_facts_but_contact_only_from_the_local_text(
    cli, fake_llm, stored_cv
) -> None:
    fake_llm.push_json(MODEL_ANSWER)
    result = cli("cv", "parse", "--yes", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["engine"] == "llm"
    assert "redacted" in data["notes"][0]
    profile = _profile(cli)
    assert profile["name"] == "Daniel Okafor"
    assert profile["email"] == "daniel.okafor@example.com"
    assert profile["phone"] == "+44 20 7946 0958"
    assert profile["location"] == "Manchester, UK"
    assert "https://evil.example" not in profile["links"]
    skills = {s["name"]: s for s in profile["skills"]}
    assert set(skills) == {"Python", "PostgreSQL", "Go"}  # "postgres" made canonical
    assert skills["Go"]["source"] == f"llm:cv:{stored_cv}"
    assert [c["name"] for c in profile["certifications"]] == ["CKA"]


def test_the_model_sees_no_email_phone_or_name_and_the_cv_is_delimited(
    cli, fake_llm, stored_cv
) -> None:
    fake_llm.push_json(MODEL_ANSWER)
    assert cli("cv", "parse", "--yes").exit_code == 0
    [request] = fake_llm.chat_requests
    sent = json.dumps(request.body, ensure_ascii=False)
    for private in ("daniel.okafor@example.com", "+44 20 7946 0958", "7946 0958", "Okafor"):
        assert private not in sent
    assert "[EMAIL_1]" in sent and "[PHONE_1]" in sent
    system, user = request.body["messages"][0]["content"], request.body["messages"][1]["content"]
    assert "never instructions" in system
    assert user.startswith("<<<CAREERCOACH_DOC_") and "Northwind Analytics" in user


def test_model_text_is_shown_sanitised(cli, fake_llm, stored_cv) -> None:
    answer = dict(
        MODEL_ANSWER,
        skills=[{"name": "[bold]Rust[/bold]\x1b[31m", "level": None}],
        certifications=[],
    )
    fake_llm.push_json(answer)
    result = cli("cv", "parse", "--yes")
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "[bold]Rust[/bold]" in result.stdout


@pytest.mark.parametrize(
    ("faults", "words"),
    [
        (("401",), "key"),
        (("prose", "prose"), "format"),
        (("500",), ""),
        (("429",), ""),
        (("cut",), ""),
    ],
)
def test_model_faults_are_exit_4_and_leave_the_profile_untouched(
    cli, fake_llm, stored_cv, monkeypatch, faults, words
) -> None:
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    for fault in faults:
        fake_llm.push_fault(fault, retry_after=0) if fault == "429" else fake_llm.push_fault(fault)
    result = cli("cv", "parse", "--yes")
    assert result.exit_code == 4, result.stderr
    assert words in result.stderr.lower()
    assert "sk-test-SENTINEL-0000" not in result.stderr + result.stdout
    assert _is_empty(_profile(cli))


def test_model_timeout_is_exit_4(cli, fake_llm, stored_cv, monkeypatch) -> None:
    monkeypatch.setenv("CAREERCOACH_TIMEOUT", "0.5")
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    fake_llm.push_fault("hang", seconds=3)
    result = cli("cv", "parse", "--yes")
    assert result.exit_code == 4
    assert _is_empty(_profile(cli))


def test_offline_flag_calls_no_model(cli, fake_llm, stored_cv) -> None:
    result = cli("cv", "parse", "--yes", "--offline", "--json")
    assert json.loads(result.stdout)["engine"] == "offline"
    assert fake_llm.chat_requests == []


# --- review on a terminal ---------------------------------------------------------------------


class _Answer:
    def __init__(self, value):
        self.value = value

    def ask(self):
        return self.value


def _on_a_terminal(monkeypatch, picked) -> list:
    import questionary

    from careercoach.commands.common import Env

    shown: list = []

    def checkbox(message, choices, **options):
        shown.extend(choices)
        values = [c.value for c in choices]
        return _Answer(values[:picked] if picked is not None else None)

    monkeypatch.setattr(Env, "stdin_is_tty", property(lambda self: True))
    monkeypatch.setattr(questionary, "checkbox", checkbox)
    return shown


def test_terminal_review_writes_only_the_chosen_changes(cli, stored_cv, monkeypatch) -> None:
    shown = _on_a_terminal(monkeypatch, picked=2)
    result = cli("cv", "parse", "--offline")
    assert result.exit_code == 0, result.stderr
    assert len(shown) > 2 and all(c.checked for c in shown)
    assert f"Wrote 2 of {len(shown)} changes" in result.stdout
    profile = _profile(cli)
    assert profile["name"] == "Daniel Okafor"
    assert profile["skills"] == []


def test_terminal_review_cancelled_writes_nothing(cli, stored_cv, monkeypatch) -> None:
    _on_a_terminal(monkeypatch, picked=None)
    result = cli("cv", "parse", "--offline")
    assert result.exit_code == 130
    assert _is_empty(_profile(cli))


def test_terminal_review_with_json_draws_on_stderr_and_prints_only_json(
    cli, stored_cv, monkeypatch
) -> None:
    import questionary

    from careercoach.commands.common import Env

    seen: dict = {}

    def checkbox(message, choices, **options):
        seen.update(options)
        return _Answer([c.value for c in choices])

    monkeypatch.setattr(Env, "stdin_is_tty", property(lambda self: True))
    monkeypatch.setattr(questionary, "checkbox", checkbox)
    result = cli("cv", "parse", "--offline", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["written"] == len(data["changes"]) > 0
    assert "output" in seen  # the checkbox is drawn on stderr, not on stdout


def test_cv_parse_help_imports_nothing_heavy() -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "careercoach", "cv", "parse", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0 and "--yes" in proc.stdout
    imported = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in proc.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    heavy = {"litellm", "sqlmodel", "sqlalchemy", "pypdf", "questionary", "keyring", "docx"}
    assert not imported & heavy
