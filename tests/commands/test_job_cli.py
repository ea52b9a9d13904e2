"""job add/describe/list/show/remove through the CLI, offline and with the fake model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

POSTING = """Senior Data Engineer
Company: Riverbank Analytics
Location: Berlin, Germany (Hybrid)

## Requirements
- 5+ years of experience with Python and SQL
- Apache Spark and Apache Airflow in production
- Bachelor's degree in Computer Science or equivalent

## Nice to have
- Kafka
- Terraform is a plus

## Benefits
€70,000 - €85,000 per year, 30 days holiday.
"""

MODEL_ANSWER = {
    "title": "Senior Data Engineer",
    "company": "Riverbank Analytics GmbH",
    "location": None,
    "remote": "hybrid",
    "salary_min": 70000,
    "salary_max": 85000,
    "currency": "eur",
    "required_skills": ["python", "SQL", "Spark", "Airflow", "Data Contracts"],
    "preferred_skills": ["Kafka", "terraform", "Python"],
    "years_required": 5,
    "degree": None,
    "seniority": "senior",
}


@pytest.fixture
def posting(tmp_path: Path) -> Path:
    path = tmp_path / "data-engineer.md"
    path.write_text(POSTING, encoding="utf-8")
    return path


def _jobs(cli) -> list[dict]:
    result = cli("job", "list", "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --- add, offline ---------------------------------------------------------------------------


def test_add_offline_reads_the_posting_and_says_so(cli, posting) -> None:
    result = cli("job", "add", str(posting))
    assert result.exit_code == 0, result.stderr
    assert "offline extraction" in result.stdout
    assert "Riverbank Analytics" in result.stdout
    assert "Apache Spark" in result.stdout
    [job] = _jobs(cli)
    assert job["title"] == "Senior Data Engineer"
    assert job["company"] == "Riverbank Analytics"
    assert job["location"] == "Berlin, Germany"
    assert job["remote"] == "hybrid"
    assert (job["salary_min"], job["salary_max"], job["currency"]) == (70000, 85000, "EUR")
    assert job["years_required"] == 5
    assert job["degree"] == "bachelor"
    assert job["required_skills"] == ["Python", "SQL", "Apache Spark", "Apache Airflow"]
    assert job["preferred_skills"] == ["Apache Kafka", "Terraform"]
    assert job["filename"] == "data-engineer.md"


def test_add_json_prints_the_new_job(cli, posting) -> None:
    result = cli("job", "add", str(posting), "--json")
    data = json.loads(result.stdout)
    assert isinstance(data["id"], int)
    assert data["created"] is True and data["mode"] == "offline"
    assert "text" not in data
    assert data["created_at"].endswith("+00:00")


def test_flags_win_over_extracted_fields(cli, posting) -> None:
    result = cli("job", "add", str(posting), "--title", "Data Platform Engineer", "--company", "RB")
    assert result.exit_code == 0, result.stderr
    [job] = _jobs(cli)
    assert (job["title"], job["company"]) == ("Data Platform Engineer", "RB")


def test_add_from_stdin(cli) -> None:
    result = cli("job", "add", "-", "--json", input=POSTING)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["filename"] is None
    assert data["required_skills"][:2] == ["Python", "SQL"]


def test_duplicate_add_returns_the_stored_job(cli, posting) -> None:
    first = json.loads(cli("job", "add", str(posting), "--json").stdout)
    second = cli("job", "add", str(posting))
    assert second.exit_code == 0
    assert f"Already stored as job {first['id']}" in second.stdout
    again = json.loads(cli("job", "add", str(posting), "--json").stdout)
    assert again["id"] == first["id"] and again["created"] is False
    assert len(_jobs(cli)) == 1


def test_a_copy_stored_while_reading_is_found_in_the_write(cli, posting, monkeypatch) -> None:
    """Two runs reading one file at once: the second's early check saw nothing yet, and the
    check inside its write transaction finds the first's row (simulated: no early check)."""
    first = json.loads(cli("job", "add", str(posting), "--json").stdout)
    from careercoach.services import jobs

    monkeypatch.setattr(jobs, "_by_sha256", lambda store, sha256: None)
    again = json.loads(cli("job", "add", str(posting), "--json").stdout)
    assert again["id"] == first["id"] and again["created"] is False
    assert len(_jobs(cli)) == 1


