"""Model settings: flag > environment > config > default; a clear refusal without a model."""

from __future__ import annotations

import subprocess
import sys

import pytest

from careercoach import config
from careercoach.config import Config
from careercoach.errors import BadInput, ExitCode, NotConfigured
from careercoach.llm.settings import LLMSettings, resolve_settings


def test_defaults_apply_when_only_a_model_is_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERCOACH_MODEL", "openai/gpt-4o-mini")
    settings = resolve_settings(Config.load())
    assert settings == LLMSettings(
        model="openai/gpt-4o-mini",
        api_base=None,
        timeout=60.0,
        retries=2,
        cache=True,
        budget_monthly_usd=None,
    )


def test_config_file_values_are_used() -> None:
    config.set_value("model", "ollama/llama3.1")
    config.set_value("api_base", "http://127.0.0.1:11434/")
    config.set_value("timeout", "5")
    config.set_value("retries", "0")
    config.set_value("cache", "false")
    config.set_value("budget_monthly_usd", "2.5")
    settings = resolve_settings(Config.load())
    assert settings == LLMSettings("ollama/llama3.1", "http://127.0.0.1:11434", 5.0, 0, False, 2.5)


def test_environment_beats_config_and_flags_beat_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config.set_value("model", "openai/from-config")
    config.set_value("api_base", "http://config.example/v1")
    monkeypatch.setenv("CAREERCOACH_MODEL", "openai/from-env")
    monkeypatch.setenv("CAREERCOACH_API_BASE", "http://env.example/v1")
    loaded = Config.load()

    from_env = resolve_settings(loaded)
    assert (from_env.model, from_env.api_base) == ("openai/from-env", "http://env.example/v1")

    from_flags = resolve_settings(loaded, model="openai/from-flag", api_base="http://flag.example/v1/")
    assert (from_flags.model, from_flags.api_base) == ("openai/from-flag", "http://flag.example/v1")


def test_no_model_anywhere_is_not_configured_with_a_hint() -> None:
    with pytest.raises(NotConfigured) as caught:
        resolve_settings(Config.load())
    assert caught.value.exit_code == ExitCode.NOT_CONFIGURED
    hint = caught.value.hint or ""
    assert "careercoach setup" in hint
    assert "careercoach config set model openai/gpt-4o-mini" in hint
    assert "CAREERCOACH_MODEL" in hint


def test_an_invalid_flag_value_is_bad_input() -> None:
    with pytest.raises(BadInput):
        resolve_settings(Config.load(), model="has spaces")
    with pytest.raises(BadInput):
        resolve_settings(Config.load(), model="openai/x", api_base="ftp://nope")


def test_importing_the_llm_package_does_not_import_litellm() -> None:
    # A fresh interpreter: in this one, other tests have long since imported litellm.
    code = (
        "import sys\n"
        "import careercoach.llm, careercoach.llm.settings, careercoach.llm.gateway\n"
        "import careercoach.llm.transport, careercoach.llm.failures, careercoach.llm.retry\n"
        "import careercoach.llm.structured, careercoach.llm.cache, careercoach.llm.credentials\n"
        "import careercoach.llm.litellm_setup\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('litellm', 'openai')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"
