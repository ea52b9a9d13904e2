"""The offline roadmap planner: hours per skill, priority order, packing, overflow, no gaps."""

from __future__ import annotations

import pytest

from careercoach.analysis.roadmap import (
    check_budget,
    estimate_hours,
    load_curated_resources,
    ordered_missing,
    plan_roadmap,
    related_known,
)
from careercoach.analysis.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy()


def _missing(*rows: tuple[str, str, int, bool]) -> list[dict]:
    return [
        {"skill": s, "severity": sev, "priority": p, "required": req} for s, sev, p, req in rows
    ]


def _plan(missing, matched=(), weeks=8, hours=6, resources=()):
    report = {
        "missing_skills": missing,
        "matched_skills": list(matched),
        "learning_resources": list(resources),
    }
    return plan_roadmap(report, weeks=weeks, hours_per_week=hours, taxonomy=TAXONOMY, curated={})


def test_base_hours_by_severity_without_related_skills() -> None:
    items = ordered_missing(
        _missing(
            ("Kubernetes", "critical", 1, True),
            ("Figma", "major", 2, True),
            ("Scrum", "minor", 3, False),
        )
    )
    assert [estimate_hours(i, [], TAXONOMY).hours for i in items] == [20, 12, 6]


def test_related_skills_already_matched_lower_the_effort_both_ways() -> None:
    [mysql] = ordered_missing(_missing(("MySQL", "major", 1, True)))
    # PostgreSQL ~ MySQL (0.6): 12 h x (1 - 0.35 x 0.6) = 9.48 -> 10 h
    with_pg = estimate_hours(mysql, ["PostgreSQL"], TAXONOMY)
    assert with_pg.hours == 10 and "PostgreSQL (0.6)" in with_pg.basis
    # React -> JavaScript: a prerequisite you already have counts too.
    [react] = ordered_missing(_missing(("React", "major", 1, True)))
    assert ("JavaScript", 0.9) in related_known("React", ["JavaScript"], TAXONOMY)
    assert estimate_hours(react, ["JavaScript"], TAXONOMY).hours < 12
    # More related skills, more discount, capped at half.
    many = estimate_hours(mysql, ["PostgreSQL", "SQL", "Relational Databases", "MariaDB"], TAXONOMY)
    assert many.hours == 6 and "-50%" in many.basis


def test_unknown_skills_get_the_base_and_minimum_hours_hold() -> None:
    [odd] = ordered_missing(_missing(("Underwater Basket Weaving", "minor", 1, False)))
    assert estimate_hours(odd, ["Python"], TAXONOMY).hours == 6


def test_order_is_priority_then_severity_then_required() -> None:
    items = ordered_missing(
        [
            {"skill": "C", "severity": "minor", "priority": 2, "required": False},
            {
                "skill": "A",
                "severity": "major",
                "required": True,
            },  # no priority: after numbered ones
            {"skill": "B", "severity": "critical", "priority": 2, "required": True},
            {"skill": "D", "severity": "minor", "priority": 1, "required": False},
            "E",  # a bare string is a required, major skill
            {"skill": "d", "severity": "critical", "priority": 9},  # duplicate, ignored
        ]
    )
    assert [i["skill"] for i in items] == ["D", "B", "C", "A", "E"]


def test_weeks_never_pass_the_hours_and_follow_priority() -> None:
    plan = _plan(
        _missing(
            ("Kubernetes", "critical", 1, True),
            ("Terraform", "minor", 2, True),
            ("Scrum", "minor", 3, False),
        ),
        weeks=10,
        hours=7,
    )
    assert all(0 < w.hours <= 7 for w in plan.weeks)
    order = [s for w in plan.weeks for s in w.skills if s in ("Kubernetes", "Terraform", "Scrum")]
    first_seen = list(dict.fromkeys(order))
    assert first_seen == ["Kubernetes", "Terraform", "Scrum"]
    # 20 + 6 + 6 = 32 h at 7 h/week: weeks 1-4 full, week 5 has 4 h, then the capstone.
    assert [w.hours for w in plan.weeks[:5]] == [7, 7, 7, 7, 4]
    assert plan.weeks[-1].focus.startswith("Prove it")
    assert plan.outside_plan == []
    assert [w.week for w in plan.weeks] == list(range(1, len(plan.weeks) + 1))


