"""The offline CV parser: a CV's text in, a ParsedCV out, with no model and no I/O.

    parsed = parse_cv(document.text)

How it reads a CV (see cv_sections for the headings and the job lines):

- contact: the e-mail, phone and links anywhere near the top; the name is the first line
  that is not contact or a heading; the headline the short line after it; the location the
  "City, Country" part of the contact line.
- experience, education, projects, certifications: from their sections, one entry per dated
  line (or per line, for projects and certifications).
- skills: every skill of the taxonomy named in the CV (skill_matcher.find_skills), except
  where the name is only part of an employer or school ("Bluefin Logistics"), plus the items
  of the skills section the taxonomy does not know ("Dovetail"). A level is set only when
  the CV states one next to the skill ("Python (expert)", "Advanced: SQL", "5 years of Go").
- languages: the human languages named (English, Türkçe, ...), not counted as skills.

Best effort and honest about it: what it cannot place stays out rather than being guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from careercoach.analysis.cv_sections import (
    JobDraft,
    Line,
    Section,
    clean_markup,
    has_title_word,
    heading_kind,
    read_experience,
    split_lines,
    split_sections,
    tidy,
    words,
)
from careercoach.analysis.dates import find_dates, find_ranges, fold_same_length
from careercoach.analysis.schemas import (
    CertificationEntry,
    Contact,
    DegreeLevel,
    EducationEntry,
    ExperienceEntry,
    Level,
    ParsedCV,
    ProjectEntry,
    SkillClaim,
)
from careercoach.analysis.skill_matcher import SkillMention, find_skills
from careercoach.analysis.skill_phrases import find_phrase_skills
from careercoach.analysis.taxonomy import Taxonomy, load_taxonomy

EVIDENCE_CHARS = 160
# Bounded and anchored at a word start, so a long run of letters cannot make it crawl.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s|,;<>()]+|\b(?:linkedin\.com|github\.com|gitlab\.com|behance\.net"
    r"|dribbble\.com|medium\.com|stackoverflow\.com)/[^\s|,;<>()]+",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().-]{6,18}\d(?![\w])")
_PHONE_CUE = re.compile(r"\b(?:phone|tel|mobile|cell|telefon|cep|gsm|tél|teléfono|móvil)\b", re.I)
_PARTS = re.compile(r"\s*(?:\||·|•|\s-\s|\s–\s|\s—\s|\t)\s*")
_LOCATION_LABEL = re.compile(
    r"^(?:location|address|adres|konum|ort|adresse|ubicación|dirección|lieu)\s*:\s*(.+)$", re.I
)
_NAME_OK = re.compile(r"^[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,4}$")

# Degree spellings, folded, in the order they are tried: "yüksek lisans" before "lisans".
_DEGREES: tuple[tuple[DegreeLevel, str], ...] = (
    (
        "phd",
        r"ph\.?\s?d\.?|d\.?phil|doctor of philosophy|doctorate|doktora|doctorado|doctorat"
        r"|promotion|dr\. rer\. nat\.",
    ),
    (
        "master",
        r"yuksek lisans|master(?:'?s)?(?: of (?:science|arts|engineering|business "
        r"administration|laws|education|fine arts|technology|philosophy))?"
        r"|m\.?\s?sc\.?|m\.?\s?eng\.?|mba|mphil|mres|ll\.?m\.?|m\.?ed\.?|m\.?s\.?|m\.?a\.?"
        r"|mastere|maestria|magister|diplom-ingenieur|diplome d'ingenieur|diplom"
        r"|ingenieur diplome",
    ),
    (
        "associate",
        r"on ?lisans|associate(?:'?s)?(?: degree| of \w+)?|a\.?a\.?s\.?|hnd"
        r"|foundation degree",
    ),
    (
        "bachelor",
        r"bachelor(?:'?s)?(?: of (?:science|arts|engineering|business administration"
        r"|laws|education|fine arts|technology|commerce|applied science))?"
        r"|b\.?\s?sc\.?\s?n?|b\.?\s?eng\.?|bba|b\.?\s?com|llb|b\.?\s?tech|b\.?s\.?"
        r"|b\.?a\.?|lisans|licenciatura|grado|licence|laurea",
    ),
    (
        "high_school",
        r"high school|lise diplomasi|secondary school|a-levels?|abitur"
        r"|baccalaureat|bachillerato|gcse",
    ),
)
_DEGREE_RES = tuple(
    (level, re.compile(rf"(?<![\w.])(?:{pattern})(?![\w])")) for level, pattern in _DEGREES
)
_INSTITUTION = re.compile(
    r"\b(?:univ\w*|college|institut\w*|school|academ\w*|akademi\w*|hochschule|polytechn\w*"
    r"|politecn\w*|escuela|ecole|lisesi|lycee|gymnasium|fakult\w*|faculty|iit|iim|insa"
    r"|conservato\w*)\b"
)
_HIGH_SCHOOL = re.compile(r"\b(?:high school|lisesi|lycee|gymnasium|secondary school)\b")
_CERT_WORDS = re.compile(r"\b(?:certified|certificate|certification|sertifika\w*|zertifi\w*)\b")
_ISSUERS = (
    "AWS",
    "Amazon",
    "Google",
    "Microsoft",
    "Oracle",
    "Cisco",
    "CompTIA",
    "PMI",
    "Scrum Alliance",
    "Scrum.org",
    "ISC2",
    "(ISC)²",
    "ISACA",
    "Salesforce",
    "Red Hat",
    "HashiCorp",
    "Linux Foundation",
    "CNCF",
    "IBM",
    "SAP",
    "Meta",
    "Databricks",
    "Snowflake",
    "Coursera",
)

# Level words next to a skill, folded; the first level whose word is present wins.
_LEVEL_WORDS: tuple[tuple[Level, tuple[str, ...]], ...] = (
    (
        "expert",
        (
            "expert",
            "mastery",
            "uzman",
            "experte",
            "experto",
            "native",
            "anadil",
            "mother tongue",
            "bilingual",
            "c2",
        ),
    ),
    (
        "advanced",
        (
            "advanced",
            "proficient",
            "proficiency",
            "fluent",
            "ileri",
            "akici",
            "fortgeschritten",
            "verhandlungssicher",
            "avanzado",
            "avance",
            "c1",
        ),
    ),
    (
        "intermediate",
        (
            "intermediate",
            "working knowledge",
            "orta",
            "b1",
            "b2",
            "intermedio",
            "intermediaire",
            "conversational",
            "gute kenntnisse",
        ),
    ),
    (
        "beginner",
        (
            "beginner",
            "basic",
            "basics",
            "familiar",
            "elementary",
            "baslangic",
            "temel",
            "grundkenntnisse",
            "basico",
            "notions",
            "a1",
            "a2",
        ),
    ),
)
_LEVEL_RES = tuple(
    (level, re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, cues)) + r")(?!\w)"))
    for level, cues in _LEVEL_WORDS
)
_YEARS_LEVELS: tuple[tuple[float, Level], ...] = (
    (1, "beginner"),
    (3, "intermediate"),
    (6, "advanced"),
    (float("inf"), "expert"),
)
_YEARS = re.compile(r"(\d{1,2}(?:[.,]\d)?)\s*\+?\s*(?:years?|yrs?|yil|jahre?n?|anos|ans)\b")
_ITEM_DELIMITERS = ",;•|·"
_ENTRY_KINDS = (
    "experience",
    "education",
    "skills",
    "projects",
    "certifications",
    "summary",
    "languages",
)


def parse_cv(text: str, taxonomy: Taxonomy | None = None) -> ParsedCV:
    """Read a CV's text (as read_document gives it) into a ParsedCV, offline."""
    if not text.strip():
        return ParsedCV()
    taxonomy = taxonomy or load_taxonomy()
    sections = split_sections(text)
    lines = {kind: _lines_of(sections, kind) for kind in ("header", *_ENTRY_KINDS)}
    if len(sections) == 1:  # no headings at all: look for entries everywhere
        lines = _guess_sections(lines["header"])
    contact, headline, leftover = _contact(text, lines["header"])
    jobs = read_experience(lines["experience"])
    education, schools = _education(lines["education"])
    certifications = _certifications(lines["certifications"])
    certifications += _certifications([ln for ln in leftover if _is_cert_line(ln.text)])
    summary = " ".join(ln.text for ln in lines["summary"]) or _summary(leftover)
    excluded = _excluded_spans(text, jobs, schools, contact)
    skills, languages = _skills(text, taxonomy, excluded, lines["skills"], lines["languages"])
    skills = [s for s in skills if not _is_listed_cert(s.name, certifications, taxonomy)]
    return ParsedCV(
        contact=contact,
        headline=headline,
        summary=summary or None,
        skills=skills,
        education=education,
        experience=[_entry(job) for job in jobs],
        projects=_projects(lines["projects"], text, taxonomy),
        certifications=certifications,
        languages=languages,
    )


