"""The gateway's worker transport: send through the warm worker, else in-process.

`choose_transport(config)` gives the gateway a WorkerTransport, or the InProcessTransport when
the worker is turned off (config `worker = false`, CAREERCOACH_NO_WORKER=1) or the platform
has no Unix sockets. A worker that cannot be started means in-process without a word; a worker
lost with a request in flight costs one notice on stderr, and the call is made in this process,
showing only the text beyond what was already shown. Nothing here imports litellm.
"""

from __future__ import annotations

import sys

from careercoach.config import Config
from careercoach.llm.failures import ModelCallFailed
from careercoach.llm.transport import InProcessTransport, ModelReply, ModelRequest, OnText
from careercoach.llm.worker_client import WorkerClient, WorkerLost, enabled, idle_seconds
from careercoach.llm.worker_protocol import worker_files

_told_fallback = False


def choose_transport(config: Config) -> InProcessTransport | WorkerTransport:
    """The gateway's transport: through the worker when enabled and possible, else in-process."""
    if not enabled(config):
        return InProcessTransport()
    try:
        files = worker_files()
    except OSError:
        return InProcessTransport()
    return WorkerTransport(WorkerClient(files, idle_seconds(config)))


def _tell_fallback() -> None:
    global _told_fallback
    if not _told_fallback:
        _told_fallback = True
        sys.stderr.write(
            "Note: the model worker stopped during the request; "
            "answering in this process instead.\n"
        )
        sys.stderr.flush()


class WorkerTransport:
    """Send through the warm worker; in-process when it cannot be reached or is lost."""

    def __init__(self, client: WorkerClient, fallback: InProcessTransport | None = None) -> None:
        self.client = client
        self.fallback = fallback or InProcessTransport()
        self.name = "worker"  # the transport that served the last call (usage rows say so)
        self._ready: bool | None = None

    def prepare(self) -> None:
        """Reach the worker (starting it if needed) and wait until LiteLLM is loaded there."""
        if self._ready is None:
            self._ready = self.client.ensure_ready()
        if not self._ready:
            self.name = "in-process"
            self.fallback.prepare()

    def send(
        self, request: ModelRequest, on_text: OnText | None = None, *, timeout: float | None = None
    ) -> ModelReply:
        if self._ready is None:
            self.prepare()
        if not self._ready:
            self.name = "in-process"
            return self.fallback.send(request, on_text, timeout=timeout)
        self.name = "worker"
        try:
            try:
                return self.client.call(request, on_text, timeout)
            except WorkerLost as gone:
                # It left between two requests (idle, stopped, replaced): start it again.
                if gone.sent or not self.client.ensure_ready():
                    raise
                return self.client.call(request, on_text, timeout)
        except WorkerLost as lost:
            self._ready = False
            self.name = "in-process"
            if lost.sent:
                _tell_fallback()
            self.fallback.prepare()
            return resume_in_process(self.fallback, request, on_text, timeout, lost.delivered)


def resume_in_process(
    transport: InProcessTransport,
    request: ModelRequest,
    on_text: OnText | None,
    timeout: float | None,
    delivered: str,
) -> ModelReply:
    """Ask again in this process, showing only what goes beyond the text already shown.

    If the new answer does not begin with what the person already saw, it cannot be joined
    to it: the call fails as a stream cut mid-answer (the gateway then reports it incomplete).
    """
    if on_text is None or not delivered:
        return transport.send(request, on_text, timeout=timeout)
    seen: list[str] = [""]

    def forward(piece: str) -> None:
        before = seen[0]
        now = before + piece
        seen[0] = now
        if len(now) <= len(delivered):
            if not delivered.startswith(now):
                raise _diverged(request)
            return
        if len(before) < len(delivered):
            if not now.startswith(delivered):
                raise _diverged(request)
            on_text(now[len(delivered):])
        else:
            on_text(piece)

    return transport.send(request, forward, timeout=timeout)


def _diverged(request: ModelRequest) -> ModelCallFailed:
    return ModelCallFailed(
        f"the model worker stopped mid-answer and {request.model} answered differently when asked again",
        "try again",
        kind="connection",
    )
