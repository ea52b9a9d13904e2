"""`careercoach key set|list|remove` end to end through the CLI, and the key never leaking."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail

from careercoach.llm.keys import SERVICE
from memkeyring import MemoryKeyring

KEY = "sk-proj-Zq8wLx3VtR7yNc2KpH5mJd9Ge4"


def test_set_reads_the_key_from_stdin(cli: Any, memory_keyring: MemoryKeyring) -> None:
    result = cli("key", "set", "openai", input=KEY + "\n")
    assert result.exit_code == 0, result.stderr
    assert memory_keyring.store[(SERVICE, "openai")] == KEY
    assert "…9Ge4" in result.stdout
    assert KEY not in result.stdout + result.stderr


def test_set_uses_a_hidden_prompt_on_a_terminal(
    cli: Any, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    import typer

    from careercoach.commands.common import Env

    asked: dict[str, Any] = {}

    def fake_prompt(text: str, **kwargs: Any) -> str:
        asked.update(kwargs, text=text)
        return KEY

    monkeypatch.setattr(Env, "stdin_is_tty", property(lambda self: True))
    monkeypatch.setattr(typer, "prompt", fake_prompt)
    result = cli("key", "set", "anthropic")
    assert result.exit_code == 0, result.stderr
    assert asked["hide_input"] is True
    assert asked["err"] is True
    assert memory_keyring.store[(SERVICE, "anthropic")] == KEY


def test_empty_stdin_is_bad_input(cli: Any, memory_keyring: MemoryKeyring) -> None:
    result = cli("key", "set", "openai", input="\n")
    assert result.exit_code == 1
    assert "no API key" in result.stderr
    assert memory_keyring.store == {}


def test_key_is_never_taken_as_an_argument(cli: Any, memory_keyring: MemoryKeyring) -> None:
    result = cli("key", "set", "openai", KEY)
    assert result.exit_code == 2
    assert memory_keyring.store == {}
    assert KEY not in result.stdout


@pytest.mark.parametrize("name", ["open ai", "../openai", "ope$nai", "-"])
def test_invalid_provider_is_refused_before_reading(cli: Any, name: str) -> None:
    result = cli("key", "set", "--", name, input=KEY)
    assert result.exit_code == 1
    assert "invalid provider name" in result.stderr


def test_list_shows_env_and_keyring_masked(
    cli: Any, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory_keyring.set_password(SERVICE, "anthropic", "sk-ant-api03-AAAABBBBCCCC7777")
    monkeypatch.setenv("GROQ_API_KEY", "gsk_DDDDEEEEFFFF8888")
    result = cli("key", "list")
    assert result.exit_code == 0, result.stderr
    assert "anthropic" in result.stdout and "keyring" in result.stdout and "…7777" in result.stdout
    assert "groq" in result.stdout and "env" in result.stdout and "…8888" in result.stdout
    assert "CCCC7777" not in result.stdout and "FFFF8888" not in result.stdout


def test_list_json_shape(
    cli: Any, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory_keyring.set_password(SERVICE, "openai", "sk-keyring-1111aaaa")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env-00002222bbbb")
    result = cli("key", "list", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [
        {
            "provider": "openai",
            "source": "env",
            "masked": "…bbbb",
            "env_var": "OPENAI_API_KEY",
            "active": True,
        },
        {
            "provider": "openai",
            "source": "keyring",
            "masked": "…aaaa",
            "env_var": "OPENAI_API_KEY",
            "active": False,
        },
    ]


def test_list_with_nothing(cli: Any) -> None:
    result = cli("key", "list", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    human = cli("key", "list")
    assert "No API keys" in human.stdout


def test_remove(cli: Any, memory_keyring: MemoryKeyring) -> None:
    memory_keyring.set_password(SERVICE, "mistral", "mistral-key-123456")
    result = cli("key", "remove", "mistral")
    assert result.exit_code == 0, result.stderr
    assert (SERVICE, "mistral") not in memory_keyring.store
    again = cli("key", "remove", "mistral")
    assert again.exit_code == 1
    assert "no mistral key" in again.stderr


def test_remove_mentions_the_variable_that_still_provides_a_key(
    cli: Any, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory_keyring.set_password(SERVICE, "openai", "sk-stored-123456")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env-123456")
    result = cli("key", "remove", "openai")
    assert result.exit_code == 0
    assert "OPENAI_API_KEY" in result.stderr


def test_no_keyring_backend_exits_3_with_the_options(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring.set_keyring(fail.Keyring())
    for args in (("key", "set", "gemini"), ("key", "remove", "gemini")):
        result = cli(*args, input=KEY)
        assert result.exit_code == 3, args
        assert "GEMINI_API_KEY" in result.stderr
        assert "gnome-keyring" in result.stderr
        assert "PYTHON_KEYRING_BACKEND" in result.stderr
    # Listing still shows what the environment provides.
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env-9999zzzz")
    listed = cli("key", "list", "--json")
    assert listed.exit_code == 0
    assert [row["source"] for row in json.loads(listed.stdout)] == ["env"]
    assert "keyring not read" in listed.stderr


def test_get_keyring_raising_exits_3(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise RuntimeError("no D-Bus")

    monkeypatch.setattr(keyring, "get_keyring", broken)
    result = cli("key", "set", "openai", input=KEY)
    assert result.exit_code == 3
    assert "PYTHON_KEYRING_BACKEND" in result.stderr


def test_locked_keyring_exits_3(
    cli: Any, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keyring.errors import KeyringLocked

    def locked(*args: Any) -> None:
        raise KeyringLocked("collection is locked")

    monkeypatch.setattr(memory_keyring, "set_password", locked)
    result = cli("key", "set", "openai", input=KEY)
    assert result.exit_code == 3
    assert "locked" in result.stderr


def _plaintext(path: Path):  # type: ignore[no-untyped-def]
    from keyrings.alt.file import PlaintextKeyring

    backend = PlaintextKeyring()
    backend.file_path = str(path)
    return backend


def test_plaintext_backend_needs_explicit_opt_in(cli: Any, tmp_path: Path) -> None:
    store = tmp_path / "outside-home" / "plain.cfg"
    store.parent.mkdir()
    keyring.set_keyring(_plaintext(store))
    refused = cli("key", "set", "openai", input=KEY)
    assert refused.exit_code == 3
    assert "insecure_keyring" in refused.stderr
    assert not store.exists() or KEY not in store.read_text()

    assert cli("config", "set", "insecure_keyring", "true").exit_code == 0
    allowed = cli("key", "set", "openai", input=KEY)
    assert allowed.exit_code == 0, allowed.stderr
    assert "Warning" in allowed.stderr and "unencrypted" in allowed.stderr
    assert "…9Ge4" in allowed.stdout


def test_a_key_in_a_plaintext_backend_can_be_removed_without_opting_in(
    cli: Any, tmp_path: Path
) -> None:
    plain = _plaintext(tmp_path / "plain.cfg")
    plain.set_password(SERVICE, "openai", KEY)
    keyring.set_keyring(plain)
    listed = cli("key", "list", "--json")
    assert json.loads(listed.stdout) == []  # not used while insecure_keyring is off
    assert "insecure_keyring is off" in listed.stderr
    result = cli("key", "remove", "openai")
    assert result.exit_code == 0, result.stderr
    assert plain.get_password(SERVICE, "openai") is None


def test_read_back_mismatch_exits_3(
    cli: Any, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(memory_keyring, "set_password", lambda *args: None)
    result = cli("key", "set", "openai", input=KEY)
    assert result.exit_code == 3
    assert "did not keep" in result.stderr


def _suffixes(secret: str, shortest: int = 5) -> list[str]:
    return [secret[-n:] for n in range(shortest, len(secret) + 1)]


def _leaks(text: str, secret: str) -> list[str]:
    return [part for part in _suffixes(secret) if part in text] + (
        [secret] if secret in text else []
    )


def test_sentinel_key_never_leaks(
    cli: Any, coach_home: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    sentinel = "sk-SENTINEL-7f3a9c1e5b2d8046QXJW"
    outputs: list[str] = []

    def run(*args: str, input: str | None = None) -> None:
        result = cli(*args, input=input)
        outputs.extend([result.stdout, result.stderr])

    run("config", "set", "retries", "3")  # so CAREERCOACH_HOME holds a real config file
    run("key", "set", "openai", input=sentinel + "\n")
    run("--debug", "key", "set", "acme", input=sentinel)
    run("key", "list")
    run("key", "list", "--json")
    run("--debug", "key", "list")
    monkeypatch.setenv("OPENAI_API_KEY", sentinel)
    run("key", "list")
    run("key", "list", "--json")
    run("key", "set", "openai", input=sentinel)
    monkeypatch.delenv("OPENAI_API_KEY")
    run("key", "remove", "acme")
    run("key", "set", "openai", input=sentinel + " trailing-junk")

    # A backend that fails, with and without --debug.
    def mismatch(*args: Any) -> None:
        return None

    monkeypatch.setattr(memory_keyring, "set_password", mismatch)
    run("key", "set", "gemini", input=sentinel)
    run("--debug", "key", "set", "gemini", input=sentinel)

    joined = "\n".join(outputs)
    assert "…QXJW" in joined  # the check is live: the masked form was printed
    assert _leaks(joined, sentinel) == []
    files = [p for p in coach_home.rglob("*") if p.is_file()]
    assert files, "expected at least the config file under CAREERCOACH_HOME"
    for path in files:
        content = path.read_bytes().decode("utf-8", errors="replace")
        assert _leaks(content, sentinel) == [], path
