"""Rendering the profile (`profile show`, the section lists) and the small form that asks for
what a `profile ... add` command was not given.

Everything stored came from the person or from a CV, so it is untrusted text: it goes through
`sanitize` and into `Text` cells, never through Rich markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from careercoach.ui.console import sanitize

if TYPE_CHECKING:
    from careercoach.services.profile import ProfileSnapshot

# How to fill each section when it is empty.
HOW_TO_FILL = {
    "skills": "careercoach profile skill add NAME --level advanced",
    "experience": "careercoach profile experience add --title T --employer E --start 2021-03",
    "education": "careercoach profile education add --institution I --degree BSc",
    "projects": "careercoach profile project add --name N --tech Python",
    "certifications": "careercoach profile cert add --name N --issuer I --date 2024",
}
_FIELD_HINTS = (
    ("name", "careercoach profile set name 'Ada Lovelace'"),
    ("headline", "careercoach profile set headline 'Data engineer'"),
)


def _t(value: Any, style: str = "") -> Text:
    return Text(sanitize("" if value is None else str(value)), style=style)


def date_range(start: str | None, end: str | None, *, open_end: str = "present") -> str:
    """ "2021-03 – present", "2013 – 2017", or "" when nothing is known."""
    if not start and not end:
        return ""
    return f"{start or '?'} – {end or open_end}"


# --- profile show ----------------------------------------------------------------------------


def render_profile(console: Console, snapshot: ProfileSnapshot) -> None:
    """The whole profile: the person, then one panel per section."""
    console.print(_person_panel(snapshot))
    console.print(_section_panel("Skills", "skills", snapshot.skills, skills_table))
    console.print(_section_panel("Experience", "experience", snapshot.experience, experience_view))
    console.print(_section_panel("Education", "education", snapshot.education, education_table))
    console.print(_section_panel("Projects", "projects", snapshot.projects, projects_table))
    console.print(
        _section_panel("Certifications", "certifications", snapshot.certifications, certs_table)
    )
    console.print(Text("Your profile is stored only on this machine.", style="dim"))


def _person_panel(snapshot: ProfileSnapshot) -> Panel:
    lines: list[RenderableType] = []
    lines.append(_t(snapshot.name or "(no name yet)", "bold"))
    if snapshot.headline:
        lines.append(_t(snapshot.headline, "italic"))
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim")
    facts.add_column()
    for label, value in _person_facts(snapshot):
        facts.add_row(label, _t(value))
    if facts.row_count:
        lines.append(facts)
    for field, command in _FIELD_HINTS:
        if not getattr(snapshot, field):
            lines.append(Text(f"Set your {field} with: {command}", style="dim"))
    return Panel(Group(*lines), title="Profile", title_align="left")


def _person_facts(snapshot: ProfileSnapshot) -> list[tuple[str, str]]:
    facts = []
    if snapshot.location:
        facts.append(("location", snapshot.location))
    if snapshot.remote:
        facts.append(("remote", snapshot.remote))
    if snapshot.salary_expectation is not None:
        amount = f"{snapshot.salary_expectation:,.0f}"
        facts.append(("salary", f"{amount} {snapshot.currency or '(no currency set)'}"))
    elif snapshot.currency:
        facts.append(("currency", snapshot.currency))
    if snapshot.email:
        facts.append(("email", snapshot.email))
    if snapshot.phone:
        facts.append(("phone", snapshot.phone))
    for link in snapshot.links:
        facts.append(("link", link))
    return facts


def _section_panel(
    title: str, section: str, rows: Sequence[Any], view: Callable[[Sequence[Any]], RenderableType]
) -> Panel:
    body = view(rows) if rows else empty_hint(section)
    return Panel(body, title=f"{title} ({len(rows)})", title_align="left")


def empty_hint(section: str) -> Text:
    return Text(f"None yet. Add with: {HOW_TO_FILL[section]}", style="dim")


# --- one view per section (also used by the `list` commands) -----------------------------------


def _table(*columns: str) -> Table:
    table = Table(*columns, box=None, pad_edge=False, show_edge=False)
    table.columns[0].justify = "right"
    table.columns[0].style = "dim"
    return table


def skills_table(skills: Sequence[Any]) -> Table:
    table = _table("id", "skill", "level", "evidence", "source")
    for skill in skills:
        table.add_row(
            str(skill.id),
            _t(skill.name, "bold"),
            _t(skill.level or "-"),
            _t(skill.evidence or ""),
            _t(skill.source, "dim"),
        )
    return table


def experience_view(jobs: Sequence[Any]) -> Group:
    """Each job as a heading line and its achievements as bullets, like on a CV."""
    parts: list[RenderableType] = []
    for job in jobs:
        line = Text(f"#{job.id} ", style="dim")
        line.append_text(_t(job.title, "bold"))
        if job.employer:
            line.append(" at ")
            line.append_text(_t(job.employer))
        if job.location:
            line.append_text(_t(f" ({job.location})", "dim"))
        when = date_range(job.start, job.end)
        if when:
            line.append_text(_t(f"  {when}", "cyan"))
        parts.append(line)
        for achievement in job.achievements or []:
            parts.append(Text("  • ").append_text(_t(achievement)))
    return Group(*parts)


def education_table(rows: Sequence[Any]) -> Table:
    table = _table("id", "institution", "degree", "field", "dates")
    for row in rows:
        table.add_row(
            str(row.id),
            _t(row.institution, "bold"),
            _t(row.degree or ""),
            _t(row.field_of_study or ""),
            _t(date_range(row.start, row.end, open_end="ongoing")),
        )
    return table


def projects_table(rows: Sequence[Any]) -> Table:
    table = _table("id", "project", "technologies", "url", "description")
    for row in rows:
        table.add_row(
            str(row.id),
            _t(row.name, "bold"),
            _t(", ".join(row.technologies or [])),
            _t(row.url or ""),
            _t(row.description or ""),
        )
    return table


def certs_table(rows: Sequence[Any]) -> Table:
    table = _table("id", "certification", "issuer", "date")
    for row in rows:
        table.add_row(str(row.id), _t(row.name, "bold"), _t(row.issuer or ""), _t(row.date or ""))
    return table


SECTION_VIEWS: dict[str, Callable[[Sequence[Any]], RenderableType]] = {
    "skills": skills_table,
    "experience": experience_view,
    "education": education_table,
    "projects": projects_table,
    "certifications": certs_table,
}


def render_section(console: Console, section: str, rows: Sequence[Any]) -> None:
    """A section's list (`profile skill list`, ...), or how to fill it when it is empty."""
    console.print(SECTION_VIEWS[section](rows) if rows else empty_hint(section))


