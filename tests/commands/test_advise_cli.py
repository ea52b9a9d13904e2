"""advise: offline rules over the stored facts, the model's advice, and its failures."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest

TODAY = date.today()


def _iso(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


def _store():
    from careercoach.store.db import open_store

    return open_store()


def _advice_rows() -> list[Any]:
    from sqlmodel import select

    from careercoach.store.models import Analysis

    with _store().read_session() as s:
        return list(s.exec(select(Analysis).where(Analysis.kind == "advice")).all())


def _fill_store() -> dict[str, int]:
    """A person with a profile, a CV, a job, a gap analysis, a CV report, a goal and a journal."""
    from careercoach.store.models import (
        CV,
        Analysis,
        Goal,
        GoalStep,
        Job,
        JournalEntry,
        Profile,
        ProfileSkill,
    )

    with _store().session() as s:
        s.add(
            Profile(
                id=1,
                name="Ada Quill",
                headline="Backend developer",
                email="ada.quill@example.org",
                phone="+44 20 7946 0958",
            )
        )
        s.add(ProfileSkill(name="Python", level="advanced"))
        cv = CV(
            filename="cv.md",
            kind="md",
            sha256="0" * 64,
            size_bytes=10,
            word_count=2,
            text="Ada Quill",
        )
        job = Job(title="Cloud Engineer", text="posting")
        s.add(cv)
        s.add(job)
        s.flush()
        gap = Analysis(
            kind="gap",
            mode="offline",
            cv_id=cv.id,
            job_id=job.id,
            verdict="UNFIT",
            score=48.0,
            report={
                "missing_skills": [
                    {"skill": "Terraform", "required": True, "severity": "major", "priority": 2},
                    {"skill": "AWS", "required": True, "severity": "critical", "priority": 1},
                ]
            },
        )
        report = Analysis(kind="cv", mode="offline", cv_id=cv.id, score=52.0, report={})
        goal = Goal(title="AWS cert", due=_iso(9))
        s.add_all([gap, report, goal])
        s.flush()
        for i, (text, due, done) in enumerate(
            [
                ("Read the exam guide", _iso(-10), True),
                ("Book the exam", _iso(-4), False),
                ("Practice test 1", _iso(3), False),
                ("Practice test 2", _iso(6), False),
                ("Sit the exam", _iso(9), False),
            ],
            start=1,
        ):
            s.add(GoalStep(goal_id=goal.id, position=i, text=text, due=due, done=done))
        for days_ago, stress, motivation in [
            (20, 6.0, 5.0),
            (12, 8.0, 4.0),
            (3, 8.5, 3.0),
            (1, 9.0, 3.0),
        ]:
            s.add(
                JournalEntry(
                    entry_date=_iso(-days_ago),
                    text=f"Long day again, mail me at ada.quill@example.org. Day -{days_ago}.",
                    stress=stress,
                    motivation=motivation,
                    themes=["workload", "job search"],
                    analysis={"stress": stress},
                    analysis_mode="offline",
                    mood=2,
                )
            )
        return {"gap": gap.id, "cv_report": report.id, "goal": goal.id}


def test_empty_store_gets_starter_advice_not_an_error(cli) -> None:
    result = cli("advise", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["mode"] == "offline" and isinstance(data["id"], int)
    texts = " ".join(r["text"] for r in data["recommendations"])
    assert "cv add" in texts and "job add" in texts and "goal add" in texts
    assert [r["priority"] for r in data["recommendations"]] == list(
        range(1, len(data["recommendations"]) + 1)
    )
    assert [d["day"] for d in data["plan"]] == [1, 2, 3, 4, 5, 6, 7]
    assert all(item["basis"] for item in data["recommendations"] + data["plan"])
    assert {"no CV stored", "no job postings stored", "no open goals stored"} <= {
        r["basis"] for r in data["recommendations"]
    }
    assert any("starter advice" in n for n in data["notes"])
    assert any("offline" in n.lower() for n in data["notes"])
    [row] = _advice_rows()
    assert row.id == data["id"] and row.mode == "offline"
    assert row.report["recommendations"] == data["recommendations"]


def test_filled_store_advice_cites_the_facts(cli) -> None:
    ids = _fill_store()
    result = cli("advise", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    recs = data["recommendations"]
    # High stress comes first, then the overdue step.
    assert "stress" in recs[0]["text"].lower()
    assert "average stress 7.9/10" in recs[0]["basis"]
    assert "Book the exam" in recs[1]["text"]
    assert (
        f"goal #{ids['goal']} 'AWS cert' is 20% done (5 steps), due in 9 days ({_iso(9)})"
        in recs[1]["basis"]
    )
    assert "4 days overdue" in recs[1]["basis"]
    bases = " | ".join(r["basis"] for r in recs)
    assert f"gap analysis #{ids['gap']} for 'Cloud Engineer' (UNFIT, readiness 48/100)" in bases
    assert "AWS missing, critical, priority 1" in bases
    assert f"CV analysis #{ids['cv_report']}" in bases and "52/100" in bases
    # Nothing asks for what is already there.
    texts = " ".join(r["text"] for r in recs)
    assert "cv add" not in texts and "job add" not in texts
    # Stress is high: the last day is a rest day.
    assert data["plan"][-1]["day"] == 7 and "Rest day" in data["plan"][-1]["action"]
    assert len(data["plan"]) == 7 and all(d["basis"] for d in data["plan"])


def test_advise_renders_for_people(cli) -> None:
    _fill_store()
    result = cli("advise")
    assert result.exit_code == 0
    assert "What to do next" in result.stdout and "offline rules" in result.stdout
    assert "Your next 7 days" in result.stdout
    assert "Offline advice" in result.stderr


def _advice_answer(days: int = 7) -> dict[str, Any]:
    return {
        "recommendations": [
            {
                "priority": 2,
                "text": "Book the AWS exam.",
                "basis": "goal #1 'AWS cert' is 20% done",
            },
            {"priority": 1, "text": "Rest this weekend.", "basis": "average stress 7.9/10"},
        ],
        "plan": [
            {"day": d, "action": f"Action {d}", "basis": "goal #1"} for d in range(1, days + 1)
        ],
        "notes": ["Based on stored facts."],
    }


def test_model_advice_is_validated_stored_and_sent_redacted(cli, fake_llm) -> None:
    _fill_store()
    fake_llm.push_json(_advice_answer())
    result = cli("advise", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["mode"] == "llm" and data["model"]
    assert [(r["priority"], r["text"]) for r in data["recommendations"]] == [
        (1, "Rest this weekend."),
        (2, "Book the AWS exam."),
    ]
    assert [d["action"] for d in data["plan"]] == [f"Action {d}" for d in range(1, 8)]
    [row] = _advice_rows()
    assert row.mode == "llm" and row.report["plan"] == data["plan"]

    body = fake_llm.chat_requests[-1].body
    sent = json.dumps(body["messages"])
    assert "CAREERCOACH_DOC" in sent and "data supplied by the user" in sent
    assert "'AWS cert' is 20% done" in sent
    assert "AWS (critical, priority 1)" in sent
    assert "Long day again" in sent
    assert "ada.quill@example.org" not in sent and "7946" not in sent
    assert "Ada Quill" not in sent


@pytest.mark.parametrize(
    "faults",
    [["401"], ["prose", "prose"], ["500", "500", "500"]],
)
def test_model_faults_are_exit_4_and_store_nothing(cli, fake_llm, monkeypatch, faults) -> None:
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    _fill_store()
    for fault in faults:
        fake_llm.push_fault(fault)
    result = cli("advise")
    assert result.exit_code == 4
    assert "Error:" in result.stderr
    assert "sk-test-SENTINEL-0000" not in result.stderr
    assert _advice_rows() == []


def test_a_plan_without_seven_days_is_refused(cli, fake_llm) -> None:
    fake_llm.push_json(_advice_answer(days=5))
    fake_llm.push_json(_advice_answer(days=6))
    result = cli("advise", "--json")
    assert result.exit_code == 4
    assert result.stdout == ""
    assert _advice_rows() == []


def test_offline_flag_skips_the_model(cli, fake_llm) -> None:
    result = cli("advise", "--offline", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["mode"] == "offline"
    assert fake_llm.chat_requests == []


def test_last_shows_the_stored_advice_again(cli) -> None:
    missing = cli("advise", "--last")
    assert missing.exit_code == 1 and "no advice is stored yet" in missing.stderr
    first = json.loads(cli("advise", "--json").stdout)
    again = json.loads(cli("advise", "--last", "--json").stdout)
    assert again == first
    assert len(_advice_rows()) == 1
    shown = cli("advise", "--last")
    assert f"advice #{first['id']}" in shown.stdout


# --- the offline rules, directly ------------------------------------------------------------


def _facts(**kwargs: Any):
    from careercoach.analysis.advice import Facts

    base = {"today": TODAY, "skills": 3, "cvs": 1, "jobs": 1}
    base.update(kwargs)
    return Facts(**base)


def test_rules_goal_due_soon_and_a_goal_without_steps() -> None:
    from careercoach.analysis.advice import GoalFact, offline_advice

    soon = GoalFact(4, "Portfolio", _iso(5), 5, 25, 4, "Write the README")
    empty = GoalFact(5, "Learn Go", None, None, 0, 0, None)
    advice = offline_advice(_facts(goals=[soon, empty]))
    texts = [r.text for r in advice.recommendations]
    assert any("'Portfolio' is due soon" in t and "Write the README" in t for t in texts)
    assert any("goal plan 5" in t for t in texts)
    assert len(advice.plan) == 7
    assert any("Write the README" in d.action for d in advice.plan)


def test_rules_ready_for_the_job_and_no_applications_says_apply() -> None:
    from careercoach.analysis.advice import GapFact, offline_advice

    gap = GapFact(9, _iso(0), "Data Engineer", "FIT", 82.0, [])
    advice = offline_advice(_facts(gaps=[gap], applications={}))
    [apply] = [r for r in advice.recommendations if "apply" in r.text]
    assert "gap analysis #9 for 'Data Engineer' (FIT, readiness 82/100)" in apply.basis
    assert "no applications stored" in apply.basis
    quiet = offline_advice(_facts(gaps=[gap], applications={"applied": 2}))
    assert not [r for r in quiet.recommendations if "apply" in r.text]


def test_rules_calm_journal_gives_no_stress_advice_and_no_rest_day() -> None:
    from careercoach.analysis.advice import JournalFact, offline_advice

    calm = JournalFact(entries=6, analysed=6, avg_stress=3.0, avg_motivation=7.0)
    advice = offline_advice(_facts(journal=calm))
    assert not [r for r in advice.recommendations if "stress" in r.text.lower()]
    assert not [d for d in advice.plan if "Rest day" in d.action]
