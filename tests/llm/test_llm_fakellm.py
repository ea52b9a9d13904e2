"""The fake OpenAI-compatible server that every model test leans on."""

from __future__ import annotations

import json
import threading
import time

import httpx
import pytest

from fakellm import DEFAULT_TEXT, FakeLLM


def _chat(fake: FakeLLM, text: str = "hi", **body: object) -> httpx.Response:
    payload = {"model": "test-model", "messages": [{"role": "user", "content": text}], **body}
    return httpx.post(f"{fake.base_url}/chat/completions", json=payload, timeout=5)


def test_models_and_default_answer(fake_llm: FakeLLM) -> None:
    models = httpx.get(f"{fake_llm.base_url}/models", timeout=5).json()
    assert [m["id"] for m in models["data"]] == ["test-model"]
    answer = _chat(fake_llm).json()
    assert answer["choices"][0]["message"]["content"] == DEFAULT_TEXT
    assert answer["choices"][0]["finish_reason"] == "stop"
    assert answer["usage"]["prompt_tokens"] > 0
    assert fake_llm.chat_requests[0].body == {
        "model": "test-model",
        "messages": [{"role": "user", "content": "hi"}],
    }


def test_queue_order_and_json(fake_llm: FakeLLM) -> None:
    fake_llm.queue("first", {"second": 2})
    fake_llm.push_fault("503")
    assert _chat(fake_llm).json()["choices"][0]["message"]["content"] == "first"
    assert json.loads(_chat(fake_llm).json()["choices"][0]["message"]["content"]) == {"second": 2}
    assert _chat(fake_llm).status_code == 503
    assert _chat(fake_llm).status_code == 200


def test_stream_format(fake_llm: FakeLLM) -> None:
    fake_llm.push_text("streamed text here")
    raw = _chat(fake_llm, stream=True, stream_options={"include_usage": True}).text
    events = [line.removeprefix("data: ") for line in raw.split("\n\n") if line]
    assert events[-1] == "[DONE]"
    chunks = [json.loads(e) for e in events[:-1]]
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks if c["choices"])
    assert text == "streamed text here"
    assert chunks[-2]["choices"][0]["finish_reason"] == "stop"
    assert chunks[-1]["usage"]["completion_tokens"] > 0


def test_cut_stream_has_no_finish_and_no_done(fake_llm: FakeLLM) -> None:
    fake_llm.push_fault("cut", after_chunks=1, text="a longer text that is cut")
    raw = _chat(fake_llm, stream=True).text
    assert "[DONE]" not in raw and '"finish_reason": "stop"' not in raw
    assert raw.count("data: ") == 1


def test_faults_answer_with_openai_error_bodies(fake_llm: FakeLLM) -> None:
    fake_llm.push_fault("429", retry_after=3)
    fake_llm.push_fault("context")
    limited = _chat(fake_llm)
    assert limited.status_code == 429 and limited.headers["Retry-After"] == "3"
    too_long = _chat(fake_llm)
    assert too_long.status_code == 400
    assert too_long.json()["error"]["code"] == "context_length_exceeded"


def test_max_context_tokens(fake_llm: FakeLLM) -> None:
    fake_llm.max_context_tokens = 10
    assert _chat(fake_llm, "short").status_code == 200
    assert _chat(fake_llm, "word " * 40).json()["error"]["code"] == "context_length_exceeded"


def test_stop_is_quick_even_with_a_hanging_request() -> None:
    fake = FakeLLM()
    fake.push_fault("hang", seconds=30)
    errors: list[BaseException] = []

    def call() -> None:
        try:
            _chat(fake)
        except httpx.HTTPError as exc:
            errors.append(exc)

    caller = threading.Thread(target=call, daemon=True)
    caller.start()
    time.sleep(0.2)
    started = time.monotonic()
    fake.stop()
    assert time.monotonic() - started < 2
    caller.join(timeout=5)
    assert not caller.is_alive()


def test_concurrent_requests_are_recorded(fake_llm: FakeLLM) -> None:
    threads = [threading.Thread(target=_chat, args=(fake_llm, f"q{i}")) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(fake_llm.chat_requests) == 8


def test_unknown_fault_is_refused_when_queued(fake_llm: FakeLLM) -> None:
    with pytest.raises(ValueError, match="unknown fault"):
        fake_llm.push_fault("nonsense")
