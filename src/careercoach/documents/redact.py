"""Replace personal details in a document with placeholders before any model sees it.

Every document passes `redact()` (or `redact_for_model()`, which honours the config key
`redact` and a --no-redact flag) before a model request. E-mail addresses, URLs, IBANs,
national ID numbers, phone numbers, street addresses and the person's own name become
placeholders such as [EMAIL_1], [PHONE_2] or [NAME]; the same original always gets the same
placeholder. The map back (`Redaction.mapping`) stays on this machine: `Redaction.restore()`
puts the originals back into a model's answer for local display only.

This is best effort, tuned on CVs from several countries: it prefers leaving a number alone
over mangling the dates, amounts, versions and skills a CV is made of.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

# Placeholders (and a model's slight rewrites of them, like "[EMAIL 1]") in an answer.
_PLACEHOLDER = re.compile(r"\[([A-Z]+(?:_[A-Z]+)*)(?:[ _](\d+))?\]")
_RESTORABLE = re.compile(r"\[\s*([A-Za-z]+(?:_[A-Za-z]+)*)(?:[ _](\d+))?\s*\]")

# Name placeholders read naturally without a number the first time ([NAME], [LAST_NAME]).
_BARE_FIRST = frozenset({"NAME", "FIRST_NAME", "MIDDLE_NAME", "LAST_NAME"})


@dataclass
class Redaction:
    """A redacted text and the map from each placeholder back to its original."""

    text: str
    mapping: dict[str, str] = field(default_factory=dict)

    def restore(self, text: str) -> str:
        """Put the originals back into `text` (a model's answer) for local display only."""
        if not self.mapping:
            return text

        def original(match: re.Match[str]) -> str:
            kind, number = match.group(1).upper(), match.group(2)
            placeholder = f"[{kind}_{number}]" if number else f"[{kind}]"
            return self.mapping.get(placeholder, match.group(0))

        # One pass, so an original that itself looks like a placeholder is not expanded again.
        return _RESTORABLE.sub(original, text)


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    kind: str
    key: str  # what makes two finds "the same original"
    original: str  # what restore() gives back


class _Book:
    """Allocates placeholders: one per distinct original, numbered per kind."""

    def __init__(self) -> None:
        self.mapping: dict[str, str] = {}
        self._by_key: dict[tuple[str, str], str] = {}
        self._count: Counter[str] = Counter()

    def placeholder(self, hit: _Hit) -> str:
        found = self._by_key.get((hit.kind, hit.key))
        if found:
            return found
        self._count[hit.kind] += 1
        n = self._count[hit.kind]
        name = f"[{hit.kind}]" if hit.kind in _BARE_FIRST and n == 1 else f"[{hit.kind}_{n}]"
        self._by_key[(hit.kind, hit.key)] = name
        self.mapping[name] = hit.original
        return name


def _apply(text: str, hits: Iterator[_Hit], book: _Book) -> str:
    """Replace non-overlapping hits that do not touch an earlier placeholder (one sweep)."""
    placeholders = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)]
    out: list[str] = []
    pos = 0  # end of the last replaced hit
    i = 0  # first placeholder that may still overlap
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if hit.start >= hit.end or hit.start < pos:
            continue
        while i < len(placeholders) and placeholders[i][1] <= hit.start:
            i += 1
        if i < len(placeholders) and placeholders[i][0] < hit.end:
            continue
        out.append(text[pos : hit.start])
        out.append(book.placeholder(hit))
        pos = hit.end
    out.append(text[pos:])
    return "".join(out)


def _hits(
    pattern: re.Pattern[str],
    text: str,
    kind: str,
    *,
    accept: Callable[[re.Match[str]], bool] = lambda m: True,
    group: int = 0,
    key: Callable[[str], str] = lambda s: " ".join(s.split()).casefold(),
) -> Iterator[_Hit]:
    for match in pattern.finditer(text):
        if match.group(group) and accept(match):
            start, end = match.span(group)
            original = text[start:end]
            yield _Hit(start, end, kind, key(original), original)


