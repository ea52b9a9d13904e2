"""Interview preparation: questions by role and difficulty, practice with feedback, progress.

Questions come from the model (fitted to the role and, with a job, to that posting) or, with
no model, from the shipped bank (analysis/interview_bank.py). Every question shown is stored
once, so it has an id to bookmark and practise; every practised answer is stored with its
feedback and score, so progress shows by role and difficulty over time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from careercoach.errors import BadInput, NotConfigured, NotFound
from careercoach.services.model import ModelChoice, open_gateway

if TYPE_CHECKING:
    from careercoach.store.db import Store
    from careercoach.store.models import InterviewPractice, InterviewQuestion

MAX_COUNT = 30


class ModelQuestion(BaseModel):
    text: str = Field(description="the question, as an interviewer would ask it")
    type: Literal["technical", "behavioral", "situational"]
    difficulty: Literal["easy", "medium", "hard"]
    covers: list[str] = Field(description="3-6 points a good answer covers", min_length=1)


class ModelQuestions(BaseModel):
    questions: list[ModelQuestion]


class StarCheck(BaseModel):
    situation: bool
    task: bool
    action: bool
    result: bool
    comment: str


class ModelFeedback(BaseModel):
    score: int = Field(ge=1, le=10, description="1 (poor) to 10 (excellent)")
    strengths: list[str]
    missing: list[str] = Field(description="what a strong answer had that this one lacks")
    star: StarCheck | None = Field(
        default=None, description="for behavioural questions: how well it follows STAR"
    )
    improved_outline: list[str] = Field(description="an outline of a better answer")


@dataclass
class QuestionSet:
    role: str
    mode: str  # offline | llm
    questions: list[InterviewQuestion]
    notes: list[str] = field(default_factory=list)


def question_dict(question: InterviewQuestion, practised: int | None = None) -> dict[str, Any]:
    data = {
        "id": question.id,
        "role": question.role,
        "difficulty": question.difficulty,
        "type": question.type,
        "text": question.text,
        "covers": question.covers,
        "source": question.source,
        "job_id": question.job_id,
        "bookmarked": question.bookmarked,
        "created_at": question.created_at,
    }
    if practised is not None:
        data["practised"] = practised
    return data


def practice_dict(practice: InterviewPractice, question: InterviewQuestion) -> dict[str, Any]:
    return {
        "id": practice.id,
        "question": question_dict(question),
        "answer": practice.answer,
        "score": practice.score,
        "mode": practice.mode,
        "feedback": practice.feedback,
        "created_at": practice.created_at,
    }


def _check(difficulty: str | None, type_: str | None, count: int | None = None) -> None:
    from careercoach.analysis.interview_bank import DIFFICULTIES, TYPES

    if difficulty is not None and difficulty not in DIFFICULTIES:
        raise BadInput(
            f"unknown difficulty {difficulty!r}", hint=f"use one of {', '.join(DIFFICULTIES)}"
        )
    if type_ is not None and type_ not in TYPES:
        raise BadInput(f"unknown question type {type_!r}", hint=f"use one of {', '.join(TYPES)}")
    if count is not None and not 1 <= count <= MAX_COUNT:
        raise BadInput(f"--count must be 1-{MAX_COUNT}, not {count}", hint="ask for fewer")


def _bank_role(role: str) -> str:
    from careercoach.analysis.interview_bank import load_bank

    bank = load_bank()
    key = bank.resolve_role(role)
    if key is None:
        titles = ", ".join(r["title"] for r in bank.roles.values())
        raise BadInput(
            f"the offline question bank has no role like {role!r}",
            hint=f"choose one of: {titles} — or configure a model (careercoach setup) "
            "for questions on any role",
        )
    return key


def generate_questions(
    store: Store,
    role: str,
    choice: ModelChoice,
    *,
    difficulty: str | None = None,
    type_: str | None = None,
    count: int = 5,
    job_ref: str | None = None,
) -> QuestionSet:
    """Questions for `role`: the model's when one is configured, else the bank's."""
    _check(difficulty, type_, count)
    if not role.strip():
        raise BadInput("the role is empty", hint='give one: --role "data engineer"')
    job = None
    if job_ref is not None:
        from careercoach.services.jobs import get_job

        job = get_job(store, job_ref)
    try:
        gateway = open_gateway("interview", choice, store=store)
    except NotConfigured as reason:
        return _bank_questions(store, role, difficulty, type_, count, job, reason)
    from careercoach.documents.delimit import DATA_NOTICE, wrap_document
    from careercoach.prompts import load_prompt

    posting = wrap_document(job.text, "job posting") if job is not None else "(no posting given)"
    prompt = load_prompt("interview_questions").render(
        data_notice=DATA_NOTICE,
        role=role,
        difficulty=difficulty or "a mix of easy, medium and hard",
        type=type_ or "a mix of technical, behavioral and situational",
        count=str(count),
        posting=posting,
    )
    answer = gateway.structured([{"role": "user", "content": prompt}], ModelQuestions)
    wanted: list[ModelQuestion] = answer.parsed.questions[:count]
    if not wanted:
        from careercoach.errors import ProviderError

        raise ProviderError(
            "the model returned no questions", hint="try again, or use --offline for the bank"
        )
    stored = _store_questions(
        store,
        [(role, difficulty or q.difficulty, type_ or q.type, q.text, q.covers) for q in wanted],
        source="llm",
        job_id=job.id if job else None,
    )
    return QuestionSet(role=role, mode="llm", questions=stored)


def _bank_questions(
    store: Store,
    role: str,
    difficulty: str | None,
    type_: str | None,
    count: int,
    job: Any,
    reason: NotConfigured,
) -> QuestionSet:
    from careercoach.analysis.interview_bank import load_bank

    key = _bank_role(role)
    bank = load_bank()
    picked = bank.pick(
        key, difficulty=difficulty, type_=type_, count=count, exclude=_asked_texts(store, key)
    )
    notes = [
        f"offline: from the shipped question bank ({bank.roles[key]['title']}); {reason.message}"
    ]
    if job is not None:
        notes.append("the bank's questions are not fitted to the posting; a model would be")
    if len(picked) < count:
        notes.append(f"the bank has {len(picked)} questions for this choice")
    stored = _store_questions(
        store,
        [(key, q.difficulty, q.type, q.text, list(q.covers)) for q in picked],
        source="bank",
        job_id=job.id if job is not None else None,
    )
    return QuestionSet(role=key, mode="offline", questions=stored, notes=notes)


def _asked_texts(store: Store, role: str) -> set[str]:
    from sqlmodel import select

    from careercoach.store.models import InterviewQuestion

    with store.read_session() as session:
        return set(
            session.exec(select(InterviewQuestion.text).where(InterviewQuestion.role == role))
        )


def _store_questions(
    store: Store,
    rows: list[tuple[str, str, str, str, list[str]]],
    *,
    source: str,
    job_id: int | None,
) -> list[InterviewQuestion]:
    """Store each question once (same role and text: the stored one is reused)."""
    from sqlmodel import select

    from careercoach.store.models import InterviewQuestion

    stored = []
    with store.session() as session:
        for role, difficulty, type_, text, covers in rows:
            existing = session.exec(
                select(InterviewQuestion).where(
                    InterviewQuestion.role == role, InterviewQuestion.text == text
                )
            ).first()
            if existing is None:
                existing = InterviewQuestion(
                    role=role,
                    difficulty=difficulty,
                    type=type_,
                    text=text,
                    covers=covers,
                    source=source,
                    job_id=job_id,
                )
                session.add(existing)
                session.flush()
            stored.append(existing)
    return stored


def get_question(store: Store, question_id: int) -> InterviewQuestion:
    from careercoach.store.models import InterviewQuestion

    with store.read_session() as session:
        question = session.get(InterviewQuestion, question_id)
    if question is None:
        raise NotFound(
            f"no interview question with id {question_id}",
            hint="see the ids with `careercoach interview list`",
        )
    return question


def bookmark(store: Store, question_id: int, *, on: bool = True) -> InterviewQuestion:
    from careercoach.store.models import InterviewQuestion

    with store.session() as session:
        question = session.get(InterviewQuestion, question_id)
        if question is None:
            raise NotFound(
                f"no interview question with id {question_id}",
                hint="see the ids with `careercoach interview list`",
            )
        question.bookmarked = on
        session.add(question)
    return question


def list_questions(
    store: Store, *, bookmarked: bool = False, role: str | None = None
) -> list[tuple[InterviewQuestion, int]]:
    """Stored questions (newest first) with how often each was practised."""
    from sqlalchemy import func
    from sqlmodel import col, select

    from careercoach.store.models import InterviewPractice, InterviewQuestion

    practised = (
        select(InterviewPractice.question_id, func.count().label("n"))
        .group_by(col(InterviewPractice.question_id))
        .subquery()
    )
    statement = (
        select(InterviewQuestion, func.coalesce(practised.c.n, 0))
        .join(practised, practised.c.question_id == InterviewQuestion.id, isouter=True)
        .order_by(col(InterviewQuestion.id).desc())
    )
    if bookmarked:
        statement = statement.where(InterviewQuestion.bookmarked == True)  # noqa: E712
    if role:
        from careercoach.analysis.interview_bank import load_bank

        key = load_bank().resolve_role(role) or role
        statement = statement.where(InterviewQuestion.role == key)
    with store.read_session() as session:
        return [(q, int(n)) for q, n in session.exec(statement).all()]


def choose_practice_question(
    store: Store,
    choice: ModelChoice,
    *,
    question_id: int | None,
    role: str | None,
    difficulty: str | None,
    type_: str | None,
) -> tuple[InterviewQuestion, list[str]]:
    """The question to practise: the one asked for, or a fresh one for the role."""
    _check(difficulty, type_)
    if question_id is not None:
        return get_question(store, question_id), []
    if not role:
        raise BadInput(
            "which role are you practising for?",
            hint='give --role "data engineer" (or --question ID for a stored question)',
        )
    found = generate_questions(store, role, choice, difficulty=difficulty, type_=type_, count=1)
    return found.questions[0], found.notes


def review_answer(
    store: Store,
    question: InterviewQuestion,
    answer: str,
    choice: ModelChoice,
    *,
    on_text: Callable[[str], None] | None = None,
) -> InterviewPractice:
    """Feedback on `answer` (the model's, or the offline estimate), stored with the answer."""
    from careercoach.analysis.interview_bank import review_offline
    from careercoach.store.models import InterviewPractice

    if not answer.strip():
        raise BadInput("the answer is empty; nothing was stored", hint="write an answer first")
    try:
        gateway = open_gateway("interview", choice, store=store)
    except NotConfigured as reason:
        feedback = review_offline(list(question.covers), answer, question.type)
        feedback["notes"].append(reason.message)
        mode = "offline"
    else:
        from careercoach.documents.delimit import DATA_NOTICE, wrap_document
        from careercoach.documents.redact import redact_for_model
        from careercoach.prompts import load_prompt

        prompt = load_prompt("interview_feedback").render(
            data_notice=DATA_NOTICE,
            role=question.role,
            type=question.type,
            difficulty=question.difficulty,
            question=question.text,
            covers="\n".join(f"- {c}" for c in question.covers) or "(not given)",
            answer=wrap_document(redact_for_model(answer).text, "the candidate's answer"),
        )
        reply = gateway.structured(
            [{"role": "user", "content": prompt}], ModelFeedback, on_text=on_text
        )
        parsed: ModelFeedback = reply.parsed
        feedback = parsed.model_dump()
        if question.type != "behavioral":
            feedback["star"] = None
        feedback["notes"] = [f"reviewed by {reply.model}"]
        mode = "llm"
    practice = InterviewPractice(
        question_id=question.id,
        answer=answer,
        score=feedback["score"],
        feedback=feedback,
        mode=mode,
    )
    with store.session() as session:
        session.add(practice)
    return practice


@dataclass
class ProgressRow:
    role: str
    difficulty: str
    month: str
    sessions: int
    average: float
    best: int


def progress(store: Store, role: str | None = None) -> list[ProgressRow]:
    """Practised answers by role, difficulty and month: count, average and best score."""
    from sqlmodel import select

    from careercoach.store.models import InterviewPractice, InterviewQuestion

    statement = select(InterviewPractice, InterviewQuestion).join(
        InterviewQuestion, InterviewQuestion.id == InterviewPractice.question_id
    )
    groups: dict[tuple[str, str, str], list[int]] = {}
    with store.read_session() as session:
        for practice, question in session.exec(statement).all():
            if role and question.role != role:
                continue
            key = (question.role, question.difficulty, f"{practice.created_at:%Y-%m}")
            groups.setdefault(key, []).append(practice.score or 0)
    return [
        ProgressRow(r, d, m, len(s), round(sum(s) / len(s), 1), max(s))
        for (r, d, m), s in sorted(groups.items())
    ]
