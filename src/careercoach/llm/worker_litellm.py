"""What the warm worker does with LiteLLM itself: warm it up, look things up, forget keys, cut streams.

Kept apart from the server (worker.py), which only moves requests between sockets and threads.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable
from typing import Any

from careercoach.llm.failures import ModelCallFailed
from careercoach.llm.transport import InProcessTransport, ModelRequest


def lookup(op: str, message: dict[str, Any]) -> dict[str, Any]:
    """Token counts and model-table facts, so the CLI need not import LiteLLM for them."""
    from careercoach.llm.litellm_setup import load_litellm

    model = str(message.get("model") or "")
    try:
        litellm = load_litellm()
        if op == "tokens":
            texts = [str(t) for t in message.get("texts") or []]
            return {"t": "tokens", "counts": [int(litellm.token_counter(model=model, text=t))
                                              for t in texts]}
        info = dict(litellm.get_model_info(model))
    except Exception:  # the caller has the same fallback as for a local failure
        return {"t": op, "counts": None, "info": {}}
    keep = ("max_input_tokens", "max_output_tokens", "max_tokens")
    return {"t": "model_info", "info": {k: info.get(k) for k in keep if isinstance(info.get(k), int)}}


def forget_clients() -> None:
    """Drop LiteLLM's cached HTTP clients, which hold the last request's API key."""
    from careercoach.llm.litellm_setup import load_litellm

    with contextlib.suppress(Exception):
        load_litellm().in_memory_llm_clients_cache.flush_cache()


def warm_up_litellm(
    transport: InProcessTransport, skip_call: Callable[[], bool] = lambda: False
) -> None:
    """Pay LiteLLM's import and first-call setup now, with no network: a refused local port.

    The setup call is skipped once `skip_call()` says a real request is already waiting: that
    request pays the same setup, and waiting for a throw-away call first would only delay it.
    """
    transport.prepare()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    request = ModelRequest(
        model="openai/warm-up",
        messages=[{"role": "user", "content": "warm-up"}],
        timeout=5.0,
        api_base=f"http://127.0.0.1:{port}/v1",
        api_key="warm-up",
    )
    for on_text in (lambda _piece: None, None):
        if skip_call():
            break
        with contextlib.suppress(ModelCallFailed):
            transport.send(request, on_text)
    forget_clients()


def cut_stream(stream: Any) -> None:
    """Shut down the socket under a LiteLLM stream that is still open, waking its reader."""
    response = getattr(getattr(stream, "completion_stream", None), "response", None)
    if response is None or getattr(response, "is_closed", True):
        return  # finished (its connection may already serve another request): leave it
    sock = find_socket(stream.completion_stream)
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def find_socket(root: Any, depth: int = 10) -> socket.socket | None:
    """The socket inside an HTTP client's response objects, by a bounded breadth-first walk.

    httpx and httpcore keep it several private attributes deep and rename them between
    releases; walking finds it in any of them, or gives up (the cut then waits for a chunk).
    """
    seen: set[int] = set()
    frontier = [root]
    for _ in range(depth):
        found: list[Any] = []
        for obj in frontier:
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            if isinstance(obj, socket.socket):
                return obj
            attrs = getattr(obj, "__dict__", None)
            if isinstance(attrs, dict):
                found.extend(v for v in attrs.values()
                             if not isinstance(v, (str, bytes, int, float, bool, type(None))))
        frontier = found
    return None
