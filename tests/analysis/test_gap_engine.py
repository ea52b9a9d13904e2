"""The offline gap engine, metric by metric, on hand-made CVs and postings (docs/GAP.md)."""

from __future__ import annotations

from datetime import date

import pytest

from careercoach.analysis.gap import (
    FIT_THRESHOLD,
    OFFLINE_NOTES,
    analyze_gap,
    build_candidate,
    readiness,
    verdict,
)
from careercoach.analysis.gap_merge import GapModelAnswer, ModelMatch, merge_model_answer
from careercoach.analysis.gap_metrics import experience_years, infer_degree_level
from careercoach.analysis.gap_models import METRIC_NAMES, Candidate, MissingSkill
from careercoach.analysis.gap_skills import RELATED_CREDIT_FACTOR, alternative_groups
from careercoach.analysis.schemas import (
    EducationEntry,
    ExperienceEntry,
    ParsedCV,
    ParsedPosting,
    SkillClaim,
)
from careercoach.analysis.taxonomy import load_taxonomy

TODAY = date(2026, 11, 1)


def _cv(*skills: str, **fields) -> ParsedCV:
    return ParsedCV(skills=[SkillClaim(name=s) for s in skills], **fields)


def _run(candidate: Candidate, posting: ParsedPosting, text: str = "", cv_words: int = 300):
    return analyze_gap(
        candidate, posting, posting_text=text, cv_text="word " * cv_words, today=TODAY
    )


def _detail(report, skill: str):
    return next(d for d in report.skill_details if d.skill == skill)


# --- skills ----------------------------------------------------------------------------------


def test_exact_and_alias_matches_get_full_credit() -> None:
    candidate = build_candidate(_cv("PostgreSQL", "Kubernetes"))
    posting = ParsedPosting(required_skills=["Postgres", "k8s"])
    report = _run(candidate, posting)
    assert report.metrics["skills_match"] == 100.0
    assert _detail(report, "PostgreSQL").how == "alias"
    assert _detail(report, "Kubernetes").credit == 1.0
    assert report.matched_skills == ["PostgreSQL", "Kubernetes"]
    assert report.missing_skills == []


def test_related_skill_gets_partial_credit_by_strength() -> None:
    taxonomy = load_taxonomy()
    strength = dict((s.name, w) for s, w in taxonomy.related("PostgreSQL"))["SQL"]
    candidate = build_candidate(_cv("PostgreSQL"))
    report = _run(candidate, ParsedPosting(required_skills=["SQL"]))
    detail = _detail(report, "SQL")
    assert detail.how == "related"
    assert detail.credit == pytest.approx(strength * RELATED_CREDIT_FACTOR)
    assert report.metrics["skills_match"] == pytest.approx(
        100 * strength * RELATED_CREDIT_FACTOR, abs=0.1
    )
    [missing] = report.missing_skills
    assert (
        missing.skill == "SQL" and missing.severity == "major" and "PostgreSQL" in missing.related
    )


def test_related_edges_are_directed() -> None:
    # React -> JavaScript gives credit; knowing JavaScript says nothing about React.
    report = _run(build_candidate(_cv("JavaScript")), ParsedPosting(required_skills=["React"]))
    assert _detail(report, "React").credit == 0.0


def test_required_skills_weigh_twice_the_preferred() -> None:
    candidate = build_candidate(_cv("Python"))
    report = _run(candidate, ParsedPosting(required_skills=["Python"], preferred_skills=["Go"]))
    assert report.metrics["skills_match"] == pytest.approx(100 * 2 / 3, abs=0.1)


def test_technical_and_soft_skills_are_scored_apart() -> None:
    candidate = build_candidate(_cv("Python", "Teamwork"))
    posting = ParsedPosting(required_skills=["Python", "Docker", "Teamwork", "Problem Solving"])
    report = _run(candidate, posting)
    assert report.metrics["technical_skills"] == 50.0
    assert report.metrics["soft_skills"] == 50.0


