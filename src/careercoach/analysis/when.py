"""Read the day a person means: "2026-11-20", "today", "yesterday", "3 days ago", "friday".

Used by the journal's --date, --since and --until. Pure functions: `today` is passed in (the
person's local calendar by default), so tests pin the clock by giving it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from careercoach.errors import BadInput

ACCEPTED_FORMS = (
    'YYYY-MM-DD, "today", "yesterday", "N days ago", "N weeks ago", '
    'or a weekday name ("monday" = the most recent Monday, today included)'
)

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_AGO = re.compile(r"^(\d{1,5}|a|an|one)\s+(day|week)s?\s+ago$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _weekday(name: str) -> int | None:
    """The weekday number of a full name or a 3+ letter prefix ("mon", "thurs"), else None."""
    if len(name) < 3:
        return None
    for index, full in enumerate(_WEEKDAYS):
        if full.startswith(name):
            return index
    return None


def parse_day(raw: str, *, today: date | None = None, option: str = "--date") -> date:
    """The calendar day `raw` names; BadInput (exit 1) listing the accepted forms otherwise."""
    today = today or date.today()
    text = " ".join(raw.strip().lower().split())
    text = text.removeprefix("last ") if _weekday(text.removeprefix("last ")) is not None else text
    if _ISO.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise _invalid(raw, option, "that day does not exist") from None
    if text == "today":
        return today
    if text == "yesterday":
        return today - timedelta(days=1)
    match = _AGO.match(text)
    if match:
        count = 1 if match.group(1) in ("a", "an", "one") else int(match.group(1))
        days = count * (7 if match.group(2) == "week" else 1)
        try:
            return today - timedelta(days=days)
        except OverflowError:
            raise _invalid(raw, option, "that is too long ago") from None
    weekday = _weekday(text)
    if weekday is not None:
        return today - timedelta(days=(today.weekday() - weekday) % 7)
    raise _invalid(raw, option, "not a date careercoach understands")


def _invalid(raw: str, option: str, reason: str) -> BadInput:
    return BadInput(f"invalid {option} {raw!r}: {reason}", hint=f"use {ACCEPTED_FORMS}")
