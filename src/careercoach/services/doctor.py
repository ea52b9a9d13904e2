"""careercoach doctor: check each part a working setup needs, with a fix for each problem."""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import dataclass
from importlib import metadata

from careercoach import __version__, paths
from careercoach.config import Config
from careercoach.errors import CareerCoachError


@dataclass
class Check:
    name: str
    status: str  # "ok" | "warn" | "fail"
    detail: str
    fix: str | None = None


def _config() -> tuple[Check, Config | None]:
    path = paths.config_path()
    try:
        config = Config.load()
    except CareerCoachError as exc:
        return Check("config", "fail", exc.message, exc.hint), None
    where = str(path) if path.exists() else f"{path} (not created yet; defaults apply)"
    return Check("config", "ok", where), config


def _model(config: Config | None) -> tuple[Check, str | None]:
    if config is None:
        return Check("model", "fail", "config unreadable", "fix the config file first"), None
    setting = config.setting("model")
    if setting.value is None:
        return (
            Check(
                "model",
                "warn",
                "no model configured: offline features only",
                "careercoach setup, or careercoach config set model openai/gpt-4o-mini",
            ),
            None,
        )
    base = config.get("api_base")
    detail = f"{setting.value} (from {setting.source})" + (f" at {base}" if base else "")
    return Check("model", "ok", detail), setting.value


def _keyring() -> Check:
    from careercoach.llm import keys

    try:
        backend = keys.current_backend()
    except CareerCoachError as exc:
        return Check("keyring", "warn", exc.message + " (provider env variables still work)", exc.hint)
    if backend.insecure_reason:
        level = "warn" if keys.insecure_allowed() else "fail"
        return Check(
            "keyring",
            level,
            f"{backend.name} {backend.insecure_reason}",
            "use a Secret Service or the OS keychain; or keep the key in an environment variable",
        )
    return Check("keyring", "ok", backend.name)


def _key(config: Config | None, model: str | None) -> Check:
    from careercoach.llm import keys
    from careercoach.services.keys import list_keys

    if model is None:
        return Check("api key", "warn", "no model, so no key needed yet")
    provider = keys.provider_of_model(model)
    if not keys.needs_key(provider):
        return Check("api key", "ok", f"{provider}: no key needed")
    active = [e for e in list_keys().keys if e.provider == provider and e.active]
    if active:
        entry = active[0]
        where = f"${entry.env_var}" if entry.source == "env" else "the keyring"
        return Check("api key", "ok", f"{provider}: from {where} ({entry.masked})")
    if config is not None and config.get("api_base"):
        return Check("api key", "ok", f"{provider}: none stored; a local server needs none")
    return Check(
        "api key",
        "fail",
        f"no key for {provider}",
        f"careercoach key set {provider}, or export {keys.env_var_for(provider)}",
    )


def _reachable(model: str | None, offline: bool) -> Check:
    if model is None:
        return Check("model reachable", "warn", "skipped: no model configured")
    if offline:
        return Check("model reachable", "warn", "skipped: offline mode")
    from careercoach.services.model import ModelChoice, open_gateway

    try:
        gateway = open_gateway("doctor", ModelChoice(model=model, no_cache=True))
        answer = gateway.complete(
            [{"role": "user", "content": "Reply with the single word: ok"}], max_tokens=5
        )
    except CareerCoachError as exc:
        return Check("model reachable", "fail", exc.message, exc.hint)
    return Check("model reachable", "ok", f"{answer.model} answered in {answer.latency_ms} ms")


def _database() -> Check:
    from careercoach.store.db import open_store

    try:
        store = open_store()
        result = store.integrity_check()
    except CareerCoachError as exc:
        return Check("database", "fail", exc.message, exc.hint)
    if result != "ok":
        return Check(
            "database",
            "fail",
            f"integrity check: {result}",
            "restore the newest careercoach.db.bak-* copy next to it, or export what you can",
        )
    return Check("database", "ok", f"{store.path} (schema v{store.schema_version}, integrity ok)")


def _permissions() -> Check:
    directory = paths.data_dir()
    if os.name != "posix" or not directory.exists():
        return Check("permissions", "ok", "nothing to check yet")
    mode = directory.stat().st_mode & 0o777
    if mode & 0o077:
        return Check(
            "permissions",
            "warn",
            f"{directory} is readable by others (mode {mode:o})",
            f"chmod 700 {directory}",
        )
    return Check("permissions", "ok", f"{directory} is private (mode {mode:o})")


def _versions() -> Check:
    parts = [f"careercoach {__version__}", f"Python {platform.python_version()}"]
    for dist in ("litellm", "typer", "rich", "sqlmodel", "pypdf", "keyring"):
        try:
            parts.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist} missing")
    return Check("versions", "ok", ", ".join(parts) + f" on {sys.platform}")


def run_checks(*, offline: bool = False) -> list[Check]:
    """Every check, in the order a person would fix them."""
    config_check, config = _config()
    model_check, model = _model(config)
    return [
        config_check,
        model_check,
        _keyring(),
        _key(config, model),
        _reachable(model, offline) if config is not None else Check(
            "model reachable", "warn", "skipped: config unreadable"
        ),
        _database(),
        _permissions(),
        _versions(),
    ]
