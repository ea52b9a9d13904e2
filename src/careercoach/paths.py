"""Where careercoach keeps its files.

CAREERCOACH_HOME puts the database, the config and the runtime files in one directory (tests
and portable installs use it); otherwise platformdirs' per-user directories are used.
Directories are created 0700 on POSIX: career material is private.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "careercoach"
DB_NAME = "careercoach.db"
CONFIG_NAME = "config.toml"


def _home() -> Path | None:
    value = os.environ.get("CAREERCOACH_HOME")
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    home = _home()
    if home is not None:
        return home
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    home = _home()
    if home is not None:
        return home
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def runtime_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "run"
    import platformdirs

    return Path(platformdirs.user_runtime_dir(APP_NAME, appauthor=False))


def db_path() -> Path:
    return data_dir() / DB_NAME


def config_path() -> Path:
    return config_dir() / CONFIG_NAME


def prompts_override_dir() -> Path:
    return config_dir() / "prompts"


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) and make it readable by its owner only."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path
