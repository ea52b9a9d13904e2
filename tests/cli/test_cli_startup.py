"""`careercoach --help`, `--version` and shell completion stay light: no heavy imports."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

HEAVY = ("litellm", "sqlmodel", "sqlalchemy", "pypdf", "questionary", "keyring", "docx")


def _imported_modules(*args: str, extra_env: dict[str, str] | None = None) -> tuple[set[str], str]:
    env = {**os.environ, **(extra_env or {})}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "careercoach", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    modules = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            modules.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return modules, proc.stdout


@pytest.mark.parametrize(
    "args",
    [("--help",), ("--version",), ("config", "--help"), ("key", "--help"), ("chat", "--help")],
)
def test_light_commands_import_nothing_heavy(args: tuple[str, ...]) -> None:
    modules, stdout = _imported_modules(*args)
    assert stdout.strip(), "the command printed nothing"
    assert not modules & set(HEAVY), f"{args} imported {sorted(modules & set(HEAVY))}"


def test_completion_imports_nothing_heavy() -> None:
    modules, stdout = _imported_modules(
        extra_env={
            "_CAREERCOACH_COMPLETE": "complete_bash",
            "COMP_WORDS": "careercoach con",
            "COMP_CWORD": "1",
        }
    )
    assert "config" in stdout
    assert not modules & set(HEAVY), sorted(modules & set(HEAVY))


def test_version_through_the_installed_entry_point() -> None:
    import shutil

    exe = shutil.which("careercoach", path=os.path.dirname(sys.executable))
    assert exe, "the console script is not installed next to this interpreter"
    proc = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    from careercoach import __version__

    assert proc.stdout.strip() == f"careercoach {__version__}"
