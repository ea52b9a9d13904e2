"""Streams: cut answers are never passed off as complete, and only untouched streams are retried."""

from __future__ import annotations

import pytest
from llm_helpers import make_gateway, user

from careercoach.errors import ExitCode, IncompleteAnswer
from fakellm import FakeLLM

LONG = "One two three four five six seven eight nine ten eleven twelve."


def test_stream_that_ends_without_finish_reason_is_incomplete(fake_llm: FakeLLM) -> None:
    # The connection closes cleanly after two chunks: LiteLLM raises nothing and even adds a
    # finish_reason of its own, so this test also pins what transport._provider_finish_reason
    # relies on (the stream wrapper's record of what the provider really sent).
    fake_llm.push_fault("cut", after_chunks=2, text=LONG)
    gateway, ledger = make_gateway()
    deltas: list[str] = []

    with pytest.raises(IncompleteAnswer) as caught:
        gateway.complete(user("q"), on_text=deltas.append)

    assert caught.value.exit_code == ExitCode.PROVIDER
    assert caught.value.partial == "".join(deltas) == LONG[:16]
    assert len(fake_llm.chat_requests) == 1  # text had reached the person: no retry
    assert ledger.outcomes == ["incomplete"]
    assert ledger.events[0].completion_tokens  # what was generated is still accounted for
    assert ledger.answers == {}
    fake_llm.push_text(LONG)
    assert gateway.complete(user("q"), on_text=lambda piece: None).cache_hit is False


def test_stream_reset_mid_answer_is_incomplete(fake_llm: FakeLLM) -> None:
    # A TCP reset after chunks: here LiteLLM does raise, after text was delivered.
    fake_llm.push_fault("cut", after_chunks=3, reset=True, text=LONG)
    gateway, ledger = make_gateway()
    with pytest.raises(IncompleteAnswer) as caught:
        gateway.complete(user("q"), on_text=lambda piece: None)
    assert caught.value.partial == LONG[:24]
    assert "stopped before it was complete" in str(caught.value)
    assert len(fake_llm.chat_requests) == 1
    assert ledger.outcomes == ["incomplete"]
    assert ledger.answers == {}


def test_stream_stalled_after_text_times_out_as_incomplete(fake_llm: FakeLLM) -> None:
    fake_llm.push_fault("hang", after_chunks=2, seconds=10, text=LONG)
    gateway, ledger = make_gateway(timeout=0.5, retries=2)
    with pytest.raises(IncompleteAnswer) as caught:
        gateway.complete(user("q"), on_text=lambda piece: None)
    assert caught.value.partial == LONG[:16]
    assert len(fake_llm.chat_requests) == 1
    assert ledger.outcomes == ["incomplete"]


def test_stream_cut_before_any_text_is_retried(fake_llm: FakeLLM) -> None:
    fake_llm.push_fault("cut", after_chunks=0, text=LONG)
    fake_llm.push_text(LONG)
    gateway, ledger = make_gateway()
    deltas: list[str] = []
    answer = gateway.complete(user("q"), on_text=deltas.append)
    assert answer.text == "".join(deltas) == LONG
    assert len(fake_llm.chat_requests) == 2
    assert ledger.outcomes == ["ok"]


def test_stream_failing_before_text_is_retried(fake_llm: FakeLLM) -> None:
    fake_llm.push_fault("500")
    fake_llm.push_fault("429")
    gateway, _ = make_gateway(retries=2)
    deltas: list[str] = []
    answer = gateway.complete(user("q"), on_text=deltas.append)
    assert "".join(deltas) == answer.text
    assert len(fake_llm.chat_requests) == 3


def test_plain_answer_cut_halfway_is_retried(fake_llm: FakeLLM) -> None:
    fake_llm.push_fault("cut", after_chunks=0)
    fake_llm.push_text("Whole.")
    gateway, ledger = make_gateway()
    assert gateway.complete(user("q")).text == "Whole."
    assert ledger.outcomes == ["ok"]

