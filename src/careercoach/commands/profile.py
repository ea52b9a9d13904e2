"""`careercoach profile ...`: show the profile, set its fields, and keep its sections.

Each section (skill, education, experience, project, cert) has `add`, `list` and `remove`.
An `add` missing a required value asks for the missing ones in a small form on a terminal,
and otherwise fails naming the flag.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from careercoach.commands.common import Env, JsonOpt, get_env
from careercoach.errors import BadInput

if TYPE_CHECKING:
    from careercoach.ui.profile_view import FormField

app = typer.Typer(
    help="Your profile: skills, education, experience, projects and certifications.",
    no_args_is_help=True,
)
skill_app = typer.Typer(
    help="Your skills, each with a level and the evidence for it.", no_args_is_help=True
)
education_app = typer.Typer(help="Schools, degrees and courses.", no_args_is_help=True)
experience_app = typer.Typer(
    help="Jobs: title, employer, dates and achievements.", no_args_is_help=True
)
project_app = typer.Typer(help="Projects and the technologies they used.", no_args_is_help=True)
cert_app = typer.Typer(help="Certifications.", no_args_is_help=True)

FieldArg = Annotated[
    str,
    typer.Argument(
        help="name, headline, location, remote, salary_expectation, currency, email or phone.",
        show_default=False,
    ),
]
StartOpt = Annotated[str | None, typer.Option("--start", help="Start date: YYYY or YYYY-MM.")]
EndOpt = Annotated[
    str | None,
    typer.Option("--end", help="End date: YYYY or YYYY-MM; leave out (or 'present') if ongoing."),
]
IdArg = Annotated[
    str, typer.Argument(help="The entry's id (see the list command).", show_default=False)
]


@app.command("show")
def show(ctx: typer.Context, json: JsonOpt = False) -> None:
    """Show the whole profile: you, your skills, experience, education, projects, certifications."""
    from careercoach.services.profile import load_profile, profile_to_dict
    from careercoach.store.db import open_store

    env = get_env(ctx)
    snapshot = load_profile(open_store())
    if json:
        from careercoach.ui.console import print_json

        print_json(profile_to_dict(snapshot))
        return
    from careercoach.ui.profile_view import render_profile

    render_profile(env.out, snapshot)
    if snapshot.is_empty:
        env.notice(
            "Your profile is empty. Fill it from a CV with: careercoach cv add FILE, then cv parse."
        )


@app.command("set")
def set_(
    ctx: typer.Context, field: FieldArg, value: Annotated[str, typer.Argument(show_default=False)]
) -> None:
    """Set one field of the profile (remote: yes|no|hybrid; currency: an ISO code like EUR)."""
    from careercoach.services.profile import set_field
    from careercoach.store.db import open_store

    stored = set_field(open_store(), field, value)
    shown = f"{stored:,.0f}" if isinstance(stored, float) else stored
    _say(get_env(ctx), f"Set {field.strip().lower().replace('-', '_')} to {shown}.")


@app.command("unset")
def unset(ctx: typer.Context, field: FieldArg) -> None:
    """Clear one field of the profile."""
    from careercoach.services.profile import set_field
    from careercoach.store.db import open_store

    set_field(open_store(), field, None)
    _say(get_env(ctx), f"Cleared {field.strip().lower().replace('-', '_')}.")


# --- skills ----------------------------------------------------------------------------------


@skill_app.command("add")
def skill_add(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(help='The skill, e.g. "Python" or "k8s".', show_default=False)
    ],
    level: Annotated[
        str | None, typer.Option("--level", help="beginner, intermediate, advanced or expert.")
    ] = None,
    evidence: Annotated[
        str | None,
        typer.Option("--evidence", help="What shows it: a project, a job, a certificate."),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Add a skill (its usual name is stored: k8s -> Kubernetes); an existing one is updated."""
    from careercoach.services.profile import add_skill, row_to_dict
    from careercoach.store.db import open_store

    env = get_env(ctx)
    skill, created = add_skill(open_store(), name, level=level, evidence=evidence)
    if json:
        from careercoach.ui.console import print_json

        print_json({**row_to_dict(skill), "created": created})
        return
    level_text = f" ({skill.level})" if skill.level else ""
    if created:
        _say(env, f"Added skill {skill.name}{level_text}.")
    else:
        _say(env, f"Updated skill {skill.name}{level_text}.")
    if " ".join(name.split()).casefold() != skill.name.casefold():
        env.notice(f'"{name.strip()}" is stored under its usual name, {skill.name}.')


