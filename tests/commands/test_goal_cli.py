"""goal add/list/show/done/delete, goal step ..., goal plan (model, template) and from-roadmap."""

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


def _goals() -> list[Any]:
    from sqlmodel import select

    from careercoach.store.models import Goal

    with _store().read_session() as s:
        return list(s.exec(select(Goal)).all())


def _steps(goal_id: int | None = None) -> list[Any]:
    from sqlmodel import select

    from careercoach.store.models import GoalStep

    with _store().read_session() as s:
        query = select(GoalStep)
        if goal_id is not None:
            query = query.where(GoalStep.goal_id == goal_id)
        return sorted(s.exec(query).all(), key=lambda r: r.position)


def _add_goal(cli, title: str = "Get AWS certified", *extra: str) -> dict[str, Any]:
    result = cli("goal", "add", title, *extra, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _insert_gap(missing: list[dict[str, Any]], *, job_title: str = "Cloud Engineer") -> int:
    from careercoach.store.models import Analysis, Job

    with _store().session() as s:
        job = Job(title=job_title, text="posting text")
        s.add(job)
        s.flush()
        row = Analysis(
            kind="gap",
            mode="offline",
            job_id=job.id,
            verdict="UNFIT",
            score=45.0,
            report={"verdict": "UNFIT", "missing_skills": missing, "matched_skills": ["Python"]},
        )
        s.add(row)
        s.flush()
        return row.id


def _insert_profile() -> None:
    from careercoach.store.models import Profile, ProfileSkill

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
        s.add(ProfileSkill(name="PostgreSQL", level="intermediate"))


MISSING = [
    {"skill": "Terraform", "required": True, "severity": "major", "priority": 2},
    {"skill": "AWS", "required": True, "severity": "critical", "priority": 1},
    {"skill": "Go", "required": False, "severity": "minor", "priority": 3},
]


# --- add / list / show / done ---------------------------------------------------------------


def test_add_json_has_the_record_and_its_id(cli) -> None:
    data = _add_goal(cli, "Get AWS certified", "--due", "in 6 weeks", "--why", "cloud roles")
    assert isinstance(data["id"], int)
    assert data["title"] == "Get AWS certified"
    assert data["due"] == _iso(42)
    assert data["why"] == "cloud roles"
    assert data["progress"] == 0 and data["steps"] == []
    assert data["created_at"].endswith("+00:00")


def test_add_without_json_tells_the_next_step(cli) -> None:
    result = cli("goal", "add", "Learn Go")
    assert result.exit_code == 0
    assert "Added goal #1" in result.stdout
    assert "goal plan 1" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Old goal", "--due", "2020-01-01"], "in the past"),
        (["Bad date", "--due", "blursday"], "cannot read the date"),
        (["Bad date", "--due", "2026-02-30"], "cannot read the date"),
        (["   "], "goal title is empty"),
    ],
)
def test_add_bad_input_is_exit_1_and_stores_nothing(cli, args: list[str], message: str) -> None:
    result = cli("goal", "add", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert _goals() == []


def test_invalid_date_lists_the_accepted_forms(cli) -> None:
    result = cli("goal", "add", "X", "--due", "someday")
    assert result.exit_code == 1
    assert "YYYY-MM-DD" in result.stderr and "in N days|weeks|months|years" in result.stderr


def test_progress_is_the_share_of_steps_done(cli) -> None:
    goal = _add_goal(cli, "Ship a portfolio", "--due", "in 30 days")
    for text, due in [
        ("Pick a project", "tomorrow"),
        ("Build it", "in 2 weeks"),
        ("Write it up", "in 3 weeks"),
        ("Publish", "in 4 weeks"),
    ]:
        assert cli("goal", "step", "add", str(goal["id"]), text, "--due", due).exit_code == 0
    steps = _steps(goal["id"])
    assert cli("goal", "step", "done", str(steps[0].id)).exit_code == 0
    result = cli("goal", "step", "done", str(steps[1].id))
    assert "50% done (2/4 steps)" in result.stdout

    listed = json.loads(cli("goal", "list", "--json").stdout)
    assert [(g["id"], g["progress"], g["steps_done"], g["steps_total"]) for g in listed] == [
        (goal["id"], 50, 2, 4)
    ]
    shown = json.loads(cli("goal", "show", str(goal["id"]), "--json").stdout)
    assert [(s["text"], s["due"], s["done"]) for s in shown["steps"]] == [
        ("Pick a project", _iso(1), True),
        ("Build it", _iso(14), True),
        ("Write it up", _iso(21), False),
        ("Publish", _iso(28), False),
    ]
    assert all(isinstance(s["id"], int) for s in shown["steps"])
    assert shown["next_step"] == "Write it up"


def test_goal_done_is_100_and_leaves_the_open_list(cli) -> None:
    goal = _add_goal(cli, "Finish course")
    cli("goal", "step", "add", str(goal["id"]), "Module 1")
    result = cli("goal", "done", str(goal["id"]), "--json")
    data = json.loads(result.stdout)
    assert data["status"] == "done" and data["progress"] == 100 and data["done_at"]
    assert json.loads(cli("goal", "list", "--json").stdout) == []
    everything = json.loads(cli("goal", "list", "--all", "--json").stdout)
    assert [(g["id"], g["progress"]) for g in everything] == [(goal["id"], 100)]


def test_list_table_shows_overdue_steps_and_days_left(cli) -> None:
    from careercoach.store.models import GoalStep

    goal = _add_goal(cli, "AWS cert", "--due", "in 9 days")
    with _store().session() as s:
        s.add(GoalStep(goal_id=goal["id"], position=1, text="Book the exam", due=_iso(-3)))
    result = cli("goal", "list")
    assert result.exit_code == 0
    assert "AWS cert" in result.stdout
    assert "0/1 (1 late)" in result.stdout
    assert "in 9 days" in result.stdout
    assert "Progress = steps done / all steps" in result.stdout
    shown = cli("goal", "show", str(goal["id"]))
    assert "Book the exam" in shown.stdout and "3 days overdue" in shown.stdout
    data = json.loads(cli("goal", "show", str(goal["id"]), "--json").stdout)
    assert data["overdue_steps"] == 1 and data["steps"][0]["overdue"] is True


def test_empty_list_says_how_to_start(cli) -> None:
    result = cli("goal", "list")
    assert result.exit_code == 0
    assert "goal add" in result.stdout
    assert json.loads(cli("goal", "list", "--json").stdout) == []


def test_user_text_is_not_rich_markup(cli) -> None:
    goal = _add_goal(cli, "[bold]Learn[/bold] \x1b[31mRust")
    result = cli("goal", "show", str(goal["id"]))
    assert "[bold]Learn[/bold]" in result.stdout
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["goal", "show", "99"], "no goal #99"),
        (["goal", "show", "abc"], "not a number"),
        (["goal", "done", "7"], "no goal #7"),
        (["goal", "delete", "7", "--yes"], "no goal #7"),
        (["goal", "plan", "7", "--yes"], "no goal #7"),
        (["goal", "step", "add", "7", "text"], "no goal #7"),
        (["goal", "step", "done", "5"], "no step #5"),
        (["goal", "step", "remove", "5"], "no step #5"),
    ],
)
def test_unknown_ids_are_exit_1(cli, args: list[str], message: str) -> None:
    result = cli(*args)
    assert result.exit_code == 1
    assert message in result.stderr


