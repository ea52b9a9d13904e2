"""config show/get/set/unset/path: validated values, the file's precedence, clear refusals."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path


def test_set_then_get_and_show_json(cli, coach_home: Path) -> None:
    assert cli("config", "set", "timeout", "30").exit_code == 0
    assert cli("config", "get", "timeout").stdout.strip() == "30.0"
    shown = json.loads(cli("config", "show", "--json").stdout)
    assert shown["timeout"] == {"value": 30.0, "source": "config"}
    assert shown["retries"] == {"value": 2, "source": "default"}
    assert shown["model"] == {"value": None, "source": "default"}
    path = coach_home / "config.toml"
    assert 'timeout = 30.0' in path.read_text()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_environment_wins_over_the_file(cli, monkeypatch) -> None:
    cli("config", "set", "model", "openai/gpt-4o-mini")
    monkeypatch.setenv("CAREERCOACH_MODEL", "ollama/llama3.1")
    shown = json.loads(cli("config", "show", "--json").stdout)
    assert shown["model"] == {"value": "ollama/llama3.1", "source": "env"}


def test_invalid_value_is_refused_and_nothing_written(cli, coach_home: Path) -> None:
    result = cli("config", "set", "timeout", "abc")
    assert result.exit_code == 1
    assert "invalid value 'abc' for timeout" in result.stderr
    assert "Hint:" in result.stderr
    assert result.stdout == ""
    assert not (coach_home / "config.toml").exists()


def test_unknown_key_is_refused(cli) -> None:
    result = cli("config", "set", "colour", "blue")
    assert result.exit_code == 1
    assert "unknown config key 'colour'" in result.stderr
    assert cli("config", "get", "colour").exit_code == 1


def test_bad_values_each_refused(cli) -> None:
    for key, value in [
        ("retries", "-1"),
        ("retries", "two"),
        ("redact", "maybe"),
        ("api_base", "localhost:8000"),
        ("budget_monthly_usd", "0"),
        ("timeout", "nan"),
        ("model", "has space"),
    ]:
        result = cli("config", "set", "--", key, value)
        assert result.exit_code == 1, (key, value, result.stdout)


def test_unset_returns_to_default(cli) -> None:
    cli("config", "set", "redact", "false")
    assert cli("config", "get", "redact").stdout.strip() == "false"
    assert cli("config", "unset", "redact").exit_code == 0
    assert cli("config", "get", "redact").stdout.strip() == "true"


def test_corrupt_config_file_gives_exit_1_and_is_kept(cli, coach_home: Path) -> None:
    coach_home.mkdir(parents=True, exist_ok=True)
    path = coach_home / "config.toml"
    path.write_text("timeout = [unclosed\n")
    result = cli("config", "show")
    assert result.exit_code == 1
    assert "not valid TOML" in result.stderr
    assert path.read_text() == "timeout = [unclosed\n"


def test_hand_edited_unknown_key_in_file(cli, coach_home: Path) -> None:
    coach_home.mkdir(parents=True, exist_ok=True)
    (coach_home / "config.toml").write_text('flavour = "mint"\n')
    result = cli("config", "get", "model")
    assert result.exit_code == 1
    assert "unknown key 'flavour'" in result.stderr


def test_invalid_environment_value_names_the_variable(cli, monkeypatch) -> None:
    monkeypatch.setenv("CAREERCOACH_TIMEOUT", "soon")
    result = cli("config", "get", "timeout")
    assert result.exit_code == 1
    assert "$CAREERCOACH_TIMEOUT" in result.stderr


def test_path_is_inside_careercoach_home(cli, coach_home: Path) -> None:
    assert cli("config", "path").stdout.strip() == str(coach_home / "config.toml")


def test_show_table_for_people(cli) -> None:
    result = cli("config", "show")
    assert result.exit_code == 0
    assert "timeout" in result.stdout and "default" in result.stdout


def test_no_redact_flag_outranks_environment_and_file(cli, monkeypatch) -> None:
    cli("config", "set", "redact", "true")
    monkeypatch.setenv("CAREERCOACH_REDACT", "true")  # restored after the test
    result = cli("--no-redact", "config", "get", "redact")
    assert result.exit_code == 0
    assert result.stdout.strip() == "false"
    from careercoach.documents.redact import redact_for_model

    text = "Write to jane@example.com"
    assert redact_for_model(text).text == text
