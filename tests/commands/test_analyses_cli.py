"""analyses list / show / compare: the history, one report, and two gap analyses compared."""

from __future__ import annotations

import json

import pytest

from analyses_fixtures import HOSTILE, add_analysis, add_cv, add_job, gap_report


def _two_runs_of_one_job() -> tuple[int, int, int]:
    cv, job = add_cv(), add_job()
    first = add_analysis(cv_id=cv, job_id=job, minutes_ago=30)
    second = add_analysis(
        cv_id=cv,
        job_id=job,
        previous_id=first,
        context="I finish the CKA next month",
        verdict="FIT",
        score=78,
        report=gap_report(
            verdict="FIT",
            metrics={"skills_match": 80, "culture_fit": 70, "readiness": 78, "salary_match": 60},
            matched_skills=["Python", "PostgreSQL", "Docker", "Git", "Kubernetes"],
            missing_skills=[
                {"skill": "MySQL", "required": True, "severity": "major", "priority": 1},
                {"skill": "Go", "required": False, "severity": "minor", "priority": 2},
            ],
        ),
    )
    return job, first, second


def test_empty_history_is_a_friendly_line_and_an_empty_array(cli) -> None:
    result = cli("analyses", "list")
    assert result.exit_code == 0
    assert "No analyses stored yet" in result.stdout
    assert "careercoach gap" in result.stdout
    assert json.loads(cli("analyses", "list", "--json").stdout) == []


def test_list_is_newest_first_with_job_cv_verdict_and_score(cli) -> None:
    job, first, second = _two_runs_of_one_job()
    add_analysis(
        kind="cv",
        cv_id=1,
        verdict=None,
        score=72,
        minutes_ago=60,
        report={"checks": [], "score": 72, "formula": "mean", "review": "ok"},
    )
    result = cli("analyses", "list")
    assert result.exit_code == 0
    out = result.stdout
    assert "Platform Engineer" in out and "Acme" in out and "2026 backend" in out
    assert "FIT" in out and "UNFIT" in out and "78" in out
    rows = json.loads(cli("analyses", "list", "--json").stdout)
    assert [r["id"] for r in rows] == [second, first, 3]
    assert rows[0]["job"] == {"id": job, "title": "Platform Engineer", "company": "Acme"}
    assert rows[0]["cv"]["filename"] == "cv.pdf"
    assert rows[0]["verdict"] == "FIT" and rows[0]["score"] == 78
    assert rows[0]["confidence"] == 64
    assert rows[0]["created_at"].endswith("+00:00")


def test_list_filters_by_kind_and_job(cli) -> None:
    job, first, second = _two_runs_of_one_job()
    other = add_job("Data Analyst", "Beta")
    add_analysis(job_id=other)
    add_analysis(kind="cv", verdict=None, score=50, report={"checks": [], "score": 50})
    gaps = json.loads(cli("analyses", "list", "--kind", "gap", "--json").stdout)
    assert {r["kind"] for r in gaps} == {"gap"} and len(gaps) == 3
    of_job = json.loads(cli("analyses", "list", "--job", str(job), "--json").stdout)
    assert [r["id"] for r in of_job] == [second, first]


def test_list_unknown_kind_is_exit_1(cli) -> None:
    result = cli("analyses", "list", "--kind", "poem")
    assert result.exit_code == 1
    assert "unknown kind" in result.stderr and "gap, cv, roadmap" in result.stderr


def test_show_renders_every_part_of_a_gap_report(cli) -> None:
    _, first, second = _two_runs_of_one_job()
    result = cli("analyses", "show", str(first))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "UNFIT" in out and "confidence 64" in out and "readiness 61/100" in out
    for label in ("Skills match", "Culture fit", "Domain knowledge", "Readiness", "Confidence"):
        assert label in out
    assert out.count("not judged (see notes)") == 2
    assert "culture_fit: not judged offline" in out
    for text in (
        "Kubernetes",
        "critical",
        "Five years of Python",
        "Recommendations",
        "Next steps",
        "Priority improvements",
        "Learning resources",
    ):
        assert text in out
    assert f"analyses compare {first} {second}" in out


def test_show_of_a_rerun_mentions_the_previous_and_the_compare_command(cli) -> None:
    _, first, second = _two_runs_of_one_job()
    out = cli("analyses", "show", str(second)).stdout
    assert f"Re-run of analysis #{first}" in out
    assert f"careercoach analyses compare {first} {second}" in out
    assert "I finish the CKA next month" in out


def test_show_says_which_parts_came_from_the_model(cli) -> None:
    report = gap_report(sources={"metrics": "offline", "culture_fit": "llm", "strengths": "llm"})
    analysis = add_analysis(report=report, mode="llm")
    out = cli("analyses", "show", str(analysis)).stdout
    assert "Where each part came from" in out
    assert "culture_fit: llm" in out and "metrics: offline" in out


def test_show_does_not_interpret_markup_or_escapes_from_model_text(cli) -> None:
    report = gap_report(strengths=["[bold red]shout[/] \x1b[31mred\x1b[0m " + HOSTILE])
    analysis = add_analysis(report=report)
    out = cli("analyses", "show", str(analysis)).stdout
    assert "[bold red]shout[/]" in out
    assert "\x1b" not in out
    assert "<script>" in out  # shown literally on a terminal; escaped in HTML exports


def test_show_json_is_one_document_with_the_report(cli) -> None:
    _, first, _ = _two_runs_of_one_job()
    data = json.loads(cli("analyses", "show", str(first), "--json").stdout)
    assert data["id"] == first and data["kind"] == "gap"
    assert data["report"]["metrics"]["culture_fit"] is None
    assert data["job"]["title"] == "Platform Engineer"
    assert data["followed_by"] == [{"id": first + 1, "kind": "gap"}]