def _alnum(value: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


# Bounded repeats (RFC 5321 limits) keep a long run of word characters from costing O(n²).
_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]{1,64}@(?:[\w-]{1,63}\.){1,8}[^\W\d_]{2,24}(?![\w-])")
_EMAIL_SPELLED = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}\s*[\[(]\s*(?i:at)\s*[\])]\s*[\w-]{1,63}"
    r"(?:\s*[\[(]\s*(?i:dot)\s*[\])]\s*[\w-]{1,63}){1,8}"
)


def _emails(text: str) -> Iterator[_Hit]:
    yield from _hits(_EMAIL, text, "EMAIL")
    yield from _hits(_EMAIL_SPELLED, text, "EMAIL")


_PROFILE_SITES = (
    r"linkedin\.com|github\.com|gitlab\.com|bitbucket\.org|twitter\.com|x\.com|medium\.com|"
    r"behance\.net|dribbble\.com|stackoverflow\.com|kaggle\.com|instagram\.com|facebook\.com|"
    r"xing\.com|youtube\.com|huggingface\.co|orcid\.org|researchgate\.net|scholar\.google\.com"
)
_URL = re.compile(
    r"(?<![\w@/.-])(?:"
    r"(?:https?|ftp)://[^\s<>\"|]+"
    r"|www\.[^\s<>\"|]+"
    rf"|(?:[\w-]+\.)*(?i:{_PROFILE_SITES})/[^\s<>\"|]*"
    r"|[\w-]+\.(?i:github\.io|gitlab\.io|netlify\.app|vercel\.app|pages\.dev)(?:/[^\s<>\"|]*)?"
    r")"
)
_TRAILING = ".,;:!?'\u2019\"*"
_PAIRS = {")": "(", "]": "[", "}": "{"}


def _trim_url(url: str) -> str:
    # A URL at the end of a sentence or inside brackets does not own that punctuation.
    while url:
        last = url[-1]
        if last in _TRAILING or (last in _PAIRS and url.count(last) > url.count(_PAIRS[last])):
            url = url[:-1]
        else:
            break
    return url


def _urls(text: str) -> Iterator[_Hit]:
    for match in _URL.finditer(text):
        url = _trim_url(match.group(0))
        if "." in url:
            yield _Hit(
                match.start(), match.start() + len(url), "URL", url.rstrip("/").casefold(), url
            )


_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")


def _iban_ok(candidate: str) -> bool:
    value = candidate.replace(" ", "")
    if not 15 <= len(value) <= 34:
        return False
    moved = value[4:] + value[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def _ibans(text: str) -> Iterator[_Hit]:
    for match in _IBAN.finditer(text):
        candidate = match.group(0)
        # A word after the IBAN ("... 00 BIC") may have been taken as its last group.
        while candidate and not _iban_ok(candidate):
            candidate = candidate.rsplit(" ", 1)[0] if " " in candidate else ""
        if candidate:
            end = match.start() + len(candidate)
            yield _Hit(match.start(), end, "IBAN", _alnum(candidate), candidate)


def _tc_kimlik_ok(d: str) -> bool:
    n = [int(c) for c in d]
    return (
        len(n) == 11
        and n[0] != 0
        and ((n[0] + n[2] + n[4] + n[6] + n[8]) * 7 - (n[1] + n[3] + n[5] + n[7])) % 10 == n[9]
        and sum(n[:10]) % 10 == n[10]
    )


def _steuer_id_ok(d: str) -> bool:
    if len(d) != 11 or d[0] == "0":
        return False
    # Since 2016 exactly one digit of the first ten appears twice or three times.
    repeated = [c for c in Counter(d[:10]).values() if c > 1]
    if len(repeated) != 1 or repeated[0] not in (2, 3):
        return False
    product = 10
    for ch in d[:10]:  # ISO 7064 MOD 11,10
        total = (int(ch) + product) % 10 or 10
        product = (total * 2) % 11
    check = 11 - product
    return (0 if check == 10 else check) == int(d[10])


# fmt: off
_VERHOEFF_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
_VERHOEFF_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]
# fmt: on


