"""The CLI's side of the warm model worker: start it, reach it, and talk to it.

`start_early(config)` is called at the very start of a model command: it only checks the
socket and, when no worker answers, starts one detached, without waiting, so LiteLLM's import
in the worker overlaps the command's own work. `WorkerClient` waits for a worker of our
version to be ready and sends requests through it; token counts and model facts can be asked
of it too (`remote_token_count`, `remote_model_info`). What to do when it fails is the
transport's business (worker_transport). Nothing here imports litellm.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from typing import Any

from careercoach.config import Config
from careercoach.llm.failures import ModelCallFailed
from careercoach.llm.transport import ModelReply, ModelRequest, OnText
from careercoach.llm.worker_protocol import (
    VERSION,
    ProtocolError,
    WorkerFiles,
    failure_from_wire,
    recv_frame,
    reply_from_wire,
    request_to_wire,
    send_frame,
    supported,
    worker_files,
)

NO_WORKER_ENV = "CAREERCOACH_NO_WORKER"
CLIENT_VERSION = VERSION  # what this CLI says it is (a test stands in for an upgraded CLI)
START_WAIT_SECONDS = 15.0  # for a started worker to listen on its socket
READY_WAIT_SECONDS = 180.0  # for its LiteLLM import and warm-up on a slow, busy machine
REPLY_MARGIN_SECONDS = 15.0  # beyond the request timeout, before the worker counts as stuck

# Workers this process started, by directory: (when, the process). Kept so a started worker
# is not started twice and its exit can be collected.
_started: dict[str, tuple[float, subprocess.Popen[bytes]]] = {}
_shared: dict[str, WorkerClient | None] = {}


class WorkerLost(Exception):
    """The worker went away or misbehaved; `delivered` is the text already streamed."""

    def __init__(self, reason: str, delivered: str = "", *, sent: bool = True) -> None:
        super().__init__(reason)
        self.delivered = delivered
        self.sent = sent  # False: gone before the request reached it (e.g. it idled out)


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def enabled(config: Config) -> bool:
    """Whether model calls should go through the worker (config, environment, platform)."""
    return not _env_flag(NO_WORKER_ENV) and supported() and bool(config.get("worker"))


def idle_seconds(config: Config) -> float:
    return float(config.get("worker_idle_minutes")) * 60


def start_early(config: Config) -> None:
    """Start the worker now, without waiting, unless it is off or already running."""
    if not enabled(config):
        return
    files = worker_files()
    conn = connect(files)
    if conn is not None:
        conn.close()
        return
    spawn(files, idle_seconds(config))


def shared_client() -> WorkerClient | None:
    """This process's ready worker, or None (turned off, unsupported, or it would not start).

    Asked once per process (and CAREERCOACH_HOME): token counts and model facts then come from
    the worker too, so a model command never imports LiteLLM itself.
    """
    if _env_flag(NO_WORKER_ENV) or not supported():
        return None
    key = os.environ.get("CAREERCOACH_HOME", "")
    if key not in _shared:
        client: WorkerClient | None = None
        try:
            config = Config.load()
            if enabled(config):
                client = WorkerClient(worker_files(), idle_seconds(config))
                if not client.ensure_ready():
                    client = None
        except Exception:  # a broken config or runtime directory: LiteLLM in-process, then
            client = None
        _shared[key] = client
    return _shared[key]


def remote_token_count(model: str, text: str) -> int | None:
    """Tokens of `text` counted by the worker's LiteLLM; None when there is no worker to ask."""
    client = shared_client()
    if client is None:
        return None
    answer = exchange(client.files, {"op": "tokens", "version": CLIENT_VERSION,
                                     "model": model, "texts": [text]}, wait=60.0)
    if answer is None or answer.get("t") != "tokens":
        _shared.pop(os.environ.get("CAREERCOACH_HOME", ""), None)
        return None
    counts = answer.get("counts")
    if not counts:  # LiteLLM's tokenizer failed there as it would here: the cheap count
        return len(text) // 4 + 1
    return int(counts[0])


def remote_model_info(model: str) -> dict[str, Any] | None:
    """LiteLLM's table entry (token limits only) from the worker; None when there is none."""
    client = shared_client()
    if client is None:
        return None
    answer = exchange(client.files, {"op": "model_info", "version": CLIENT_VERSION,
                                     "model": model}, wait=60.0)
    if answer is None or answer.get("t") != "model_info":
        _shared.pop(os.environ.get("CAREERCOACH_HOME", ""), None)
        return None
    info = answer.get("info")
    return dict(info) if isinstance(info, dict) else {}