def test_step_add_checks_text_and_date(cli) -> None:
    goal = _add_goal(cli)
    assert "step text is empty" in cli("goal", "step", "add", str(goal["id"]), "  ").stderr
    past = cli("goal", "step", "add", str(goal["id"]), "Read", "--due", "2001-01-01")
    assert past.exit_code == 1 and "in the past" in past.stderr
    assert _steps() == []


def test_step_remove(cli) -> None:
    goal = _add_goal(cli)
    added = json.loads(cli("goal", "step", "add", str(goal["id"]), "Read", "--json").stdout)
    result = cli("goal", "step", "remove", str(added["id"]))
    assert result.exit_code == 0 and "removed" in result.stdout
    assert _steps() == []


# --- delete and confirmations ---------------------------------------------------------------


def test_delete_off_a_terminal_needs_yes(cli) -> None:
    goal = _add_goal(cli)
    cli("goal", "step", "add", str(goal["id"]), "Step one")
    result = cli("goal", "delete", str(goal["id"]))
    assert result.exit_code == 1
    assert "--yes" in result.stderr
    assert len(_goals()) == 1 and len(_steps()) == 1


def test_delete_with_yes_removes_the_goal_and_its_steps(cli) -> None:
    goal = _add_goal(cli)
    cli("goal", "step", "add", str(goal["id"]), "Step one")
    result = cli("goal", "delete", str(goal["id"]), "--yes")
    assert result.exit_code == 0
    assert "Deleted goal #1 and 1 steps" in result.stdout
    assert _goals() == [] and _steps() == []