def test_alternatives_in_the_posting_share_one_requirement() -> None:
    text = (
        "Requirements:\n- CI/CD with GitHub Actions, GitLab CI or Jenkins\n"
        "- Docker and Kubernetes\n"
    )
    groups = alternative_groups(text, load_taxonomy())
    assert ["GitHub Actions", "GitLab CI/CD", "Jenkins"] in groups
    assert not any("Docker" in g for g in groups)  # "and" is not a choice
    candidate = build_candidate(_cv("Jenkins"))
    posting = ParsedPosting(required_skills=["GitHub Actions", "GitLab CI/CD", "Jenkins"])
    report = _run(candidate, posting, text)
    assert report.metrics["skills_match"] == 100.0
    assert _detail(report, "GitHub Actions").how == "alternative"


def test_a_posting_without_skills_is_judged_without_them() -> None:
    report = _run(build_candidate(_cv("Python")), ParsedPosting(title="Friendly person"))
    assert report.metrics["skills_match"] is None
    assert report.metrics["technical_skills"] is None
    assert any("skills could not be judged" in n for n in report.notes)
    assert report.verdict == "UNFIT"  # nothing judged: never a FIT by default


# --- experience ------------------------------------------------------------------------------


def test_overlapping_jobs_are_counted_once() -> None:
    jobs = [
        ExperienceEntry(title="Engineer", start="2018-01", end="2020-12"),
        ExperienceEntry(title="Freelance", start="2020-01", end="2021-12"),  # 12 months overlap
    ]
    years, dated, undated = experience_years(jobs, TODAY)
    assert (years, dated, undated) == (4.0, 2, 0)


def test_internships_count_half_and_current_jobs_run_to_today() -> None:
    jobs = [
        ExperienceEntry(title="Data Engineering Intern", start="2019-01", end="2019-12"),
        ExperienceEntry(title="Engineer", start="2025-11", current=True),
    ]
    years, _, _ = experience_years(jobs, TODAY)
    assert years == pytest.approx((12 * 0.5 + 13) / 12, abs=0.05)


def test_experience_score_against_the_years_asked() -> None:
    cv = _cv(experience=[ExperienceEntry(title="Analyst", start="2024-11", end="2026-10")])
    report = _run(build_candidate(cv), ParsedPosting(years_required=4))
    assert report.metrics["experience_match"] == 50.0
    assert "2 years" in report.explanations["experience_match"]


def test_seniority_stands_in_for_missing_years_with_a_note() -> None:
    cv = _cv(experience=[ExperienceEntry(title="Dev", start="2016-01", end="2026-10")])
    report = _run(build_candidate(cv), ParsedPosting(seniority="senior"))
    assert report.metrics["experience_match"] == 100.0
    assert any("'senior' taken as 5+ years" in n for n in report.notes)


def test_undated_jobs_are_not_judged() -> None:
    cv = _cv(experience=[ExperienceEntry(title="Dev")])
    report = _run(build_candidate(cv), ParsedPosting(years_required=2))
    assert report.metrics["experience_match"] is None
    assert any("no readable dates" in n for n in report.notes)


# --- education -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("have", "wanted", "score"),
    [
        ("master", "bachelor", 100.0),
        ("bachelor", "bachelor", 100.0),
        ("bachelor", "master", 60.0),
        ("associate", "master", 30.0),
        ("high_school", "phd", 0.0),
    ],
)
def test_degree_levels_by_rank(have: str, wanted: str, score: float) -> None:
    cv = _cv(education=[EducationEntry(institution="Uni", level=have, start="2010", end="2014")])
    report = _run(build_candidate(cv), ParsedPosting(degree=wanted))
    assert report.metrics["education_match"] == score


def test_degree_level_is_read_from_the_written_degree() -> None:
    assert infer_degree_level("BSc Computer Science") == "bachelor"
    assert infer_degree_level("Yüksek Lisans") == "master"
    assert infer_degree_level("PhD in Physics") == "phd"
    assert infer_degree_level("Basket weaving") is None


def test_no_degree_asked_is_not_judged_and_none_held_scores_zero() -> None:
    report = _run(build_candidate(_cv()), ParsedPosting())
    assert report.metrics["education_match"] is None
    report = _run(build_candidate(_cv()), ParsedPosting(degree="bachelor"))
    assert report.metrics["education_match"] == 0.0


# --- location and salary ---------------------------------------------------------------------


