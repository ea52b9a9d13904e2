"""Showing a CV analysis: the table of checks, the score with how it was computed, the notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from careercoach.ui.console import sanitize

if TYPE_CHECKING:
    from careercoach.services.cv_analyze import CVAnalysis

STATUS_STYLE = {"pass": "bold green", "warn": "bold yellow", "fail": "bold red"}
STATUS_LABEL = {"pass": "PASS", "warn": "WARN", "fail": "FAIL"}


def _safe(text: str) -> str:
    """CV text quoted in a check is untrusted: no control characters, no Rich markup."""
    return escape(sanitize(text))


def render_checks(console: Console, analysis: CVAnalysis) -> None:
    """The checks as a table, then the score line and the formula that produced it."""
    table = Table(
        title=f"ATS checks — CV {analysis.cv_id}",
        title_justify="left",
        show_lines=False,
        expand=False,
    )
    table.add_column("Check", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Weight", justify="right")
    table.add_column("Why")
    for check in analysis.checks:
        style = STATUS_STYLE[check.status]
        table.add_row(
            _safe(check.title),
            f"[{style}]{STATUS_LABEL[check.status]}[/]",
            str(check.weight),
            _safe(check.why),
        )
    console.print(table)
    console.print(f"[bold]Score: {analysis.score}/100[/]")
    console.print(f"[dim]How: {_safe(analysis.formula)}[/]")


def render_notes(console: Console, analysis: CVAnalysis) -> None:
    """Notes (offline mode, skipped checks) and where the analysis is stored."""
    if analysis.review:
        console.print()
    for note in analysis.notes:
        console.print(f"[yellow]{_safe(note)}[/]")
    console.print(f"[dim]Stored as analysis {analysis.id} ({analysis.mode}).[/]")
