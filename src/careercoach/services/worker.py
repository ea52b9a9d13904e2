"""Start, stop and inspect the warm model worker (`careercoach worker start|stop|status`)."""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from careercoach.config import Config
from careercoach.errors import BadInput

if TYPE_CHECKING:
    from careercoach.llm.worker_protocol import WorkerFiles

_STOP_WAIT_SECONDS = 10.0


@dataclass(frozen=True)
class WorkerStatus:
    """Whether a worker runs, and what it has done; the times are seconds."""

    running: bool
    enabled: bool  # whether model commands use it (config `worker`, CAREERCOACH_NO_WORKER)
    socket: str
    pid: int | None = None
    version: str | None = None
    started_at: datetime | None = None
    uptime_s: float | None = None
    requests: int | None = None
    active: int | None = None
    idle_s: float | None = None
    idle_limit_s: float | None = None
    ready: bool | None = None


@dataclass(frozen=True)
class StopResult:
    """What `worker stop` did: the pid it stopped, or that a dead worker's socket was removed."""

    pid: int | None
    stopped: bool
    removed_stale_socket: bool = False


def _files() -> WorkerFiles:
    from careercoach.llm.worker_protocol import supported, worker_files

    if not supported():
        raise BadInput(
            "the warm model worker needs Unix domain sockets, which this platform lacks",
            hint="model commands run in-process here; nothing to do",
        )
    try:
        return worker_files()
    except OSError as exc:
        raise BadInput(
            f"no private runtime directory for the worker: {exc}",
            hint="check the permissions of the runtime directory, or set CAREERCOACH_HOME",
        ) from None


def worker_status(config: Config | None = None) -> WorkerStatus:
    """The running worker's pid, uptime, requests served and idle time (running=False if none)."""
    from careercoach.llm.worker_client import enabled, exchange

    config = config or Config.load()
    files = _files()
    answer = exchange(files, {"op": "status"})
    base = {"enabled": enabled(config), "socket": str(files.socket)}
    if answer is None or answer.get("t") != "status":
        return WorkerStatus(running=False, **base)
    return WorkerStatus(
        running=True,
        pid=int(answer["pid"]),
        version=str(answer.get("version")),
        started_at=datetime.fromtimestamp(float(answer["started_at"]), tz=timezone.utc),
        uptime_s=round(float(answer["uptime_s"]), 1),
        requests=int(answer["requests"]),
        active=int(answer["active"]),
        idle_s=round(float(answer["idle_s"]), 1),
        idle_limit_s=float(answer["idle_limit_s"]),
        ready=bool(answer.get("ready")),
        **base,
    )


def start_worker(config: Config | None = None) -> tuple[WorkerStatus, bool]:
    """Start the worker (if none runs) and wait until LiteLLM is loaded in it.

    Returns its status and whether this call started it.
    """
    from careercoach.errors import ProviderError
    from careercoach.llm.worker_client import WorkerClient, connect, idle_seconds

    config = config or Config.load()
    files = _files()
    existing = connect(files)
    if existing is not None:
        existing.close()
    if not WorkerClient(files, idle_seconds(config)).ensure_ready(request_waiting=False):
        raise ProviderError(
            "the model worker did not start",
            hint=f"see its log: {files.log}; model commands still work in-process",
        )
    return worker_status(config), existing is None


def stop_worker() -> StopResult:
    """Ask the worker to leave and wait for it; a dead worker's socket file is removed."""
    from careercoach.llm.worker_client import exchange, process_gone

    files = _files()
    answer = exchange(files, {"op": "stop"})
    if answer is None or answer.get("t") != "stopping":
        return StopResult(pid=None, stopped=False, removed_stale_socket=_remove_stale(files))
    pid = int(answer["pid"])
    deadline = time.monotonic() + _STOP_WAIT_SECONDS
    while not process_gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return StopResult(pid=pid, stopped=process_gone(pid))


def _remove_stale(files: WorkerFiles) -> bool:
    """Remove a socket file no worker owns (its owner holds the lock while alive)."""
    import fcntl

    if not files.socket.exists():
        return False
    fd = os.open(files.lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # a worker is alive (perhaps starting): not stale
        with contextlib.suppress(FileNotFoundError):
            files.socket.unlink()
            return True
        return False
    finally:
        os.close(fd)
