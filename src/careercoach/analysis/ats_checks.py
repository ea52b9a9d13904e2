"""ATS-style checks of a CV's text: each a pass/warn/fail with the evidence, and one score.

    checks = run_checks(text, page_count=2, word_count=480, kind="pdf")
    score = overall_score(checks)          # score.value 0-100, score.formula says how

Pure functions over the extracted text (as documents.reader produces it: one line per line,
bullets normalised to "- ") and the counts stored with the CV; no I/O. Every check, its
weight and its thresholds are listed in docs/CV-SCORE.md; change both together.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from careercoach.analysis import ats_data
from careercoach.analysis.cv_sections import Line, split_lines, split_sections
from careercoach.analysis.dates import find_ranges
from careercoach.analysis.taxonomy import fold

Status = Literal["pass", "warn", "fail"]
CREDIT: dict[str, float] = {"pass": 1.0, "warn": 0.5, "fail": 0.0}

# Weight of each check in the overall score (see docs/CV-SCORE.md).
WEIGHTS: dict[str, int] = {
    "text_extractable": 10,
    "contact": 10,
    "headings": 10,
    "length": 10,
    "bullets": 10,
    "quantified": 10,
    "action_verbs": 10,
    "date_format": 5,
    "timeline_gaps": 5,
    "pronouns": 5,
    "tech_spelling": 5,
    "layout": 10,
    "keywords": 20,
}
# Seniority by years of dated experience: (name, below this many years, pages, min, max words).
SENIORITY = (
    ("junior", 3.0, 1, 150, 600),
    ("mid-level", 10.0, 2, 200, 900),
    ("senior", math.inf, 3, 300, 1200),
)
WORDS_PER_PAGE = 500  # to estimate pages of DOCX, TXT and Markdown CVs
MAX_GAP_MONTHS = 6
LONG_GAP_MONTHS = 24
NARROW_WRAP = 55  # median width of wrapped lines at or below this suggests columns
REQUIRED_SECTIONS = ("experience", "education", "skills")


@dataclass(frozen=True)
class Check:
    """One check's verdict: `why` quotes the evidence, `weight` is its share of the score."""

    id: str
    title: str
    status: Status
    why: str
    weight: int


@dataclass(frozen=True)
class Score:
    value: int
    earned: float
    total: float
    formula: str


# --- The CV's shape: sections, date ranges, roles and bullets ------------------------------

_STYLE_TOKEN = re.compile(
    r"(?P<word>[^\W\d_]{3,9})\.?,?\s*'?(?:19|20)\d\d|(?P<mmyyyy>\d{1,2}\s*[/.]\s*\d{4})"
    r"|(?P<yyyymm>\d{4}\s*[/.-]\s*\d{2})(?!\d)|(?P<yyyy>\d{4})"
)


@dataclass(frozen=True)
class Period:
    """A date range as months since year 0, with how each of its dates is written."""

    text: str
    start: int
    end: int
    styles: tuple[str, ...]  # "Mon YYYY", "Month YYYY", "MM/YYYY", "YYYY-MM", "YYYY"


@dataclass
class Role:
    label: str
    bullets: list[str]


@dataclass
class CVShape:
    lines: list[str]  # the raw lines
    headings: dict[str, str]  # section kind -> its first heading as written
    periods: list[Period]  # the date ranges of the experience part
    all_periods: list[Period]  # every date range in the CV
    roles: list[Role]
    bullets: list[str]  # achievement bullets of the experience part, wrapped lines joined
    prose: list[str]  # the experience part's other lines of five words or more
    body: list[str]  # every line after the header (name and contact lines)


def _styles(text: str) -> tuple[str, ...]:
    styles = []
    for match in _STYLE_TOKEN.finditer(text):
        if match["word"]:
            name = fold(match["word"])
            if name in ats_data.AMBIGUOUS_MONTHS:
                continue  # "May" is its own abbreviation: it fits either style
            styles.append("Month YYYY" if name in ats_data.FULL_MONTHS else "Mon YYYY")
        else:
            numeric = "MM/YYYY" if match["mmyyyy"] else "YYYY-MM" if match["yyyymm"] else "YYYY"
            styles.append(numeric)
    return tuple(styles)


def _month_index(value: str, *, end: bool) -> int:
    year, _, month = value.partition("-")
    return int(year) * 12 + (int(month) if month else (12 if end else 1)) - 1