def _verhoeff_ok(d: str) -> bool:
    check = 0
    for i, ch in enumerate(reversed(d)):
        check = _VERHOEFF_D[check][_VERHOEFF_P[i % 8][int(ch)]]
    return check == 0


def _nir_ok(m: re.Match[str]) -> bool:
    value = _alnum(m.group(0))
    body, key = value[:13], value[13:]
    if len(key) != 2:
        return False
    number = int(body.replace("2A", "19").replace("2B", "18"))
    return 97 - number % 97 == int(key)


_SSN = re.compile(r"(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])")
_NINO = re.compile(
    r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b"
)
_ELEVEN = re.compile(r"(?<![\d.,-])[1-9]\d(?: ?\d{3}){3}(?![\d.,-])")  # TC Kimlik, Steuer-ID
_AADHAAR_GROUPED = re.compile(r"(?<![\d.,-])[2-9]\d{3}([ -])\d{4}\1\d{4}(?![\d.,-])")
_TWELVE = re.compile(r"(?<![\d.,-])[2-9]\d{11}(?![\d.,-])")
_PAN = re.compile(r"\b[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]\b")
_NIR = re.compile(
    r"(?<![\w-])[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[AB])"
    r" ?\d{3} ?\d{3} ?\d{2}(?![\w-])"
)
# A value right after an ID label: passports and other numbers without a checkable format.
_LABELLED_ID = re.compile(
    r"(?:\b(?i:passport|reisepass|personalausweis|ausweis|pasaport|passeport|"
    r"carte d'identit[ée]|id card|national id|identity card|steuer-?id|"
    r"steueridentifikationsnummer|tc kimlik|t\.c\. kimlik|kimlik|aadhaar|national insurance|"
    r"social security|ssn|nino|nir|num[ée]ro de s[ée]curit[ée] sociale)"
    r"|\bPAN)\b(?i:\s*(?:no|nr|number|num[ée]ro|nummer|#)\.?)?\s*[:#]?\s*"
    # Every token of the value holds a digit, so the next word ("PAN", "valid") is not taken.
    r"(?P<value>[A-Z0-9]*\d[A-Z0-9]*(?:[ -][A-Z0-9]*\d[A-Z0-9]*){0,5})(?![\w-])"
)


def _national_ids(text: str) -> Iterator[_Hit]:
    kind = "NATIONAL_ID"
    yield from _hits(_SSN, text, kind, key=_alnum)
    yield from _hits(_NINO, text, kind, key=_alnum)
    yield from _hits(_PAN, text, kind, key=_alnum)
    yield from _hits(_NIR, text, kind, accept=_nir_ok, key=_alnum)
    yield from _hits(
        _ELEVEN,
        text,
        kind,
        accept=lambda m: _tc_kimlik_ok(_digits(m.group(0))) or _steuer_id_ok(_digits(m.group(0))),
        key=_alnum,
    )

    # Every Aadhaar number carries a Verhoeff check digit; 9 in 10 other numbers fail it.
    def aadhaar_ok(m: re.Match[str]) -> bool:
        return _verhoeff_ok(_digits(m.group(0)))

    yield from _hits(_AADHAAR_GROUPED, text, kind, accept=aadhaar_ok, key=_alnum)
    yield from _hits(_TWELVE, text, kind, accept=aadhaar_ok, key=_alnum)
    yield from _hits(
        _LABELLED_ID,
        text,
        kind,
        group=_LABELLED_ID.groupindex["value"],
        accept=lambda m: (
            len(_alnum(m.group("value"))) >= 5 and any(c.isdigit() for c in m.group("value"))
        ),
        key=_alnum,
    )


