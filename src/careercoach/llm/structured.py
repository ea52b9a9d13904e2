"""Structured answers: ask for JSON matching a pydantic model, then validate what comes back."""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel, ValidationError

_FENCE = re.compile(r"^\s*```[a-zA-Z0-9_-]*\s*\n?(.*?)\n?\s*```\s*$", re.DOTALL)


class InvalidAnswer(ValueError):
    """The model's text is not JSON matching the schema; the message is meant for the model."""


def schema_name(schema: type[BaseModel]) -> str:
    """The schema's name as response_format wants it (letters, digits, _ and -; 64 at most)."""
    return re.sub(r"[^a-zA-Z0-9_-]", "_", schema.__name__)[:64] or "answer"


def response_format(name: str, schema: dict[str, Any], *, native: bool) -> dict[str, Any]:
    """The response_format parameter: a json_schema when the model supports it, else json_object."""
    if not native:
        return {"type": "json_object"}
    # Not "strict": strict mode rejects ordinary pydantic schemas (optional fields, defaults).
    return {"type": "json_schema", "json_schema": {"name": name, "schema": schema}}


def schema_instruction(schema: dict[str, Any]) -> str:
    """A system message that asks for JSON only, carrying the schema itself."""
    return (
        "Answer with a single JSON object and nothing else: no prose, no code fences. "
        "It must match this JSON schema:\n" + json.dumps(schema, separators=(",", ":"))
    )


def with_schema_instruction(
    messages: list[dict[str, Any]], schema: dict[str, Any]
) -> list[dict[str, Any]]:
    """The messages with the schema instruction appended to the first system message (or added)."""
    instruction = schema_instruction(schema)
    out = [dict(m) for m in messages]
    for message in out:
        if message.get("role") == "system" and isinstance(message.get("content"), str):
            message["content"] = f"{message['content']}\n\n{instruction}"
            return out
    return [{"role": "system", "content": instruction}, *out]


def strip_fences(text: str) -> str:
    """Remove a surrounding ```json ... ``` fence, which models add even when told not to."""
    match = _FENCE.match(text)
    return (match.group(1) if match else text).strip()


def parse_answer(text: str, schema: type[BaseModel]) -> BaseModel:
    """Validate the model's text against the schema; InvalidAnswer says what is wrong."""
    body = strip_fences(text)
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise InvalidAnswer(f"the answer is not valid JSON ({exc})") from None
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc']) or '(root)'}: {error['msg']}"
            for error in exc.errors()[:8]
        )
        raise InvalidAnswer(f"the JSON does not match the schema ({problems})") from None


def repair_messages(
    messages: list[dict[str, Any]], bad_text: str, problem: InvalidAnswer
) -> list[dict[str, Any]]:
    """The conversation plus the bad answer and a request for corrected JSON only."""
    return [
        *messages,
        {"role": "assistant", "content": bad_text},
        {
            "role": "user",
            "content": (
                f"That answer cannot be used: {problem}. Reply again with only the corrected "
                "JSON object that matches the schema: no prose, no code fences."
            ),
        },
    ]
