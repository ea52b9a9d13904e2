"""The facts of a job posting that are not skills: salary, years, degree, remote, seniority.

Pure functions over text, used by ``posting_parser``. Each returns None when the posting does
not say, rather than guessing: a missing salary is better than a learning budget read as one.

Salary: every money amount or range is a candidate ("$120,000 – $150,000", "€60k-75k",
"90.000 - 110.000 TL", "£45k", "CAD 110,000 - 135,000", "$32 - $42/hr"). A candidate scores
for being a range, for a pay word on its line ("salary", "pay", "compensation", "maaş", ...)
and for a period next to it ("per year", "/hr", "aylık"); it loses for budget words
("budget", "revenue", "sign-on", "raised", ...) near it, and "$2B"/"$3M" are never salaries.
The best candidate wins, the first one on a tie. ``Salary.annual()`` turns an hourly, daily,
weekly or monthly figure into a yearly one (2080 hours, 260 days, 52 weeks, 12 months).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Period = Literal["hour", "day", "week", "month", "year"]
# Working time in a year: 40 hours x 52 weeks, 5 days x 52 weeks.
PER_YEAR: dict[str, float] = {"hour": 2080, "day": 260, "week": 52, "month": 12, "year": 1}


@dataclass(frozen=True)
class Salary:
    """A salary as the posting states it: amounts, ISO currency and the period they are per."""

    minimum: float
    maximum: float
    currency: str | None
    period: Period
    stated_period: bool  # False when the period was assumed (yearly, or hourly for small sums)
    text: str

    def annual(self) -> tuple[float, float]:
        factor = PER_YEAR[self.period]
        return round(self.minimum * factor, 2), round(self.maximum * factor, 2)


# --- salary -----------------------------------------------------------------------------------

_SYMBOLS = {
    "us$": "USD",
    "ca$": "CAD",
    "c$": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "nz$": "NZD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "₺": "TRY",
    "¥": "JPY",
    "₹": "INR",
    "₽": "RUB",
    "zł": "PLN",
    "kr": "SEK",
    "fr.": "CHF",
}
_CODES = frozenset(
    {
        "USD",
        "EUR",
        "GBP",
        "TRY",
        "CAD",
        "AUD",
        "NZD",
        "CHF",
        "SEK",
        "NOK",
        "DKK",
        "PLN",
        "CZK",
        "HUF",
        "RON",
        "JPY",
        "INR",
        "SGD",
        "HKD",
        "AED",
        "SAR",
        "ZAR",
        "BRL",
        "MXN",
        "ILS",
        "CNY",
        "KRW",
    }
)
_WORDS = {
    "tl": "TRY",
    "lira": "TRY",
    "euro": "EUR",
    "euros": "EUR",
    "dollars": "USD",
    "pounds": "GBP",
    "zloty": "PLN",
    "pln": "PLN",
}
_CURRENCY = (
    r"(?:US\$|CA\$|C\$|A\$|AU\$|NZ\$|\$|€|£|₺|¥|₹|₽|zł|"
    + "|".join(sorted(_CODES))
    + r"|TL|euros?|dollars|pounds|lira|zloty)"
)
# 120,000 | 120.000 | 120 000 | 120000 | 38.50 | 1.234,56 — optionally 60k / 60K / 1.2m
_NUMBER = r"\d{1,3}(?:[,. \u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_AMOUNT = rf"(?:{_NUMBER})\s?(?:[kK](?![a-zA-Z])|[mMbB](?:n|illion)?(?![a-zA-Z]))?"
_MONEY = re.compile(
    rf"(?P<cur1>{_CURRENCY})?\s?(?P<a>{_AMOUNT})(?:\s?(?P<cur2>{_CURRENCY})(?![a-zA-Z]))?"
    rf"(?:\s*(?:/\s*(?:yr|year|hr|hour|mo|month)\b)?\s*"
    rf"(?:-|–|—|to|and|ile|bis|à)\s*"
    rf"(?P<cur3>{_CURRENCY})?\s?(?P<b>{_AMOUNT})(?:\s?(?P<cur4>{_CURRENCY})(?![a-zA-Z]))?)?",
    re.IGNORECASE,
)
_PERIODS: list[tuple[str, re.Pattern[str]]] = [
    ("hour", re.compile(r"per hour|an hour|/\s*h(?:ou)?r\b|hourly|\bph\b|saatlik|p/h", re.I)),
    ("day", re.compile(r"per day|a day\b|/\s*day\b|daily|günlük|gunluk", re.I)),
    ("week", re.compile(r"per week|a week\b|/\s*w(?:ee)?k\b|weekly|haftalık|haftalik", re.I)),
    ("month", re.compile(r"per month|a month\b|/\s*mo(?:nth)?\b|monthly|aylık|aylik|p/m", re.I)),
    (
        "year",
        re.compile(
            r"per year|a year\b|/\s*y(?:ea)?r\b|annual|annually|per annum|p\.?a\.?\b|yearly|"
            r"yıllık|yillik|base salary|\bOTE\b",
            re.I,
        ),
    ),
]
_PAY_WORDS = re.compile(
    r"salary|salaries|\bpay\b|pay range|compensation|\bbase\b|\bgross\b|\bnet\b|wage|"
    r"\brate\b|package|maaş|maas|ücret|ucret|brüt|brut|\bOTE\b|remuneration|earn",
    re.I,
)
_NOT_PAY = re.compile(
    r"budget|revenue|raised|funding|sign-on|signing|transactions|turnover|valuation|"
    r"allowance|stipend|learning|conference|customers|arr\b|in sales|spend",
    re.I,
)


_DIGIT = re.compile(r"\d")


def find_salary(text: str) -> Salary | None:
    """The posting's salary (see the module docstring for how the candidates are ranked)."""
    best: tuple[float, int, Salary] | None = None
    for line_start, line in _lines(text):
        if not _DIGIT.search(line):
            continue
        for m in _MONEY.finditer(line):
            candidate = _candidate(line, m)
            if candidate is None:
                continue
            score, salary = candidate
            key = (score, -(line_start + m.start()))
            if best is None or key > best[:2]:
                best = (score, -(line_start + m.start()), salary)
    return best[2] if best is not None and best[0] > 0 else None


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _candidate(line: str, m: re.Match[str]) -> tuple[float, Salary] | None:
    codes = [m.group(g) for g in ("cur1", "cur2", "cur3", "cur4") if m.group(g)]
    a, b = m.group("a"), m.group("b")
    if not codes and not _PAY_WORDS.search(line):
        return None
    low = _amount(a)
    high = _amount(b) if b else low
    if low is None or high is None:
        return None
    if _has_suffix(a, "k") != _has_suffix(b or a, "k"):  # "€60-75k": the k is shared
        if _has_suffix(b or a, "k") and low < 1000:
            low *= 1000
        elif _has_suffix(a, "k") and high < 1000:
            high *= 1000
    if _has_suffix(a, "m") or _has_suffix(b or "", "m") or _has_suffix(a, "b"):
        return None  # "$2B in transactions", "$3M budget"
    if low <= 0 or high < low or high > 10_000_000:
        return None
    currency = _currency(codes[0]) if codes else None
    window = line[max(0, m.start() - 40) : m.end() + 40]
    after = line[m.end() : m.end() + 30]
    before = line[max(0, m.start() - 25) : m.start()]
    period, stated = _period(after, before, high, currency)
    score = 1.0 + (2 if b else 0) + (3 if _PAY_WORDS.search(line) else 0)
    score += 2 if stated else 0
    score += 1 if currency else 0
    if _NOT_PAY.search(window):
        score -= 5
    if high < 10 and not stated:
        score -= 3  # "4.8 on the App Store", "3 days"
    salary = Salary(low, high, currency, period, stated, m.group(0).strip())
    return score, salary


