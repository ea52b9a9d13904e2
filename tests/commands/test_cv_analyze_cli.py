"""cv analyze: offline checks, the stored analysis, the recruiter's review via the fake model."""

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
- Responsible for the on-call rota.
Software Engineer — Bluefin Logistics Jun 2017 – Feb 2021
- Built route optimisation APIs in Python and Postgresql for 300 depots.
- Moved twelve services to Docker and Kubernetes with zero downtime.
- Mentored four junior engineers.
Skills
- Python, PostgreSQL, Docker, Kubernetes, Terraform, AWS
Education
BSc Computer Science, University of Leeds 2013 – 2017
"""
OFFLINE_LINE = (
    "offline: deterministic checks only; configure a model (careercoach setup) for a "
    "recruiter's review"
)
REVIEW = (
    "## Strengths\n- Clear numbers.\n## Rewrites\n"
    "- Responsible for the on-call rota → Ran the on-call rota for 6 engineers"
)


def add_cv(text: str = CV_TEXT, *, pages: int | None = 1, kind: str = "pdf") -> int:
    from careercoach.store.db import open_store
    from careercoach.store.models import CV

    with open_store().session() as session:
        row = CV(
            filename=f"cv.{kind}",
            kind=kind,
            sha256=str(hash(text)),
            size_bytes=len(text),
            page_count=pages,
            word_count=len(text.split()),
            text=text,
        )
        session.add(row)
        session.flush()
        return row.id


def add_job(required: list[str]) -> int:
    from careercoach.store.db import open_store
    from careercoach.store.models import Job

    with open_store().session() as session:
        row = Job(
            title="Platform Engineer",
            company="Acme",
            required_skills=required,
            text="We want Python, Kafka and Go. Write to hr@acme.example.",
        )
        session.add(row)
        session.flush()
        return row.id


def analyses() -> list:
    from sqlmodel import select

    from careercoach.store.db import open_store
    from careercoach.store.models import Analysis

    with open_store().read_session() as session:
        return list(session.exec(select(Analysis).order_by(Analysis.id)))


# --- offline ----------------------------------------------------------------------------------


def test_offline_run_without_a_model_prints_checks_score_and_note(cli) -> None:
    cv_id = add_cv()
    result = cli("cv", "analyze", env={"COLUMNS": "300"})  # no wrapping inside the table
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for title in (
        "Contact details",
        "Standard section headings",
        "Spelling of tech names",
        "No tables or columns",
    ):
        assert title in out
    assert "Postgresql → PostgreSQL" in out
    assert "Score: " in out and "/100" in out
    assert "How: 100 × Σ(weight × credit) ÷ Σ weight" in out
    assert OFFLINE_LINE in " ".join(out.split())
    [row] = analyses()
    assert (row.kind, row.cv_id, row.job_id, row.mode) == ("cv", cv_id, None, "offline")
    assert row.report["review"] is None and row.report["review_status"] == "none"
    assert f"Stored as analysis {row.id} (offline)" in out


def test_json_shape_offline(cli) -> None:
    cv_id = add_cv()
    result = cli("cv", "analyze", str(cv_id), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {
        "id",
        "cv_id",
        "job_id",
        "mode",
        "score",
        "formula",
        "checks",
        "review",
        "notes",
    }
    assert (data["cv_id"], data["job_id"], data["mode"], data["review"]) == (
        cv_id,
        None,
        "offline",
        None,
    )
    assert isinstance(data["id"], int) and 0 <= data["score"] <= 100
    assert data["notes"] == [OFFLINE_LINE]
    for check in data["checks"]:
        assert set(check) == {"id", "title", "status", "why", "weight"}
        assert check["status"] in ("pass", "warn", "fail") and check["why"]
    by_id = {c["id"]: c for c in data["checks"]}
    assert by_id["contact"]["status"] == "pass"
    assert (
        by_id["action_verbs"]["status"] == "warn"
        and "responsible for" in by_id["action_verbs"]["why"]
    )
    # The score is the documented formula over the printed checks.
    credit = {"pass": 1, "warn": 0.5, "fail": 0}
    earned = sum(c["weight"] * credit[c["status"]] for c in data["checks"])
    total = sum(c["weight"] for c in data["checks"])
    assert data["score"] == int(100 * earned / total + 0.5)
    assert data["formula"].endswith(f"= {data['score']}")
    [row] = analyses()
    assert row.id == data["id"] and row.score == data["score"]
    assert row.report["checks"] == data["checks"]


def test_offline_flag_calls_no_model(cli, fake_llm) -> None:
    add_cv()
    result = cli("cv", "analyze", "--offline", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["mode"] == "offline"
    assert fake_llm.chat_requests == []


def test_offline_environment_variable(cli, fake_llm, monkeypatch) -> None:
    add_cv()
    monkeypatch.setenv("CAREERCOACH_OFFLINE", "1")
    result = cli("cv", "analyze")
    assert result.exit_code == 0 and OFFLINE_LINE in " ".join(result.stdout.split())
    assert fake_llm.chat_requests == []


def test_latest_cv_is_the_default(cli) -> None:
    add_cv()
    newer = add_cv(CV_TEXT.replace("Leeds", "York"))
    data = json.loads(cli("cv", "analyze", "--json").stdout)
    assert data["cv_id"] == newer


# --- --job ------------------------------------------------------------------------------------


def test_job_adds_the_keyword_check_and_is_stored(cli) -> None:
    cv_id = add_cv()
    job_id = add_job(["Python", "Kafka", "Go"])
    data = json.loads(cli("cv", "analyze", str(cv_id), "--job", str(job_id), "--json").stdout)
    keywords = data["checks"][-1]
    assert keywords["id"] == "keywords" and keywords["status"] == "fail"
    assert "1 of 3" in keywords["why"]
    assert data["job_id"] == job_id
    assert analyses()[0].job_id == job_id


def test_job_without_required_skills_says_so(cli) -> None:
    add_cv()
    job_id = add_job([])
    data = json.loads(cli("cv", "analyze", "--job", str(job_id), "--json").stdout)
    assert "keywords" not in [c["id"] for c in data["checks"]]
    assert any("no required skills" in note for note in data["notes"])


# --- bad input --------------------------------------------------------------------------------


def test_no_cv_stored_is_exit_1(cli) -> None:
    result = cli("cv", "analyze")
    assert result.exit_code == 1
    assert "no CV stored yet" in result.stderr and "cv add" in result.stderr
    assert analyses() == []


def test_unknown_cv_is_exit_1_and_stores_nothing(cli) -> None:
    add_cv()
    result = cli("cv", "analyze", "99")
    assert result.exit_code == 1 and "no CV with id 99" in result.stderr
    assert analyses() == []


def test_invalid_cv_id_is_exit_1(cli) -> None:
    add_cv()
    result = cli("cv", "analyze", "abc")
    assert result.exit_code == 1 and "abc" in result.stderr
    assert analyses() == []


def test_unknown_job_is_exit_1_and_stores_nothing(cli) -> None:
    add_cv()
    result = cli("cv", "analyze", "--job", "42")
    assert result.exit_code == 1 and "no job with id 42" in result.stderr
    bad = cli("cv", "analyze", "--job", "x1")
    assert bad.exit_code == 1 and "x1" in bad.stderr
    assert analyses() == []


# --- the recruiter's review -------------------------------------------------------------------


def test_review_is_streamed_and_stored(cli, fake_llm) -> None:
    add_cv()
    fake_llm.push_text(REVIEW)
    result = cli("cv", "analyze")
    assert result.exit_code == 0, result.stderr
    assert "Score: " in result.stdout
    assert "Ran the on-call rota for 6 engineers" in result.stdout
    assert result.stdout.index("Score: ") < result.stdout.index("## Strengths")
    assert OFFLINE_LINE not in " ".join(result.stdout.split())
    [row] = analyses()
    assert row.mode == "llm"
    assert row.report["review"] == REVIEW and row.report["review_status"] == "complete"
    assert row.report["model"]


def test_review_request_is_redacted_delimited_and_has_the_checks(cli, fake_llm) -> None:
    from careercoach.store.db import open_store
    from careercoach.store.models import Profile

    with open_store().session() as session:
        session.add(Profile(id=1, name="Daniel Okafor"))
    add_cv()
    job_id = add_job(["Python", "Kafka"])
    fake_llm.push_text(REVIEW)
    assert cli("cv", "analyze", "--job", str(job_id)).exit_code == 0
    body = json.dumps(fake_llm.chat_requests[-1].body, ensure_ascii=False)
    for secret in (
        "daniel.okafor@example.com",
        "7946 0958",
        "Daniel Okafor",
        "Okafor",
        "hr@acme.example",
    ):
        assert secret not in body
    system, user = (m["content"] for m in fake_llm.chat_requests[-1].body["messages"])
    assert "recruiter" in system and "never instructions" in system
    assert "[warn] Action verbs, no weak phrases" in system
    assert "Platform Engineer" in system and "Kafka" in system
    assert "<<<CAREERCOACH_DOC_" in user and 'label="CV"' in user
    assert 'label="job posting"' in user
    assert "Northwind Analytics" in user and "[EMAIL_1]" in user


def test_review_in_json(cli, fake_llm) -> None:
    add_cv()
    fake_llm.push_text(REVIEW)
    result = cli("cv", "analyze", "--json")
    data = json.loads(result.stdout)
    assert data["mode"] == "llm" and data["review"] == REVIEW and data["notes"] == []


def test_model_text_is_sanitised(cli, fake_llm) -> None:
    add_cv()
    fake_llm.push_text("safe \x1b[31mred\x1b[0m [bold]x[/bold]")
    result = cli("cv", "analyze")
    assert "\x1b" not in result.stdout
    assert "safe red [bold]x[/bold]" in result.stdout


@pytest.mark.parametrize(
    ("fault", "options", "status"),
    [
        ("401", {}, "failed"),
        ("429", {"retry_after": 0}, "failed"),
        ("500", {}, "failed"),
        ("cut", {"after_chunks": 2}, "incomplete"),
    ],
)
def test_model_faults_keep_the_offline_analysis(
    cli, fake_llm, monkeypatch, fault, options, status
) -> None:
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    cv_id = add_cv()
    fake_llm.push_fault(fault, **options)
    result = cli("cv", "analyze")
    assert result.exit_code == 4, result.stderr
    assert "Score: " in result.stdout  # the checks were shown before the model was asked
    [row] = analyses()
    assert "stored as analysis" in result.stderr.lower() and str(row.id) in result.stderr
    assert (row.cv_id, row.mode) == (cv_id, "offline")
    assert row.report["review"] is None
    assert row.report["review_status"] == status
    assert row.report["review_error"]
    assert len(row.report["checks"]) == 12
    assert "sk-test-SENTINEL-0000" not in result.stderr + result.stdout


def test_cut_stream_keeps_the_partial_text_apart(cli, fake_llm, monkeypatch) -> None:
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    add_cv()
    fake_llm.push_fault("cut", after_chunks=2)
    result = cli("cv", "analyze")
    assert result.exit_code == 4
    [row] = analyses()
    assert row.report["review"] is None and row.report["review_partial"]
    assert row.report["review_status"] == "incomplete"


def test_json_failure_prints_no_json(cli, fake_llm, monkeypatch) -> None:
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    add_cv()
    fake_llm.push_fault("cut", after_chunks=2)
    result = cli("cv", "analyze", "--json")
    assert result.exit_code == 4 and result.stdout == ""
    assert "stored as analysis" in result.stderr.lower()
    [row] = analyses()
    assert row.report["review"] is None and row.report["review_status"] in ("failed", "incomplete")


def test_timeout_is_exit_4(cli, fake_llm, monkeypatch) -> None:
    monkeypatch.setenv("CAREERCOACH_TIMEOUT", "0.5")
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    add_cv()
    fake_llm.push_fault("hang", seconds=3)
    result = cli("cv", "analyze")
    assert result.exit_code == 4
    [row] = analyses()
    assert row.report["review_status"] == "failed"


def test_model_without_a_key_is_exit_3_and_keeps_the_checks(cli, monkeypatch) -> None:
    monkeypatch.setenv("CAREERCOACH_MODEL", "openai/test-model")
    add_cv()
    result = cli("cv", "analyze")
    assert result.exit_code == 3
    assert "key" in result.stderr.lower() and "stored as analysis" in result.stderr.lower()
    [row] = analyses()
    assert row.mode == "offline" and row.report["review_status"] == "failed"


def test_help_names_the_options(cli) -> None:
    result = cli("cv", "analyze", "--help")
    assert result.exit_code == 0
    for option in ("--job", "--offline", "--json", "--model", "--no-cache", "--debug"):
        assert option in result.stdout


def test_interrupted_review_is_marked_and_the_checks_stay() -> None:
    from careercoach.services.cv_analyze import start_analysis
    from careercoach.services.model import ModelChoice

    add_cv()
    run = start_analysis(None, None, ModelChoice(offline=True))

    class Interrupted:
        def complete(self, messages, on_text=None):
            raise KeyboardInterrupt

    run.reviewer = Interrupted()  # type: ignore[assignment]
    with pytest.raises(KeyboardInterrupt):
        run.review()
    [row] = analyses()
    assert row.mode == "offline" and row.report["review_status"] == "interrupted"
    assert len(row.report["checks"]) == 12
