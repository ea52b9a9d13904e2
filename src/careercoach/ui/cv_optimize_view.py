"""Showing `cv optimize`: the keyword split and coverage, the rewrites, and the Markdown file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from careercoach.ui.console import sanitize

if TYPE_CHECKING:
    from careercoach.analysis.keyword_coverage import Coverage
    from careercoach.services.cv_optimize import KeywordRow, Optimization


def _pct(cov: Coverage) -> str:
    return f"{cov.percent}% ({cov.how()})" if cov.percent is not None else "n/a"


def _row_text(row: KeywordRow) -> str:
    need = "required" if row.required else "preferred"
    why = f" — {row.evidence}" if row.evidence else ""
    return sanitize(f"{row.keyword} ({need}){why}")


def render_split(out: Console, result: Optimization) -> None:
    """The keyword split and the coverage before, with how it is counted."""
    head = f"ATS keywords of {result.job} (job #{result.job_id}) in CV #{result.cv_id}"
    out.print(Text(sanitize(head), style="bold"))
    groups = (
        ("In your CV already", "in_cv", "green"),
        ("You have this — say it", "say_it", "yellow"),
        ("You don't have this — a gap, do not write it in", "gap", "red"),
    )
    for title, status, style in groups:
        rows = result.by_status(status)
        out.print()
        out.print(Text(f"{title} ({len(rows)})", style=f"bold {style}"))
        if not rows:
            out.print(Text("  none", style="dim"))
        for row in rows:
            out.print(Text("  • " + _row_text(row)))
    out.print()
    out.print(Text(f"Keyword coverage: {_pct(result.before)}", style="bold"))
    out.print(Text("How: " + result.formula, style="dim"))


def render_rewrites(out: Console, result: Optimization) -> None:
    """The kept rewrites, the dropped ones with why, the coverage after, and the notes."""
    kept = [r for r in result.rewrites if r.kept]
    dropped = [r for r in result.rewrites if not r.kept]
    if result.mode == "llm":
        out.print()
        out.print(Text(f"Rewritten bullets ({len(kept)}), by {result.model}", style="bold"))
        if not kept:
            out.print(Text("  none passed the checks", style="dim"))
        for rewrite in kept:
            out.print(Text("  before: " + sanitize(rewrite.before), style="dim"))
            out.print(Text("  after:  " + sanitize(rewrite.after)))
            if rewrite.keywords:
                out.print(Text("  adds:   " + ", ".join(rewrite.keywords), style="green"))
            out.print()
        for rewrite in dropped:
            out.print(Text("  dropped: " + sanitize(rewrite.after), style="red"))
            out.print(Text(f"  why: {sanitize(rewrite.reason or '')}", style="dim"))
            out.print()
    if result.after is not None:
        delta = (result.after.percent or 0) - (result.before.percent or 0)
        out.print(
            Text(
                f"Coverage before → after: {_pct(result.before)} → {_pct(result.after)}"
                f" ({delta:+d} points)",
                style="bold",
            )
        )
    for note in result.notes:
        out.print(Text("Note: " + sanitize(note), style="dim"))


def to_markdown(result: Optimization) -> str:
    """The whole result as a Markdown document (for -o)."""
    lines = [f"# ATS keywords: {result.job}", ""]
    lines.append(f"CV #{result.cv_id}, job #{result.job_id}, {result.mode}.")
    lines.append("")
    sections = (
        ("In your CV already", "in_cv"),
        ("You have this — say it", "say_it"),
        ("You don't have this — a gap, do not write it in", "gap"),
    )
    for title, status in sections:
        lines += [f"## {title}", ""]
        rows = result.by_status(status)
        lines += [f"- {_row_text(row)}" for row in rows] or ["- none"]
        lines.append("")
    lines += ["## Keyword coverage", "", f"- Before: {_pct(result.before)}"]
    if result.after is not None:
        lines.append(f"- After: {_pct(result.after)}")
    lines += [f"- How: {result.formula}", ""]
    kept = [r for r in result.rewrites if r.kept]
    if result.mode == "llm":
        lines += [f"## Rewritten bullets (by {result.model})", ""]
        for rewrite in kept:
            lines.append(f"- Before: {sanitize(rewrite.before)}")
            lines.append(f"  After: {sanitize(rewrite.after)}")
            if rewrite.keywords:
                lines.append(f"  Adds: {', '.join(rewrite.keywords)}")
        if not kept:
            lines.append("- none passed the checks")
        lines.append("")
        dropped = [r for r in result.rewrites if not r.kept]
        if dropped:
            lines += ["## Dropped rewrites", ""]
            for rewrite in dropped:
                lines.append(f"- {sanitize(rewrite.after)}")
                lines.append(f"  Why: {sanitize(rewrite.reason or '')}")
            lines.append("")
    if result.notes:
        lines += ["## Notes", ""] + [f"- {sanitize(n)}" for n in result.notes] + [""]
    return "\n".join(lines)


def write_markdown(result: Optimization, path: Path) -> None:
    from careercoach.errors import BadInput

    try:
        path.write_text(to_markdown(result), encoding="utf-8")
    except OSError as exc:
        raise BadInput(
            f"cannot write {path}: {exc.strerror or exc}",
            hint="choose a path in a directory you can write to",
        ) from exc
