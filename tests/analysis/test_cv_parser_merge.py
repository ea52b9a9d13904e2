"""Merging a parsed CV into the profile: nothing duplicated on re-parse, nothing manual lost."""

from __future__ import annotations

from careercoach.analysis.schemas import (
    CertificationEntry,
    Contact,
    EducationEntry,
    ExperienceEntry,
    ParsedCV,
    ProjectEntry,
    SkillClaim,
)

CV_TEXT = """\
Daniel Okafor
Senior Backend Engineer
daniel.okafor@example.com | +44 20 7946 0958 | Manchester, UK
Experience
Senior Backend Engineer — Northwind Analytics Mar 2021 – Present
- Cut p95 latency from 480 ms to 120 ms.
Skills
Python (expert), PostgreSQL, Docker
Education
BSc Computer Science, University of Leeds 2013 – 2017
Projects
Schema Linter — checks PostgreSQL migrations
Certifications
AWS Certified Solutions Architect – Associate (2022)
"""


def _store_with_cv(text: str = CV_TEXT):
    from careercoach.store.db import open_store
    from careercoach.store.models import CV

    store = open_store()
    with store.session() as session:
        cv = CV(
            filename="cv.txt",
            kind="txt",
            sha256="0" * 64,
            size_bytes=len(text),
            word_count=len(text.split()),
            text=text,
        )
        session.add(cv)
        session.flush()
    return store, cv


def _rows(store, model):
    from sqlmodel import select

    with store.read_session() as session:
        return list(session.exec(select(model)).all())


def _offline(store, cv):
    from careercoach.services.cv_parse import parse_stored_cv
    from careercoach.services.model import ModelChoice

    return parse_stored_cv(store, cv, ModelChoice(offline=True))


def test_offline_parse_is_labelled_offline() -> None:
    store, cv = _store_with_cv()
    result = _offline(store, cv)
    assert result.engine == "offline"
    assert "offline" in result.notes[0]


def test_no_model_configured_falls_back_to_offline_with_a_note() -> None:
    from careercoach.services.cv_parse import parse_stored_cv
    from careercoach.services.model import ModelChoice

    store, cv = _store_with_cv()
    result = parse_stored_cv(store, cv, ModelChoice())
    assert result.engine == "offline"
    assert "no model" in result.notes[0].lower()


def test_merge_writes_every_section_with_its_source() -> None:
    from careercoach.services.cv_parse import apply_merge, plan_merge
    from careercoach.store.models import (
        Certification,
        Education,
        Experience,
        Profile,
        ProfileSkill,
        Project,
    )

    store, cv = _store_with_cv()
    changes = plan_merge(store, _offline(store, cv).parsed, cv.id)
    assert {c.action for c in changes} == {"new"}
    assert apply_merge(store, changes) == len(changes)
    [profile] = _rows(store, Profile)
    assert (
        profile.id,
        profile.name,
        profile.email,
        profile.phone,
        profile.location,
        profile.headline,
    ) == (
        1,
        "Daniel Okafor",
        "daniel.okafor@example.com",
        "+44 20 7946 0958",
        "Manchester, UK",
        "Senior Backend Engineer",
    )
    skills = {s.name: s for s in _rows(store, ProfileSkill)}
    assert skills["Python"].level == "expert"
    assert skills["Python"].source == f"cv:{cv.id}"
    assert skills["Python"].evidence == "Python (expert), PostgreSQL, Docker"
    [job] = _rows(store, Experience)
    assert (job.title, job.employer, job.start, job.end, job.source) == (
        "Senior Backend Engineer",
        "Northwind Analytics",
        "2021-03",
        None,
        f"cv:{cv.id}",
    )
    assert job.achievements == ["Cut p95 latency from 480 ms to 120 ms."]
    [school] = _rows(store, Education)
    assert (school.institution, school.degree, school.field_of_study) == (
        "University of Leeds",
        "BSc",
        "Computer Science",
    )
    assert [p.name for p in _rows(store, Project)] == ["Schema Linter"]
    assert [c.date for c in _rows(store, Certification)] == ["2022"]


def test_reparse_plans_nothing_and_duplicates_nothing() -> None:
    from careercoach.services.cv_parse import apply_merge, plan_merge
    from careercoach.store.models import Education, Experience, ProfileSkill, Project

    store, cv = _store_with_cv()
    apply_merge(store, plan_merge(store, _offline(store, cv).parsed, cv.id))
    counts = [len(_rows(store, m)) for m in (ProfileSkill, Experience, Education, Project)]
    again = plan_merge(store, _offline(store, cv).parsed, cv.id)
    assert again == []
    assert apply_merge(store, again) == 0
    assert [len(_rows(store, m)) for m in (ProfileSkill, Experience, Education, Project)] == counts


