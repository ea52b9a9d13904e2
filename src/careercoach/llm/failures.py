"""Turn any LiteLLM exception into one ProviderError with a plain message, a hint and a kind.

LiteLLM's exception classes never leave llm/: the transport calls `classify()` on whatever
the call raised. The `kind` is the usage log's outcome and decides whether we retry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from careercoach.errors import ProviderError
from careercoach.llm.credentials import env_var_for, provider_of

RETRYABLE_KINDS = frozenset({"rate_limit", "server", "timeout", "connection"})

# Wordings servers use for an over-long prompt when LiteLLM did not map it itself.
_CONTEXT_PATTERNS = re.compile(
    r"context[_ ]length|context window|maximum context|too many tokens|prompt is too long"
    r"|reduce the length|exceeds? the (?:model's )?(?:max(?:imum)? )?(?:context|token)",
    re.IGNORECASE,
)
# Key formats of the big providers (sk-..., sk-ant-..., gsk_..., xai-..., AIza...).
_KEY_SHAPES = re.compile(r"\b(?:(?:sk|pk|rk|gsk|xai)[-_][-_A-Za-z0-9]{8,}|AIza[-_A-Za-z0-9]{20,})")
_LITELLM_PREFIX = re.compile(r"^(?:litellm\.)?\w+(?:Error|Exception|Timeout)\s*[:-]\s*")


class ModelCallFailed(ProviderError):
    """A model call failed (exit 4); `kind` says how, `retry_after` when the server asked."""

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        *,
        kind: str,
        retry_after: float | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message, hint)
        self.kind = kind
        self.retry_after = retry_after
        self.status = status

    @property
    def retryable(self) -> bool:
        return self.kind in RETRYABLE_KINDS

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickles whole, so a worker-process transport can hand it back unchanged.
        return (_rebuild, (self.message, self.hint, self.kind, self.retry_after, self.status))


def _rebuild(
    message: str, hint: str | None, kind: str, retry_after: float | None, status: int | None
) -> ModelCallFailed:
    return ModelCallFailed(message, hint, kind=kind, retry_after=retry_after, status=status)


@dataclass(frozen=True)
class CallContext:
    """What a message about a failed call may name: never the key, only where it was sent."""

    model: str
    api_base: str | None
    timeout: float
    secret: str | None = field(default=None, repr=False)

    @property
    def provider(self) -> str:
        return provider_of(self.model)

    @property
    def where(self) -> str:
        return f"the server at {self.api_base}" if self.api_base else self.provider


def scrub(text: str, secret: str | None) -> str:
    """Remove the API key (and anything shaped like one) from provider text."""
    if secret and len(secret) >= 4:
        text = text.replace(secret, "***")
    return _KEY_SHAPES.sub("***", text)


def provider_detail(exc: BaseException, secret: str | None, limit: int = 200) -> str:
    """The provider's own words from a LiteLLM exception: one scrubbed, shortened line."""
    text = str(getattr(exc, "message", None) or exc)
    text = text.split("Exception - ", 1)[-1]
    previous = None
    while previous != text:  # "litellm.BadRequestError: BadRequestError: ..." nests prefixes
        previous = text
        text = _LITELLM_PREFIX.sub("", text.strip(), count=1)
    line = scrub(" ".join(text.split()), secret)
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def retry_after_seconds(exc: object) -> float | None:
    """The server's Retry-After (seconds or an HTTP date), or retry-after-ms, when present."""
    headers: Any = getattr(getattr(exc, "response", None), "headers", None)
    headers = headers or getattr(exc, "litellm_response_headers", None) or {}
    try:
        millis = headers.get("retry-after-ms")
        if millis is not None:
            return max(0.0, float(millis) / 1000)
        value = headers.get("retry-after")
    except (AttributeError, TypeError, ValueError):
        return None
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(str(value))
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _status_kind(status: int | None) -> str:
    if status in (401, 403):
        return "auth"
    if status == 404:
        return "not_found"
    if status == 408:
        return "timeout"
    if status == 429:
        return "rate_limit"
    if status is not None and 400 <= status < 500:
        return "bad_request"
    return "server"


