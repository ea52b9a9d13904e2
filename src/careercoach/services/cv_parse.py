"""`cv parse`: turn a stored CV into profile facts, and merge them without duplicates.

Two engines behind one call. The model reads the CV when one is configured and the person
did not ask for offline mode; it sees the text redacted (contact details and the person's
name as placeholders) and delimited as data. Contact details never come from the model:
they come from the offline parser, run here on the local, unredacted text. Without a model,
the offline parser (analysis.cv_parser) does everything and a note says so.

Merging is planned first (`plan_merge`, a list of Changes the person reviews) and written
second (`apply_merge`, one transaction). Re-parsing the same CV plans nothing new: skills
are matched by canonical name, jobs by (employer, title, start), schools by (institution,
degree), projects and certifications by name, all ignoring case and spacing. What the person
set by hand is never overwritten: profile fields are only filled when empty, and a manual
skill level stays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from careercoach.analysis.cv_parser import parse_cv
from careercoach.analysis.schemas import ParsedCV
from careercoach.analysis.taxonomy import fold
from careercoach.errors import NotConfigured
from careercoach.services.model import ModelChoice, open_gateway

if TYPE_CHECKING:
    from careercoach.store.db import Store
    from careercoach.store.gap_rows import StoredCV

PROFILE_ID = 1
PROFILE_FIELDS = ("name", "headline", "location", "email", "phone")
Engine = Literal["offline", "llm"]


@dataclass
class ParseResult:
    parsed: ParsedCV
    engine: Engine
    notes: list[str] = field(default_factory=list)


@dataclass
class Change:
    """One write the merge would make: a new row, or empty fields of a row filled in."""

    section: str  # profile | skill | experience | education | project | certification
    item: str  # what a person reads in the review ("Python (advanced)")
    action: Literal["new", "updated"]
    values: dict[str, Any]
    row_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "item": self.item,
            "action": self.action,
            "values": self.values,
        }


# --- parsing ----------------------------------------------------------------------------------


def parse_stored_cv(
    store: Store, cv: StoredCV, choice: ModelChoice, *, on_text: Callable[[str], None] | None = None
) -> ParseResult:
    """Parse `cv` with the model when one is configured and allowed, else offline (noted).

    A failing model call raises (ProviderError, exit 4) and nothing is written.
    """
    local = parse_cv(cv.text)
    if choice.offline:
        return ParseResult(
            local,
            "offline",
            ["offline: the offline parser read the CV (offline mode is on; no model was called)"],
        )
    try:
        gateway = open_gateway("cv parse", choice, store=store)
    except NotConfigured as exc:
        return ParseResult(
            local,
            "offline",
            [f"offline: the offline parser read the CV ({exc.message}; no model was called)"],
        )
    parsed = _ask_model(store, gateway, cv.text, local, on_text)
    note = (
        f"llm: {gateway.settings.model} read the CV with contact details redacted; "
        "contact details come from the offline parser on this machine"
    )
    return ParseResult(parsed, "llm", [note])


def _ask_model(
    store: Store,
    gateway: Any,
    text: str,
    local: ParsedCV,
    on_text: Callable[[str], None] | None,
) -> ParsedCV:
    from careercoach.documents.delimit import DATA_NOTICE, wrap_document
    from careercoach.documents.redact import redact_for_model
    from careercoach.prompts import load_prompt

    names = [n for n in (local.contact.name, _profile_name(store)) if n]
    redaction = redact_for_model(text, names=names)
    messages = [
        {"role": "system", "content": load_prompt("cv_parse").render(data_notice=DATA_NOTICE)},
        {"role": "user", "content": wrap_document(redaction.text, "CV")},
    ]
    answer = gateway.structured(messages, ParsedCV, on_text=on_text)
    parsed: ParsedCV = answer.parsed
    # Placeholders in project links or achievements are put back for local storage; the
    # contact comes only from the local parse of the unredacted text.
    restored = _restore(parsed.model_dump(exclude={"contact"}), redaction.restore)
    merged = ParsedCV.model_validate({**restored, "contact": local.contact.model_dump()})
    merged.headline = merged.headline or local.headline
    return merged


def _restore(value: Any, restore: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return restore(value)
    if isinstance(value, list):
        return [_restore(v, restore) for v in value]
    if isinstance(value, dict):
        return {k: _restore(v, restore) for k, v in value.items()}
    return value


def _profile_name(store: Store) -> str | None:
    from careercoach.store.models import Profile

    with store.read_session() as session:
        profile = session.get(Profile, PROFILE_ID)
        return profile.name if profile else None


# --- merging ----------------------------------------------------------------------------------


def _key(*parts: str | None) -> tuple[str, ...]:
    return tuple(fold(" ".join((p or "").split())) for p in parts)


def _canonical(name: str) -> str:
    from careercoach.analysis.taxonomy import load_taxonomy

    skill = load_taxonomy().get(name)
    return skill.name if skill else " ".join(name.split())


def _fill(row: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The values for the row's empty columns only."""
    return {k: v for k, v in values.items() if v not in (None, "", []) and not getattr(row, k)}


