"""Rendering the usage report as Rich tables."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def _cost(figures: dict[str, Any]) -> str:
    cost = figures.get("cost_usd")
    text = "unknown" if cost is None else f"${cost:,.4f}"
    unknown = figures.get("unknown_cost_calls") or 0
    if cost is not None and unknown:
        text += f" (+{unknown} unpriced)"
    return text


def _table(title: str, label: str, rows: list[dict[str, Any]]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(label, style="bold")
    for name in ("calls", "tokens in", "tokens out", "cost", "cache hits", "failures"):
        table.add_column(name, justify="right")
    for row in rows:
        table.add_row(
            str(row[label]),
            str(row["calls"]),
            f"{row['prompt_tokens'] or 0:,}",
            f"{row['completion_tokens'] or 0:,}",
            _cost(row),
            f"{row['cache_hits']} ({row['cache_hit_rate']:.0%})",
            str(row["failures"]),
        )
    return table


def render_usage(console: Console, report: dict[str, Any]) -> None:
    totals = report["totals"]
    if not totals["calls"]:
        console.print("No model calls yet.")
        return
    console.print(
        f"[bold]{totals['calls']}[/] model calls, "
        f"{(totals['prompt_tokens'] or 0):,} tokens in, {(totals['completion_tokens'] or 0):,} out, "
        f"cost {_cost(totals)}, cache hit rate {totals['cache_hit_rate']:.0%}, "
        f"{totals['failures']} failed"
    )
    console.print(_table("By model", "model", report["by_model"]))
    console.print(_table("By command", "command", report["by_command"]))
    console.print(_table("By month", "month", report["by_month"]))
    console.print(
        "[dim]Costs come from LiteLLM's price table; models it does not price count as unpriced.[/]"
    )
