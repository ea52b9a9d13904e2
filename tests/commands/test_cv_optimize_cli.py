"""cv optimize: the keyword split and coverage offline, rewrites from the fake model that are
checked (real lines only, no gap written in) and counted again, Markdown output, failures."""

from __future__ import annotations

import json

import pytest

CV_TEXT = """Daniel Okafor
daniel.okafor@example.com | +44 20 7946 0958
Experience
Backend Engineer — Northwind Analytics Mar 2021 – Present
- Designed the ingestion service that processes 40 million events a day in Python.
- Moved twelve services to
Containers with zero downtime.
- Mentored four junior engineers.
Skills
Python, PostgreSQL
"""
REQUIRED = ["Python", "Docker", "Apache Kafka"]
PREFERRED = ["Terraform"]
GOOD = {
    "before": "Moved twelve services to Containers with zero downtime.",
    "after": "Moved twelve services to Docker containers with zero downtime.",
    "keywords": ["Docker"],
}
GAP = {
    "before": "Designed the ingestion service that processes 40 million events a day in Python.",
    "after": "Designed the Apache Kafka ingestion service for 40 million events a day in Python.",
    "keywords": ["Apache Kafka"],
}
INVENTED = {
    "before": "Led the platform team of 30 engineers.",
    "after": "Led the Terraform platform team of 30 engineers.",
    "keywords": ["Terraform"],
}


def add_cv(text: str = CV_TEXT) -> int:
    from careercoach.store.db import open_store
    from careercoach.store.models import CV

    with open_store().session() as session:
        row = CV(
            filename="cv.txt",
            kind="txt",
            sha256=str(hash(text)),
            size_bytes=len(text),
            word_count=len(text.split()),
            text=text,
        )
        session.add(row)
        session.flush()
        return row.id


def add_job(required=REQUIRED, preferred=PREFERRED, text: str = "Platform Engineer") -> int:
    from careercoach.store.db import open_store
    from careercoach.store.models import Job

    with open_store().session() as session:
        row = Job(
            title="Platform Engineer",
            company="Acme",
            required_skills=list(required),
            preferred_skills=list(preferred),
            text=text,
        )
        session.add(row)
        session.flush()
        return row.id


@pytest.fixture
def stored(cli) -> tuple[int, int]:
    """A CV, a job, and a profile that shows Docker and Terraform (not in the CV's text)."""
    cv_id = add_cv()
    job_id = add_job()
    for skill in ("Docker", "Terraform"):
        assert cli("profile", "skill", "add", skill).exit_code == 0
    return cv_id, job_id