def plan_merge(
    store: Store, parsed: ParsedCV, cv_id: int, *, engine: Engine = "offline"
) -> list[Change]:
    """What writing `parsed` to the profile would change; nothing that is already there."""
    from sqlmodel import select

    from careercoach.store.models import (
        Certification,
        Education,
        Experience,
        Profile,
        ProfileSkill,
        Project,
    )

    source = f"llm:cv:{cv_id}" if engine == "llm" else f"cv:{cv_id}"
    with store.read_session() as s:
        profile = s.get(Profile, PROFILE_ID)
        skills = {fold(r.name): r for r in s.exec(select(ProfileSkill)).all()}
        jobs = {_key(r.employer, r.title, r.start): r for r in s.exec(select(Experience)).all()}
        schools = {_key(r.institution, r.degree): r for r in s.exec(select(Education)).all()}
        projects = {_key(r.name): r for r in s.exec(select(Project)).all()}
        certs = {_key(r.name): r for r in s.exec(select(Certification)).all()}
    changes = _profile_changes(profile, parsed)
    changes += _skill_changes(skills, parsed, source)
    for job in parsed.experience:
        values = {
            "title": job.title,
            "employer": job.employer,
            "location": job.location,
            "start": job.start,
            "end": None if job.current else job.end,
            "achievements": job.achievements,
            "source": source,
        }
        label = " — ".join(p for p in (job.title, job.employer) if p)
        label += f" ({job.start or '?'} – {'present' if job.current else job.end or '?'})"
        _plan(changes, jobs, _key(job.employer, job.title, job.start), "experience", label, values)
    for school in parsed.education:
        values = {
            "institution": school.institution,
            "degree": school.degree,
            "field_of_study": school.field_of_study,
            "start": school.start,
            "end": school.end,
            "source": source,
        }
        label = ", ".join(
            p for p in (school.degree, school.field_of_study, school.institution) if p
        )
        _plan(changes, schools, _key(school.institution, school.degree), "education", label, values)
    for project in parsed.projects:
        values = {
            "name": project.name,
            "description": project.description,
            "technologies": project.technologies,
            "url": project.url,
            "source": source,
        }
        _plan(changes, projects, _key(project.name), "project", project.name, values)
    for cert in parsed.certifications:
        values = {"name": cert.name, "issuer": cert.issuer, "date": cert.date, "source": source}
        _plan(changes, certs, _key(cert.name), "certification", cert.name, values)
    return changes


def _plan(
    changes: list[Change],
    existing: dict[tuple[str, ...], Any],
    key: tuple[str, ...],
    section: str,
    label: str,
    values: dict[str, Any],
) -> None:
    """A new row, or the empty fields of the matching row filled (never overwritten)."""
    row = existing.get(key)
    if row is None:
        changes.append(Change(section, label, "new", values))
        existing[key] = _Planned(values)  # a second mention in the same CV is not new again
        return
    if isinstance(row, _Planned):
        return
    fill = _fill(row, {k: v for k, v in values.items() if k != "source"})
    if fill:
        changes.append(Change(section, label, "updated", fill, row.id))


