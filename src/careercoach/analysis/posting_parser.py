"""Read a job posting into a ParsedPosting offline: pure, instant, no model.

**Sections.** A posting is cut into sections at its headings: Markdown "#" lines, bold-only
lines, short lines ending in ":", short ALL-CAPS lines, and short lines that name a known
section ("Nice to have", "Aranan Nitelikler"). A known heading followed by ":" inside a line
("WHAT YOU'LL DO: build dashboards...") also opens a section there. Each section gets a role
from its heading:

- **required**: "Requirements", "Qualifications", "What you'll need", "Must have", "What we're
  looking for", "Minimum qualifications", "Aranan Nitelikler", ...
- **preferred**: "Nice to have", "Bonus", "Preferred", "Desirable", "Plus", "Assets", "It would
  be great if", "Tercih Sebebi", ...
- **duties**: "Responsibilities", "What you'll do", "The role", "İş Tanımı", ... and any heading
  not recognised: the work itself, so its skills count as required, weakly (below).
- **ignored**: "About us", "Who we are", "Benefits", "What we offer", "Salary", "Yan Haklar",
  ... A company that "runs on AWS" does not ask for AWS.

Text before the first heading is the header: its first line is the title, whose skills count
as duties ("Frontend Developer (React)"); the rest of the header names company, location and
remote, and its skills are ignored unless the line is a field that asks for them
("Clearance: Secret clearance required").

**Skills** are found once in the whole text with ``skill_matcher.find_skills`` (the context
rules need the full text), together with skills a phrase implies: a shared head noun ("written
and verbal communication" names written communication) and a verb phrase
(``skill_phrases``: "present findings to stakeholders", "coordinate vendors"). A skill named
only as a team to work with ("partner with our data engineers", "selling to procurement
buyers") is not asked for. Each occurrence is placed by its section and, inside the
line, by cues: "(preferred)", "is a plus", "nice to have", "desirable", "bonus", "tercih" mark
the clause before them (back to ";" or the sentence start) preferred; "ideally", "preferably",
"tercihen" mark the clause after them. A skill is **required** if it occurs in a required
section outside a preferred cue; otherwise **preferred** if it occurs in a preferred section
or clause; otherwise **required** if it occurs in a duties section or the title; otherwise
(only in ignored sections or the header) it is not listed. So an explicit requirement beats
a "nice to have", and an explicit "nice to have" beats a passing mention in the duties; a
skill is never in both lists.

**No sections at all** (a pasted paragraph, or a dream role described in a person's own
words): every skill counts as required unless a preferred cue marks its clause.

Salary, years, degree, remote and seniority come from ``posting_facts``; the salary is
stored per year (``Salary.annual``), and ``posting_salary`` gives it as the posting wrote it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Literal

from careercoach.analysis.posting_facts import (
    Salary,
    find_degree,
    find_remote,
    find_salary,
    find_seniority,
    find_years,
    strip_remote,
)
from careercoach.analysis.schemas import ParsedPosting
from careercoach.analysis.skill_matcher import find_skills
from careercoach.analysis.skill_phrases import find_phrase_skills
from careercoach.analysis.taxonomy import Taxonomy, fold, load_taxonomy

Role = Literal["header", "title", "required", "preferred", "duties", "ignored"]

# Heading keywords, matched on the folded heading (lower case, no accents, no apostrophes).
# Checked in this order, so "Preferred qualifications" is preferred and "About you" required.
_PREFERRED_HEADINGS = re.compile(
    r"nice to have|nice-to-have|good to have|bonus|preferred|desirable|desired|\bplus\b|"
    r"would be great|great if|would be a plus|extra credit|\bassets?\b|optional|"
    r"not required|even better|tercih|avantaj|arti\b|olursa"
)
_IGNORED_HEADINGS = re.compile(
    r"^about (?:us|the company|the team|the school|our|[a-z0-9&.' -]+$)|who we are|"
    r"our company|^company$|^the company|benefit|perk|we offer|what we offer|our offer|^offer|"
    r"compensation|salary|^pay\b|pay range|package|reward|why join|why us|why work|"
    r"how to apply|^apply|equal opportunit|diversity|our values|our culture|^overview$|"
    r"hakkimizda|biz kimiz|yan haklar|sunduklarimiz|^maas|ucret|^location|^contact"
)
_REQUIRED_HEADINGS = re.compile(
    r"requirement|required|qualification|must have|must-have|you.?ll need|you need|"
    r"you will need|looking for|you.?ll bring|you bring|what you have|about you|"
    r"you (?:probably |should |already |will |must )?have|what we ask|we ask|what it takes|"
    r"what we need|need from you|"
    r"who you are|your profile|^profile|skills|experience|successful candidate|"
    r"ideal candidate|candidate|minimum|essential|we expect|expectations|need to succeed|"
    r"nitelik|aranan|gereksinim|beklenti|aradigimiz|yetkinlik"
)
_DUTIES_HEADINGS = re.compile(
    r"responsibilit|you.?ll do|you will do|what you do|duties|tasks|the role|^role|the job|"
    r"in this role|you will|day to day|day-to-day|mission|impact|you.?ll be doing|"
    r"position summary|summary|job description|description|accountabilit|opportunity|"
    r"about the role|about the job|what the job|is tanimi|gorev|sorumluluk|yapacaklarin|"
    r"the position|position|your day|typical day|a day in|day in the life|"
    r"you.?ll work on|you will work on|what you.?ll be working on|your work|what the work|"
    r"you.?ll get to do|your job"
)
# Words that mark a clause preferred: after the clause ("... is a plus") or before it.
_TRAILING_PREFERRED = re.compile(
    r"\(?\b(?:strongly |highly |is |are |would be )?(?:preferred|preferable|a plus|"
    r"an advantage|advantageous|nice to have|nice-to-have|a bonus|bonus|desirable|desired|"
    r"beneficial|is an asset|an asset|optional|not required|tercih sebebidir|tercih edilir|"
    r"tercihimizdir|tercih nedenidir|avantajdir|avantaj|arti)\b\)?",
    re.IGNORECASE,
)
_LEADING_PREFERRED = re.compile(
    r"\b(?:ideally|preferably|bonus if|bonus points for|nice if|tercihen|mumkunse)\b",
    re.IGNORECASE,
)
# A clause ends at ";", a sentence end, a bullet separator, or a line end.
_CLAUSE_END = re.compile(r";|(?<=[\w)])[.!?]\s|\s[·•▪]\s|\n")
_REQUIRED_CUE = re.compile(r"\b(?:required|must|mandatory|essential|zorunlu|sart)\b", re.I)

# Field labels in the header or anywhere: "Company: Acme", "**Location:** Berlin".
# The label starts with a letter and each run of spaces and markers is one class, so a line
# of spaces cannot make the pattern try every split of it (500 spaces took minutes).
_LABEL = re.compile(
    r"^[\s*_]*([A-Za-zÇĞİÖŞÜçğıöşü][A-Za-zÇĞİÖŞÜçğıöşü ]{2,23}?)[\s*_]*:[\s*_]*(.*\S)?\s*$"
)
_COMPANY_LABELS = {
    "company",
    "employer",
    "organization",
    "organisation",
    "sirket",
    "firma",
    "kurum",
}
_LOCATION_LABELS = {
    "location",
    "locations",
    "lokasyon",
    "konum",
    "based in",
    "office",
    "city",
    "sehir",
    "calisma yeri",
    "is yeri",
    "workplace",
    "where",
}
_TITLE_LABELS = {"title", "job title", "position", "role", "pozisyon", "unvan", "is unvani"}
_MAX_HEADING_WORDS = 8
_BULLET = re.compile(r"^(?:[-*•·▪●◦‣>+]|\d{1,2}[.)])\s")


@dataclass
class Section:
    role: Role
    heading: str
    start: int  # offset in the text
    end: int


@dataclass
class _Header:
    title: str | None = None
    company: str | None = None
    location: str | None = None
    remote_text: list[str] = field(default_factory=list)


def parse_posting(text: str, taxonomy: Taxonomy | None = None) -> ParsedPosting:
    """The posting's title, company, location, remote, salary, skills, years, degree, seniority."""
    sections = split_sections(text)
    header = _read_header(text, sections)
    required, preferred = place_skills(text, sections, taxonomy, company=header.company)
    salary = find_salary(text)
    annual = salary.annual() if salary else (None, None)
    req_lines = _lines_of(text, sections, {"required"})
    pref_lines = _lines_of(text, sections, {"preferred"})
    any_lines = _lines_of(text, sections, {"required", "duties", "preferred", "title"})
    years = find_years(req_lines) or find_years(any_lines)
    degree = find_degree(
        _lines_of(text, sections, {"required", "duties"}) if _has_sections(sections) else [text],
        pref_lines,
    )
    body = "\n".join(_lines_of(text, sections, {"required", "duties", "preferred", "ignored"}))
    return ParsedPosting(
        title=header.title,
        company=header.company,
        location=header.location,
        remote=find_remote("\n".join(header.remote_text), body),
        salary_min=annual[0],
        salary_max=annual[1],
        currency=salary.currency if salary else None,
        required_skills=required,
        preferred_skills=preferred,
        years_required=years,
        degree=degree,  # type: ignore[arg-type]
        seniority=find_seniority(header.title),  # type: ignore[arg-type]
    )


