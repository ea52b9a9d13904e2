"""profile show / set / unset and skill|education|experience|project|cert add/list/remove
through the CLI: stored values, validation (exit 1 with a message, nothing written), JSON
shapes, the form on a terminal and the named flag off one."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest


def profile(cli) -> dict[str, Any]:
    result = cli("profile", "show", "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def ok(cli, *args: str) -> str:
    result = cli(*args)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result.stdout


def refused(cli, *args: str, message: str, hint: str | None = None) -> None:
    """The command fails with exit 1 and `message`, and the profile is as it was."""
    before = profile(cli)
    result = cli(*args)
    assert result.exit_code == 1, (args, result.stdout, result.stderr)
    assert message in result.stderr, result.stderr
    if hint is not None:
        assert hint in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert profile(cli) == before


def aware(text: str) -> bool:
    return datetime.fromisoformat(text).utcoffset() is not None


# --- show and set ----------------------------------------------------------------------------


def test_empty_profile_says_how_to_fill_it(cli) -> None:
    result = cli("profile", "show")
    assert result.exit_code == 0
    for command in (
        "profile set name",
        "profile skill add",
        "profile experience add",
        "profile education add",
        "profile project add",
        "profile cert add",
    ):
        assert command in result.stdout, command
    assert "cv add" in result.stderr
    data = profile(cli)
    assert data["name"] is None and data["updated_at"] is None
    assert {
        key: data[key]
        for key in ("skills", "education", "experience", "projects", "certifications")
    } == dict.fromkeys(("skills", "education", "experience", "projects", "certifications"), [])


def test_set_every_field(cli) -> None:
    for field, value in [
        ("name", "Ada  Lovelace"),
        ("headline", "Data engineer"),
        ("location", "London, UK"),
        ("remote", "Hybrid"),
        ("salary_expectation", "85,000"),
        ("currency", "gbp"),
        ("email", "ada@example.com"),
        ("phone", "+44 20 7946 0958"),
    ]:
        ok(cli, "profile", "set", field, value)
    data = profile(cli)
    assert data["name"] == "Ada Lovelace"
    assert data["remote"] == "hybrid"
    assert data["salary_expectation"] == 85000.0
    assert data["currency"] == "GBP"
    assert data["phone"] == "+44 20 7946 0958"
    assert aware(data["updated_at"])
    shown = ok(cli, "profile", "show")
    for text in ("Ada Lovelace", "Data engineer", "London, UK", "85,000 GBP", "ada@example.com"):
        assert text in shown


@pytest.mark.parametrize(
    ("value", "stored"), [("85k", 85000.0), ("1.2m", 1200000.0), ("72000.50", 72000.5)]
)
def test_salary_forms(cli, value: str, stored: float) -> None:
    ok(cli, "profile", "set", "salary-expectation", value)
    assert profile(cli)["salary_expectation"] == stored


@pytest.mark.parametrize(
    ("field", "value", "message", "hint"),
    [
        ("remote", "sometimes", "invalid value for remote", "yes, no or hybrid"),
        ("salary_expectation", "0", "invalid salary expectation", "positive number"),
        ("salary_expectation", "lots", "invalid salary expectation", "positive number"),
        ("salary_expectation", "inf", "invalid salary expectation", "positive number"),
        ("currency", "EURO", "unknown currency", "ISO 4217"),
        ("currency", "XYZ", "unknown currency", "ISO 4217"),
        ("email", "ada.example.com", "invalid email address", None),
        ("phone", "call me", "invalid phone number", None),
        ("name", "   ", "the name is empty", None),
        ("favourite_colour", "blue", "unknown profile field", "name, headline, location, remote"),
    ],
)
def test_set_refuses_invalid_values(
    cli, field: str, value: str, message: str, hint: str | None
) -> None:
    ok(cli, "profile", "set", "remote", "no")
    refused(cli, "profile", "set", field, value, message=message, hint=hint)


def test_unset_clears_a_field(cli) -> None:
    ok(cli, "profile", "set", "location", "Berlin")
    ok(cli, "profile", "unset", "location")
    assert profile(cli)["location"] is None
    refused(cli, "profile", "unset", "nickname", message="unknown profile field")


# --- skills ----------------------------------------------------------------------------------


def test_skill_aliases_are_stored_under_the_taxonomy_name(cli) -> None:
    result = cli(
        "profile", "skill", "add", "k8s", "--level", "Advanced", "--evidence", "ran 12 clusters"
    )
    assert result.exit_code == 0
    assert "Added skill Kubernetes (advanced)." in result.stdout
    assert "Kubernetes" in result.stderr  # says the alias was stored under its usual name
    ok(cli, "profile", "skill", "add", "Underwater Basket Weaving")
    skills = json.loads(ok(cli, "profile", "skill", "list", "--json"))
    assert [(s["name"], s["level"], s["evidence"], s["source"]) for s in skills] == [
        ("Kubernetes", "advanced", "ran 12 clusters", "manual"),
        ("Underwater Basket Weaving", None, None, "manual"),
    ]
    assert all(isinstance(s["id"], int) and aware(s["created_at"]) for s in skills)


def test_adding_an_existing_skill_updates_its_level(cli) -> None:
    ok(cli, "profile", "skill", "add", "python", "--level", "intermediate", "--evidence", "scripts")
    out = ok(cli, "profile", "skill", "add", "Python", "--level", "expert")
    assert "Updated skill Python (expert)." in out
    [skill] = json.loads(ok(cli, "profile", "skill", "list", "--json"))
    assert (skill["name"], skill["level"], skill["evidence"]) == ("Python", "expert", "scripts")


def test_skill_add_json_says_whether_it_was_new(cli) -> None:
    first = json.loads(ok(cli, "profile", "skill", "add", "SQL", "--json"))
    again = json.loads(ok(cli, "profile", "skill", "add", "sql", "--level", "expert", "--json"))
    assert first["created"] is True and again["created"] is False
    assert again["id"] == first["id"] and again["level"] == "expert"


def test_skill_list_table_and_empty(cli) -> None:
    assert "None yet" in ok(cli, "profile", "skill", "list")
    assert json.loads(ok(cli, "profile", "skill", "list", "--json")) == []
    ok(cli, "profile", "skill", "add", "Go", "--level", "beginner")
    table = ok(cli, "profile", "skill", "list")
    assert "Go" in table and "beginner" in table


def test_skill_remove_by_name_or_alias(cli) -> None:
    ok(cli, "profile", "skill", "add", "Kubernetes")
    ok(cli, "profile", "skill", "add", "Python")
    assert "Removed skill Kubernetes." in ok(cli, "profile", "skill", "remove", "k8s")
    assert "Removed skill Python." in ok(cli, "profile", "skill", "remove", "PYTHON")
    assert json.loads(ok(cli, "profile", "skill", "list", "--json")) == []


def test_skill_errors(cli) -> None:
    ok(cli, "profile", "skill", "add", "Python")
    refused(
        cli,
        "profile",
        "skill",
        "add",
        "Rust",
        "--level",
        "guru",
        message="invalid skill level 'guru'",
        hint="beginner, intermediate, advanced, expert",
    )
    refused(
        cli, "profile", "skill", "add", "Python", "--level", "ninja", message="invalid skill level"
    )
    refused(cli, "profile", "skill", "add", "  ", message="the skill name is empty")
    refused(
        cli,
        "profile",
        "skill",
        "remove",
        "Haskell",
        message="no skill 'Haskell'",
        hint="careercoach profile skill list",
    )


# --- education, experience, projects, certifications -----------------------------------------


def test_experience_add_list_remove(cli) -> None:
    out = ok(
        cli,
        "profile",
        "experience",
        "add",
        "--title",
        "Senior Engineer",
        "--employer",
        "Northwind",
        "--location",
        "Manchester",
        "--start",
        "2021-3",
        "--end",
        "present",
        "--achievement",
        "Cut p95 latency by 75%",
        "--achievement",
        "Led 4 engineers",
    )
    assert "Added job #1." in out and "2021-03 – present" in out and "Cut p95 latency" in out
    older = json.loads(
        ok(
            cli,
            "profile",
            "experience",
            "add",
            "--title",
            "Engineer",
            "--employer",
            "Bluefin",
            "--start",
            "2017-06",
            "--end",
            "2021-02",
            "--json",
        )
    )
    assert older["id"] == 2 and older["achievements"] == [] and older["end"] == "2021-02"
    assert list(older)[0] == "id" and aware(older["created_at"])
    jobs = json.loads(ok(cli, "profile", "experience", "list", "--json"))
    assert [(j["title"], j["start"], j["end"]) for j in jobs] == [
        ("Senior Engineer", "2021-03", None),
        ("Engineer", "2017-06", "2021-02"),
    ]
    assert jobs[0]["achievements"] == ["Cut p95 latency by 75%", "Led 4 engineers"]
    assert "Removed job #1." in ok(cli, "profile", "experience", "remove", "1")
    assert [j["id"] for j in json.loads(ok(cli, "profile", "experience", "list", "--json"))] == [2]


def test_education_project_cert(cli) -> None:
    ok(
        cli,
        "profile",
        "education",
        "add",
        "--institution",
        "University of Leeds",
        "--degree",
        "BSc",
        "--field",
        "Computer Science",
        "--start",
        "2013",
        "--end",
        "2017",
    )
    project = json.loads(
        ok(
            cli,
            "profile",
            "project",
            "add",
            "--name",
            "pg-lint",
            "--description",
            "A migration linter",
            "--tech",
            "postgres, python",
            "--tech",
            "k8s",
            "--url",
            "https://github.com/ada/pg-lint",
            "--json",
        )
    )
    assert project["technologies"] == ["PostgreSQL", "Python", "Kubernetes"]
    ok(
        cli,
        "profile",
        "cert",
        "add",
        "--name",
        "AWS Certified Solutions Architect",
        "--issuer",
        "Amazon Web Services",
        "--date",
        "2022-05",
    )
    data = profile(cli)
    [school] = data["education"]
    assert (
        school["institution"],
        school["degree"],
        school["field_of_study"],
        school["start"],
        school["end"],
    ) == ("University of Leeds", "BSc", "Computer Science", "2013", "2017")
    assert data["projects"][0]["url"] == "https://github.com/ada/pg-lint"
    assert data["certifications"][0]["date"] == "2022-05"
    shown = ok(cli, "profile", "show")
    for text in (
        "University of Leeds",
        "2013 – 2017",
        "pg-lint",
        "PostgreSQL, Python, Kubernetes",
        "AWS Certified Solutions Architect",
    ):
        assert text in shown, text
    assert "Removed project #1." in ok(cli, "profile", "project", "remove", "1")
    assert "Removed certification #1." in ok(cli, "profile", "cert", "remove", "#1")
    assert "Removed education entry #1." in ok(cli, "profile", "education", "remove", "1")
    assert {k: profile(cli)[k] for k in ("education", "projects", "certifications")} == {
        "education": [],
        "projects": [],
        "certifications": [],
    }


@pytest.mark.parametrize("group", ["education", "experience", "project", "cert"])
def test_lists_when_empty(cli, group: str) -> None:
    assert "None yet. Add with: careercoach profile" in ok(cli, "profile", group, "list")
    assert json.loads(ok(cli, "profile", group, "list", "--json")) == []


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (
            ["experience", "add", "--title", "X", "--start", "2021-13"],
            "invalid start date '2021-13'",
            "YYYY or YYYY-MM",
        ),
        (
            ["experience", "add", "--title", "X", "--start", "March 2021"],
            "invalid start date",
            None,
        ),
        (
            ["experience", "add", "--title", "X", "--start", "2021", "--end", "2019"],
            "the end date 2019 is before the start date 2021",
            None,
        ),
        (["experience", "add", "--title", "X", "--end", "1850"], "invalid end date", None),
        (["education", "add", "--institution", "Leeds", "--end", "soon"], "invalid end date", None),
        (["cert", "add", "--name", "CKA", "--date", "22"], "invalid certification date '22'", None),
        (["cert", "add", "--name", "CKA", "--date", "present"], "invalid certification date", None),
        (["project", "add", "--name", "x", "--url", "not a url"], "invalid URL", None),
        (["experience", "add", "--employer", "Northwind"], "missing --title", "--title"),
        (["education", "add", "--degree", "BSc"], "missing --institution", None),
        (["project", "add", "--tech", "Python"], "missing --name", None),
        (["cert", "add", "--issuer", "CNCF"], "missing --name", None),
        (["experience", "add", "--title", "  "], "missing --title", None),
        (["experience", "remove", "9"], "no job with id 9", "careercoach profile experience list"),
        (["education", "remove", "x1"], "invalid education id: 'x1'", "profile education list"),
        (["project", "remove", "3"], "no project with id 3", None),
        (["cert", "remove", "3"], "no certification with id 3", None),
    ],
)
def test_section_errors(cli, args: list[str], message: str, hint: str | None) -> None:
    ok(cli, "profile", "experience", "add", "--title", "Engineer")
    refused(cli, "profile", *args, message=message, hint=hint)


def test_the_same_entry_twice_is_refused(cli) -> None:
    ok(
        cli,
        "profile",
        "experience",
        "add",
        "--title",
        "Engineer",
        "--employer",
        "Bluefin",
        "--start",
        "2017-06",
    )
    refused(
        cli,
        "profile",
        "experience",
        "add",
        "--title",
        "engineer",
        "--employer",
        "BLUEFIN",
        "--start",
        "2017-6",
        message="already in your profile as #1",
        hint="careercoach profile experience remove 1",
    )


def test_contact_text_is_printed_literally(cli) -> None:
    ok(cli, "profile", "set", "headline", "[red]Engineer[/red] and [bold]more")
    ok(cli, "profile", "skill", "add", "[blink]Python[/blink]")
    shown = ok(cli, "profile", "show")
    assert "[red]Engineer[/red] and [bold]more" in shown
    assert "[blink]Python[/blink]" in ok(cli, "profile", "skill", "list")


# --- the form on a terminal ------------------------------------------------------------------


class _Scripted:
    """questionary.text replaced by a script of answers; records each question and checks
    answers with the validator the form gave, like questionary would before accepting."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = list(answers)
        self.questions: list[str] = []
        self.rejected: list[str] = []

    def text(self, question: str, validate=None, **_: object):
        self.questions.append(question)
        script = self

        class _Question:
            def ask(self) -> str | None:
                while script.answers:
                    answer = script.answers.pop(0)
                    verdict = True if validate is None else validate(answer)
                    if verdict is True:
                        return answer
                    script.rejected.append(str(verdict))
                return None  # out of answers: as Ctrl-C

        return _Question()


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch):
    import questionary

    from careercoach.commands.common import Env

    monkeypatch.setattr(Env, "stdin_is_tty", property(lambda self: True))

    def script(*answers: str) -> _Scripted:
        scripted = _Scripted(list(answers))
        monkeypatch.setattr(questionary, "text", scripted.text)
        return scripted

    return script


