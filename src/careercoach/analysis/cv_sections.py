"""Split a CV's text into its sections by their headings, in several languages.

A heading is a short line whose words, folded ("İş Deneyimi" → "is deneyimi"), are one of the
known headings below, optionally with Markdown marks ("## Skills", "**Education**") or a
trailing colon. "Skills: Python, SQL" opens the skills section and keeps "Python, SQL" as
its first line. Everything before the first heading is the "header" (name, headline,
contact). Unknown headings ("References", "Hobbies") close the section before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from careercoach.analysis.dates import fold_same_length

_HEADINGS: dict[str, tuple[str, ...]] = {
    "experience": (
        "experience",
        "work experience",
        "professional experience",
        "work history",
        "employment",
        "employment history",
        "career history",
        "relevant experience",
        "experience and employment",
        "professional background",
        "career",
        "deneyim",
        "deneyimler",
        "is deneyimi",
        "is deneyimleri",
        "profesyonel deneyim",
        "is tecrubesi",
        "tecrube",
        "tecrubeler",
        "calisma deneyimi",
        "kariyer",
        "berufserfahrung",
        "erfahrung",
        "beruflicher werdegang",
        "praxiserfahrung",
        "experiencia",
        "experiencia laboral",
        "experiencia profesional",
        "experience professionnelle",
        "experiences professionnelles",
        "experiences",
        "parcours professionnel",
    ),
    "education": (
        "education",
        "academic background",
        "education and training",
        "academic history",
        "qualifications",
        "egitim",
        "egitim bilgileri",
        "ogrenim",
        "ogrenim durumu",
        "ausbildung",
        "bildung",
        "studium",
        "bildungsweg",
        "akademische ausbildung",
        "educacion",
        "formacion",
        "formacion academica",
        "estudios",
        "formation",
        "education et formation",
        "etudes",
        "formation academique",
    ),
    "skills": (
        "skills",
        "technical skills",
        "core skills",
        "key skills",
        "skills and tools",
        "competencies",
        "core competencies",
        "technologies",
        "tech stack",
        "tools",
        "expertise",
        "areas of expertise",
        "skills & tools",
        "technical expertise",
        "yetenekler",
        "beceriler",
        "yetkinlikler",
        "teknik beceriler",
        "teknik yetenekler",
        "teknik bilgiler",
        "kenntnisse",
        "fahigkeiten",
        "kompetenzen",
        "it-kenntnisse",
        "fachkenntnisse",
        "habilidades",
        "competencias",
        "aptitudes",
        "conocimientos",
        "competences",
        "competences techniques",
        "savoir-faire",
    ),
    "projects": (
        "projects",
        "personal projects",
        "selected projects",
        "side projects",
        "key projects",
        "projeler",
        "projelerim",
        "projekte",
        "proyectos",
        "projets",
    ),
    "certifications": (
        "certifications",
        "certificates",
        "certification",
        "licenses and certifications",
        "licenses & certifications",
        "licences and certifications",
        "courses and certifications",
        "sertifikalar",
        "sertifikalar ve kurslar",
        "belgeler",
        "zertifikate",
        "zertifizierungen",
        "certificaciones",
        "certificados",
        "certificats",
    ),
    "summary": (
        "summary",
        "profile",
        "professional summary",
        "about",
        "about me",
        "objective",
        "career objective",
        "overview",
        "personal statement",
        "professional profile",
        "ozet",
        "hakkimda",
        "profil",
        "kariyer hedefi",
        "ozgecmis ozeti",
        "zusammenfassung",
        "uber mich",
        "kurzprofil",
        "perfil",
        "resumen",
        "sobre mi",
        "perfil profesional",
        "a propos",
        "a propos de moi",
    ),
    "languages": (
        "languages",
        "language skills",
        "spoken languages",
        "diller",
        "yabanci diller",
        "yabanci dil",
        "dil bilgisi",
        "sprachen",
        "sprachkenntnisse",
        "idiomas",
        "langues",
    ),
    "other": (
        "interests",
        "hobbies",
        "references",
        "awards",
        "honors",
        "honours",
        "publications",
        "volunteering",
        "volunteer experience",
        "activities",
        "achievements",
        "awards and honors",
        "ilgi alanlari",
        "hobiler",
        "referanslar",
        "oduller",
        "yayinlar",
        "gonulluluk",
        "interessen",
        "hobbys",
        "referenzen",
        "intereses",
        "referencias",
        "centres d'interet",
        "references professionnelles",
        "loisirs",
    ),
}
_KIND_OF = {name: kind for kind, names in _HEADINGS.items() for name in names}
_MAX_HEADING_WORDS = 5
_BULLET = re.compile(r"^\s*(?:[-*•▪●◦‣➢►>–·]|\d{1,2}[.)])\s+")
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s*")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


@dataclass
class Line:
    """One line of the CV: cleaned text and where it starts in the original."""

    text: str
    start: int
    bullet: bool = False


@dataclass
class Section:
    kind: str  # header | experience | education | skills | ... | other
    heading: str | None
    lines: list[Line] = field(default_factory=list)


def clean_markup(text: str) -> str:
    """A line without Markdown heading marks and emphasis: "### **Acme**" → "Acme"."""
    text = _MARKDOWN_HEADING.sub("", text)
    return _EMPHASIS.sub(r"\2", text).strip()


def heading_key(text: str) -> str:
    """The folded form a heading is looked up by: "İŞ DENEYİMİ:" → "is deneyimi"."""
    folded = fold_same_length(clean_markup(text)).strip().rstrip(":").strip()
    folded = folded.replace("&", "and") if folded.replace("&", "and") in _KIND_OF else folded
    return " ".join(folded.split())


def heading_kind(text: str) -> str | None:
    """The section a line opens ("experience", "skills", ...), or None if it is no heading."""
    if len(text) > 60 or len(text.split()) > _MAX_HEADING_WORDS:
        return None
    return _KIND_OF.get(heading_key(text))


def _inline_heading(text: str) -> tuple[str, str] | None:
    """("skills", "Python, SQL") for "Skills: Python, SQL"; None otherwise."""
    head, colon, rest = text.partition(":")
    if not colon or not rest.strip():
        return None
    kind = heading_kind(head)
    return (kind, rest.strip()) if kind else None


def split_lines(text: str) -> list[Line]:
    """The non-blank lines with their offsets; bullets marked and their glyph removed."""
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        start = pos
        pos += len(raw) + 1
        if not raw.strip():
            continue
        bullet = _BULLET.match(raw)
        body = raw[bullet.end() :] if bullet else raw
        offset = start + (bullet.end() if bullet else 0)
        offset += len(body) - len(body.lstrip())
        lines.append(Line(clean_markup(body), offset, bullet is not None))
    return lines


def split_sections(text: str) -> list[Section]:
    """The CV as sections in order; the first is always the header (maybe empty)."""
    sections = [Section("header", None)]
    for line in split_lines(text):
        kind = None if line.bullet else heading_kind(line.text)
        if kind is not None:
            sections.append(Section(kind, line.text))
            continue
        inline = None if line.bullet else _inline_heading(line.text)
        if inline is not None:
            kind, rest = inline
            sections.append(Section(kind, line.text.partition(":")[0]))
            sections[-1].lines.append(Line(rest, line.start + line.text.index(rest)))
            continue
        sections[-1].lines.append(line)
    return sections


# --- reading the entries of a section ---------------------------------------------------------


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Folded words (Turkish ones with their usual endings) that end a job title.
_TITLE_WORDS = _word_set(
    """engineer developer analyst manager designer researcher scientist consultant
    administrator assistant specialist intern nurse architect lead director officer
    coordinator technician teacher lecturer accountant head executive representative advisor
    adviser owner founder cofounder co-founder cto ceo cfo coo programmer tester writer editor
    operator supervisor trainee apprentice fellow president vp partner auditor economist
    statistician physician doctor pharmacist therapist clerk agent strategist marketer recruiter
    sre devops associate professor instructor tutor chef pilot controller planner buyer
    librarian journalist lawyer attorney paralegal secretary receptionist cashier driver
    mechanic electrician scrum master owner principal staff
    bilimci bilimcisi analist analisti uzman uzmani yonetici yoneticisi mudur muduru
    stajyer stajyeri danisman danismani arastirmaci arastirmacisi asistan asistani ogretmen
    ogretmeni hemsire sef direktor direktoru lider lideri mimar mimari sorumlu sorumlusu
    tasarimci tasarimcisi muhendis muhendisi gelistirici gelistiricisi
    ingenieur ingenieurin entwickler entwicklerin berater beraterin leiter leiterin praktikant
    praktikantin werkstudent referent sachbearbeiter
    ingeniero ingeniera desarrollador desarrolladora analista gerente jefe jefa consultor
    consultora disenador disenadora becario becaria cientifico cientifica
    ingenieur developpeur developpeuse analyste stagiaire responsable charge chargee
    directeur directrice chercheur chercheuse"""
)
_TABLE_EMPLOYER = _word_set(
    "employer company organisation organization firm sirket firma kurum arbeitgeber "
    "unternehmen empresa entreprise societe"
)
_TABLE_TITLE = _word_set(
    "role title position job pozisyon unvan gorev rolle stelle puesto cargo poste fonction"
)
_SEPARATORS = (" — ", " – ", " | ", " @ ", " at ", " bei ", " chez ", ", ", " - ", " / ")
_SENTENCE_END = tuple(".!?;:")
_STRIP = " \t,;:|-–—()[]*·•"


def words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", fold_same_length(text))


def has_title_word(text: str) -> bool:
    """Whether `text` names a job ("Senior Backend Engineer", "Kıdemli Veri Bilimci")."""
    return any(w in _TITLE_WORDS for w in words(text))


def tidy(text: str) -> str:
    """Text without leftover separators and unbalanced brackets at its ends."""
    text = re.sub(r"\(\s*\)|\[\s*\]", "", " ".join(text.split()))
    while text:
        if text[-1] in _STRIP and not (text[-1] == ")" and text.count("(") >= text.count(")")):
            text = text[:-1]
        elif text[0] in _STRIP and not (text[0] == "(" and text.count(")") >= text.count("(")):
            text = text[1:]
        else:
            break
    return text.strip()


def split_title_employer(text: str) -> tuple[str, str | None]:
    """("Senior Engineer", "Acme") from "Senior Engineer — Acme", "Acme, Senior Engineer",
    "Senior Engineer at Acme" or "Registered Nurse St. Michael's Hospital"."""
    text = tidy(text)
    for sep in _SEPARATORS:
        if sep in text:
            first, second = (tidy(part) for part in text.split(sep, 1))
            if not first or not second:
                continue
            if sep.strip() in {"@", "at", "bei", "chez"}:
                return first, second
            if has_title_word(second) and not has_title_word(first):
                return second, first
            return first, second
    return _split_at_title_word(text)


def _split_at_title_word(text: str) -> tuple[str, str | None]:
    """No separator: the title runs to its last title word ("Nursing Intern" | "Sunnybrook")."""
    tokens = text.split()
    end = 0
    for i, token in enumerate(tokens):
        if fold_same_length(token.strip(",.")) in _TITLE_WORDS:
            end = i + 1
        elif end:
            break
    if 0 < end < len(tokens):
        return " ".join(tokens[:end]), " ".join(tokens[end:])
    return text, None


def _table_columns(text: str) -> dict[str, int] | None:
    """{"employer": i, "title": j} for a table's header row ("Employer | Role | Dates")."""
    cells = [fold_same_length(c).strip() for c in text.split("|")]
    if len(cells) < 2:
        return None
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        if cell in _TABLE_EMPLOYER:
            columns["employer"] = i
        elif cell in _TABLE_TITLE:
            columns["title"] = i
    return columns if len(columns) == 2 else None


