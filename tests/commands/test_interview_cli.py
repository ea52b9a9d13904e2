"""interview questions/practice/bookmark/list: the shipped bank offline, the model online."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from careercoach.analysis.interview_bank import (
    DIFFICULTIES,
    TYPES,
    load_bank,
    review_offline,
    star_parts,
)

ROLES = (
    "software",
    "data",
    "product",
    "design",
    "marketing",
    "sales",
    "finance",
    "hr",
    "operations",
    "healthcare",
    "teaching",
    "support",
)


def test_the_bank_covers_every_role_difficulty_and_type() -> None:
    bank = load_bank()
    assert len(bank.questions) >= 300
    assert set(ROLES) <= set(bank.roles)
    cells = Counter((q.role, q.difficulty, q.type) for q in bank.questions)
    for role in ROLES:
        for difficulty in DIFFICULTIES:
            for type_ in TYPES:
                assert cells[(role, difficulty, type_)] >= 3, (role, difficulty, type_)
    assert all(len(q.covers) >= 3 for q in bank.questions)
    assert len({q.text for q in bank.questions}) == len(bank.questions)


@pytest.mark.parametrize(
    ("typed", "role"),
    [
        ("backend developer", "software"),
        ("Registered Nurse", "healthcare"),
        ("Senior Data Engineer", "data"),
        ("ux designer", "design"),
        ("Account Executive", "sales"),
        ("astronaut", None),
        ("", None),
    ],
)
def test_typed_roles_map_to_the_bank(typed: str, role: str | None) -> None:
    assert load_bank().resolve_role(typed) == role


def test_offline_review_follows_its_formula() -> None:
    covers = ["reproduce the issue", "find the root cause", "add a regression test"]
    answer = (
        "I reproduced the issue with the customer's data, then traced the root cause "
        "to a race in the cache. "
    ) * 3
    review = review_offline(covers, answer, "technical")
    assert review["missing"] == ["add a regression test"]
    words = len(answer.split())
    form = 1.0 if 60 <= words <= 350 else words / 60
    assert review["score"] == 1 + round(9 * (0.8 * 2 / 3 + 0.2 * form))
    assert "offline estimate" in review["notes"][0]


def test_star_parts_are_found_by_their_cues() -> None:
    parts = star_parts(
        "At my last job our team had a failing release. My role was to fix the pipeline. "
        "I decided to split the build, and as a result deploys took 40% less time."
    )
    assert parts == {"situation": True, "task": True, "action": True, "result": True}
    assert not any(star_parts("I like teamwork.").values())


def test_offline_questions_come_from_the_bank_and_are_stored(cli) -> None:
    result = cli(
        "interview",
        "questions",
        "--role",
        "data engineer",
        "--difficulty",
        "hard",
        "--count",
        "3",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    first = json.loads(result.stdout)
    assert len(first) == 3
    assert {q["role"] for q in first} == {"data"}
    assert {q["difficulty"] for q in first} == {"hard"}
    assert all(isinstance(q["id"], int) and q["source"] == "bank" for q in first)
    assert "offline" in result.stderr
    again = json.loads(
        cli(
            "interview",
            "questions",
            "--role",
            "data",
            "--difficulty",
            "hard",
            "--count",
            "3",
            "--json",
        ).stdout
    )
    assert not {q["text"] for q in again} & {q["text"] for q in first}  # fresh ones first
    listed = json.loads(cli("interview", "list", "--json").stdout)
    assert len(listed) == 6
    shown = cli("interview", "questions", "--role", "nurse", "--count", "1")
    assert shown.exit_code == 0 and "A good answer covers" in shown.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "astronaut"], "no role like 'astronaut'"),
        (["--role", "data", "--difficulty", "extreme"], "unknown difficulty"),
        (["--role", "data", "--type", "trivia"], "unknown question type"),
        (["--role", "data", "--count", "0"], "--count must be 1-30"),
        ([], "which role"),
    ],
)
def test_bad_question_requests_are_exit_1(cli, args, message) -> None:
    result = cli("interview", "questions", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert json.loads(cli("interview", "list", "--json").stdout) == []


def test_bookmarks(cli) -> None:
    [question] = json.loads(
        cli("interview", "questions", "--role", "sales", "--count", "1", "--json").stdout
    )
    assert cli("interview", "bookmark", str(question["id"])).exit_code == 0
    marked = json.loads(cli("interview", "list", "--bookmarked", "--json").stdout)
    assert [q["id"] for q in marked] == [question["id"]]
    assert cli("interview", "bookmark", str(question["id"]), "--remove").exit_code == 0
    assert json.loads(cli("interview", "list", "--bookmarked", "--json").stdout) == []
    missing = cli("interview", "bookmark", "999")
    assert missing.exit_code == 1 and "no interview question with id 999" in missing.stderr


def test_offline_practice_reviews_and_stores_the_answer(cli, tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(
        "At my last job our team had a release that kept failing. My role was to fix the "
        "deploy pipeline within a week. I decided to split the build into stages, I wrote "
        "tests for the flaky step and I worked with the platform team on caching. As a "
        "result deploys took 40% less time and failures dropped to almost zero; I learned "
        "to measure before changing things.",
        encoding="utf-8",
    )
    result = cli(
        "interview",
        "practice",
        "--role",
        "software engineer",
        "--type",
        "behavioral",
        "--answer-file",
        str(answer),
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    practice = json.loads(result.stdout)
    assert 1 <= practice["score"] <= 10
    assert practice["mode"] == "offline"
    assert practice["feedback"]["star"] == {
        "situation": True,
        "task": True,
        "action": True,
        "result": True,
    }
    assert practice["question"]["type"] == "behavioral"
    progress = json.loads(cli("interview", "list", "--practised", "--json").stdout)
    assert [(p["role"], p["sessions"]) for p in progress] == [("software", 1)]
    counted = json.loads(cli("interview", "list", "--json").stdout)
    assert counted[0]["practised"] == 1


def test_practice_bad_input_stores_nothing(cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    result = cli("interview", "practice", "--role", "teacher", "--answer-file", str(empty))
    assert result.exit_code == 1 and "the answer is empty" in result.stderr
    result = cli("interview", "practice", "--role", "teacher")  # no terminal, no file
    assert result.exit_code == 1 and "--answer-file" in result.stderr
    result = cli("interview", "practice", "--answer-file", str(empty))
    assert result.exit_code == 1 and "--role" in result.stderr
    result = cli("interview", "practice", "--question", "42", "--answer-file", str(empty))
    assert result.exit_code == 1 and "no interview question with id 42" in result.stderr
    missing = cli("interview", "practice", "--role", "hr", "--answer-file", str(tmp_path / "x"))
    assert missing.exit_code == 1 and "cannot read the answer file" in missing.stderr
    assert json.loads(cli("interview", "list", "--practised", "--json").stdout) == []


FEEDBACK = {
    "score": 7,
    "strengths": ["clear structure"],
    "missing": ["a measurable result"],
    "star": {
        "situation": True,
        "task": True,
        "action": True,
        "result": False,
        "comment": "Say what changed.",
    },
    "improved_outline": ["Set the scene", "Your task", "What you did", "The result"],
}


def test_model_questions_and_feedback(cli, fake_llm, tmp_path: Path) -> None:
    fake_llm.push_json(
        {
            "questions": [
                {
                    "text": "Tell me about a time you fixed a broken pipeline.",
                    "type": "behavioral",
                    "difficulty": "medium",
                    "covers": ["the failure", "your actions", "the result"],
                },
                {
                    "text": "How do you design idempotent loads?",
                    "type": "technical",
                    "difficulty": "medium",
                    "covers": ["keys", "upserts", "reruns"],
                },
            ]
        }
    )
    result = cli("interview", "questions", "--role", "data engineer", "--count", "2", "--json")
    assert result.exit_code == 0, result.stderr
    questions = json.loads(result.stdout)
    assert [q["source"] for q in questions] == ["llm", "llm"]
    sent = fake_llm.chat_requests[-1].body["messages"]
    assert any('the role "data engineer"' in m["content"] for m in sent)

    answer = tmp_path / "answer.txt"
    answer.write_text("I fixed it; mail me at jo@example.com for details.", encoding="utf-8")
    fake_llm.push_json(FEEDBACK)
    result = cli(
        "interview",
        "practice",
        "--question",
        str(questions[0]["id"]),
        "--answer-file",
        str(answer),
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    practice = json.loads(result.stdout)
    assert practice["mode"] == "llm" and practice["score"] == 7
    assert practice["feedback"]["star"]["result"] is False
    sent = json.dumps(fake_llm.chat_requests[-1].body)
    assert "jo@example.com" not in sent and "[EMAIL_1]" in sent


def test_model_faults_store_no_practice(cli, fake_llm, tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text("An answer.", encoding="utf-8")
    [question] = json.loads(
        cli("interview", "questions", "--role", "hr", "--count", "1", "--offline", "--json").stdout
    )
    fake_llm.push_fault("401")
    result = cli(
        "interview", "practice", "--question", str(question["id"]), "--answer-file", str(answer)
    )
    assert result.exit_code == 4
    fake_llm.push_fault("prose")
    fake_llm.push_fault("prose")
    result = cli(
        "interview", "practice", "--question", str(question["id"]), "--answer-file", str(answer)
    )
    assert result.exit_code == 4
    assert json.loads(cli("interview", "list", "--practised", "--json").stdout) == []
