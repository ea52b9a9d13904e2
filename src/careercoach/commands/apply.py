"""`careercoach apply ...`: track applications through their stages, with follow-ups."""

from __future__ import annotations

from typing import Annotated

import typer

from careercoach.commands.common import JsonOpt, YesOpt, get_env

app = typer.Typer(
    help="Track job applications: stages, a dated timeline, follow-ups and the funnel.",
    no_args_is_help=True,
)

STAGES_HELP = "saved, applied, screening, interview, offer, accepted, rejected or withdrawn"
AppId = Annotated[str, typer.Argument(help="The application's id (see apply list).")]
StatusOpt = Annotated[str | None, typer.Option("--status", "-s", help=f"The stage: {STAGES_HELP}.")]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="When it happened (default today): YYYY-MM-DD, today, yesterday, '3 days ago' "
        "or a weekday; never in the future.",
    ),
]
FollowUpOpt = Annotated[
    str | None,
    typer.Option(
        "--follow-up",
        help="When to act next: YYYY-MM-DD, tomorrow, 'in 1 week', friday ('none' clears it).",
    ),
]
NoteOpt = Annotated[str | None, typer.Option("--note", "-n", help="A note for this event.")]


def _store():
    from careercoach.store.db import open_store

    return open_store()


def _show(ctx: typer.Context, view, json_: bool, message: str | None = None) -> None:  # noqa: ANN001
    from careercoach.ui.console import print_json

    if json_:
        print_json(view.to_dict(with_events=True))
        return
    from careercoach.ui.applications_view import render_one

    render_one(get_env(ctx).out, view, message)


@app.command("add")
def add(
    ctx: typer.Context,
    job: Annotated[str, typer.Argument(help="The job's id (see job list).")],
    status: StatusOpt = None,
    date: DateOpt = None,
    follow_up: FollowUpOpt = None,
    note: NoteOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Track an application for a stored job.

    The stage is --status; without it, "applied" when --date is given, else "saved".
    """
    from careercoach.services.applications import add_application

    view = add_application(_store(), job, status=status, when=date, follow_up=follow_up, note=note)
    _show(ctx, view, json_, f"Tracking application #{view.id} ({view.status}).")


@app.command("list")
def list_(ctx: typer.Context, status: StatusOpt = None, json_: JsonOpt = False) -> None:
    """List applications grouped by stage, with days in stage and follow-ups (overdue in red)."""
    from careercoach.services.applications import list_applications
    from careercoach.ui.console import print_json

    views = list_applications(_store(), status=status)
    if json_:
        print_json([v.to_dict() for v in views])
        return
    from careercoach.ui.applications_view import render_list

    render_list(get_env(ctx).out, views)


@app.command("update")
def update(
    ctx: typer.Context,
    app_id: AppId,
    status: StatusOpt = None,
    note: NoteOpt = None,
    date: DateOpt = None,
    follow_up: FollowUpOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Move an application to a stage, add a note or set a follow-up: each is a dated event."""
    from careercoach.services.applications import update_application

    view = update_application(
        _store(), app_id, status=status, note=note, when=date, follow_up=follow_up
    )
    _show(ctx, view, json_, f"Application #{view.id} is {view.status}.")


@app.command("show")
def show(ctx: typer.Context, app_id: AppId, json_: JsonOpt = False) -> None:
    """Show an application's timeline, oldest event first."""
    from careercoach.services.applications import get_application

    _show(ctx, get_application(_store(), app_id), json_)


@app.command("due")
def due(ctx: typer.Context, json_: JsonOpt = False) -> None:
    """What needs action: follow-ups due today or past, and applications gone quiet.

    Quiet = more than 14 days in applied or screening with no follow-up date.
    """
    from careercoach.services.applications import STALE_DAYS, due_applications
    from careercoach.ui.console import print_json

    items = due_applications(_store())
    if json_:
        print_json([item.to_dict() for item in items])
        return
    from careercoach.ui.applications_view import render_due

    render_due(get_env(ctx).out, items, STALE_DAYS)


@app.command("stats")
def stats(ctx: typer.Context, json_: JsonOpt = False) -> None:
    """The funnel: how many reached each stage, conversions, response time and months."""
    from careercoach.services.applications import application_stats
    from careercoach.ui.console import print_json

    figures = application_stats(_store())
    if json_:
        print_json(figures)
        return
    from careercoach.ui.applications_view import render_stats

    render_stats(get_env(ctx).out, figures)


@app.command("remove")
def remove(ctx: typer.Context, app_id: AppId, yes: YesOpt = False, json_: JsonOpt = False) -> None:
    """Delete an application and its timeline (asks first; --yes when not on a terminal)."""
    from careercoach.commands.goal import confirm_or_fail
    from careercoach.services.applications import get_application, remove_application
    from careercoach.ui.console import print_json

    env = get_env(ctx)
    store = _store()
    view = get_application(store, app_id)
    if not confirm_or_fail(
        env, f"Delete application #{view.id} and its {len(view.events)} events?", yes=yes
    ):
        env.notice("Nothing deleted.")
        return
    removed = remove_application(store, view.id)
    if json_:
        print_json(removed.to_dict(with_events=True))
        return
    env.out.print(
        f"Deleted application #{removed.id} and {len(removed.events)} events.", markup=False
    )
