"""Rich views of stored analyses: the history table, one report, a comparison, a roadmap.

Report text may come from a model: it is sanitised and never read as Rich markup (every
string goes through `_t`, which escapes markup and strips control characters).
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from careercoach.services.analyses import metrics_of, report_list, report_records, skill_name
from careercoach.ui.console import sanitize
from careercoach.ui.report_export import (
    LIST_SECTIONS,
    METRIC_LABELS,
    as_text,
    cv_label,
    explanations_of,
    job_label,
    number_text,
    previous_line,
    required_label,
    score_text,
    title_of,
)

_VERDICT_STYLE = {"FIT": "bold green", "UNFIT": "bold red"}


def _t(value: Any) -> str:
    """Untrusted text made safe to print as Rich markup."""
    return escape(sanitize(as_text(value)))


def _verdict(verdict: str | None) -> str:
    if not verdict:
        return "-"
    return f"[{_VERDICT_STYLE.get(verdict, 'bold')}]{_t(verdict)}[/]"


def _score_style(value: float) -> str:
    return "green" if value >= 75 else "yellow" if value >= 50 else "red"


def _bar(value: float | None, width: int = 20) -> str:
    if value is None:
        return "[dim]not judged (see notes)[/]"
    filled = round(max(0.0, min(100.0, value)) / 100 * width)
    return f"[{_score_style(value)}]{'█' * filled}[/][dim]{'░' * (width - filled)}[/]"


def render_list(console: Console, rows: list[dict[str, Any]]) -> None:
    """The history, newest first."""
    if not rows:
        console.print("No analyses stored yet. Run [bold]careercoach gap[/] to make the first one.")
        return
    table = Table(title="Analyses (newest first)", title_justify="left")
    for column, justify in (
        ("id", "right"),
        ("time", "left"),
        ("kind", "left"),
        ("job", "left"),
        ("CV", "left"),
        ("verdict", "left"),
        ("score", "right"),
        ("mode", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["created_at"][:16].replace("T", " "),
            row["kind"],
            _t(job_label(row["job"])) or "-",
            _t(cv_label(row["cv"])) or "-",
            _verdict(row["verdict"]),
            "-" if row["score"] is None else f"{row['score']:g}",
            row["mode"],
        )
    console.print(table)
    console.print(
        "[dim]score: readiness for gap analyses, the overall score for CV reports. "
        "Open one: careercoach analyses show ID[/]"
    )


def render_detail(console: Console, detail: dict[str, Any]) -> None:
    """One stored analysis, whatever its kind."""
    console.print(f"[bold]{_t(title_of(detail))}[/]")
    report = detail.get("report") or {}
    if detail["kind"] == "gap":
        _gap_banner(console, detail, report)
    _facts(console, detail)
    if detail["kind"] == "gap":
        _gap_body(console, report)
    elif detail["kind"] == "cv":
        _cv_body(console, report)
    elif detail["kind"] == "roadmap":
        render_plan(console, report)
    for follower in detail.get("followed_by") or []:
        if follower["kind"] == "gap" and detail["kind"] == "gap":
            console.print(
                f"Re-run later as #{follower['id']}: careercoach analyses compare "
                f"{detail['id']} {follower['id']}"
            )
        elif follower["kind"] == "roadmap":
            console.print(f"Roadmap made from it: careercoach analyses show {follower['id']}")


def _gap_banner(console: Console, detail: dict[str, Any], report: dict[str, Any]) -> None:
    verdict = detail.get("verdict") or report.get("verdict")
    confidence = score_text(metrics_of(report)["confidence"])
    readiness = score_text(detail.get("score"))
    style = "green" if verdict == "FIT" else "red" if verdict == "UNFIT" else "white"
    console.print(
        Panel(
            f"{_verdict(verdict)}   confidence {confidence}   readiness {readiness}/100",
            border_style=style,
            expand=False,
        )
    )


def _facts(console: Console, detail: dict[str, Any]) -> None:
    mode = "offline (no model)" if detail["mode"] == "offline" else "with a model"
    console.print(f"[dim]{_t(detail['created_at'])} · {mode}[/]")
    if detail.get("cv"):
        console.print(f"CV: {_t(cv_label(detail['cv']))}")
    if detail.get("job"):
        console.print(f"Job: {_t(job_label(detail['job']))} (#{detail['job']['id']})")
    if detail.get("context"):
        console.print(f"Your context: {_t(detail['context'])}")
    line = previous_line(detail)
    if line:
        console.print(f"[cyan]{_t(line)}[/]")


def _gap_body(console: Console, report: dict[str, Any]) -> None:
    if report.get("summary"):
        console.print(_t(report["summary"]))
    how = explanations_of(report)
    table = Table(title="Scores (0-100)", title_justify="left")
    table.add_column("metric")
    table.add_column("score", justify="right")
    table.add_column("", no_wrap=True)
    if how:
        table.add_column("how it was computed", style="dim")
    for name, value in metrics_of(report).items():
        shown = "-" if value is None else f"[{_score_style(value)}]{value:g}[/]"
        cells = [METRIC_LABELS[name], shown, _bar(value)]
        if how:
            cells.append(_t(how.get(name, "")))
        table.add_row(*cells)
    console.print(table)
    matched = [skill_name(s) for s in report_list(report, "matched_skills")]
    if matched:
        console.print("[bold]Matched skills:[/] " + ", ".join(_t(s) for s in matched if s))
    missing = report_records(report, "missing_skills", "skill")
    if missing:
        skills = Table(title="Missing skills", title_justify="left")
        for column in ("skill", "required", "severity", "priority"):
            skills.add_column(column)
        for item in missing:
            row = item
            severity = str(row.get("severity") or "")
            style = {"critical": "bold red", "major": "yellow"}.get(severity, "")
            skills.add_row(
                _t(skill_name(row)),
                required_label(row, "-"),
                f"[{style}]{_t(severity)}[/]" if style else _t(severity),
                _t(row.get("priority", "")),
            )
        console.print(skills)
    for key, heading in LIST_SECTIONS:
        _bullets(console, heading, report.get(key))
    sources = report.get("sources")
    if isinstance(sources, dict) and sources:
        console.print("[bold]Where each part came from:[/]")
        for part, source in sources.items():
            console.print(f"  {_t(part)}: {_t(source)}")


def _bullets(console: Console, heading: str, items: Any) -> None:
    if not items:
        return
    items = report_list({"items": items}, "items")
    console.print(f"[bold]{heading}[/]")
    for item in items:
        console.print(f"  • {_t(item)}")


def _cv_body(console: Console, report: dict[str, Any]) -> None:
    if report.get("formula"):
        console.print(f"[dim]Score formula: {_t(report['formula'])}[/]")
    checks = report_records(report, "checks", "check")
    if checks:
        columns: list[str] = []
        for check in checks:
            if isinstance(check, dict):
                columns += [k for k in check if k not in columns]
        columns = columns[:6] or ["check"]
        table = Table(title="Checks", title_justify="left")
        for column in columns:
            table.add_column(column)
        for check in checks:
            row = check
            table.add_row(*[_t(row.get(c, "")) for c in columns])
        console.print(table)
    review = report.get("review")
    if isinstance(review, dict):
        for key, value in review.items():
            _bullets(console, key.replace("_", " ").capitalize(), value)
    elif review:
        console.print(f"[bold]Review[/]\n{_t(review)}")


def render_plan(console: Console, plan: dict[str, Any]) -> None:
    """A roadmap: the summary, one block per week, and what falls outside the plan."""
    console.print(_t(plan.get("summary", "")))
    console.print(
        f"[dim]Budget {_t(plan.get('weeks_available'))} week(s) x "
        f"{_t(plan.get('hours_per_week'))} h; "
        f"planned {_t(number_text(plan.get('total_hours')))} h.[/]"
    )
    for week in report_records(plan, "weeks", "focus"):
        console.print(
            f"\n[bold]Week {_t(week.get('week'))}: {_t(week.get('focus', ''))}[/] "
            f"[dim]({_t(number_text(week.get('hours')))} h)[/]"
        )
        for task in report_list(week, "tasks"):
            console.print(f"  • {_t(task)}")
        console.print(f"  [bold]Resource:[/] {_t(week.get('resource', ''))}")
        console.print(f"  [bold]Deliverable:[/] {_t(week.get('deliverable', ''))}")
    console.print()
    outside = report_records(plan, "outside_plan", "skill")
    if outside:
        console.print("[bold yellow]Outside this plan:[/]")
        for item in outside:
            console.print(f"  • {_t(item.get('skill'))}: {_t(item.get('reason'))}")
    _bullets(console, "Notes", plan.get("notes"))
    if plan.get("method"):
        console.print(f"[dim]{_t(plan['method'])}[/]")


def render_comparison(console: Console, comparison: dict[str, Any]) -> None:
    """Which scores moved between two gap analyses of one job, and how the skills changed."""
    before, after = comparison["before"], comparison["after"]
    console.print(
        f"[bold]{_t(job_label(comparison['job']))}[/]: analysis #{before['id']} "
        f"({_t(before['created_at'][:10])}) → #{after['id']} ({_t(after['created_at'][:10])})"
    )
    change = "changed" if comparison["verdict_changed"] else "unchanged"
    console.print(f"Verdict {change}: {_verdict(before['verdict'])} → {_verdict(after['verdict'])}")
    table = Table(title="Scores", title_justify="left")
    for column, justify in (
        ("metric", "left"),
        ("before", "right"),
        ("after", "right"),
        ("change", "right"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for row in comparison["metrics"]:
        table.add_row(
            METRIC_LABELS[row["metric"]],
            score_text(row["before"]),
            score_text(row["after"]),
            _delta(row),
        )
    console.print(table)
    for key, heading in (
        ("newly_matched", "Newly matched"),
        ("no_longer_missing", "No longer missing"),
        ("newly_missing", "Newly missing"),
        ("no_longer_matched", "No longer matched"),
    ):
        if comparison[key]:
            console.print(f"[bold]{heading}:[/] " + ", ".join(_t(s) for s in comparison[key]))


def _delta(row: dict[str, Any]) -> str:
    delta = row["delta"]
    if delta is None:
        if row["before"] is None and row["after"] is None:
            return "[dim]not judged[/]"
        return "[dim]now judged[/]" if row["before"] is None else "[dim]no longer judged[/]"
    if delta > 0:
        return f"[green]↑ +{delta:g}[/]"
    if delta < 0:
        return f"[red]↓ {delta:g}[/]"
    return "[dim]= 0[/]"