def test_location_and_salary_are_null_with_a_note_when_unknown() -> None:
    posting = ParsedPosting(
        location="Berlin, Germany", remote="no", salary_max=70000, currency="EUR"
    )
    report = _run(build_candidate(_cv()), posting)
    assert report.metrics["location_match"] is None
    assert report.metrics["salary_match"] is None
    assert any("profile set location" in n for n in report.notes)
    assert any("profile set salary_expectation" in n for n in report.notes)


def test_location_scores() -> None:
    berlin = ParsedPosting(location="Berlin, Germany", remote="hybrid")
    same = _run(build_candidate(_cv(), location="Berlin, Germany"), berlin)
    country = _run(build_candidate(_cv(), location="Munich, Germany"), berlin)
    abroad = _run(build_candidate(_cv(), location="Lyon, France"), berlin)
    remote = _run(
        build_candidate(_cv(), location="Lyon, France"),
        ParsedPosting(location="Berlin", remote="yes"),
    )
    assert [r.metrics["location_match"] for r in (same, country, abroad, remote)] == [
        100.0,
        60.0,
        30.0,
        100.0,
    ]


def test_salary_scores() -> None:
    posting = ParsedPosting(salary_min=50000, salary_max=60000, currency="EUR")

    def score(expectation: float, currency: str = "EUR") -> float | None:
        candidate = build_candidate(_cv(), salary_expectation=expectation, currency=currency)
        return _run(candidate, posting).metrics["salary_match"]

    assert score(55000) == 100.0
    assert score(66000) == 80.0  # 10% over the top: 2 points per percent
    assert score(120000) == 0.0
    assert score(55000, "USD") is None


# --- readiness, verdict, confidence ----------------------------------------------------------


def test_readiness_renormalises_over_judged_metrics() -> None:
    assert readiness({"skills_match": 80.0, "experience_match": 50.0}) == pytest.approx(
        (0.30 * 80 + 0.20 * 50) / 0.50, abs=0.1
    )
    assert readiness({}) is None


def test_verdict_needs_the_threshold_and_no_critical_required_gap() -> None:
    critical = MissingSkill(skill="Java", required=True, severity="critical", priority=1)
    major = MissingSkill(skill="Go", required=True, severity="major", priority=1)
    assert verdict(FIT_THRESHOLD, []) == "FIT"
    assert verdict(FIT_THRESHOLD - 0.1, []) == "UNFIT"
    assert verdict(95.0, [critical]) == "UNFIT"
    assert verdict(95.0, [major]) == "FIT"


def test_a_central_missing_required_skill_is_critical() -> None:
    candidate = build_candidate(_cv("Python", "SQL", "Docker", "Git"))
    posting = ParsedPosting(
        title="Kafka Engineer", required_skills=["Python", "SQL", "Docker", "Git", "Apache Kafka"]
    )
    report = _run(candidate, posting, "Kafka Engineer\nWe need Python, SQL, Docker, Git, Kafka.")
    [kafka] = report.missing_skills
    assert kafka.severity == "critical" and kafka.priority == 1
    assert report.verdict == "UNFIT"
    posting = posting.model_copy(update={"title": "Engineer"})
    report = _run(candidate, posting, "Engineer\nWe need Python, SQL, Docker, Git, Kafka.")
    assert report.missing_skills[0].severity == "major"  # named once among five: not central
    assert report.verdict == "FIT"


def test_missing_skills_are_ordered_by_severity_then_required() -> None:
    candidate = build_candidate(_cv("Python"))
    posting = ParsedPosting(required_skills=["Python", "Rust", "Teamwork"], preferred_skills=["Go"])
    report = _run(candidate, posting, "Rust Rust Go Teamwork Python")
    assert [(m.skill, m.severity, m.priority) for m in report.missing_skills] == [
        ("Rust", "critical", 1),
        ("Teamwork", "minor", 2),
        ("Go", "minor", 3),
    ]


def test_report_shape_and_offline_notes() -> None:
    candidate = build_candidate(_cv("Python"))
    report = _run(candidate, ParsedPosting(required_skills=["Python", "Go"]))
    assert tuple(report.metrics) == METRIC_NAMES
    assert report.metrics["culture_fit"] is None and report.metrics["domain_knowledge"] is None
    assert all(note in report.notes for note in OFFLINE_NOTES)
    assert report.metrics["confidence"] == report.confidence
    assert 0 <= report.confidence <= 100
    assert report.mode == "offline" and report.sources["metrics"] == "offline"
    assert report.learning_resources and report.learning_resources[0].skill == "Go"
    assert report.learning_resources[0].url.startswith("https://")