def test_form_asks_for_what_is_missing(cli, terminal) -> None:
    form = terminal(
        "Senior Engineer", "", "2021-13", "2021-03", "present", "Cut latency by 75%", ""
    )
    result = cli("profile", "experience", "add", "--employer", "Northwind")
    assert result.exit_code == 0, result.stderr
    assert form.questions[0].startswith("Job title")
    assert not any(q.startswith("Employer") for q in form.questions)  # given as a flag
    assert form.rejected == [
        "invalid start date '2021-13' (use YYYY or YYYY-MM, e.g. 2021-03, 2021)"
    ]
    [job] = json.loads(ok(cli, "profile", "experience", "list", "--json"))
    assert (job["title"], job["employer"], job["location"], job["start"], job["end"]) == (
        "Senior Engineer",
        "Northwind",
        None,
        "2021-03",
        None,
    )
    assert job["achievements"] == ["Cut latency by 75%"]


def test_form_will_not_take_an_empty_required_answer(cli, terminal) -> None:
    form = terminal("", "CKA", "CNCF", "2024")
    assert cli("profile", "cert", "add").exit_code == 0
    assert form.rejected == ["required"]
    [cert] = profile(cli)["certifications"]
    assert (cert["name"], cert["issuer"], cert["date"]) == ("CKA", "CNCF", "2024")


def test_form_interrupted_stores_nothing(cli, terminal) -> None:
    terminal("pg-lint")  # then Ctrl-C
    result = cli("profile", "project", "add")
    assert result.exit_code == 130
    assert profile(cli)["projects"] == []


def test_no_form_when_the_required_flags_are_given(cli, terminal) -> None:
    form = terminal()
    ok(cli, "profile", "education", "add", "--institution", "METU")
    assert form.questions == []
