"""The one place a model request crosses into LiteLLM, behind a small transport interface.

A transport sends one `ModelRequest` and returns one `ModelReply`, or raises ModelCallFailed;
it never retries, caches or logs usage (the gateway does). Everything that needs litellm
(provider checks, structured-output support, token counts, prices) happens inside the
transport, so a worker-process transport can keep litellm out of the CLI process and still
give identical results.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from careercoach.llm.failures import CallContext, classify
from careercoach.llm.litellm_setup import load_litellm
from careercoach.llm.structured import response_format, with_schema_instruction

OnText = Callable[[str], None]


@dataclass(frozen=True)
class ModelRequest:
    """One request to the model, fully resolved (key included), as plain picklable data."""

    model: str
    messages: list[dict[str, Any]]
    timeout: float  # the configured seconds per request, as messages name it
    api_base: str | None = None
    api_key: str | None = field(default=None, repr=False)
    temperature: float | None = None
    max_tokens: int | None = None
    json_schema: dict[str, Any] | None = None  # ask for JSON matching this schema
    schema_name: str = "answer"


@dataclass(frozen=True)
class ModelReply:
    """What came back: the text, whether the model finished it, and what it cost."""

    text: str
    finish_reason: str | None  # None: the stream ended without the model saying it was done
    model: str
    prompt_tokens: int | None
    completion_tokens: int | None
    cost_usd: float | None  # None when LiteLLM's price table does not know the model

    @property
    def finished(self) -> bool:
        return self.finish_reason is not None


class Transport(Protocol):
    """Sends one request; streams text deltas to `on_text` when given; raises ModelCallFailed."""

    name: str  # the UsageEvent.transport value

    def prepare(self) -> None:
        """Get ready to send (load litellm, reach the worker); this time is not the model's."""
        ...

    def send(
        self, request: ModelRequest, on_text: OnText | None = None, *, timeout: float | None = None
    ) -> ModelReply:
        """`timeout` overrides request.timeout for this attempt (the retry deadline shrinks it)."""
        ...


class InProcessTransport:
    """Call LiteLLM in this process (imported on the first request, never before)."""

    name = "in-process"

    def __init__(self, on_stream: Callable[[Any], None] | None = None) -> None:
        # Told each LiteLLM stream as it opens (the worker uses it to cut a cancelled one).
        self._on_stream = on_stream

    def prepare(self) -> None:
        """Import litellm now, so its seconds-long import is not counted as model latency."""
        load_litellm()

    def send(
        self, request: ModelRequest, on_text: OnText | None = None, *, timeout: float | None = None
    ) -> ModelReply:
        """Send the request; any LiteLLM failure comes out as ModelCallFailed."""
        ctx = CallContext(request.model, request.api_base, request.timeout, request.api_key)
        litellm = load_litellm()
        try:
            kwargs = _completion_kwargs(litellm, request)
            if timeout is not None:
                kwargs["timeout"] = timeout
            if on_text is None:
                response = litellm.completion(**kwargs)
            else:
                kwargs.update(stream=True, stream_options={"include_usage": True})
                stream = litellm.completion(**kwargs)
        except Exception as exc:  # LiteLLM raises its own classes and the odd plain one
            raise classify(exc, ctx) from None
        sent = kwargs["messages"]  # with the schema instruction, when one was added
        if on_text is None:
            return _reply_from_response(litellm, request, sent, response)
        if self._on_stream is not None:
            self._on_stream(stream)
        return _consume_stream(litellm, request, sent, stream, on_text, ctx)


def _completion_kwargs(litellm: Any, request: ModelRequest) -> dict[str, Any]:
    # Raises (LLM Provider NOT provided) for a model name LiteLLM cannot route.
    litellm.get_llm_provider(model=request.model, api_base=request.api_base)
    messages = request.messages
    kwargs: dict[str, Any] = {
        "model": request.model,
        "timeout": request.timeout,
        # Our retry loop is the only one: LiteLLM's wrapper and the OpenAI client stay out.
        "num_retries": 0,
        "max_retries": 0,
        # Providers that lack a parameter (stream_options, temperature on reasoning models)
        # get the request without it instead of a refusal.
        "drop_params": True,
    }
    if request.api_base:
        kwargs["api_base"] = request.api_base
    if request.api_key:
        kwargs["api_key"] = request.api_key
    if request.temperature is not None:
        kwargs["temperature"] = request.temperature
    if request.max_tokens is not None:
        kwargs["max_tokens"] = request.max_tokens
    if request.json_schema is not None:
        native = bool(litellm.supports_response_schema(model=request.model))
        kwargs["response_format"] = response_format(
            request.schema_name, request.json_schema, native=native
        )
        if not native:
            messages = with_schema_instruction(messages, request.json_schema)
    kwargs["messages"] = messages
    return kwargs


