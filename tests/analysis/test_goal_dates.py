"""Due dates for goals: every accepted form, the invalid ones, spreading and fitting step dates."""

from __future__ import annotations

from datetime import date

import pytest

from careercoach.analysis.goal_dates import (
    DEFAULT_HORIZON_WEEKS,
    add_months,
    fit_dates,
    parse_due,
    plan_window,
    spread_dates,
)
from careercoach.errors import BadInput, ExitCode

TODAY = date(2026, 11, 22)  # a Sunday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-03-01", date(2027, 3, 1)),
        ("  2026-12-31 ", date(2026, 12, 31)),
        ("today", TODAY),
        ("Tomorrow", date(2026, 11, 23)),
        ("in 3 days", date(2026, 11, 25)),
        ("in 1 day", date(2026, 11, 23)),
        ("in 3 weeks", date(2026, 12, 13)),
        ("in a week", date(2026, 11, 29)),
        ("in 2 months", date(2027, 1, 22)),
        ("in 1 year", date(2027, 11, 22)),
        ("in   6    months", date(2027, 5, 22)),
        ("next week", date(2026, 11, 29)),
        ("next month", date(2026, 12, 22)),
        ("next year", date(2027, 11, 22)),
        ("end of week", TODAY),  # Sunday: the week ends today
        ("end of month", date(2026, 11, 30)),
        ("end of the year", date(2026, 12, 31)),
        ("end of year", date(2026, 12, 31)),
        ("monday", date(2026, 11, 23)),
        ("Fri", date(2026, 11, 27)),
        ("next friday", date(2026, 11, 27)),
        ("sunday", date(2026, 11, 29)),  # the next Sunday, never today
    ],
)
def test_accepted_forms(text: str, expected: date) -> None:
    assert parse_due(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "blursday",
        "2026-02-30",
        "2026-13-01",
        "26-1-1",
        "in 0 weeks",
        "in -3 days",
        "in 3 fortnights",
        "next decade",
        "yesterday-ish",
        "in 99999 years",
        "end of time",
    ],
)
def test_invalid_forms_are_bad_input_listing_the_forms(text: str) -> None:
    with pytest.raises(BadInput) as caught:
        parse_due(text, TODAY)
    assert caught.value.exit_code == ExitCode.BAD_INPUT
    assert "YYYY-MM-DD" in (caught.value.hint or "")
    assert "in N days|weeks|months|years" in (caught.value.hint or "")


def test_month_arithmetic_clamps_to_the_month_end() -> None:
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert parse_due("in 1 month", date(2027, 1, 31)) == date(2027, 2, 28)


def test_spread_dates_end_on_the_due_date_and_stay_ordered() -> None:
    dates = spread_dates(TODAY, date(2026, 12, 22), 5)
    assert dates == [
        date(2026, 11, 28),
        date(2026, 12, 4),
        date(2026, 12, 10),
        date(2026, 12, 16),
        date(2026, 12, 22),
    ]
    assert spread_dates(TODAY, TODAY, 3) == [TODAY, TODAY, TODAY]
    assert spread_dates(TODAY, TODAY, 0) == []


def test_plan_window_uses_the_horizon_without_a_future_due_date() -> None:
    assert plan_window(TODAY, "2026-12-31") == (TODAY, date(2026, 12, 31))
    horizon = (TODAY, date(2027, 1, 17))
    assert DEFAULT_HORIZON_WEEKS == 8
    assert plan_window(TODAY, None) == horizon
    assert plan_window(TODAY, "2026-01-01") == horizon


def test_fit_dates_keeps_good_dates() -> None:
    fitted = fit_dates(["2026-11-25", "2026-12-01", "2026-12-20"], TODAY, date(2026, 12, 31))
    assert [d.isoformat() for d in fitted.dates] == ["2026-11-25", "2026-12-01", "2026-12-20"]
    assert fitted.notes == []


def test_fit_dates_clamps_a_few_outliers_and_keeps_order() -> None:
    end = date(2026, 12, 31)
    fitted = fit_dates(["2026-11-01", "2026-12-01", "2027-06-01", "2026-12-10"], TODAY, end)
    assert fitted.dates == [TODAY, date(2026, 12, 1), end, end]
    assert "2 proposed date(s) outside 2026-11-22..2026-12-31" in fitted.notes[0]


def test_fit_dates_respreads_when_most_are_wrong() -> None:
    end = date(2026, 12, 22)
    fitted = fit_dates(["2025-01-01", "garbage", None, "2030-01-01", "2026-12-01"], TODAY, end)
    assert fitted.dates == spread_dates(TODAY, end, 5)
    assert "4 of 5 proposed dates" in fitted.notes[0]
    assert "spread evenly" in fitted.notes[0]
