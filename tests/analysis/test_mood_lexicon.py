"""Offline mood estimates: direction, negation, themes, crisis phrases, bounded figures."""

from __future__ import annotations

import pytest

from careercoach.analysis.mood import (
    METHOD,
    THEMES,
    estimate,
    offline_next_action,
    offline_suggestions,
    suggests_crisis,
    themes_of,
)

STRESSED = (
    "Overwhelmed and anxious all day. The deadline moved up again, I worked overtime and "
    "couldn't sleep. Too much pressure, I feel burned out."
)
CALM = "A calm, good day. I learned a lot in the course, felt motivated and proud of progress."


def test_a_stressed_entry_reads_more_stressed_than_a_calm_one() -> None:
    stressed, calm = estimate(STRESSED), estimate(CALM)
    assert stressed.stress > 6 > calm.stress
    assert stressed.sentiment < 0 < calm.sentiment
    assert calm.motivation > stressed.motivation
    assert stressed.method == METHOD == "estimate (offline lexicon)"


def test_negation_cancels_a_stress_word() -> None:
    assert (
        estimate("I am stressed about the release.").stress
        > estimate("I am not stressed about the release.").stress
    )


@pytest.mark.parametrize("text", ["", "ok", STRESSED * 40, "!!!! ???", "😀😀 great"])
def test_figures_stay_in_their_ranges(text: str) -> None:
    guess = estimate(text)
    assert 0 <= guess.stress <= 10
    assert 0 <= guess.motivation <= 10
    assert -1 <= guess.sentiment <= 1
    assert all(0 <= e["intensity"] <= 1 for e in guess.emotions)


def test_themes_come_from_the_fixed_list_most_mentioned_first() -> None:
    themes = themes_of("Two interviews and a recruiter call; one rejection. Also a deadline.")
    assert themes[0] == "job search"
    assert "workload" in themes
    assert set(themes) <= set(THEMES)


def test_emotions_are_named_with_intensity() -> None:
    names = [e["name"] for e in estimate("So frustrated and annoyed, and tired.").emotions]
    assert "frustration" in names and "fatigue" in names


@pytest.mark.parametrize(
    "text",
    [
        "Some days I want to die.",
        "I keep thinking about suicide",
        "I might hurt myself",
        "Everyone would be better off without me",
    ],
)
def test_crisis_phrases_are_noticed(text: str) -> None:
    assert suggests_crisis(text)
    assert estimate(text).crisis


def test_ordinary_dark_humour_about_work_is_not_a_crisis() -> None:
    assert not suggests_crisis("This deadline is killing me, and the build died twice.")


def test_offline_suggestions_are_two_or_three_and_fit_the_themes() -> None:
    tips = offline_suggestions(["conflict"], stress=8)
    assert 2 <= len(tips) <= 3
    assert "other side" in tips[0]
    assert 2 <= len(offline_suggestions([], stress=0)) <= 3
    assert "workload" in offline_next_action(["workload"])
