"""Find the API key for a request, or say exactly how to set one (NotConfigured, exit 3)."""

from __future__ import annotations

from careercoach.errors import NotConfigured
from careercoach.llm.settings import LLMSettings

# Sent when a custom api_base is set and no key is found: local servers (Ollama's OpenAI
# endpoint, LM Studio, vLLM, llama.cpp) ignore the key, but the OpenAI client insists on one.
PLACEHOLDER_KEY = "no-key"


def provider_of(model: str) -> str:
    """The provider of a LiteLLM model name ("openai" for bare OpenAI names like gpt-4o)."""
    from careercoach.llm.keys import provider_of_model

    return provider_of_model(model)


def env_var_for(provider: str) -> str:
    """The environment variable that holds this provider's key (OPENAI_API_KEY, ...)."""
    from careercoach.llm import keys

    return keys.env_var_for(provider)


def resolve_api_key(settings: LLMSettings) -> str | None:
    """The key to send: the found key, a placeholder for a custom api_base, None if keyless."""
    from careercoach.llm.keys import api_key_for_model, needs_key

    key = api_key_for_model(settings.model)
    if key:
        return key
    if settings.api_base:
        return PLACEHOLDER_KEY
    provider = provider_of(settings.model)
    if not needs_key(provider):
        return None
    raise NotConfigured(
        f"no API key for {provider} (model {settings.model})",
        hint=(
            f"set one: careercoach key set {provider}, or the {env_var_for(provider)} "
            "environment variable"
        ),
    )
