"""Interview questions, feedback and progress for people (Rich)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from careercoach.ui.console import sanitize

if TYPE_CHECKING:
    from careercoach.commands.common import Env
    from careercoach.services.interview import ProgressRow, QuestionSet
    from careercoach.store.models import InterviewPractice, InterviewQuestion

_DIFFICULTY = {"easy": "green", "medium": "yellow", "hard": "red"}


def _clean(text: str) -> str:
    return escape(sanitize(text))


def show_questions(env: Env, found: QuestionSet) -> None:
    for question in found.questions:
        show_question(env, question, with_covers=True)
    for note in found.notes:
        env.out.print(f"[dim]{_clean(note)}[/]")
    env.out.print(
        "[dim]Practise one with `careercoach interview practice --question ID`; "
        "bookmark it with `careercoach interview bookmark ID`.[/]"
    )


def show_question(env: Env, question: InterviewQuestion, *, with_covers: bool = False) -> None:
    colour = _DIFFICULTY.get(question.difficulty, "white")
    body = _clean(question.text)
    if with_covers and question.covers:
        body += "\n\n[dim]A good answer covers:[/]\n" + "\n".join(
            f"[dim]• {_clean(c)}[/]" for c in question.covers
        )
    title = (
        f"#{question.id} · {_clean(question.role)} · [{colour}]{question.difficulty}[/] · "
        f"{question.type}" + (" · ★" if question.bookmarked else "")
    )
    env.out.print(Panel(body, title=title, title_align="left"))


def show_feedback(env: Env, practice: InterviewPractice) -> None:
    feedback = practice.feedback
    score = practice.score or 0
    colour = "green" if score >= 8 else "yellow" if score >= 5 else "red"
    lines = [f"[bold {colour}]{score}/10[/]"]
    if practice.mode == "offline":
        lines[0] += " [dim](offline estimate)[/]"
    for title, key in (("Strong", "strengths"), ("Missing", "missing")):
        items = feedback.get(key) or []
        if items:
            lines.append(f"\n[bold]{title}[/]")
            lines += [f"• {_clean(str(i))}" for i in items]
    star = feedback.get("star")
    if isinstance(star, dict):
        parts = " ".join(
            f"[{'green' if star.get(p) else 'red'}]{p.capitalize()} "
            f"{'✓' if star.get(p) else '✗'}[/]"
            for p in ("situation", "task", "action", "result")
        )
        lines.append(f"\n[bold]STAR[/] {parts}")
        if star.get("comment"):
            lines.append(_clean(str(star["comment"])))
    outline = feedback.get("improved_outline") or []
    if outline:
        lines.append("\n[bold]A better answer[/]")
        lines += [f"{n}. {_clean(str(s))}" for n, s in enumerate(outline, 1)]
    env.out.print(Panel("\n".join(lines), title=f"Feedback (practice #{practice.id})"))
    for note in feedback.get("notes") or []:
        env.out.print(f"[dim]{_clean(str(note))}[/]")


def show_question_list(
    env: Env, found: list[tuple[InterviewQuestion, int]], *, bookmarked: bool
) -> None:
    if not found:
        what = "bookmarked questions" if bookmarked else "questions"
        env.out.print(
            f'No {what} yet. Get some with `careercoach interview questions --role "your role"`.',
            markup=False,
        )
        return
    table = Table(title="Interview questions")
    for column in ("id", "role", "difficulty", "type", "practised", "question"):
        table.add_column(column, justify="right" if column in ("id", "practised") else "left")
    for question, count in found:
        colour = _DIFFICULTY.get(question.difficulty, "white")
        star = "★ " if question.bookmarked else ""
        table.add_row(
            str(question.id),
            _clean(question.role),
            f"[{colour}]{question.difficulty}[/]",
            question.type,
            str(count),
            star + _clean(question.text),
        )
    env.out.print(table)


def show_progress(env: Env, rows: list[ProgressRow]) -> None:
    if not rows:
        env.out.print(
            'Nothing practised yet. Try `careercoach interview practice --role "your role"`.',
            markup=False,
        )
        return
    table = Table(title="Practice progress (scores 1-10)")
    for column in ("role", "difficulty", "month", "answers", "average", "best"):
        table.add_column(
            column, justify="right" if column in ("answers", "average", "best") else "left"
        )
    for row in rows:
        bar = "█" * round(row.average) + "·" * (10 - round(row.average))
        table.add_row(
            _clean(row.role),
            row.difficulty,
            row.month,
            str(row.sessions),
            f"{row.average:.1f} {bar}",
            str(row.best),
        )
    env.out.print(table)
