"""The journal's day parser: every accepted form, and refusals that list the forms."""

from __future__ import annotations

from datetime import date

import pytest

from careercoach.analysis.when import ACCEPTED_FORMS, parse_day
from careercoach.errors import BadInput

# A Wednesday.
TODAY = date(2026, 11, 18)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-11-01", date(2026, 11, 1)),
        (" 2024-02-29 ", date(2024, 2, 29)),
        ("today", TODAY),
        ("TODAY", TODAY),
        ("yesterday", date(2026, 11, 17)),
        ("3 days ago", date(2026, 11, 15)),
        ("1 day ago", date(2026, 11, 17)),
        ("a day ago", date(2026, 11, 17)),
        ("2 weeks ago", date(2026, 11, 4)),
        ("one week ago", date(2026, 11, 11)),
        ("0 days ago", TODAY),
        ("wednesday", TODAY),  # today is a Wednesday: the most recent one is today
        ("tuesday", date(2026, 11, 17)),
        ("thursday", date(2026, 11, 12)),
        ("Monday", date(2026, 11, 16)),
        ("sun", date(2026, 11, 15)),
        ("last friday", date(2026, 11, 13)),
    ],
)
def test_accepted_forms(raw: str, expected: date) -> None:
    assert parse_day(raw, today=TODAY) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "tomorrow-ish",
        "2026-02-30",
        "2026-13-01",
        "26-11-01",
        "11/18/2026",
        "mo",
        "three days ago",
        "3 months ago",
        "9999999 days ago",
        "next monday",
        "-1 days ago",
    ],
)
def test_invalid_days_are_bad_input_listing_the_forms(raw: str) -> None:
    with pytest.raises(BadInput) as caught:
        parse_day(raw, today=TODAY, option="--since")
    assert "--since" in caught.value.message
    assert caught.value.hint == f"use {ACCEPTED_FORMS}"
    assert caught.value.exit_code == 1


def test_default_today_is_the_local_calendar() -> None:
    assert parse_day("today") == date.today()
