"""careercoach setup: choose a provider and model, store the key, prove it works."""

from __future__ import annotations

from dataclasses import dataclass

from careercoach import config
from careercoach.errors import BadInput

# provider -> (LiteLLM prefix, a sensible default model, default API base or None, needs a key)
PROVIDERS: dict[str, tuple[str, str, str | None, bool]] = {
    "openai": ("openai", "gpt-4o-mini", None, True),
    "anthropic": ("anthropic", "claude-3-5-haiku-latest", None, True),
    "gemini": ("gemini", "gemini-2.0-flash", None, True),
    "mistral": ("mistral", "mistral-small-latest", None, True),
    "groq": ("groq", "llama-3.1-8b-instant", None, True),
    "openrouter": ("openrouter", "openai/gpt-4o-mini", None, True),
    "ollama": ("ollama", "llama3.1", "http://localhost:11434", False),
    "compatible": ("openai", "local-model", "http://127.0.0.1:8000/v1", False),
}
PROVIDER_HELP = {
    "compatible": "any OpenAI-compatible server: LM Studio, vLLM, llama.cpp",
    "ollama": "a local Ollama server",
}


@dataclass
class SetupResult:
    provider: str
    model: str
    api_base: str | None
    key_stored: bool
    test_reply: str | None


def model_name(provider: str, model: str) -> str:
    """The LiteLLM name for `model` at `provider` ("gpt-4o-mini" at openai -> "openai/gpt-4o-mini")."""
    if provider not in PROVIDERS:
        raise BadInput(
            f"unknown provider {provider!r}", hint="choose one of: " + ", ".join(PROVIDERS)
        )
    prefix = PROVIDERS[provider][0]
    model = model.strip()
    if not model:
        raise BadInput("the model name is empty", hint="e.g. --model " + PROVIDERS[provider][1])
    return model if model.startswith(prefix + "/") else f"{prefix}/{model}"


def key_provider(provider: str) -> str:
    """The keyring/env name under which this provider's key is looked up."""
    return PROVIDERS[provider][0]


def save(provider: str, model: str, api_base: str | None, key: str | None) -> tuple[str, bool]:
    """Validate and store the choice in the config (and the key in the keyring)."""
    full = model_name(provider, model)
    # Validate both values before writing either, so a bad API base leaves the config as it was.
    config.parse_value("model", full, "the setup")
    if api_base:
        config.parse_value("api_base", api_base, "the setup")
    if key is not None:
        from careercoach.services.keys import set_key

        set_key(key_provider(provider), key)
    config.set_value("model", full)
    if api_base:
        config.set_value("api_base", api_base)
    else:
        config.unset_value("api_base")
    return full, key is not None


def test_call(model: str) -> str:
    """One tiny live request through the gateway; raises the contract's errors on failure."""
    from careercoach.services.model import ModelChoice, open_gateway

    gateway = open_gateway("setup", ModelChoice(model=model, no_cache=True))
    answer = gateway.complete(
        [{"role": "user", "content": "Reply with the single word: ready"}], max_tokens=5
    )
    return answer.text.strip()
