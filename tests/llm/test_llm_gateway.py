"""The gateway through the real LiteLLM path against the fake server: answers, cache, usage,
budget, keys and Ctrl-C."""

from __future__ import annotations

import signal
import threading
from datetime import timezone

import pytest
from llm_helpers import SENTINEL_KEY, MemoryLedger, make_gateway, user

from careercoach.errors import ExitCode, NotConfigured
from careercoach.llm.cache import cache_key
from careercoach.llm.transport import ModelRequest
from fakellm import FakeLLM


def test_complete_returns_the_answer_with_usage(fake_llm: FakeLLM) -> None:
    fake_llm.push_text("Focus on SQL first.")
    gateway, ledger = make_gateway(command="chat")

    answer = gateway.complete(user("What should I learn?"), temperature=0.2, max_tokens=50)

    assert answer.text == "Focus on SQL first."
    assert answer.parsed is None
    assert answer.model == "openai/test-model"
    assert answer.prompt_tokens and answer.completion_tokens
    assert answer.cost_usd is None  # the price table does not know test-model
    assert answer.cache_hit is False
    (request,) = fake_llm.chat_requests
    assert request.body is not None
    assert request.body["messages"] == [{"role": "user", "content": "What should I learn?"}]
    assert request.body["temperature"] == 0.2
    assert request.body["max_tokens"] == 50
    assert request.headers["Authorization"] == f"Bearer {SENTINEL_KEY}"
    (event,) = ledger.events
    assert event.command == "chat"
    assert (event.model, event.transport) == ("openai/test-model", "in-process")
    assert (event.outcome, event.cache_hit) == ("ok", False)
    assert event.prompt_tokens == answer.prompt_tokens
    assert event.completion_tokens == answer.completion_tokens
    assert event.created_at.tzinfo == timezone.utc
    assert event.latency_ms >= 0


def test_known_model_gets_a_cost_from_the_price_table(fake_llm: FakeLLM) -> None:
    gateway, ledger = make_gateway(model="openai/gpt-4o-mini")
    answer = gateway.complete(user("hello"))
    assert answer.cost_usd is not None and answer.cost_usd > 0
    assert ledger.events[0].cost_usd == answer.cost_usd


def test_streaming_delivers_deltas_as_they_arrive(fake_llm: FakeLLM) -> None:
    text = "A fairly long answer that arrives in several small pieces."
    fake_llm.push_text(text)
    gateway, ledger = make_gateway()
    deltas: list[str] = []

    answer = gateway.complete(user("stream it"), on_text=deltas.append)

    assert len(deltas) > 3
    assert "".join(deltas) == answer.text == text
    body = fake_llm.chat_requests[0].body
    assert body is not None and body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}
    assert answer.prompt_tokens
    assert answer.completion_tokens == (len(text) + 3) // 4  # the server's own count
    assert ledger.outcomes == ["ok"]


