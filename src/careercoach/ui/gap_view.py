"""Showing a gap report: the 11 scores as a table, the verdict, the skills and the advice.

Everything that comes from a document or a model is untrusted: it is sanitised and printed as
rich.text.Text, never parsed as markup. `LiveGap` redraws the offline scores plus the model's
streaming narrative on a terminal; elsewhere it stays silent and the final report is printed.
"""

from __future__ import annotations

import json
import re
import time
from types import TracebackType
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from careercoach.ui.console import sanitize

LABELS = {
    "skills_match": "Skills match",
    "experience_match": "Experience",
    "education_match": "Education",
    "culture_fit": "Culture fit",
    "location_match": "Location",
    "salary_match": "Salary",
    "technical_skills": "Technical skills",
    "soft_skills": "Soft skills",
    "domain_knowledge": "Domain knowledge",
    "readiness": "Readiness",
    "confidence": "Confidence",
}
_BAR = 20
_SEVERITY_STYLE = {"critical": "bold red", "major": "yellow", "minor": "dim"}


def _plain(text: Any) -> Text:
    return Text(sanitize(str(text)))


def _score_style(value: float) -> str:
    return "green" if value >= 75 else "yellow" if value >= 50 else "red"


def _bar(value: float) -> Text:
    filled = round(_BAR * max(0.0, min(100.0, value)) / 100)
    return Text("█" * filled + "░" * (_BAR - filled), style=_score_style(value))