def periods_in(text: str, today: date) -> list[Period]:
    """The date ranges of one line ("Mar 2021 – Present", "2019-2021", "03/2020 - 06/2021")."""
    now = today.year * 12 + today.month - 1
    found = []
    for r in find_ranges(text):
        if r.start is None or (r.end is None and not r.current):
            continue
        written = text[r.span[0] : r.span[1]]
        end = now if r.current else _month_index(r.end or "", end=True)
        found.append(Period(written, _month_index(r.start, end=False), end, _styles(written)))
    return found


def shape_of(text: str, today: date) -> CVShape:
    """Split the CV into sections and find its dated roles and their bullets."""
    sections = split_sections(text)
    headings: dict[str, str] = {}
    for section in sections[1:]:
        headings.setdefault(section.kind, section.heading or section.kind)
    if "experience" in headings:
        part = [line for s in sections if s.kind == "experience" for line in s.lines]
    else:  # no heading: everything that is not clearly another section
        part = [line for s in sections if s.kind in ("header", "other") for line in s.lines]
    roles, bullets, prose, periods = _read_experience(part, today)
    return CVShape(
        lines=text.split("\n"),
        headings=headings,
        periods=periods,
        all_periods=[p for line in split_lines(text) for p in periods_in(line.text, today)],
        roles=roles,
        bullets=bullets,
        prose=prose,
        body=[line.text for s in sections[1:] for line in s.lines],
    )


def _read_experience(
    part: list[Line], today: date
) -> tuple[list[Role], list[str], list[str], list[Period]]:
    """Roles (a line with a date range opens one), bullets, other prose and the periods."""
    roles: list[Role] = []
    bullets: list[str] = []
    prose: list[str] = []
    periods: list[Period] = []
    previous = ""
    open_bullet = False
    for line in part:
        found = periods_in(line.text, today)
        if found and not line.bullet:
            periods += found
            rest = line.text
            for p in found:
                rest = rest.replace(p.text, "")
            label = line.text if len(rest.strip(" |,()-–—")) >= 3 else f"{previous} {line.text}"
            roles.append(Role(" ".join(label.split()), []))
            if len(re.findall(r"[^\W\d_]+", rest)) >= 5:  # a table row: the achievement
                prose.append(rest.strip(" |"))
            open_bullet = False
        elif line.bullet:
            bullets.append(line.text)
            if roles:
                roles[-1].bullets.append(line.text)
            open_bullet = True
        elif open_bullet and line.text[:1].islower():  # a bullet wrapped onto the next line
            bullets[-1] += " " + line.text
            if roles and roles[-1].bullets:
                roles[-1].bullets[-1] = bullets[-1]
        else:
            open_bullet = False
            if len(re.findall(r"[^\W\d_]+", line.text)) >= 5:
                prose.append(line.text)
        previous = line.text
    return roles, bullets, prose, periods


def achievement_lines(shape: CVShape) -> list[str]:
    """The bullets of the experience part; without bullets, its longer lines of prose."""
    return shape.bullets or shape.prose


def experience_years(shape: CVShape) -> float | None:
    """Years covered by the dated roles (overlaps counted once), or None without any."""
    months: set[int] = set()
    for p in shape.periods:
        months.update(range(p.start, p.end + 1))
    return len(months) / 12 if months else None


# --- The checks -------------------------------------------------------------------------------


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f'"{text[: limit - 1]}…"' if len(text) > limit else f'"{text}"'


def _check(check_id: str, title: str, status: Status, why: str) -> Check:
    return Check(check_id, title, status, why, WEIGHTS[check_id])


def check_text_extractable(text: str, page_count: int | None, word_count: int) -> Check:
    title = "Text is extractable"
    garbage = re.findall(r"\ufffd|[\ue000-\uf8ff]|\(cid:\d+\)", text)
    odd = len(garbage)
    visible = sum(not ch.isspace() for ch in text) or 1
    where = f" from {page_count} page(s)" if page_count else ""
    if word_count < 20:
        return _check(
            "text_extractable",
            title,
            "fail",
            f"only {word_count} words could be read{where}; an ATS sees an almost "
            "empty CV (is it an image?)",
        )
    if sum(len(g) for g in garbage) / visible > 0.02:
        return _check(
            "text_extractable",
            title,
            "warn",
            f"{odd} characters did not decode (fonts without a text map); an ATS "
            "will read them as garbage",
        )
    if page_count and word_count / page_count < 40:
        return _check(
            "text_extractable",
            title,
            "warn",
            f"{word_count} words{where} is under 40 a page; parts may be images "
            "that an ATS cannot read",
        )
    return _check(
        "text_extractable",
        title,
        "pass",
        f"{word_count} words read{where}, no undecodable characters",
    )