def test_show_of_a_cv_report_has_its_checks_table(cli) -> None:
    analysis = add_analysis(
        kind="cv",
        cv_id=add_cv(),
        verdict=None,
        score=72,
        report={
            "checks": [
                {"check": "contact details", "passed": True, "detail": "email found"},
                {"check": "dates", "passed": False, "detail": "2 roles undated"},
            ],
            "score": 72,
            "formula": "share of checks passed x 100",
            "review": {"strengths": ["clear layout"], "weaknesses": ["no metrics"]},
        },
    )
    out = cli("analyses", "show", str(analysis)).stdout
    assert "CV report" in out and "Checks" in out
    assert "2 roles undated" in out and "share of checks passed" in out
    assert "no metrics" in out


def test_show_unknown_id_is_exit_1(cli) -> None:
    result = cli("analyses", "show", "999")
    assert result.exit_code == 1
    assert "no analysis #999" in result.stderr
    assert "analyses list" in result.stderr


def test_show_non_integer_id_is_a_usage_error(cli) -> None:
    result = cli("analyses", "show", "abc")
    assert result.exit_code == 2


def test_compare_shows_moved_scores_verdict_and_skills(cli) -> None:
    _, first, second = _two_runs_of_one_job()
    result = cli("analyses", "compare", str(second), str(first))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "UNFIT → FIT" in out and "Verdict changed" in out
    assert "↑ +22" in out  # skills match 58 -> 80
    assert "↓ -15" in out  # salary match 75 -> 60
    assert "now judged" in out  # culture fit null -> 70
    assert "Newly matched:" in out and "Kubernetes" in out
    assert "Newly missing: Go" in out


def test_compare_json_orders_older_first(cli) -> None:
    _, first, second = _two_runs_of_one_job()
    data = json.loads(cli("analyses", "compare", str(second), str(first), "--json").stdout)
    assert data["before"]["id"] == first and data["after"]["id"] == second
    assert data["verdict_changed"] is True
    by_name = {m["metric"]: m for m in data["metrics"]}
    assert len(by_name) == 11
    assert by_name["skills_match"] == {
        "metric": "skills_match",
        "before": 58,
        "after": 80,
        "delta": 22,
    }
    assert by_name["culture_fit"]["delta"] is None and by_name["culture_fit"]["after"] == 70
    assert data["newly_matched"] == ["Kubernetes"]
    assert data["newly_missing"] == ["Go"]
    assert set(data["no_longer_missing"]) == {"Kubernetes", "Terraform", "Apache Kafka"}


def test_compare_across_different_jobs_is_exit_1(cli) -> None:
    one = add_analysis(job_id=add_job("Platform Engineer"))
    two = add_analysis(job_id=add_job("Data Analyst", "Beta"))
    result = cli("analyses", "compare", str(one), str(two))
    assert result.exit_code == 1
    assert "different jobs" in result.stderr
    assert "analyses list --job" in result.stderr


def test_compare_rejects_non_gap_unknown_and_same_ids(cli) -> None:
    job = add_job()
    gap = add_analysis(job_id=job)
    cv = add_analysis(kind="cv", job_id=job, verdict=None, report={"checks": []})
    not_gap = cli("analyses", "compare", str(gap), str(cv))
    assert not_gap.exit_code == 1 and "not a gap analysis" in not_gap.stderr
    unknown = cli("analyses", "compare", str(gap), "404")
    assert unknown.exit_code == 1 and "no analysis #404" in unknown.stderr
    same = cli("analyses", "compare", str(gap), str(gap))
    assert same.exit_code == 1 and "both ids" in same.stderr


def test_compare_when_the_job_was_removed_is_exit_1(cli) -> None:
    one, two = add_analysis(job_id=None), add_analysis(job_id=None)
    result = cli("analyses", "compare", str(one), str(two))
    assert result.exit_code == 1
    assert "has no job" in result.stderr


@pytest.mark.parametrize(
    ("kind", "report"),
    [
        ("gap", {}),
        (
            "gap",
            {
                "metrics": "x",
                "missing_skills": "Kubernetes",
                "strengths": "one",
                "matched_skills": [None, 3, {"skill": "Go"}],
                "sources": ["a"],
                "learning_resources": [None, 5, {"title": None, "url": None}],
                "explanations": "no",
                "notes": {"a": 1},
            },
        ),
        ("gap", {"missing_skills": [{"skill": "K8s", "priority": "high"}, {"severity": 1}]}),
        ("cv", {"checks": "bad", "review": ["a", "b"]}),
        ("roadmap", {"weeks": "x"}),
        (
            "roadmap",
            {
                "weeks": [{"week": "[bold]1"}],
                "outside_plan": ["x"],
                "hours_per_week": "q",
                "total_hours": None,
            },
        ),
    ],
)
def test_odd_stored_reports_are_shown_and_exported_without_a_crash(
    cli, tmp_path, kind, report
) -> None:
    analysis = add_analysis(kind=kind, report=report)
    assert cli("analyses", "show", str(analysis)).exit_code == 0
    assert cli("analyses", "show", str(analysis), "--json").exit_code == 0
    for name in ("r.md", "r.html"):
        result = cli("analyses", "show", str(analysis), "-o", str(tmp_path / name))
        assert result.exit_code == 0, result.stderr
        assert (tmp_path / name).read_text(encoding="utf-8").strip()
