"""The coach's context (profile, goals, a gap analysis, opt-in journal) and fitting history."""

from __future__ import annotations

import json
from datetime import date

import pytest

from careercoach.services.chat import fit_history


def _words(text: str) -> int:
    return len(text.split())


def _turns(n: int) -> list[dict[str, str]]:
    return [
        {"role": "user" if i % 2 == 0 else "assistant", "content": f"turn {i} " + "word " * 20}
        for i in range(n)
    ]


def test_everything_fits_when_the_budget_allows() -> None:
    history = _turns(4)
    fitted = fit_history("system", history, "new", budget=10_000, count=_words)
    assert fitted.condensed == 0
    assert fitted.messages[1:-1] == history
    assert fitted.messages[-1] == {"role": "user", "content": "new"}


def test_older_turns_are_condensed_newest_kept_whole() -> None:
    history = _turns(10)
    fitted = fit_history("system", history, "new", budget=120, count=_words)
    assert fitted.condensed > 0
    kept = fitted.messages[2:-1]
    assert kept == history[len(history) - len(kept) :]  # the newest, whole and in order
    digest = fitted.messages[1]
    assert digest["role"] == "system"
    assert digest["content"].startswith("Earlier in this conversation")
    total = sum(_words(m["content"]) + 4 for m in fitted.messages)
    assert total <= 120


def test_a_tiny_budget_keeps_the_system_prompt_and_the_message() -> None:
    fitted = fit_history("system prompt", _turns(6), "the new question", budget=5, count=_words)
    assert fitted.messages[0]["content"] == "system prompt"
    assert fitted.messages[-1]["content"] == "the new question"
    assert fitted.condensed == 6


def _fill_store() -> None:
    from careercoach.store.db import open_store
    from careercoach.store.models import (
        Analysis,
        Experience,
        Goal,
        GoalStep,
        Job,
        JournalEntry,
        Profile,
        ProfileSkill,
    )

    store = open_store()
    with store.session() as s:
        s.add(
            Profile(
                id=1,
                name="Ayşe Yılmaz",
                headline="Data analyst moving into data engineering",
                email="ayse@example.com",
                phone="+90 532 000 00 00",
                location="Istanbul",
            )
        )
        s.add(ProfileSkill(name="SQL", level="advanced"))
        s.add(ProfileSkill(name="Python", level="intermediate"))
        s.add(
            Experience(
                title="Data Analyst",
                employer="Acme",
                start="2021-01",
                achievements=["Built 12 dashboards; mail ayse@example.com for access"],
            )
        )
        goal = Goal(title="Pass the AWS data engineer exam", due="2027-03-01")
        s.add(goal)
        s.flush()
        s.add(GoalStep(goal_id=goal.id, position=1, text="Finish the S3 module", done=True))
        s.add(GoalStep(goal_id=goal.id, position=2, text="Build a Glue pipeline"))
        job = Job(title="Data Engineer", company="Northwind", text="posting")
        s.add(job)
        s.flush()
        s.add(
            Analysis(
                kind="gap",
                job_id=job.id,
                mode="offline",
                verdict="UNFIT",
                score=58,
                report={
                    "metrics": {"readiness": 58},
                    "missing_skills": [
                        {
                            "skill": "Apache Airflow",
                            "required": True,
                            "severity": "critical",
                            "priority": 1,
                        }
                    ],
                    "matched_skills": ["SQL", "Python"],
                    "recommendations": ["Build one Airflow DAG end to end"],
                },
            )
        )
        s.add(Analysis(kind="cv", mode="offline", score=71, report={}))
        s.add(
            JournalEntry(
                entry_date=date.today().isoformat(),
                text="Tired after the sprint",
                tags=["work"],
                stress=7.0,
                themes=["workload"],
            )
        )


def test_the_coach_is_told_what_is_stored_without_contact_details(cli, fake_llm) -> None:
    _fill_store()
    fake_llm.push_text("Start with Airflow.")
    result = cli("chat", "What", "should", "I", "learn", "next?")
    assert result.exit_code == 0, result.stderr
    body = fake_llm.chat_requests[-1].body
    system = body["messages"][0]["content"]
    for fact in (
        "Data analyst moving into data engineering",
        "SQL (advanced)",
        "Data Analyst at Acme",
        "Pass the AWS data engineer exam",
        "50% done",
        "Build a Glue pipeline",
        "Apache Airflow (critical, required)",
        "UNFIT",
        "Data Engineer at Northwind",
    ):
        assert fact in system, fact
    sent = json.dumps(body)
    for secret in ("ayse@example.com", "+90 532", "Ayşe", "Yılmaz"):
        assert secret not in sent
    assert "Tired after the sprint" not in sent and "workload" not in sent  # journal: opt-in only
    assert body["messages"][-1]["content"] == "What should I learn next?"


def test_with_journal_adds_recent_themes(cli, fake_llm) -> None:
    _fill_store()
    fake_llm.push_text("Rest first.")
    assert cli("chat", "--with", "journal", "How am I doing?").exit_code == 0
    system = fake_llm.chat_requests[-1].body["messages"][0]["content"]
    assert "themes: workload" in system
    assert "average stress (0-10): 7.0" in system


def test_unknown_with_source_and_analysis_ids_are_refused(cli, fake_llm) -> None:
    _fill_store()
    result = cli("chat", "--with", "diary", "hi")
    assert result.exit_code == 1 and "--with journal" in result.stderr
    result = cli("chat", "--analysis", "999", "hi")
    assert result.exit_code == 1 and "no analysis with id 999" in result.stderr
    result = cli("chat", "--analysis", "2", "hi")  # #2 is a CV report
    assert result.exit_code == 1 and "not a gap analysis" in result.stderr
    assert fake_llm.chat_requests == []


def test_long_history_is_condensed_to_fit_a_small_window(cli, fake_llm) -> None:
    fake_llm.max_context_tokens = 700
    cli("config", "set", "context_tokens", "1000")  # half for the prompt, half for the answer
    for i in range(6):
        fake_llm.push_text(f"answer {i} " + "detail " * 60)
        result = cli("chat", "--continue", f"question {i} " + "context " * 40)
        assert result.exit_code == 0, result.stderr
    assert "condensed to fit" in result.stderr
    last = fake_llm.chat_requests[-1].body["messages"]
    assert last[1]["content"].startswith("Earlier in this conversation")
    assert last[-1]["content"].startswith("question 5")


def test_chat_list_and_show(cli, fake_llm) -> None:
    fake_llm.push_text("First answer.")
    cli("chat", "first question")
    listed = json.loads(cli("chat", "list", "--json").stdout)
    assert [c["messages"] for c in listed] == [2]
    shown = json.loads(cli("chat", "show", str(listed[0]["id"]), "--json").stdout)
    assert [(m["role"], m["content"]) for m in shown["messages"]] == [
        ("user", "first question"),
        ("assistant", "First answer."),
    ]
    table = cli("chat", "list")
    assert "first question" in table.stdout
    assert cli("chat", "show", "99").exit_code == 1
    not_an_id = cli("chat", "show", "x")
    assert not_an_id.exit_code == 1 and "not a conversation id" in not_an_id.stderr


@pytest.mark.parametrize("args", [["chat"], ["chat", "--json"]])
def test_no_message_without_a_terminal_is_exit_1(cli, fake_llm, args) -> None:
    result = cli(*args)
    assert result.exit_code == 1
    assert "no message given" in result.stderr