def check_contact(text: str) -> Check:
    from careercoach.documents.redact import redact

    title = "Contact details"
    placeholders = redact(text).mapping
    emails = [v for k, v in placeholders.items() if k.startswith("[EMAIL")]
    phones = [v for k, v in placeholders.items() if k.startswith("[PHONE")]
    linkedin = " and a LinkedIn link" if re.search(r"linkedin\.com/", text, re.I) else ""
    if emails and phones:
        return _check(
            "contact",
            title,
            "pass",
            f"e-mail ({emails[0]}) and phone ({phones[0]}) found{linkedin}",
        )
    if emails or phones:
        found, missing = ("an e-mail", "phone number") if emails else ("a phone", "e-mail address")
        return _check(
            "contact",
            title,
            "warn",
            f"{found} but no {missing}{linkedin}; recruiters expect both at the top",
        )
    return _check(
        "contact",
        title,
        "fail",
        "no e-mail address or phone number found; an ATS cannot file the CV under a contact",
    )


def check_headings(shape: CVShape) -> Check:
    title = "Standard section headings"
    found = [k for k in REQUIRED_SECTIONS if k in shape.headings]
    missing = [k for k in REQUIRED_SECTIONS if k not in shape.headings]
    shown = ", ".join(_quote(shape.headings[k], 30) for k in found) or "none"
    if not missing:
        return _check("headings", title, "pass", f"found {shown}")
    status: Status = "warn" if len(missing) == 1 else "fail"
    return _check(
        "headings",
        title,
        status,
        f"no heading for {', '.join(missing)} (found: {shown}); ATS parsers file "
        "content under standard headings such as Experience, Education, Skills "
        "(Deneyim, Eğitim, Yetenekler)",
    )


def _seniority(years: float | None) -> tuple[str, int, int, int]:
    for name, below, pages, low, high in SENIORITY:
        if years is not None and years < below:
            return name, pages, low, high
    if years is None:
        return "mid-level", *SENIORITY[1][2:]
    return SENIORITY[-1][0], *SENIORITY[-1][2:]


def check_length(shape: CVShape, page_count: int | None, word_count: int) -> Check:
    title = "Length for the seniority"
    years = experience_years(shape)
    level, max_pages, low, high = _seniority(years)
    pages = page_count or max(1, math.ceil(word_count / WORDS_PER_PAGE))
    pages_text = f"{pages} page(s)" if page_count else f"about {pages} page(s) (estimated)"
    basis = (
        f"{years:.1f} years of dated experience → {level}"
        if years is not None
        else "no dated roles → judged as mid-level"
    )
    target = f"aim for at most {max_pages} page(s) and {low}–{high} words"
    problems_fail = pages > max_pages + 1 or word_count < low / 2 or word_count > high * 1.5
    problems_warn = pages > max_pages or word_count < low or word_count > high
    status: Status = "fail" if problems_fail else "warn" if problems_warn else "pass"
    return _check("length", title, status, f"{pages_text}, {word_count} words; {basis}: {target}")


def check_bullets(shape: CVShape) -> Check:
    title = "Bullets per role (3–6)"
    if not shape.roles:
        return _check(
            "bullets",
            title,
            "warn",
            "no dated roles found in the experience section; give each role its "
            "dates and 3–6 bullets",
        )
    off = [r for r in shape.roles if not 3 <= len(r.bullets) <= 6]
    bad = [r for r in shape.roles if len(r.bullets) == 0 or len(r.bullets) > 9]
    counts = "; ".join(f"{_quote(r.label, 60)}: {len(r.bullets)}" for r in off[:3])
    if not off:
        return _check("bullets", title, "pass", f"all {len(shape.roles)} roles have 3–6 bullets")
    status: Status = "fail" if len(bad) * 2 > len(shape.roles) else "warn"
    return _check(
        "bullets",
        title,
        status,
        f"{len(off)} of {len(shape.roles)} roles outside 3–6 bullets: {counts}",
    )


