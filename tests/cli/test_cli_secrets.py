"""The API key appears in no output, file, database row or error message, whatever happens."""

from __future__ import annotations

from pathlib import Path

SENTINEL = "sk-test-SENTINEL-0000"


def _every_file_bytes(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in root.rglob("*") if p.is_file())


def test_sentinel_key_never_leaks(cli, fake_llm, coach_home: Path) -> None:
    fake_llm.push_text("fine")
    fake_llm.push_fault("401")  # the fake server echoes the key in its 401 message
    fake_llm.push_fault("500")
    fake_llm.push_text("ok")
    runs = [
        cli("chat", "hello"),
        cli("--debug", "chat", "--no-cache", "hello again"),
        cli("--debug", "chat", "--no-cache", "third", env={"CAREERCOACH_RETRIES": "0"}),
        cli("doctor", "--json"),
        cli("key", "list", "--json"),
        cli("usage", "--json"),
        cli("config", "show", "--json"),
    ]
    outputs = "".join(r.stdout + r.stderr for r in runs)
    assert runs[1].exit_code == 4 and runs[2].exit_code == 4
    assert SENTINEL not in outputs
    assert SENTINEL[-6:] not in outputs
    assert SENTINEL.encode() not in _every_file_bytes(coach_home)
    assert SENTINEL[-6:].encode() not in _every_file_bytes(coach_home)
