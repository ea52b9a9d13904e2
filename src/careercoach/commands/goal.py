"""`careercoach goal ...`: big goals turned into small dated steps."""

from __future__ import annotations

from typing import Annotated

import typer

from careercoach.commands.common import (
    DebugOpt,
    Env,
    JsonOpt,
    ModelOpt,
    NoCacheOpt,
    OfflineOpt,
    YesOpt,
    apply_model_options,
    get_env,
)
from careercoach.errors import BadInput

app = typer.Typer(
    help="Goals with dated steps and progress; the coach can break a goal into steps.",
    no_args_is_help=True,
)
step_app = typer.Typer(help="Add, finish or remove the steps of a goal.", no_args_is_help=True)
app.add_typer(step_app, name="step")

DueOpt = Annotated[
    str | None,
    typer.Option(
        "--due",
        help="Due date: YYYY-MM-DD, today, tomorrow, 'in 3 weeks', 'next month', "
        "'end of year', or a weekday such as friday.",
    ),
]
GoalId = Annotated[str, typer.Argument(help="The goal's id (see goal list).")]
StepId = Annotated[str, typer.Argument(help="The step's id (see goal show GOAL_ID).")]


def _store():
    from careercoach.store.db import open_store

    return open_store()


def _print_goal(env: Env, goal, *, json_: bool, message: str | None = None) -> None:  # noqa: ANN001
    from careercoach.ui.console import print_json
    from careercoach.ui.goal_view import goal_tree

    if json_:
        print_json(goal.to_dict(with_steps=True))
        return
    if message:
        env.out.print(message, markup=False, highlight=False)
    env.out.print(goal_tree(goal))


@app.command("add")
def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="What you want to achieve.")],
    due: DueOpt = None,
    why: Annotated[str | None, typer.Option("--why", help="Why it matters to you.")] = None,
    json_: JsonOpt = False,
) -> None:
    """Add a goal (a due date in the past is refused)."""
    from careercoach.services.goals import add_goal

    goal = add_goal(_store(), title, due=due, why=why)
    _print_goal(
        get_env(ctx),
        goal,
        json_=json_,
        message=f"Added goal #{goal.id}. Break it into steps: careercoach goal plan {goal.id}",
    )


@app.command("list")
def list_(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", "-a", help="Include goals already done.")] = False,
    json_: JsonOpt = False,
) -> None:
    """List open goals with progress bars, due dates and days left (overdue in red)."""
    from careercoach.services.goals import list_goals, pending_roadmaps
    from careercoach.ui.console import print_json
    from careercoach.ui.goal_view import render_goals

    env = get_env(ctx)
    store = _store()
    goals = list_goals(store, include_done=all_)
    pending = pending_roadmaps(store)
    if pending:
        ids = ", ".join(f"#{i}" for i in pending)
        env.notice(f"Roadmap {ids} can become a goal: careercoach goal from-roadmap {pending[0]}")
    if json_:
        print_json([g.to_dict(with_steps=False) for g in goals])
        return
    render_goals(env.out, goals, include_done=all_)


@app.command("show")
def show(ctx: typer.Context, goal_id: GoalId, json_: JsonOpt = False) -> None:
    """Show a goal as a tree of its steps: ✓ done, due dates, overdue in red."""
    from careercoach.services.goals import get_goal

    _print_goal(get_env(ctx), get_goal(_store(), goal_id), json_=json_)


@app.command("done")
def done(ctx: typer.Context, goal_id: GoalId, json_: JsonOpt = False) -> None:
    """Mark a goal done (its progress becomes 100%)."""
    from careercoach.services.goals import complete_goal

    goal = complete_goal(_store(), goal_id)
    _print_goal(get_env(ctx), goal, json_=json_, message=f"Goal #{goal.id} is done. Well done!")


def confirm_or_fail(env: Env, question: str, *, yes: bool) -> bool:
    """True to go ahead: --yes, or a questionary confirmation on a terminal; else exit 1."""
    if yes:
        return True
    if not env.stdin_is_tty:
        raise BadInput(
            "not a terminal, so I cannot ask for confirmation", hint="add --yes to confirm"
        )
    import questionary

    answer = questionary.confirm(question, default=False).ask()
    if answer is None:
        raise KeyboardInterrupt
    return bool(answer)


@app.command("delete")
def delete(
    ctx: typer.Context, goal_id: GoalId, yes: YesOpt = False, json_: JsonOpt = False
) -> None:
    """Delete a goal and its steps (asks first; --yes when not on a terminal)."""
    from careercoach.services.goals import delete_goal, get_goal
    from careercoach.ui.console import print_json

    env = get_env(ctx)
    store = _store()
    goal = get_goal(store, goal_id)
    if not confirm_or_fail(
        env, f"Delete goal #{goal.id} and its {goal.steps_total} steps?", yes=yes
    ):
        env.notice("Nothing deleted.")
        return
    deleted = delete_goal(store, goal.id)
    if json_:
        print_json(deleted.to_dict(with_steps=True))
    else:
        env.out.print(f"Deleted goal #{deleted.id} and {deleted.steps_total} steps.", markup=False)