_QUANTITY = re.compile(r"\d|%|[$€£₺¥₹]|\b(?:usd|eur|gbp|try|tl)\b", re.IGNORECASE)


def _is_quantified(line: str) -> bool:
    if _QUANTITY.search(line):
        return True
    return any(word in ats_data.NUMBER_WORDS for word in re.findall(r"\w+", fold(line)))


def check_quantified(shape: CVShape) -> Check:
    title = "Quantified achievements"
    lines = achievement_lines(shape)
    if not lines:
        return _check(
            "quantified", title, "fail", "no achievements found under the experience section"
        )
    plain = [line for line in lines if not _is_quantified(line)]
    share = 1 - len(plain) / len(lines)
    example = f"; e.g. {_quote(plain[0])}" if plain else ""
    status: Status = "pass" if share >= 0.5 else "warn" if share >= 0.25 else "fail"
    return _check(
        "quantified",
        title,
        status,
        f"{len(lines) - len(plain)} of {len(lines)} achievements "
        f"({share:.0%}) have a number, % or amount (pass ≥ 50 %){example}",
    )


_TR_PAST = re.compile(r"\w{2,}(?:d|t)(?:ı|i|u|ü)(?:m|k|n|niz|nız|nuz|nüz)?$")


def _starts_strong(line: str) -> bool:
    words = re.findall(r"[^\W\d_]+", line)
    if not words:
        return False
    if fold(words[0]) in ats_data.STRONG_VERBS:
        return True
    return bool(_TR_PAST.fullmatch(words[-1].lower()))  # Turkish puts the verb last


def check_action_verbs(shape: CVShape) -> Check:
    title = "Action verbs, no weak phrases"
    lines = achievement_lines(shape)
    weak = [
        (phrase, line)
        for line in lines
        for phrase in ats_data.WEAK_PHRASES
        if re.search(rf"\b{re.escape(phrase)}\b", fold(line))
    ]
    if not lines:
        return _check("action_verbs", title, "warn", "no achievement bullets to judge")
    strong = sum(_starts_strong(line) for line in lines)
    share = strong / len(lines)
    if weak:
        phrase, line = weak[0]
        status: Status = "fail" if len(weak) >= 3 or len(weak) / len(lines) >= 0.3 else "warn"
        return _check(
            "action_verbs",
            title,
            status,
            f'{len(weak)} weak phrase(s) such as "{phrase}" in {_quote(line)}; '
            "start with what you did: Led, Built, Cut, Launched",
        )
    if share < 0.5:
        return _check(
            "action_verbs",
            title,
            "warn",
            f"only {strong} of {len(lines)} achievements start with a strong "
            "action verb (Led, Built, Reduced…)",
        )
    return _check(
        "action_verbs",
        title,
        "pass",
        f"{strong} of {len(lines)} achievements start with a strong action verb; no weak phrases",
    )


def check_date_format(shape: CVShape) -> Check:
    title = "Consistent date formats"
    if not shape.all_periods:
        return _check(
            "date_format",
            title,
            "warn",
            'no date ranges found; give each role a range such as "Mar 2021 – Present"',
        )
    experience = {s for r in shape.periods for s in r.styles}
    elsewhere = {s for r in shape.all_periods for s in r.styles} - {"YYYY"}
    styles = experience | elsewhere
    if len(styles) <= 1:
        shown = next(iter(styles), "one style")
        return _check(
            "date_format",
            title,
            "pass",
            f"{len(shape.all_periods)} date ranges, all written as {shown}",
        )
    examples: dict[str, str] = {}
    for r in shape.all_periods:
        for style in r.styles:
            examples.setdefault(style, r.text)
    shown = ", ".join(f"{s} ({_quote(examples[s], 30)})" for s in sorted(styles))
    status: Status = "warn" if len(styles) == 2 else "fail"
    return _check("date_format", title, status, f"{len(styles)} date styles mixed: {shown}")


