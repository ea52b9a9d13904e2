"""Showing a model's answer as it streams: live Markdown on a terminal, plain text otherwise."""

from __future__ import annotations

import sys
import time
from types import TracebackType

from rich.console import Console

from careercoach.ui.console import ESCAPE_SEQUENCE, sanitize


def _complete_escape(tail: str) -> bool:
    return ESCAPE_SEQUENCE.match(tail) is not None


class AnswerStream:
    """Render streamed text; use as a context manager and pass `write` as the on_text callback.

    On a terminal the answer is re-rendered as Markdown at most `fps` times a second. When
    stdout is not a terminal the deltas are written as plain text as they arrive, so pipes
    see the answer immediately and no redraw codes reach them. Model text is untrusted:
    control and escape sequences are stripped, and Rich markup is never interpreted.
    """

    def __init__(self, console: Console, *, fps: float = 8.0) -> None:
        self.console = console
        self.text = ""
        self._live = None
        self._interval = 1.0 / fps
        self._last = 0.0
        self._plain = not console.is_terminal
        self._pending = ""  # a trailing, still incomplete escape sequence held back

    def _write_plain(self, text: str) -> None:
        # An escape sequence may be split across deltas; hold back a trailing ESC until its
        # sequence is complete so that it is stripped whole, not left as visible debris.
        cut = text.rfind("\x1b")
        if cut != -1 and len(text) - cut < 64 and not _complete_escape(text[cut:]):
            text, self._pending = text[:cut], text[cut:]
        else:
            self._pending = ""
        sys.stdout.write(sanitize(text))
        sys.stdout.flush()

    def __enter__(self) -> AnswerStream:
        if not self._plain:
            from rich.live import Live

            self._live = Live(
                console=self.console, auto_refresh=False, vertical_overflow="visible"
            )
            self._live.__enter__()
        return self

    def write(self, delta: str) -> None:
        self.text += delta
        if self._plain:
            self._write_plain(self._pending + delta)
            return
        now = time.monotonic()
        if now - self._last >= self._interval:
            self._last = now
            self._refresh()

    def _refresh(self) -> None:
        from rich.markdown import Markdown

        assert self._live is not None
        self._live.update(Markdown(sanitize(self.text)), refresh=True)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._plain:
            if self._pending:
                sys.stdout.write(sanitize(self._pending))
                self._pending = ""
            if self.text and not self.text.endswith("\n"):
                sys.stdout.write("\n")
            sys.stdout.flush()
            return
        assert self._live is not None
        self._refresh()
        self._live.__exit__(exc_type, exc, tb)
