"""Skills a posting describes with a verb: the phrases that count and the look-alikes that don't."""

from __future__ import annotations

import pytest

from careercoach.analysis.skill_phrases import find_phrase_skills
from careercoach.analysis.taxonomy import load_taxonomy


def names(text: str) -> set[str]:
    return {name for name, _ in find_phrase_skills(text, load_taxonomy())}


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Present findings to actuaries and underwriters", "Presentation Skills"),
        ("Present your work and the reasoning behind it", "Presentation Skills"),
        ("able to present to non-technical stakeholders", "Presentation Skills"),
        ("Experience designing RESTful APIs", "API Design"),
        ("REST API tasarımı konusunda deneyimli", "API Design"),
        ("Assess students' progress and give clear feedback", "Giving Feedback"),
        ("Improving app performance and crash rates", "Performance Tuning"),
        ("Build pipeline through outbound prospecting", "Sales Pipeline Management"),
        ("Coordinate vendors, developers and testers", "Vendor Management"),
        ("Manage agencies and freelancers", "Agency Management"),
    ],
)
def test_finds(text: str, skill: str) -> None:
    assert skill in names(text)


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Be present in the office three days a week", "Presentation Skills"),
        ("At present, results are reviewed monthly", "Presentation Skills"),
        ("Build and maintain batch and streaming pipelines", "Sales Pipeline Management"),
        ("Improve team performance through coaching", "Performance Tuning"),
        ("Manage change requests and scope", "Change Management"),
        ("Design docs for our APIs", "API Design"),
    ],
)
def test_does_not_find(text: str, skill: str) -> None:
    assert skill not in names(text)


def test_spans_cover_the_phrase() -> None:
    text = "We need you to coordinate vendors."
    [(name, (start, end))] = find_phrase_skills(text, load_taxonomy())
    assert name == "Vendor Management" and text[start:end] == "coordinate vendors"
