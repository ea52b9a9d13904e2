"""Issue 8.7: every command, run with a sentinel API key set, never shows or stores the key.

The commands are read from the Typer app itself, so a command added later (search, letter,
worker, cv optimize, ...) is covered the day it is registered. Each runs twice: once against
the fake model's ordinary answers, once under --debug with the fake answering 401 and
echoing the key in its error, as some providers do. Everything is then searched for the key:
stdout and stderr of every run, whatever reached the process's file descriptors (library
logs), and every file under CAREERCOACH_HOME (the database and its WAL, the config, the
answer cache, backups, exports, runtime files and logs) and in the working directory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
import typer

SENTINEL = "sk-sentinel-8f3e2a9c1b7d4e60aa"
KEYRING_SENTINEL = "sk-ant-sentinel-5d6c7b8a9e0f1122bb"
FRAGMENTS = (SENTINEL, "8f3e2a9c1b7d", KEYRING_SENTINEL, "5d6c7b8a9e0f")
ROOT = Path(__file__).resolve().parents[2]


def leaf_commands() -> Iterator[tuple[list[str], click.Command]]:
    from careercoach.cli import app

    root = typer.main.get_command(app)
    ctx = click.Context(root)

    def walk(command: click.Command, path: list[str]) -> Iterator[tuple[list[str], click.Command]]:
        if hasattr(command, "list_commands"):  # a group (Typer may vendor its own click)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None:
                    yield from walk(sub, [*path, name])
        else:
            yield path, command

    yield from walk(root, [])


def arguments_for(path: list[str], command: click.Command, files: dict[str, str]) -> list[str]:
    """Plausible values for a command's required arguments, by their names."""
    values: list[str] = []
    for param in command.params:
        if getattr(param, "param_type_name", "") != "argument" or not param.required:
            continue
        name = param.name or ""
        if name == "provider":
            values.append("anthropic")
        elif name == "key":
            values.append("timeout")
        elif name == "value":
            values.append("30" if path[0] == "config" else "Data engineer")
        elif name == "field":
            values.append("headline")
        elif name in ("source", "file"):
            values.append(files["posting"] if path[0] == "job" else
                          files["export"] if path[0] == "data" else files["cv"])
        elif name.endswith("id") or name in ("job", "first", "second"):
            values.append("1")
        else:
            values.append("Python")
    return values


@pytest.fixture
def sentinel_env(fake_llm: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("OPENAI_API_KEY", SENTINEL)
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    monkeypatch.setenv("CAREERCOACH_TIMEOUT", "10")
    return fake_llm


def _drop_queued(fake: Any) -> None:
    with fake._lock:
        fake._items.clear()


def test_no_command_shows_or_stores_the_key(cli, sentinel_env: Any, coach_home: Path,
                                           tmp_path: Path, capfd: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch, figures) -> None:
    fake = sentinel_env
    # Commands that write to the current directory (data backup, exports) write here, and
    # this directory is searched too.
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    posting = tmp_path / "posting.md"
    posting.write_text((ROOT / "examples" / "posting.md").read_text(encoding="utf-8"),
                       encoding="utf-8")
    files = {"cv": str(ROOT / "examples" / "cv.md"), "posting": str(posting),
             "export": str(tmp_path / "export.json")}
    seed = [cli("key", "set", "anthropic", input=KEYRING_SENTINEL + "\n"),
            cli("journal", "add", "A day with #python"), cli("goal", "add", "Learn Spark"),
            cli("goal", "step", "add", "1", "Read the guide"),
            cli("cv", "add", files["cv"]), cli("--offline", "job", "add", files["posting"]),
            cli("--offline", "gap"), cli("apply", "add", "1"),
            cli("data", "export", "-o", files["export"])]
    assert all(r.exit_code == 0 for r in seed), [r.stderr for r in seed if r.exit_code]

    outputs: list[str] = [r.stdout + r.stderr for r in seed]
    runs: dict[str, int] = {}
    unexpected: list[str] = []
    commands = list(leaf_commands())
    try:
        for debug in (False, True):
            for path, command in commands:
                if path[0] == "worker" and path[-1] == "start":
                    continue  # started below, once, and stopped in the finally
                args = [*path, *arguments_for(path, command, files)]
                _drop_queued(fake)
                if debug:
                    for _ in range(4):
                        fake.push_fault("401")  # the fake echoes the caller's key in it
                result = cli(*(["--debug"] if debug else []), *args, input="")
                outputs.append(result.stdout + result.stderr)
                if "Error: unexpected" in result.stderr:
                    unexpected.append(" ".join(args) + ": " + result.stderr.strip()[:300])
                runs[" ".join(path) + (" --debug" if debug else "")] = result.exit_code
        if any(p[0] == "worker" for p, _ in commands):
            _drop_queued(fake)
            started = cli("worker", "start", input="")
            outputs.append(started.stdout + started.stderr)
            chat = cli("chat", "through the worker, if there is one", input="")
            outputs.append(chat.stdout + chat.stderr)
    finally:
        if any(p[0] == "worker" for p, _ in commands):
            stopped = cli("worker", "stop", input="")
            outputs.append(stopped.stdout + stopped.stderr)

    captured = capfd.readouterr()
    outputs.append(captured.out + captured.err)
    text = "\n".join(outputs)
    files_checked = [p for root in (coach_home, cwd) for p in root.rglob("*") if p.is_file()]
    for fragment in FRAGMENTS:
        assert fragment not in text, f"the key ({fragment}) was printed"
        for path in files_checked:
            assert fragment.encode() not in path.read_bytes(), f"the key is in {path}"
    # The requests did carry the key: the test would prove nothing if it never left.
    assert any(SENTINEL in str(r.headers.get("Authorization", "")) for r in fake.chat_requests)
    assert len(commands) >= 60
    assert not unexpected, unexpected  # and no command met an error it did not expect
    figures("secrets", commands=len(commands), runs=len(runs), model_requests_with_key=sum(
        1 for r in fake.chat_requests if SENTINEL in str(r.headers.get("Authorization", ""))),
        files_scanned=len(files_checked), sentinel_found=0, unexpected_errors=unexpected,
        exit_codes={code: sum(1 for c in runs.values() if c == code)
                    for code in sorted(set(runs.values()))})
    os.environ.pop("CAREERCOACH_REDACT", None)  # set by any --no-redact run, never undone