@dataclass
class JobDraft:
    """An experience entry as it is read, and where its employer name sits in the text."""

    title: str
    employer: str | None
    start: str | None
    end: str | None
    current: bool
    line: Line
    achievements: list[str] = field(default_factory=list)


def _continues(previous: str, line: Line) -> bool:
    """Whether `line` is the wrapped rest of `previous` (a bullet or a paragraph)."""
    if line.bullet:
        return False
    first = line.text[:1]
    if first.islower() or first.isdigit():
        return True
    # A short line without a full stop ("Acme Corp") is a line of its own, not a wrapped one.
    return not previous.rstrip().endswith(_SENTENCE_END) and len(previous.split()) >= 6


def _first_sentence_title(cell: str) -> tuple[str, list[str]]:
    """A table cell "Frontend Developer. Rebuilt the dashboard." → title and achievements."""
    head, dot, rest = cell.partition(". ")
    if dot and len(head.split()) <= 6 and rest.strip():
        return tidy(head), [rest.strip()]
    return tidy(cell), []


def _job_from_header(
    header: str, line: Line, columns: dict[str, int] | None, dates: tuple
) -> JobDraft | None:
    start, end, current = dates
    achievements: list[str] = []
    cells = [tidy(c) for c in header.split("|")]
    cells = [c for c in cells if c]
    if columns and len(cells) > max(columns.values()):
        title, achievements = _first_sentence_title(cells[columns["title"]])
        employer: str | None = cells[columns["employer"]]
    elif len(cells) >= 2:
        first, second = cells[0], cells[1]
        if has_title_word(second) and not has_title_word(first):
            first, second = second, first
        title, achievements = _first_sentence_title(first)
        employer = second
    else:
        title, employer = split_title_employer(header)
    if not title or not re.search(r"[^\W\d_]", title):
        return None
    return JobDraft(title, employer, start, end, current, line, achievements)


