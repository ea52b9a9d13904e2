"""LiteLLM imported tamed: no network, no .env from the working directory, silent loggers."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from careercoach.llm.litellm_setup import load_litellm

# Runs in a fresh interpreter with `python -c`, which makes python-dotenv search the current
# directory (as in a REPL or under a debugger/coverage tracer), and records every attempt to
# resolve a name or open a connection during the import.
_PROBE = r"""
import json, os, socket, sys
attempts = []
real_getaddrinfo, real_connect = socket.getaddrinfo, socket.socket.connect
def getaddrinfo(host, *args, **kwargs):
    attempts.append(("getaddrinfo", str(host)))
    return real_getaddrinfo(host, *args, **kwargs)
def connect(self, address):
    attempts.append(("connect", str(address)))
    return real_connect(self, address)
socket.getaddrinfo = getaddrinfo
socket.socket.connect = connect
if sys.argv[1] == "tamed":
    from careercoach.llm.litellm_setup import load_litellm
    litellm = load_litellm()
else:
    import litellm
sys.stdout.write(json.dumps({
    "key": os.environ.get("OPENAI_API_KEY"),
    "attempts": attempts,
    "suppress_debug_info": litellm.suppress_debug_info,
}))
"""


def _probe(cwd: Path, mode: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _PROBE, mode],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def dotenv_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "project"
    directory.mkdir()
    (directory / ".env").write_text("OPENAI_API_KEY=leak\n", encoding="utf-8")
    return directory


def test_import_reads_no_dotenv_contacts_nothing_and_prints_nothing(dotenv_dir: Path) -> None:
    done = _probe(dotenv_dir, "tamed", dict(os.environ))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)  # stdout holds our line and nothing else
    assert result == {"key": None, "attempts": [], "suppress_debug_info": True}
    assert done.stderr == ""


def test_untamed_import_would_read_the_dotenv(dotenv_dir: Path) -> None:
    """The control: proves the probe above can see a leak (so its pass means something)."""
    env = dict(os.environ, LITELLM_LOCAL_MODEL_COST_MAP="True")
    done = _probe(dotenv_dir, "plain", env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["key"] == "leak"


def test_litellm_loggers_emit_nothing(
    caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    load_litellm()
    caplog.set_level(logging.DEBUG)
    for name in ("LiteLLM", "LiteLLM Router", "LiteLLM Proxy"):
        logging.getLogger(name).error("prompt: my private journal entry")
        logging.getLogger(name).debug("prompt: my private journal entry")
    assert "private" not in caplog.text
    out, err = capfd.readouterr()
    assert "private" not in out + err


def test_load_litellm_returns_the_same_tamed_module() -> None:
    first = load_litellm()
    assert load_litellm() is first
    assert first.suppress_debug_info is True
    assert first.turn_off_message_logging is True