# --- the form for missing fields -------------------------------------------------------------


@dataclass(frozen=True)
class FormField:
    """One value a `profile ... add` command takes: its flag, its question and its check."""

    key: str
    flag: str
    question: str
    required: bool = False
    many: bool = False  # repeatable: asked one at a time until an empty answer
    check: Callable[[str], object] | None = None  # raises BadInput for a bad value


def ask_missing(fields: Sequence[FormField], values: dict[str, Any]) -> dict[str, Any]:
    """Ask (questionary, on a terminal) for every field that has no value yet.

    Each answer is checked as it is typed, so a bad date is corrected on the spot instead of
    failing the command after the whole form. Ctrl-C raises KeyboardInterrupt.
    """
    import questionary

    answers = dict(values)
    for field in fields:
        if answers.get(field.key):
            continue
        if field.many:
            answers[field.key] = _ask_many(questionary, field)
            continue
        suffix = "" if field.required else " (optional, Enter to skip)"
        answer = questionary.text(f"{field.question}{suffix}:", validate=_validator(field)).ask()
        if answer is None:
            raise KeyboardInterrupt
        answers[field.key] = answer.strip() or None
    return answers


def _ask_many(questionary: Any, field: FormField) -> list[str]:
    items: list[str] = []
    while True:
        number = len(items) + 1
        answer = questionary.text(f"{field.question} {number} (Enter when done):").ask()
        if answer is None:
            raise KeyboardInterrupt
        if not answer.strip():
            return items
        items.append(answer.strip())


def _validator(field: FormField) -> Callable[[str], bool | str]:
    from careercoach.errors import BadInput

    def validate(text: str) -> bool | str:
        if not text.strip():
            return "required" if field.required else True
        if field.check is not None:
            try:
                field.check(text)
            except BadInput as error:
                return f"{error.message} ({error.hint})" if error.hint else error.message
        return True

    return validate
