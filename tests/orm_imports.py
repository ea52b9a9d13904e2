"""Run a careercoach command in a fresh process and say which ORM modules it imported.

The light paths (offline `gap`, the CV commands) read and write the store in plain SQL,
because SQLAlchemy, SQLModel and the table models cost about half a second to import.
"""

from __future__ import annotations

import os
import subprocess
import sys

ORM_PACKAGES = ("sqlalchemy", "sqlmodel")


def orm_modules_imported(*args: str) -> set[str]:
    """The SQLAlchemy, SQLModel and table-model modules `careercoach ARGS` imports; the command
    must succeed."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "careercoach", *args],
        capture_output=True,
        text=True,
        env=os.environ,
        timeout=120,
    )
    assert proc.returncode == 0, (args, proc.stderr[-2000:])
    imported = {
        line.rsplit("|", 1)[1].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return {
        m
        for m in imported
        if m.split(".")[0] in ORM_PACKAGES or m == "careercoach.store.models"
    }