def posting_salary(text: str) -> Salary | None:
    """The salary as the posting wrote it (amounts, currency, period), before annualising."""
    return find_salary(text)


# --- sections ---------------------------------------------------------------------------------


def classify_heading(heading: str) -> Role | None:
    """The role of a section named ``heading``, or None if it is not a known section name."""
    key = fold(heading).replace("'", "").replace("’", "").strip(" :*#_-–—")
    key = re.sub(r"\s+", " ", key)
    if not key:
        return None
    if _PREFERRED_HEADINGS.search(key):
        return "preferred"
    if _IGNORED_HEADINGS.search(key) and not re.search(r"about (?:you|the role|the job)", key):
        return "ignored"
    if _REQUIRED_HEADINGS.search(key):
        return "required"
    if _DUTIES_HEADINGS.search(key):
        return "duties"
    return None


def split_sections(text: str) -> list[Section]:
    """The posting cut at its headings; the first section (role "header") is the preamble."""
    sections = [Section("header", "", 0, len(text))]
    offset = 0
    for line in text.split("\n"):
        start = offset
        offset += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        role = _heading_role(stripped, is_first=len(sections) == 1 and _before_any(text, start))
        if role is not None:
            sections[-1].end = start
            sections.append(Section(role, stripped, start, len(text)))
            continue
        for m in _inline_headings(line):
            inline_role = classify_heading(m.group(1))
            if inline_role is None:
                continue
            sections[-1].end = start + m.start(1)
            sections.append(Section(inline_role, m.group(1), start + m.start(1), len(text)))
    return sections