def test_confidence_grows_with_what_could_be_judged() -> None:
    sparse = _run(
        build_candidate(_cv("Python")), ParsedPosting(required_skills=["Python"]), cv_words=40
    )
    rich_cv = _cv(
        "Python",
        "SQL",
        "Docker",
        "Git",
        "Linux",
        experience=[ExperienceEntry(title="Dev", start="2018-01", end="2024-01")],
        education=[EducationEntry(institution="U", level="bachelor", end="2017")],
    )
    rich = _run(
        build_candidate(rich_cv, location="Paris, France", salary_expectation=50000),
        ParsedPosting(
            required_skills=["Python", "SQL", "Docker", "Git", "Linux", "Go", "Rust", "Java"],
            years_required=3,
            degree="bachelor",
            location="Paris, France",
            salary_max=60000,
        ),
    )
    assert rich.confidence > sparse.confidence + 30


def test_profile_facts_merge_with_the_cv() -> None:
    cv = _cv(
        "Python",
        certifications=[],
        experience=[ExperienceEntry(title="ICU Registered Nurse", start="2020-01", end="2021-01")],
    )
    candidate = build_candidate(
        cv,
        location="Izmir, Turkey",
        salary_expectation=1.0,
        certifications=["Basic Life Support (BLS), AHA"],
    )
    assert {"Python", "Registered Nurse", "Basic Life Support"} <= set(candidate.skills)
    assert candidate.location == "Izmir, Turkey"


# --- the model layer's merge -----------------------------------------------------------------


def test_merge_takes_model_judgements_and_recomputes_the_formulas() -> None:
    taxonomy = load_taxonomy()
    candidate = build_candidate(_cv("Python"))
    posting = ParsedPosting(required_skills=["Python", "Apache Kafka"])
    offline = _run(candidate, posting)
    answer = GapModelAnswer(
        summary="Good fit.",
        culture_fit=80,
        culture_fit_reason="small team, says so",
        domain_knowledge=60,
        semantic_matches=[ModelMatch(skill="Apache Kafka", evidence="event streaming", credit=1)],
        strengths=["Python"],
        recommendations=["Do X"],
    )
    merged = merge_model_answer(
        offline,
        answer,
        posting=posting,
        posting_text="",
        candidate=candidate,
        cv_text="word " * 300,
        taxonomy=taxonomy,
        model="openai/test",
    )
    assert merged.mode == "llm" and merged.model == "openai/test"
    assert merged.metrics["culture_fit"] == 80.0 and merged.metrics["skills_match"] == 100.0
    assert merged.missing_skills == []
    assert merged.sources["culture_fit"] == "model"
    assert merged.sources["experience_match"] == "offline"
    assert merged.sources["skills_match"] == "offline+model"
    assert merged.sources["strengths"] == "model" and merged.sources["gaps"] == "offline"
    assert not any(note in merged.notes for note in OFFLINE_NOTES)
    assert offline.mode == "offline" and offline.metrics["culture_fit"] is None  # untouched


def test_curated_learning_suggestions_name_real_skills_and_web_links() -> None:
    from careercoach.analysis.gap_advice import _resources

    taxonomy = load_taxonomy()
    data = _resources()
    for name, entries in data["skills"].items():
        skill = taxonomy.get(name)
        assert skill is not None and skill.name == name, name
        assert all(e["url"].startswith("https://") for e in entries), name
    assert set(data["domains"]) <= set(taxonomy.domains)


def test_severity_counts_skills_the_posting_describes_with_a_verb() -> None:
    """The gap engine counts mentions as the posting parser finds them: "Deploy models" is
    Model Deployment for severity too, not only for the skill lists."""
    from careercoach.analysis.gap import _mention_counts
    from careercoach.analysis.taxonomy import load_taxonomy

    posting = (
        "ML Engineer\n\nWhat you'll do\n- Deploy models to production\n"
        "- Deploy models behind feature flags\n\nRequirements\n- Model deployment experience\n"
    )
    assert _mention_counts(posting, load_taxonomy())["Model Deployment"] == 3