def _is_listed_cert(
    name: str, certifications: list[CertificationEntry], taxonomy: Taxonomy
) -> bool:
    """A certification the CV lists as one is not also a skill."""
    skill = taxonomy.get(name)
    if skill is None or skill.category != "certification":
        return False
    forms = [fold_same_length(f) for f in skill.forms]
    return any(f in fold_same_length(c.name) for c in certifications for f in forms)


def _lines_of(sections: list[Section], kind: str) -> list[Line]:
    return [line for s in sections if s.kind == kind for line in s.lines]


def _guess_sections(header: list[Line]) -> dict[str, list[Line]]:
    """A CV without headings: dated lines with a degree are education, the rest experience."""
    guessed: dict[str, list[Line]] = {kind: [] for kind in ("header", *_ENTRY_KINDS)}
    target = "header"
    for line in header:
        dated = bool(find_ranges(line.text))
        if dated and (_degree(line.text) or _INSTITUTION.search(fold_same_length(line.text))):
            target = "education"
        elif dated and has_title_word(line.text):
            target = "experience"
        elif target == "education" and not dated and not line.bullet:
            target = "header"  # a school is one line; what follows is something else
        guessed[target].append(line)
    return guessed


# --- contact and headline ---------------------------------------------------------------------


@dataclass
class _Top:
    """What the lines at the top of a CV have given so far."""

    phone: str | None
    name: str | None = None
    headline: str | None = None
    location: str | None = None

    def is_contact(self, text: str) -> bool:
        return bool(_EMAIL.search(text) or _URL.search(text) or (self.phone and self.phone in text))


