"""careercoach worker: the warm model worker that keeps LiteLLM loaded between commands."""

from __future__ import annotations

import typer

from careercoach.commands.common import JsonOpt, get_env

app = typer.Typer(
    help="The warm model worker: LiteLLM loaded once, shared by the model commands you run.",
    no_args_is_help=True,
)


@app.command("start")
def start(ctx: typer.Context, json_: JsonOpt = False) -> None:
    """Start the worker now (model commands also start it on demand)."""
    from careercoach.services.worker import start_worker
    from careercoach.ui.console import print_json
    from careercoach.ui.worker_view import render_status

    status, started = start_worker()
    if json_:
        print_json({"started": started, **_as_dict(status)})
        return
    env = get_env(ctx)
    render_status(env.out, status, headline="Worker started" if started else "Worker already running")
    if not status.enabled:
        env.notice("Model commands do not use it while it is turned off "
                   "(config worker = false, or CAREERCOACH_NO_WORKER=1).")


@app.command("stop")
def stop(ctx: typer.Context, json_: JsonOpt = False) -> None:
    """Stop the worker; the next model command loads LiteLLM again."""
    from careercoach.services.worker import stop_worker
    from careercoach.ui.console import print_json
    from careercoach.ui.worker_view import render_stop

    result = stop_worker()
    if json_:
        print_json(result)
        return
    render_stop(get_env(ctx).out, result)


@app.command("status")
def status(ctx: typer.Context, json_: JsonOpt = False) -> None:
    """Show the worker's pid, uptime, requests served and idle time."""
    from careercoach.services.worker import worker_status
    from careercoach.ui.console import print_json
    from careercoach.ui.worker_view import render_status

    current = worker_status()
    if json_:
        print_json(current)
        return
    render_status(get_env(ctx).out, current, headline="Worker running")


def _as_dict(status: object) -> dict[str, object]:
    from dataclasses import asdict

    return asdict(status)  # type: ignore[call-overload,no-any-return]
