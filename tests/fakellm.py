"""A fake OpenAI-compatible model server on 127.0.0.1 for tests, so the real LiteLLM path runs.

Queue answers (`push_text`, `push_json`) and faults (`push_fault`); each chat request takes the
next item, and an empty queue answers `default_text`. Every request is recorded in `.requests`.

    with FakeLLM() as fake:
        fake.push_text("Hello")
        fake.push_fault("429", retry_after=1)
        ... point the client at fake.base_url ...

Faults: "400" "401" "403" "404" "500" "503" (any status: an OpenAI-style error body; 401
echoes the caller's key in its message, as some servers do, to test that we scrub it),
"429" (retry_after=seconds adds a Retry-After header), "hang" (seconds=...: answer only after
that long; after_chunks=N on a stream: stall after N chunks), "cut" (after_chunks=N: the
stream stops without a finish_reason or [DONE] and the connection closes; a plain answer
stops halfway through its body; reset=True closes with a TCP reset instead of a clean end),
"prose" (prose where JSON was asked), "context" (400 context_length_exceeded).

`max_context_tokens` answers "context" for any request whose messages are longer than that
(counted roughly, 4 characters per token). `report_usage=False` makes a server that never
reports token usage.
"""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DEFAULT_TEXT = "This is the fake model's default answer."
FAULTS = ("hang", "cut", "prose", "context")
PROSE = "Sure! Here is what I think: you are a strong candidate for this role."


@dataclass
class Fault:
    """A failure the next request meets instead of an answer."""

    kind: str
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Text:
    """An answer: `text`, ending with `finish_reason` (None: a stream without one)."""

    text: str
    finish_reason: str | None = "stop"


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any] | None


def rough_tokens(text: str) -> int:
    """Count tokens the cheap way (4 characters each); enough for limits and usage in tests."""
    return max(1, (len(text) + 3) // 4)


def messages_tokens(messages: list[dict[str, Any]]) -> int:
    total = 0
    for message in messages:
        content = message.get("content") or ""
        if isinstance(content, list):  # content parts
            content = " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
        total += rough_tokens(str(content)) + 4
    return total


def split_chunks(text: str, size: int = 8) -> list[str]:
    """Split text into small pieces so a stream has several deltas."""
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


def ensure_loopback_up() -> None:
    """Bring the loopback interface up if it is down (Linux), else leave everything as it is.

    A fresh network namespace (`unshare -n`, how we prove tests need no network) starts with
    `lo` down, so even 127.0.0.1 is unreachable. Raising it touches nothing beyond that
    namespace's own loopback; without the privilege to do so, this is a no-op.
    """
    if not sys.platform.startswith("linux"):
        return
    import fcntl

    siocgifflags, siocsifflags, iff_up = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        request = struct.pack("16sh", b"lo", 0)
        try:
            flags = struct.unpack("16sh", fcntl.ioctl(probe, siocgifflags, request))[1]
            if not flags & iff_up:
                fcntl.ioctl(probe, siocsifflags, struct.pack("16sh", b"lo", flags | iff_up))
        except OSError:
            pass


class FakeLLM:
    """An OpenAI-compatible HTTP server on a free local port, started on construction."""

    def __init__(
        self,
        *,
        default_text: str = DEFAULT_TEXT,
        max_context_tokens: int | None = None,
        models: tuple[str, ...] = ("test-model",),
        chunk_size: int = 8,
        report_usage: bool = True,
    ) -> None:
        self.default_text = default_text
        self.max_context_tokens = max_context_tokens
        self.models = models
        self.chunk_size = chunk_size
        self.report_usage = report_usage  # False: a server that never reports token usage
        self.requests: list[RecordedRequest] = []
        self._items: deque[Text | Fault] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        ensure_loopback_up()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.fake = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        """The recorded POST /chat/completions requests, oldest first."""
        with self._lock:
            return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def queue(self, *items: Text | Fault | str | dict[str, Any]) -> None:
        """Queue answers: a str is a text answer, a dict a JSON answer, or a Text/Fault."""
        with self._lock:
            for item in items:
                if isinstance(item, str):
                    item = Text(item)
                elif isinstance(item, dict):
                    item = Text(json.dumps(item))
                self._items.append(item)

    def push_text(self, text: str, *, finish_reason: str | None = "stop") -> None:
        self.queue(Text(text, finish_reason))

    def push_json(self, obj: Any) -> None:
        self.queue(Text(json.dumps(obj)))

    def push_fault(self, kind: str, **options: Any) -> None:
        if kind not in FAULTS and not (kind.isdigit() and len(kind) == 3):
            raise ValueError(f"unknown fault {kind!r}: use an HTTP status or one of {FAULTS}")
        self.queue(Fault(kind, options))

    def stop(self) -> None:
        """Shut down quickly: release hanging handlers, stop serving, close the socket."""
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=2)

    def __enter__(self) -> FakeLLM:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _next_item(self) -> Text | Fault:
        with self._lock:
            return self._items.popleft() if self._items else Text(self.default_text)

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a hanging handler must not hold up stop()
    fake: FakeLLM