def test_stream_usage_is_counted_when_the_server_reports_none(
    fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    silent = FakeLLM(report_usage=False)
    try:
        monkeypatch.setenv("CAREERCOACH_API_BASE", silent.base_url)
        gateway, _ = make_gateway()
        answer = gateway.complete(user("count it yourself"), on_text=lambda piece: None)
        plain = gateway.complete(user("and this one"))
    finally:
        silent.stop()
    assert answer.prompt_tokens and answer.completion_tokens
    assert plain.prompt_tokens and plain.completion_tokens


def test_identical_request_is_answered_from_the_cache(fake_llm: FakeLLM) -> None:
    fake_llm.push_text("First answer.")
    gateway, ledger = make_gateway()
    first = gateway.complete(user("same question"))
    deltas: list[str] = []

    second = gateway.complete(user("same question"), on_text=deltas.append)

    assert len(fake_llm.chat_requests) == 1
    assert second.text == first.text == "First answer."
    assert second.cache_hit is True
    assert second.cost_usd == 0
    assert deltas == ["First answer."]
    hit = ledger.events[-1]
    assert (hit.cache_hit, hit.cost_usd, hit.outcome) == (True, 0.0, "ok")
    assert len(ledger.events) == 2


def test_no_cache_means_no_lookup_and_no_storing(fake_llm: FakeLLM) -> None:
    gateway, ledger = make_gateway(use_cache=False)
    gateway.complete(user("q"))
    gateway.complete(user("q"))
    assert len(fake_llm.chat_requests) == 2
    assert ledger.answers == {}


def test_answers_cut_by_max_tokens_are_not_cached(fake_llm: FakeLLM) -> None:
    fake_llm.push_text("Truncated becau", finish_reason="length")
    gateway, ledger = make_gateway()
    answer = gateway.complete(user("long"), max_tokens=3)
    assert answer.finish_reason == "length"
    assert ledger.answers == {}


def test_cache_key_covers_model_base_messages_schema_and_parameters() -> None:
    base = ModelRequest(model="openai/a", messages=[{"role": "user", "content": "x"}], timeout=1)
    variants = [
        ModelRequest(model="openai/b", messages=base.messages, timeout=1),
        ModelRequest(model="openai/a", messages=base.messages, timeout=1, api_base="http://h/v1"),
        ModelRequest(model="openai/a", messages=[{"role": "user", "content": "y"}], timeout=1),
        ModelRequest(model="openai/a", messages=base.messages, timeout=1, temperature=0.5),
        ModelRequest(model="openai/a", messages=base.messages, timeout=1, max_tokens=9),
        ModelRequest(
            model="openai/a", messages=base.messages, timeout=1, json_schema={"type": "object"}
        ),
    ]
    keys = {cache_key(base), *(cache_key(v) for v in variants)}
    assert len(keys) == len(variants) + 1
    # Neither the key nor the timeout are part of what was asked.
    same = ModelRequest(model="openai/a", messages=base.messages, timeout=9, api_key="sk-other")
    assert cache_key(same) == cache_key(base)


def test_budget_reached_refuses_before_calling(fake_llm: FakeLLM) -> None:
    ledger = MemoryLedger(month_cost=5.25)
    gateway, _ = make_gateway(ledger=ledger, budget_monthly_usd=5.0)

    with pytest.raises(NotConfigured) as caught:
        gateway.complete(user("anything"))

    assert caught.value.exit_code == ExitCode.NOT_CONFIGURED
    assert str(caught.value) == "this month's model cost $5.25 has reached the budget $5.00"
    assert "budget_monthly_usd" in (caught.value.hint or "")
    assert fake_llm.chat_requests == []
    assert ledger.outcomes == ["budget"]
    assert ledger.asked_months[0].tzinfo == timezone.utc


def test_budget_not_reached_lets_the_call_through(fake_llm: FakeLLM) -> None:
    ledger = MemoryLedger(month_cost=4.99)
    gateway, _ = make_gateway(ledger=ledger, budget_monthly_usd=5.0)
    assert gateway.complete(user("go")).text
    assert ledger.outcomes == ["ok"]


def test_cache_hits_are_served_even_over_budget(fake_llm: FakeLLM) -> None:
    ledger = MemoryLedger()
    gateway, _ = make_gateway(ledger=ledger, budget_monthly_usd=1.0)
    gateway.complete(user("cached"))
    ledger.month_cost = 2.0
    assert gateway.complete(user("cached")).cache_hit is True


def test_custom_api_base_without_a_key_sends_a_placeholder(
    fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY")
    gateway, _ = make_gateway()
    gateway.complete(user("local server"))
    assert fake_llm.chat_requests[0].headers["Authorization"] == "Bearer no-key"


def test_no_key_and_no_api_base_is_not_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERCOACH_MODEL", "anthropic/claude-3-5-haiku-latest")
    gateway, ledger = make_gateway()
    with pytest.raises(NotConfigured) as caught:
        gateway.complete(user("hello"))
    assert caught.value.exit_code == ExitCode.NOT_CONFIGURED
    assert "careercoach key set anthropic" in (caught.value.hint or "")
    assert "ANTHROPIC_API_KEY" in (caught.value.hint or "")
    assert ledger.events == []


def test_ctrl_c_during_a_request_is_recorded_and_propagates(fake_llm: FakeLLM) -> None:
    fake_llm.push_fault("hang", seconds=10)
    gateway, ledger = make_gateway(timeout=5)
    gateway.transport.prepare()  # import litellm before the clock starts
    main = threading.main_thread().ident
    assert main is not None
    # A real SIGINT to the main thread, as a terminal's Ctrl-C would send.
    timer = threading.Timer(0.3, signal.pthread_kill, args=(main, signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            gateway.complete(user("slow"))
    finally:
        timer.cancel()
    assert ledger.outcomes == ["interrupted"]
    assert ledger.answers == {}


def test_ctrl_c_while_streaming_is_recorded_and_propagates(fake_llm: FakeLLM) -> None:
    gateway, ledger = make_gateway()

    def press_ctrl_c(piece: str) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        gateway.complete(user("stream"), on_text=press_ctrl_c)
    assert ledger.outcomes == ["interrupted"]
    assert ledger.answers == {}


def test_an_error_in_on_text_is_the_callers_own(fake_llm: FakeLLM) -> None:
    gateway, ledger = make_gateway()

    def closed_pipe(piece: str) -> None:
        raise BrokenPipeError("stdout closed")

    with pytest.raises(BrokenPipeError):
        gateway.complete(user("stream"), on_text=closed_pipe)
    assert len(fake_llm.chat_requests) == 1  # not mistaken for a provider failure and retried
    assert ledger.outcomes == ["interrupted"]
