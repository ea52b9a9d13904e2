"""The person's profile: contact and preferences (one row), skills, education, experience,
projects and certifications.

Every value is validated here, before anything is written, so a typo can never half-write
the profile. Skill names go through the skill taxonomy: "k8s" is stored as "Kubernetes",
and a skill the taxonomy does not know is stored as typed. Dates are "YYYY" or "YYYY-MM";
an end of None means "ongoing" (or "present" for a job).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TypeVar, cast

from sqlmodel import SQLModel, col, select

from careercoach.errors import BadInput, NotFound
from careercoach.store.models import (
    Certification,
    Education,
    Experience,
    Profile,
    ProfileSkill,
    Project,
    utc_now,
)

if TYPE_CHECKING:
    from careercoach.store.db import Store

PROFILE_ID = 1
LEVELS = ("beginner", "intermediate", "advanced", "expert")
REMOTE_CHOICES = ("yes", "no", "hybrid")
FIELDS = (
    "name",
    "headline",
    "location",
    "remote",
    "salary_expectation",
    "currency",
    "email",
    "phone",
)
MAX_TEXT = 300
MAX_LONG_TEXT = 4000
# ISO 4217 codes in use (2024): a typo such as "EUR0" or "EURO" is caught, not stored.
_CURRENCY_CODES = """
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN
BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD
FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY
KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP
MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR
RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS
TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR
ZMW ZWL
"""
CURRENCIES = frozenset(_CURRENCY_CODES.split())
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2}))?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\+?[\d\s().\-/]+")
_SALARY = re.compile(r"(\d+(?:\.\d+)?)\s*([km]?)", re.IGNORECASE)
_PRESENT = frozenset({"present", "now", "current", "ongoing"})

Row = TypeVar("Row", bound=SQLModel)


@dataclass
class ProfileSnapshot:
    """Everything in the profile, read in one consistent snapshot."""

    name: str | None = None
    headline: str | None = None
    location: str | None = None
    remote: str | None = None
    salary_expectation: float | None = None
    currency: str | None = None
    email: str | None = None
    phone: str | None = None
    links: list[str] = field(default_factory=list)
    updated_at: datetime | None = None
    skills: list[ProfileSkill] = field(default_factory=list)
    education: list[Education] = field(default_factory=list)
    experience: list[Experience] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    certifications: list[Certification] = field(default_factory=list)

    @property
    def certs(self) -> list[Certification]:
        return self.certifications

    @property
    def is_empty(self) -> bool:
        """True when nothing at all has been stored yet."""
        return not any(getattr(self, name) for name in FIELDS) and not (
            self.links
            or self.skills
            or self.education
            or self.experience
            or self.projects
            or self.certifications
        )


# --- the whole profile -----------------------------------------------------------------------


def load_profile(store: Store) -> ProfileSnapshot:
    """The profile with every section, ordered as a CV would show it."""
    with store.read_session() as session:
        row = session.get(Profile, PROFILE_ID)
        snapshot = ProfileSnapshot(
            skills=_skills(session),
            education=_newest_first(session.exec(select(Education)).all()),
            experience=_newest_first(session.exec(select(Experience)).all()),
            projects=list(session.exec(select(Project).order_by(col(Project.id))).all()),
            certifications=_newest_first(session.exec(select(Certification)).all(), start="date"),
        )
    if row is not None:
        for name in FIELDS:
            setattr(snapshot, name, getattr(row, name))
        snapshot.links = list(row.links or [])
        snapshot.updated_at = row.updated_at
    return snapshot


def profile_to_dict(snapshot: ProfileSnapshot) -> dict[str, Any]:
    """The profile as JSON-ready data: fields, then each section as a list of objects."""
    data: dict[str, Any] = {name: getattr(snapshot, name) for name in FIELDS}
    data["links"] = list(snapshot.links)
    data["updated_at"] = snapshot.updated_at.isoformat() if snapshot.updated_at else None
    for section in ("skills", "education", "experience", "projects", "certifications"):
        data[section] = [row_to_dict(row) for row in getattr(snapshot, section)]
    return data


def row_to_dict(row: SQLModel) -> dict[str, Any]:
    """One stored section row as JSON-ready data (ISO timestamps with their zone)."""
    data: dict[str, Any] = {}
    for name in type(row).model_fields:  # declaration order, id first: a stable shape
        value = getattr(row, name)
        data[name] = value.isoformat() if isinstance(value, datetime) else value
    return data


def set_field(store: Store, field_name: str, value: str | None) -> Any:
    """Set one profile field after validating it (None clears it); returns the stored value."""
    name = field_name.strip().lower().replace("-", "_")
    if name not in FIELDS:
        raise BadInput(
            f"unknown profile field {field_name!r}",
            hint="the fields are: " + ", ".join(FIELDS),
        )
    stored = None if value is None else _FIELD_CHECKS[name](value)
    with store.session() as session:
        row = session.get(Profile, PROFILE_ID) or Profile(id=PROFILE_ID)
        setattr(row, name, stored)
        row.updated_at = utc_now()
        session.add(row)
    return stored


# --- skills ----------------------------------------------------------------------------------


def canonical_skill(name: str) -> str:
    """The taxonomy's name for a skill ("k8s" -> "Kubernetes"), or the name as typed."""
    from careercoach.analysis.taxonomy import load_taxonomy

    typed = _required(name, "skill name", limit=80)
    skill = load_taxonomy().get(typed)
    return skill.name if skill is not None else typed