def _before_any(text: str, start: int) -> bool:
    return not text[:start].strip()


def _heading_role(line: str, *, is_first: bool) -> Role | None:
    """The role a line opens as a heading, or None if it is not a heading."""
    if is_first or _BULLET.match(line):
        return None  # the first line is the title; a bullet is an item, never a heading
    markdown = line.startswith("#")
    bare = line.lstrip("#").strip()
    bold = bool(re.fullmatch(r"(\*\*|__)[^*_]+(\*\*|__):?", bare))
    bare = bare.strip("*_ ").strip()
    words = bare.split()
    if not words or len(words) > _MAX_HEADING_WORDS:
        return None
    label = _LABEL.match(line)
    if label and label.group(2):
        return None  # "Company: Acme" is a field, not a heading
    role = classify_heading(bare)
    if role is not None and (markdown or bold or bare.endswith(":") or _looks_like_heading(bare)):
        return role
    if markdown or bold or (bare.endswith(":") and len(words) <= 6):
        return role or "duties"
    if bare.isupper() and len(words) <= 5 and any(c.isalpha() for c in bare):
        return role or "duties"
    return None


def _looks_like_heading(line: str) -> bool:
    """A short line without sentence punctuation: "Nice to have", "What we're looking for"."""
    return len(line.split()) <= _MAX_HEADING_WORDS and not re.search(r"[.,;!]\s|[.;!]$", line)


_INLINE = re.compile(
    r"(?:^|(?<=[.!?])\s+|\s{2,}|(?<=:)\s+)([A-Za-zÇĞİÖŞÜçğıöşü'’ -]{3,40}?):(?=\s|$)"
)


def _inline_headings(line: str) -> list[re.Match[str]]:
    """Known headings followed by ":" inside a line: "...stores.  WHAT YOU'LL DO: Build ..."."""
    if ":" not in line:
        return []
    return [m for m in _INLINE.finditer(line) if not _is_field_label(m.group(1))]


