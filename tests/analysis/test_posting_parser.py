"""The offline posting parser: each salary, years, degree and remote format, sections, Turkish."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from careercoach.analysis.posting_facts import find_degree, find_remote, find_salary, find_years
from careercoach.analysis.posting_parser import classify_heading, parse_posting

ROOT = Path(__file__).resolve().parents[2]


# --- salary -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Salary: $120,000 – $150,000", (120000, 150000, "USD", "year")),
        ("€60k-75k gross per year", (60000, 75000, "EUR", "year")),
        ("Aylık brüt 90.000 - 110.000 TL maaş", (90000, 110000, "TRY", "month")),
        ("Salary: £45k", (45000, 45000, "GBP", "year")),
        ("Pay: $38.50 - $52.00 per hour", (38.5, 52.0, "USD", "hour")),
        ("$32 - $42/hr depending on experience", (32, 42, "USD", "hour")),
        ("CAD 110,000 - 135,000 base salary", (110000, 135000, "CAD", "year")),
        ("€70.000 – €90.000 gross per year", (70000, 90000, "EUR", "year")),
        ("14 000 - 18 000 PLN per month", (14000, 18000, "PLN", "month")),
        (
            "The base salary range is $170,000 to $205,000 per year.",
            (170000, 205000, "USD", "year"),
        ),
        ("Pay range: $65,000.00/yr - $80,000.00/yr", (65000, 80000, "USD", "year")),
        ("€2,800 - €3,300 per month, fully remote", (2800, 3300, "EUR", "month")),
        ("Maaş: Net 45.000 - 55.000 TL", (45000, 55000, "TRY", "month")),
    ],
)
def test_salary_formats(text: str, expected: tuple) -> None:
    salary = find_salary(text)
    assert salary is not None
    assert (salary.minimum, salary.maximum, salary.currency, salary.period) == expected


def test_salary_ignores_budgets_and_company_figures() -> None:
    text = (
        "We move about $2B in transactions a month.\n"
        "- $2,000 yearly learning budget\n"
        "Salary: $150,000 – $185,000 per year, plus equity\n"
    )
    salary = find_salary(text)
    assert (salary.minimum, salary.maximum) == (150000, 185000)
    assert find_salary("You manage a budget of $3M a year.") is None
    assert find_salary("Rated 4.8 on the App Store, 30 days holiday") is None


def test_salary_base_range_comes_before_ote() -> None:
    salary = find_salary("Compensation: $85,000 - $95,000 base, $170,000 - $190,000 OTE")
    assert (salary.minimum, salary.maximum) == (85000, 95000)


def test_annualised_salary_is_stored_per_year() -> None:
    parsed = parse_posting("Nurse\n\nRequirements\n- BLS\n\nPay: $40 - $50 per hour\n")
    assert (parsed.salary_min, parsed.salary_max, parsed.currency) == (83200, 104000, "USD")
    monthly = parse_posting("Developer\n\nMaaş: aylık 50.000 - 60.000 TL\n")
    assert (monthly.salary_min, monthly.salary_max, monthly.currency) == (600000, 720000, "TRY")


# --- years ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "years"),
    [
        ("5+ years of professional software engineering experience", 5),
        ("At least 3 years of experience in a similar role", 3),
        ("3-5 years of experience as a data engineer", 3),
        ("Java ile en az 3 yıl yazılım geliştirme deneyimi", 3),
        ("Muhasebe alanında en az 5 yıl deneyimli", 5),
        ("2+ yrs experience in data analysis", 2),
        ("Minimum of two years of experience in retail", 2),
        ("1+ year of acute care experience", 1),
    ],
)
def test_years_formats(line: str, years: float) -> None:
    assert find_years([line]) == years


def test_years_ignore_other_numbers() -> None:
    assert find_years(["Founded in 1987, 40 years in business", "4 weeks vacation"]) is None
    assert find_years(["We have served Ohio for 25 years"]) is None


# --- degree -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("required", "preferred", "degree"),
    [
        (["Bachelor's degree in CS or equivalent"], [], "bachelor"),
        ([], ["MSc preferred"], "master"),
        (["Degree in Statistics or Physics; MSc preferred"], [], "bachelor"),
        (["Associate degree in Nursing (ADN) required; BSN preferred"], [], "associate"),
        (["High school diploma or GED"], [], "high_school"),
        (["PhD in Machine Learning"], [], "phd"),
        (["Bilgisayar Mühendisliği bölümlerinden lisans mezunu"], [], "bachelor"),
        (["Yüksek lisans mezunu"], [], "master"),
        (["Önlisans mezunu"], [], "associate"),
        (["University degree"], [], "bachelor"),
        (["No degree required, just curiosity"], [], "none"),
        (["Scrum Master experience", "master the craft"], [], None),
    ],
)
def test_degree_formats(required, preferred, degree) -> None:
    assert find_degree(required, preferred) == degree


# --- remote -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "body", "remote"),
    [
        ("Austin, TX (Remote - US)", "", "yes"),
        ("Berlin, Germany · Hybrid (3 days in office)", "", "hybrid"),
        ("Dublin, Ireland (on-site)", "", "no"),
        ("İstanbul — Hibrit çalışma", "", "hybrid"),
        ("İzmir — Ofisten çalışma", "", "no"),
        ("Ankara — Uzaktan", "", "yes"),
        ("London (hybrid, 2 days a week in our office)", "", "hybrid"),
        ("Denver, Colorado (on-site, occasional remote days)", "", "no"),
        ("Leeds, UK", "This is a fully remote position.", "yes"),
        ("Leeds, UK", "You will work with remote teams.", None),
    ],
)
def test_remote_cues(header: str, body: str, remote: str | None) -> None:
    assert find_remote(header, body) == remote


# --- sections and skills ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("Requirements", "required"),
        ("What you'll need", "required"),
        ("Must have", "required"),
        ("Qualifications", "required"),
        ("Minimum qualifications", "required"),
        ("Preferred qualifications", "preferred"),
        ("Nice to have", "preferred"),
        ("Bonus points", "preferred"),
        ("Plus", "preferred"),
        ("It would be great if you have", "preferred"),
        ("Aranan Nitelikler", "required"),
        ("Tercih Sebebi", "preferred"),
        ("Responsibilities", "duties"),
        ("İş Tanımı", "duties"),
        ("About us", "ignored"),
        ("What we offer", "ignored"),
        ("Yan Haklar", "ignored"),
        ("About you", "required"),
        ("Lunch menu", None),
    ],
)
def test_heading_roles(heading: str, role: str | None) -> None:
    assert classify_heading(heading) == role


POSTING = """# Backend Engineer (Python)