def _has_suffix(amount: str | None, suffix: str) -> bool:
    return bool(amount) and amount.rstrip().lower().rstrip("ilon").endswith(suffix)


def _amount(raw: str) -> float | None:
    raw = raw.strip()
    multiplier = 1.0
    lowered = raw.lower()
    if lowered.endswith("k"):
        multiplier, raw = 1000.0, raw[:-1].strip()
    elif re.search(r"[mb](?:n|illion)?$", lowered):
        return 0.0
    return _number(raw) * multiplier if raw else None


def _number(raw: str) -> float:
    """120,000 / 120.000 / 120 000 -> 120000; 38.50 / 38,50 -> 38.5."""
    raw = raw.replace("\u00a0", " ").replace("\u202f", " ")
    decimals = ""
    tail = re.search(r"[.,](\d{1,2})$", raw)
    if tail and not re.search(r"[.,]\d{3}$", raw):
        decimals, raw = tail.group(1), raw[: tail.start()]
    digits = re.sub(r"[,. ]", "", raw)
    return float(f"{digits}.{decimals}" if decimals else digits)


def _currency(code: str) -> str | None:
    lowered = code.lower()
    if lowered in _SYMBOLS:
        return _SYMBOLS[lowered]
    if lowered in _WORDS:
        return _WORDS[lowered]
    upper = code.upper()
    return upper if upper in _CODES else None