def add_skill(
    store: Store,
    name: str,
    *,
    level: str | None = None,
    evidence: str | None = None,
    source: str = "manual",
) -> tuple[ProfileSkill, bool]:
    """Add a skill, or update the level and evidence of one already there; (skill, created)."""
    canonical = canonical_skill(name)
    checked_level = check_level(level)
    checked_evidence = _text(evidence, "evidence", limit=MAX_LONG_TEXT)
    with store.session() as session:
        existing = _find_skill(session, canonical)
        if existing is None:
            skill = ProfileSkill(
                name=canonical, level=checked_level, evidence=checked_evidence, source=source
            )
            session.add(skill)
            session.flush()
            return skill, True
        if checked_level is not None:
            existing.level = checked_level
        if checked_evidence is not None:
            existing.evidence = checked_evidence
        session.add(existing)
        return existing, False


def list_skills(store: Store) -> list[ProfileSkill]:
    """The skills, alphabetically."""
    with store.read_session() as session:
        return _skills(session)


def remove_skill(store: Store, name: str) -> ProfileSkill:
    """Remove a skill by name or any alias of it ("k8s" removes "Kubernetes")."""
    canonical = canonical_skill(name)
    with store.session() as session:
        skill = _find_skill(session, canonical)
        if skill is None:
            raise NotFound(
                f"no skill {canonical!r} in your profile",
                hint="see your skills with: careercoach profile skill list",
            )
        session.delete(skill)
        return skill


def check_level(level: str | None) -> str | None:
    """A skill level, lower-cased; BadInput unless beginner|intermediate|advanced|expert."""
    if level is None or not level.strip():
        return None
    value = level.strip().lower()
    if value not in LEVELS:
        raise BadInput(f"invalid skill level {level!r}", hint="use one of: " + ", ".join(LEVELS))
    return value


def _find_skill(session: Any, canonical: str) -> ProfileSkill | None:
    from careercoach.analysis.taxonomy import form_key

    exact = session.exec(select(ProfileSkill).where(ProfileSkill.name == canonical)).first()
    if exact is not None:
        return exact
    wanted = form_key(canonical)
    for skill in session.exec(select(ProfileSkill)).all():
        if form_key(skill.name) == wanted:
            return skill
    return None


def _skills(session: Any) -> list[ProfileSkill]:
    rows = session.exec(select(ProfileSkill)).all()
    return sorted(rows, key=lambda skill: (skill.name.casefold(), skill.id))


# --- education, experience, projects, certifications -----------------------------------------


def add_education(
    store: Store,
    *,
    institution: str,
    degree: str | None = None,
    field_of_study: str | None = None,
    start: str | None = None,
    end: str | None = None,
    source: str = "manual",
) -> Education:
    """Add a school or degree; `end` None (or "present") while it is ongoing."""
    start_date = parse_date(start, "start")
    end_date = parse_date(end, "end", allow_present=True)
    _check_order(start_date, end_date)
    row = Education(
        institution=_required(institution, "institution"),
        degree=_text(degree, "degree"),
        field_of_study=_text(field_of_study, "field of study"),
        start=start_date,
        end=end_date,
        source=source,
    )
    keys = ("institution", "degree", "field_of_study", "start")
    return _add_unique(store, row, keys, "education", "education entry")