**Company:** Ledgerline
**Location:** Austin, TX (Remote - US)

## About us
We run on AWS and love Rust.

## What you'll do
- Build services with gRPC
- Work closely with frontend engineers

## Requirements
- 5+ years of experience with PostgreSQL
- Docker; Kubernetes is a plus
- Bachelor's degree in Mathematics or equivalent

## Nice to have
- Terraform
- PostgreSQL tuning

## Benefits
- Free Kotlin workshops
"""


def test_sections_decide_required_and_preferred() -> None:
    parsed = parse_posting(POSTING)
    assert parsed.title == "Backend Engineer (Python)"
    assert parsed.company == "Ledgerline"
    assert parsed.location == "Austin, TX"
    assert parsed.remote == "yes"
    assert parsed.years_required == 5
    assert parsed.degree == "bachelor"
    # Back-end and Python from the title, gRPC from the duties, the rest from the requirements.
    assert parsed.required_skills == [
        "Back-End Development",
        "Python",
        "gRPC",
        "PostgreSQL",
        "Docker",
    ]
    # "is a plus" inside the requirements; "Nice to have" section. PostgreSQL stays required.
    assert parsed.preferred_skills == ["Kubernetes", "Terraform"]
    # About us, benefits, a field of study and a team to work with are not asked for.
    for name in ("Amazon Web Services", "Rust", "Kotlin", "Mathematics", "Front-End Development"):
        assert name not in parsed.required_skills + parsed.preferred_skills


def test_inline_cues_inside_a_requirements_line() -> None:
    text = (
        "Data Analyst\n\nRequirements\n"
        "- Experience with a cloud data warehouse, ideally Snowflake\n"
        "- SQL and Tableau\n- Python (preferred)\n- German is a plus\n"
    )
    parsed = parse_posting(text)
    assert parsed.required_skills == ["Data Warehousing", "SQL", "Tableau"]
    assert parsed.preferred_skills == ["Snowflake", "Python", "German"]


def test_no_sections_means_everything_is_required_unless_cued() -> None:
    parsed = parse_posting("We need someone strong in Python and SQL. Docker is a plus.")
    assert parsed.required_skills == ["Python", "SQL"]
    assert parsed.preferred_skills == ["Docker"]


def test_inline_headings_in_a_messy_paste() -> None:
    text = (
        "Data Analyst\nAcme Retail · Charlotte, NC (On-site) 1 week ago · Over 100 applicants\n"
        "About the job\nAcme is hiring!  WHAT YOU'LL DO: Build dashboards in Tableau; answer\n"
        "WHAT WE'RE LOOKING FOR:\n2+ yrs experience  ·  Advanced SQL\n"
        "Nice to have:  Python  ·  Google BigQuery\nPay range: $65,000.00/yr - $80,000.00/yr\n"
    )
    parsed = parse_posting(text)
    assert parsed.company == "Acme Retail"
    assert parsed.location == "Charlotte, NC"
    assert parsed.remote == "no"
    assert parsed.years_required == 2
    assert "SQL" in parsed.required_skills and "Tableau" in parsed.required_skills
    assert parsed.preferred_skills == ["Python", "Google BigQuery"]


def test_turkish_posting() -> None:
    text = (
        "# Kıdemli Java Geliştirici\n\n**Şirket:** Boğaziçi Yazılım A.Ş.\n"
        "**Lokasyon:** İstanbul (Maslak) — Hibrit çalışma\n\n"
        "## Aranan Nitelikler\n- Bilgisayar Mühendisliği bölümünden lisans mezunu\n"
        "- Java ile en az 5 yıl deneyim\n- Spring Boot ve PostgreSQL bilgisi\n\n"
        "## Tercih Sebebi\n- Kafka deneyimi\n\n## Yan Haklar\n- Aylık brüt 90.000 - 110.000 TL\n"
    )
    parsed = parse_posting(text)
    assert parsed.title == "Kıdemli Java Geliştirici"
    assert parsed.company == "Boğaziçi Yazılım A.Ş."
    assert parsed.location == "İstanbul (Maslak)"
    assert parsed.remote == "hybrid"
    assert parsed.seniority == "senior"
    assert parsed.years_required == 5
    assert parsed.degree == "bachelor"
    assert parsed.required_skills == ["Java", "Spring Boot", "PostgreSQL"]
    assert parsed.preferred_skills == ["Apache Kafka"]
    assert (parsed.salary_min, parsed.currency) == (1080000, "TRY")


def test_skills_described_by_a_verb_phrase() -> None:
    text = (
        "Project Lead\n\nResponsibilities\n- Coordinate vendors and manage budgets\n"
        "- Present findings to non-technical stakeholders\n- Give clear feedback\n"
        "- Design and build RESTful APIs\n- Manage change requests\n"
    )
    required = parse_posting(text).required_skills
    for name in (
        "Vendor Management",
        "Budgeting",  # "budget management" is one of its spellings
        "Presentation Skills",
        "Giving Feedback",
        "API Design",
        "RESTful APIs",
    ):
        assert name in required, name
    assert "Change Management" not in required  # change requests are not change management


def test_a_shared_head_noun_is_not_borrowed_from_a_longer_skill() -> None:
    required = parse_posting(
        "Marketer\n\nRequirements\n- Written and verbal communication\n"
        "- Run email marketing and lifecycle campaigns\n"
    ).required_skills
    assert "Written Communication" in required and "Email Marketing" in required
    assert "Campaign Management" not in required  # "marketing" belongs to "email marketing"


def test_a_header_field_that_asks_for_a_skill() -> None:
    text = (
        "SOC Analyst\n**Location:** Arlington, VA\n**Clearance:** Secret clearance required\n"
        "**Team:** Splunk users\n\n## Requirements\n- Incident response\n"
    )
    parsed = parse_posting(text)
    assert "Security Clearance" in parsed.required_skills
    assert "Splunk" not in parsed.required_skills + parsed.preferred_skills


def test_buyers_sold_to_are_not_a_skill() -> None:
    parsed = parse_posting(
        "Account Executive\n\nBonus\n- Experience selling to legal or procurement buyers\n"
    )
    assert "Procurement" not in parsed.required_skills + parsed.preferred_skills


def test_empty_and_skill_less_text() -> None:
    empty = parse_posting("")
    assert empty.title is None and empty.required_skills == [] and empty.salary_min is None
    vague = parse_posting("Team member wanted\nGreat vibes and free coffee.")
    assert vague.title == "Team member wanted"
    assert vague.required_skills == [] and vague.preferred_skills == []


# --- the evaluation set: a regression guard ---------------------------------------------------


def _bench():
    spec = importlib.util.spec_from_file_location(
        "bench_skill_extraction", ROOT / "bench" / "bench_skill_extraction.py"
    )
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_evaluation_set_is_labelled_in_canonical_names() -> None:
    import json

    from careercoach.analysis.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    labels = json.loads((ROOT / "tests/eval/postings_labels.json").read_text(encoding="utf-8"))
    postings = labels["postings"]
    assert len(postings) >= 20
    for name, label in postings.items():
        assert (ROOT / "tests/eval/postings" / name).is_file()
        assert not set(label["required"]) & set(label["preferred"])
        for skill in label["required"] + label["preferred"]:
            found = taxonomy.get(skill)
            assert found is not None and found.name == skill, (name, skill)
        for skill in label["not_in_taxonomy"]["required"] + label["not_in_taxonomy"]["preferred"]:
            assert taxonomy.get(skill) is None, (name, skill)


def test_evaluation_set_figures_do_not_regress() -> None:
    """Measured when written (see docs/PERFORMANCE.md); the margin allows small honest changes."""
    report = _bench().evaluate()
    assert report.precision >= MEASURED["precision"] - MARGIN
    assert report.recall >= MEASURED["recall"] - MARGIN
    assert report.placement >= MEASURED["placement"] - MARGIN
    for name in ("title", "company", "remote", "currency", "salary", "years_required", "degree"):
        assert report.field_accuracy(name) >= 0.85, name


# All 50 postings, development and held-out, as measured after issue 4's fourth round and
# the taxonomy's extension (bench/bench_skill_extraction.py). Held-out rounds 3, 4 and 5 were
# unseen when first read: precision 0.807 / 0.805 / 0.756, recall 0.573 / 0.504 / 0.518.
MEASURED = {"precision": 0.887, "recall": 0.799, "placement": 0.982}
MARGIN = 0.03


def test_a_skill_inside_the_company_name_is_not_asked_for() -> None:
    text = (
        "Content Marketer\nHelio Robotics GmbH · Munich\n\nHelio Robotics builds robots.\n\n"
        "Requirements\n- SEO and copywriting\n"
    )
    parsed = parse_posting(text)
    assert parsed.company == "Helio Robotics GmbH"
    assert "Robotics" not in parsed.required_skills + parsed.preferred_skills


def test_an_acronym_restating_another_fields_skill_is_not_that_acronyms_skill() -> None:
    text = "Logistics Coordinator\n\nRequirements\n- Knowledge of dangerous goods (ADR) rules\n"
    skills = parse_posting(text).required_skills
    assert "Hazardous Materials Handling" in skills
    assert "Dispute Resolution" not in skills


def test_an_acronym_within_the_same_field_names_a_kind_of_it() -> None:
    text = "SRE\n\nRequirements\n- Kubernetes (EKS) in production\n"
    assert {"Kubernetes", "Amazon EKS"} <= set(parse_posting(text).required_skills)


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("What your day looks like", "duties"),
        ("A typical day includes", "duties"),
        ("What we ask", "required"),
        ("You probably have", "required"),
        ("☆ WHAT WE NEED FROM YOU ☆", "required"),
    ],
)
def test_more_section_headings(heading: str, role: str) -> None:
    assert classify_heading(heading) == role


def test_an_adjective_list_shares_its_noun() -> None:
    text = "Dev\n\nRequirements\n- Writes clean, testable code\n"
    assert "Clean Code" in parse_posting(text).required_skills


@pytest.mark.parametrize(
    ("line", "skill"),
    [
        # "to" before a verb is not "to <people>": the skill stays
        ("- Able to explain SQL to business stakeholders", "SQL"),
        ("- You will be expected to mentor junior engineers", "Mentoring"),
        ("- Proven ability to lead a team of engineers", "Team Leadership"),
        # qualifying equipment is quality work, not a field of study
        ("- Experience in qualification of equipment under GMP and ISO 13485", "ISO 13485"),
    ],
)
def test_review_cases_keep_the_skill(line: str, skill: str) -> None:
    assert skill in parse_posting("Role\n\nRequirements\n" + line + "\n").required_skills


@pytest.mark.parametrize(
    ("line", "skill"),
    [
        ("- Ability to build dashboards in Tableau for sales managers", "Sales"),
        ("- A tertiary qualification in social work or psychology", "Psychology"),
    ],
)
def test_review_cases_drop_the_mention(line: str, skill: str) -> None:
    parsed = parse_posting("Role\n\nRequirements\n" + line + "\n")
    assert skill not in parsed.required_skills + parsed.preferred_skills


def test_a_line_of_spaces_in_the_header_is_read_at_once() -> None:
    """A label pattern with nested optional runs took minutes on 500 spaces and a letter."""
    parsed = parse_posting("Data Engineer\n" + " " * 2000 + "x\nCompany: Acme\n")
    assert parsed.company == "Acme"
