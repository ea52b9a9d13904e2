"""Goals, plans and advice for people: tables, trees, panels, and the questionary reviews.

Everything the person or a model wrote is shown as plain `Text` after `sanitize`, so Rich
markup or escape sequences inside it are never interpreted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from careercoach.ui.console import sanitize

if TYPE_CHECKING:
    from careercoach.services.advise import AdviceResult
    from careercoach.services.goal_plan import DraftStep, PlanDraft
    from careercoach.services.goals import GoalView, StepView


def _plain(value: str | None) -> Text:
    return Text(sanitize(value or ""))


def days_left_text(days: int | None, *, done: bool = False) -> Text:
    """'in 9 days', 'today', or '3 days overdue' in red."""
    if days is None or done:
        return Text("—", style="dim")
    if days < 0:
        return Text(f"{-days} day{'s' if days != -1 else ''} overdue", style="bold red")
    if days == 0:
        return Text("today", style="yellow")
    return Text(f"in {days} day{'s' if days != 1 else ''}", style="yellow" if days <= 7 else "")


def goals_table(goals: list[GoalView]) -> Table:
    """The `goal list` table: progress bar, steps done, due date and days left."""
    table = Table(title="Goals", title_justify="left", expand=False)
    table.add_column("#", justify="right", style="cyan")
    table.add_column("Goal")
    table.add_column("Progress", no_wrap=True)
    table.add_column("Steps", justify="right")
    table.add_column("Due", no_wrap=True)
    table.add_column("Left", no_wrap=True)
    for goal in goals:
        done = goal.status == "done"
        bar = Table.grid(padding=(0, 1))
        bar.add_row(
            ProgressBar(total=100, completed=goal.progress, width=14),
            Text(f"{goal.progress:>3}%"),
        )
        title = _plain(goal.title)
        if done:
            title.append(" (done)", style="green")
        steps = f"{goal.steps_done}/{goal.steps_total}"
        if goal.overdue_steps:
            steps += f" ({goal.overdue_steps} late)"
        table.add_row(
            str(goal.id),
            title,
            bar,
            Text(steps, style="red" if goal.overdue_steps else ""),
            Text(goal.due or "—", style="bold red" if goal.overdue else ""),
            days_left_text(goal.days_left, done=done),
        )
    return table


def render_goals(console: Console, goals: list[GoalView], *, include_done: bool) -> None:
    if not goals:
        what = "goals" if include_done else "open goals"
        console.print(f"No {what} yet. Add one: careercoach goal add \"TITLE\" --due 'in 3 months'")
        return
    console.print(goals_table(goals))
    console.print(
        Text("Progress = steps done / all steps (a goal marked done is 100%).", style="dim")
    )


def _step_label(step: StepView) -> Text:
    label = Text()
    label.append(f"#{step.id} ", style="cyan")
    if step.done:
        label.append("✓ ", style="green")
        label.append_text(Text(sanitize(step.text), style="dim"))
        return label
    label.append("○ ", style="bold red" if step.overdue else "")
    label.append_text(_plain(step.text))
    if step.due:
        label.append(f"  due {step.due} ", style="bold red" if step.overdue else "dim")
        label.append_text(days_left_text(step.days_left))
    return label


def goal_tree(goal: GoalView) -> Tree:
    """`goal show`: the goal at the root, its steps below with ✓, due dates and overdue in red."""
    root = Text()
    root.append(f"Goal #{goal.id} ", style="bold cyan")
    root.append_text(Text(sanitize(goal.title), style="bold"))
    root.append(f"  {goal.progress}% ({goal.steps_done}/{goal.steps_total} steps)")
    if goal.status == "done":
        root.append("  done", style="green")
    elif goal.due:
        root.append(f"  due {goal.due} ", style="bold red" if goal.overdue else "")
        root.append_text(days_left_text(goal.days_left))
    tree = Tree(root)
    if goal.why:
        tree.add(Text("why: ", style="dim") + _plain(goal.why))
    if goal.source != "manual":
        tree.add(Text(f"from {goal.source}", style="dim"))
    if not goal.steps:
        tree.add(Text(f"no steps yet: careercoach goal plan {goal.id}", style="dim"))
    for step in goal.steps:
        tree.add(_step_label(step))
    return tree


def draft_table(steps: list[DraftStep], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("Step")
    table.add_column("Due", no_wrap=True)
    for i, step in enumerate(steps, start=1):
        table.add_row(str(i), _plain(step.text), step.due)
    return table


def render_draft(console: Console, draft: PlanDraft) -> None:
    """The proposed steps and what the planner changed or noted."""
    source = (
        f"the model ({sanitize(draft.model or '')})"
        if draft.mode == "llm"
        else "an offline template"
    )
    console.print(
        Text(
            f"Plan for goal #{draft.goal.id} from {source}, {draft.start} .. {draft.end}",
            style="bold",
        )
    )
    if draft.steps:
        console.print(draft_table(draft.steps, "Proposed steps"))
    for note in draft.notes:
        console.print(Text("• ") + _plain(note))


def review_steps(steps: list[DraftStep]) -> list[DraftStep]:
    """On a terminal: keep or drop steps (all checked), then optionally edit the kept ones."""
    import questionary

    from careercoach.services.goal_plan import DraftStep

    choices = [
        questionary.Choice(f"{s.due}  {sanitize(s.text)}", value=i, checked=True)
        for i, s in enumerate(steps)
    ]
    kept = questionary.checkbox(
        "Keep which steps? (space toggles, enter accepts)", choices=choices
    ).ask()
    if kept is None:
        raise KeyboardInterrupt
    chosen = [steps[i] for i in kept]
    if not chosen:
        return []
    edit = questionary.confirm("Edit any of the kept steps?", default=False).ask()
    if edit is None:
        raise KeyboardInterrupt
    if not edit:
        return chosen
    edited = []
    for step in chosen:
        text = questionary.text(f"Step due {step.due} (empty drops it):", default=step.text).ask()
        if text is None:
            raise KeyboardInterrupt
        if text.strip():
            edited.append(DraftStep(" ".join(text.split()), step.due))
    return edited


def fill_template(slots: list[str], suggestions: list[DraftStep]) -> list[DraftStep]:
    """On a terminal: ask for one step per dated slot; an empty answer ends the list."""
    import questionary

    from careercoach.services.goal_plan import DraftStep

    filled = []
    for i, due in enumerate(slots):
        default = suggestions[i].text if i < len(suggestions) else ""
        text = questionary.text(
            f"Step {i + 1} of {len(slots)}, due {due} (specific and measurable; empty to finish):",
            default=default,
        ).ask()
        if text is None:
            raise KeyboardInterrupt
        if not text.strip():
            break
        filled.append(DraftStep(" ".join(text.split()), due))
    return filled


def render_advice(console: Console, result: AdviceResult) -> None:
    """Recommendations and the 7-day plan, each with the fact it rests on."""
    label = "offline rules" if result.mode == "offline" else f"model {sanitize(result.model or '')}"
    recs = Table(title=f"What to do next (advice #{result.id}, {label})", title_justify="left")
    recs.add_column("#", justify="right")
    recs.add_column("Recommendation")
    recs.add_column("Because", style="dim")
    for item in result.recommendations:
        recs.add_row(str(item.priority), _plain(item.text), _plain(item.basis))
    console.print(recs)
    plan = Table(title="Your next 7 days", title_justify="left")
    plan.add_column("Day", justify="right")
    plan.add_column("Action")
    plan.add_column("Because", style="dim")
    for day in result.plan:
        plan.add_row(str(day.day), _plain(day.action), _plain(day.basis))
    console.print(plan)
    for note in result.notes:
        console.print(Text("• ", style="dim") + Text(sanitize(note), style="dim"))
