"""The two consoles (stdout for content, stderr for progress) and safe text output."""

from __future__ import annotations

import json
import os
import re
import sys
from datetime import date, datetime
from typing import Any

from rich.console import Console

# CSI/OSC/other escape sequences, then any remaining C0/C1 control character except \n and \t,
# and the bidi overrides that can disguise text. Model answers and documents are untrusted.
ESCAPE_SEQUENCE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\^_])")
_ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\^_])")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def sanitize(text: str) -> str:
    """Strip terminal escape sequences and control characters from untrusted text."""
    text = text.replace("\r\n", "\n")
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def make_console(*, stderr: bool = False) -> Console:
    """A console that is colourless and static when its stream is not a terminal."""
    stream = sys.stderr if stderr else sys.stdout
    is_tty = stream.isatty()
    width = None if is_tty else int(os.environ.get("COLUMNS", "100") or 100)
    return Console(
        file=stream,
        stderr=stderr,
        highlight=False,
        no_color=not is_tty or bool(os.environ.get("NO_COLOR")),
        force_terminal=None,
        width=width,
        soft_wrap=not is_tty,
        emoji=False,
    )


def _default(obj: Any) -> Any:
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if hasattr(obj, "__dataclass_fields__"):
        from dataclasses import asdict

        return asdict(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_default)


def print_json(data: Any) -> None:
    """Write exactly one JSON document to stdout (the --json contract)."""
    sys.stdout.write(to_json(data) + "\n")
    sys.stdout.flush()
