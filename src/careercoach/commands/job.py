"""`careercoach job ...`."""

from __future__ import annotations

from typing import Annotated

import typer

from careercoach.commands.common import (
    DebugOpt,
    JsonOpt,
    ModelOpt,
    NoCacheOpt,
    OfflineOpt,
    YesOpt,
    apply_model_options,
    get_env,
)

app = typer.Typer(
    help="Job postings and dream roles to measure yourself against.", no_args_is_help=True
)

JobIdArg = Annotated[str, typer.Argument(help="The job's id (see 'careercoach job list').")]


@app.command("add")
def add(
    ctx: typer.Context,
    source: Annotated[
        str, typer.Argument(help="A posting file (.txt, .md, .pdf, .docx), or '-' for stdin.")
    ],
    title: Annotated[
        str | None,
        typer.Option("--title", help="The job title, instead of the one read from the posting."),
    ] = None,
    company: Annotated[
        str | None,
        typer.Option("--company", help="The company, instead of the one read from the posting."),
    ] = None,
    json_: JsonOpt = False,
    model: ModelOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Add a job posting: its title, company, salary, years, degree and skills are read from it."""
    from careercoach.services.jobs import add_job_detailed, job_to_dict
    from careercoach.services.model import ModelChoice
    from careercoach.store.db import open_store
    from careercoach.ui.console import print_json

    env = apply_model_options(ctx, model=model, offline=offline, no_cache=no_cache, debug=debug)
    choice = ModelChoice(model=env.model, offline=env.offline, no_cache=env.no_cache)
    added = add_job_detailed(open_store(), source, title=title, company=company, choice=choice)
    if json_:
        print_json(
            {
                **job_to_dict(added.job, with_text=False),
                "created": added.created,
                "mode": added.mode,
            }
        )
        return
    _print_added(env, added)


@app.command("describe")
def describe(
    ctx: typer.Context,
    text: Annotated[
        str, typer.Argument(help="The role you want, in your own words, or '-' for stdin.")
    ],
    json_: JsonOpt = False,
    model: ModelOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Describe a dream role in your own words, stored as a job to measure yourself against."""
    from careercoach.commands.common import read_text_arg
    from careercoach.services.jobs import describe_job_detailed, job_to_dict
    from careercoach.services.model import ModelChoice
    from careercoach.store.db import open_store
    from careercoach.ui.console import print_json

    env = apply_model_options(ctx, model=model, offline=offline, no_cache=no_cache, debug=debug)
    body = read_text_arg(text, what="description")
    choice = ModelChoice(model=env.model, offline=env.offline, no_cache=env.no_cache)
    added = describe_job_detailed(open_store(), body, choice=choice)
    if json_:
        print_json(
            {
                **job_to_dict(added.job, with_text=False),
                "created": added.created,
                "mode": added.mode,
            }
        )
        return
    _print_added(env, added)


@app.command("list")
def list_(ctx: typer.Context, json_: JsonOpt = False) -> None:
    """List the stored jobs, the most recent first."""
    from careercoach.services.jobs import job_to_dict, list_jobs
    from careercoach.store.db import open_store
    from careercoach.ui.console import print_json

    jobs = list_jobs(open_store())
    if json_:
        print_json([job_to_dict(job, with_text=False) for job in jobs])
        return
    _print_job_table(get_env(ctx), jobs)


@app.command("show")
def show(ctx: typer.Context, job_id: JobIdArg, json_: JsonOpt = False) -> None:
    """Show one job: what was read from it, and its text."""
    from careercoach.services.jobs import get_job, job_to_dict
    from careercoach.store.db import open_store
    from careercoach.ui.console import print_json

    job = get_job(open_store(), job_id)
    if json_:
        print_json(job_to_dict(job, with_text=True))
        return
    _print_job(get_env(ctx), job)


@app.command("remove")
def remove(ctx: typer.Context, job_id: JobIdArg, yes: YesOpt = False) -> None:
    """Remove a job; analyses made against it are kept."""
    from careercoach.errors import BadInput
    from careercoach.services.jobs import get_job, remove_job
    from careercoach.store.db import open_store
    from careercoach.ui.console import sanitize

    env = get_env(ctx)
    store = open_store()
    job = get_job(store, job_id)
    label = sanitize(job.title or job.filename or f"job {job.id}")
    if not yes:
        if not env.stdin_is_tty:
            raise BadInput(
                f"removing job {job.id} needs confirmation",
                hint=f"add --yes to remove it without asking: "
                f"careercoach job remove {job.id} --yes",
            )
        import questionary

        if not questionary.confirm(f"Remove job {job.id} ({label})?", default=False).ask():
            env.notice("Nothing removed.")
            return
    remove_job(store, job.id)
    env.out.print(f"Removed job {job.id} ({label}).", markup=False, highlight=False)


# --- rendering (Rich is imported here, when a command runs, never at start-up) -------------


def _print_added(env, added) -> None:
    """The summary of what was read from a new posting, or a note that it was stored already."""
    job = added.job
    if not added.created:
        env.out.print(
            f"Already stored as job {job.id}; nothing added.", markup=False, highlight=False
        )
        _print_job(env, job, with_text=False)
        return
    how = (
        f"read by {added.model}, gaps filled by the offline parser"
        if added.mode == "llm"
        else "offline extraction (no model used)"
    )
    env.out.print(f"Added job {job.id} ({how}).", markup=False, highlight=False)
    _print_job(env, job, with_text=False, salary=added.salary)
    if not job.required_skills and not job.preferred_skills:
        env.err.print(
            "Warning: no recognisable skills were found in this posting, so 'careercoach gap' "
            "will have little to match. Check the text, or describe the role's skills with "
            "'careercoach job describe'.",
            markup=False,
            highlight=False,
        )


def _print_job(env, job, *, with_text: bool = True, salary=None) -> None:
    from rich.table import Table
    from rich.text import Text

    from careercoach.ui.console import sanitize

    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    rows = [
        ("id", str(job.id)),
        ("kind", job.kind),
        ("title", job.title),
        ("company", job.company),
        ("location", job.location),
        ("remote", job.remote),
        ("salary", _salary_text(job, salary)),
        ("years", f"{job.years_required:g}+" if job.years_required is not None else None),
        ("degree", job.degree),
        ("required skills", ", ".join(job.required_skills or []) or None),
        ("preferred skills", ", ".join(job.preferred_skills or []) or None),
        ("file", job.filename),
        ("added", job.created_at.isoformat(timespec="seconds") if job.created_at else None),
    ]
    for name, value in rows:
        table.add_row(name, Text(sanitize(value) if value else "-"))
    env.out.print(table)
    if with_text:
        env.out.print()
        env.out.print(Text(sanitize(job.text)))


def _salary_text(job, salary) -> str | None:
    if job.salary_min is None and job.salary_max is None:
        return None
    low, high = job.salary_min, job.salary_max
    span = f"{low:,.0f}" if low == high else f"{low:,.0f} - {high:,.0f}"
    text = f"{span} {job.currency or '(currency not stated)'} per year"
    if salary is not None and salary.period != "year":
        text += (
            f" (annualised from {salary.minimum:,.2f} - {salary.maximum:,.2f} per {salary.period})"
        )
    return text


def _print_job_table(env, jobs) -> None:
    from rich.table import Table
    from rich.text import Text

    from careercoach.ui.console import sanitize

    if not jobs:
        env.out.print(
            "No jobs stored yet. Add one: careercoach job add posting.txt",
            markup=False,
            highlight=False,
        )
        return
    table = Table()
    for column in ("id", "title", "company", "location", "remote", "#required", "added"):
        table.add_column(column, overflow="fold")
    for job in jobs:
        table.add_row(
            str(job.id),
            Text(sanitize(job.title or "-")),
            Text(sanitize(job.company or "-")),
            Text(sanitize(job.location or "-")),
            job.remote or "-",
            str(len(job.required_skills or [])),
            job.created_at.date().isoformat() if job.created_at else "-",
        )
    env.out.print(table)