def _contact(text: str, header: list[Line]) -> tuple[Contact, str | None, list[Line]]:
    """Contact details, the headline and the header lines that are neither."""
    top = header if header else split_lines(text)[:6]
    phone = _phone(top) or _phone([ln for ln in split_lines(text) if _PHONE_CUE.search(ln.text)])
    found = _Top(phone)
    leftover = [line for line in top if not _read_top_line(line, found)]
    links = (_trim(m.group()) for m in _URL.finditer(text) if "@" not in m.group())
    contact = Contact(
        name=found.name,
        email=_first(_EMAIL, text),
        phone=phone,
        location=found.location,
        links=list(dict.fromkeys(links)),
    )
    return contact, found.headline, leftover if header else []


def _read_top_line(line: Line, found: _Top) -> bool:
    """Take what `line` gives (name, headline, location); False if it is none of them."""
    parts = [p for p in _PARTS.split(line.text) if p.strip()] or [line.text]
    short_parts = len(parts) > 1 and all(len(p.split()) <= 4 for p in parts)
    if found.is_contact(line.text) or (found.name and short_parts):
        for part in parts:
            if not found.is_contact(part):
                _read_contact_part(part, found)
        return True
    if found.name is None and _looks_like_name(parts[0]):
        found.name = _name_case(tidy(parts[0]))
        if len(parts) > 1 and has_title_word(parts[1]):
            found.headline = tidy(parts[1])
        return True
    labelled = _LOCATION_LABEL.match(line.text)
    if labelled:
        found.location = found.location or tidy(labelled.group(1))
        return True
    if found.name and found.headline is None and _looks_like_headline(line.text):
        found.headline = tidy(line.text)
        return True
    return False