def test_offline_split_and_coverage(cli, stored) -> None:
    result = cli("cv", "optimize", "--job", str(stored[1]), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    have = out.index("You have this — say it (2)")
    gap = out.index("You don't have this — a gap, do not write it in (1)")
    assert out.index("In your CV already (1)") < out.index("Python (required)") < have
    assert have < out.index("Docker (required) — from your profile") < gap
    assert have < out.index("Terraform (preferred)") < gap < out.index("Apache Kafka (required)")
    assert "Keyword coverage: 25% (1 of 4 posting keywords found)" in out
    assert "posting keywords found in the CV ÷ all posting keywords × 100" in out
    assert "rewritten bullets need a model" in out


def test_json_offline_shape(cli, stored, fake_llm) -> None:
    cv_id, job_id = stored
    result = cli("cv", "optimize", str(cv_id), "--job", str(job_id), "--offline", "--json")
    data = json.loads(result.stdout)
    assert (data["cv_id"], data["job_id"], data["mode"]) == (cv_id, job_id, "offline")
    assert data["in_cv"] == ["Python"]
    assert [k["keyword"] for k in data["say_it"]] == ["Docker", "Terraform"]
    assert [k["keyword"] for k in data["gaps"]] == ["Apache Kafka"]
    assert data["coverage"]["before"] == {
        "percent": 25,
        "found": 1,
        "total": 4,
        "missing": ["Docker", "Apache Kafka", "Terraform"],
    }
    assert data["coverage"]["after"] is None and data["rewrites"] == []
    assert fake_llm.chat_requests == []


def test_model_rewrites_are_checked_and_coverage_recounted(cli, stored, fake_llm) -> None:
    fake_llm.push_json({"rewrites": [GOOD, GAP, INVENTED]})
    result = cli("cv", "optimize", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["mode"] == "llm" and data["model"]
    [kept] = data["rewrites"]
    assert kept["after"] == GOOD["after"] and kept["keywords"] == ["Docker"]
    dropped = {d["after"]: d["reason"] for d in data["dropped_rewrites"]}
    assert "Apache Kafka, which you don't have (a gap)" in dropped[GAP["after"]]
    assert "not a line of your CV" in dropped[INVENTED["after"]]
    # Counted by the matcher over the CV with the kept rewrite in place: Python and Docker.
    assert data["coverage"]["after"]["percent"] == 50
    assert data["coverage"]["after"]["missing"] == ["Apache Kafka", "Terraform"]
    assert "after: the same count" in data["coverage"]["formula"]


def test_model_request_is_redacted_and_names_the_gaps(cli, stored, fake_llm) -> None:
    cli("profile", "set", "name", "Daniel Okafor")
    fake_llm.push_json({"rewrites": []})
    assert cli("cv", "optimize").exit_code == 0
    body = json.dumps(fake_llm.chat_requests[-1].body, ensure_ascii=False)
    for secret in ("daniel.okafor@example.com", "7946 0958", "Okafor"):
        assert secret not in body
    system, user = (m["content"] for m in fake_llm.chat_requests[-1].body["messages"])
    assert "- Docker (evidence: from your profile)" in system
    assert "Never write any of them into the CV" in system and "Apache Kafka" in system
    assert 'label="CV"' in user and "Northwind Analytics" in user


def test_terminal_output_and_markdown_file(cli, stored, fake_llm, tmp_path) -> None:
    fake_llm.push_json({"rewrites": [GOOD, GAP]})
    target = tmp_path / "tailored.md"
    result = cli("cv", "optimize", "-o", str(target), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "after:  " + GOOD["after"] in result.stdout
    assert "dropped: " + GAP["after"] in result.stdout
    assert "Coverage before → after: 25%" in result.stdout and "50%" in result.stdout
    markdown = target.read_text(encoding="utf-8")
    assert markdown.startswith("# ATS keywords: Platform Engineer at Acme")
    for part in ("## You have this — say it", "## Keyword coverage", "- Before: 25%"):
        assert part in markdown
    assert "- After: 50%" in markdown
    assert "## Dropped rewrites" in markdown


def test_nothing_to_weave_in_asks_no_model(cli, fake_llm) -> None:
    add_cv()
    job_id = add_job(required=["Python", "Apache Kafka"], preferred=[])
    data = json.loads(cli("cv", "optimize", "--job", str(job_id), "--json").stdout)
    assert data["say_it"] == [] and data["coverage"]["before"]["percent"] == 50
    assert any("nothing to weave in" in n for n in data["notes"])
    assert fake_llm.chat_requests == []


@pytest.mark.parametrize(("fault", "options"), [("500", {}), ("prose", {})])
def test_model_faults_are_exit_4_after_the_offline_split(
    cli, stored, fake_llm, monkeypatch, fault, options
) -> None:
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    for _ in range(2):  # "prose" gets one repair request
        fake_llm.push_fault(fault, **options)
    result = cli("cv", "optimize")
    assert result.exit_code == 4, result.stderr
    assert "Keyword coverage: 25%" in result.stdout  # shown before the model was asked
    assert "No rewrites were made" in result.stderr
    fake_llm.push_fault("500")
    as_json = cli("cv", "optimize", "--json")
    assert as_json.exit_code == 4 and as_json.stdout == ""  # no half result as JSON


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("cv", "optimize", "42"), "no CV with id 42"),
        (("cv", "optimize", "--job", "9"), "no job with id 9"),
        (("cv", "optimize", "--job", "x"), "x"),
        (("cv", "optimize", "-o", "out.pdf"), "unknown report format"),
    ],
)
def test_bad_input_is_exit_1(cli, stored, args, message) -> None:
    result = cli(*args)
    assert result.exit_code == 1 and message in result.stderr


def test_no_cv_and_a_job_without_skills_are_exit_1(cli) -> None:
    job_id = add_job(required=[], preferred=[], text="We are hiring nice people.")
    result = cli("cv", "optimize", "--job", str(job_id))
    assert result.exit_code == 1 and "no CV stored yet" in result.stderr
    add_cv()
    result = cli("cv", "optimize", "--job", str(job_id))
    assert result.exit_code == 1 and "names no skills" in result.stderr


def test_keyword_coverage_counts_aliases_and_unknown_words() -> None:
    from careercoach.analysis.keyword_coverage import coverage, posting_keywords, unshown_skills
    from careercoach.analysis.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    keywords = posting_keywords(["Postgres", "JavaScript", "Zorblax"], ["postgresql"], taxonomy)
    assert [k.name for k in keywords] == ["PostgreSQL", "JavaScript", "Zorblax"]
    cov = coverage("Built APIs on Postgres with zorblax; some Java.", keywords, taxonomy)
    assert cov.found == ("PostgreSQL", "Zorblax") and cov.missing == ("JavaScript",)
    assert cov.percent == 67
    text = "Python, Docker and Go developer"
    assert unshown_skills(text, ["python"], taxonomy, besides="Docker") == ["Go"]
