"""setup (non-interactive, with a live test call) and doctor (each check a line)."""

from __future__ import annotations

import json
from pathlib import Path


def test_setup_with_flags_stores_config_and_key_and_tests_live(cli, fake_llm, memory_keyring, coach_home: Path, monkeypatch) -> None:
    monkeypatch.delenv("CAREERCOACH_MODEL")
    monkeypatch.delenv("CAREERCOACH_API_BASE")
    monkeypatch.delenv("OPENAI_API_KEY")
    fake_llm.push_text("ready")
    result = cli(
        "setup", "--provider", "compatible", "--model", "test-model",
        "--api-base", fake_llm.base_url, "--key-stdin",
        input="sk-setup-SENTINEL-9999\n",
    )
    assert result.exit_code == 0, result.stderr
    assert "ready" in result.stdout
    config_text = (coach_home / "config.toml").read_text()
    assert 'model = "openai/test-model"' in config_text
    assert "SENTINEL" not in config_text
    assert memory_keyring.get_password("careercoach", "openai") == "sk-setup-SENTINEL-9999"
    assert fake_llm.chat_requests[-1].headers.get("Authorization") == "Bearer sk-setup-SENTINEL-9999"
    assert "SENTINEL" not in result.stdout + result.stderr


def test_setup_failing_test_call_is_exit_4_but_keeps_the_settings(cli, fake_llm, coach_home: Path, monkeypatch) -> None:
    monkeypatch.delenv("CAREERCOACH_MODEL")
    fake_llm.push_fault("401")
    result = cli("setup", "--provider", "compatible", "--model", "test-model",
                 "--api-base", fake_llm.base_url)
    assert result.exit_code == 4
    assert 'model = "openai/test-model"' in (coach_home / "config.toml").read_text()


def test_setup_without_provider_off_a_terminal_names_the_flag(cli) -> None:
    result = cli("setup", input="")
    assert result.exit_code == 1
    assert "--provider" in result.stderr


def test_setup_rejects_unknown_provider_and_bad_api_base(cli, coach_home: Path) -> None:
    assert cli("setup", "--provider", "skynet", "--skip-test").exit_code == 1
    bad = cli("setup", "--provider", "compatible", "--api-base", "not-a-url", "--skip-test")
    assert bad.exit_code == 1
    assert not (coach_home / "config.toml").exists()


def test_setup_empty_key_on_stdin_is_exit_1(cli, coach_home: Path) -> None:
    result = cli("setup", "--provider", "openai", "--key-stdin", "--skip-test", input="\n")
    assert result.exit_code == 1
    assert not (coach_home / "config.toml").exists()


def test_doctor_all_ok_against_the_fake_server(cli, fake_llm) -> None:
    fake_llm.push_text("ok")
    result = cli("doctor", "--json")
    assert result.exit_code == 0, result.stdout
    checks = {c["name"]: c for c in json.loads(result.stdout)}
    assert checks["model reachable"]["status"] == "ok"
    assert checks["database"]["status"] == "ok"
    assert checks["api key"]["status"] == "ok"
    assert "SENTINEL" not in result.stdout


def test_doctor_reports_unreachable_model_as_fail_with_a_fix(cli, fake_llm) -> None:
    fake_llm.push_fault("401")
    result = cli("doctor")
    assert result.exit_code == 1
    assert "fail" in result.stdout and "model reachable" in result.stdout
    assert "fix:" in result.stdout


def test_doctor_offline_without_a_model_warns_but_passes(cli) -> None:
    result = cli("doctor", "--offline", "--json")
    assert result.exit_code == 0
    checks = {c["name"]: c["status"] for c in json.loads(result.stdout)}
    assert checks["model"] == "warn"
    assert checks["config"] == "ok"


def test_doctor_with_a_corrupt_config_fails_that_line(cli, coach_home: Path) -> None:
    coach_home.mkdir(parents=True, exist_ok=True)
    (coach_home / "config.toml").write_text("model = \n")
    result = cli("doctor", "--json")
    assert result.exit_code == 1
    checks = {c["name"]: c["status"] for c in json.loads(result.stdout)}
    assert checks["config"] == "fail"