def _read_contact_part(part: str, found: _Top) -> None:
    """One part of "Title · City, Country | Location: ..." that is not an e-mail or phone."""
    labelled = _LOCATION_LABEL.match(part)
    if labelled:
        found.location = found.location or tidy(labelled.group(1))
    elif has_title_word(part) and found.headline is None:
        found.headline = tidy(part)
    elif found.location is None and _looks_like_place(part):
        found.location = tidy(part)


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group() if match else None


def _trim(url: str) -> str:
    return url.rstrip(".,;:)")


def _phone(lines: list[Line]) -> str | None:
    for line in lines:
        for match in _PHONE.finditer(line.text):
            candidate = match.group().strip()
            digits = re.sub(r"\D", "", candidate)
            if 8 <= len(digits) <= 15 and not find_ranges(candidate) and not find_dates(candidate):
                return candidate
    return None


def _looks_like_name(text: str) -> bool:
    text = tidy(text)
    if not _NAME_OK.match(text) or len(text.split()) < 2 or heading_kind(text):
        return False
    return not has_title_word(text) and not find_dates(text)


def _name_case(name: str) -> str:
    """ "AMARA NWOSU" → "Amara Nwosu"; names already in mixed case stay as written."""
    if not name.isupper():
        return name
    return " ".join(w[:1] + w[1:].lower() for w in name.split())


def _looks_like_place(text: str) -> bool:
    text = tidy(text)
    return (
        0 < len(text.split()) <= 5
        and not re.search(r"\d{3,}", text)
        and text[:1].isupper()
        and not has_title_word(text)
    )


def _looks_like_headline(text: str) -> bool:
    return len(text.split()) <= 12 and not text.rstrip().endswith(".") and not find_ranges(text)


def _summary(leftover: list[Line]) -> str | None:
    """A paragraph in the header (no "Summary" heading) is the summary."""
    prose = [ln.text for ln in leftover if len(ln.text.split()) >= 8 and not ln.bullet]
    return " ".join(prose) or None


# --- education, certifications, projects -----------------------------------------------------


def _degree(text: str) -> tuple[DegreeLevel, tuple[int, int]] | None:
    """(level, span) of the first degree named in `text` ("BSc", "Yüksek Lisans", "MBA")."""
    folded = fold_same_length(text)
    for level, pattern in _DEGREE_RES:
        match = pattern.search(folded)
        if match:
            return level, match.span()
    return None


def degree_level(text: str) -> DegreeLevel | None:
    """The level (bachelor, master, phd, ...) of a degree as written, or None."""
    found = _degree(text)
    return found[0] if found else None


def _education(lines: list[Line]) -> tuple[list[EducationEntry], list[tuple[Line, str]]]:
    """Schools: each dated line closes an entry with the undated lines just before it."""
    entries: list[EducationEntry] = []
    schools: list[tuple[Line, str]] = []
    buffer: list[Line] = []
    for line in lines:
        buffer.append(line)
        if find_ranges(line.text) or find_dates(line.text):
            entry = _school(buffer)
            if entry is not None:
                entries.append(entry)
                schools.append((buffer[0], entry.institution))
            buffer = []
        elif (
            line.bullet
            and not _degree(line.text)
            and not _INSTITUTION.search(fold_same_length(line.text))
        ):
            buffer.remove(line)  # a detail such as "GPA 3.8" or a thesis title
    if buffer and any(
        _degree(ln.text) or _INSTITUTION.search(fold_same_length(ln.text)) for ln in buffer
    ):
        entry = _school(buffer)
        if entry is not None:
            entries.append(entry)
            schools.append((buffer[0], entry.institution))
    return entries, schools


