"""How `careercoach worker` shows the worker's state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console

if TYPE_CHECKING:
    from careercoach.services.worker import StopResult, WorkerStatus


def duration(seconds: float | None) -> str:
    """Seconds as a short human duration: 42s, 5m 3s, 2h 7m."""
    if seconds is None:
        return "-"
    whole = int(seconds)
    if whole < 60:
        return f"{whole}s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes}m {secs}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes}m"


def render_status(out: Console, status: WorkerStatus, *, headline: str) -> None:
    use = "used by model commands" if status.enabled else "not used (turned off)"
    if not status.running:
        out.print(f"No worker running ({use}).", markup=False, highlight=False)
        return
    busy = f"{status.active} running now" if status.active else f"idle {duration(status.idle_s)}"
    lines = [
        f"{headline}: pid {status.pid}, version {status.version}",
        f"  uptime     {duration(status.uptime_s)}",
        f"  requests   {status.requests} served, {busy}",
        f"  exits      after {duration(status.idle_limit_s)} without requests",
        f"  socket     {status.socket}",
        f"  model use  {use}",
    ]
    for line in lines:
        out.print(line, markup=False, highlight=False)


def render_stop(out: Console, result: StopResult) -> None:
    if result.pid is not None:
        state = "stopped" if result.stopped else "asked to stop (still finishing)"
        out.print(f"Worker {state} (pid {result.pid}).", markup=False, highlight=False)
    elif result.removed_stale_socket:
        out.print("No worker was running; removed a dead worker's socket.", markup=False,
                  highlight=False)
    else:
        out.print("No worker was running.", markup=False, highlight=False)