def test_matching_ignores_case_and_spacing_and_duplicates_within_one_parse() -> None:
    from careercoach.services.cv_parse import apply_merge, plan_merge
    from careercoach.store.models import Experience, ProfileSkill

    store, cv = _store_with_cv()
    parsed = ParsedCV(
        skills=[SkillClaim(name="python"), SkillClaim(name="Python"), SkillClaim(name="k8s")],
        experience=[
            ExperienceEntry(title="Engineer", employer="Acme", start="2020"),
            ExperienceEntry(title="engineer", employer="ACME ", start="2020"),
        ],
    )
    apply_merge(store, plan_merge(store, parsed, cv.id))
    assert sorted(s.name for s in _rows(store, ProfileSkill)) == ["Kubernetes", "Python"]
    assert len(_rows(store, Experience)) == 1
    assert plan_merge(store, parsed, cv.id) == []


def test_manual_fields_and_levels_are_never_overwritten() -> None:
    from careercoach.services import profile as profile_service
    from careercoach.services.cv_parse import apply_merge, plan_merge
    from careercoach.store.models import Profile, ProfileSkill

    store, cv = _store_with_cv()
    profile_service.set_field(store, "name", "Dan Okafor")
    profile_service.set_field(store, "headline", "Staff Engineer")
    profile_service.add_skill(store, "Python", level="intermediate")
    changes = plan_merge(store, _offline(store, cv).parsed, cv.id)
    assert not [c for c in changes if c.section == "profile" and "name" in c.values]
    assert not [
        c
        for c in changes
        if c.section == "skill" and c.item.startswith("Python") and "level" in c.values
    ]
    apply_merge(store, changes)
    [profile] = _rows(store, Profile)
    assert (profile.name, profile.headline) == ("Dan Okafor", "Staff Engineer")
    assert profile.email == "daniel.okafor@example.com"  # empty before: filled
    python = next(s for s in _rows(store, ProfileSkill) if s.name == "Python")
    assert (python.level, python.source) == ("intermediate", "manual")
    assert python.evidence == "Python (expert), PostgreSQL, Docker"  # was empty: filled


def test_a_parsed_level_updates_an_earlier_parsed_level_but_not_a_manual_one() -> None:
    from careercoach.services.cv_parse import apply_merge, plan_merge
    from careercoach.store.models import ProfileSkill

    store, cv = _store_with_cv()
    apply_merge(store, plan_merge(store, ParsedCV(skills=[SkillClaim(name="Go")]), cv.id))
    changes = plan_merge(store, ParsedCV(skills=[SkillClaim(name="Go", level="advanced")]), cv.id)
    assert [(c.section, c.action, c.values) for c in changes] == [
        ("skill", "updated", {"level": "advanced"})
    ]
    apply_merge(store, changes)
    assert [s.level for s in _rows(store, ProfileSkill)] == ["advanced"]


def test_empty_fields_of_a_matching_entry_are_filled_not_replaced() -> None:
    from careercoach.services.cv_parse import apply_merge, plan_merge
    from careercoach.store.models import Certification, Education, Project

    store, cv = _store_with_cv()
    first = ParsedCV(
        education=[EducationEntry(institution="MIT", degree="MSc")],
        projects=[ProjectEntry(name="Linter", description="old words")],
        certifications=[CertificationEntry(name="CKA")],
    )
    apply_merge(store, plan_merge(store, first, cv.id))
    second = ParsedCV(
        education=[EducationEntry(institution="mit", degree="MSc", start="2015", end="2017")],
        projects=[ProjectEntry(name="LINTER", description="new words", technologies=["Go"])],
        certifications=[CertificationEntry(name="cka", issuer="CNCF", date="2022")],
    )
    changes = plan_merge(store, second, cv.id)
    assert {(c.section, c.action) for c in changes} == {
        ("education", "updated"),
        ("project", "updated"),
        ("certification", "updated"),
    }
    apply_merge(store, changes)
    [school] = _rows(store, Education)
    assert (school.start, school.end) == ("2015", "2017")
    [project] = _rows(store, Project)
    assert (project.description, project.technologies) == ("old words", ["Go"])
    [cert] = _rows(store, Certification)
    assert (cert.name, cert.issuer, cert.date) == ("CKA", "CNCF", "2022")


def test_links_are_added_not_replaced() -> None:
    from careercoach.services.cv_parse import apply_merge, plan_merge
    from careercoach.store.models import Profile

    store, cv = _store_with_cv()
    with store.session() as session:
        session.add(Profile(id=1, links=["https://example.com/me"]))
    parsed = ParsedCV(contact=Contact(links=["https://example.com/me", "https://github.com/me"]))
    apply_merge(store, plan_merge(store, parsed, cv.id))
    [profile] = _rows(store, Profile)
    assert profile.links == ["https://example.com/me", "https://github.com/me"]


def test_llm_source_is_marked() -> None:
    from careercoach.services.cv_parse import plan_merge

    store, cv = _store_with_cv()
    [change] = plan_merge(store, ParsedCV(skills=[SkillClaim(name="SQL")]), cv.id, engine="llm")
    assert change.values["source"] == f"llm:cv:{cv.id}"
