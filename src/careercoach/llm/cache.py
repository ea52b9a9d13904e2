"""The response cache key: identical requests to the same model and server share one answer."""

from __future__ import annotations

import hashlib
import json

from careercoach.llm.transport import ModelRequest

# Bump when the way requests are built changes, so old answers stop matching new requests.
_KEY_VERSION = 1


def cache_key(request: ModelRequest) -> str:
    """sha256 over model, api_base, messages, schema and parameters (never the API key)."""
    payload = {
        "v": _KEY_VERSION,
        "model": request.model,
        "api_base": request.api_base,
        "messages": request.messages,
        "schema": request.json_schema,
        "schema_name": request.schema_name if request.json_schema is not None else None,
        "temperature": request.temperature,
        "max_tokens": request.max_tokens,
    }
    blob = json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
