"""Shared fixtures: every test gets its own CAREERCOACH_HOME, an in-memory keyring and a clean
environment, so no test reads the developer's data, keys or config."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from memkeyring import MemoryKeyring

# Variables that would let a developer's own setup leak into a test.
_SCRUB_PREFIXES = ("CAREERCOACH_", "LITELLM_")
_SCRUB_NAMES = (
    "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY", "MISTRAL_API_KEY",
    "GROQ_API_KEY", "COHERE_API_KEY", "DEEPSEEK_API_KEY", "OPENROUTER_API_KEY", "XAI_API_KEY",
    "TOGETHERAI_API_KEY", "AZURE_API_KEY", "OPENAI_BASE_URL", "OPENAI_API_BASE",
    "PYTHON_KEYRING_BACKEND", "VISUAL", "EDITOR", "NO_COLOR",
)


@pytest.fixture(autouse=True)
def coach_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    for name in list(os.environ):
        if name.startswith(_SCRUB_PREFIXES) or name in _SCRUB_NAMES:
            monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    monkeypatch.setenv("CAREERCOACH_HOME", str(home))
    # Model calls stay in the test's process; tests of the warm worker turn it back on.
    monkeypatch.setenv("CAREERCOACH_NO_WORKER", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    yield home
    from worker_cleanup import stop_workers_of

    stop_workers_of(home)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    import keyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def cli():
    """Invoke the CLI in-process: cli(args, input=None) -> Result (stdout and stderr apart)."""
    from typer.testing import CliRunner

    from careercoach.cli import app

    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None):
        return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    return invoke


@pytest.fixture
def fake_llm(monkeypatch: pytest.MonkeyPatch):
    """A running fake OpenAI-compatible server, configured as the model (openai/test-model)."""
    from fakellm import FakeLLM

    server = FakeLLM()
    monkeypatch.setenv("CAREERCOACH_MODEL", "openai/test-model")
    monkeypatch.setenv("CAREERCOACH_API_BASE", server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-SENTINEL-0000")
    try:
        yield server
    finally:
        server.stop()
