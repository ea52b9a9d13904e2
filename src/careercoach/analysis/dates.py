"""Dates and date ranges as CVs write them, in English, Turkish, German, Spanish and French.

    find_ranges("Senior Engineer — Acme  Mar 2021 – Present")
    -> [DateRange(start="2021-03", end=None, current=True, span=(...))]

Understood: "Jan 2020", "January 2020", "Mart 2019", "03/2018", "03.2018", "2018-03",
"2019" and ranges of them joined by a dash, "to", "until", "bis", "a", "hasta", "à" or
"-"; an open end is "Present", "Current", "Now", "Halen", "Günümüz", "Devam ediyor",
"heute", "Actualidad", "Aujourd'hui", ... Results are "YYYY" or "YYYY-MM", as the store
keeps them. Matching runs on a one-character-per-character folding of the text (case and
accents dropped, Turkish dotless i made plain), so every span points into the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Folded spellings (no accents, lower case) of each month, with their common abbreviations.
_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "ocak", "januar", "janner", "enero", "ene", "janvier", "janv"),
    2: ("february", "feb", "subat", "februar", "febrero", "fevrier", "fevr", "fev"),
    3: ("march", "mar", "mart", "marz", "marzo", "mars"),
    4: ("april", "apr", "nisan", "abril", "abr", "avril", "avr"),
    5: ("may", "mayis", "mai", "mayo"),
    6: ("june", "jun", "haziran", "juni", "junio", "juin"),
    7: ("july", "jul", "temmuz", "juli", "julio", "juillet", "juil"),
    8: ("august", "aug", "agustos", "agosto", "ago", "aout"),
    9: ("september", "sep", "sept", "eylul", "septiembre", "septembre"),
    10: ("october", "oct", "ekim", "oktober", "okt", "octubre", "octobre"),
    11: ("november", "nov", "kasim", "noviembre", "novembre"),
    12: ("december", "dec", "aralik", "dezember", "dez", "diciembre", "dic", "decembre"),
}
_MONTH_OF = {name: number for number, names in _MONTHS.items() for name in names}
_PRESENT = (
    "present",
    "current",
    "currently",
    "now",
    "today",
    "ongoing",
    "date",
    "to date",
    "halen",
    "gunumuz",
    "devam ediyor",
    "devam",
    "hala",
    "simdi",
    "heute",
    "aktuell",
    "jetzt",
    "laufend",
    "actualidad",
    "presente",
    "actual",
    "hoy",
    "aujourd'hui",
    "aujourd hui",
    "present",
    "en cours",
    "maintenant",
)
_MONTH_RE = "|".join(sorted(_MONTH_OF, key=len, reverse=True))
_PRESENT_RE = "|".join(sorted((re.escape(p) for p in set(_PRESENT)), key=len, reverse=True))
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
# One date; non-capturing so that a range can embed it twice.
_DATE = (
    rf"(?:(?:{_MONTH_RE})\.?,?\s*'?{_YEAR}"  # "Mar 2021", "Sept. 2019", "Mart 2019"
    rf"|(?:0?[1-9]|1[0-2])\s*[/.]\s*{_YEAR}"  # "03/2018", "3.2018"
    rf"|{_YEAR}\s*[/.-]\s*(?:0[1-9]|1[0-2])(?![\d])"  # "2018-03", "2018/03"
    rf"|{_YEAR})"
)
_DASH = r"(?:-{1,2}|–|—|−|‒|→|>|\bto\b|\buntil\b|\btill\b|\bbis\b|\bhasta\b|\ba\b|\bau\b|à|\bile\b)"
_RANGE = re.compile(
    rf"(?<![\w/.])(?P<start>{_DATE})\s*{_DASH}\s*(?P<end>{_DATE}|(?:{_PRESENT_RE}))(?![\w])"
)
_SINCE = re.compile(rf"(?<![\w])(?:since|seit|desde|depuis|itibaren)\s+(?P<start>{_DATE})(?![\w/])")
_SINGLE = re.compile(rf"(?<![\w/.-])(?P<date>{_DATE})(?![\w/]|-\d)")
_PARTS = re.compile(
    rf"^(?:(?P<month>{_MONTH_RE})\.?,?\s*'?(?P<y1>{_YEAR})"
    rf"|(?P<mm>\d{{1,2}})\s*[/.]\s*(?P<y2>{_YEAR})"
    rf"|(?P<y3>{_YEAR})\s*[/.-]\s*(?P<mm3>\d{{2}})"
    rf"|(?P<y4>{_YEAR}))$"
)


@dataclass(frozen=True)
class DateRange:
    """A period; `end` None with `current` True means "to the present"."""

    start: str | None
    end: str | None
    current: bool
    span: tuple[int, int]


def _fold_char(ch: str) -> str:
    if ch in "ıİ":
        return "i"
    base = unicodedata.normalize("NFKD", ch)[:1] or ch
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base


@lru_cache(maxsize=256)
def fold_same_length(text: str) -> str:
    """Lower case without accents, one character for each character of `text`."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) for ch in text)


def parse_date(text: str) -> str | None:
    """One date ("Mar 2021", "03/2018", "2019") as "YYYY-MM" or "YYYY"; None if not a date."""
    match = _PARTS.match(fold_same_length(text.strip()))
    if match is None:
        return None
    if match.group("month"):
        return f"{match.group('y1')}-{_MONTH_OF[match.group('month')]:02d}"
    if match.group("mm"):
        month = int(match.group("mm"))
        return f"{match.group('y2')}-{month:02d}" if 1 <= month <= 12 else None
    if match.group("mm3"):
        month = int(match.group("mm3"))
        return f"{match.group('y3')}-{month:02d}" if 1 <= month <= 12 else None
    return match.group("y4")


def is_present(text: str) -> bool:
    """Whether `text` means "to the present" ("Present", "Halen", "Günümüz", ...)."""
    return " ".join(fold_same_length(text).split()) in _PRESENT


def find_ranges(text: str) -> list[DateRange]:
    """Every date range in `text`, in order; "since 2020" counts as an open range."""
    folded = fold_same_length(text)
    found: list[DateRange] = []
    for match in _RANGE.finditer(folded):
        start = parse_date(match.group("start"))
        end_text = match.group("end")
        current = is_present(end_text)
        end = None if current else parse_date(end_text)
        if start and end and end < start[: len(end)]:
            continue  # "2021 - 2019" is not a period
        found.append(DateRange(start, end, current, match.span()))
    for match in _SINCE.finditer(folded):
        if not any(r.span[0] <= match.start() < r.span[1] for r in found):
            found.append(DateRange(parse_date(match.group("start")), None, True, match.span()))
    return sorted(found, key=lambda r: r.span)


def find_dates(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Every single date in `text` (not those inside a range) as (value, span)."""
    folded = fold_same_length(text)
    taken = [r.span for r in find_ranges(text)]
    out = []
    for match in _SINGLE.finditer(folded):
        if any(a <= match.start() < b for a, b in taken):
            continue
        value = parse_date(match.group("date"))
        if value:
            out.append((value, match.span()))
    return out
