"""The one error boundary: exit codes, one message on stderr, tracebacks only with --debug."""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_usage_error_is_exit_2(cli) -> None:
    result = cli("config", "set", "timeout")
    assert result.exit_code == 2


def test_unknown_command_is_exit_2(cli) -> None:
    assert cli("frobnicate").exit_code == 2


def test_bad_input_has_message_and_hint_but_no_traceback(cli) -> None:
    result = cli("config", "set", "timeout", "abc")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[0].startswith("Error:")
    assert lines[1].startswith("Hint:")


def test_debug_flag_shows_the_traceback(cli) -> None:
    result = cli("--debug", "config", "set", "timeout", "abc")
    assert result.exit_code == 1
    assert "Traceback" in result.stderr


def test_debug_environment_variable_shows_the_traceback(cli, monkeypatch) -> None:
    monkeypatch.setenv("CAREERCOACH_DEBUG", "1")
    result = cli("config", "set", "timeout", "abc")
    assert "Traceback" in result.stderr


def test_version() -> None:
    from careercoach import __version__

    proc = subprocess.run(
        [sys.executable, "-m", "careercoach", "--version"], capture_output=True, text=True
    )
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"careercoach {__version__}"


def test_keyboard_interrupt_is_exit_130(cli, monkeypatch) -> None:
    import careercoach.config as config

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(config.Config, "load", classmethod(interrupted))
    result = cli("config", "show")
    assert result.exit_code == 130


def test_unexpected_error_is_one_line_without_debug(cli, monkeypatch) -> None:
    import careercoach.config as config

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(config.Config, "load", classmethod(broken))
    result = cli("config", "show")
    assert result.exit_code == 1
    assert "unexpected RuntimeError: boom" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("cv", "show", "99999999999999999999999"),
        ("journal", "show", "99999999999999999999999"),
        ("journal", "list", "--limit", "99999999999999999999999"),
        ("gap", "--cv", "99999999999999999999999"),
    ],
)
def test_a_number_past_sqlite_integers_is_bad_input(cli, args) -> None:
    result = cli(*args)
    assert result.exit_code == 1
    assert "a number is too large" in result.stderr
    assert "unexpected" not in result.stderr
    assert result.stdout == ""
