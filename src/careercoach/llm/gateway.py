"""The model gateway: every model call goes through `Gateway.complete` or `Gateway.structured`.

Per call: the cache is consulted first, then the monthly budget, then the key; the request is
sent through the transport with our retry policy; the answer is validated (structured),
cached when complete, and a usage row is written whatever happens once the call is made (a
missing key stops it before that).

Usage rows: one per request we send, not per attempt. Retries of the same request (rate
limits, server errors, timeouts) fold into that one row, whose latency covers every attempt
and wait. A structured answer that needs its repair request writes two rows, because the
repair is a different request billed on its own (the first row's outcome is
"invalid_answer"). A cache hit writes a row with cache_hit=True, no tokens and cost 0; a
budget refusal writes a row with outcome "budget"; Ctrl-C writes "interrupted".
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any, Protocol

from pydantic import BaseModel

from careercoach.errors import IncompleteAnswer, NotConfigured
from careercoach.llm.cache import cache_key
from careercoach.llm.credentials import resolve_api_key
from careercoach.llm.failures import ModelCallFailed
from careercoach.llm.retry import RetryPolicy, call_with_retries
from careercoach.llm.settings import LLMSettings
from careercoach.llm.structured import InvalidAnswer, parse_answer, repair_messages, schema_name
from careercoach.llm.transport import (
    InProcessTransport,
    ModelReply,
    ModelRequest,
    OnText,
    Transport,
)
from careercoach.store.ledger import CachedAnswer, UsageEvent

# Failures where the provider refused before generating anything: known to cost nothing.
# Timeouts, server errors and interruptions may have been billed, so their cost is unknown.
_FREE_OUTCOMES = frozenset(
    {"auth", "rate_limit", "context", "not_found", "bad_request", "connection", "budget"}
)


class Ledger(Protocol):
    """Where the gateway keeps cached answers and usage rows (store.ledger.StoreLedger)."""

    def cached(self, key: str) -> CachedAnswer | None: ...

    def remember(self, key: str, answer: CachedAnswer) -> None: ...

    def record(self, event: UsageEvent) -> None: ...

    def month_cost_usd(self, now: datetime) -> float: ...


@dataclass(frozen=True)
class Answer:
    """A complete model answer and what it cost (tokens and cost cover every request made)."""

    text: str
    parsed: Any  # the validated pydantic model for structured(), else None
    model: str
    prompt_tokens: int | None
    completion_tokens: int | None
    cost_usd: float | None
    latency_ms: int
    cache_hit: bool
    finish_reason: str | None = "stop"  # "length": cut by max_tokens (such answers are not cached)


def _money(value: float) -> str:
    return f"${value:,.2f}" if value == 0 or value >= 0.995 else f"${value:.4f}"


def _sum(values: list[int | None] | list[float | None]) -> Any:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


class Gateway:
    """Call the configured model with caching, retries, budget checks and usage accounting."""

    def __init__(
        self,
        settings: LLMSettings,
        ledger: Ledger,
        *,
        command: str,
        use_cache: bool = True,
        transport: Transport | None = None,
        retry_policy: RetryPolicy | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ) -> None:
        self.settings = settings
        self.ledger = ledger
        self.command = command
        self.use_cache = use_cache
        self.transport: Transport = transport or InProcessTransport()
        self.retry_policy = retry_policy or RetryPolicy(
            retries=settings.retries, timeout=settings.timeout
        )
        self._clock = clock
        self._api_key: str | None = None
        self._api_key_resolved = False

    def complete(
        self,
        messages: list[dict[str, Any]],
        *,
        on_text: OnText | None = None,
        temperature: float | None = None,
        max_tokens: int | None = None,
    ) -> Answer:
        """Ask for a text answer; with `on_text` it streams, calling it with each delta."""
        request = self._request(messages, temperature=temperature, max_tokens=max_tokens)
        key = cache_key(request)
        hit = self._from_cache(key, on_text, parse=None)
        if hit is not None:
            return hit
        self._check_budget()
        reply, latency = self._send(request, on_text)
        self._record(reply, latency, "ok")
        if reply.finish_reason != "length":
            self._remember(key, reply)
        return self._answer([reply], latency, parsed=None)

    def structured(
        self,
        messages: list[dict[str, Any]],
        schema: type[BaseModel],
        *,
        on_text: OnText | None = None,
    ) -> Answer:
        """Ask for JSON matching `schema`; `.parsed` is the validated instance.

        An answer that is not valid JSON or misses the schema gets one repair request (the
        error sent back, corrected JSON asked for); if that fails too, ProviderError. With
        `on_text`, both answers stream to it.
        """
        request = self._request(
            messages, json_schema=schema.model_json_schema(), schema_name=schema_name(schema)
        )
        key = cache_key(request)
        hit = self._from_cache(key, on_text, parse=lambda text: parse_answer(text, schema))
        if hit is not None:
            return hit
        self._check_budget()
        replies: list[ModelReply] = []
        latency = 0
        for attempt in range(2):
            reply, took = self._send(request, on_text)
            replies.append(reply)
            latency += took
            try:
                parsed = parse_answer(reply.text, schema)
            except InvalidAnswer as problem:
                self._record(reply, took, "invalid_answer")
                if attempt == 0:
                    request = replace(
                        request, messages=repair_messages(request.messages, reply.text, problem)
                    )
                continue
            self._record(reply, took, "ok")
            self._remember(key, reply)
            return self._answer(replies, latency, parsed=parsed)
        raise ModelCallFailed(
            "the model's answer did not match the expected format",
            "try again, or choose a more capable model (--model)",
            kind="invalid_answer",
        )

    def _request(self, messages: list[dict[str, Any]], **params: Any) -> ModelRequest:
        return ModelRequest(
            model=self.settings.model,
            messages=[dict(m) for m in messages],
            timeout=self.settings.timeout,
            api_base=self.settings.api_base,
            **params,
        )

    def _from_cache(
        self, key: str, on_text: OnText | None, parse: Callable[[str], Any] | None
    ) -> Answer | None:
        if not self.use_cache:
            return None
        started = time.monotonic()
        cached = self.ledger.cached(key)
        if cached is None:
            return None
        parsed = None
        if parse is not None:
            try:
                parsed = parse(cached.text)
            except InvalidAnswer:
                return None  # cannot happen for what we stored; ask the model again if it does
        if on_text is not None:
            on_text(cached.text)
        latency = int((time.monotonic() - started) * 1000)
        self._log(self.settings.model, latency, "ok", cache_hit=True, tokens=(0, 0), cost=0.0)
        return Answer(
            text=cached.text,
            parsed=parsed,
            model=self.settings.model,
            prompt_tokens=0,
            completion_tokens=0,
            cost_usd=0.0,
            latency_ms=latency,
            cache_hit=True,
        )

    def _check_budget(self) -> None:
        budget = self.settings.budget_monthly_usd
        if budget is None:
            return
        spent = self.ledger.month_cost_usd(self._clock())
        if spent >= budget:
            self._log(self.settings.model, 0, "budget", quiet=True)
            raise NotConfigured(
                f"this month's model cost {_money(spent)} has reached the budget {_money(budget)}",
                hint="raise it with careercoach config set budget_monthly_usd AMOUNT, "
                "or wait until next month",
            )

    def _send(self, request: ModelRequest, on_text: OnText | None) -> tuple[ModelReply, int]:
        """Send with retries; failures are logged here and raised, successes by the caller."""
        request = replace(request, api_key=self._key())
        self.transport.prepare()
        started = time.monotonic()
        delivered: list[str] = []

        def forward(piece: str) -> None:
            delivered.append(piece)
            assert on_text is not None
            on_text(piece)

        def attempt(timeout: float) -> ModelReply:
            reply = self.transport.send(
                request, forward if on_text is not None else None, timeout=timeout
            )
            if not reply.finished and not reply.text:
                # Closed before a single word: as good as a dropped connection, so retryable.
                raise ModelCallFailed(
                    f"the model server closed the answer stream before {request.model} answered",
                    "try again in a moment",
                    kind="connection",
                )
            return reply

        def elapsed() -> int:
            return int((time.monotonic() - started) * 1000)

        try:
            reply = call_with_retries(
                attempt, self.retry_policy, may_retry=lambda failure: not delivered
            )
        except ModelCallFailed as failure:
            if not delivered:
                self._log(request.model, elapsed(), failure.kind, quiet=True)
                raise
            self._log(request.model, elapsed(), "incomplete", quiet=True)
            raise IncompleteAnswer(
                f"the answer stopped before it was complete: {failure.message}",
                "try again; the partial answer was not kept as a complete one",
                partial="".join(delivered),
            ) from None
        except BaseException:
            # Ctrl-C, or the caller's on_text gave up (a closed pipe): the call was cut short
            # by our side. Logged, then passed on untouched; the CLI maps Ctrl-C to exit 130.
            self._log(request.model, elapsed(), "interrupted", quiet=True)
            raise
        if not reply.finished:
            self._record(reply, elapsed(), "incomplete", quiet=True)
            raise IncompleteAnswer(
                f"the answer from {request.model} stopped before it was complete "
                "(the stream ended without the model finishing)",
                "try again; the partial answer was not kept as a complete one",
                partial=reply.text,
            )
        return reply, elapsed()

    def _key(self) -> str | None:
        """The API key, looked up once per gateway (the keyring can be slow to ask)."""
        if not self._api_key_resolved:
            self._api_key = resolve_api_key(self.settings)
            self._api_key_resolved = True
        return self._api_key

    def _remember(self, key: str, reply: ModelReply) -> None:
        if not self.use_cache:
            return
        self.ledger.remember(
            key,
            CachedAnswer(
                text=reply.text,
                model=reply.model,
                prompt_tokens=reply.prompt_tokens,
                completion_tokens=reply.completion_tokens,
                cost_usd=reply.cost_usd,
            ),
        )

    def _answer(self, replies: list[ModelReply], latency: int, parsed: Any) -> Answer:
        last = replies[-1]
        return Answer(
            text=last.text,
            parsed=parsed,
            model=last.model,
            prompt_tokens=_sum([r.prompt_tokens for r in replies]),
            completion_tokens=_sum([r.completion_tokens for r in replies]),
            cost_usd=_sum([r.cost_usd for r in replies]),
            latency_ms=latency,
            cache_hit=False,
            finish_reason=last.finish_reason,
        )

    def _record(
        self, reply: ModelReply, latency: int, outcome: str, *, quiet: bool = False
    ) -> None:
        self._log(
            reply.model,
            latency,
            outcome,
            tokens=(reply.prompt_tokens, reply.completion_tokens),
            cost=reply.cost_usd,
            quiet=quiet,
        )

    def _log(
        self,
        model: str,
        latency_ms: int,
        outcome: str,
        *,
        cache_hit: bool = False,
        tokens: tuple[int | None, int | None] = (None, None),
        cost: float | None = None,
        quiet: bool = False,
    ) -> None:
        """Write one usage row; `quiet` on failure paths, where the failure must win."""
        if cost is None and outcome in _FREE_OUTCOMES:
            cost = 0.0
        event = UsageEvent(
            created_at=self._clock(),
            command=self.command,
            model=model,
            transport=self.transport.name,
            prompt_tokens=tokens[0],
            completion_tokens=tokens[1],
            cost_usd=cost,
            latency_ms=latency_ms,
            cache_hit=cache_hit,
            outcome=outcome,
        )
        if not quiet:
            self.ledger.record(event)
            return
        with contextlib.suppress(Exception):
            self.ledger.record(event)