def _is_field_label(name: str) -> bool:
    key = fold(name).strip()
    return key in _COMPANY_LABELS | _LOCATION_LABELS | _TITLE_LABELS


def _has_sections(sections: list[Section]) -> bool:
    return any(s.role in ("required", "preferred", "duties") for s in sections)


def _lines_of(text: str, sections: list[Section], roles: set[str]) -> list[str]:
    lines: list[str] = []
    if not _has_sections(sections):
        return [line for line in text.split("\n") if line.strip()]
    for section in sections:
        role = section.role
        if role == "header":
            title_end = _title_end(text, section)
            if "title" in roles:
                lines.extend(text[section.start : title_end].split("\n"))
            continue
        if role in roles:
            lines.extend(
                line for line in text[section.start : section.end].split("\n") if line.strip()
            )
    return lines


def _title_end(text: str, header: Section) -> int:
    """Where the title line ends: the first non-empty line of the header."""
    stripped = text[header.start : header.end].lstrip()
    first = header.end - len(stripped) if stripped else header.start
    newline = text.find("\n", first, header.end)
    return header.end if newline < 0 else newline


# --- header fields ----------------------------------------------------------------------------


def _read_header(text: str, sections: list[Section]) -> _Header:
    header = _Header()
    preamble = sections[0]
    lines = [ln for ln in text[preamble.start : preamble.end].split("\n") if ln.strip()]
    # Labelled fields may sit anywhere ("Company: ..." under an "About" heading).
    for line in text.split("\n"):
        m = _LABEL.match(line)
        if not m or not m.group(2):
            continue
        name, value = fold(m.group(1)).strip(), _clean(m.group(2))
        if name in _COMPANY_LABELS and header.company is None:
            header.company = value
        elif name in _LOCATION_LABELS and header.location is None:
            header.remote_text.append(value)
            header.location = strip_remote(value) or value
        elif name in _TITLE_LABELS and header.title is None:
            header.title = value
    unlabelled = [ln for ln in lines if not (_LABEL.match(ln) and _LABEL.match(ln).group(2))]
    if header.title is None and unlabelled:
        header.title = _clean(unlabelled[0])
        unlabelled = unlabelled[1:]
    if header.title:
        header.title, at_company = _split_title(header.title)
        header.company = header.company or at_company
    _read_header_lines(header, unlabelled[:4])
    header.remote_text.extend(lines)
    return header


def _read_header_lines(header: _Header, lines: list[str]) -> None:
    """Company and location from lines such as "Quillstack · Chicago, IL · Hybrid"."""
    for line in lines:
        clean = _clean(line)
        if len(clean.split()) > 14 or re.search(r"[.!?]$", clean) and len(clean.split()) > 6:
            break  # prose: the header is over
        parts = [p.strip() for p in re.split(r"\s+[|·—–]\s+|\s+-\s+|\s*\|\s*", clean) if p.strip()]
        for part in parts:
            place = strip_remote(_NOISE_TAIL.sub("", part))
            if not place or _is_noise(place):
                continue
            if header.company is None and not _looks_like_place(place):
                header.company = place
            elif header.location is None and _looks_like_place(place):
                header.location = place


# LinkedIn-style tails glued to a header line: "Charlotte, NC 1 week ago", "Reposted 3 days ago".
_NOISE_TAIL = re.compile(
    r"\s*(?:\b(?:re)?posted\b.*|\b\d+\+?\s+\w+\s+ago\b.*|\bover \d+ applicants.*)$", re.IGNORECASE
)


# Legal forms that end a company's name: "Acme Inc.", "Helio Robotics GmbH", "Doğan A.Ş.".
_LEGAL_FORMS = (
    r"(?:inc|llc|llp|ltd|limited|gmbh|corp|corporation|co|plc|ag|s\.?a|b\.?v|se|oy|ab|aps|"
    r"a\.?ş|ltd\.? ?şti)\.?"
)
_COMPANY_SUFFIX = re.compile(rf"\b{_LEGAL_FORMS}$", re.I)