_GROUP = r"(?:\(\s?\+?\d{1,5}\s?\)|\d{1,12})"
_SEP = r"(?:[ \t]?[.\-/][ \t]?|[ \t]|(?<=\))|(?=\())"
_PHONE = re.compile(
    r"(?<![\w+/\-$€£¥₹])(?<!\d[.,])"  # not inside a bigger number, word or amount
    rf"(?:\+|\b00)?{_GROUP}(?:{_SEP}{_GROUP}){{0,7}}"
    r"(?![\w%+‰])(?![.,]\d)"  # not followed by a unit, percent or decimals
)
_PHONE_LABEL = re.compile(
    r"\b(?i:tel|phone|mobile|cell|mob|ph|fax|telefon|handy|t[ée]l[ée]?phone|t[ée]l|portable|"
    r"gsm|cep|whatsapp)\.?\s*(?:\([^)]{0,12}\))?\s*[:.]?\s*$"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_US = re.compile(r"(?:1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}")
_INDIA = re.compile(r"[6-9]\d{4} ?\d{5}")
_DOTTED_PHONE = re.compile(r"\d{3}\.\d{3}\.\d{4}|0\d(?:\.\d\d){4}|0\d{2,4}(?:\.\d{2,4}){1,3}")


def _looks_like_dates(groups: list[str]) -> bool:
    # 2019-2021, 01/2020, 2020-01-15, 15.03.2021, 03.2018 - 05.2020 ...
    return any(_YEAR.fullmatch(g) for g in groups) and all(
        _YEAR.fullmatch(g) or len(g) <= 2 for g in groups
    )


def _phone_ok(text: str, m: re.Match[str]) -> bool:
    candidate = m.group(0)
    digits = _digits(candidate)
    if candidate.startswith("+"):
        return 8 <= len(digits) <= 15
    if candidate.startswith("00"):
        return 10 <= len(digits) <= 17
    labelled = bool(_PHONE_LABEL.search(text[max(0, m.start() - 24) : m.start()]))
    if not (6 if labelled else 9) <= len(digits) <= 12:
        return False
    groups = re.findall(r"\d+", candidate)
    if _looks_like_dates(groups):
        return False
    if (
        "." in candidate
        and re.fullmatch(r"[\d.]+", candidate)
        and not _DOTTED_PHONE.fullmatch(candidate)
    ):
        return False  # versions, IP addresses, thousands separators
    return (
        labelled
        or candidate.startswith(("0", "("))  # trunk prefix: UK, DE, FR, TR, IN; or (415) / (0532)
        or bool(_US.fullmatch(candidate))
        or bool(_INDIA.fullmatch(candidate))
    )


def _phones(text: str) -> Iterator[_Hit]:
    for match in _PHONE.finditer(text):
        if _phone_ok(text, match):
            yield _Hit(match.start(), match.end(), "PHONE", _digits(match.group(0)), match.group(0))


# Addresses sit on one line: [ \t] rather than \s, so a match never runs into the next line.
_WORD = r"[A-ZÀ-ÖØ-ÞÇĞİŞ][\w'’-]*"
_CAP = _WORD + r"\.?"  # a capitalised word or abbreviation (St., Cad.)
_CITY = r"(?:[A-Z][\w'’-]*(?:[ \t][A-Z][\w'’-]*){0,2},?[ \t]+)"
_POSTCODE_TAIL = (
    r"(?:,?[ \t]+(?:" + _CITY + r"?[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}\b"  # UK: [London] NW1 6XE
    r"|" + _CITY + r"?[A-Z]{2},?[ \t]\d{5}(?:-\d{4})?\b"  # US: [Mountain View,] CA 94043
    r"|" + _CITY + r"\d{5}(?:-\d{4})?\b"  # Houston 77002
    r"|" + _CITY + r"[-–]?[ \t]*\d{3}[ \t]?\d{3}\b"  # IN: Bengaluru 560001
    r"|\d{5}[ \t]+" + _WORD + r"(?:[/-]" + _WORD + r")?"  # DE/FR/TR: 10115 Berlin, 34710 Kadıköy
    r"))?"
)
_EN_STREET = re.compile(
    r"\b(?:(?:Flat|Apt\.?|Apartment|Suite|Unit)[ \t]*\d+[A-Z]?,?[ \t]+)?"
    r"\d{1,5}[A-Za-z]?[ \t]+(?:" + _CAP + r"[ \t]+){1,4}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Parkway|Pkwy|Place|Pl|"
    r"Square|Sq|Court|Ct|Way|Terrace|Close|Crescent|Highway|Hwy)\b\.?"
    r"(?:,?[ \t]*(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|#)[ \t]*\w+)?" + _POSTCODE_TAIL
)
_DE_STREET = re.compile(
    r"\b(?:" + _WORD + r"[ \t]+)?[A-ZÄÖÜ][\wäöüß-]*?"
    r"(?:straße|strasse|str\.|weg|allee|platz|gasse|chaussee|"
    r"[ \t](?:Straße|Strasse|Str\.|Weg|Allee|Platz|Gasse|Ring|Damm|Ufer))"
    r"[ \t]*\d{1,4}[ \t]?[a-zA-Z]?\b" + _POSTCODE_TAIL
)
_FR_STREET = re.compile(
    r"\b\d{1,4}(?:[ \t]?(?:bis|ter))?,?[ \t]+"
    r"(?i:rue|avenue|av\.|boulevard|bd|place|all[ée]e|chemin|impasse|quai|cours|route)[ \t]+"
    r"(?:(?i:de|du|des|la|le|les|l'|l’|d'|d’)[ \t]*)*"
    + _WORD
    + r"(?:[ \t-]"
    + _WORD
    + r")*"
    + _POSTCODE_TAIL
)
_TR_STREET = re.compile(
    r"(?:\b" + _WORD + r"(?:[ \t]+" + _WORD + r"){0,3}[ \t]+"
    r"(?:Mah\.?|Mahallesi|Cad\.?|Caddesi|Cd\.?|Sok\.?|Sokak|Sokağı|Sk\.?|Bulvarı|Blv\.?|Bul\.?)"
    r"(?=[ \t,]|$),?[ \t]*){1,3}"
    r"(?:(?i:no)[ \t]*[:.]?[ \t]*\d+[A-Za-z]?(?:[ \t]*/[ \t]*\d+)?"
    r"(?:[ \t]*(?:(?i:d|daire|kat)[ \t]*[:.]?[ \t]*\d+))?)?" + _POSTCODE_TAIL
)
_PO_BOX = re.compile(r"\b(?:P\.?[ \t]?O\.?[ \t]?Box|Postfach)[ \t]+\d+\b" + _POSTCODE_TAIL)


def _addresses(text: str) -> Iterator[_Hit]:
    for pattern in (_EN_STREET, _DE_STREET, _FR_STREET, _TR_STREET, _PO_BOX):
        for match in pattern.finditer(text):
            found = match.group(0).rstrip(" ,")
            if any(ch.isdigit() for ch in found):  # a street name alone is not an address
                key = " ".join(found.split()).casefold()
                yield _Hit(match.start(), match.start() + len(found), "ADDRESS", key, found)


_SPECIAL_FOLDS = {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ß"}
_PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "del",
        "della",
        "de",
        "da",
        "di",
        "du",
        "la",
        "le",
        "bin",
        "binti",
        "ibn",
        "al",
        "el",
        "dos",
        "das",
        "ter",
        "ten",
    ]
)
# Name parts that are also everyday words: only taken mid-sentence, where the capital means a name.
_COMMON_WORDS = frozenset(
    [
        "will",
        "may",
        "mark",
        "grant",
        "bill",
        "rose",
        "hope",
        "young",
        "long",
        "white",
        "black",
        "brown",
        "green",
        "king",
        "page",
        "hall",
        "park",
        "summer",
        "winter",
        "april",
        "june",
        "august",
        "faith",
        "joy",
        "guy",
        "dean",
        "chase",
        "hunter",
        "mason",
        "lane",
        "wood",
        "stone",
        "field",
        "rich",
        "ray",
        "sky",
        "star",
        "case",
        "bishop",
    ]
)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _SPECIAL_FOLDS:
        return _SPECIAL_FOLDS[ch]
    low = unicodedata.normalize("NFD", ch)[0].lower()
    return low if len(low) == 1 else ch


