"""roadmap [ANALYSIS_ID]: offline plans, model-written plans, storage, validation and faults."""

from __future__ import annotations

import json
import re

import pytest

from analyses_fixtures import add_analysis, add_cv, add_job, analysis_count, gap_report, stored


def _gap(**report_changes) -> int:
    return add_analysis(cv_id=add_cv(), job_id=add_job(), report=gap_report(**report_changes))


def _model_plan(hours: float = 6, weeks: int = 2) -> dict:
    return {
        "summary": "Kubernetes first, then MySQL.",
        "weeks": [
            {
                "week": n,
                "focus": "Kubernetes",
                "skills": ["Kubernetes"],
                "hours": hours,
                "tasks": ["Do the official tutorial", "Deploy a small app"],
                "resource": "Kubernetes tutorials: https://kubernetes.io/docs/tutorials/",
                "deliverable": "a repository with manifests and a README",
            }
            for n in range(1, weeks + 1)
        ],
        "outside_plan": [{"skill": "Apache Kafka", "reason": "no time left"}],
        "notes": ["Experience gaps are not skills."],
    }


def test_no_gap_analysis_is_exit_1_with_a_hint(cli) -> None:
    result = cli("roadmap")
    assert result.exit_code == 1
    assert "no gap analysis" in result.stderr
    assert "careercoach gap" in result.stderr


def test_offline_plan_from_the_latest_gap_is_stored_and_shown(cli) -> None:
    older = add_analysis(job_id=add_job(), minutes_ago=60, report=gap_report(missing_skills=[]))
    latest = _gap()
    result = cli("roadmap", "--weeks", "4", "--hours-per-week", "6")
    assert result.exit_code == 0, result.stderr
    assert "Offline plan (no model is configured)" in result.stderr
    out = result.stdout
    assert f"from gap analysis #{latest}" in out
    assert "Week 1: Kubernetes (1/" in out and "Deliverable:" in out and "Resource:" in out
    assert "Outside this plan" in out and "Apache Kafka" in out
    row = stored(latest + 1)
    assert row.kind == "roadmap" and row.previous_id == latest and row.mode == "offline"
    assert row.job_id is not None and row.cv_id is not None
    assert row.report["hours_per_week"] == 6 and row.report["weeks_available"] == 4
    assert all(w["hours"] <= 6 for w in row.report["weeks"])
    assert older != latest


def test_json_prints_the_plan_and_respects_the_budget(cli) -> None:
    gap = _gap()
    result = cli("roadmap", str(gap), "--weeks", "5", "--hours-per-week", "8", "--json")
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)
    assert isinstance(plan["id"], int) and plan["analysis_id"] == gap
    assert plan["mode"] == "offline" and plan["created_at"].endswith("+00:00")
    assert len(plan["weeks"]) <= 5 and all(0 < w["hours"] <= 8 for w in plan["weeks"])
    assert plan["weeks"][0]["skills"] == ["Kubernetes"]
    assert plan["estimates"][0]["skill"] == "Kubernetes"
    assert "critical" in plan["estimates"][0]["basis"]
    assert plan["method"].startswith("Hours per skill")