def test_every_week_has_focus_tasks_resource_and_deliverable() -> None:
    plan = _plan(
        _missing(
            ("Kubernetes", "critical", 1, True),
            ("Communication", "minor", 2, True),
            ("AWS Certified Solutions Architect", "major", 3, False),
        ),
        weeks=12,
        hours=10,
    )
    for week in plan.weeks:
        assert week.focus and week.tasks and week.resource and week.deliverable
    deliverables = " ".join(w.deliverable for w in plan.weeks)
    assert "repository" in deliverables  # technical skill: a project
    assert "STAR" in deliverables  # soft skill: stories
    soft_tasks = [t for w in plan.weeks if "Communication" in w.skills for t in w.tasks]
    assert any("STAR story" in t for t in soft_tasks)
    assert not any("fundamentals of Communication" in t for t in soft_tasks)
    assert "practice exam" in deliverables  # certification


def test_gaps_that_do_not_fit_are_reported_and_smaller_ones_still_fill_in() -> None:
    plan = _plan(
        _missing(
            ("Kubernetes", "critical", 1, True),
            ("Apache Kafka", "critical", 2, True),
            ("Scrum", "minor", 3, False),
        ),
        weeks=4,
        hours=7,
    )
    # 28 h: Kubernetes 20 fits, Kafka 20 does not (8 left), Scrum 6 does.
    assert [o.skill for o in plan.outside_plan] == ["Apache Kafka"]
    assert "only 8 h left" in plan.outside_plan[0].reason
    assert "Scrum" in {s for w in plan.weeks for s in w.skills}
    assert "outside the plan" in plan.summary and "Apache Kafka" in plan.summary
    assert sum(w.hours for w in plan.weeks) == plan.total_hours == 26
    assert len(plan.weeks) <= 4


def test_nothing_fits_in_a_tiny_budget() -> None:
    plan = _plan(_missing(("Kubernetes", "critical", 1, True)), weeks=1, hours=1)
    assert plan.weeks == [] and [o.skill for o in plan.outside_plan] == ["Kubernetes"]


def test_resources_come_from_the_report_first_then_curated_docs() -> None:
    report = {
        "missing_skills": _missing(
            ("Kubernetes", "critical", 1, True), ("PostgreSQL", "minor", 2, True)
        ),
        "learning_resources": [
            {"skill": "Kubernetes", "title": "CKA course", "url": "https://example.org/cka"}
        ],
    }
    plan = plan_roadmap(report, weeks=8, hours_per_week=10, taxonomy=TAXONOMY)
    resources = {s: w.resource for w in plan.weeks[:-1] for s in w.skills}
    assert plan.weeks[-1].focus.startswith("Prove it")
    assert resources["Kubernetes"] == "CKA course: https://example.org/cka"
    assert plan.weeks[0].tasks[0] == "Learn the fundamentals of Kubernetes with CKA course"
    assert "postgresql.org/docs" in resources["PostgreSQL"]


def test_curated_resources_name_canonical_skills() -> None:
    curated = load_curated_resources()
    assert len(curated) >= 80
    for name, text in curated.items():
        assert TAXONOMY.get(name) is not None and TAXONOMY.get(name).name == name
        assert "https://" in text


def test_no_gaps_gives_a_plan_that_proves_matched_skills() -> None:
    plan = _plan([], matched=["Python", "Docker"], weeks=6, hours=5)
    assert [w.focus for w in plan.weeks] == ["Prove Python", "Prove Docker"]
    assert all(w.hours == 5 for w in plan.weeks)
    assert "no missing skills" in plan.summary


def test_no_gaps_and_no_matches_is_an_empty_plan_that_says_why() -> None:
    plan = _plan([], weeks=4, hours=5)
    assert plan.weeks == [] and "nothing to plan" in plan.summary


@pytest.mark.parametrize(
    ("weeks", "hours", "message"),
    [
        (0, 5, "--weeks"),
        (53, 5, "--weeks"),
        (4, 0, "--hours-per-week"),
        (4, 81, "--hours-per-week"),
    ],
)
def test_budget_limits(weeks, hours, message) -> None:
    with pytest.raises(ValueError, match=message):
        check_budget(weeks, hours)
    check_budget(52, 80)
    check_budget(1, 1)