def _period(after: str, before: str, high: float, currency: str | None) -> tuple[Period, bool]:
    for name, pattern in _PERIODS:
        if pattern.search(after):
            return name, True  # type: ignore[return-value]
    for name, pattern in _PERIODS:
        if pattern.search(before):
            return name, True  # type: ignore[return-value]
    if currency == "TRY":
        return "month", False  # Turkish postings quote monthly pay ("Net 45.000 TL")
    return ("hour" if high < 200 else "year"), False


# --- years of experience ----------------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "bir": 1,
    "iki": 2,
    "üç": 3,
    "dört": 4,
    "beş": 5,
}
_NUM = r"(\d+(?:[.,]5)?|" + "|".join(_NUMBER_WORDS) + r")"
_YEARS = re.compile(
    rf"(?:at least|minimum(?: of)?|min\.?|over|more than|en az)?\s*{_NUM}\s*"
    rf"(?:\+|plus)?\s*(?:(?:-|–|to)\s*{_NUM}\s*\+?\s*)?"
    r"(?:years?|yrs?|yıl|yil|sene)(?:'s|’s|lık|lik|luk)?\b",
    re.IGNORECASE,
)
# What makes "5 years" about experience rather than "since 1987" or "5 years old".
_EXPERIENCE = re.compile(
    r"experience|exp\b|professional|in (?:a|an|the)\b|as an?\b|working|background|track|"
    r"deneyim|tecrübe|tecrube|industry|role|field|of \w+ (?:development|engineering)|"
    r"closing|teaching|hands-on",
    re.IGNORECASE,
)


def find_years(lines: list[str]) -> float | None:
    """The first "N+ years" of experience in the given lines (the lower bound of "3-5 years")."""
    for line in lines:
        for m in _YEARS.finditer(line):
            tail = line[m.end() : m.end() + 60]
            head = line[max(0, m.start() - 40) : m.start()]
            if not (_EXPERIENCE.search(tail) or _EXPERIENCE.search(head)):
                continue
            value = _to_number(m.group(1))
            if value is not None and 0 < value <= 40:
                return value
    return None


def _to_number(raw: str) -> float | None:
    raw = raw.lower()
    if raw in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[raw])
    try:
        return float(raw.replace(",", "."))
    except ValueError:
        return None


# --- degree -----------------------------------------------------------------------------------

