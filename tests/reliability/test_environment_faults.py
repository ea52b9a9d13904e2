"""Issue 8.6: the environment fails under careercoach.

A read-only CAREERCOACH_HOME and a full disk are real mounts where the platform allows it: a
tmpfs mounted read-only, and a 2 MiB tmpfs filled to the last byte (Linux, as root; skipped
with the reason elsewhere, because root writes through a chmod'ed directory). A home that
is a file, a missing or corrupt config file and a database from a newer careercoach need no
privileges. Each gives one clear message and its exit code, and nothing already stored is
lost: the rows, the config file and the database bytes are checked afterwards.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rel_helpers import assert_clean_failure, integrity, query

from careercoach.store import migrations


def _forget_engines() -> None:
    """Close careercoach's pooled connections in this process, so a mount can be released."""
    from careercoach.store import db

    registry = getattr(db, "_handles", None)
    if registry is None:
        registry = getattr(db, "_engines", {})
    for handle in list(registry.values()):
        handle.dispose()
    registry.clear()


def _mount(target: Path, options: str) -> bool:
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)],
                          capture_output=True, text=True, check=False)
    return done.returncode == 0


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs of our own at tmp_path/mnt, unmounted afterwards."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("needs Linux and root to mount a tmpfs (root ignores chmod, so a mount "
                    "is the honest read-only or full filesystem)")
    target = tmp_path / "mnt"
    target.mkdir()
    if not _mount(target, "size=2m,mode=0700"):
        pytest.skip("mount -t tmpfs is not allowed in this sandbox")
    try:
        yield target
    finally:
        try:
            _forget_engines()
        finally:
            subprocess.run(["umount", "-l", str(target)], check=False)


def _seed(cli, home: Path) -> dict[str, list[tuple[object, ...]]]:
    env = {"CAREERCOACH_HOME": str(home)}
    for args in (("journal", "add", "Before the trouble: shipped the release"),
                 ("goal", "add", "Learn Rust"), ("config", "set", "timeout", "30")):
        result = cli(*args, env=env)
        assert result.exit_code == 0, result.stderr
    _forget_engines()
    db = home / "careercoach.db"
    return {t: query(db, f"SELECT * FROM {t}") for t in ("journal_entry", "goal")}