def _looks_like_place(text: str) -> bool:
    if _COMPANY_SUFFIX.search(text):
        return False  # "Apex Electrical Contractors, Inc." is a company
    return bool(
        re.search(r"^[A-ZÇĞİÖŞÜ][\w.'’ -]+,\s*[A-ZÇĞİÖŞÜ][\w.'’ ]+$", text)
        or re.fullmatch(r"(?i)remote|anywhere|worldwide", text)
    )


def _is_noise(text: str) -> bool:
    return bool(
        re.search(
            r"(?i)\b(?:ago|applicants?|full-time|part-time|contract|promoted|apply|save|"
            r"level|employment|schedule|start date|clearance)\b",
            text,
        )
    )


def _split_title(title: str) -> tuple[str, str | None]:
    m = re.match(r"^(.{3,80}?)\s+(?:at|@)\s+([A-Z][\w&.' -]{1,60})$", title)
    return (m.group(1).strip(), m.group(2).strip()) if m else (title, None)


def _clean(value: str) -> str:
    value = re.sub(r"^[#>\s]+", "", value)
    value = value.replace("**", "").replace("__", "")
    return " ".join(value.split()).strip(" *_:")


# --- skills -----------------------------------------------------------------------------------


def place_skills(
    text: str,
    sections: list[Section] | None = None,
    taxonomy: Taxonomy | None = None,
    *,
    company: str | None = None,
) -> tuple[list[str], list[str]]:
    """(required, preferred) canonical skill names, in order of first appearance.

    A skill inside the company's name ("Helio Robotics GmbH") is not asked for."""
    sections = sections if sections is not None else split_sections(text)
    not_asked_names = _company_spans(text, company)
    structured = _has_sections(sections)
    cues = _preferred_spans(text)
    title_end = _title_end(text, sections[0])
    required_cues = _required_spans(text)
    not_asked = _not_asked_spans(text)
    ranks: dict[str, int] = {}
    order: list[str] = []
    mentions, phrased = _mentions(text, taxonomy)
    for name, spans in mentions:
        best = 0
        for start, end in spans:
            if any(a <= start < b for a, b in not_asked):
                continue
            if (start, end) not in phrased and _names_a_team(text, start, end):
                continue  # "with data engineers" names people; "mentor engineers" is a skill
            if any(a <= start and end <= b for a, b in not_asked_names):
                continue
            best = max(
                best, _rank(text, start, sections, structured, cues, required_cues, title_end)
            )
        if best:
            ranks[name] = best
            order.append(name)
    required = [name for name in order if ranks[name] in (3, 1)]
    preferred = [name for name in order if ranks[name] == 2]
    return required, preferred


def skill_spans(
    text: str, taxonomy: Taxonomy | None = None
) -> list[tuple[str, list[tuple[int, int]]]]:
    """Every skill the posting names or describes, with each place it does so (no span twice),
    in order of first appearance: what place_skills ranks, and what the gap engine counts."""
    return [(name, sorted(set(spans))) for name, spans in _mentions(text, taxonomy)[0]]


def _mentions(
    text: str, taxonomy: Taxonomy | None
) -> tuple[list[tuple[str, list[tuple[int, int]]]], set[tuple[int, int]]]:
    """Every skill with its spans, in order of first appearance, elided and verb-phrased ones
    included ("written and verbal communication", "coordinate vendors"); and the spans that
    are verb phrases, whose objects are often people ("mentor junior engineers")."""
    taxonomy = taxonomy or load_taxonomy()
    spans: dict[str, list[tuple[int, int]]] = {}
    for mention in find_skills(text, taxonomy):
        spans[mention.skill] = list(mention.spans)
    matched = [span for found in spans.values() for span in found]
    phrased = find_phrase_skills(text, taxonomy)
    for name, span in _elided_skills(text, taxonomy, matched) + phrased:
        spans.setdefault(name, []).append(span)
    _drop_restated_acronyms(text, spans, taxonomy)
    return sorted(spans.items(), key=lambda item: min(item[1])), {span for _, span in phrased}


_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,5}")


def _other_field(taxonomy: Taxonomy, name: str, other: str) -> bool:
    skill, before = taxonomy.get(name), taxonomy.get(other)
    return bool(skill and before and skill.domain != before.domain)


