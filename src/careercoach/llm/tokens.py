"""How many tokens a text is, and how many a model can take in and give back.

Both come from LiteLLM (its tokenizers and its model table, bundled, no network), asked through
the warm model worker when one serves this CLI, so the CLI need not import LiteLLM. A model
LiteLLM does not know (a local server, a fine-tune) gets DEFAULT_CONTEXT_TOKENS, unless the
person sets the real window with `careercoach config set context_tokens N`.
"""

from __future__ import annotations

from dataclasses import dataclass

from careercoach.llm.litellm_setup import load_litellm

DEFAULT_CONTEXT_TOKENS = 8192
"""The window assumed for a model LiteLLM does not know: small enough for most local models."""

DEFAULT_OUTPUT_TOKENS = 4096
"""The answer length assumed when LiteLLM does not know the model's output limit."""


@dataclass(frozen=True)
class ContextWindow:
    """What one request to the model may hold: prompt plus answer in `total` tokens."""

    total: int  # prompt and answer together
    max_output: int  # the longest answer the model gives
    source: str  # "config" | "litellm" | "default"


def count_tokens(model: str, text: str) -> int:
    """Tokens of `text` for `model` (LiteLLM's tokenizer; about 4 characters each if it fails)."""
    if not text:
        return 0
    from careercoach.llm.worker_client import remote_token_count

    counted = remote_token_count(model, text)  # the warm worker's LiteLLM, when there is one
    if counted is not None:
        return counted
    try:
        return int(load_litellm().token_counter(model=model, text=text))
    except Exception:  # a tokenizer LiteLLM cannot load: count the cheap way
        return len(text) // 4 + 1


def context_window(model: str, configured: int | None = None) -> ContextWindow:
    """The model's window: the configured one, else LiteLLM's table, else the default."""
    from careercoach.llm.worker_client import remote_model_info

    info: dict[str, object] | None = remote_model_info(model)
    if info is None:
        try:
            info = dict(load_litellm().get_model_info(model))
        except Exception:  # ModelNotMappedError and friends: a model LiteLLM has no entry for
            info = {}
    max_output = _positive(info.get("max_output_tokens")) or DEFAULT_OUTPUT_TOKENS
    if configured:
        return ContextWindow(configured, min(max_output, configured // 2), "config")
    total = _positive(info.get("max_input_tokens")) or _positive(info.get("max_tokens"))
    if total:
        return ContextWindow(total, min(max_output, total // 2), "litellm")
    return ContextWindow(
        DEFAULT_CONTEXT_TOKENS, min(max_output, DEFAULT_CONTEXT_TOKENS // 2), "default"
    )


def _positive(value: object) -> int | None:
    return value if isinstance(value, int) and value > 0 else None