def _reply_from_response(
    litellm: Any, request: ModelRequest, sent: list[dict[str, Any]], response: Any
) -> ModelReply:
    choice = response.choices[0] if response.choices else None
    text = (choice.message.content if choice is not None else None) or ""
    # A whole JSON body arrived, so the answer is complete even if the server named no reason.
    finish_reason = (getattr(choice, "finish_reason", None) if choice else None) or "stop"
    prompt_tokens, completion_tokens = _usage(response)
    priced = response
    if prompt_tokens is None or completion_tokens is None:
        prompt_tokens, completion_tokens = _count_tokens(litellm, request.model, sent, text)
        priced = None  # its usage is LiteLLM's zeros; price our own count instead
    return ModelReply(
        text=text,
        finish_reason=finish_reason,
        model=request.model,
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        cost_usd=_cost(litellm, request, priced, prompt_tokens, completion_tokens),
    )


def _consume_stream(
    litellm: Any,
    request: ModelRequest,
    sent: list[dict[str, Any]],
    stream: Any,
    on_text: OnText,
    ctx: CallContext,
) -> ModelReply:
    chunks: list[Any] = []
    parts: list[str] = []
    try:
        for chunk in _guarded(stream, ctx):
            chunks.append(chunk)
            for choice in getattr(chunk, "choices", None) or []:
                piece = getattr(getattr(choice, "delta", None), "content", None)
                if piece:
                    parts.append(piece)
                    on_text(piece)  # outside the guard: the caller's own errors stay its own
    finally:
        _close(stream)
    text = "".join(parts)
    try:
        built = litellm.stream_chunk_builder(chunks, messages=sent)
    except Exception:  # a malformed stream: count the tokens ourselves below
        built = None
    prompt_tokens, completion_tokens = _usage(built)
    if prompt_tokens is None or completion_tokens is None:
        prompt_tokens, completion_tokens = _count_tokens(litellm, request.model, sent, text)
        built = None  # price our own count instead
    return ModelReply(
        text=text,
        finish_reason=_provider_finish_reason(stream, chunks),
        model=request.model,
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        cost_usd=_cost(litellm, request, built, prompt_tokens, completion_tokens),
    )


def _close(stream: Any) -> None:
    """Release the HTTP connection of a stream left early (Ctrl-C, a failing on_text)."""
    close = getattr(getattr(stream, "completion_stream", None), "close", None)
    if callable(close):
        with contextlib.suppress(Exception):
            close()


def _guarded(stream: Any, ctx: CallContext) -> Iterator[Any]:
    """Iterate the stream, turning LiteLLM's mid-stream exceptions into ModelCallFailed."""
    iterator = iter(stream)
    while True:
        try:
            chunk = next(iterator)
        except StopIteration:
            return
        except Exception as exc:
            raise classify(exc, ctx) from None
        yield chunk


def _provider_finish_reason(stream: Any, chunks: list[Any]) -> str | None:
    """The finish_reason the provider sent, ignoring the "stop" LiteLLM invents at a cut.

    LiteLLM's stream wrapper ends every stream with a finish_reason, even one the server cut
    short; only its record of what the provider actually sent tells them apart.
    """
    if hasattr(stream, "received_finish_reason"):
        return getattr(stream, "received_finish_reason", None) or getattr(
            stream, "intermittent_finish_reason", None
        )
    # A LiteLLM without that record: trust the chunks (tests pin the attribute's presence).
    for chunk in reversed(chunks):
        for choice in getattr(chunk, "choices", None) or []:
            if getattr(choice, "finish_reason", None):
                return str(choice.finish_reason)
    return None


def _usage(response: Any) -> tuple[int | None, int | None]:
    usage = getattr(response, "usage", None) if response is not None else None
    if usage is None:
        return None, None
    prompt = getattr(usage, "prompt_tokens", None)
    completion = getattr(usage, "completion_tokens", None)
    if not isinstance(prompt, int) or not isinstance(completion, int) or prompt <= 0:
        # LiteLLM fills in zeros when the server reported nothing; no prompt is 0 tokens.
        return None, None
    return prompt, completion


def _count_tokens(
    litellm: Any, model: str, messages: list[dict[str, Any]], text: str
) -> tuple[int | None, int | None]:
    """Count tokens ourselves when the server reported none (LiteLLM's tokenizer, offline)."""
    try:
        prompt = int(litellm.token_counter(model=model, messages=messages))
        completion = int(litellm.token_counter(model=model, text=text)) if text else 0
    except Exception:
        return None, None
    return prompt, completion


def _cost(
    litellm: Any,
    request: ModelRequest,
    response: Any,
    prompt_tokens: int | None,
    completion_tokens: int | None,
) -> float | None:
    """The price in USD from LiteLLM's table, or None for a model it does not know.

    `response` carries the server's usage when it reported any; otherwise the counted tokens
    are priced.
    """
    try:
        if response is not None:
            return float(litellm.completion_cost(completion_response=response, model=request.model))
        if prompt_tokens is None or completion_tokens is None:
            return None
        prompt_cost, completion_cost = litellm.cost_per_token(
            model=request.model,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
        )
        return float(prompt_cost) + float(completion_cost)
    except Exception:  # unmapped model, or a price table without this provider
        return None
