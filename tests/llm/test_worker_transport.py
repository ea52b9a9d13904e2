"""WorkerTransport's decisions, with the worker and the in-process transport stood in for."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from careercoach.llm import worker_transport
from careercoach.llm.failures import ModelCallFailed
from careercoach.llm.transport import ModelReply, ModelRequest
from careercoach.llm.worker_client import WorkerLost
from careercoach.llm.worker_transport import WorkerTransport, resume_in_process
from careercoach.llm.worker_protocol import failure_from_wire, failure_to_wire

REQUEST = ModelRequest(model="openai/test-model", messages=[{"role": "user", "content": "hi"}],
                       timeout=5, api_key="sk-test-SENTINEL-0000")


def _reply(text: str) -> ModelReply:
    return ModelReply(text=text, finish_reason="stop", model="openai/test-model",
                      prompt_tokens=3, completion_tokens=2, cost_usd=None)


@dataclass
class StubClient:
    """A worker client whose calls play a script: a ModelReply to return or an error to raise."""

    script: list[object]
    ready: list[bool] = field(default_factory=lambda: [True, True])
    calls: int = 0

    def ensure_ready(self) -> bool:
        return self.ready.pop(0)

    def call(self, request, on_text, timeout):  # noqa: ANN001 - the WorkerClient signature
        self.calls += 1
        step = self.script.pop(0)
        if isinstance(step, BaseException):
            raise step
        return step


@dataclass
class StubInProcess:
    """The in-process transport, streaming `text` in pieces of `size`."""

    text: str
    size: int = 4
    prepared: int = 0

    def prepare(self) -> None:
        self.prepared += 1

    def send(self, request, on_text=None, *, timeout=None):  # noqa: ANN001
        if on_text is not None:
            for i in range(0, len(self.text), self.size):
                on_text(self.text[i:i + self.size])
        return _reply(self.text)


@pytest.fixture(autouse=True)
def fresh_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker_transport, "_told_fallback", False)


def test_a_worker_that_left_between_requests_is_started_again_quietly(capsys) -> None:
    client = StubClient([WorkerLost("gone", sent=False), _reply("fine")])
    transport = WorkerTransport(client, fallback=StubInProcess("unused"))  # type: ignore[arg-type]
    transport.prepare()
    assert transport.send(REQUEST).text == "fine"
    assert transport.name == "worker" and client.calls == 2
    assert capsys.readouterr().err == ""


def test_a_worker_lost_mid_answer_is_said_once_and_the_rest_comes_from_in_process(capsys) -> None:
    fallback = StubInProcess("Hello world, again.")
    transport = WorkerTransport(
        StubClient([WorkerLost("died", "Hello wo"), WorkerLost("died", "")]),  # type: ignore[arg-type]
        fallback=fallback,  # type: ignore[arg-type]
    )
    shown: list[str] = []
    transport.prepare()
    assert transport.send(REQUEST, shown.append).text == "Hello world, again."
    assert transport.name == "in-process"
    assert shown == ["rld,", " aga", "in."]  # "Hello wo" was already on the screen
    assert transport.send(REQUEST).text == "Hello world, again."  # in-process from now on
    assert capsys.readouterr().err.count("the model worker stopped") == 1


def test_an_answer_that_differs_when_asked_again_is_a_cut_stream() -> None:
    shown: list[str] = []
    with pytest.raises(ModelCallFailed) as failure:
        resume_in_process(StubInProcess("Goodbye, friend."), REQUEST, shown.append, None,  # type: ignore[arg-type]
                          "Hello wo")
    assert failure.value.kind == "connection" and shown == []


def test_a_worker_that_cannot_start_means_in_process_without_a_word(capsys) -> None:
    fallback = StubInProcess("local answer")
    transport = WorkerTransport(StubClient([], ready=[False]), fallback=fallback)  # type: ignore[arg-type]
    transport.prepare()
    assert transport.send(REQUEST).text == "local answer"
    assert transport.name == "in-process" and fallback.prepared == 1
    assert capsys.readouterr().err == ""


def test_failures_cross_the_socket_whole() -> None:
    original = ModelCallFailed("the server is rate limiting", "wait a minute", kind="rate_limit",
                               retry_after=2.5, status=429)
    copy = failure_from_wire(failure_to_wire(original))
    assert (copy.message, copy.hint, copy.kind, copy.retry_after, copy.status, copy.exit_code,
            copy.retryable) == (original.message, original.hint, "rate_limit", 2.5, 429,
                                original.exit_code, True)
