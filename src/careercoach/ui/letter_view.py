"""Showing cover letters: the text on stdout (fit to redirect), everything else on stderr."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from careercoach.ui.console import sanitize

if TYPE_CHECKING:
    from careercoach.services.letters import LetterView


def describe(letter: LetterView) -> str:
    if letter.job_id is None:
        job = "a removed job"
    else:
        job = letter.job or f"job #{letter.job_id}"
    return sanitize(f"Letter #{letter.id} for {job} ({letter.tone}, {letter.mode})")


def render_text(out: Console, letter: LetterView) -> None:
    """The letter itself, as plain text (model text: markup off, controls stripped)."""
    out.print(Text(sanitize(letter.text)), soft_wrap=True)


def letter_lines(on_text: Callable[[str], None], console: Console) -> Callable[[str], None]:
    """On a terminal the stream is drawn as Markdown, which would join a letter's lines
    ("Sincerely,\nName"): make each line break a hard one there. Pipes get the text as is."""
    if not console.is_terminal:
        return on_text
    return lambda delta: on_text(delta.replace("\n", "  \n"))


def render_warnings(err: Console, letter: LetterView) -> None:
    """The claimed-skills warnings and the notes, on stderr."""
    for warning in letter.warnings:
        err.print(Text("Warning: " + sanitize(warning), style="bold yellow"))
    for note in letter.notes:
        err.print(Text("Note: " + sanitize(note), style="dim"))


def render_list(out: Console, letters: list[LetterView]) -> None:
    table = Table(
        "id", "job", "tone", "mode", "words", "warnings", "written", box=None, pad_edge=False
    )
    table.columns[4].justify = table.columns[5].justify = "right"
    for letter in letters:
        table.add_row(
            str(letter.id),
            Text(sanitize(letter.job or (f"job #{letter.job_id}" if letter.job_id else "-"))),
            letter.tone,
            letter.mode,
            str(len(letter.text.split())),
            str(len(letter.warnings)) if letter.warnings else "-",
            letter.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        )
    out.print(table)


def write_letter(letter: LetterView, path: Path) -> None:
    """The letter's text into a file (-o), as it would be sent."""
    from careercoach.errors import BadInput

    try:
        path.write_text(letter.text.rstrip() + "\n", encoding="utf-8")
    except OSError as exc:
        raise BadInput(
            f"cannot write {path}: {exc.strerror or exc}",
            hint="choose a path in a directory you can write to",
        ) from exc