class _Planned:
    """A row this plan creates, standing in for one already stored."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)
        self.id = None


def _profile_changes(profile: Any, parsed: ParsedCV) -> list[Change]:
    contact = parsed.contact
    wanted = {
        "name": contact.name,
        "headline": parsed.headline,
        "location": contact.location,
        "email": contact.email,
        "phone": contact.phone,
    }
    changes = []
    for name in PROFILE_FIELDS:
        value = wanted[name]
        if value and not (profile is not None and getattr(profile, name)):
            changes.append(Change("profile", f"{name}: {value}", "new", {name: value}))
    known = {fold(link) for link in (profile.links if profile is not None else [])}
    links = [link for link in contact.links if fold(link) not in known]
    if links:
        changes.append(Change("profile", "links: " + ", ".join(links), "new", {"links": links}))
    return changes


def _skill_changes(existing: dict[str, Any], parsed: ParsedCV, source: str) -> list[Change]:
    changes: list[Change] = []
    seen: set[str] = set()
    for claim in parsed.skills:
        name = _canonical(claim.name)
        key = fold(name)
        if not name or key in seen:
            continue
        seen.add(key)
        label = f"{name} ({claim.level})" if claim.level else name
        row = existing.get(key)
        if row is None:
            changes.append(
                Change(
                    "skill",
                    label,
                    "new",
                    {
                        "name": name,
                        "level": claim.level,
                        "evidence": claim.evidence,
                        "source": source,
                    },
                )
            )
            continue
        values: dict[str, Any] = {}
        manual_level = row.source == "manual" and row.level
        if claim.level and not manual_level and claim.level != row.level:
            values["level"] = claim.level
        if claim.evidence and not row.evidence:
            values["evidence"] = claim.evidence
        if values:
            changes.append(Change("skill", label, "updated", values, row.id))
    return changes


def apply_merge(store: Store, changes: list[Change]) -> int:
    """Write the chosen changes in one transaction; the number of changes written.

    Each change is checked again inside the transaction, so a field filled or a skill added
    meanwhile (another command, another terminal) is not overwritten or duplicated.
    """
    from careercoach.store.models import (
        Certification,
        Education,
        Experience,
        Profile,
        ProfileSkill,
        Project,
        utc_now,
    )

    models: dict[str, Any] = {
        "skill": ProfileSkill,
        "experience": Experience,
        "education": Education,
        "project": Project,
        "certification": Certification,
    }
    written = 0
    with store.session() as session:
        for change in changes:
            if change.section == "profile":
                written += _write_profile(session, Profile, change, utc_now())
            elif change.action == "new":
                written += _insert(session, models[change.section], change)
            else:
                written += _update(session, models[change.section], change)
    return written


def _update(session: Any, model: Any, change: Change) -> int:
    """Fill the row's fields that are still empty; a parsed skill level may replace a parsed one."""
    row = session.get(model, change.row_id)
    if row is None:  # removed meanwhile: nothing to update
        return 0
    fill = _fill(row, change.values)
    level = change.values.get("level")
    if change.section == "skill" and level and not (row.source == "manual" and row.level):
        fill["level"] = level
    if not fill:
        return 0
    for key, value in fill.items():
        setattr(row, key, value)
    session.add(row)
    return 1


def _write_profile(session: Any, model: Any, change: Change, now: Any) -> int:
    profile = session.get(model, PROFILE_ID)
    if profile is None:
        profile = model(id=PROFILE_ID)
    ((name, value),) = change.values.items()
    if name == "links":
        known = {fold(link) for link in profile.links}
        added = [link for link in value if fold(link) not in known]
        if not added:
            return 0
        profile.links = [*profile.links, *added]
    elif getattr(profile, name):
        return 0
    else:
        setattr(profile, name, value)
    profile.updated_at = now
    session.add(profile)
    return 1


def _insert(session: Any, model: Any, change: Change) -> int:
    from sqlmodel import select

    if model.__name__ == "ProfileSkill":
        for row in session.exec(select(model)).all():
            if fold(row.name) == fold(change.values["name"]):
                return 0
    session.add(model(**change.values))
    return 1
