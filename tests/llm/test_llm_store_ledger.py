"""The gateway with the real StoreLedger: answers cached and usage logged in the database."""

from __future__ import annotations

import pytest
from llm_helpers import user

from careercoach.config import Config
from careercoach.errors import ProviderError
from careercoach.llm.gateway import Gateway
from careercoach.llm.retry import RetryPolicy
from careercoach.llm.settings import resolve_settings
from fakellm import FakeLLM


def _gateway(use_cache: bool = True) -> Gateway:
    from careercoach.store.db import open_store
    from careercoach.store.ledger import StoreLedger

    settings = resolve_settings(Config.load())
    policy = RetryPolicy(retries=0, timeout=2.0, sleep=lambda seconds: None)
    ledger = StoreLedger(open_store())
    return Gateway(settings, ledger, command="chat", use_cache=use_cache, retry_policy=policy)


def test_cache_and_usage_survive_in_the_store(fake_llm: FakeLLM) -> None:
    fake_llm.push_text("Stored answer.")
    assert _gateway().complete(user("persist me")).text == "Stored answer."

    again = _gateway().complete(user("persist me"))  # a new process would see the same

    assert again.cache_hit is True and again.text == "Stored answer."
    assert len(fake_llm.chat_requests) == 1
    totals = _gateway().ledger.summary()["totals"]  # type: ignore[attr-defined]
    assert (totals["calls"], totals["cache_hits"], totals["failures"]) == (2, 1, 0)
    assert totals["prompt_tokens"] > 0


def test_failures_are_logged_in_the_store(fake_llm: FakeLLM) -> None:
    from sqlmodel import select

    from careercoach.store.models import UsageRecord

    fake_llm.push_fault("401")
    gateway = _gateway()
    with pytest.raises(ProviderError):
        gateway.complete(user("q"))
    with gateway.ledger.store.read_session() as session:  # type: ignore[attr-defined]
        rows = session.exec(select(UsageRecord)).all()
    assert [(r.outcome, r.cost_usd, r.command, r.transport) for r in rows] == [
        ("auth", 0.0, "chat", "in-process")
    ]
