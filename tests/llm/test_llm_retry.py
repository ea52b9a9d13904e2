"""Our single retry policy: what is retried, how long we wait, and the total deadline."""

from __future__ import annotations

import socket
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from types import SimpleNamespace

import pytest
from llm_helpers import Sleeps, make_gateway, user

from careercoach.errors import ProviderError
from careercoach.llm.failures import ModelCallFailed, retry_after_seconds
from careercoach.llm.retry import RetryPolicy, call_with_retries
from fakellm import FakeLLM


@pytest.mark.parametrize("fault", ["429", "500", "503"])
def test_transient_failures_are_retried(fake_llm: FakeLLM, fault: str) -> None:
    fake_llm.push_fault(fault)
    fake_llm.push_fault(fault)
    fake_llm.push_text("Third time lucky.")
    gateway, ledger = make_gateway(retries=2)
    assert gateway.complete(user("q")).text == "Third time lucky."
    assert len(fake_llm.chat_requests) == 3
    assert ledger.outcomes == ["ok"]  # retries fold into the call's one usage row


def test_retry_after_is_honoured(fake_llm: FakeLLM) -> None:
    fake_llm.push_fault("429", retry_after=1)
    sleeps = Sleeps()
    gateway, _ = make_gateway(sleeps=sleeps, timeout=2)
    gateway.complete(user("q"))
    assert sleeps.waits == [1.0]


def test_rate_limit_after_retries_is_a_provider_error(fake_llm: FakeLLM) -> None:
    for _ in range(3):
        fake_llm.push_fault("429")
    gateway, ledger = make_gateway(retries=2)
    with pytest.raises(ProviderError) as caught:
        gateway.complete(user("q"))
    assert "rate limiting" in str(caught.value)
    assert "gave up after 2 retries" in str(caught.value)
    assert caught.value.exit_code == 4
    assert len(fake_llm.chat_requests) == 3
    assert ledger.outcomes == ["rate_limit"]


@pytest.mark.parametrize(
    ("fault", "kind"),
    [
        ("401", "auth"),
        ("403", "auth"),
        ("400", "bad_request"),
        ("context", "context"),
        ("404", "not_found"),
    ],
)
def test_permanent_failures_are_not_retried(fake_llm: FakeLLM, fault: str, kind: str) -> None:
    fake_llm.push_fault(fault)
    gateway, ledger = make_gateway(retries=3)
    with pytest.raises(ModelCallFailed) as caught:
        gateway.complete(user("q"))
    assert caught.value.kind == kind
    assert len(fake_llm.chat_requests) == 1
    assert ledger.outcomes == [kind]


def test_a_timeout_is_retried_within_the_per_request_timeout(fake_llm: FakeLLM) -> None:
    fake_llm.push_fault("hang", seconds=5)
    gateway, ledger = make_gateway(timeout=0.5, retries=1)
    gateway.transport.prepare()
    started = time.monotonic()
    answer = gateway.complete(user("q"))
    took = time.monotonic() - started
    assert answer.text
    assert 0.4 < took < 1.5
    assert len(fake_llm.chat_requests) == 2
    assert ledger.outcomes == ["ok"]


def test_timeouts_give_up_inside_the_total_deadline(fake_llm: FakeLLM) -> None:
    for _ in range(3):
        fake_llm.push_fault("hang", seconds=5)
    gateway, ledger = make_gateway(timeout=0.4, retries=2)
    gateway.transport.prepare()
    started = time.monotonic()
    with pytest.raises(ProviderError) as caught:
        gateway.complete(user("q"))
    took = time.monotonic() - started
    assert took < 0.4 * 3 + 0.5
    assert "did not answer within 0.4 seconds" in str(caught.value)
    assert "config set timeout" in (caught.value.hint or "")
    assert ledger.outcomes == ["timeout"]


