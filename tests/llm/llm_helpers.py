"""Helpers for the gateway tests: an in-memory ledger and a gateway wired to the fake server."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from careercoach.config import Config
from careercoach.llm.gateway import Gateway
from careercoach.llm.retry import RetryPolicy
from careercoach.llm.settings import LLMSettings, resolve_settings
from careercoach.store.ledger import CachedAnswer, UsageEvent

SENTINEL_KEY = "sk-test-SENTINEL-0000"


@dataclass
class MemoryLedger:
    """The Ledger protocol in memory: a dict cache and a list of usage rows."""

    answers: dict[str, CachedAnswer] = field(default_factory=dict)
    events: list[UsageEvent] = field(default_factory=list)
    month_cost: float = 0.0
    asked_months: list[datetime] = field(default_factory=list)

    def cached(self, key: str) -> CachedAnswer | None:
        return self.answers.get(key)

    def remember(self, key: str, answer: CachedAnswer) -> None:
        self.answers[key] = answer

    def record(self, event: UsageEvent) -> None:
        self.events.append(event)

    def month_cost_usd(self, now: datetime) -> float:
        self.asked_months.append(now)
        return self.month_cost

    @property
    def outcomes(self) -> list[str]:
        return [e.outcome for e in self.events]


@dataclass
class Sleeps:
    """A sleep that records what it was asked to wait, and waits only a token amount."""

    waits: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def make_gateway(
    *,
    ledger: MemoryLedger | None = None,
    command: str = "test",
    use_cache: bool = True,
    timeout: float = 1.0,
    retries: int = 2,
    sleeps: Sleeps | None = None,
    **overrides: Any,
) -> tuple[Gateway, MemoryLedger]:
    """A gateway on the settings the fake_llm fixture put in the environment, tuned for speed."""
    base = resolve_settings(Config.load())
    settings = LLMSettings(
        model=overrides.pop("model", base.model),
        api_base=overrides.pop("api_base", base.api_base),
        timeout=timeout,
        retries=retries,
        cache=use_cache,
        budget_monthly_usd=overrides.pop("budget_monthly_usd", None),
    )
    assert not overrides, overrides
    ledger = ledger if ledger is not None else MemoryLedger()
    policy = RetryPolicy(
        retries=retries,
        timeout=timeout,
        base_delay=0.01,
        max_delay=0.05,
        sleep=sleeps if sleeps is not None else Sleeps(),
    )
    gateway = Gateway(settings, ledger, command=command, use_cache=use_cache, retry_policy=policy)
    return gateway, ledger


def user(text: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": text}]
