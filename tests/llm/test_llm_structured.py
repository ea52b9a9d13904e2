"""Structured answers: a schema in, a validated pydantic instance out, one repair at most."""

from __future__ import annotations

import json

import pytest
from llm_helpers import make_gateway, user
from pydantic import BaseModel, Field

from careercoach.errors import ExitCode, ProviderError
from careercoach.llm.structured import InvalidAnswer, parse_answer, strip_fences
from fakellm import FakeLLM

GOOD = {"verdict": "FIT", "confidence": 80, "gaps": ["SQL"]}


class Verdict(BaseModel):
    verdict: str
    confidence: int = Field(ge=0, le=100)
    gaps: list[str] = []


EXPECTED = Verdict(verdict="FIT", confidence=80, gaps=["SQL"])


def test_valid_json_is_parsed_and_cached(fake_llm: FakeLLM) -> None:
    fake_llm.push_json(GOOD)
    gateway, ledger = make_gateway()
    answer = gateway.structured(user("judge"), Verdict)
    assert answer.parsed == EXPECTED
    assert json.loads(answer.text) == GOOD
    assert ledger.outcomes == ["ok"]

    again = gateway.structured(user("judge"), Verdict)
    assert again.cache_hit is True and again.parsed == EXPECTED
    assert len(fake_llm.chat_requests) == 1


def test_unknown_model_gets_json_object_and_the_schema_in_the_system_message(
    fake_llm: FakeLLM,
) -> None:
    gateway, _ = make_gateway()
    fake_llm.push_json(GOOD)
    gateway.structured([{"role": "system", "content": "You are a coach."}, *user("q")], Verdict)
    body = fake_llm.chat_requests[0].body
    assert body is not None
    assert body["response_format"] == {"type": "json_object"}
    system = body["messages"][0]
    assert system["role"] == "system" and system["content"].startswith("You are a coach.")
    assert '"confidence"' in system["content"] and "JSON" in system["content"]


def test_model_with_schema_support_gets_a_json_schema_response_format(fake_llm: FakeLLM) -> None:
    gateway, _ = make_gateway(model="openai/gpt-4o-mini")
    fake_llm.push_json(GOOD)
    gateway.structured(user("q"), Verdict)
    body = fake_llm.chat_requests[0].body
    assert body is not None
    response_format = body["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == "Verdict"
    assert response_format["json_schema"]["schema"]["properties"]["confidence"]["maximum"] == 100
    assert body["messages"] == user("q")


def test_fenced_json_is_accepted(fake_llm: FakeLLM) -> None:
    fake_llm.push_text("```json\n" + json.dumps(GOOD) + "\n```")
    gateway, _ = make_gateway()
    assert gateway.structured(user("q"), Verdict).parsed == EXPECTED


def test_prose_gets_one_repair_request(fake_llm: FakeLLM) -> None:
    fake_llm.push_fault("prose")
    fake_llm.push_json(GOOD)
    gateway, ledger = make_gateway()

    answer = gateway.structured(user("judge"), Verdict)

    assert answer.parsed == EXPECTED
    first, repair = fake_llm.chat_requests
    assert repair.body is not None
    assert repair.body["messages"][-2]["role"] == "assistant"
    assert repair.body["messages"][-2]["content"].startswith("Sure!")
    assert "not valid JSON" in repair.body["messages"][-1]["content"]
    assert ledger.outcomes == ["invalid_answer", "ok"]
    assert answer.prompt_tokens == sum(e.prompt_tokens or 0 for e in ledger.events)
    # Cached under the original request, so asking again costs nothing.
    assert gateway.structured(user("judge"), Verdict).cache_hit is True


def test_schema_mismatch_gets_one_repair_request(fake_llm: FakeLLM) -> None:
    fake_llm.push_json({"verdict": "FIT", "confidence": 300})
    fake_llm.push_json(GOOD)
    gateway, _ = make_gateway()
    assert gateway.structured(user("q"), Verdict).parsed == EXPECTED
    repair = fake_llm.chat_requests[1].body
    assert repair is not None
    assert "confidence" in repair["messages"][-1]["content"]


def test_two_unusable_answers_fail_and_nothing_is_cached(fake_llm: FakeLLM) -> None:
    fake_llm.push_fault("prose")
    fake_llm.push_json({"verdict": "FIT"})  # valid JSON, still missing confidence
    gateway, ledger = make_gateway()
    with pytest.raises(ProviderError) as caught:
        gateway.structured(user("q"), Verdict)
    assert str(caught.value) == "the model's answer did not match the expected format"
    assert caught.value.exit_code == ExitCode.PROVIDER
    assert len(fake_llm.chat_requests) == 2
    assert ledger.outcomes == ["invalid_answer", "invalid_answer"]
    assert ledger.answers == {}


def test_structured_can_stream(fake_llm: FakeLLM) -> None:
    fake_llm.push_json(GOOD)
    gateway, _ = make_gateway()
    deltas: list[str] = []
    answer = gateway.structured(user("q"), Verdict, on_text=deltas.append)
    assert len(deltas) > 1 and "".join(deltas) == answer.text
    assert answer.parsed == EXPECTED


def test_strip_fences_variants() -> None:
    assert strip_fences('```json\n{"a": 1}\n```') == '{"a": 1}'
    assert strip_fences('```\n{"a": 1}```') == '{"a": 1}'
    assert strip_fences('  {"a": 1}  ') == '{"a": 1}'


def test_parse_answer_explains_what_is_wrong() -> None:
    with pytest.raises(InvalidAnswer, match="not valid JSON"):
        parse_answer("nope", Verdict)
    with pytest.raises(InvalidAnswer, match="confidence"):
        parse_answer('{"verdict": "FIT"}', Verdict)
