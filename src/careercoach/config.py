"""The config file: a small TOML document of known keys, each validated.

Precedence for every setting: command-line flag > environment (CAREERCOACH_<KEY>) > config
file > default. Unknown keys and invalid values are refused with exit 1, both when set and
when read back from a hand-edited file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careercoach import paths
from careercoach.errors import BadInput

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib


def _parse_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ValueError("expected true or false")


def _parse_positive_float(raw: str) -> float:
    value = float(raw)
    if not value > 0 or value != value or value == float("inf"):
        raise ValueError("expected a number greater than 0")
    return value


def _parse_non_negative_int(raw: str) -> int:
    value = int(raw)
    if value < 0:
        raise ValueError("expected a whole number, 0 or more")
    return value


def _parse_positive_int(raw: str) -> int:
    value = int(raw)
    if value < 1:
        raise ValueError("expected a whole number, 1 or more")
    return value


def _parse_url(raw: str) -> str:
    from urllib.parse import urlsplit

    value = raw.strip().rstrip("/")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        parts = None
    # Checked after the trailing slashes go, so what is stored reads back as valid.
    if (parts is None or parts.scheme not in ("http", "https") or not parts.hostname
            or any(ch.isspace() for ch in value)):
        raise ValueError("expected a URL starting with http:// or https:// and a host name")
    return value


def _parse_model(raw: str) -> str:
    value = raw.strip()
    if not value or any(ch.isspace() for ch in value):
        raise ValueError("expected a LiteLLM model name such as openai/gpt-4o-mini")
    return value


@dataclass(frozen=True)
class Key:
    name: str
    parse: Callable[[str], Any]
    default: Any
    help: str

    @property
    def env_var(self) -> str:
        return f"CAREERCOACH_{self.name.upper()}"


KEYS: dict[str, Key] = {
    k.name: k
    for k in (
        Key("model", _parse_model, None, "default model, as a LiteLLM name (openai/gpt-4o-mini)"),
        Key("api_base", _parse_url, None, "base URL of the model's API (local/compatible servers)"),
        Key("timeout", _parse_positive_float, 60.0, "seconds one model request may take"),
        Key("retries", _parse_non_negative_int, 2, "retries on rate limits, server errors, timeouts"),
        Key("redact", _parse_bool, True, "redact contact details before a model sees a document"),
        Key("budget_monthly_usd", _parse_positive_float, None, "refuse model calls past this month's cost"),
        Key("cache", _parse_bool, True, "reuse stored answers to identical model requests"),
        Key("insecure_keyring", _parse_bool, False, "allow keyring backends that store keys in plain text"),
        Key("worker", _parse_bool, True, "use the warm model worker process when available"),
        Key("worker_idle_minutes", _parse_positive_int, 15, "minutes the worker waits before exiting"),
        Key("context_tokens", _parse_positive_int, None, "context window (tokens) of a model LiteLLM does not know"),
    )
}


def _unknown_key(name: str) -> BadInput:
    return BadInput(
        f"unknown config key {name!r}",
        hint="known keys: " + ", ".join(KEYS),
    )


def parse_value(name: str, raw: Any, origin: str) -> Any:
    """Validate one value; `origin` names where it came from for the error message."""
    key = KEYS.get(name)
    if key is None:
        raise _unknown_key(name)
    try:
        return key.parse(str(raw).lower() if isinstance(raw, bool) else str(raw))
    except ValueError as exc:
        detail = str(exc) if "expected" in str(exc) else "not a valid value"
        raise BadInput(
            f"invalid value {raw!r} for {name} in {origin}: {detail}",
            hint=f"careercoach config set {name} VALUE  ({key.help})",
        ) from None


def read_file(path: Path | None = None) -> dict[str, Any]:
    """The config file's validated values (missing file: empty)."""
    path = path or paths.config_path()
    try:
        raw_text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError:
        raise BadInput(
            f"the config file {path} is not UTF-8 text",
            hint="fix it by hand, or remove it and set values again with 'careercoach config set'",
        ) from None
    except OSError as exc:
        raise BadInput(
            f"cannot read the config file {path}: {exc}",
            hint="fix its permissions or remove it to start from defaults",
        ) from None
    try:
        data = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(
            f"the config file {path} is not valid TOML ({exc})",
            hint="fix it by hand, or remove it and set values again with 'careercoach config set'",
        ) from None
    values: dict[str, Any] = {}
    for name, raw in data.items():
        if name not in KEYS:
            raise BadInput(
                f"unknown key {name!r} in the config file {path}",
                hint="remove that line; known keys: " + ", ".join(KEYS),
            )
        values[name] = parse_value(name, raw, f"the config file {path}")
    return values


def _write_file(values: dict[str, Any], path: Path) -> None:
    """Replace the config file atomically; on any failure the old file is left as it was."""
    import tomli_w

    text = tomli_w.dumps({k: v for k, v in values.items() if v is not None})
    tmp = path.with_name(path.name + ".tmp")
    try:
        paths.ensure_private_dir(path.parent)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise BadInput(
            f"cannot write the config file {path}: {exc.strerror or exc}; it was left as it was",
            hint=_write_hint(exc, path),
        ) from None


def _write_hint(exc: OSError, path: Path) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full: free some space and try again"
    if exc.errno == errno.EROFS:
        return (f"{path.parent} is on a read-only file system: remount it read-write, or "
                "point CAREERCOACH_HOME at a writable directory")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"make {path.parent} writable by you (chmod u+rwx)"
    return f"check that {path.parent} is a directory you may write to"


def set_value(name: str, raw: str) -> Any:
    """Validate and store one key; returns the parsed value."""
    value = parse_value(name, raw, "the command line")
    path = paths.config_path()
    values = read_file(path)
    values[name] = value
    _write_file(values, path)
    return value


def unset_value(name: str) -> None:
    if name not in KEYS:
        raise _unknown_key(name)
    path = paths.config_path()
    values = read_file(path)
    if name in values:
        del values[name]
        _write_file(values, path)


@dataclass(frozen=True)
class Setting:
    name: str
    value: Any
    source: str  # "flag" | "env" | "config" | "default"


class Config:
    """The effective settings: environment over the file over defaults (flags come on top)."""

    def __init__(self, file_values: dict[str, Any], environ: dict[str, str]) -> None:
        self._file = file_values
        self._env = environ

    @classmethod
    def load(cls) -> Config:
        return cls(read_file(), dict(os.environ))

    def setting(self, name: str) -> Setting:
        key = KEYS.get(name)
        if key is None:
            raise _unknown_key(name)
        raw_env = self._env.get(key.env_var)
        if raw_env not in (None, ""):
            return Setting(name, parse_value(name, raw_env, f"${key.env_var}"), "env")
        if name in self._file:
            return Setting(name, self._file[name], "config")
        return Setting(name, key.default, "default")

    def get(self, name: str) -> Any:
        return self.setting(name).value

    def all(self) -> list[Setting]:
        return [self.setting(name) for name in KEYS]