def _fold(text: str) -> str:
    """Case- and accent-free copy, one character per character (so positions match)."""
    return "".join(_fold_char(ch) for ch in text)


_HONORIFIC = re.compile(
    r"(?i:\b(?:mr|mrs|ms|mx|dr|prof|herr|frau|mme|mlle|sr|sra|bay|bayan|shri|smt))\.?$"
)


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start].rstrip(" \t\"'(“")  # a window: O(1) per name
    if _HONORIFIC.search(before):
        return False  # "Mr. Young" is a name, not the start of a sentence
    return not before or before[-1] in ".!?:\n•·-–—*>|"


def _beside(hit: _Hit, starts: set[int], ends: set[int], text: str) -> bool:
    """True when only spaces or a comma separate `hit` from one of the given hits."""
    after = hit.end
    while after < len(text) and text[after] in " \t,":
        after += 1
    before = hit.start
    while before > 0 and text[before - 1] in " \t,":
        before -= 1
    return after in starts or before in ends


def _name_hits(text: str, folded: str, names: Sequence[str]) -> Iterator[_Hit]:
    parts_found: list[tuple[_Hit, bool]] = []  # (hit, taken only beside another name part)
    for name in names:
        parts = name.split()
        if not parts:
            continue
        whole = r"\s+".join(re.escape(_fold(p)) for p in parts)
        for m in re.finditer(rf"(?<!\w){whole}(?!\w)", folded):
            yield _Hit(
                m.start(), m.end(), "NAME", "name:" + _fold(" ".join(parts)), " ".join(parts)
            )
        if len(parts) == 1:
            continue
        for i, part in enumerate(parts):
            if len(part) < 3 or part.lower() in _PARTICLES:
                continue
            kind = "FIRST_NAME" if i == 0 else "LAST_NAME" if i == len(parts) - 1 else "MIDDLE_NAME"
            common = part.lower() in _COMMON_WORDS
            for m in re.finditer(rf"(?<!\w){re.escape(_fold(part))}(?!\w)", folded):
                found = text[m.start() : m.end()]
                if not found[0].isupper():
                    continue  # "mark" the verb, "rose" the flower
                # "Will deliver." / "Young teams": a common word opening a sentence is only a
                # name when another part of the name stands right beside it ("Young, Mark").
                doubtful = common and not found.isupper() and _at_sentence_start(text, m.start())
                hit = _Hit(m.start(), m.end(), kind, "part:" + _fold(part), part)
                parts_found.append((hit, doubtful))
    sure = [hit for hit, doubtful in parts_found if not doubtful]
    starts, ends = {hit.start for hit in sure}, {hit.end for hit in sure}
    for hit, doubtful in parts_found:
        if not doubtful or _beside(hit, starts, ends, text):
            yield hit