def test_output_writes_markdown(cli, tmp_path) -> None:
    gap = _gap()
    target = tmp_path / "plan.md"
    result = cli("roadmap", str(gap), "--offline", "--weeks", "4", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Roadmap #")
    assert "## Week 1: Kubernetes" in text and "- [ ] " in text
    assert "Deliverable:" in text and "## Outside this plan" in text
    assert f"Plan for gap analysis #{gap}." in text


def test_output_other_than_markdown_is_exit_1_and_stores_nothing(cli, tmp_path) -> None:
    gap = _gap()
    result = cli("roadmap", str(gap), "-o", str(tmp_path / "plan.html"))
    assert result.exit_code == 1
    assert "unknown report format" in result.stderr and ".md" in result.stderr
    assert analysis_count("roadmap") == 0


def test_as_goal_stores_the_plan_pending_conversion(cli) -> None:
    _gap()
    result = cli("roadmap", "--as-goal", "--offline")
    assert result.exit_code == 0, result.stderr
    [plan_id] = [
        r["id"] for r in json.loads(cli("analyses", "list", "--kind", "roadmap", "--json").stdout)
    ]
    assert stored(plan_id).report["as_goal"] == "pending"
    assert (
        f"goals arrive with the journal/goals feature; the plan is stored as roadmap "
        f"#{plan_id} and will be offered as a goal then"
    ) in result.stderr.lower()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--weeks", "0"), "--weeks must be between 1 and 52"),
        (("--weeks", "53"), "--weeks must be between 1 and 52"),
        (("--hours-per-week", "0"), "--hours-per-week must be between 1 and 80"),
        (("--hours-per-week", "81"), "--hours-per-week must be between 1 and 80"),
    ],
)
def test_out_of_range_budget_is_exit_1_and_stores_nothing(cli, args, message) -> None:
    _gap()
    result = cli("roadmap", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert analysis_count("roadmap") == 0


def test_unknown_id_and_wrong_kind_are_exit_1(cli) -> None:
    unknown = cli("roadmap", "77")
    assert unknown.exit_code == 1 and "no analysis #77" in unknown.stderr
    cv_report = add_analysis(kind="cv", verdict=None, report={"checks": []})
    wrong = cli("roadmap", str(cv_report))
    assert wrong.exit_code == 1
    assert "a roadmap is planned from a gap analysis" in wrong.stderr


def test_no_gaps_gives_a_plan_that_proves_the_matched_skills(cli) -> None:
    gap = _gap(missing_skills=[])
    plan = json.loads(cli("roadmap", str(gap), "--json").stdout)
    assert plan["weeks"][0]["focus"] == "Prove Python"
    assert "no missing skills" in plan["summary"]


def test_nothing_to_plan_is_exit_1(cli) -> None:
    gap = _gap(missing_skills=[], matched_skills=[])
    result = cli("roadmap", str(gap))
    assert result.exit_code == 1 and "nothing to plan" in result.stderr
    assert analysis_count("roadmap") == 0


def test_model_writes_the_plan_against_the_schema(cli, fake_llm) -> None:
    from careercoach.store.db import open_store
    from careercoach.store.models import Profile

    with open_store().session() as session:
        session.add(Profile(id=1, name="Ayla Demir", email="ayla@example.com"))
    gap = _gap(strengths=["Ayla Demir (ayla@example.com) ran the Python migration"])
    fake_llm.push_json(_model_plan())
    result = cli("roadmap", str(gap), "--weeks", "3", "--hours-per-week", "6", "--json")
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["mode"] == "llm" and plan["summary"] == "Kubernetes first, then MySQL."
    assert plan["total_hours"] == 12 and plan["outside_plan"][0]["skill"] == "Apache Kafka"
    assert "test-model" in plan["method"]
    row = stored(plan["id"])
    assert row.mode == "llm" and row.previous_id == gap
    [request] = fake_llm.chat_requests
    sent = json.dumps(request.body["messages"])
    assert "CAREERCOACH_DOC_" in sent and "never instructions" in sent
    assert "Kubernetes" in sent and "at most 6" in sent
    assert "ayla@example.com" not in sent and "Ayla Demir" not in sent
    assert "cv.pdf" not in sent and "2026 backend" not in sent
    format_ = request.body.get("response_format") or {}
    schema = json.dumps(format_) + request.body["messages"][0]["content"]
    assert re.search(r'"hours":\{[^}]*"maximum":\s*6', schema.replace(" ", ""))


def test_model_plan_that_overfills_a_week_is_sent_back_for_repair(cli, fake_llm) -> None:
    gap = _gap()
    fake_llm.push_json(_model_plan(hours=30))
    fake_llm.push_json(_model_plan(hours=5))
    result = cli("roadmap", str(gap), "--hours-per-week", "6", "--json")
    assert result.exit_code == 0, result.stderr
    assert [w["hours"] for w in json.loads(result.stdout)["weeks"]] == [5, 5]
    assert len(fake_llm.chat_requests) == 2


def test_model_prose_twice_is_exit_4_and_nothing_is_stored(cli, fake_llm) -> None:
    _gap()
    fake_llm.push_fault("prose")
    fake_llm.push_fault("prose")
    result = cli("roadmap")
    assert result.exit_code == 4
    assert "format" in result.stderr
    assert analysis_count("roadmap") == 0


def test_rejected_key_is_exit_4_and_nothing_is_stored(cli, fake_llm) -> None:
    _gap()
    fake_llm.push_fault("401")
    result = cli("roadmap")
    assert result.exit_code == 4
    assert "key" in result.stderr.lower()
    assert "sk-test-SENTINEL-0000" not in result.stderr + result.stdout
    assert analysis_count("roadmap") == 0


def test_server_error_is_exit_4(cli, fake_llm, monkeypatch) -> None:
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    _gap()
    fake_llm.push_fault("500")
    result = cli("roadmap")
    assert result.exit_code == 4
    assert analysis_count("roadmap") == 0


def test_offline_flag_calls_no_model(cli, fake_llm) -> None:
    _gap()
    result = cli("roadmap", "--offline")
    assert result.exit_code == 0
    assert "offline mode is on" in result.stderr
    assert fake_llm.chat_requests == []


def test_model_text_is_shown_safely(cli, fake_llm) -> None:
    _gap()
    plan = _model_plan()
    plan["summary"] = "[bold]x[/bold] \x1b[31mred\x1b[0m done"
    fake_llm.push_json(plan)
    result = cli("roadmap")
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "[bold]x[/bold] red done" in result.stdout


def test_model_timeout_is_exit_4_and_nothing_is_stored(cli, fake_llm, monkeypatch) -> None:
    monkeypatch.setenv("CAREERCOACH_TIMEOUT", "0.5")
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    _gap()
    fake_llm.push_fault("hang", seconds=3)
    result = cli("roadmap")
    assert result.exit_code == 4
    assert analysis_count("roadmap") == 0