def _school(lines: list[Line]) -> EducationEntry | None:
    text = " | ".join(ln.text for ln in lines)
    ranges = find_ranges(text)
    start = end = None
    if ranges:
        start, end = ranges[0].start, ranges[0].end
        text = text[: ranges[0].span[0]] + text[ranges[0].span[1] :]
    else:
        dates = find_dates(text)
        if dates:
            end = dates[-1][0]
            text = text[: dates[-1][1][0]] + text[dates[-1][1][1] :]
    parts = [tidy(p) for p in re.split(r"\s*(?:,|\||\(|\)|\s[—–-]\s)\s*", text)]
    parts = [p for p in parts if re.search(r"[^\W\d_]", p)]
    if not parts:
        return None
    degree_part = next((p for p in parts if _degree(p)), None)
    schools = [p for p in parts if _INSTITUTION.search(fold_same_length(p))]
    institution = max(schools, key=lambda p: len(p.split()), default=None)
    if institution is None:
        institution = next((p for p in parts if p != degree_part), None)
    if institution is None:
        return None
    degree = field_of_study = level = None
    found = _degree(degree_part) if degree_part and degree_part != institution else None
    if degree_part and found:
        level, span = found
        degree = degree_part[span[0] : span[1]]
        rest = tidy(degree_part[: span[0]] + " " + degree_part[span[1] :])
        rest = re.sub(r"^(?:in|of|en|de|im)\s+", "", rest)
        field_of_study = rest or None
    if level is None and _HIGH_SCHOOL.search(fold_same_length(institution)):
        level = "high_school"
    return EducationEntry(
        institution=institution,
        degree=degree,
        level=level,
        field_of_study=field_of_study,
        start=start,
        end=end,
    )


def _is_cert_line(text: str) -> bool:
    return bool(_CERT_WORDS.search(fold_same_length(text))) and len(text.split()) <= 14


def _certifications(lines: list[Line]) -> list[CertificationEntry]:
    out: list[CertificationEntry] = []
    for line in lines:
        text = line.text
        date = None
        dates = find_dates(text)
        if dates:
            date, (a, b) = dates[-1]
            text = text[:a] + text[b:]
        issuer = None
        by = re.search(r"\s(?:issued by|by|from|—|\|)\s+(.+)$", text)
        if by:
            issuer, text = tidy(by.group(1)), text[: by.start()]
        name = tidy(text)
        if issuer is None:
            issuer = next((i for i in _ISSUERS if name.startswith(i + " ")), None)
        if name and re.search(r"[^\W\d_]", name):
            out.append(CertificationEntry(name=name, issuer=issuer, date=date))
    return out


def _projects(lines: list[Line], text: str, taxonomy: Taxonomy) -> list[ProjectEntry]:
    """One project per bullet or per line; a short undated line over bullets is a name."""
    drafts: list[tuple[str, list[str], Line]] = []
    for i, line in enumerate(lines):
        body = line.text
        label = re.match(
            r"^(?:tech(?:nologies|nology)?|stack|tools|teknolojiler|built with)"
            r"\s*:\s*(.+)$",
            body,
            re.I,
        )
        if label and drafts:
            drafts[-1][1].append(label.group(1))
            continue
        next_is_bullet = i + 1 < len(lines) and lines[i + 1].bullet
        if drafts and line.bullet and drafts[-1][2].bullet is False and not drafts[-1][1]:
            drafts[-1][1].append(body)  # a bullet under a project name describes it
            continue
        if drafts and not line.bullet and drafts[-1][1] and body[:1].islower():
            drafts[-1][1][-1] += " " + body
            continue
        if not line.bullet and next_is_bullet and len(body.split()) <= 8:
            drafts.append((body, [], line))
            continue
        drafts.append((body, [], Line(body, line.start, True)))
    return [_project(head, details, taxonomy) for head, details, _ in drafts]