class _Answer:
    def __init__(self, value: Any) -> None:
        self.value = value

    def ask(self) -> Any:
        return self.value


@pytest.fixture
def tty(monkeypatch):
    """Pretend stdin is a terminal; questionary's prompts are replaced by the test's answers."""
    from careercoach.commands.common import Env

    monkeypatch.setattr(Env, "stdin_is_tty", property(lambda self: True))
    return monkeypatch


def test_delete_on_a_terminal_asks_and_no_keeps_it(cli, tty) -> None:
    import questionary

    goal = _add_goal(cli)
    asked: list[str] = []
    tty.setattr(questionary, "confirm", lambda q, **k: asked.append(q) or _Answer(False))
    result = cli("goal", "delete", str(goal["id"]))
    assert result.exit_code == 0
    assert asked and "Delete goal #1" in asked[0]
    assert "Nothing deleted" in result.stderr
    assert len(_goals()) == 1


# --- plan with the model --------------------------------------------------------------------


def _plan_steps(n: int, start: int = 3, every: int = 4) -> list[dict[str, Any]]:
    return [
        {
            "text": f"Step {i + 1}: do a concrete thing",
            "due": _iso(start + every * i),
            "done_when": f"artefact {i + 1} exists",
        }
        for i in range(n)
    ]