@skill_app.command("remove")
def skill_remove(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(help="The skill's name (or an alias).", show_default=False)
    ],
) -> None:
    """Remove a skill from the profile."""
    from careercoach.services.profile import remove_skill
    from careercoach.store.db import open_store

    removed = remove_skill(open_store(), name)
    _say(get_env(ctx), f"Removed skill {removed.name}.")


# --- education, experience, projects, certifications -----------------------------------------


@education_app.command("add")
def education_add(
    ctx: typer.Context,
    institution: Annotated[
        str | None, typer.Option("--institution", help="School or university.")
    ] = None,
    degree: Annotated[
        str | None, typer.Option("--degree", help='e.g. "BSc", "MSc", "PhD".')
    ] = None,
    field: Annotated[
        str | None, typer.Option("--field", help='Field of study, e.g. "Computer Science".')
    ] = None,
    start: StartOpt = None,
    end: EndOpt = None,
    json: JsonOpt = False,
) -> None:
    """Add a school, degree or course."""
    from careercoach.services.profile import add_education

    values = {
        "institution": institution,
        "degree": degree,
        "field_of_study": field,
        "start": start,
        "end": end,
    }
    _add(ctx, "education", add_education, values, json)


@experience_app.command("add")
def experience_add(
    ctx: typer.Context,
    title: Annotated[str | None, typer.Option("--title", help="Job title.")] = None,
    employer: Annotated[
        str | None, typer.Option("--employer", help="Company or organisation.")
    ] = None,
    location: Annotated[str | None, typer.Option("--location", help="City or remote.")] = None,
    start: StartOpt = None,
    end: EndOpt = None,
    achievement: Annotated[
        list[str] | None, typer.Option("--achievement", help="One achievement; repeat for more.")
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Add a job with its dates and achievements."""
    from careercoach.services.profile import add_experience

    values = {
        "title": title,
        "employer": employer,
        "location": location,
        "start": start,
        "end": end,
        "achievements": achievement or [],
    }
    _add(ctx, "experience", add_experience, values, json)


@project_app.command("add")
def project_add(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option("--name", help="The project's name.")] = None,
    description: Annotated[
        str | None, typer.Option("--description", help="What it does and your part.")
    ] = None,
    tech: Annotated[
        list[str] | None,
        typer.Option("--tech", help="A technology used; repeat, or separate with commas."),
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="Where to see it.")] = None,
    json: JsonOpt = False,
) -> None:
    """Add a project and the technologies it used."""
    from careercoach.services.profile import add_project

    values = {"name": name, "description": description, "technologies": tech or [], "url": url}
    _add(ctx, "project", add_project, values, json)


@cert_app.command("add")
def cert_add(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option("--name", help="The certification.")] = None,
    issuer: Annotated[str | None, typer.Option("--issuer", help="Who issued it.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="When: YYYY or YYYY-MM.")] = None,
    json: JsonOpt = False,
) -> None:
    """Add a certification."""
    from careercoach.services.profile import add_certification

    _add(ctx, "cert", add_certification, {"name": name, "issuer": issuer, "date": date}, json)


# Per group: the section it lists, what one entry is called, and its list/remove functions.
_GROUPS: dict[str, tuple[str, str, str, str]] = {
    "skill": ("skills", "skill", "list_skills", "remove_skill"),
    "education": ("education", "education entry", "list_education", "remove_education"),
    "experience": ("experience", "job", "list_experience", "remove_experience"),
    "project": ("projects", "project", "list_projects", "remove_project"),
    "cert": ("certifications", "certification", "list_certifications", "remove_certification"),
}


def _add(
    ctx: typer.Context, group: str, add: Callable[..., Any], values: dict[str, Any], json: bool
) -> None:
    """Complete the values (form or error), store the entry, and show it."""
    from careercoach.store.db import open_store

    env = get_env(ctx)
    row = add(open_store(), **_complete(env, group, values))
    section, what, _, _ = _GROUPS[group]
    if json:
        from careercoach.services.profile import row_to_dict
        from careercoach.ui.console import print_json

        print_json(row_to_dict(row))
        return
    from careercoach.ui.profile_view import render_section

    _say(env, f"Added {what} #{row.id}.")
    render_section(env.out, section, [row])


def _complete(env: Env, group: str, values: dict[str, Any]) -> dict[str, Any]:
    """The values with the required ones: asked on a terminal, else exit 1 naming the flag."""
    fields = _form(group)
    missing = [
        field for field in fields if field.required and not (values.get(field.key) or "").strip()
    ]
    if not missing:
        return values
    if not env.stdin_is_tty:
        flags = " and ".join(field.flag for field in missing)
        raise BadInput(
            f"missing {flags}",
            hint=f"give {flags} (stdin is not a terminal, so nothing is asked), "
            f"e.g. careercoach profile {group} add {missing[0].flag} ...",
        )
    from careercoach.ui.profile_view import ask_missing

    env.notice(
        f"A few questions for the {_GROUPS[group][1]} "
        "(Ctrl-C to stop; nothing is stored until the end):"
    )
    return ask_missing(fields, values)


def _form(group: str) -> list[FormField]:
    """The questions for one group's `add`, each checked as it is typed."""
    from careercoach.services.profile import parse_date
    from careercoach.ui.profile_view import FormField as F

    def start(text: str) -> object:
        return parse_date(text, "start")

    def end(text: str) -> object:
        return parse_date(text, "end", allow_present=True)

    forms = {
        "education": [
            F("institution", "--institution", "School or university", required=True),
            F("degree", "--degree", "Degree (BSc, MSc, ...)"),
            F("field_of_study", "--field", "Field of study"),
            F("start", "--start", "Start (YYYY or YYYY-MM)", check=start),
            F("end", "--end", "End (YYYY or YYYY-MM, empty if ongoing)", check=end),
        ],
        "experience": [
            F("title", "--title", "Job title", required=True),
            F("employer", "--employer", "Employer"),
            F("location", "--location", "Location"),
            F("start", "--start", "Start (YYYY or YYYY-MM)", check=start),
            F("end", "--end", "End (YYYY or YYYY-MM, empty if current)", check=end),
            F("achievements", "--achievement", "Achievement", many=True),
        ],
        "project": [
            F("name", "--name", "Project name", required=True),
            F("description", "--description", "Description"),
            F("technologies", "--tech", "Technology", many=True),
            F("url", "--url", "URL"),
        ],
        "cert": [
            F("name", "--name", "Certification", required=True),
            F("issuer", "--issuer", "Issuer"),
            F(
                "date",
                "--date",
                "Date (YYYY or YYYY-MM)",
                check=lambda text: parse_date(text, "certification"),
            ),
        ],
    }
    return forms[group]


def _list_command(group: str) -> Callable[..., None]:
    section, _, list_name, _ = _GROUPS[group]

    def list_entries(ctx: typer.Context, json: JsonOpt = False) -> None:
        from careercoach.services import profile as service
        from careercoach.store.db import open_store

        rows = getattr(service, list_name)(open_store())
        if json:
            from careercoach.ui.console import print_json

            print_json([service.row_to_dict(row) for row in rows])
            return
        from careercoach.ui.profile_view import render_section

        render_section(get_env(ctx).out, section, rows)

    list_entries.__doc__ = f"List the {section} in your profile."
    return list_entries


def _remove_command(group: str) -> Callable[..., None]:
    _, what, _, remove_name = _GROUPS[group]

    def remove_entry(ctx: typer.Context, entry_id: IdArg) -> None:
        from careercoach.services import profile as service
        from careercoach.store.db import open_store

        getattr(service, remove_name)(open_store(), entry_id)
        _say(get_env(ctx), f"Removed {what} #{entry_id.strip().removeprefix('#')}.")

    remove_entry.__doc__ = f"Remove one {what} by its id."
    return remove_entry


def _say(env: Env, text: str) -> None:
    from careercoach.ui.console import sanitize

    env.out.print(sanitize(text), markup=False, highlight=False)


for _group, _sub_app in (
    ("skill", skill_app),
    ("education", education_app),
    ("experience", experience_app),
    ("project", project_app),
    ("cert", cert_app),
):
    _sub_app.command("list")(_list_command(_group))
    if _group != "skill":  # skills are removed by name, above
        _sub_app.command("remove")(_remove_command(_group))
    app.add_typer(_sub_app, name=_group)
