"""The key service: masking, validation, read-back and the index of stored providers."""

from __future__ import annotations

import pytest

from careercoach.errors import BadInput, NotConfigured, NotFound
from careercoach.llm.keys import INDEX_USERNAME, SERVICE
from careercoach.services import keys as service
from memkeyring import MemoryKeyring


@pytest.mark.parametrize(
    ("key", "masked"),
    [
        ("sk-proj-0123456789abcdef", "…cdef"),
        ("0123456789ab", "…9ab"),
        ("abcdefgh", "…gh"),
        ("abcd", "…d"),
        ("abc", "…"),
        ("", "…"),
    ],
)
def test_mask_shows_at_most_four_and_at_most_a_quarter(key: str, masked: str) -> None:
    assert service.mask(key) == masked


@pytest.mark.parametrize(
    "raw", ["", "  \n", "sk-abc def", "sk-abc\ndef", "sk-\x1b[31m", "x" * 5000]
)
def test_bad_keys_are_refused_without_echo(raw: str) -> None:
    with pytest.raises(BadInput) as info:
        service.validate_key(raw)
    if raw.strip():
        assert raw.strip() not in str(info.value) + (info.value.hint or "")


def test_key_is_stripped() -> None:
    assert service.validate_key("  sk-abc123\n") == "sk-abc123"


def test_set_stores_under_service_and_provider(memory_keyring: MemoryKeyring) -> None:
    result = service.set_key("OpenAI", "sk-test-0123456789wxyz")
    assert result.provider == "openai"
    assert result.masked == "…wxyz"
    assert result.warning is None
    assert memory_keyring.store[(SERVICE, "openai")] == "sk-test-0123456789wxyz"


def test_set_reports_the_variable_that_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    assert service.set_key("openai", "sk-keyring-123456").env_override == "OPENAI_API_KEY"


def test_read_back_mismatch_is_an_error(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A backend that silently truncates what it stores.
    def truncating(svc: str, user: str, password: str) -> None:
        memory_keyring.store[(svc, user)] = password[:8]

    monkeypatch.setattr(memory_keyring, "set_password", truncating)
    with pytest.raises(NotConfigured) as info:
        service.set_key("openai", "sk-truncated-secret-999")
    assert "did not keep" in info.value.message
    assert "secret-999" not in info.value.message + (info.value.hint or "")


def test_backend_error_messages_are_scrubbed(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    def noisy(svc: str, user: str, password: str) -> None:
        raise OSError(f"cannot write {password!r} to the vault")

    monkeypatch.setattr(memory_keyring, "set_password", noisy)
    with pytest.raises(NotConfigured) as info:
        service.set_key("openai", "sk-noisy-secret-4242")
    assert "sk-noisy-secret-4242" not in info.value.message
    assert "OSError" in info.value.message


def test_unknown_providers_are_remembered_for_listing(memory_keyring: MemoryKeyring) -> None:
    service.set_key("acme", "acme-0123456789")
    assert memory_keyring.store[(SERVICE, INDEX_USERNAME)] == "acme"
    assert [(e.provider, e.source) for e in service.list_keys().keys] == [("acme", "keyring")]
    service.remove_key("acme")
    assert (SERVICE, INDEX_USERNAME) not in memory_keyring.store
    assert service.list_keys().keys == []


def test_remove_of_a_missing_key_is_not_found() -> None:
    with pytest.raises(NotFound):
        service.remove_key("openai")


def test_list_marks_keyring_key_hidden_by_environment(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory_keyring.set_password(SERVICE, "openai", "sk-keyring-aaaa1111")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env-0000bbbb2222")
    entries = service.list_keys().keys
    assert [(e.source, e.masked, e.active) for e in entries] == [
        ("env", "…2222", True),
        ("keyring", "…1111", False),
    ]