def metrics_table(report: dict[str, Any], *, pending: bool = False) -> Table:
    """The 11 metrics with a bar and how each was computed (or why it was not)."""
    table = Table(title="Scores (0-100)", title_justify="left", expand=False, show_lines=False)
    table.add_column("Metric", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("How it was computed", overflow="fold")
    metrics = report.get("metrics") or {}
    explanations = report.get("explanations") or {}
    sources = report.get("sources") or {}
    for name, label in LABELS.items():
        value = metrics.get(name)
        how = explanations.get(name) or ""
        if sources.get(name) in ("model", "offline+model"):
            how = f"[{sources[name]}] {how}"
        if value is None:
            waiting = pending and name in ("culture_fit", "domain_knowledge")
            shown = Text("…" if waiting else "n/a", style="dim")
            table.add_row(
                label,
                shown,
                Text(""),
                _dim("waiting for the model" if waiting else "not judged (see notes)"),
            )
        else:
            table.add_row(
                label, Text(f"{value:.0f}", style=_score_style(value)), _bar(value), _plain(how)
            )
    return table


def _dim(text: str) -> Text:
    return Text(text, style="dim")


def headline(report: dict[str, Any]) -> Panel:
    verdict = report.get("verdict", "UNFIT")
    metrics = report.get("metrics") or {}
    ready = metrics.get("readiness")
    title = " at ".join(str(p) for p in (report.get("job_title"), report.get("company")) if p)
    line = Text()
    line.append(
        f" {verdict} ", style="bold white on green" if verdict == "FIT" else "bold white on red"
    )
    line.append(f"  readiness {ready:.0f}/100" if ready is not None else "  readiness n/a")
    line.append(f"  ·  confidence {report.get('confidence', 0)}/100")
    line.append(
        "  ·  "
        + (
            "offline engine"
            if report.get("mode") == "offline"
            else f"model: {sanitize(str(report.get('model') or ''))}"
        )
    )
    if title:
        line.append("\n" + sanitize(title), style="bold")
    return Panel(line, title=f"Gap analysis #{report.get('id')}", title_align="left")


def skills_table(report: dict[str, Any]) -> Table | None:
    missing = report.get("missing_skills") or []
    if not missing:
        return None
    table = Table(title="Missing skills, in the order to close them", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("Skill")
    table.add_column("Required")
    table.add_column("Severity")
    table.add_column("Partial credit", overflow="fold")
    for item in missing:
        credit = item.get("credit") or 0
        partial = f"{credit:.0%} - {item.get('related')}" if item.get("related") else "-"
        table.add_row(
            str(item.get("priority")),
            _plain(item.get("skill")),
            "yes" if item.get("required") else "no",
            Text(
                str(item.get("severity")), style=_SEVERITY_STYLE.get(str(item.get("severity")), "")
            ),
            _plain(partial),
        )
    return table


def _bullets(title: str, items: list[Any]) -> RenderableType | None:
    if not items:
        return None
    body = Text()
    body.append(title + "\n", style="bold")
    for i, item in enumerate(items):
        body.append(("\n" if i else "") + "• ")
        body.append_text(_plain(item))
    return body


def _resources(items: list[dict[str, Any]]) -> RenderableType | None:
    if not items:
        return None
    body = Text()
    body.append("Learning resources (suggestions)\n", style="bold")
    for i, item in enumerate(items):
        body.append(("\n" if i else "") + "• ")
        body.append(sanitize(f"{item.get('skill')}: {item.get('title')}"))
        if item.get("url"):
            body.append(" - " + sanitize(str(item["url"])), style="cyan")
    return body


def report_renderables(report: dict[str, Any]) -> list[RenderableType]:
    """Everything after the scores: skills, strengths, gaps, advice and notes."""
    parts: list[RenderableType | None] = []
    matched = report.get("matched_skills") or []
    if matched:
        parts.append(_bullets("Matched skills", [", ".join(matched)]))
    parts.append(skills_table(report))
    if report.get("summary"):
        parts.append(_bullets("Summary", [report["summary"]]))
    parts += [
        _bullets("Strengths", report.get("strengths") or []),
        _bullets("Gaps", report.get("gaps") or []),
        _bullets("Recommendations", report.get("recommendations") or []),
        _bullets("Next steps", report.get("next_steps") or []),
        _bullets("Priority improvements", report.get("priority_improvements") or []),
        _resources(report.get("learning_resources") or []),
        _bullets("Notes", report.get("notes") or []),
    ]
    return [p for p in parts if p is not None]


def footer(report: dict[str, Any]) -> Text:
    text = Text(f"Stored as analysis {report.get('id')}", style="dim")
    if report.get("previous_id"):
        text.append(f" (follows analysis {report['previous_id']})", style="dim")
    text.append(".", style="dim")
    if report.get("mode") == "offline":
        text.append(
            "\nThis is the offline engine: rules and the skill taxonomy, no model. For a "
            "model's judgement of culture fit, domain knowledge and the advice, configure "
            "one with `careercoach setup` and run again without --offline. Formulas: "
            "docs/GAP.md.",
            style="dim",
        )
    else:
        text.append(
            "\nScores marked [model] or [offline+model] use the model's reading; the "
            "rest are the offline engine's. Formulas: docs/GAP.md.",
            style="dim",
        )
    return text


def print_report(console: Console, report: dict[str, Any], *, scores_shown: bool = False) -> None:
    """The whole report; `scores_shown` skips the headline and table already on screen."""
    if not scores_shown:
        console.print(headline(report))
        console.print(metrics_table(report))
    for part in report_renderables(report):
        console.print()
        console.print(part)
    console.print()
    console.print(footer(report))


# --- streaming -------------------------------------------------------------------------------

_STRING_KEYS = ("summary", "culture_fit_reason", "domain_knowledge_reason")
_LIST_KEYS = ("strengths", "gaps", "recommendations", "next_steps")
_STRING = r'"((?:[^"\\]|\\.)*)'


def _decode(fragment: str) -> str:
    fragment = re.sub(r"\\u[0-9a-fA-F]{0,3}$|\\$", "", fragment)
    try:
        return json.loads(f'"{fragment}"')
    except ValueError:
        return fragment


def narrative_so_far(partial_json: str) -> str:
    """The readable parts of a half-streamed answer: the summary, then list items as they come."""
    lines: list[str] = []
    for key in _STRING_KEYS:
        m = re.search(rf'"{key}"\s*:\s*{_STRING}', partial_json)
        if m and m.group(1):
            label = "" if key == "summary" else key.replace("_", " ").replace(" reason", "") + ": "
            lines.append(label + _decode(m.group(1)))
    for key in _LIST_KEYS:
        m = re.search(rf'"{key}"\s*:\s*\[(.*?)(?:\]|$)', partial_json, re.DOTALL)
        if not m:
            continue
        inner = m.group(1)
        pattern = rf'"gap"\s*:\s*{_STRING}' if key == "gaps" else _STRING
        items = [_decode(s) for s in re.findall(pattern, inner) if s]
        if key != "gaps":
            items = [s for s in items if s not in ("gap", "severity", "priority")]
        if items:
            lines.append(key.replace("_", " ").capitalize() + ":")
            lines.extend(f"  • {item}" for item in items)
    return "\n".join(lines)


class LiveGap:
    """The offline scores plus the model's narrative as it streams; use `write` as on_text."""

    def __init__(
        self, console: Console, report: dict[str, Any], model: str, *, fps: float = 8.0
    ) -> None:
        self.console = console
        self.report = report
        self.model = model
        self.text = ""
        self._live: Any = None
        self._interval = 1.0 / fps
        self._last = 0.0

    @property
    def active(self) -> bool:
        # Rich draws no live view on a dumb terminal (TERM=dumb); print plainly there.
        return self.console.is_terminal and not self.console.is_dumb_terminal

    def __enter__(self) -> LiveGap:
        if self.active:
            from rich.live import Live

            self._live = Live(
                self._view(),
                console=self.console,
                auto_refresh=False,
                vertical_overflow="visible",
                transient=True,
            )
            self._live.__enter__()
        return self

    def _view(self) -> RenderableType:
        narrative = sanitize(narrative_so_far(self.text)) or "…"
        return Group(
            headline(self.report),
            metrics_table(self.report, pending=True),
            Panel(
                Text(narrative),
                title=f"{sanitize(self.model)} is reading your CV",
                title_align="left",
                border_style="cyan",
            ),
        )

    def write(self, delta: str) -> None:
        self.text += delta
        now = time.monotonic()
        if self._live is not None and now - self._last >= self._interval:
            self._last = now
            self._live.update(self._view(), refresh=True)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._live is not None:
            self._live.__exit__(exc_type, exc, tb)


def show_gap(console: Console, err: Console, run: Any, deepen: Any) -> None:
    """Offline scores at once; then, with a model, its reading live and the merged report.

    `run` is services.gap.GapRun and `deepen` services.gap.deepen_gap (passed in, so this
    module needs no service imports). A model failure prints the stored offline report, then
    re-raises for the CLI's error boundary.
    """
    offline = run.report.model_dump(mode="json")
    if run.gateway is None:
        if run.fallback:
            err.print(
                Text(
                    f"Offline engine: {run.fallback}. Run `careercoach setup` to add the "
                    "model's judgement.",
                    style="dim",
                )
            )
        print_report(console, offline)
        return
    live = LiveGap(console, offline, run.model or "the model")
    if not live.active:
        console.print(headline(offline))
        console.print(metrics_table(offline, pending=True))
        err.print(
            Text(f"Asking {sanitize(run.model or 'the model')} for its reading...", style="dim")
        )
    try:
        with live:
            final = deepen(run, on_text=live.write if live.active else None)
    except Exception:
        print_report(console, offline, scores_shown=not live.active)
        raise
    print_report(console, final.model_dump(mode="json"))
