"""Which provider a model belongs to, which variable holds its key, and the gateway's lookup."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from careercoach.llm.keys import (
    SERVICE,
    api_key_for_model,
    canonical_provider,
    env_var_for,
    env_vars_for,
    key_from_env,
    provider_of_model,
)
from memkeyring import MemoryKeyring


@pytest.mark.parametrize(
    ("model", "provider"),
    [
        ("openai/gpt-4o-mini", "openai"),
        ("anthropic/claude-3-5-sonnet-20241022", "anthropic"),
        ("gemini/gemini-2.0-flash", "gemini"),
        ("ollama/llama3.1", "ollama"),
        ("ollama_chat/llama3.1", "ollama_chat"),
        ("openrouter/anthropic/claude-3.5-sonnet", "openrouter"),
        ("groq/llama-3.1-70b-versatile", "groq"),
        ("together_ai/meta-llama/Llama-3-70b", "together_ai"),
        ("hosted_vllm/my-model", "hosted_vllm"),
        ("OpenAI/gpt-4o", "openai"),
        ("gpt-4o-mini", "openai"),
        ("o3-mini", "openai"),
        ("chatgpt-4o-latest", "openai"),
        ("claude-3-5-haiku-latest", "anthropic"),
        ("gemini-1.5-flash", "gemini"),
        ("mistral-large-latest", "mistral"),
        ("deepseek-chat", "deepseek"),
        ("command-r-plus", "cohere"),
        ("grok-2", "xai"),
        ("some-local-model", "openai"),
    ],
)
def test_provider_of_model(model: str, provider: str) -> None:
    assert provider_of_model(model) == provider


@pytest.mark.parametrize(
    ("provider", "var"),
    [
        ("openai", "OPENAI_API_KEY"),
        ("anthropic", "ANTHROPIC_API_KEY"),
        ("gemini", "GEMINI_API_KEY"),
        ("mistral", "MISTRAL_API_KEY"),
        ("groq", "GROQ_API_KEY"),
        ("cohere", "COHERE_API_KEY"),
        ("deepseek", "DEEPSEEK_API_KEY"),
        ("openrouter", "OPENROUTER_API_KEY"),
        ("xai", "XAI_API_KEY"),
        ("together_ai", "TOGETHERAI_API_KEY"),
        ("azure", "AZURE_API_KEY"),
        ("perplexity", "PERPLEXITYAI_API_KEY"),
        ("fireworks_ai", "FIREWORKS_AI_API_KEY"),
        ("nvidia_nim", "NVIDIA_NIM_API_KEY"),
        ("acme", "ACME_API_KEY"),
        ("my-proxy", "MY_PROXY_API_KEY"),
    ],
)
def test_env_var_for(provider: str, var: str) -> None:
    assert env_var_for(provider) == var


def test_gemini_also_reads_google_api_key_but_documents_gemini_first() -> None:
    assert env_vars_for("gemini") == ("GEMINI_API_KEY", "GOOGLE_API_KEY")
    found = key_from_env("gemini", {"GOOGLE_API_KEY": "g-key-1234"})
    assert found is not None and found.var == "GOOGLE_API_KEY"
    found = key_from_env("gemini", {"GOOGLE_API_KEY": "g", "GEMINI_API_KEY": "gem"})
    assert found is not None and found.var == "GEMINI_API_KEY"


def test_blank_variable_counts_as_unset() -> None:
    assert key_from_env("openai", {"OPENAI_API_KEY": "   "}) is None


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("openai", "openai"),
        ("OpenAI", "openai"),
        (" groq ", "groq"),
        ("google", "gemini"),
        ("together", "together_ai"),
        ("my-proxy_2", "my-proxy_2"),
        ("", None),
        ("open ai", None),
        ("../etc", None),
        ("-x", None),
        ("a.b", None),
        ("é", None),
        ("x" * 65, None),
    ],
)
def test_canonical_provider(raw: str, canonical: str | None) -> None:
    assert canonical_provider(raw) == canonical


def test_environment_wins_over_keyring(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory_keyring.set_password(SERVICE, "openai", "sk-from-keyring")
    assert api_key_for_model("openai/gpt-4o-mini") == "sk-from-keyring"
    assert api_key_for_model("gpt-4o-mini") == "sk-from-keyring"
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    assert api_key_for_model("openai/gpt-4o-mini") == "sk-from-env"


def test_each_provider_gets_its_own_key(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.set_password(SERVICE, "anthropic", "ant-key")
    memory_keyring.set_password(SERVICE, "gemini", "gem-key")
    assert api_key_for_model("anthropic/claude-3-5-haiku-latest") == "ant-key"
    assert api_key_for_model("claude-3-5-haiku-latest") == "ant-key"
    assert api_key_for_model("gemini/gemini-2.0-flash") == "gem-key"
    assert api_key_for_model("openai/gpt-4o") is None


def test_unknown_provider_uses_its_uppercased_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACME_API_KEY", "acme-key")
    assert api_key_for_model("acme/model-1") == "acme-key"


def test_ollama_needs_no_key(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.set_password(SERVICE, "ollama", "should-not-be-used")
    assert api_key_for_model("ollama/llama3.1") is None


def test_no_keyring_backend_means_no_key() -> None:
    keyring.set_keyring(fail.Keyring())
    assert api_key_for_model("openai/gpt-4o-mini") is None


def test_keyring_that_cannot_even_load_means_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise RuntimeError("no D-Bus session")

    monkeypatch.setattr(keyring, "get_keyring", broken)
    assert api_key_for_model("openai/gpt-4o-mini") is None


def test_environment_still_works_without_a_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    assert api_key_for_model("openai/gpt-4o-mini") == "sk-env"


def test_locked_keyring_means_no_key(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keyring.errors import KeyringLocked

    def locked(service: str, username: str) -> None:
        raise KeyringLocked("locked")

    monkeypatch.setattr(memory_keyring, "get_password", locked)
    assert api_key_for_model("openai/gpt-4o-mini") is None


def test_plaintext_keyring_is_read_only_when_opted_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keyrings.alt.file import PlaintextKeyring

    plain = PlaintextKeyring()
    plain.file_path = str(tmp_path / "plain.cfg")
    plain.set_password(SERVICE, "openai", "sk-plain")
    keyring.set_keyring(plain)
    assert api_key_for_model("openai/gpt-4o-mini") is None
    monkeypatch.setenv("CAREERCOACH_INSECURE_KEYRING", "true")
    assert api_key_for_model("openai/gpt-4o-mini") == "sk-plain"