_DEGREES: list[tuple[str, re.Pattern[str]]] = [
    ("phd", re.compile(r"\bph\.?\s?d\b|doctorate|doctoral degree|\bdoktora", re.I)),
    (
        "master",
        re.compile(
            r"master'?s|master’s|masters degree|master of|\bm\.?sc\b|\bmba\b|\bm\.s\.|"
            r"\bMS (?:in|degree)\b|\bMA in\b|yüksek lisans|yuksek lisans|lisansüstü",
            re.I,
        ),
    ),
    (
        "bachelor",
        re.compile(
            r"bachelor|\bb\.?sc\b|\bb\.?sn\b|\bb\.s\.|\bBS (?:in|degree)\b|\bBA (?:in|degree)\b|"
            r"\bB\.A\.|undergraduate degree|university degree|college degree|4-year degree|"
            r"four-year degree|(?<!yüksek )(?<!yuksek )(?<!ön )(?<!on )\blisans\b|"
            r"üniversite mezunu|universite mezunu|üniversitelerin|\bdegree in\b|"
            r"degree required|a degree\b",
            re.I,
        ),
    ),
    (
        "associate",
        re.compile(
            r"associate'?s? degree|associate’s degree|\bADN\b|önlisans|ön lisans|onlisans|"
            r"two-year degree|2-year degree|HND\b",
            re.I,
        ),
    ),
    (
        "high_school",
        re.compile(
            r"high school|\bGED\b|secondary school diploma|\blise mezunu|A-levels? or", re.I
        ),
    ),
]
_NO_DEGREE = re.compile(r"no degree (?:required|needed)|degree not required", re.I)


_PREFERRED_CLAUSE = re.compile(
    r"preferred|preferable|a plus|desirable|ideally|advantage|bonus|nice to have|tercih|avantaj",
    re.IGNORECASE,
)


def find_degree(required_lines: list[str], preferred_lines: list[str]) -> str | None:
    """The lowest degree the posting asks for; a degree only "preferred" counts if none is asked.

    Inside a required line, a clause with a preferred cue ("...; MSc preferred") is preferred.
    """
    required: list[str] = []
    preferred = list(preferred_lines)
    for line in required_lines:
        for clause in re.split(r";|(?<=\w)\.\s", line):
            (preferred if _PREFERRED_CLAUSE.search(clause) else required).append(clause)
    for lines in (required, preferred):
        if any(_NO_DEGREE.search(line) for line in lines):
            return "none"
        found = {level for line in lines for level in _degrees_in(line)}
        if found:
            order = ["none", "high_school", "associate", "bachelor", "master", "phd"]
            return min(found, key=order.index)
    return None


_NAMED_LEVEL = re.compile(
    r"(?:master'?s?|master’s|associate'?s?|associate’s|doctoral|m\.?sc|mba|ph\.?d|b\.?sc|"
    r"bachelor'?s?|bachelor’s)\s*$",
    re.IGNORECASE,
)


_ANY_DEGREE = re.compile(
    r"degree|bachelor|master|b\.?sc|m\.?sc|mba|ph\.?d|doctor|doktora|lisans|mezun|bsn|adn|"
    r"\bBS\b|\bBA\b|\bMS\b|\bMA\b|\bB\.|\bM\.|high school|ged\b|diploma|lise|hnd",
    re.IGNORECASE,
)


def _degrees_in(line: str) -> set[str]:
    found: set[str] = set()
    if not _ANY_DEGREE.search(line):
        return found
    for level, pattern in _DEGREES:
        for m in pattern.finditer(line):
            generic = m.group(0).lower() in {"degree in", "a degree", "degree required"}
            # "Master's degree in X" names its level; only a bare "degree in X" means bachelor.
            if level == "bachelor" and generic and _NAMED_LEVEL.search(line[: m.start()].rstrip()):
                continue
            found.add(level)
    return found


# --- remote / hybrid / on-site ----------------------------------------------------------------

