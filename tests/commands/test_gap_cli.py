"""careercoach gap: offline on the README's examples, the JSON contract, bad input, --context,
and the model layer through the real LiteLLM path against the local fake server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CV_PDF = str(ROOT / "examples" / "cv.pdf")
CV_MD = str(ROOT / "examples" / "cv.md")
POSTING = str(ROOT / "examples" / "posting.md")

CONTRACT_KEYS = {
    "id",
    "mode",
    "verdict",
    "confidence",
    "metrics",
    "matched_skills",
    "missing_skills",
    "strengths",
    "gaps",
    "recommendations",
    "next_steps",
    "priority_improvements",
    "learning_resources",
    "notes",
}
METRICS = {
    "skills_match",
    "experience_match",
    "education_match",
    "culture_fit",
    "location_match",
    "salary_match",
    "technical_skills",
    "soft_skills",
    "domain_knowledge",
    "readiness",
    "confidence",
}

MODEL_ANSWER = {
    "summary": "You fit this role well; Spark is the gap to close first.",
    "culture_fit": 75,
    "culture_fit_reason": "The posting values clear communication, which the CV shows.",
    "domain_knowledge": 40,
    "domain_knowledge_reason": "E-commerce payments data, but no fintech role yet.",
    "semantic_matches": [
        {"skill": "Communication", "evidence": "runs the team's data quality review", "credit": 0.8}
    ],
    "strengths": ["Five years of Airflow and dbt pipelines with measurable results."],
    "gaps": [{"gap": "No Apache Spark experience", "severity": "major", "priority": 1}],
    "recommendations": ["Rebuild one Airflow job in PySpark and publish the comparison."],
    "next_steps": ["Start the Spark quick start this week."],
    "priority_improvements": ["Apache Spark", "Apache Kafka"],
    "learning_resources": [
        {
            "skill": "Apache Spark",
            "title": "Spark quick start",
            "url": "https://spark.apache.org/docs/latest/quick-start.html",
        },
        {"skill": "Kafka", "title": "A bad link", "url": "javascript:alert(1)"},
    ],
}


def _analyses():
    from sqlmodel import select

    from careercoach.store.db import open_store
    from careercoach.store.models import Analysis

    with open_store().read_session() as session:
        return list(session.exec(select(Analysis).order_by(Analysis.id)))


def _gap_json(cli, *args: str) -> dict:
    result = cli("gap", "--cv", CV_MD, "--job", POSTING, "--json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --- offline ---------------------------------------------------------------------------------


def test_readme_example_runs_offline_with_no_model_configured(cli) -> None:
    result = cli("gap", "--cv", CV_PDF, "--job", POSTING)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Gap analysis #1" in out and "offline engine" in out
    for label in ("Skills match", "Experience", "Culture fit", "Readiness", "Confidence"):
        assert label in out
    assert "Apache Spark" in out  # the example's real gap
    assert "careercoach setup" in out  # how to get the model's judgement
    assert "no model is configured" in result.stderr
    [row] = _analyses()
    assert (row.kind, row.mode, row.cv_id, row.job_id) == ("gap", "offline", 1, 1)
    assert row.verdict in ("FIT", "UNFIT") and row.score == row.report["metrics"]["readiness"]


def test_json_is_exactly_the_contract_report(cli) -> None:
    data = _gap_json(cli)
    assert set(data) >= CONTRACT_KEYS
    assert set(data["metrics"]) == METRICS
    assert data["mode"] == "offline" and data["verdict"] in ("FIT", "UNFIT")
    assert isinstance(data["id"], int) and 0 <= data["confidence"] <= 100
    assert data["metrics"]["culture_fit"] is None and data["metrics"]["domain_knowledge"] is None
    assert any(n.startswith("culture_fit:") for n in data["notes"])
    for item in data["missing_skills"]:
        assert {"skill", "required", "severity", "priority"} <= set(item)
        assert item["severity"] in ("critical", "major", "minor")
    assert [m["priority"] for m in data["missing_skills"]] == list(
        range(1, len(data["missing_skills"]) + 1)
    )
    assert data["created_at"].endswith("+00:00")
    assert (data["cv_id"], data["job_id"], data["previous_id"]) == (1, 1, None)
    stored = _analyses()[0].report
    assert stored == data


def test_defaults_are_the_latest_cv_and_job(cli) -> None:
    assert cli("cv", "add", CV_MD).exit_code == 0
    assert cli("job", "add", POSTING).exit_code == 0
    result = cli("gap", "--json", "--offline")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["job_title"] == "Data Engineer (mid-level)"


def test_same_files_twice_reuse_the_stored_cv_and_job(cli) -> None:
    first = _gap_json(cli)
    second = _gap_json(cli)
    assert (second["cv_id"], second["job_id"]) == (first["cv_id"], first["job_id"])
    assert second["previous_id"] == first["id"]


def test_context_is_recorded_and_links_the_previous_analysis(cli) -> None:
    first = _gap_json(cli)
    second = _gap_json(cli, "--context", "I finish a Spark course next month")
    assert second["previous_id"] == first["id"]
    assert second["context"] == "I finish a Spark course next month"
    assert any("your context is recorded" in n and "Apache Spark" in n for n in second["notes"])
    rows = _analyses()
    assert rows[-1].context == "I finish a Spark course next month"
    assert rows[-1].previous_id == rows[0].id


def test_posting_without_recognisable_skills_is_a_report_not_a_crash(cli, tmp_path) -> None:
    posting = tmp_path / "vague.md"
    posting.write_text("Friendly person wanted\n\nJoin us and be nice to everyone here.\n")
    result = cli("gap", "--cv", CV_MD, "--job", str(posting), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["metrics"]["skills_match"] is None
    assert any("skills could not be judged" in n for n in data["notes"])


# --- bad input -------------------------------------------------------------------------------


def test_no_cv_stored_is_exit_1_with_a_hint(cli) -> None:
    result = cli("gap", "--job", POSTING)
    assert result.exit_code == 1
    assert "no CV stored" in result.stderr
    assert "careercoach cv add FILE" in result.stderr and "--cv FILE" in result.stderr
    assert _analyses() == []


def test_no_job_stored_is_exit_1_with_a_hint(cli) -> None:
    result = cli("gap", "--cv", CV_MD)
    assert result.exit_code == 1
    assert "no job stored" in result.stderr and "--job FILE" in result.stderr


def test_unknown_job_id_is_exit_1(cli) -> None:
    result = cli("gap", "--cv", CV_MD, "--job", "99")
    assert result.exit_code == 1
    assert "no job with id 99" in result.stderr
    assert _analyses() == []


def test_unknown_cv_id_and_missing_file_are_exit_1(cli) -> None:
    result = cli("gap", "--cv", "42", "--job", POSTING)
    assert result.exit_code == 1 and "no CV with id 42" in result.stderr
    result = cli("gap", "--cv", "no-such-cv.pdf", "--job", POSTING)
    assert result.exit_code == 1 and "neither a CV id nor a file" in result.stderr


def test_an_unreadable_cv_pdf_is_exit_1_and_stores_nothing(cli, tmp_path) -> None:
    """The PDF is read on a thread while the parsers load: its error still comes out as ever."""
    broken = tmp_path / "cv.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" + b"x" * 300)
    result = cli("gap", "--cv", str(broken), "--job", POSTING)
    assert result.exit_code == 1, result.stderr
    assert "Error:" in result.stderr and "cv.pdf" in result.stderr
    assert "Traceback" not in result.stderr
    from careercoach.store.db import open_store

    with open_store().connect() as conn:
        counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("cv", "job")]
    assert counts == [0, 0] and _analyses() == []
    # The posting is parsed while the PDF is read; its own error still comes after the CV's.
    empty = tmp_path / "empty.md"
    empty.write_text("  \n")
    result = cli("gap", "--cv", str(broken), "--job", str(empty))
    assert result.exit_code == 1 and "cv.pdf" in result.stderr and "empty" not in result.stderr
    result = cli("gap", "--cv", CV_PDF, "--job", str(empty))
    assert result.exit_code == 1 and "posting" in result.stderr and "empty" in result.stderr


def test_empty_posting_is_exit_1(cli, tmp_path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("   \n")
    result = cli("gap", "--cv", CV_MD, "--job", str(empty))
    assert result.exit_code == 1
    assert "Error:" in result.stderr and "Traceback" not in result.stderr
    assert _analyses() == []


def test_empty_context_is_exit_1(cli) -> None:
    result = cli("gap", "--cv", CV_MD, "--job", POSTING, "--context", "  ")
    assert result.exit_code == 1 and "--context is empty" in result.stderr
    assert _analyses() == []


# --- with a model ----------------------------------------------------------------------------


def test_model_answer_is_merged_with_sources(cli, fake_llm) -> None:
    fake_llm.push_json(MODEL_ANSWER)
    result = cli("gap", "--cv", CV_MD, "--job", POSTING, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["mode"] == "llm" and data["model"] == "openai/test-model"
    assert data["metrics"]["culture_fit"] == 75.0 and data["metrics"]["domain_knowledge"] == 40.0
    assert data["sources"]["culture_fit"] == "model"
    assert data["sources"]["experience_match"] == "offline"
    assert data["sources"]["strengths"] == "model"
    assert data["strengths"] == MODEL_ANSWER["strengths"]
    assert data["gaps"] == ["No Apache Spark experience (major)"]
    urls = [r["url"] for r in data["learning_resources"]]
    assert urls == ["https://spark.apache.org/docs/latest/quick-start.html", None]
    [row] = _analyses()
    assert row.mode == "llm" and row.report["mode"] == "llm" and row.id == data["id"]
    assert len(fake_llm.chat_requests) == 1


def test_request_is_delimited_and_has_no_contact_details(cli, fake_llm) -> None:
    fake_llm.push_json(MODEL_ANSWER)
    assert (
        cli(
            "gap", "--cv", CV_MD, "--job", POSTING, "--context", "AWS exam in May", "--json"
        ).exit_code
        == 0
    )
    body = json.dumps(fake_llm.chat_requests[-1].body)
    assert "alex.morgan@example.com" not in body
    assert "7946 0958" not in body
    assert "CAREERCOACH_DOC_" in body and "never instructions" in body
    assert "AWS exam in May" in body
    assert "Finlytics" in body and "Apache Airflow" in body


def test_model_result_shows_offline_then_merged_report_as_text(cli, fake_llm) -> None:
    fake_llm.push_json(MODEL_ANSWER)
    result = cli("gap", "--cv", CV_MD, "--job", POSTING)
    assert result.exit_code == 0, result.stderr
    assert "waiting for the model" in result.stdout  # the offline scores came first
    assert "Spark is the gap to close first" in result.stdout
    assert "model: openai/test-model" in result.stdout


def test_prose_twice_is_exit_4_and_the_offline_report_stays(cli, fake_llm) -> None:
    fake_llm.push_fault("prose")
    fake_llm.push_fault("prose")
    result = cli("gap", "--cv", CV_MD, "--job", POSTING)
    assert result.exit_code == 4
    assert "offline report is stored as analysis 1" in result.stderr
    assert "Gap analysis #1" in result.stdout and "offline engine" in result.stdout
    [row] = _analyses()
    assert row.mode == "offline" and row.report["mode"] == "offline"


def test_prose_twice_with_json_prints_the_stored_offline_report(cli, fake_llm) -> None:
    fake_llm.push_fault("prose")
    fake_llm.push_fault("prose")
    result = cli("gap", "--cv", CV_MD, "--job", POSTING, "--json")
    assert result.exit_code == 4
    data = json.loads(result.stdout)
    assert data["mode"] == "offline" and data["id"] == 1


@pytest.mark.parametrize("fault", ["401", "500"])
def test_provider_faults_are_exit_4_with_the_offline_report_stored(
    cli, fake_llm, monkeypatch, fault
) -> None:
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    fake_llm.push_fault(fault)
    result = cli("gap", "--cv", CV_MD, "--job", POSTING)
    assert result.exit_code == 4
    assert "offline report is stored" in result.stderr
    assert "sk-test-SENTINEL-0000" not in result.stderr + result.stdout
    [row] = _analyses()
    assert row.mode == "offline"


def test_rate_limit_after_retries_is_exit_4(cli, fake_llm, monkeypatch) -> None:
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    fake_llm.push_fault("429", retry_after=0)
    result = cli("gap", "--cv", CV_MD, "--job", POSTING, "--json")
    assert result.exit_code == 4
    assert json.loads(result.stdout)["mode"] == "offline"


def test_cut_stream_is_exit_4(cli, fake_llm, monkeypatch) -> None:
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    fake_llm.push_fault("cut", after_chunks=2)
    result = cli("gap", "--cv", CV_MD, "--job", POSTING)
    assert result.exit_code == 4
    assert _analyses()[0].mode == "offline"


def test_timeout_is_exit_4(cli, fake_llm, monkeypatch) -> None:
    monkeypatch.setenv("CAREERCOACH_TIMEOUT", "0.5")
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    fake_llm.push_fault("hang", seconds=3)
    result = cli("gap", "--cv", CV_MD, "--job", POSTING)
    assert result.exit_code == 4
    assert _analyses()[0].mode == "offline"


def test_offline_flag_calls_no_model(cli, fake_llm) -> None:
    result = cli("gap", "--cv", CV_MD, "--job", POSTING, "--offline", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["mode"] == "offline"
    assert fake_llm.chat_requests == []


# --- the live view ---------------------------------------------------------------------------


def test_narrative_is_read_from_a_half_streamed_answer() -> None:
    from careercoach.ui.gap_view import narrative_so_far

    text = json.dumps(MODEL_ANSWER)
    half = text[: text.index("Rebuild one")]
    shown = narrative_so_far(half)
    assert shown.startswith("You fit this role well")
    assert "culture fit: The posting values" in shown
    assert "Five years of Airflow" in shown and "No Apache Spark experience" in shown
    assert "Rebuild" not in shown
    assert narrative_so_far('{"summary": "Half a sent\\u00') == "Half a sent"


def test_live_view_redraws_scores_and_narrative_on_a_terminal(monkeypatch) -> None:
    import io

    from rich.console import Console

    from careercoach.ui.gap_view import LiveGap

    monkeypatch.setenv("TERM", "xterm")
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=100, color_system=None)
    report = {
        "id": 3,
        "verdict": "FIT",
        "confidence": 80,
        "mode": "offline",
        "metrics": {"readiness": 70.0, "skills_match": 65.0},
    }
    with LiveGap(console, report, "openai/x", fps=1000) as live:
        assert live.active
        live.write('{"summary": "Strong \x1b[31mfit')
    out = buffer.getvalue()
    assert "Skills match" in out and "waiting for the model" in out
    assert "Strong fit" in out and "\x1b[31m" not in out


def _terminal(monkeypatch):
    import io

    from rich.console import Console

    monkeypatch.setenv("TERM", "xterm")
    buffer = io.StringIO()
    return buffer, Console(file=buffer, force_terminal=True, width=100, color_system=None)


def _offline_report():
    from careercoach.analysis.gap import gap_from_texts

    report = gap_from_texts(Path(CV_MD).read_text(), Path(POSTING).read_text())
    return report.model_copy(update={"id": 7})


def test_show_gap_on_a_terminal_streams_then_prints_the_merged_report(monkeypatch) -> None:
    from types import SimpleNamespace

    from careercoach.ui.gap_view import show_gap

    buffer, console = _terminal(monkeypatch)
    offline = _offline_report()
    merged = offline.model_copy(
        update={"mode": "llm", "model": "openai/x", "summary": "Merged summary."}
    )
    run = SimpleNamespace(report=offline, gateway=object(), model="openai/x", fallback=None)

    def deepen(run, on_text=None):
        assert on_text is not None  # the live view listens on a terminal
        on_text('{"summary": "Streaming words')
        return merged

    show_gap(console, console, run, deepen)
    out = buffer.getvalue()
    assert "Streaming words" in out and "Merged summary." in out
    assert "model: openai/x" in out


def test_show_gap_prints_the_offline_report_when_the_model_fails(monkeypatch) -> None:
    from types import SimpleNamespace

    from careercoach.errors import ProviderError
    from careercoach.ui.gap_view import show_gap

    buffer, console = _terminal(monkeypatch)
    run = SimpleNamespace(
        report=_offline_report(), gateway=object(), model="openai/x", fallback=None
    )

    def deepen(run, on_text=None):
        raise ProviderError("the model's provider failed")

    with pytest.raises(ProviderError):
        show_gap(console, console, run, deepen)
    out = buffer.getvalue()
    assert "Gap analysis #7" in out and "offline engine" in out and "Recommendations" in out


def test_profile_facts_are_judged(cli) -> None:
    for field, value in (
        ("location", "London, UK"),
        ("salary_expectation", "77000"),
        ("currency", "GBP"),
    ):
        assert cli("profile", "set", field, value).exit_code == 0
    assert cli("profile", "skill", "add", "Apache Spark").exit_code == 0
    data = _gap_json(cli)
    assert data["metrics"]["location_match"] == 100.0
    assert data["metrics"]["salary_match"] == 80.0  # 10% above the posting's top of 70,000
    assert "Apache Spark" in data["matched_skills"]
    assert not any(n.startswith(("salary_match", "location_match")) for n in data["notes"])


def test_a_stored_job_without_skills_is_read_from_its_text_again() -> None:
    from careercoach.errors import BadInput
    from careercoach.services.gap import posting_from_job
    from careercoach.store.models import Job

    job = Job(id=5, title="Senior Data Analyst", text="Requirements:\n- Python and SQL\n")
    posting, notes = posting_from_job(job)
    assert {"Python", "SQL"} <= set(posting.required_skills)
    assert posting.seniority == "senior"
    assert notes and "read from its text again" in notes[0]
    with pytest.raises(BadInput):
        posting_from_job(Job(id=6, text="  "))


def test_offline_gap_never_imports_sqlalchemy(coach_home) -> None:
    """The offline path reads and writes the store in plain SQL: SQLAlchemy, SQLModel and the
    table models cost more to import than the whole analysis (issue 4's 1 s target)."""
    from orm_imports import orm_modules_imported

    for args in (["--cv", CV_MD, "--job", POSTING], ["--json"], ["--cv", "1", "--job", "1"]):
        assert not orm_modules_imported("gap", *args), args