def test_plan_with_the_model_saves_the_steps(cli, fake_llm) -> None:
    _insert_profile()
    _insert_gap(MISSING)
    goal = _add_goal(cli, "Become a cloud engineer", "--due", "in 40 days")
    fake_llm.push_json({"steps": _plan_steps(6), "notes": ["Start with AWS."]})
    result = cli("goal", "plan", str(goal["id"]), "--yes", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["plan"]["mode"] == "llm" and data["plan"]["added"] == 6
    assert "Start with AWS." in data["plan"]["notes"]
    assert [s["due"] for s in data["steps"]] == [_iso(3 + 4 * i) for i in range(6)]
    assert data["steps"][0]["text"] == "Step 1: do a concrete thing (done when: artefact 1 exists)"
    assert data["progress"] == 0 and len(_steps(goal["id"])) == 6

    sent = json.dumps(fake_llm.chat_requests[-1].body["messages"])
    assert "Become a cloud engineer" in sent
    assert "Python (advanced)" in sent and "Backend developer" in sent
    assert "AWS (critical, priority 1)" in sent
    assert "ada.quill@example.org" not in sent and "7946" not in sent and "Ada Quill" not in sent
    assert "CAREERCOACH_DOC" in sent


def test_plan_dates_outside_the_window_are_respread(cli, fake_llm) -> None:
    goal = _add_goal(cli, "Learn Kubernetes", "--due", "in 20 days")
    steps = _plan_steps(5, start=-30, every=60)  # before today and long after the due date
    fake_llm.push_json({"steps": steps})
    result = cli("goal", "plan", str(goal["id"]), "--yes", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    dues = [s["due"] for s in data["steps"]]
    assert dues == sorted(dues)
    assert all(_iso(0) <= d <= _iso(20) for d in dues)
    assert dues[-1] == _iso(20)
    assert any("spread evenly" in n for n in data["plan"]["notes"])


def test_plan_without_due_date_uses_an_8_week_horizon(cli, fake_llm) -> None:
    goal = _add_goal(cli, "Learn Rust")
    fake_llm.push_json({"steps": _plan_steps(5, start=200, every=1)})
    data = json.loads(cli("goal", "plan", str(goal["id"]), "--yes", "--json").stdout)
    assert [s["due"] for s in data["steps"]] == [
        (TODAY + timedelta(days=round(56 * (i + 1) / 5))).isoformat() for i in range(5)
    ]


@pytest.mark.parametrize("faults", [["401"], ["prose", "prose"]])
def test_plan_model_faults_are_exit_4_and_write_nothing(cli, fake_llm, faults) -> None:
    goal = _add_goal(cli, "Learn SQL", "--due", "in 30 days")
    for fault in faults:
        fake_llm.push_fault(fault)
    result = cli("goal", "plan", str(goal["id"]), "--yes")
    assert result.exit_code == 4
    assert "Error:" in result.stderr
    assert "sk-test-SENTINEL-0000" not in result.stderr
    assert _steps() == []


def test_plan_with_too_few_steps_is_exit_4(cli, fake_llm) -> None:
    goal = _add_goal(cli, "Learn SQL", "--due", "in 30 days")
    fake_llm.push_json({"steps": _plan_steps(2)})
    fake_llm.push_json({"steps": _plan_steps(3)})
    result = cli("goal", "plan", str(goal["id"]), "--yes")
    assert result.exit_code == 4
    assert _steps() == []


def test_plan_off_a_terminal_without_yes_is_exit_1_and_calls_nothing(cli, fake_llm) -> None:
    goal = _add_goal(cli)
    result = cli("goal", "plan", str(goal["id"]))
    assert result.exit_code == 1
    assert "--yes" in result.stderr
    assert fake_llm.chat_requests == []


def test_plan_of_a_done_goal_is_refused(cli, fake_llm) -> None:
    goal = _add_goal(cli)
    cli("goal", "done", str(goal["id"]))
    result = cli("goal", "plan", str(goal["id"]), "--yes")
    assert result.exit_code == 1 and "already done" in result.stderr
    assert fake_llm.chat_requests == []


def test_plan_on_a_terminal_keeps_drops_and_edits(cli, fake_llm, tty) -> None:
    import questionary

    goal = _add_goal(cli, "Learn Go", "--due", "in 30 days")
    fake_llm.push_json({"steps": _plan_steps(5)})
    seen: dict[str, Any] = {}

    def checkbox(question, choices, **kwargs):
        seen["checked"] = [c.checked for c in choices]
        return _Answer([0, 2, 4])  # drop steps 2 and 4

    edits = iter(["Step 1 rewritten by me", "", "Step 5 kept"])
    tty.setattr(questionary, "checkbox", checkbox)
    tty.setattr(questionary, "confirm", lambda q, **k: _Answer(True))
    tty.setattr(questionary, "text", lambda q, default="", **k: _Answer(next(edits)))
    result = cli("goal", "plan", str(goal["id"]))
    assert result.exit_code == 0, result.stderr
    assert seen["checked"] == [True] * 5
    assert [(s.text, s.due) for s in _steps(goal["id"])] == [
        ("Step 1 rewritten by me", _iso(3)),
        ("Step 5 kept", _iso(19)),
    ]
    assert "Saved 2 steps" in result.stdout


# --- plan offline ---------------------------------------------------------------------------


def test_offline_plan_with_yes_uses_the_gap_priorities(cli) -> None:
    gap_id = _insert_gap(MISSING)
    goal = _add_goal(cli, "Become a cloud engineer", "--due", "in 30 days")
    result = cli("goal", "plan", str(goal["id"]), "--yes", "--json")
    assert result.exit_code == 0, result.stderr
    assert "no model is configured" in result.stderr.lower()
    data = json.loads(result.stdout)
    assert data["plan"]["mode"] == "template"
    texts = [s["text"] for s in data["steps"]]
    assert [t.split(":")[0] for t in texts] == ["Learn AWS", "Learn Terraform", "Learn Go"]
    assert f"gap analysis #{gap_id}" in texts[0]
    assert [s["due"] for s in data["steps"]] == [_iso(10), _iso(20), _iso(30)]


def test_offline_flag_wins_over_a_configured_model(cli, fake_llm) -> None:
    _insert_gap(MISSING)
    goal = _add_goal(cli, "Cloud", "--due", "in 30 days")
    result = cli("goal", "plan", str(goal["id"]), "--yes", "--offline", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["plan"]["mode"] == "template"
    assert fake_llm.chat_requests == []


def test_offline_plan_with_yes_and_no_gap_is_exit_1(cli) -> None:
    goal = _add_goal(cli)
    result = cli("goal", "plan", str(goal["id"]), "--yes")
    assert result.exit_code == 1
    assert "offline planning needs a terminal" in result.stderr
    assert _steps() == []


def test_offline_template_on_a_terminal_asks_for_each_slot(cli, tty) -> None:
    import questionary

    goal = _add_goal(cli, "Write a blog", "--due", "in 25 days")
    prompts: list[str] = []
    answers = iter(["Draft 3 post ideas", "Publish post one", ""])
    tty.setattr(
        questionary, "text", lambda q, default="", **k: prompts.append(q) or _Answer(next(answers))
    )
    result = cli("goal", "plan", str(goal["id"]))
    assert result.exit_code == 0, result.stderr
    assert len(prompts) == 3 and "due " + _iso(5) in prompts[0]
    assert [(s.text, s.due) for s in _steps(goal["id"])] == [
        ("Draft 3 post ideas", _iso(5)),
        ("Publish post one", _iso(10)),
    ]


# --- roadmaps become goals ------------------------------------------------------------------


def _insert_roadmap(as_goal: Any = "pending", weeks: int = 3) -> int:
    from careercoach.store.models import Analysis

    report = {
        "title": "Roadmap to Cloud Engineer",
        "summary": "Close AWS and Terraform in three weeks.",
        "weeks": [
            {
                "week": n,
                "focus": f"Skill {n}",
                "skills": [f"Skill {n}"],
                "hours": 6,
                "tasks": ["do it"],
                "resource": "docs",
                "deliverable": f"demo {n}",
            }
            for n in range(1, weeks + 1)
        ],
        "as_goal": as_goal,
    }
    with _store().session() as s:
        row = Analysis(kind="roadmap", mode="offline", report=report)
        s.add(row)
        s.flush()
        return row.id


def test_list_offers_pending_roadmaps_on_stderr(cli) -> None:
    rid = _insert_roadmap()
    _insert_roadmap(as_goal=None)
    result = cli("goal", "list", "--json")
    assert json.loads(result.stdout) == []
    lines = [line for line in result.stderr.splitlines() if "roadmap" in line.lower()]
    assert lines == [f"Roadmap #{rid} can become a goal: careercoach goal from-roadmap {rid}"]


def test_from_roadmap_makes_one_step_per_week(cli) -> None:
    from careercoach.services.goals import create_goal_from_roadmap
    from careercoach.store.models import Analysis

    rid = _insert_roadmap()
    result = cli("goal", "from-roadmap", str(rid), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "Roadmap to Cloud Engineer"
    assert data["source"] == f"roadmap:{rid}"
    assert data["due"] == _iso(21)
    assert [(s["text"], s["due"]) for s in data["steps"]] == [
        ("Week 1: Skill 1 — demo 1", _iso(7)),
        ("Week 2: Skill 2 — demo 2", _iso(14)),
        ("Week 3: Skill 3 — demo 3", _iso(21)),
    ]
    with _store().read_session() as s:
        assert s.get(Analysis, rid).report["as_goal"] == data["id"]
    assert "from-roadmap" not in cli("goal", "list").stderr
    again = cli("goal", "from-roadmap", str(rid))
    assert again.exit_code == 1 and f"already goal #{data['id']}" in again.stderr
    with pytest.raises(Exception, match="already goal"):
        create_goal_from_roadmap(_store(), rid)
    assert len(_goals()) == 1


def test_from_roadmap_bad_ids(cli) -> None:
    gap = _insert_gap(MISSING)
    assert "no roadmap analysis" in cli("goal", "from-roadmap", str(gap)).stderr
    assert cli("goal", "from-roadmap", "999").exit_code == 1
    empty = _insert_roadmap(weeks=0)
    result = cli("goal", "from-roadmap", str(empty))
    assert result.exit_code == 1 and "no weeks" in result.stderr
    assert _goals() == []
