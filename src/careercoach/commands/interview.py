"""`careercoach interview questions|practice|bookmark|list`: prepare for interviews."""

from __future__ import annotations

from typing import Annotated

import typer

from careercoach.commands.common import (
    DebugOpt,
    JsonOpt,
    ModelOpt,
    NoCacheOpt,
    OfflineOpt,
    apply_model_options,
    get_env,
)
from careercoach.errors import BadInput

app = typer.Typer(
    help="Interview questions by role and difficulty, and practice with feedback.",
    no_args_is_help=True,
)

RoleOpt = Annotated[
    str | None, typer.Option("--role", "-r", help='The role, e.g. "data engineer".')
]
DifficultyOpt = Annotated[
    str | None, typer.Option("--difficulty", "-d", help="easy, medium or hard.")
]
TypeOpt = Annotated[
    str | None, typer.Option("--type", "-t", help="technical, behavioral or situational.")
]


@app.command("questions")
def questions(
    ctx: typer.Context,
    role: RoleOpt = None,
    difficulty: DifficultyOpt = None,
    type_: TypeOpt = None,
    count: Annotated[int, typer.Option("--count", "-n", help="How many (1-30).")] = 5,
    job: Annotated[
        str | None, typer.Option("--job", help="Fit the questions to this job (id).")
    ] = None,
    json_: JsonOpt = False,
    model: ModelOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Questions for a role: the model's, or from the shipped bank when offline."""
    from careercoach.services.interview import generate_questions, question_dict
    from careercoach.services.model import ModelChoice
    from careercoach.store.db import open_store
    from careercoach.ui.console import print_json
    from careercoach.ui.interview_view import show_questions

    env = apply_model_options(ctx, model=model, offline=offline, no_cache=no_cache, debug=debug)
    if role is None:
        raise BadInput("which role?", hint='give --role "data engineer"')
    choice = ModelChoice(model=env.model, offline=env.offline, no_cache=env.no_cache)
    found = generate_questions(
        open_store(), role, choice, difficulty=difficulty, type_=type_, count=count, job_ref=job
    )
    if json_:
        for note in found.notes:
            env.notice(note)
        print_json([question_dict(q) for q in found.questions])
        return
    show_questions(env, found)


@app.command("practice")
def practice(
    ctx: typer.Context,
    role: RoleOpt = None,
    difficulty: DifficultyOpt = None,
    type_: TypeOpt = None,
    question: Annotated[
        int | None, typer.Option("--question", "-q", help="Practise this stored question.")
    ] = None,
    answer_file: Annotated[
        str | None,
        typer.Option("--answer-file", help="Your answer from a file ('-' reads stdin)."),
    ] = None,
    json_: JsonOpt = False,
    model: ModelOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Answer one question and get feedback: a score, strengths, gaps and a better outline."""
    from careercoach.services.interview import (
        choose_practice_question,
        practice_dict,
        review_answer,
    )
    from careercoach.services.model import ModelChoice
    from careercoach.store.db import open_store
    from careercoach.ui.console import print_json
    from careercoach.ui.interview_view import show_feedback, show_question

    env = apply_model_options(ctx, model=model, offline=offline, no_cache=no_cache, debug=debug)
    if answer_file is None and not env.stdin_is_tty:
        raise BadInput(
            "no terminal to write the answer on",
            hint="give it with --answer-file FILE (or --answer-file - to read stdin)",
        )
    choice = ModelChoice(model=env.model, offline=env.offline, no_cache=env.no_cache)
    store = open_store()
    asked, notes = choose_practice_question(
        store, choice, question_id=question, role=role, difficulty=difficulty, type_=type_
    )
    for note in notes:
        env.notice(note)
    if not json_:
        show_question(env, asked)
    answer = _answer(env, answer_file)
    result = review_answer(store, asked, answer, choice)
    if json_:
        print_json(practice_dict(result, asked))
        return
    show_feedback(env, result)


def _answer(env, answer_file: str | None) -> str:  # type: ignore[no-untyped-def]
    import sys
    from pathlib import Path

    if answer_file == "-":
        return sys.stdin.read()
    if answer_file is not None:
        path = Path(answer_file).expanduser()
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput(
                f"cannot read the answer file {path}: {getattr(exc, 'strerror', None) or exc}",
                hint="give a UTF-8 text file",
            ) from None
    from careercoach.ui.compose import compose

    return compose(env, label="Your answer", kind="answer")


@app.command("bookmark")
def bookmark(
    ctx: typer.Context,
    question_id: Annotated[int, typer.Argument(help="The question's id.", show_default=False)],
    remove: Annotated[bool, typer.Option("--remove", help="Take the bookmark off.")] = False,
) -> None:
    """Bookmark a question to come back to (`interview list --bookmarked`)."""
    from careercoach.services.interview import bookmark as set_bookmark
    from careercoach.store.db import open_store

    env = get_env(ctx)
    question = set_bookmark(open_store(), question_id, on=not remove)
    state = "bookmarked" if question.bookmarked else "no longer bookmarked"
    env.out.print(f"Question #{question.id} is {state}.", markup=False)


@app.command("list")
def list_(
    ctx: typer.Context,
    bookmarked: Annotated[bool, typer.Option("--bookmarked", help="Only bookmarks.")] = False,
    practised: Annotated[
        bool, typer.Option("--practised", help="Progress by role and difficulty over time.")
    ] = False,
    role: RoleOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Questions you were given (with how often you practised each), or your progress."""
    from careercoach.services.interview import list_questions, progress, question_dict
    from careercoach.store.db import open_store
    from careercoach.ui.console import print_json
    from careercoach.ui.interview_view import show_progress, show_question_list

    env = get_env(ctx)
    store = open_store()
    if practised:
        rows = progress(store, role)
        if json_:
            print_json([row.__dict__ for row in rows])
            return
        show_progress(env, rows)
        return
    found = list_questions(store, bookmarked=bookmarked, role=role)
    if json_:
        print_json([question_dict(q, n) for q, n in found])
        return
    show_question_list(env, found, bookmarked=bookmarked)