def connect(files: WorkerFiles) -> socket.socket | None:
    """A connection to the worker's socket, or None when no worker listens there."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(str(files.socket))
    except OSError:  # no file, or a dead worker's file (refused)
        sock.close()
        return None
    return sock


def worker_environment() -> dict[str, str]:
    """Our environment without provider keys: the CLI sends the key with each request."""
    return {
        name: value
        for name, value in os.environ.items()
        if not name.upper().endswith("_API_KEY") and name.upper() != "HF_TOKEN"
    }


def spawn(files: WorkerFiles, idle: float) -> None:
    """Start a worker detached (own session, no terminal); its lock settles any race."""
    previous = _started.get(str(files.directory))
    if previous is not None and previous[1].poll() is None:
        return  # ours is still starting
    process = subprocess.Popen(
        [
            sys.executable, "-m", "careercoach.llm.worker",
            "--dir", str(files.directory), "--idle-seconds", f"{idle:g}",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=str(files.directory),
        env=worker_environment(),
        start_new_session=True,
        close_fds=True,
    )
    _started[str(files.directory)] = (time.monotonic(), process)


def exchange(files: WorkerFiles, message: dict[str, Any], *, wait: float = 5.0) -> dict[str, Any] | None:
    """Send one message and read one answer; None when no worker answers."""
    conn = connect(files)
    if conn is None:
        return None
    with conn:
        conn.settimeout(wait)
        try:
            send_frame(conn, message)
            return recv_frame(conn)
        except (ProtocolError, OSError):
            return None


def process_gone(pid: int) -> bool:
    """Whether the process has exited (a zombie of ours counts as gone, and is collected)."""
    for _, process in _started.values():
        if process.pid == pid:
            return process.poll() is not None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    with contextlib.suppress(OSError):
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[-1].split()[0] == "Z"
    return False


class WorkerClient:
    """One worker's socket, as seen from one CLI process."""

    def __init__(self, files: WorkerFiles, idle: float) -> None:
        self.files = files
        self.idle = idle

    def ensure_ready(self, *, request_waiting: bool = True) -> bool:
        """Reach a worker of our version with LiteLLM loaded, starting one if needed.

        `request_waiting` tells a worker still warming up that a model request follows at
        once: it then skips its warm-up call (the request pays that setup itself), so a cold
        command is not slower than making the call in-process. `worker start` says False and
        gets a fully warmed worker.
        """
        for _ in range(2):
            conn = self._connect_or_start()
            if conn is None:
                return False
            with conn:
                conn.settimeout(READY_WAIT_SECONDS)
                try:
                    send_frame(
                        conn,
                        {"op": "ping", "version": CLIENT_VERSION, "request": request_waiting},
                    )
                    answer = recv_frame(conn)
                except (ProtocolError, OSError):
                    answer = {}
            if answer.get("t") == "ready":
                return True
            # A worker of another version has left (its socket is already gone), or ours
            # died while warming up: start a fresh one, once.
            _started.pop(str(self.files.directory), None)
        return False

    def _connect_or_start(self) -> socket.socket | None:
        conn = connect(self.files)
        if conn is not None:
            return conn
        spawn(self.files, self.idle)
        ours = _started.get(str(self.files.directory))
        deadline = time.monotonic() + START_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.01)
            conn = connect(self.files)
            if conn is not None:
                return conn
            if ours is not None and ours[1].poll() not in (None, 0):
                return None  # it failed to start (a lost lock race exits 0: keep waiting)
        return None

    def call(self, request: ModelRequest, on_text: OnText | None, timeout: float | None) -> ModelReply:
        """Send one request through the worker; ModelCallFailed as in-process, or WorkerLost."""
        conn = connect(self.files)
        if conn is None:
            raise WorkerLost("the worker's socket is gone", sent=False)
        delivered: list[str] = []
        with conn:
            conn.settimeout((timeout or request.timeout) + REPLY_MARGIN_SECONDS)
            try:
                send_frame(conn, {
                    "op": "call",
                    "version": CLIENT_VERSION,
                    "request": request_to_wire(request),
                    "stream": on_text is not None,
                    "timeout": timeout,
                })
            except OSError as exc:
                raise WorkerLost(f"sending failed: {exc}", sent=False) from None
            while True:
                try:
                    message = recv_frame(conn)
                except TimeoutError:
                    raise ModelCallFailed(
                        f"{request.model} did not answer within {request.timeout:g} seconds",
                        "try again, or allow more time: careercoach config set timeout 120",
                        kind="timeout",
                    ) from None
                except (ProtocolError, OSError) as exc:
                    raise WorkerLost(str(exc), "".join(delivered)) from None
                kind = message.get("t")
                if kind == "text":
                    piece = str(message.get("text") or "")
                    delivered.append(piece)
                    if on_text is not None:
                        on_text(piece)
                elif kind == "reply":
                    return reply_from_wire(message["reply"])
                elif kind == "error":
                    raise failure_from_wire(message["error"])
                else:  # "mismatch" (replaced mid-way) or "failed" (a bug in the worker)
                    raise WorkerLost(f"the worker answered {kind!r}", "".join(delivered))