@app.command("plan")
def plan(
    ctx: typer.Context,
    goal_id: GoalId,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Accept every proposed step; never ask.")
    ] = False,
    json_: JsonOpt = False,
    model: ModelOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Break a goal into 5-12 SMART dated steps; you keep, drop or edit them before saving.

    Steps fall between today and the goal's due date (8 weeks when it has none).

    Offline, you fill in a 5-step template; with --yes, it uses your latest gap analysis.
    """
    from careercoach.services.goal_plan import draft_plan
    from careercoach.services.goals import save_steps
    from careercoach.services.model import ModelChoice
    from careercoach.ui.console import print_json
    from careercoach.ui.goal_view import fill_template, render_draft, review_steps

    env = apply_model_options(ctx, model=model, offline=offline, no_cache=no_cache, debug=debug)
    if not yes and not env.stdin_is_tty:
        raise BadInput(
            "not a terminal, so I cannot ask which steps to keep",
            hint="add --yes to accept every proposed step",
        )
    store = _store()
    choice = ModelChoice(model=env.model, offline=env.offline, no_cache=env.no_cache)
    draft = draft_plan(store, goal_id, choice, on_notice=env.notice)
    shown = env.err if json_ else env.out
    if not (json_ and yes):
        render_draft(shown, draft)
    if draft.mode == "template" and yes and not draft.steps:
        raise BadInput(
            "offline planning needs a terminal (to fill in the template) or a model, "
            "and there is no gap analysis to suggest steps from",
            hint="run it on a terminal, configure a model (careercoach setup), "
            "or run careercoach gap first",
        )
    if yes:
        steps = draft.steps
    elif draft.mode == "template":
        shown.print(
            f"Fill in up to {len(draft.slots)} steps, due {', '.join(draft.slots)}.",
            markup=False,
            highlight=False,
        )
        steps = fill_template(draft.slots, draft.steps)
    else:
        steps = review_steps(draft.steps)
    if not steps:
        env.notice("No steps saved.")
        raise typer.Exit(0)
    goal = save_steps(store, draft.goal.id, [(s.text, s.due) for s in steps])
    if json_:
        data = goal.to_dict(with_steps=True)
        data["plan"] = {
            "mode": draft.mode,
            "model": draft.model,
            "added": len(steps),
            "notes": draft.notes,
        }
        print_json(data)
        return
    _print_goal(env, goal, json_=False, message=f"Saved {len(steps)} steps to goal #{goal.id}.")


@app.command("from-roadmap")
def from_roadmap(
    ctx: typer.Context,
    analysis_id: Annotated[str, typer.Argument(help="The roadmap analysis's id.")],
    json_: JsonOpt = False,
) -> None:
    """Turn a stored roadmap into a goal with one dated step per week."""
    from careercoach.services.goals import create_goal_from_roadmap, get_goal

    store = _store()
    goal = create_goal_from_roadmap(store, analysis_id)
    assert goal.id is not None
    view = get_goal(store, goal.id)
    _print_goal(
        get_env(ctx),
        view,
        json_=json_,
        message=f"Roadmap #{analysis_id} is now goal #{view.id} with {view.steps_total} steps.",
    )


@step_app.command("add")
def step_add(
    ctx: typer.Context,
    goal_id: GoalId,
    text: Annotated[str, typer.Argument(help="The step: specific and measurable.")],
    due: DueOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Add a step to a goal."""
    from careercoach.services.goals import add_step
    from careercoach.ui.console import print_json

    step = add_step(_store(), goal_id, text, due=due)
    if json_:
        print_json(step)
        return
    when = f", due {step.due}" if step.due else ""
    get_env(ctx).out.print(f"Added step #{step.id} to goal #{step.goal_id}{when}.", markup=False)


def _print_step(ctx: typer.Context, step, verb: str, json_: bool) -> None:  # noqa: ANN001
    from careercoach.services.goals import get_goal
    from careercoach.ui.console import print_json

    if json_:
        print_json(step)
        return
    env = get_env(ctx)
    line = f"Step #{step.id} {verb}."
    try:
        goal = get_goal(_store(), step.goal_id)
        line += (
            f" Goal #{goal.id} is {goal.progress}% done "
            f"({goal.steps_done}/{goal.steps_total} steps)."
        )
    except BadInput:
        pass
    env.out.print(line, markup=False)


@step_app.command("done")
def step_done(ctx: typer.Context, step_id: StepId, json_: JsonOpt = False) -> None:
    """Mark a step done."""
    from careercoach.services.goals import complete_step

    _print_step(ctx, complete_step(_store(), step_id), "done", json_)


@step_app.command("remove")
def step_remove(ctx: typer.Context, step_id: StepId, json_: JsonOpt = False) -> None:
    """Remove a step from its goal."""
    from careercoach.services.goals import remove_step

    _print_step(ctx, remove_step(_store(), step_id), "removed", json_)