def test_unreachable_server_is_retried_then_named(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}/v1"
    monkeypatch.setenv("CAREERCOACH_MODEL", "openai/test-model")
    monkeypatch.setenv("CAREERCOACH_API_BASE", base)
    sleeps = Sleeps()
    gateway, ledger = make_gateway(retries=2, sleeps=sleeps)
    with pytest.raises(ProviderError) as caught:
        gateway.complete(user("q"))
    assert str(caught.value).startswith(f"cannot reach the model server at {base}")
    assert "api_base" in (caught.value.hint or "")
    assert len(sleeps.waits) == 2
    assert ledger.outcomes == ["connection"]


def _failure(kind: str, retry_after: float | None = None) -> ModelCallFailed:
    return ModelCallFailed("failed", "hint", kind=kind, retry_after=retry_after)


class FakeClock:
    """A clock that moves only when the policy sleeps or an attempt takes time."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


def _policy(clock: FakeClock, **kwargs: float) -> RetryPolicy:
    return RetryPolicy(sleep=clock.sleep, clock=clock, **kwargs)  # type: ignore[arg-type]


def test_backoff_grows_exponentially_with_jitter() -> None:
    policy = RetryPolicy(base_delay=1.0, max_delay=20.0)
    for retry, ceiling in [(1, 1.0), (2, 2.0), (3, 4.0), (6, 20.0)]:
        for _ in range(20):
            assert ceiling / 2 <= policy.delay(retry, None) <= ceiling


def test_retry_after_is_capped() -> None:
    policy = RetryPolicy(max_retry_after=30.0)
    assert policy.delay(1, 3.0) == 3.0
    assert policy.delay(1, 3600.0) == 30.0


def test_the_deadline_stops_a_retry_that_would_wait_too_long() -> None:
    clock = FakeClock()
    policy = _policy(clock, retries=5, timeout=2.0)  # deadline: 12 s

    def attempt(timeout: float) -> str:
        raise _failure("rate_limit", retry_after=25)

    with pytest.raises(ModelCallFailed):
        call_with_retries(attempt, policy)
    assert clock.waits == []  # 25 s (capped at 30) is past the 12 s deadline: no pointless wait


def test_attempt_timeouts_shrink_to_fit_the_deadline() -> None:
    clock = FakeClock()
    policy = _policy(clock, retries=3, timeout=2.0, base_delay=1.0, max_delay=1.0)
    given: list[float] = []

    def attempt(timeout: float) -> str:
        given.append(timeout)
        clock.now += timeout  # each attempt times out
        raise _failure("timeout")

    with pytest.raises(ModelCallFailed):
        call_with_retries(attempt, policy)
    assert clock.now <= policy.deadline_seconds
    assert len(given) >= 2 and all(t <= 2.0 for t in given)

    clock.now, given[:] = 0.0, []
    short = _policy(clock, retries=1, timeout=2.0, base_delay=1.0, max_delay=1.0)  # deadline 4 s
    with pytest.raises(ModelCallFailed):
        call_with_retries(attempt, short)
    assert given[0] == 2.0 and given[1] < 2.0  # the second attempt gets only what is left
    assert clock.now <= short.deadline_seconds


def test_a_veto_stops_retries() -> None:
    calls: list[float] = []

    def attempt(timeout: float) -> str:
        calls.append(timeout)
        raise _failure("server")

    with pytest.raises(ModelCallFailed):
        call_with_retries(
            attempt, RetryPolicy(retries=3, sleep=lambda s: None), may_retry=lambda f: False
        )
    assert len(calls) == 1


def test_retry_after_header_forms() -> None:
    def exc(headers: dict[str, str]) -> SimpleNamespace:
        return SimpleNamespace(response=SimpleNamespace(headers=headers))

    assert retry_after_seconds(exc({"retry-after": "7"})) == 7.0
    assert retry_after_seconds(exc({"retry-after-ms": "1500"})) == 1.5
    assert retry_after_seconds(exc({})) is None
    assert retry_after_seconds(exc({"retry-after": "soon"})) is None
    later = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=20), usegmt=True)
    seconds = retry_after_seconds(exc({"retry-after": later}))
    assert seconds is not None and 15 < seconds <= 20
    assert retry_after_seconds(SimpleNamespace()) is None