def read_experience(lines: list[Line]) -> list[JobDraft]:
    """Jobs from the experience section: a dated line (or a date under one or two heading
    lines) opens a job; bullets and paragraphs after it are its achievements."""
    from careercoach.analysis.dates import find_ranges

    jobs: list[JobDraft] = []
    pending: list[Line] = []
    columns: dict[str, int] | None = None

    def flush(keep: int = 0) -> list[Line]:
        """Give all but the last `keep` pending lines to the current job as achievements."""
        head, tail = (pending[:-keep], pending[-keep:]) if keep else (pending[:], [])
        if jobs:
            jobs[-1].achievements.extend(tidy(p.text) for p in head if tidy(p.text))
        pending.clear()
        return tail

    for line in lines:
        table = _table_columns(line.text)
        if table:
            columns = table
            continue
        ranges = find_ranges(line.text)
        found = ranges[0] if ranges else None
        header = (
            tidy(line.text[: found.span[0]] + " " + line.text[found.span[1] :]) if found else ""
        )
        if found and _opens_job(header, line):
            head_line = line
            if len(re.findall(r"[^\W\d_]", header)) < 2:
                heads = flush(keep=_header_lines(pending))
                header = " — ".join(tidy(h.text) for h in heads)
                head_line = heads[0] if heads else line
            else:
                flush()
            job = _job_from_header(
                header, head_line, columns, (found.start, found.end, found.current)
            )
            if job is not None:
                jobs.append(job)
            continue
        if line.bullet:
            flush()
            if jobs:
                jobs[-1].achievements.append(tidy(line.text))
            continue
        if pending and _continues(pending[-1].text, line):
            pending[-1] = Line(f"{pending[-1].text} {line.text}", pending[-1].start)
        elif (
            not pending
            and jobs
            and jobs[-1].achievements
            and _continues(jobs[-1].achievements[-1], line)
        ):
            jobs[-1].achievements[-1] += " " + line.text
        else:
            pending.append(line)
    flush()
    return jobs


def _opens_job(header: str, line: Line) -> bool:
    """Whether a dated line heads a job, rather than being an achievement that names years."""
    size = len(header.split())
    if line.bullet:
        return size <= 10 and has_title_word(header)
    return size <= 14 or "|" in header


def _header_lines(pending: list[Line]) -> int:
    """How many of the last pending lines head the job whose dates come next (1 or 2)."""
    if not pending:
        return 0
    last = pending[-1].text
    if len(pending) >= 2:
        before = pending[-2].text
        short = len(before.split()) <= 8 and not before.rstrip().endswith(_SENTENCE_END)
        no_split = split_title_employer(last)[1] is None
        if short and no_split:
            return 2
    return 1 if len(last.split()) <= 14 else 0