def add_experience(
    store: Store,
    *,
    title: str,
    employer: str | None = None,
    location: str | None = None,
    start: str | None = None,
    end: str | None = None,
    achievements: list[str] | None = None,
    source: str = "manual",
) -> Experience:
    """Add a job; `end` None (or "present") for the current one."""
    start_date = parse_date(start, "start")
    end_date = parse_date(end, "end", allow_present=True)
    _check_order(start_date, end_date)
    row = Experience(
        title=_required(title, "job title"),
        employer=_text(employer, "employer"),
        location=_text(location, "location"),
        start=start_date,
        end=end_date,
        achievements=_items(achievements, "achievement", MAX_LONG_TEXT),
        source=source,
    )
    return _add_unique(store, row, ("title", "employer", "start"), "experience", "job")


def add_project(
    store: Store,
    *,
    name: str,
    description: str | None = None,
    technologies: list[str] | None = None,
    url: str | None = None,
    source: str = "manual",
) -> Project:
    """Add a project; its technologies get taxonomy names like skills (postgres -> PostgreSQL)."""
    techs: list[str] = []
    for entry in technologies or []:
        for part in entry.split(","):
            if part.strip() and (tech := canonical_skill(part)) not in techs:
                techs.append(tech)
    row = Project(
        name=_required(name, "project name"),
        description=_text(description, "description", limit=MAX_LONG_TEXT),
        technologies=techs,
        url=_url(url),
        source=source,
    )
    return _add_unique(store, row, ("name",), "project", "project")


def add_certification(
    store: Store,
    *,
    name: str,
    issuer: str | None = None,
    date: str | None = None,
    source: str = "manual",
) -> Certification:
    """Add a certification with the year (or month) it was earned."""
    row = Certification(
        name=_required(name, "certification name"),
        issuer=_text(issuer, "issuer"),
        date=parse_date(date, "certification"),
        source=source,
    )
    return _add_unique(store, row, ("name", "issuer"), "cert", "certification")


def list_education(store: Store) -> list[Education]:
    return load_profile(store).education


def list_experience(store: Store) -> list[Experience]:
    return load_profile(store).experience


def list_projects(store: Store) -> list[Project]:
    return load_profile(store).projects


def list_certifications(store: Store) -> list[Certification]:
    return load_profile(store).certifications


def remove_education(store: Store, entry_id: int | str) -> Education:
    return _remove(store, Education, entry_id, "education", "education entry")


def remove_experience(store: Store, entry_id: int | str) -> Experience:
    return _remove(store, Experience, entry_id, "experience", "job")


def remove_project(store: Store, entry_id: int | str) -> Project:
    return _remove(store, Project, entry_id, "project", "project")


def remove_certification(store: Store, entry_id: int | str) -> Certification:
    return _remove(store, Certification, entry_id, "cert", "certification")


def _add_unique(store: Store, row: Row, keys: tuple[str, ...], group: str, what: str) -> Row:
    """Insert `row` unless an entry with the same key fields (any case) is there already."""
    wanted = tuple(_fold(getattr(row, key)) for key in keys)
    with store.session() as session:
        for other in session.exec(select(type(row))).all():
            if tuple(_fold(getattr(other, key)) for key in keys) == wanted:
                other_id = cast(Any, other).id
                raise BadInput(
                    f"this {what} is already in your profile as #{other_id}",
                    hint=f"remove it first with: careercoach profile {group} remove {other_id}",
                )
        session.add(row)
        session.flush()
        return row


def _remove(store: Store, model: type[Row], ref: int | str, group: str, what: str) -> Row:
    entry_id = _parse_id(ref, what, group)
    with store.session() as session:
        row = session.get(model, entry_id)
        if row is None:
            raise NotFound(
                f"no {what} with id {entry_id}",
                hint=f"see the ids with: careercoach profile {group} list",
            )
        session.delete(row)
        return row


def _parse_id(ref: int | str, what: str, group: str) -> int:
    from careercoach.ids import as_id

    record_id = as_id(ref)
    if record_id is None:
        raise BadInput(
            f"invalid {group} id: {str(ref)!r}",
            hint=f"give the number shown by: careercoach profile {group} list",
        )
    return record_id


def _newest_first(rows: Any, *, start: str = "start") -> list[Any]:
    """Newest start (or date) first, as on a CV; undated entries last."""

    def key(row: Any) -> tuple[bool, str, int]:
        return (bool(getattr(row, start)), getattr(row, start) or "", row.id or 0)

    return sorted(rows, key=key, reverse=True)


def _fold(value: Any) -> Any:
    return " ".join(value.split()).casefold() if isinstance(value, str) else value


# --- values ----------------------------------------------------------------------------------