def redact(text: str, *, names: Sequence[str] = ()) -> Redaction:
    """Replace contact details, IDs, addresses and the person's names with placeholders.

    `names` are the person's own names (from the profile). The text is NFC-normalised first
    so that names with accents match however they were typed.
    """
    book = _Book()
    text = unicodedata.normalize("NFC", text)
    # Order matters: an e-mail holds what looks like a URL, an IBAN holds digit groups that
    # look like IDs and phones, IDs look like phones; names go last, after they were removed
    # from e-mail addresses and profile URLs as a whole.
    for finder in (_emails, _urls, _ibans, _national_ids, _phones, _addresses):
        text = _apply(text, finder(text), book)
    clean_names = [n.strip() for n in names if n and n.strip()]
    if clean_names:
        # Longest first, so "Jane Doe" wins over "Jane" when both are given.
        ordered = sorted(clean_names, key=len, reverse=True)
        text = _apply(text, _name_hits(text, _fold(text), ordered), book)
    return Redaction(text, book.mapping)


def redact_for_model(
    text: str, *, names: Sequence[str] = (), enabled: bool | None = None
) -> Redaction:
    """Redact unless turned off: pass `enabled=not no_redact`, or None to ask the config."""
    if enabled is None:
        from careercoach.config import Config

        enabled = bool(Config.load().get("redact"))
    return redact(text, names=names) if enabled else Redaction(text, {})