def _project(head: str, details: list[str], taxonomy: Taxonomy) -> ProjectEntry:
    url = _first(_URL, " ".join([head, *details]))
    clean = tidy(_URL.sub("", head))
    name, description = clean, " ".join(details) or None
    for sep in (" — ", " – ", ": ", " | ", " - "):
        first, found, rest = clean.partition(sep)
        if found and len(first.split()) <= 8 and rest.strip():
            name, description = tidy(first), " ".join([rest.strip(), *details])
            break
    else:
        if len(clean.split()) > 8:
            name = _shorten_words(clean, 8)
            description = " ".join([clean, *details])
    for _, (a, b) in reversed(find_dates(name)):
        name = tidy(name[:a] + name[b:])
    tech_text = " ".join([head, *details])
    technologies = [
        m.skill for m in find_skills(tech_text, taxonomy) if m.category in ("technical", "tool")
    ]
    return ProjectEntry(
        name=name or clean,
        description=description,
        technologies=technologies,
        url=_trim(url) if url else None,
    )


def _shorten_words(text: str, count: int) -> str:
    cut = text.split()
    return " ".join(cut[:count]).rstrip(",.;:") + ("…" if len(cut) > count else "")


def _entry(job: JobDraft) -> ExperienceEntry:
    return ExperienceEntry(
        title=job.title,
        employer=job.employer or None,
        start=job.start,
        end=job.end,
        current=job.current,
        achievements=[a for a in job.achievements if a],
    )


# --- skills -----------------------------------------------------------------------------------


def _excluded_spans(
    text: str, jobs: list[JobDraft], schools: list[tuple[Line, str]], contact: Contact
) -> list[tuple[int, int]]:
    """Where a skill name is only part of a proper name: employers, schools, the person."""
    spans: list[tuple[int, int]] = []
    named = [(job.line, job.employer) for job in jobs if job.employer]
    named += [(line, school) for line, school in schools]
    for line, value in named:
        at = text.find(value, line.start)
        if at >= 0:
            spans.append((at, at + len(value)))
    if contact.name:
        at = text.find(contact.name)
        if at >= 0:
            spans.append((at, at + len(contact.name)))
    return spans


def _skills(
    text: str,
    taxonomy: Taxonomy,
    excluded: list[tuple[int, int]],
    skill_lines: list[Line],
    language_lines: list[Line],
) -> tuple[list[SkillClaim], list[str]]:
    claims: dict[str, SkillClaim] = {}
    languages: list[str] = []
    covered: list[tuple[int, int]] = []
    for mention in find_skills(text, taxonomy):
        spans = [s for s in mention.spans if not any(a <= s[0] and s[1] <= b for a, b in excluded)]
        if not spans:
            continue
        covered.extend(mention.spans)
        if mention.category == "language":
            languages.append(mention.skill)
            continue
        claims[mention.skill.casefold()] = _claim(text, mention, spans)
    # Skills shown by what the person did, as the posting parser reads them: "Deployed models
    # to production" is Model Deployment, "Managed inventory" Inventory Management.
    for name, span in find_phrase_skills(text, taxonomy):
        if any(a <= span[0] and span[1] <= b for a, b in excluded):
            continue
        claims.setdefault(
            name.casefold(), SkillClaim(name=name, level=None, evidence=_evidence(text, span))
        )
    for name, evidence, level in _listed_items(skill_lines, covered):
        known = taxonomy.get(name)
        canonical = known.name if known else name
        if known and known.category == "language":
            continue
        claims.setdefault(
            canonical.casefold(),
            SkillClaim(name=canonical, level=level, evidence=_shorten(evidence)),
        )
    for name, _, _ in _listed_items(language_lines, covered):
        if len(name.split()) <= 2 and name not in languages:
            languages.append(name)
    return list(claims.values()), languages