class _Handler(BaseHTTPRequestHandler):
    # HTTP/1.0: one request per connection and a stream ends when the connection closes,
    # which is how a cut stream looks to the client: a clean end without [DONE].
    protocol_version = "HTTP/1.0"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep tests quiet
        pass

    @property
    def fake(self) -> FakeLLM:
        return self.server.fake

    def do_GET(self) -> None:
        self.fake._record(RecordedRequest("GET", self.path, dict(self.headers), None))
        if self.path.rstrip("/").endswith("/models"):
            data = [{"id": m, "object": "model", "owned_by": "fake"} for m in self.fake.models]
            self._send_json(200, {"object": "list", "data": data})
        else:
            self._send_error(404, "not found", "not_found")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = None
        self.fake._record(RecordedRequest("POST", self.path, dict(self.headers), body))
        if not self.path.rstrip("/").endswith("/chat/completions") or not isinstance(body, dict):
            self._send_error(404, "not found", "not_found")
            return
        # OSError: the client gave up (timeout, interrupt), so there is no one left to answer.
        with contextlib.suppress(OSError):
            self._answer(body)

    def _answer(self, body: dict[str, Any]) -> None:
        fake = self.fake
        messages = body.get("messages") or []
        prompt_tokens = messages_tokens(messages)
        if fake.max_context_tokens is not None and prompt_tokens > fake.max_context_tokens:
            self._send_context_error(prompt_tokens)
            return
        item = fake._next_item()
        stream = bool(body.get("stream"))
        if isinstance(item, Text):
            self._send_answer(body, item, prompt_tokens, stream)
            return
        options = item.options
        kind = item.kind
        if kind == "hang":
            after = options.get("after_chunks")
            text = Text(options.get("text", fake.default_text))
            if stream and after is not None:
                self._send_answer(body, text, prompt_tokens, stream, stall_after=int(after),
                                  stall_seconds=float(options.get("seconds", 30)))
                return
            fake._stopping.wait(float(options.get("seconds", 30)))
            self._send_answer(body, text, prompt_tokens, stream)
        elif kind == "cut":
            text = Text(options.get("text", fake.default_text))
            self._send_answer(body, text, prompt_tokens, stream,
                              cut_after=int(options.get("after_chunks", 1)),
                              reset=bool(options.get("reset", False)))
        elif kind == "prose":
            self._send_answer(body, Text(options.get("text", PROSE)), prompt_tokens, stream)
        elif kind == "context":
            self._send_context_error(prompt_tokens)
        else:
            self._send_status_fault(int(kind), options)

    def _send_status_fault(self, status: int, options: dict[str, Any]) -> None:
        headers: dict[str, str] = {}
        if status == 401:
            key = self.headers.get("Authorization", "").removeprefix("Bearer ").strip()
            message = f"Incorrect API key provided: {key}. Find your key at the dashboard."
            code = "invalid_api_key"
        elif status == 403:
            message, code = "You are not allowed to use this model.", "permission_denied"
        elif status == 404:
            message = "The model does not exist or you do not have access to it."
            code = "model_not_found"
        elif status == 429:
            message, code = "Rate limit reached for requests.", "rate_limit_exceeded"
            if "retry_after" in options:
                headers["Retry-After"] = str(options["retry_after"])
        elif status == 400:
            message, code = "Invalid request.", "invalid_request"
        else:
            message, code = "The server had an error while processing your request.", "server_error"
        self._send_error(status, options.get("message", message), code, headers)

    def _send_context_error(self, prompt_tokens: int) -> None:
        limit = self.fake.max_context_tokens or 8192
        message = (
            f"This model's maximum context length is {limit} tokens. However, your messages "
            f"resulted in {max(prompt_tokens, limit + 1)} tokens. Please reduce the length."
        )
        self._send_error(400, message, "context_length_exceeded", param="messages")

    def _send_error(
        self,
        status: int,
        message: str,
        code: str,
        headers: dict[str, str] | None = None,
        param: str | None = None,
    ) -> None:
        kind = "invalid_request_error" if status < 500 else "server_error"
        body = {"error": {"message": message, "type": kind, "param": param, "code": code}}
        self._send_json(status, body, headers)

    def _send_json(self, status: int, obj: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _send_answer(
        self,
        body: dict[str, Any],
        answer: Text,
        prompt_tokens: int,
        stream: bool,
        *,
        cut_after: int | None = None,
        reset: bool = False,
        stall_after: int | None = None,
        stall_seconds: float = 0.0,
    ) -> None:
        model = str(body.get("model", "test-model"))
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": rough_tokens(answer.text),
            "total_tokens": prompt_tokens + rough_tokens(answer.text),
        }
        base = {"id": f"chatcmpl-fake-{time.monotonic_ns()}", "created": int(time.time()),
                "model": model}
        if not stream and cut_after is not None:
            # A plain answer cut short: the promised Content-Length never arrives.
            data = json.dumps({**base, "object": "chat.completion", "choices": []}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self._cut(reset)
            return
        if not stream:
            self._send_json(200, {
                **base,
                "object": "chat.completion",
                "choices": [{
                    "index": 0,
                    "message": {"role": "assistant", "content": answer.text},
                    "finish_reason": answer.finish_reason,
                }],
                **({"usage": usage} if self.fake.report_usage else {}),
            })
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        chunk_base = {**base, "object": "chat.completion.chunk"}
        for index, piece in enumerate(split_chunks(answer.text, self.fake.chunk_size)):
            if cut_after is not None and index >= cut_after:
                self._cut(reset)
                return
            if stall_after is not None and index >= stall_after:
                self.wfile.flush()
                self.fake._stopping.wait(stall_seconds)
                stall_after = None
            delta: dict[str, Any] = {"content": piece}
            if index == 0:
                delta["role"] = "assistant"
            self._event({**chunk_base, "choices": [
                {"index": 0, "delta": delta, "finish_reason": None}]})
        if cut_after is not None:
            self._cut(reset)
            return
        if answer.finish_reason is not None:
            self._event({**chunk_base, "choices": [
                {"index": 0, "delta": {}, "finish_reason": answer.finish_reason}]})
        if self.fake.report_usage and (body.get("stream_options") or {}).get("include_usage"):
            self._event({**chunk_base, "choices": [], "usage": usage})
        if answer.finish_reason is not None:
            self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()

    def _event(self, obj: Any) -> None:
        self.wfile.write(b"data: " + json.dumps(obj).encode() + b"\n\n")
        self.wfile.flush()

    def _cut(self, reset: bool) -> None:
        self.wfile.flush()
        if reset:
            # SO_LINGER with a zero timeout turns close() into a TCP reset.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        if not reset:
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
        self.connection.close()
