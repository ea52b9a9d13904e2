"""careercoach worker status|stop|start when no worker runs, and where the platform lacks one."""

from __future__ import annotations

import json

from careercoach.llm import worker_protocol


def test_status_without_a_worker(cli) -> None:
    result = cli("worker", "status")
    assert result.exit_code == 0
    assert result.stdout.strip() == "No worker running (not used (turned off))."
    data = json.loads(cli("worker", "status", "--json").stdout)
    assert data["running"] is False and data["enabled"] is False and data["pid"] is None
    assert data["socket"].endswith("worker.sock")


def test_status_says_whether_model_commands_would_use_it(cli, monkeypatch) -> None:
    monkeypatch.delenv("CAREERCOACH_NO_WORKER")
    assert json.loads(cli("worker", "status", "--json").stdout)["enabled"] is True
    monkeypatch.setenv("CAREERCOACH_WORKER", "false")
    assert json.loads(cli("worker", "status", "--json").stdout)["enabled"] is False


def test_stop_without_a_worker(cli) -> None:
    result = cli("worker", "stop")
    assert result.exit_code == 0 and result.stdout.strip() == "No worker was running."
    data = json.loads(cli("worker", "stop", "--json").stdout)
    assert data == {"pid": None, "stopped": False, "removed_stale_socket": False}


def test_a_platform_without_unix_sockets_says_so(cli, monkeypatch) -> None:
    monkeypatch.setattr(worker_protocol, "supported", lambda: False)
    result = cli("worker", "start")
    assert result.exit_code == 1
    assert "needs Unix domain sockets" in result.stderr


def test_the_runtime_directory_is_private(cli, coach_home) -> None:
    cli("worker", "status")
    run = coach_home / "run"
    assert run.is_dir() and run.stat().st_mode & 0o777 == 0o700


def test_worker_help_lists_the_three_commands(cli) -> None:
    out = cli("worker", "--help").stdout
    assert all(word in out for word in ("start", "stop", "status"))


def test_worker_status_imports_neither_litellm_nor_the_store(coach_home) -> None:
    import os
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "careercoach", "worker", "status"],
        capture_output=True, text=True, env=dict(os.environ), timeout=60,
    )
    assert proc.returncode == 0, proc.stderr[-500:]
    modules = {line.rsplit("|", 1)[1].strip().split(".")[0]
               for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert not modules & {"litellm", "sqlmodel", "sqlalchemy", "openai", "httpx"}
