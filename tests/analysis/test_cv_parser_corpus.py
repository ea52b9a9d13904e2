"""The offline CV parser against the corpus facts (tests/corpus/expected.json).

The thresholds are what the parser achieves today (bench/bench_cv_parser.py prints the same
figures): names, employers, titles, dates and schools exactly, every listed skill found.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careercoach.analysis.cv_parser import parse_cv
from careercoach.analysis.schemas import ParsedCV
from careercoach.analysis.taxonomy import fold, load_taxonomy
from careercoach.documents.reader import read_document

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))["files"]
READABLE = sorted(name for name, facts in EXPECTED.items() if "error" not in facts)
_parsed: dict[str, ParsedCV] = {}


def parsed(name: str) -> ParsedCV:
    """Each corpus CV is read (a worker process per read) and parsed once per session."""
    if name not in _parsed:
        text = read_document(CORPUS / name, password=EXPECTED[name].get("password")).text
        _parsed[name] = parse_cv(text)
    return _parsed[name]


def canonical(name: str) -> str:
    skill = load_taxonomy().get(name)
    return fold(skill.name if skill else name)


@pytest.mark.parametrize("name", READABLE)
def test_name_and_contact(name: str) -> None:
    facts, cv = EXPECTED[name], parsed(name)
    assert cv.contact.name == facts["name"]
    email, *rest = [part.strip() for part in facts["contact"].split("|")]
    assert cv.contact.email == email
    assert cv.contact.location == rest[-1]
    assert cv.headline == facts["title"]


@pytest.mark.parametrize("name", READABLE)
def test_every_listed_skill_is_found(name: str) -> None:
    found = {canonical(s.name) for s in parsed(name).skills}
    missing = [s for s in EXPECTED[name]["skills"] if canonical(s) not in found]
    assert missing == []


def test_skill_precision_against_the_listed_skills_is_at_least_70_percent() -> None:
    """A lower bound: the facts list 5-7 skills per CV, the CVs name more real ones."""
    hits = total = 0
    for name in READABLE:
        listed = {canonical(s) for s in EXPECTED[name]["skills"]}
        found = [canonical(s.name) for s in parsed(name).skills]
        hits += sum(1 for s in found if s in listed)
        total += len(found)
    assert hits / total >= 0.70


@pytest.mark.parametrize("name", READABLE)
def test_jobs_employers_titles_and_dates(name: str) -> None:
    want = [(j["title"], j["employer"], j["start"], j["end"]) for j in EXPECTED[name]["experience"]]
    got = [
        (j.title, j.employer, j.start, "present" if j.current else j.end)
        for j in parsed(name).experience
    ]
    assert got == want


@pytest.mark.parametrize("name", READABLE)
def test_schools(name: str) -> None:
    want = [
        (e["institution"], e["start"], e["end"], sorted(e["degree"].split()))
        for e in EXPECTED[name]["education"]
    ]
    got = [
        (
            e.institution,
            e.start,
            e.end,
            sorted(" ".join(p for p in (e.degree, e.field_of_study) if p).split()),
        )
        for e in parsed(name).education
    ]
    assert got == want
    assert all(e.level in {"bachelor", "master"} for e in parsed(name).education)


def test_bullets_become_achievements() -> None:
    for name in READABLE:
        for want, job in zip(EXPECTED[name]["experience"], parsed(name).experience, strict=True):
            bullets = CVS_BULLETS.get((name, want["employer"]), [])
            for bullet in bullets:
                assert bullet in job.achievements


def test_two_page_cv_projects_certifications_languages() -> None:
    cv = parsed("cv_single_column.pdf")
    assert [c.name for c in cv.certifications] == ["AWS Certified Solutions Architect – Associate"]
    assert cv.certifications[0].date == "2022"
    assert cv.contact.phone == "+44 20 7946 0958"
    assert "PostgreSQL" in cv.projects[0].technologies
    assert cv.languages == ["English", "French"]


def test_turkish_cv_degree_is_lisans_bachelor() -> None:
    [school] = parsed("cv_turkish.pdf").education
    assert (school.degree, school.level, school.field_of_study) == (
        "Lisans",
        "bachelor",
        "İstatistik",
    )


def _bullets() -> dict[tuple[str, str], list[str]]:
    import runpy

    facts = runpy.run_path(str(CORPUS / "cv_facts.py"))["CVS"]
    return {
        (name, job["employer"]): job.get("bullets", [])
        for name, cv in facts.items()
        for job in cv["experience"]
    }


CVS_BULLETS = _bullets()
