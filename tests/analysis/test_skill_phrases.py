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


# Verb and object, read from every "<object> <action noun>" name and alias of the taxonomy.
@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("- Deploy machine learning models to production", "Model Deployment"),
        ("Deployed models behind a REST gateway", "Model Deployment"),  # a CV's past tense
        ("You will plan weekly menus with the head chef", "Menu Planning"),
        ("- Controlling food costs across two sites", "Food Cost Control"),
        ("- Managed inventory for three warehouses", "Inventory Management"),
        ("Reconciled supplier accounts every month", "Account Reconciliation"),
        ("Led a team of five engineers", "Team Leadership"),
        # verbs joined by commas and "and" share the object
        ("- Install, maintain and repair electrical systems", "Electrical Maintenance"),
        # a verb after a finished verb phrase: "order X, manage Y and control Z"
        ("- Check orders, manage suppliers and control food costs", "Food Cost Control"),
        # "run the" is managing; an alias "experiment design" read as "design experiments"
        ("You'll run the kitchen on weekends", "Kitchen Management"),
        ("- Design experiments and analyse the results", "Experimental Design"),
        # bare verbs that are skills
        ("Able to negotiate with suppliers", "Negotiation"),
        ("- Draft and proofread contracts", "Editing and Proofreading"),
        # more objects for the same verbs: "design labels, packaging and signage"
        ("*Design shelf labels, packaging + signage", "Packaging Design"),
        # phrases
        ("Can take feedback without taking it personally", "Receiving Feedback"),
        ("open to constructive feedback", "Receiving Feedback"),
        ("- Hit release deadlines every quarter", "Time Management"),
    ],
)
def test_finds_verb_and_object(text: str, skill: str) -> None:
    assert skill in names(text)


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        # a noun, not a verb: "design" inside a noun phrase
        ("Strong skills in wireframing and design systems", "System Design"),
        # the object must end its phrase: change requests are not change
        ("- Manage change requests from clients", "Change Management"),
        # a broad noun with words before it belongs to them
        ("- Designed the ingestion service in Go", "Service Design"),
        ("- Design stormwater management systems", "System Design"),
        # "run" without a determiner is not managing
        ("- Run tests before every release", "Test Management"),
        # troubleshooting a named thing is that thing's troubleshooting, not the bare skill
        ("- Troubleshoot electrical faults on site", "Troubleshooting"),
    ],
)
def test_ignores_verb_look_alikes(text: str, skill: str) -> None:
    assert skill not in names(text)


def test_troubleshooting_a_named_thing_is_its_own_skill() -> None:
    assert "Electrical Troubleshooting" in names("- Troubleshoot electrical faults on site")


def test_spans_cover_the_verb_and_the_object() -> None:
    text = "Help develop seasonal menus and specials"
    spans = {name: span for name, span in find_phrase_skills(text, load_taxonomy())}
    start, end = spans["Menu Planning"]
    assert text[start:end] == "develop seasonal menus"


def test_being_present_at_work_is_not_presenting() -> None:
    assert "Presentation Skills" not in names("Must be present at work by 7am")
    assert "Presentation Skills" in names("Present your work and the reasoning behind it")


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Presented findings to the board", "Presentation Skills"),
        ("Provided feedback to junior staff", "Giving Feedback"),
        ("Met tight deadlines on every release", "Time Management"),
        ("Coordinated vendors across three sites", "Vendor Management"),
    ],
)
def test_a_cv_in_the_past_tense(text: str, skill: str) -> None:
    assert skill in names(text)