def _claim(text: str, mention: SkillMention, spans: list[tuple[int, int]]) -> SkillClaim:
    level = None
    for start, end in spans:
        level = _stated_level(text, start, end)
        if level:
            break
    return SkillClaim(name=mention.skill, level=level, evidence=_evidence(text, _best(text, spans)))


def _best(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """The span whose line shows the skill in use (a sentence) rather than in a bare list."""
    for span in spans:
        if len(_line_around(text, *span)[0].split()) >= 5:
            return span
    return spans[0]


def _line_around(text: str, start: int, end: int) -> tuple[str, int]:
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return text[left : right if right >= 0 else len(text)], left


def _evidence(text: str, span: tuple[int, int]) -> str:
    line, left = _line_around(text, *span)
    line = clean_markup(line.strip().lstrip("-*• ").strip())
    if len(line) <= EVIDENCE_CHARS:
        return line
    at = max(0, span[0] - left - EVIDENCE_CHARS // 2)
    return "…" + line[at : at + EVIDENCE_CHARS].strip() + "…"


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1] + "…"


def _stated_level(text: str, start: int, end: int) -> Level | None:
    """The level the CV states for the skill at text[start:end], or None.

    Looked for in the skill's own list item ("Python (expert)", "Go – 5 years"), in a
    label before it on its line ("Advanced: SQL, dbt"), and in the three words just before
    it ("proficient in Python"); never anywhere else on the line.
    """
    line, left = _line_around(text, start, end)
    s, e = start - left, end - left
    item_start = max(line.rfind(d, 0, s) for d in _ITEM_DELIMITERS) + 1
    ends = [i for i in (line.find(d, e) for d in _ITEM_DELIMITERS) if i >= 0]
    item_end = min(ends) if ends else len(line)
    item = line[item_start:item_end]
    places = [line[e:item_end]]
    if len(item.split()) <= 6:
        places.append(line[item_start:s])
    label, colon, _ = line[:s].rpartition(":")
    if colon and len(label.split()) <= 4:
        places.append(label)
    before = line[max(line.rfind(d, 0, s) for d in _ITEM_DELIMITERS + "()") + 1 : s]
    places.append(" ".join(before.split()[-3:]))
    for place in places:
        level = _level_in(place)
        if level:
            return level
    return None


def _level_in(place: str) -> Level | None:
    folded = " ".join(words(place))
    for level, pattern in _LEVEL_RES:
        if pattern.search(folded):
            return level
    years = _YEARS.search(folded)
    if years is None:
        return None
    count = float(years.group(1).replace(",", "."))
    # Years of use as a level: under 1 beginner, under 3 intermediate, under 6 advanced.
    return next(level for limit, level in _YEARS_LEVELS if count < limit)


def _listed_items(
    lines: list[Line], covered: list[tuple[int, int]]
) -> list[tuple[str, str, Level | None]]:
    """Items of a list section the taxonomy did not match: (name, line, stated level)."""
    out: list[tuple[str, str, Level | None]] = []
    for line in lines:
        body = line.text
        offset = 0
        label, colon, rest = body.partition(":")
        if colon and len(label.split()) <= 3 and rest.strip():
            offset = len(label) + 1
        for match in re.finditer(r"[^,;•|·]+", body[offset:]):
            raw = match.group()
            name = tidy(re.sub(r"\([^)]*\)", "", raw))
            if not name or len(name.split()) > 4 or len(name) > 40 or name.endswith("."):
                continue
            if not re.search(r"[^\W\d_]", name):
                continue
            at = line.start + offset + match.start()
            if any(a < at + len(raw) and at < b for a, b in covered):
                continue
            out.append((name, body, _level_in(raw.replace(name, " "))))
    return out