def parse_date(value: str | None, what: str, *, allow_present: bool = False) -> str | None:
    """A date as "YYYY" or "YYYY-MM" (month zero-padded); "present" is None where allowed."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if allow_present and text.lower() in _PRESENT:
        return None
    match = _DATE.fullmatch(text)
    latest = datetime.now(timezone.utc).year + 10
    if (
        match is None
        or not 1900 <= int(match[1]) <= latest
        or (match[2] is not None and not 1 <= int(match[2]) <= 12)
    ):
        example = "2021-03, 2021" + (" or present" if allow_present else "")
        raise BadInput(
            f"invalid {what} date {value!r}", hint=f"use YYYY or YYYY-MM, e.g. {example}"
        )
    return match[1] if match[2] is None else f"{match[1]}-{int(match[2]):02d}"


def _check_order(start: str | None, end: str | None) -> None:
    if start is None or end is None:
        return
    first = (int(start[:4]), int(start[5:] or 1))
    last = (int(end[:4]), int(end[5:] or 12))
    if last < first:
        raise BadInput(
            f"the end date {end} is before the start date {start}",
            hint="check the dates; leave --end out (or say present) if it is ongoing",
        )


def _text(
    value: str | None, what: str, *, required: bool = False, limit: int = MAX_TEXT
) -> str | None:
    """Text with its whitespace tidied; empty is None (BadInput when required)."""
    cleaned = " ".join(value.split()) if value is not None else ""
    if not cleaned:
        if required:
            raise BadInput(f"the {what} is empty", hint=f"give a {what}")
        return None
    if len(cleaned) > limit:
        raise BadInput(
            f"the {what} is too long ({len(cleaned)} characters)",
            hint=f"keep it under {limit} characters",
        )
    return cleaned


def _required(value: str | None, what: str, *, limit: int = MAX_TEXT) -> str:
    """Like _text, for a value that must be there."""
    text = _text(value, what, required=True, limit=limit)
    assert text is not None  # _text raises for an empty required value
    return text


def _items(values: list[str] | None, what: str, limit: int) -> list[str]:
    items = [_text(value, what, limit=limit) for value in values or []]
    return [item for item in items if item]


def _url(value: str | None) -> str | None:
    url = _text(value, "URL")
    if url is not None and (" " in url or ("." not in url and "://" not in url)):
        raise BadInput(
            f"invalid URL {value!r}", hint="give a web address, e.g. https://github.com/you/project"
        )
    return url


def _check_remote(value: str) -> str:
    answer = value.strip().lower()
    if answer not in REMOTE_CHOICES:
        raise BadInput(f"invalid value for remote: {value!r}", hint="use yes, no or hybrid")
    return answer


def _check_salary(value: str) -> float:
    """A positive amount: "85000", "85,000", "85k" or "1.2m"."""
    match = _SALARY.fullmatch(value.strip().replace(",", "").replace("_", ""))
    amount = float(match[1]) * {"": 1, "k": 1e3, "m": 1e6}[match[2].lower()] if match else 0.0
    if not (amount > 0 and math.isfinite(amount)):
        raise BadInput(
            f"invalid salary expectation {value!r}",
            hint="give a positive number, e.g. 85000 or 85k (set the currency with: "
            "careercoach profile set currency EUR)",
        )
    return amount


def _check_currency(value: str) -> str:
    code = value.strip().upper()
    if code not in CURRENCIES:
        raise BadInput(
            f"unknown currency {value!r}",
            hint="give a 3-letter ISO 4217 code, e.g. EUR, USD, GBP or TRY",
        )
    return code


def _check_email(value: str) -> str:
    email = value.strip()
    if not _EMAIL.fullmatch(email):
        raise BadInput(f"invalid email address {value!r}", hint="e.g. ada@example.com")
    return email


def _check_phone(value: str) -> str:
    phone = " ".join(value.split())
    if not _PHONE.fullmatch(phone) or sum(ch.isdigit() for ch in phone) < 6:
        raise BadInput(f"invalid phone number {value!r}", hint="e.g. +44 20 7946 0958")
    return phone


def _plain(what: str) -> Any:
    return lambda value: _text(value, what, required=True)


_FIELD_CHECKS: dict[str, Any] = {
    "name": _plain("name"),
    "headline": _plain("headline"),
    "location": _plain("location"),
    "remote": _check_remote,
    "salary_expectation": _check_salary,
    "currency": _check_currency,
    "email": _check_email,
    "phone": _check_phone,
}
