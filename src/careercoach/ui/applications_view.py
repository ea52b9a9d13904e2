"""Rendering applications: the stage-grouped list, one timeline, what is due and the funnel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from careercoach.services.applications import STAGES
from careercoach.ui.charts import bar
from careercoach.ui.console import sanitize

if TYPE_CHECKING:
    from careercoach.services.applications import ApplicationView, DueItem

STAGE_STYLE = {
    "saved": "dim",
    "applied": "cyan",
    "screening": "blue",
    "interview": "magenta",
    "offer": "bold green",
    "accepted": "bold green",
    "rejected": "red",
    "withdrawn": "dim",
}


def _plain(value: str | None, fallback: str = "—") -> Text:
    return Text(sanitize(value) if value else fallback)


def role_text(view: ApplicationView) -> Text:
    """'Title at Company' from the snapshots kept with the application (never markup)."""
    text = _plain(view.title, "(untitled job)")
    if view.company:
        text.append(f" at {sanitize(view.company)}", style="dim")
    return text


def follow_up_text(view: ApplicationView) -> Text:
    if not view.follow_up:
        return Text("—", style="dim")
    return Text(view.follow_up, style="bold red" if view.follow_up_overdue else "yellow")


def render_list(console: Console, views: list[ApplicationView]) -> None:
    """One table, a section per stage in pipeline order; overdue follow-ups in red."""
    if not views:
        console.print("No applications yet. Track one: careercoach apply add JOB_ID")
        return
    table = Table(title="Applications", title_justify="left")
    table.add_column("Stage", no_wrap=True)
    table.add_column("#", justify="right", style="cyan")
    table.add_column("Job")
    table.add_column("Since", no_wrap=True)
    table.add_column("Days", justify="right")
    table.add_column("Follow-up", no_wrap=True)
    for stage in STAGES:
        group = [v for v in views if v.status == stage]
        for index, view in enumerate(group):
            label = Text(f"{stage} ({len(group)})", style=STAGE_STYLE[stage]) if index == 0 else ""
            table.add_row(
                label,
                str(view.id),
                role_text(view),
                view.status_since,
                str(view.days_in_stage),
                follow_up_text(view),
            )
        if group and stage != STAGES[-1]:
            table.add_section()
    console.print(table)
    console.print(Text("Days = days in the current stage.", style="dim"))


def render_one(console: Console, view: ApplicationView, message: str | None = None) -> None:
    """The application and its timeline, oldest event first."""
    if message:
        console.print(message, markup=False, highlight=False)
    head = Text(f"#{view.id} ")
    head.append_text(role_text(view))
    head.append(f"  {view.status}", style=STAGE_STYLE[view.status])
    head.append(f" for {view.days_in_stage} day(s)", style="dim")
    tree = Tree(head)
    for event in view.events:
        line = Text(f"{event.date}  ")
        line.append(event.status, style=STAGE_STYLE.get(event.status, ""))
        if event.note:
            line.append(f"  {sanitize(event.note)}", style="dim")
        tree.add(line)
    console.print(tree)
    job = f"job #{view.job_id}" if view.job_id is not None else "job removed"
    follow = Text("Follow-up: ")
    follow.append_text(follow_up_text(view))
    follow.append(f"   ({job})", style="dim")
    console.print(follow)


def render_due(console: Console, items: list[DueItem], stale_days: int) -> None:
    if not items:
        console.print(
            "Nothing is due. Set a follow-up: careercoach apply update ID --follow-up friday"
        )
        return
    table = Table(title="Needs action", title_justify="left")
    table.add_column("#", justify="right", style="cyan")
    table.add_column("Job")
    table.add_column("Stage", no_wrap=True)
    table.add_column("Follow-up", no_wrap=True)
    table.add_column("Why")
    for item in items:
        view = item.application
        table.add_row(
            str(view.id),
            role_text(view),
            Text(view.status, style=STAGE_STYLE[view.status]),
            follow_up_text(view),
            Text(item.reason),
        )
    console.print(table)
    console.print(
        Text(
            f"Due = follow-up date today or past, or more than {stale_days} days in applied "
            "or screening without a follow-up date.",
            style="dim",
        )
    )


def funnel_table(stats: dict[str, Any], *, width: int = 20) -> Table:
    """Each funnel stage: how many reached it, a bar, and the conversion from the stage before."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(justify="right")
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    rates = {c["to"]: c["rate"] for c in stats["conversion"]}
    top = max(stats["reached"].values(), default=0)
    for stage, count in stats["reached"].items():
        rate = rates.get(stage)
        table.add_row(
            Text(stage, style=STAGE_STYLE[stage]),
            str(count),
            bar(count, high=top, width=width),
            "" if stage not in rates else ("—" if rate is None else f"{rate:.0f}%"),
        )
    closed = stats["by_status"]
    table.add_row(Text("rejected", style="red"), str(closed["rejected"]), "", "")
    table.add_row(Text("withdrawn", style="dim"), str(closed["withdrawn"]), "", "")
    return table


def response_text(stats: dict[str, Any]) -> str:
    median = stats["response_days_median"]
    if median is None:
        return "Response time: no responses recorded yet."
    return (
        f"Response time: median {median:g} days from applied to first response "
        f"({stats['responses']} responses)."
    )


def render_stats(console: Console, stats: dict[str, Any]) -> None:
    if not stats["total"]:
        console.print("No applications yet. Track one: careercoach apply add JOB_ID")
        return
    console.print(Text(f"Funnel of {stats['total']} applications", style="bold"))
    console.print(funnel_table(stats))
    console.print(response_text(stats), markup=False)
    if stats["by_month"]:
        months = Table(title="By month applied", title_justify="left")
        months.add_column("Month")
        months.add_column("Applied", justify="right")
        months.add_column("Responded", justify="right")
        for row in stats["by_month"]:
            months.add_row(row["month"], str(row["applied"]), str(row["responded"]))
        console.print(months)
    console.print(
        Text(
            "Reached = the furthest stage an application got to, counting the stages before it; "
            "% = reached this stage / reached the one before. Response = the first screening, "
            "interview, offer or rejection after applying.",
            style="dim",
        )
    )
