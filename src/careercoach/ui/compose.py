"""Longer text written by the person: in $VISUAL/$EDITOR, or in a multi-line prompt."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from careercoach.errors import BadInput

if TYPE_CHECKING:
    from careercoach.commands.common import Env


def compose(env: Env, *, label: str = "Text", initial: str = "", kind: str = "text") -> str:
    """Text written in $VISUAL/$EDITOR, or in a multi-line prompt when none is set.

    Only for a terminal: callers check env.stdin_is_tty first. Cancelling the prompt raises
    KeyboardInterrupt (exit 130; nothing is stored).
    """
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if editor:
        return run_editor(editor, initial, kind=kind)
    import questionary

    env.notice("No $VISUAL or $EDITOR set: write here (Esc then Enter to finish).")
    answer = questionary.text(f"{label}:", default=initial, multiline=True).ask()
    if answer is None:
        raise KeyboardInterrupt
    return str(answer)


def run_editor(editor: str, initial: str, *, kind: str = "text") -> str:
    """Open a private temporary file (0600) in the editor and return what was saved in it."""
    import shlex
    import subprocess
    import tempfile

    fd, path = tempfile.mkstemp(prefix=f"careercoach-{kind}-", suffix=".md")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(initial)
        try:
            status = subprocess.call([*shlex.split(editor), path])
        except OSError as exc:
            raise BadInput(
                f"cannot start the editor {editor!r}: {exc.strerror or exc}",
                hint="set $EDITOR to an editor on your PATH, or give the text",
            ) from None
        if status != 0:
            raise BadInput(
                f"the editor exited with status {status}; nothing was saved",
                hint="save and quit the editor normally to keep the text",
            )
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    finally:
        os.unlink(path)
