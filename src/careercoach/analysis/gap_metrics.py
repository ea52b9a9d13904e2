"""The offline gap metrics beyond skills (gap_skills.py): experience, education, location and
salary, one function each returning a `Judged` (score or None, how, notes).

Every constant here is documented in docs/GAP.md; change both together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from careercoach.analysis.gap_models import Candidate, Judged
from careercoach.analysis.schemas import DEGREE_RANK, EducationEntry, ExperienceEntry, ParsedPosting
from careercoach.analysis.taxonomy import fold

# Experience: internships count half; "junior" etc. imply years when the posting gives none.
INTERN_WEIGHT = 0.5
SENIORITY_YEARS = {"intern": 0.0, "junior": 1.0, "mid": 3.0, "senior": 5.0, "lead": 7.0}
_INTERN = re.compile(r"\b(intern|internship|trainee|stajyer|staj|werkstudent|praktikant)", re.I)

# Education: one level short still counts for something (experience often substitutes).
EDUCATION_SHORT_BY = {0: 100.0, 1: 60.0, 2: 30.0}
IN_PROGRESS_FACTOR = 0.9

# Location scores.
LOCATION_SAME_CITY = 100.0
LOCATION_SAME_COUNTRY = 60.0
LOCATION_ELSEWHERE = 30.0
LOCATION_REMOTE_WANTED_ONSITE = 40.0

# Salary: each 1% above the posting's top costs 2 points.
SALARY_PENALTY_PER_PCT = 2.0

_DEGREE_WORDS: tuple[tuple[str, str], ...] = (
    (r"\b(ph\.?\s?d|doctor(ate)?|doktora|dphil|promotion)\b", "phd"),
    (r"\b(m\.?\s?sc|m\.?\s?s\b|m\.?\s?a\b|mba|master|meng|m\.?\s?eng|yuksek lisans|msc)", "master"),
    (r"\b(associate|onlisans|on lisans|a\.?\s?a\.?s?\b|hnd)\b", "associate"),
    (
        r"\b(b\.?\s?sc|b\.?\s?s\b|b\.?\s?a\b|bachelor|beng|b\.?\s?eng|lisans|licence|bsc|btech)",
        "bachelor",
    ),
    (r"\b(high school|lise|secondary school|a-levels?|abitur|diploma)\b", "high_school"),
)


# --- experience ------------------------------------------------------------------------------


def month_index(value: str | None, *, end: bool) -> int | None:
    """'YYYY' or 'YYYY-MM' as a month count; a bare year is January (start) or December (end)."""
    if not value:
        return None
    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2}))?\s*", value)
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else (12 if end else 1)
    if not 1 <= month <= 12 or not 1950 <= year <= 2100:
        return None
    return year * 12 + month - 1


def experience_years(entries: Iterable[ExperienceEntry], today: date) -> tuple[float, int, int]:
    """(years, dated entries, undated entries): the months covered by any job, counted once.

    Overlapping jobs are merged by counting each calendar month once; internship months count
    INTERN_WEIGHT unless a regular job covers them too. An entry without an end is current.
    """
    now = today.year * 12 + today.month - 1
    full: set[int] = set()
    intern: set[int] = set()
    dated = undated = 0
    for entry in entries:
        start = month_index(entry.start, end=False)
        stop = now if (entry.current or not entry.end) else month_index(entry.end, end=True)
        if start is None or stop is None:
            undated += 1
            continue
        dated += 1
        months = set(range(start, min(stop, now) + 1))
        (intern if _INTERN.search(entry.title or "") else full).update(months)
    months = len(full) + INTERN_WEIGHT * len(intern - full)
    return round(months / 12.0, 1), dated, undated


def score_experience(candidate: Candidate, posting: ParsedPosting, today: date) -> Judged:
    required = posting.years_required
    implied = False
    if required is None and posting.seniority:
        required, implied = SENIORITY_YEARS[posting.seniority], True
    if required is None:
        return Judged(
            None,
            "not judged",
            ["experience_match: the posting states no years of experience or seniority"],
        )
    years, dated, undated = experience_years(candidate.experience, today)
    notes = []
    if dated == 0:
        if undated:
            return Judged(
                None,
                "not judged",
                ["experience_match: the CV's jobs have no readable dates (use YYYY or YYYY-MM)"],
            )
        notes.append("experience_match: no work experience found on the CV or profile")
    if implied:
        notes.append(
            f"experience_match: the posting gives no years; '{posting.seniority}' "
            f"taken as {required:g}+ years"
        )
    score = 100.0 if required <= 0 else min(100.0, 100.0 * years / required)
    how = f"{years:g} years from the CV's dates (overlaps counted once) vs {required:g}+ asked"
    return Judged(round(score, 1), how, notes)


# --- education -------------------------------------------------------------------------------


def infer_degree_level(text: str | None) -> str | None:
    """The degree level written in `text` ("BSc Computer Science" -> "bachelor"), or None."""
    if not text:
        return None
    folded = fold(text)
    for pattern, level in _DEGREE_WORDS:
        if re.search(pattern, folded):
            return level
    return None


def _entry_rank(entry: EducationEntry, today: date) -> tuple[int, bool] | None:
    level = entry.level or infer_degree_level(entry.degree) or infer_degree_level(entry.institution)
    if level is None:
        return None
    end = month_index(entry.end, end=True)
    ongoing = (
        end is None
        and entry.start is not None
        or (end is not None and end > today.year * 12 + today.month - 1)
    )
    return DEGREE_RANK[level], ongoing


def score_education(candidate: Candidate, posting: ParsedPosting, today: date) -> Judged:
    if posting.degree is None:
        return Judged(None, "not judged", ["education_match: the posting asks for no degree"])
    wanted = DEGREE_RANK[posting.degree]
    ranks = [r for r in (_entry_rank(e, today) for e in candidate.education) if r is not None]
    if not ranks:
        if wanted == 0:
            return Judged(100.0, "the posting asks for no degree level", [])
        note = (
            "education_match: no degree found on the CV or profile"
            if not candidate.education
            else "education_match: the degrees listed could not be read as a level"
        )
        return Judged(0.0, f"no degree found vs {posting.degree} asked", [note])
    best_rank, ongoing = max(ranks)
    short_by = max(0, wanted - best_rank)
    score = EDUCATION_SHORT_BY.get(short_by, 0.0)
    level = next(k for k, v in DEGREE_RANK.items() if v == best_rank)
    notes = []
    if ongoing:
        score *= IN_PROGRESS_FACTOR
        notes.append(f"education_match: your {level} degree is still in progress")
    how = f"your highest degree is {level}; the posting asks for {posting.degree}"
    if short_by:
        how += f" ({short_by} level{'s' if short_by > 1 else ''} short)"
    return Judged(round(score, 1), how, notes)


# --- location and salary ---------------------------------------------------------------------


def _place_parts(text: str) -> list[str]:
    parts = [fold(p).strip() for p in re.split(r"[,/|;()]| - ", text)]
    return [p for p in parts if p and p not in {"remote", "hybrid", "on-site", "onsite"}]


def score_location(candidate: Candidate, posting: ParsedPosting) -> Judged:
    if posting.remote == "yes":
        return Judged(100.0, "the job is fully remote", [])
    if not posting.location:
        return Judged(
            None,
            "not judged",
            ["location_match: the posting gives no location and does not say it is remote"],
        )
    if not candidate.location:
        return Judged(
            None,
            "not judged",
            [
                "location_match: your location is unknown; set it "
                "with careercoach profile set location CITY"
            ],
        )
    theirs, mine = _place_parts(posting.location), _place_parts(candidate.location)
    if not theirs or not mine:
        return Judged(None, "not judged", ["location_match: the locations could not be read"])
    onsite = posting.remote == "no"
    if candidate.remote == "yes" and onsite:
        return Judged(LOCATION_REMOTE_WANTED_ONSITE, "you want remote work; the job is on-site", [])
    if theirs[0] == mine[0] or theirs[0] in mine:
        return Judged(LOCATION_SAME_CITY, f"same city ({posting.location})", [])
    if set(theirs[1:]) & set(mine) or set(theirs) & set(mine[1:]):
        return Judged(LOCATION_SAME_COUNTRY, "same country, another city: a commute or a move", [])
    return Judged(
        LOCATION_ELSEWHERE,
        f"the job is in {posting.location}, you are in {candidate.location}: relocation needed",
        [],
    )


def score_salary(candidate: Candidate, posting: ParsedPosting) -> Judged:
    top = posting.salary_max or posting.salary_min
    if top is None:
        return Judged(None, "not judged", ["salary_match: the posting gives no salary"])
    if candidate.salary_expectation is None:
        return Judged(
            None,
            "not judged",
            [
                "salary_match: your salary expectation is unknown; set "
                "it with careercoach profile set salary_expectation N"
            ],
        )
    theirs, mine = (posting.currency or "").upper(), (candidate.currency or "").upper()
    if theirs and mine and theirs != mine:
        return Judged(
            None,
            "not judged",
            [
                f"salary_match: the posting pays in {theirs}, your "
                f"expectation is in {mine}; no conversion offline"
            ],
        )
    expected = candidate.salary_expectation
    if expected <= top:
        return Judged(
            100.0, f"your expectation {expected:,.0f} is within the range (up to {top:,.0f})", []
        )
    over_pct = 100.0 * (expected - top) / top
    score = max(0.0, 100.0 - SALARY_PENALTY_PER_PCT * over_pct)
    return Judged(
        round(score, 1),
        f"your expectation is {over_pct:.0f}% above the posting's top of {top:,.0f}",
        [],
    )