_HYBRID = re.compile(
    r"\bhybrid\b|\bhibrit\b|\bhybride?\b|\d+\s*(?:days?|gün)\s*(?:a|per|/)?\s*(?:week)?\s*"
    r"(?:in|at|from)?\s*(?:the|our)?\s*office|haftada \d+ gün ofis",
    re.I,
)
_REMOTE = re.compile(
    r"\bremote\b|work from home|\bwfh\b|work from anywhere|uzaktan|evden çalışma|home-based|"
    r"telecommute|distributed team",
    re.I,
)
_ONSITE = re.compile(
    r"\bon-?site\b|\bon site\b|in-office|office-based|office based|ofisten|iş yerinde|"
    r"yerinde çalışma|in person\b|in-person",
    re.I,
)
_STRONG_REMOTE = re.compile(
    r"fully remote|100% remote|remote-first|remote first|remote role|remote position|"
    r"this role is remote|work from anywhere|tamamen uzaktan|uzaktan çalışma",
    re.I,
)


def find_remote(header: str, body: str) -> Literal["yes", "no", "hybrid"] | None:
    """Remote, hybrid or on-site: the header decides; the body only through strong cues.

    In the header any hybrid cue wins, otherwise the first cue ("on-site, occasional remote
    days" is on-site).
    """
    cues = []
    for value, pattern in (("hybrid", _HYBRID), ("yes", _REMOTE), ("no", _ONSITE)):
        m = pattern.search(header)
        if m:
            cues.append((m.start(), value))
    if cues:
        if any(v == "hybrid" for _, v in cues):
            return "hybrid"
        return min(cues)[1]  # type: ignore[return-value]
    if _HYBRID.search(body):
        return "hybrid"
    if _STRONG_REMOTE.search(body):
        return "yes"
    if _ONSITE.search(body):
        return "no"
    return None


def strip_remote(value: str) -> str:
    """A location without its remote remark: "Austin, TX (Remote - US)" -> "Austin, TX"."""
    value = re.sub(r"\(([^)]*)\)", lambda m: "" if _is_remark(m.group(1)) else m.group(0), value)
    parts = re.split(r"\s+[|·—–-]\s+|\s*\|\s*|\s·\s", value)
    kept = [p for p in parts if p.strip() and not _is_remark(p)]
    return (kept[0] if kept else "").strip(" ,;:-–—") if kept else ""


def _is_remark(text: str) -> bool:
    return bool(
        _HYBRID.search(text)
        or _REMOTE.search(text)
        or _ONSITE.search(text)
        or re.search(
            r"\b(?:full-time|part-time|contract|days? (?:a|per) week|çalışma)\b", text, re.I
        )
    )


# --- seniority --------------------------------------------------------------------------------

_SENIORITY: list[tuple[str, re.Pattern[str]]] = [
    ("intern", re.compile(r"\bintern(?:ship)?\b|\bstajyer|\bstaj\b|\btrainee\b", re.I)),
    (
        "lead",
        re.compile(r"\blead\b|\bprincipal\b|\bstaff\b|\bhead of\b|\bdirector\b|\blider\b", re.I),
    ),
    ("senior", re.compile(r"\bsenior\b|\bsr\.?\b|kıdemli|kidemli|\bsnr\b", re.I)),
    ("junior", re.compile(r"\bjunior\b|\bjr\.?\b|entry[- ]level|graduate\b|\bgenç\b", re.I)),
    (
        "mid",
        re.compile(r"\bmid[- ]?level\b|\bmid\b(?![- ]market)|\bintermediate\b|orta düzey", re.I),
    ),
]


def find_seniority(title: str | None) -> str | None:
    """The level a title names ("Senior ...", "Kıdemli ...", "Lead ..."), or None."""
    if not title:
        return None
    for level, pattern in _SENIORITY:
        if pattern.search(title):
            return level
    return None