def _kind_of(exc: BaseException) -> str:
    import litellm

    status = getattr(exc, "status_code", None)
    if isinstance(exc, litellm.ContextWindowExceededError):
        return "context"
    # LiteLLM maps some providers' 403 to BadRequestError; the status tells the truth.
    if status in (401, 403) or isinstance(
        exc, (litellm.AuthenticationError, litellm.PermissionDeniedError)
    ):
        return "auth"
    if isinstance(exc, litellm.NotFoundError):
        return "not_found"
    if isinstance(exc, litellm.RateLimitError):
        return "rate_limit"
    if isinstance(exc, litellm.Timeout):
        return "timeout"
    if isinstance(exc, litellm.APIConnectionError):
        return "connection"
    if isinstance(exc, litellm.BadRequestError):
        text = str(exc)
        if _CONTEXT_PATTERNS.search(text):
            return "context"
        if "LLM Provider NOT provided" in text:
            return "unknown_provider"
        return "bad_request"
    return _status_kind(status if isinstance(status, int) else None)


def _network_cause(exc: BaseException) -> str | None:
    """"timeout" or "connection" when the chain holds a network failure LiteLLM relabelled.

    LiteLLM reports a refused connection as InternalServerError("Connection error."); only
    the exceptions it was raised from show that no server answered at all.
    """
    import httpx

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, httpx.TimeoutException):
            return "timeout"
        if isinstance(current, (httpx.TransportError, ConnectionError)):
            return "connection"
        current = current.__cause__ or current.__context__
    return None


def _unwrap(exc: BaseException) -> BaseException:
    """LiteLLM wraps failures inside a stream; the original says what happened."""
    import litellm

    mid_stream = getattr(litellm, "MidStreamFallbackError", None)
    if mid_stream is not None and isinstance(exc, mid_stream):
        original = getattr(exc, "original_exception", None)
        if isinstance(original, BaseException):
            return _unwrap(original)
    return exc


def classify(exc: BaseException, ctx: CallContext) -> ModelCallFailed:
    """Map an exception raised by a LiteLLM call to ModelCallFailed (never re-raise LiteLLM's)."""
    exc = _unwrap(exc)
    kind = _kind_of(exc)
    if kind in ("server", "connection"):
        kind = _network_cause(exc) or kind
    status = getattr(exc, "status_code", None)
    detail = provider_detail(exc, ctx.secret)
    provider = ctx.provider
    if kind == "auth":
        message = f"{ctx.where} rejected the API key for {provider}"
        hint = (
            f"set a valid key: careercoach key set {provider} "
            f"(or the {env_var_for(provider)} environment variable)"
        )
    elif kind == "rate_limit":
        message = f"{ctx.where} is rate limiting requests to {ctx.model}"
        hint = "wait a minute and try again, or raise retries: careercoach config set retries 4"
    elif kind == "context":
        message = f"the request is too long for {ctx.model}'s context window"
        hint = "shorten the input, or choose a model with a larger context (--model)"
    elif kind == "connection":
        target = ctx.api_base or f"{provider}'s API"
        message = f"cannot reach the model server at {target}"
        hint = (
            "check that the server is running and the address is right "
            "(careercoach config set api_base URL)"
            if ctx.api_base
            else "check your network connection, then try again"
        )
    elif kind in ("not_found", "unknown_provider"):
        kind = "not_found"
        message = f"the model {ctx.model!r} is unknown to {ctx.where}"
        hint = (
            "check the name, written as a LiteLLM model name such as openai/gpt-4o-mini or "
            "ollama/llama3.1: careercoach config set model NAME (or --model)"
        )
    elif kind == "timeout":
        message = f"{ctx.model} did not answer within {ctx.timeout:g} seconds"
        hint = "try again, or allow more time: careercoach config set timeout 120"
    elif kind == "server":
        code = f" (HTTP {status})" if isinstance(status, int) and status >= 500 else ""
        message = f"{ctx.where} failed while answering{code}: {detail}" if detail else (
            f"{ctx.where} failed while answering{code}"
        )
        hint = "try again in a moment; if it keeps failing, run with --debug for details"
    else:
        message = f"{ctx.where} refused the request: {detail}"
        hint = "check the model name and settings (careercoach config show)"
    return ModelCallFailed(
        scrub(message, ctx.secret),
        scrub(hint, ctx.secret),
        kind=kind,
        retry_after=retry_after_seconds(exc) if kind in RETRYABLE_KINDS else None,
        status=status if isinstance(status, int) else None,
    )