def _drop_restated_acronyms(
    text: str, spans: dict[str, list[tuple[int, int]]], taxonomy: Taxonomy
) -> None:
    """ "dangerous goods (ADR)": an acronym in brackets right after a skill of another field
    abbreviates that skill, whatever else its letters stand for (ADR: dispute resolution).
    Within one field it names a kind of it: "Kubernetes (EKS)"."""
    ends = {end: name for name, found in spans.items() for _, end in found}
    for name in list(spans):
        kept = []
        for start, end in spans[name]:
            if _ACRONYM.fullmatch(text[start:end]) and text[end : end + 1] == ")":
                at = start - 1
                if at >= 0 and text[at] == "(":
                    while at > 0 and text[at - 1] == " ":
                        at -= 1
                    if _other_field(taxonomy, name, ends.get(at, name)):
                        continue
            kept.append((start, end))
        if kept:
            spans[name] = kept
        else:
            del spans[name]


# "written and verbal communication", "unit and UI testing", "clean, testable code": the first
# modifier shares the head noun of the second, so "written communication", "unit testing" and
# "clean code" are named too.
_ELLIPSIS = re.compile(
    r"\b([A-Za-z][\w+#.-]{0,40})(?:\s+(?:and|or|&|ve|veya)|,)\s+[A-Za-z][\w+#./-]{0,40}\s+"
    r"([A-Za-z][\w-]{0,40}(?:\s+[A-Za-z][\w-]{0,40})?)",
    re.IGNORECASE,
)


def _elided_skills(
    text: str, taxonomy: Taxonomy, matched: list[tuple[int, int]]
) -> list[tuple[str, tuple[int, int]]]:
    found = []
    spans = sorted(matched)
    starts = [a for a, _ in spans]
    for m in _ELLIPSIS.finditer(text):
        start, end = m.span(1)
        # the matcher's spans do not overlap: only the last one starting before can hold it
        k = bisect_left(starts, start) - 1
        if k >= 0 and spans[k][1] >= end:
            continue  # "email marketing and lifecycle campaigns": the modifier is taken
        head = m.group(2).split()
        for size in (2, 1):
            if len(head) < size:
                continue
            skill = taxonomy.get(f"{m.group(1)} {' '.join(head[:size])}")
            if skill is not None:
                found.append((skill.name, (m.start(1), m.end(1))))
                break
    return found


def _rank(
    text: str,
    pos: int,
    sections: list[Section],
    structured: bool,
    cues: list[tuple[int, int]],
    required_cues: list[tuple[int, int]],
    title_end: int,
) -> int:
    """3 = required, 2 = preferred, 1 = required by a passing mention, 0 = not asked for."""
    in_cue = any(a <= pos < b for a, b in cues)
    if not structured:
        return 2 if in_cue else 3
    section = next(s for s in reversed(sections) if s.start <= pos)
    role = section.role
    if role == "header":
        return 1 if pos < title_end else 3 if _required_field(text, pos) else 0
    if role == "ignored":
        return 0
    if role == "preferred":
        return 3 if any(a <= pos < b for a, b in required_cues) else 2
    if in_cue:
        return 2
    return 3 if role == "required" else 1


def _required_field(text: str, pos: int) -> bool:
    """A header field that asks for something: "Clearance: Secret clearance required"."""
    end = text.find("\n", pos)
    label = _LABEL.match(text[text.rfind("\n", 0, pos) + 1 : end if end >= 0 else len(text)])
    return bool(label and label.group(2) and _REQUIRED_CUE.search(label.group(2)))


