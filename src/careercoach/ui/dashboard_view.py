"""The dashboard screen: six panels in a two-column grid that fits 100 columns.

Every panel says which command fills it when it has nothing to show yet.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from careercoach.ui.charts import bar, sparkline
from careercoach.ui.console import sanitize

MAX_WIDTH = 100
MAX_MATCHES = 6
MAX_GOALS = 5


def _hint(text: str, command: str) -> Text:
    line = Text(f"{text}\n", style="dim")
    line.append(command, style="cyan")
    return line


def _panel(title: str, body: RenderableType) -> Panel:
    return Panel(body, title=f"[bold]{title}[/]", title_align="left", padding=(0, 1))


def _clip(value: str | None, width: int) -> str:
    text = sanitize(value or "")
    return text if len(text) <= width else text[: width - 1] + "…"


def matches_panel(matches: list[dict[str, Any]]) -> Panel:
    if not matches:
        return _panel("Match scores", _hint("No gap analysis yet.", "careercoach gap --job JOB_ID"))
    table = Table(box=None, padding=(0, 1), pad_edge=False, header_style="dim")
    table.add_column("job", no_wrap=True)
    table.add_column("readiness", justify="right", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    for match in matches[:MAX_MATCHES]:
        score = match["readiness"]
        verdict = match["verdict"] or "—"
        style = "green" if verdict == "FIT" else "red" if verdict == "UNFIT" else "dim"
        table.add_row(
            _clip(f"#{match['job_id']} {match['title'] or 'untitled'}", 28),
            "—" if score is None else f"{score}",
            Text(verdict, style=style),
        )
    footer = "latest gap analysis per job (careercoach gap)"
    if len(matches) > MAX_MATCHES:
        footer = f"+{len(matches) - MAX_MATCHES} more jobs; " + footer
    return _panel("Match scores", Group(table, Text(footer, style="dim")))


def goals_panel(goals: list[dict[str, Any]], skills: int) -> Panel:
    lines: list[RenderableType] = []
    if skills:
        lines.append(Text(f"{skills} skills in your profile"))
    else:
        lines.append(_hint("No skills in your profile yet.", "careercoach cv parse"))
    if not goals:
        lines.append(_hint("No open goals.", 'careercoach goal add "TITLE" --due "in 3 months"'))
        return _panel("Profile & goals", Group(*lines))
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    for goal in goals[:MAX_GOALS]:
        table.add_row(
            Text(_clip(goal["title"], 22), style="red" if goal["overdue"] else ""),
            bar(goal["progress"], high=100, width=12),
            f"{goal['progress']}%",
        )
    lines.append(table)
    more = f"+{len(goals) - MAX_GOALS} more; " if len(goals) > MAX_GOALS else ""
    lines.append(Text(f"{more}progress = steps done / steps", style="dim"))
    return _panel("Profile & goals", Group(*lines))


def _trend_row(name: str, values: list[float | None], low: float, high: float) -> list[Any]:
    known = [v for v in values if v is not None]
    latest = f"{known[-1]:.1f}" if known else "—"
    return [name, Text(sparkline(values, low=low, high=high), style="cyan"), f"last {latest}"]


def mood_panel(mood: dict[str, Any]) -> Panel:
    title = f"Mood & stress, {len(mood['weeks'])} weeks"
    has_mood = any(v is not None for v in mood["mood"])
    has_stress = any(v is not None for v in mood["stress"])
    if not mood["entries"]:
        return _panel(title, _hint("No journal entries lately.", "careercoach journal add"))
    table = Table.grid(padding=(0, 1))
    for _ in range(3):
        table.add_column(no_wrap=True)
    if has_mood:
        table.add_row(*_trend_row("mood", mood["mood"], 1, 5))
    if has_stress:
        table.add_row(*_trend_row("stress", mood["stress"], 0, 10))
    notes = [f"{mood['entries']} entries; one block per week, blank = no value"]
    if not has_mood:
        notes.append("no mood ratings: journal add --mood 1-5")
    if not has_stress:
        notes.append("no stress yet: careercoach journal analyze")
    return _panel(title, Group(table, Text("\n".join(notes), style="dim")))


def funnel_panel(stats: dict[str, Any]) -> Panel:
    if not stats["total"]:
        return _panel(
            "Applications", _hint("No applications tracked.", "careercoach apply add JOB_ID")
        )
    from careercoach.ui.applications_view import funnel_table, response_text

    return _panel(
        f"Applications ({stats['total']})",
        Group(funnel_table(stats, width=12), Text(response_text(stats), style="dim")),
    )


def recent_panel(rows: list[dict[str, Any]]) -> Panel:
    if not rows:
        return _panel("Recent analyses", _hint("No analyses yet.", "careercoach gap"))
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="cyan", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    for row in rows:
        what = row["kind"] + (f" · {row['job_title']}" if row["job_title"] else "")
        score = "" if row["score"] is None else str(row["score"])
        if row["verdict"]:
            score = f"{score} {row['verdict']}".strip()
        table.add_row(f"#{row['id']}", _clip(what, 24), (row["created_at"] or "")[:10], score)
    return _panel("Recent analyses", table)


def usage_panel(usage: dict[str, Any]) -> Panel:
    title = f"Model usage {usage['month']}"
    if not usage["calls"]:
        return _panel(title, Text("No model calls this month.", style="dim"))
    cost = usage["cost_usd"]
    cost_text = "unknown" if cost is None else f"${cost:,.4f}"
    if cost is not None and usage["unknown_cost_calls"]:
        cost_text += f" (+{usage['unknown_cost_calls']} unpriced)"
    table = Table.grid(padding=(0, 1))
    table.add_column()
    table.add_column(justify="right")
    table.add_row("calls", f"{usage['calls']:,} ({usage['cache_hits']:,} cached)")
    table.add_row("tokens", f"{usage['prompt_tokens']:,} in, {usage['completion_tokens']:,} out")
    table.add_row("cost", cost_text)
    return _panel(title, Group(table, Text("details: careercoach usage", style="dim")))


def render_dashboard(console: Console, data: dict[str, Any]) -> None:
    """Two columns of panels, at most MAX_WIDTH columns wide."""
    width = min(console.width, MAX_WIDTH)
    grid = Table.grid(expand=True, padding=(0, 0))
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    grid.add_row(
        matches_panel(data["matches"]), goals_panel(data["goals"], data["skills"]["count"])
    )
    grid.add_row(mood_panel(data["mood"]), funnel_panel(data["applications"]))
    grid.add_row(recent_panel(data["recent_analyses"]), usage_panel(data["usage"]))
    stamp = data["generated_at"][:16].replace("T", " ")
    console.print(Text.assemble(("careercoach dashboard", "bold"), (f"  {stamp} UTC", "dim")))
    console.print(grid, width=width)
