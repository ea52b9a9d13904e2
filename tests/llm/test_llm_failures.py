"""Every LiteLLM failure becomes one plain ProviderError: a message, a hint, no secret, exit 4."""

from __future__ import annotations

import pytest
from llm_helpers import SENTINEL_KEY, make_gateway, user

from careercoach.errors import ExitCode, ProviderError
from careercoach.llm.failures import ModelCallFailed, provider_detail, scrub
from fakellm import FakeLLM


def _fail(fake: FakeLLM, fault: str, **options: object) -> ModelCallFailed:
    fake.push_fault(fault, **options)
    gateway, _ = make_gateway(retries=0)
    with pytest.raises(ProviderError) as caught:
        gateway.complete(user("q"))
    failure = caught.value
    assert isinstance(failure, ModelCallFailed)
    return failure


def _assert_clean(failure: BaseException) -> None:
    """Ours, one line, no key, and nothing of LiteLLM's attached to it."""
    assert type(failure).__module__.startswith("careercoach.")
    assert failure.__cause__ is None and failure.__suppress_context__
    text = f"{failure} {getattr(failure, 'hint', '')}"
    assert "\n" not in text
    assert SENTINEL_KEY not in text and "SENTINEL" not in text
    assert "litellm" not in str(failure).lower()


def test_rejected_key_says_how_to_set_one_and_never_shows_it(fake_llm: FakeLLM) -> None:
    failure = _fail(fake_llm, "401")  # the fake echoes the key it got in its error text
    _assert_clean(failure)
    assert failure.exit_code == ExitCode.PROVIDER
    assert failure.kind == "auth"
    assert "rejected the API key" in str(failure)
    assert "careercoach key set openai" in (failure.hint or "")


def test_context_too_long(fake_llm: FakeLLM) -> None:
    failure = _fail(fake_llm, "context")
    _assert_clean(failure)
    assert failure.kind == "context"
    assert "too long" in str(failure)


def test_context_limit_of_the_server_is_enforced(fake_llm: FakeLLM) -> None:
    fake_llm.max_context_tokens = 20
    gateway, _ = make_gateway()
    with pytest.raises(ModelCallFailed) as caught:
        gateway.complete(user("word " * 200))
    assert caught.value.kind == "context"
    assert gateway.complete(user("short")).text  # fits: answered


def test_unknown_model_on_the_server(fake_llm: FakeLLM) -> None:
    failure = _fail(fake_llm, "404")
    _assert_clean(failure)
    assert failure.kind == "not_found"
    assert "'openai/test-model' is unknown" in str(failure)


def test_model_name_litellm_cannot_route(fake_llm: FakeLLM) -> None:
    gateway, ledger = make_gateway(model="nosuchprovider/some-model")
    with pytest.raises(ModelCallFailed) as caught:
        gateway.complete(user("q"))
    _assert_clean(caught.value)
    assert caught.value.kind == "not_found"
    assert "openai/gpt-4o-mini" in (caught.value.hint or "")
    assert fake_llm.chat_requests == []
    assert ledger.outcomes == ["not_found"]


def test_server_error_after_retries(fake_llm: FakeLLM) -> None:
    failure = _fail(fake_llm, "500")
    assert len(fake_llm.chat_requests) == 1  # with retries=0, neither LiteLLM nor openai retried
    _assert_clean(failure)
    assert failure.kind == "server"
    assert "HTTP 500" in str(failure)


def test_bad_request_quotes_the_provider_scrubbed(fake_llm: FakeLLM) -> None:
    failure = _fail(fake_llm, "400", message=f"unsupported value in request from {SENTINEL_KEY}")
    _assert_clean(failure)
    assert failure.kind == "bad_request"
    assert "unsupported value in request from ***" in str(failure)


def test_a_failing_call_prints_nothing(
    fake_llm: FakeLLM, capfd: pytest.CaptureFixture[str]
) -> None:
    for fault in ("401", "500", "context"):
        fake_llm.push_fault(fault)
        gateway, _ = make_gateway(retries=0)
        with pytest.raises(ProviderError):
            gateway.complete(user("q"))
    out, err = capfd.readouterr()
    assert out == ""
    assert err == ""


def test_scrub_removes_the_key_and_key_shaped_strings() -> None:
    assert scrub("bad key sk-live-abcdef123456 here", None) == "bad key *** here"
    assert scrub("key=mysecretvalue!", "mysecretvalue") == "key=***!"
    assert scrub("AIzaSyA1234567890abcdefghij in url", None) == "*** in url"
    assert scrub("skills-development and risk_management_plan", None) == (
        "skills-development and risk_management_plan"
    )


def test_provider_detail_drops_litellm_prefixes() -> None:
    exc = Exception(
        "litellm.BadRequestError: BadRequestError: OpenAIException - Bad thing\n  happened"
    )
    assert provider_detail(exc, None) == "Bad thing happened"
    assert provider_detail(Exception("x" * 500), None).endswith("…")


def test_failures_survive_pickling_for_a_worker_transport() -> None:
    import pickle

    failure = ModelCallFailed("m", "h", kind="rate_limit", retry_after=2.0, status=429)
    copy = pickle.loads(pickle.dumps(failure))
    assert (copy.message, copy.hint, copy.kind, copy.retry_after, copy.status) == (
        "m", "h", "rate_limit", 2.0, 429
    )
    assert copy.retryable and copy.exit_code == ExitCode.PROVIDER