def _month_name(month_index: int) -> str:
    return date(month_index // 12, month_index % 12 + 1, 1).strftime("%b %Y")


def check_timeline_gaps(shape: CVShape, today: date) -> Check:
    title = "Gaps in the timeline (> 6 months)"
    if not shape.periods:
        return _check(
            "timeline_gaps",
            title,
            "warn",
            "no dated roles in the experience section, so the timeline cannot be read",
        )
    now = today.year * 12 + today.month - 1
    gaps: list[tuple[int, str]] = []
    spans = sorted((r.start, r.end) for r in shape.periods)
    reach = spans[0][1]
    for start, end in spans[1:]:
        if start - reach - 1 > MAX_GAP_MONTHS:
            gaps.append((start - reach - 1, f"{_month_name(reach)} → {_month_name(start)}"))
        reach = max(reach, end)
    if now - reach - 1 > MAX_GAP_MONTHS:
        gaps.append((now - reach - 1, f"no dated role since {_month_name(reach)}"))
    if not gaps:
        return _check(
            "timeline_gaps",
            title,
            "pass",
            f"{len(shape.periods)} dated role(s), no gap over {MAX_GAP_MONTHS} months",
        )
    shown = "; ".join(f"{months} months ({where})" for months, where in gaps[:3])
    status: Status = "fail" if max(m for m, _ in gaps) > LONG_GAP_MONTHS else "warn"
    return _check(
        "timeline_gaps",
        title,
        status,
        f"{len(gaps)} gap(s): {shown}; explain each in a line (study, care, travel, freelance)",
    )


_PRONOUN = re.compile(
    r"(?<![\w'’./&-])(?:I(?:['’](?:m|ve|d|ll))?|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself)(?![\w'’/&-])"
)
_NOT_PRONOUN_BEFORE = re.compile(r"(?:phase|level|part|tier|grade|class|type|stage)\s$", re.I)
_PRONOUN_TR = re.compile(r"\b(?:" + "|".join(ats_data.PRONOUNS_TR) + r")\b")


def check_pronouns(shape: CVShape) -> Check:
    title = "No first-person pronouns"
    hits: list[tuple[str, str]] = []
    for line in shape.lines:
        for match in _PRONOUN.finditer(line):
            if not _NOT_PRONOUN_BEFORE.search(line[: match.start()]):
                hits.append((match.group(0), line))
        hits += [(m.group(0), line) for m in _PRONOUN_TR.finditer(fold(line))]
    if not hits:
        return _check("pronouns", title, "pass", "no I, me, my (or ben, benim) found")
    word, line = hits[0]
    status: Status = "warn" if len(hits) <= 2 else "fail"
    return _check(
        "pronouns",
        title,
        status,
        f'{len(hits)} first-person pronoun(s), e.g. "{word}" in {_quote(line)}; '
        'write "Led the team", not "I led the team"',
    )


_LINKS = re.compile(r"\S*(?:@|://|www\.|\.(?:com|org|net|io|dev|tr)\b)\S*", re.IGNORECASE)


def _tech_pattern(name: ats_data.TechName) -> re.Pattern[str]:
    forms = ([name.canonical] if name.loose else []) + list(name.variants) + list(name.accepted)
    alternatives = "|".join(
        re.escape(f).replace(r"\ ", r"[ -]?") for f in sorted(forms, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w.#+/-])(?:{alternatives})(?![\w#+]|[.-]\w)", re.IGNORECASE)


_TECH_PATTERNS = [(name, _tech_pattern(name)) for name in ats_data.TECH_NAMES]


def check_tech_spelling(shape: CVShape) -> Check:
    title = "Spelling of tech names"
    wrong: dict[str, tuple[str, str]] = {}
    for line in shape.lines:
        clean = _LINKS.sub(lambda m: " " * len(m.group(0)), line)
        if not re.search(r"[a-z]", clean):  # an all-capitals line is styling, not spelling
            continue
        for name, pattern in _TECH_PATTERNS:
            for match in pattern.finditer(clean):
                written = match.group(0)
                if written != name.canonical and written not in name.accepted:
                    wrong.setdefault(written, (name.canonical, line))
    if not wrong:
        return _check(
            "tech_spelling",
            title,
            "pass",
            f"no misspelt names among the {len(ats_data.TECH_NAMES)} checked",
        )
    shown = ", ".join(f"{w} → {c}" for w, (c, _) in list(wrong.items())[:5])
    status: Status = "warn" if len(wrong) <= 2 else "fail"
    first = next(iter(wrong.values()))[1]
    return _check(
        "tech_spelling",
        title,
        status,
        f"{len(wrong)} misspelt name(s): {shown} (in {_quote(first, 60)}); "
        "keyword searches look for the official spelling",
    )


_CELL = re.compile(r" \| |\t| {3,}")


def check_layout(shape: CVShape) -> Check:
    """Tables and columns: cell separators on consecutive lines, or text wrapped narrowly."""
    title = "No tables or columns"
    # The header (name, contact line "mail | phone | city") is not a table.
    rows = [line for line in shape.body if _CELL.search(line) and not _LINKS.search(line)]
    if len(rows) >= 3:
        return _check(
            "layout",
            title,
            "fail",
            f"{len(rows)} lines read as table cells, e.g. {_quote(rows[0])}; ATS "
            "parsers mix up table cells: use plain lines and bullets",
        )
    wrapped = [
        len(line)
        for line, after in zip(shape.lines, shape.lines[1:], strict=False)
        if line.strip() and after[:1].islower() and not line.rstrip().endswith((".", ":", ";"))
    ]
    if len(wrapped) >= 3 and sorted(wrapped)[len(wrapped) // 2] <= NARROW_WRAP:
        width = sorted(wrapped)[len(wrapped) // 2]
        return _check(
            "layout",
            title,
            "warn",
            f"text wraps at about {width} characters, as in a narrow column; "
            "many ATS parsers read two-column layouts out of order",
        )
    if rows:
        return _check(
            "layout", title, "warn", f"{len(rows)} line(s) look like table cells: {_quote(rows[0])}"
        )
    return _check("layout", title, "pass", "one column of plain lines; no tables found")


def check_keywords(text: str, required: Sequence[str]) -> Check:
    """Coverage of a job's required skills, found through the skill taxonomy."""
    from careercoach.analysis.skill_matcher import find_skills
    from careercoach.analysis.taxonomy import load_taxonomy

    title = "Keywords of the job"
    taxonomy = load_taxonomy()
    found = {fold(m.skill) for m in find_skills(text, taxonomy)}
    folded_text = fold(text)
    missing = []
    for skill in required:
        known = taxonomy.get(skill)
        name = known.name if known else skill
        if fold(name) in found:
            continue
        if not known and re.search(rf"(?<!\w){re.escape(fold(skill))}(?!\w)", folded_text):
            continue
        missing.append(name)
    share = 1 - len(missing) / len(required)
    status: Status = "pass" if share >= 0.8 else "warn" if share >= 0.5 else "fail"
    gap = f"; missing: {', '.join(missing[:8])}" if missing else ""
    return _check(
        "keywords",
        title,
        status,
        f"{len(required) - len(missing)} of {len(required)} required skills "
        f"({share:.0%}) appear in the CV (pass ≥ 80 %){gap}",
    )


def run_checks(
    text: str,
    *,
    page_count: int | None,
    word_count: int,
    kind: str,
    today: date | None = None,
    job_skills: Sequence[str] | None = None,
) -> list[Check]:
    """Every check on the CV's text, in display order; keywords only when job skills are given.

    `kind` is the file type (pdf, docx, txt, md); `today` dates "Present" (default: today).
    """
    today = today or date.today()
    shape = shape_of(text, today)
    steps: list[Callable[[], Check]] = [
        lambda: check_text_extractable(text, page_count if kind == "pdf" else None, word_count),
        lambda: check_contact(text),
        lambda: check_headings(shape),
        lambda: check_length(shape, page_count if kind == "pdf" else None, word_count),
        lambda: check_bullets(shape),
        lambda: check_quantified(shape),
        lambda: check_action_verbs(shape),
        lambda: check_date_format(shape),
        lambda: check_timeline_gaps(shape, today),
        lambda: check_pronouns(shape),
        lambda: check_tech_spelling(shape),
        lambda: check_layout(shape),
    ]
    if job_skills:
        steps.append(lambda: check_keywords(text, job_skills))
    return [step() for step in steps]


FORMULA = "100 × Σ(weight × credit) ÷ Σ weight, credit pass = 1, warn = 0.5, fail = 0"


def overall_score(checks: Sequence[Check]) -> Score:
    """The weighted share of credit, 0-100, rounded half up; the formula string shows the sums."""
    total = sum(c.weight for c in checks)
    earned = sum(c.weight * CREDIT[c.status] for c in checks)
    value = math.floor(100 * earned / total + 0.5) if total else 0
    formula = f"{FORMULA}: 100 × {earned:g} ÷ {total:g} = {value}"
    return Score(value, earned, total, formula)