def _remount(target: Path, options: str) -> None:
    _forget_engines()
    done = subprocess.run(["mount", "-o", f"remount,{options}", str(target)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_a_read_only_home_is_a_clear_error_and_loses_nothing(cli, tmpfs: Path, figures) -> None:
    home = tmpfs / "home"
    before = _seed(cli, home)
    config_before = (home / "config.toml").read_bytes()
    _remount(tmpfs, "ro")
    env = {"CAREERCOACH_HOME": str(home)}
    outcomes = {}
    for args in (("journal", "add", "This cannot be saved"), ("goal", "add", "Nor this"),
                 ("config", "set", "retries", "1"), ("journal", "list", "--json")):
        result = cli(*args, env=env)
        outcomes[" ".join(args[:2])] = result.exit_code
        if args[1] == "list" and result.exit_code == 0:
            assert len(json.loads(result.stdout)) == 1  # reading still works
            continue
        assert_clean_failure(result, 1)
        assert "read-only" in result.stderr.lower() or "permission" in result.stderr.lower(), (
            result.stderr)
    _remount(tmpfs, "rw")
    db = home / "careercoach.db"
    assert integrity(db) == "ok"
    assert {t: query(db, f"SELECT * FROM {t}") for t in before} == before
    assert (home / "config.toml").read_bytes() == config_before
    figures("env-read-only-home", method="tmpfs mounted read-only (mount -o remount,ro)",
            exit_codes=outcomes, rows_lost=0)


def _fill(directory: Path) -> Path:
    """Fill the filesystem holding `directory` to the last byte; return the filler file."""
    filler = directory / "filler"
    with open(filler, "wb", buffering=0) as out:
        for size in (65536, 4096, 1):
            try:
                while out.write(b"\0" * size):
                    pass
            except OSError:
                continue
    return filler


def test_a_full_disk_is_a_clear_error_and_loses_nothing(cli, tmpfs: Path, figures) -> None:
    home = tmpfs / "home"
    before = _seed(cli, home)
    config_before = (home / "config.toml").read_bytes()
    filler = _fill(tmpfs)
    env = {"CAREERCOACH_HOME": str(home)}
    outcomes = {}
    big = "A long entry about a long week. " * 4000  # ~130 KB: more than any page left
    for args in (("journal", "add", big), ("goal", "add", "A goal " * 5000),
                 ("config", "set", "model", "openai/" + "x" * 4000)):
        result = cli(*args, env=env)
        outcomes[" ".join(args[:2])] = result.exit_code
        assert_clean_failure(result, 1)
        assert "full" in result.stderr.lower() or "space" in result.stderr.lower(), result.stderr
    listing = cli("journal", "list", "--json", env=env)
    outcomes["journal list"] = listing.exit_code
    if listing.exit_code != 0:  # SQLite may need a page of disk just to read a WAL database
        assert_clean_failure(listing, 1)
    _forget_engines()
    assert (home / "config.toml").read_bytes() == config_before
    assert not list(home.glob("*.tmp")), "a half-written temporary file was left behind"
    filler.unlink()
    db = home / "careercoach.db"
    assert integrity(db) == "ok"
    assert {t: query(db, f"SELECT * FROM {t}") for t in before} == before
    again = cli("journal", "add", "After freeing space", env=env)
    assert again.exit_code == 0, again.stderr
    figures("env-full-disk", method="2 MiB tmpfs filled to the last byte", exit_codes=outcomes,
            rows_lost=0)


def test_a_home_that_is_a_file_is_a_clear_error(cli, tmp_path: Path) -> None:
    home = tmp_path / "not-a-directory"
    home.write_text("I am a file", encoding="utf-8")
    for args in (("journal", "add", "Hello"), ("journal", "list"), ("config", "set", "retries",
                                                                     "1")):
        result = cli(*args, env={"CAREERCOACH_HOME": str(home)})
        assert_clean_failure(result, 1)
    assert home.read_text(encoding="utf-8") == "I am a file"


def test_a_missing_config_file_means_the_defaults(cli, coach_home: Path) -> None:
    assert cli("config", "set", "retries", "1").exit_code == 0
    (coach_home / "config.toml").unlink()
    shown = cli("config", "show", "--json")
    assert shown.exit_code == 0, shown.stderr
    assert cli("journal", "add", "still fine").exit_code == 0


@pytest.mark.parametrize("content", [b"retries = [", b"\xff\xfe\x00garbage", b"colour = 1\n",
                                     b"timeout = -5\n", b"retries = \"many\"\n"])
def test_a_corrupt_config_file_is_a_clear_error_and_left_as_it_is(
    cli, coach_home: Path, content: bytes
) -> None:
    assert cli("journal", "add", "stored before").exit_code == 0
    config = coach_home / "config.toml"
    config.write_bytes(content)
    result = cli("config", "show")
    assert_clean_failure(result, 1)
    assert str(config) in result.stderr.replace("\n", "")
    assert config.read_bytes() == content
    assert query(coach_home / "careercoach.db", "SELECT text FROM journal_entry") == [
        ("stored before",)]


def test_a_database_from_a_newer_careercoach_is_refused_untouched(cli, coach_home: Path,
                                                                 figures) -> None:
    assert cli("journal", "add", "written by the future").exit_code == 0
    _forget_engines()
    db = coach_home / "careercoach.db"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {migrations.current_version() + 1}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    codes = {}
    for args in (("journal", "list"), ("journal", "add", "x"), ("usage", "--json"),
                 ("data", "export"), ("dashboard",)):
        result = cli(*args)
        codes[" ".join(args[:2])] = result.exit_code
        assert_clean_failure(result, 1)
        assert "newer careercoach" in result.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert not list(coach_home.glob("careercoach.db.bak-*"))
    figures("env-newer-database", exit_codes=codes, bytes_changed=0)


@pytest.mark.parametrize("error", [28, 30, 13])  # ENOSPC, EROFS, EACCES
def test_a_config_write_that_fails_is_a_clear_error_and_keeps_the_file(
    cli, coach_home: Path, monkeypatch: pytest.MonkeyPatch, error: int
) -> None:
    """The simulated form of the two mounts above, for platforms where they are skipped."""
    assert cli("config", "set", "retries", "1").exit_code == 0
    config = coach_home / "config.toml"
    before = config.read_bytes()

    def fail(fd: int) -> None:
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr("careercoach.config.os.fsync", fail)
    result = cli("config", "set", "timeout", "5")
    assert_clean_failure(result, 1)
    assert "left as it was" in result.stderr
    assert config.read_bytes() == before
    assert not list(coach_home.glob("*.tmp"))