def _preferred_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of clauses a cue marks preferred."""
    spans: list[tuple[int, int]] = []
    bounds = _clause_bounds(text)
    for m in _TRAILING_PREFERRED.finditer(text):
        start = bounds[bisect_right(bounds, m.start()) - 1]
        spans.append((_list_start(text, start, m.start()), m.end()))
    for m in _LEADING_PREFERRED.finditer(text):
        spans.append((m.start(), bounds[bisect_left(bounds, m.end())]))
    return spans


def _clause_bounds(text: str) -> list[int]:
    return [0, *(m.end() for m in _CLAUSE_END.finditer(text)), len(text)]


def _list_start(text: str, clause_start: int, cue: int) -> int:
    """Where the list a trailing cue applies to begins: "..., ideally remote, Kafka is a plus".

    Walk back over comma-separated items of at most three words (a list: "Kafka, RabbitMQ or
    NATS is a plus"); stop at a longer segment or one with a leading cue ("ideally remote").
    """
    pieces = text[clause_start:cue].split(",")
    if len(pieces) == 1:
        return clause_start
    start = cue - len(pieces[-1])
    for piece in reversed(pieces[:-1]):
        if len(piece.split()) > 3 or _LEADING_PREFERRED.search(piece):
            return start
        start -= len(piece) + 1
    return clause_start


def _required_spans(text: str) -> list[tuple[int, int]]:
    """Clauses inside a preferred section that say "required" or "must"."""
    bounds = _clause_bounds(text)
    return [
        (bounds[bisect_right(bounds, m.start()) - 1], bounds[bisect_left(bounds, m.end())])
        for m in _REQUIRED_CUE.finditer(text)
    ]


# "Degree in Marketing", "İşletme veya Muhasebe bölümlerinden": a field of study, not a skill.
_STUDY_FIELD = re.compile(
    r"(?:degree|diploma|bachelor'?s?|bachelor’s|master'?s?|master’s|\bB\.?Sc?\b|\bM\.?Sc?\b|"
    r"\bBA\b|\bMA\b|\bPh\.?D\b|major(?:ing)?|graduate|qualifications?(?=\s+in\b))\s*"
    r"(?:\([A-Z]{2,4}\)\s*)?"
    r"(?:in|of)\s+[^;\n]*?(?:\b(?:field|discipline|subject)s?\b|"
    # "... or a related field and at least 4 years of experience writing C": the field of
    # study ends where the sentence goes on to ask for something else.
    r"(?=;|\.\s|\n|$| or equivalent|,? preferred|\(|,? and (?:at least|\d|proven|you)\b|"
    r" with\b| plus\b))",
    re.IGNORECASE,
)
_TR_STUDY_FIELD = re.compile(r"\bbolum\w*")
# "Work closely with backend engineers", "our HR operations team": a team, not a skill.
_TEAM_NOUN = re.compile(
    r"^(?:\s+\w+){0,2}?\s+(?:engineers?|developers?|designers?|teams?|managers?|analysts?|"
    r"department|specialists?|colleagues|leads?|leaders|ops|experts?|partners?|buyers?|"
    r"stakeholders|staff|personnel|professionals)\b",
    re.IGNORECASE,
)
_TEAM_CUE = re.compile(
    r"\b(?:with|alongside|across|partner|our|join|support(?:ing)?|between|among)\b"
    r"[^.;:\n]{0,40}$"
    # "for merchandising and store ops", "selling to legal or procurement buyers": only right
    # before the mention or a list it ends, since "to" comes before most verbs ("Ability to
    # explain SQL to stakeholders").
    r"|\b(?:to|for|that|who)\s+(?:[\w-]+(?:,\s+|\s+(?:or|and|&)\s+))*$",
    re.IGNORECASE,
)


def _not_asked_spans(text: str) -> list[tuple[int, int]]:
    """Ranges that name a field of study ("degree in Marketing"), where skills are not asked."""
    spans = [m.span() for m in _STUDY_FIELD.finditer(text)]
    if "löm" in text or "lüm" in text or "bolum" in text.lower():
        folded = fold(text)
        if len(folded) == len(text):  # offsets agree, so the spans point into `text`
            for m in _TR_STUDY_FIELD.finditer(folded):
                line_start = (
                    max(folded.rfind("\n", 0, m.start()), folded.rfind(";", 0, m.start())) + 1
                )
                spans.append((line_start, m.end()))
    return spans


_LEGAL_FORM = re.compile(rf"[\s,]+{_LEGAL_FORMS}$", re.I)


def _company_spans(text: str, company: str | None) -> list[tuple[int, int]]:
    """Where the company's name stands, with or without its legal form ("Helio Robotics")."""
    if not company:
        return []
    names = {company.strip(), _LEGAL_FORM.sub("", company.strip())}
    spans = []
    for name in names:
        if len(name.split()) < 2:
            continue  # "Docker" hiring for Docker: a one-word name may be the skill itself
        spans.extend(m.span() for m in re.finditer(re.escape(name), text))
    return spans


def _names_a_team(text: str, start: int, end: int) -> bool:
    """Whether the mention names people to work with: "with data engineers", "our HR ops team"."""
    return bool(
        _TEAM_NOUN.match(text[end : end + 40])
        and _TEAM_CUE.search(text[max(0, start - 60) : start])
    )