@pytest.mark.parametrize("content", ["", "   \n\n  \n"])
def test_empty_posting_is_exit_1_and_nothing_stored(cli, tmp_path, content) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(content, encoding="utf-8")
    result = cli("job", "add", str(path))
    assert result.exit_code == 1
    assert "empty" in result.stderr
    assert "Hint:" in result.stderr
    assert _jobs(cli) == []


def test_empty_stdin_is_exit_1(cli) -> None:
    result = cli("job", "add", "-", input="")
    assert result.exit_code == 1
    assert "empty" in result.stderr
    assert _jobs(cli) == []


def test_missing_file_is_exit_1(cli, tmp_path) -> None:
    result = cli("job", "add", str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert "no such file" in result.stderr
    assert _jobs(cli) == []


def test_posting_without_skills_is_stored_with_a_warning(cli, tmp_path) -> None:
    path = tmp_path / "vague.txt"
    path.write_text("Team member wanted\nJoin our friendly shop. Great vibes!\n", encoding="utf-8")
    result = cli("job", "add", str(path))
    assert result.exit_code == 0
    assert "no recognisable skills" in result.stderr
    assert "gap" in result.stderr
    assert len(_jobs(cli)) == 1


def test_hourly_salary_is_annualised_and_the_output_says_so(cli, tmp_path) -> None:
    path = tmp_path / "nurse.txt"
    path.write_text(
        "Registered Nurse\nLocation: Columbus, OH\n\nRequirements\n- BLS certification\n\n"
        "Pay: $40.00 - $50.00 per hour\n",
        encoding="utf-8",
    )
    result = cli("job", "add", str(path))
    assert "annualised from 40.00 - 50.00 per hour" in result.stdout
    [job] = _jobs(cli)
    assert (job["salary_min"], job["salary_max"]) == (83200, 104000)


def test_markup_in_a_posting_is_printed_as_text(cli, tmp_path) -> None:
    path = tmp_path / "odd.txt"
    path.write_text(
        "[bold red]Python Developer[/bold red]\n\nRequirements\n- Python\n", encoding="utf-8"
    )
    result = cli("job", "add", str(path))
    assert "[bold red]Python Developer[/bold red]" in result.stdout


# --- describe --------------------------------------------------------------------------------


def test_describe_stores_a_dream_role(cli) -> None:
    text = "I want to become a data engineer working with Spark and Airflow, Kafka is a plus"
    result = cli("job", "describe", text, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["kind"] == "description"
    assert data["title"] == "data engineer"
    assert data["required_skills"] == ["Apache Spark", "Apache Airflow"]
    assert data["preferred_skills"] == ["Apache Kafka"]
    shown = cli("job", "describe", text)
    assert "Already stored" in shown.stdout


def test_describe_from_stdin_and_says_offline(cli) -> None:
    result = cli("job", "describe", "-", input="A remote product designer role using Figma\n")
    assert result.exit_code == 0, result.stderr
    assert "offline extraction" in result.stdout
    assert "Figma" in result.stdout


def test_empty_description_is_exit_1(cli) -> None:
    result = cli("job", "describe", "-", input="  \n")
    assert result.exit_code == 1
    assert "empty" in result.stderr
    assert _jobs(cli) == []


# --- list, show, remove ----------------------------------------------------------------------


def test_list_shows_a_table_and_json(cli, posting) -> None:
    assert "No jobs stored yet" in cli("job", "list").stdout
    assert _jobs(cli) == []
    cli("job", "add", str(posting))
    cli("job", "describe", "a nursing role in paediatrics")
    table = cli("job", "list").stdout
    for column in ("id", "title", "company", "location", "remote", "#required", "added"):
        assert column in table
    assert "Riverbank" in table
    jobs = _jobs(cli)
    assert [j["kind"] for j in jobs] == ["description", "posting"]


def test_show_prints_fields_and_text(cli, posting) -> None:
    job_id = json.loads(cli("job", "add", str(posting), "--json").stdout)["id"]
    result = cli("job", "show", str(job_id))
    assert result.exit_code == 0
    assert "Riverbank Analytics" in result.stdout
    assert "30 days holiday" in result.stdout
    data = json.loads(cli("job", "show", str(job_id), "--json").stdout)
    assert data["id"] == job_id and data["text"].startswith("Senior Data Engineer")


def test_unknown_id_is_exit_1_with_a_hint(cli) -> None:
    result = cli("job", "show", "42")
    assert result.exit_code == 1
    assert "no job with id 42" in result.stderr
    assert "careercoach job list" in result.stderr


def test_non_numeric_id_is_exit_1(cli) -> None:
    result = cli("job", "show", "abc")
    assert result.exit_code == 1
    assert "not a job id" in result.stderr


def test_remove_without_yes_off_a_terminal_is_exit_1_and_keeps_the_job(cli, posting) -> None:
    job_id = json.loads(cli("job", "add", str(posting), "--json").stdout)["id"]
    result = cli("job", "remove", str(job_id))
    assert result.exit_code == 1
    assert "--yes" in result.stderr
    assert len(_jobs(cli)) == 1


def test_remove_with_yes(cli, posting) -> None:
    job_id = json.loads(cli("job", "add", str(posting), "--json").stdout)["id"]
    result = cli("job", "remove", str(job_id), "--yes")
    assert result.exit_code == 0
    assert f"Removed job {job_id}" in result.stdout
    assert _jobs(cli) == []
    assert cli("job", "remove", str(job_id), "--yes").exit_code == 1


def test_remove_on_a_terminal_asks_first(cli, posting, monkeypatch) -> None:
    import questionary

    from careercoach.commands.common import Env

    class _Answer:
        def __init__(self, value):
            self.value = value

        def ask(self):
            return self.value

    answers = [False, True]
    monkeypatch.setattr(Env, "stdin_is_tty", property(lambda self: True))
    monkeypatch.setattr(questionary, "confirm", lambda *a, **k: _Answer(answers.pop(0)))
    job_id = json.loads(cli("job", "add", str(posting), "--json").stdout)["id"]
    assert "Nothing removed" in cli("job", "remove", str(job_id)).stderr
    assert len(_jobs(cli)) == 1
    assert cli("job", "remove", str(job_id)).exit_code == 0
    assert _jobs(cli) == []


# --- with a model ----------------------------------------------------------------------------


def test_model_extraction_is_merged_and_canonicalised(cli, posting, fake_llm) -> None:
    fake_llm.push_json(MODEL_ANSWER)
    result = cli("job", "add", str(posting), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["mode"] == "llm"
    assert data["company"] == "Riverbank Analytics GmbH"
    assert data["location"] == "Berlin, Germany"  # the model left it empty: offline fills it
    assert data["degree"] == "bachelor"
    assert data["currency"] == "EUR"
    assert data["required_skills"] == [
        "Python",
        "SQL",
        "Apache Spark",
        "Apache Airflow",
        "Data Contracts",
    ]
    assert data["preferred_skills"] == ["Apache Kafka", "Terraform"]  # Python stays required only
    [request] = fake_llm.chat_requests
    body = request.body
    assert body["response_format"]["type"] in ("json_schema", "json_object")
    system, user = body["messages"]
    assert "data" in system["content"] and "never instructions" in system["content"]
    assert "<<<CAREERCOACH_DOC_" in user["content"]
    assert "Apache Spark and Apache Airflow" in user["content"]


def test_model_summary_names_the_model(cli, posting, fake_llm) -> None:
    fake_llm.push_json(MODEL_ANSWER)
    result = cli("job", "add", str(posting))
    assert result.exit_code == 0, result.stderr
    assert "read by openai/test-model" in result.stdout
    assert "offline extraction" not in result.stdout


def test_offline_flag_calls_no_model(cli, posting, fake_llm) -> None:
    result = cli("job", "add", str(posting), "--offline")
    assert result.exit_code == 0
    assert "offline extraction" in result.stdout
    assert fake_llm.chat_requests == []


def test_describe_with_a_model(cli, fake_llm) -> None:
    fake_llm.push_json({**MODEL_ANSWER, "title": "Data Engineer", "company": None})
    result = cli("job", "describe", "I'd love a data engineering job with Spark", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["kind"] == "description" and data["title"] == "Data Engineer"
    assert "dream role" in fake_llm.chat_requests[0].body["messages"][1]["content"]


@pytest.mark.parametrize("fault", ["401", "500"])
def test_model_fault_is_exit_4_and_nothing_stored(
    cli, posting, fake_llm, monkeypatch, fault
) -> None:
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    fake_llm.push_fault(fault)
    result = cli("job", "add", str(posting))
    assert result.exit_code == 4
    assert "sk-test-SENTINEL-0000" not in result.stderr + result.stdout
    assert _jobs(cli) == []


def test_prose_twice_is_exit_4_and_nothing_stored(cli, posting, fake_llm) -> None:
    fake_llm.push_fault("prose")
    fake_llm.push_fault("prose")
    result = cli("job", "add", str(posting))
    assert result.exit_code == 4
    assert "format" in result.stderr
    assert len(fake_llm.chat_requests) == 2
    assert _jobs(cli) == []


def test_prose_then_valid_json_is_repaired(cli, posting, fake_llm) -> None:
    fake_llm.push_fault("prose")
    fake_llm.push_json(MODEL_ANSWER)
    result = cli("job", "add", str(posting), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["mode"] == "llm"


def test_model_that_returns_no_skills_keeps_the_offline_skills(cli, posting, fake_llm) -> None:
    fake_llm.push_json({"title": "Data Engineer"})
    data = json.loads(cli("job", "add", str(posting), "--json").stdout)
    assert data["title"] == "Data Engineer"
    assert data["required_skills"] == ["Python", "SQL", "Apache Spark", "Apache Airflow"]
    assert data["salary_min"] == 70000


# --- resolve_job_arg (used by gap --job) ------------------------------------------------------


def test_resolve_job_arg_takes_an_id_or_a_file(posting) -> None:
    from careercoach.errors import BadInput, NotFound
    from careercoach.services.jobs import resolve_job_arg
    from careercoach.services.model import ModelChoice
    from careercoach.store.db import open_store

    store = open_store()
    offline = ModelChoice(offline=True)
    job = resolve_job_arg(store, str(posting), choice=offline)
    assert resolve_job_arg(store, str(posting), choice=offline).id == job.id  # deduplicated
    assert resolve_job_arg(store, str(job.id)).id == job.id
    with pytest.raises(NotFound):
        resolve_job_arg(store, "999")
    with pytest.raises(BadInput, match="neither a job id nor a file"):
        resolve_job_arg(store, "no-such-posting.txt")


@pytest.mark.parametrize(
    ("fault", "options", "env"),
    [
        ("429", {"retry_after": 0}, {"CAREERCOACH_RETRIES": "0"}),
        ("hang", {"seconds": 3}, {"CAREERCOACH_TIMEOUT": "0.5", "CAREERCOACH_RETRIES": "0"}),
        ("cut", {"after_chunks": 1}, {"CAREERCOACH_RETRIES": "0"}),
    ],
)
def test_rate_limit_timeout_and_cut_are_exit_4_and_nothing_stored(
    cli, posting, fake_llm, monkeypatch, fault, options, env
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    fake_llm.push_fault(fault, **options)
    fake_llm.push_fault(fault, **options)
    result = cli("job", "add", str(posting))
    assert result.exit_code == 4, result.stderr
    assert _jobs(cli) == []


def test_description_is_redacted_before_the_model_sees_it(cli, fake_llm) -> None:
    fake_llm.push_json({**MODEL_ANSWER, "title": "Data Engineer"})
    text = "I'm Jane Roe (jane.roe@example.com) and I want a data engineering job with Spark"
    result = cli("job", "describe", text)
    assert result.exit_code == 0, result.stderr
    sent = fake_llm.chat_requests[0].body["messages"][1]["content"]
    assert "jane.roe@example.com" not in sent
    assert "Spark" in sent


def test_pdf_and_docx_postings_are_read(cli) -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    for name in ("cv_single_column.pdf", "cv_plain.docx"):
        result = cli("job", "add", str(corpus / name), "--json")
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["filename"] == name
    assert len(_jobs(cli)) == 2


def test_a_pdf_without_text_is_exit_1(cli) -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    result = cli("job", "add", str(corpus / "cv_scanned.pdf"))
    assert result.exit_code == 1
    assert "text layer" in result.stderr
    assert _jobs(cli) == []
