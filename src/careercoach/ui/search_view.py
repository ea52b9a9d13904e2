"""Rich rendering of `careercoach search`: each hit's type, id, title, date, snippet and the
command that opens it.

Stored texts are untrusted text: they are sanitised and appended as plain Text (never as
markup), so a CV that says "[bold]" shows those characters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from careercoach.ui.console import sanitize

if TYPE_CHECKING:
    from careercoach.services.search import Hit, Results

TYPE_STYLES = {
    "journal": "magenta",
    "cv": "green",
    "job": "blue",
    "analysis": "cyan",
    "chat": "yellow",
    "letter": "bright_blue",
    "application": "bright_green",
}
_MATCH = "bold yellow"
_TITLE_WIDTH = 60


def render_results(console: Console, results: Results) -> None:
    """Hits best first: a heading line, the highlighted snippet, then the command to open it."""
    hits = results.hits
    where = f" among {', '.join(results.types)}" if results.types else ""
    if not hits:
        console.print(f"Nothing stored{where} matches {sanitize(results.query)!r}.", markup=False)
        return
    for hit in hits:
        console.print(_heading(hit))
        # Indented text, not Padding: Padding crops lines on a pipe, where nothing wraps.
        console.print(_indented(_highlighted(hit.parts())))
        console.print(Text(f"   → {hit.open}", style="dim"))
    summary = f"{len(hits)} hit(s){where}, best first (bm25 ranking; titles count double)."
    console.print(Text(summary, style="dim"))


def _heading(hit: Hit) -> Text:
    line = Text(f"{hit.rank:>2}. ", style="dim")
    shown = hit.conversation_id if hit.type == "chat" else hit.id  # what `chat show` takes
    line.append(f"{hit.type} #{shown}", style=f"bold {TYPE_STYLES.get(hit.type, '')}".strip())
    if hit.type == "chat":
        who = {"user": "you", "assistant": "coach"}.get(hit.role or "", hit.role or "")
        line.append(f" (message {hit.id}{', ' + who if who else ''})", style="dim")
    title = _highlighted(hit.title_parts(), limit=_TITLE_WIDTH)
    if title.plain.strip():
        line.append("  ")
        line.append_text(title)
    if hit.created_at and not title.plain.startswith(hit.created_at[:10]):
        line.append(f"  {hit.created_at[:10]}", style="dim")
    return line


def _indented(text: Text) -> Text:
    line = Text("    ")
    line.append_text(text)
    return line


def _highlighted(parts: list[tuple[str, bool]], limit: int | None = None) -> Text:
    """The pieces with the matched words in bold yellow; the stored text itself stays plain."""
    text = Text()
    for piece, matched in parts:
        flat = sanitize(piece).replace("\n", " ").replace("\t", " ")
        text.append(flat, style=_MATCH if matched else "")
    if limit is not None and len(text.plain) > limit:
        text.truncate(limit - 1)
        text.append("…")
    return text
