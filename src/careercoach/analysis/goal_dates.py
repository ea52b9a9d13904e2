"""Due dates for goals and steps: the forms people type, and spreading steps over a span.

Pure functions of a `today` the caller passes in (the person's local calendar day), so the
tests can pin the clock. `parse_due` reads future dates only in spirit: it accepts any valid
date, and the goal service refuses a due date before today with its own message.

Forms accepted by `parse_due` (case-insensitive, surrounding spaces ignored):

    2026-12-31                 an ISO date
    today, tomorrow
    in 3 days | in 2 weeks | in 6 months | in 1 year   ("a"/"an" for one: "in a week")
    next week | next month | next year                 (today + 1 week / month / year)
    end of week | end of month | end of year           (Sunday, last day of the month / year)
    friday, fri, next friday                           (the next such day, never today)
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from careercoach.errors import BadInput

DEFAULT_HORIZON_WEEKS = 8
"""A goal without a due date gets its planned steps spread over this many weeks from today."""

DUE_FORMS = (
    "YYYY-MM-DD, today, tomorrow, 'in N days|weeks|months|years', "
    "'next week|month|year', 'end of week|month|year', or a weekday such as 'friday'"
)

_WEEKDAYS = {
    name: index
    for index, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_IN_N = re.compile(r"^in\s+(\d{1,4}|a|an|one)\s+(day|week|month|year)s?$")
_NEXT = re.compile(r"^next\s+(week|month|year)$")
_END_OF = re.compile(r"^end\s+of\s+(?:the\s+)?(week|month|year)$")
_WEEKDAY = re.compile(r"^(?:next\s+|this\s+|on\s+)?([a-z]+)$")


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, the day clamped to the target month (Jan 31 + 1 = Feb 28)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _shift(today: date, amount: int, unit: str) -> date:
    if unit == "day":
        return today + timedelta(days=amount)
    if unit == "week":
        return today + timedelta(weeks=amount)
    if unit == "month":
        return add_months(today, amount)
    return add_months(today, 12 * amount)


def _end_of(today: date, unit: str) -> date:
    if unit == "week":
        return today + timedelta(days=6 - today.weekday())
    if unit == "month":
        return date(today.year, today.month, calendar.monthrange(today.year, today.month)[1])
    return date(today.year, 12, 31)


def _invalid(text: str, reason: str | None = None) -> BadInput:
    detail = f" ({reason})" if reason else ""
    return BadInput(f"cannot read the date {text!r}{detail}", hint=f"give {DUE_FORMS}")


def parse_due(text: str, today: date) -> date:
    """The date `text` names, counted from `today`; BadInput (exit 1) listing the forms if not."""
    phrase = " ".join(text.strip().lower().split())
    if not phrase:
        raise _invalid(text, "it is empty")
    try:
        return _parse_phrase(phrase, today)
    except OverflowError:
        raise _invalid(text, "it is out of range") from None


def _parse_phrase(phrase: str, today: date) -> date:
    if _ISO.match(phrase):
        try:
            return date.fromisoformat(phrase)
        except ValueError as exc:
            raise _invalid(phrase, str(exc)) from None
    if phrase == "today":
        return today
    if phrase == "tomorrow":
        return today + timedelta(days=1)
    if match := _IN_N.match(phrase):
        count = match.group(1)
        amount = 1 if count in ("a", "an", "one") else int(count)
        if amount < 1:
            raise _invalid(phrase, "the amount must be at least 1")
        try:
            return _shift(today, amount, match.group(2))
        except ValueError:
            raise _invalid(phrase, "it is out of range") from None
    if match := _NEXT.match(phrase):
        return _shift(today, 1, match.group(1))
    if match := _END_OF.match(phrase):
        return _end_of(today, match.group(1))
    if (match := _WEEKDAY.match(phrase)) and match.group(1) in _WEEKDAYS:
        ahead = (_WEEKDAYS[match.group(1)] - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    raise _invalid(phrase)


def days_between(start: date, end: date) -> int:
    """Whole days from `start` to `end` (negative when `end` is earlier)."""
    return (end - start).days


def spread_dates(start: date, end: date, count: int) -> list[date]:
    """`count` dates spread evenly after `start` up to `end` (the last one is `end` itself).

    With a span shorter than the count, several steps share a day; never before `start`.
    """
    if count <= 0:
        return []
    span = max(0, (end - start).days)
    return [start + timedelta(days=round(span * (i + 1) / count)) for i in range(count)]


def plan_window(today: date, due: str | None) -> tuple[date, date]:
    """The span a plan's steps must fall in: today .. the goal's due date (or the horizon)."""
    if due:
        end = date.fromisoformat(due)
        if end >= today:
            return today, end
    return today, today + timedelta(weeks=DEFAULT_HORIZON_WEEKS)


@dataclass
class FittedDates:
    """Step dates made to fit a window, and what had to change (said to the person)."""

    dates: list[date]
    notes: list[str] = field(default_factory=list)


def _read(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None


def fit_dates(proposed: list[str | None], start: date, end: date) -> FittedDates:
    """Make proposed step dates valid: inside start..end and never earlier than the step before.

    A few dates outside the window (or unreadable) are clamped to its nearest edge; when more
    than half are off, the model's dates are not trusted at all and every step is respread
    evenly over the window.
    """
    count = len(proposed)
    parsed = [_read(value) for value in proposed]
    off = [d for d in parsed if d is None or not start <= d <= end]
    notes: list[str] = []
    window = f"{start.isoformat()}..{end.isoformat()}"
    if off and len(off) * 2 > count:
        notes.append(
            f"{len(off)} of {count} proposed dates were missing or outside {window}; "
            "all steps were spread evenly over that window instead"
        )
        return FittedDates(spread_dates(start, end, count), notes)
    if off:
        notes.append(f"{len(off)} proposed date(s) outside {window} were moved to its nearest edge")
    fitted: list[date] = []
    for value in parsed:
        day = end if value is None or value > end else max(value, start)
        if fitted and day < fitted[-1]:
            day = fitted[-1]
        fitted.append(day)
    return FittedDates(fitted, notes)
