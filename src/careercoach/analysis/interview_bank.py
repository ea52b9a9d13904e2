"""The interview question bank shipped with careercoach, and the offline answer review.

The bank (data/interview_bank.json) was written by the team: for each of the common roles
below, questions at three difficulties and of three types (technical, behavioural,
situational), each with the points a good answer covers. With no model, `interview
questions` draws from it and `interview practice` reviews an answer against those points:

    coverage of a point = the share of its content words (stemmed crudely, stop words out)
                          that appear in the answer; a point counts as covered at >= 0.5
    score (1-10)        = 1 + round(9 x (0.8 x covered points / all points + 0.2 x form))
    form                = 1 for an answer of 60-350 words, scaled down outside that range,
                          and for behavioural questions the share of STAR parts present

It is an estimate, and says so: it checks what the answer mentions, not how well.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

DIFFICULTIES = ("easy", "medium", "hard")
TYPES = ("technical", "behavioral", "situational")

_WORD = re.compile(r"[a-z0-9][a-z0-9+#.\-]*", re.IGNORECASE)
_STOP_WORDS = """a an and are as at be by can do does for from has have how i if in into is it
its of on or our that the their them they this to was were what when where which who why will
with you your about after all also any each more most not only other over own same so some
such than then there these those through under up very while would should could may might
must one two use using used"""
_STOP = frozenset(_STOP_WORDS.split())
STAR_CUES: dict[str, tuple[str, ...]] = {
    "situation": (
        "situation",
        "context",
        "when i was",
        "at my last",
        "in my previous",
        "we were",
        "there was",
        "background",
        "the project",
        "our team",
    ),
    "task": (
        "task",
        "my role",
        "i was responsible",
        "i needed to",
        "goal was",
        "i had to",
        "responsible for",
        "asked to",
        "objective",
    ),
    "action": (
        "i decided",
        "i started",
        "i built",
        "i organised",
        "i organized",
        "i led",
        "i spoke",
        "i set up",
        "i created",
        "i proposed",
        "action",
        "so i",
        "i took",
        "i worked with",
        "i wrote",
        "i ran",
    ),
    "result": (
        "result",
        "as a result",
        "outcome",
        "in the end",
        "we reduced",
        "we increased",
        "improved",
        "%",
        "saved",
        "delivered",
        "learned",
        "which led to",
        "finally",
    ),
}


@dataclass(frozen=True)
class BankQuestion:
    role: str
    difficulty: str
    type: str
    text: str
    covers: tuple[str, ...]


@dataclass(frozen=True)
class Bank:
    roles: dict[str, dict[str, Any]]  # key -> {"title": ..., "aliases": [...]}
    questions: tuple[BankQuestion, ...]

    def resolve_role(self, text: str) -> str | None:
        """The bank's role for what the person typed ("backend developer" -> software)."""
        wanted = " ".join(_WORD.findall(text.lower()))
        if not wanted:
            return None
        for key, role in self.roles.items():
            names = [key.replace("_", " "), role["title"].lower(), *role.get("aliases", [])]
            if wanted in (n.lower() for n in names):
                return key
        for key, role in self.roles.items():  # a known name inside a longer title
            names = [role["title"].lower(), *role.get("aliases", [])]
            if any(re.search(rf"\b{re.escape(n.lower())}\b", wanted) for n in names):
                return key
        return None

    def pick(
        self,
        role: str,
        *,
        difficulty: str | None = None,
        type_: str | None = None,
        count: int = 5,
        exclude: set[str] | None = None,
        rng: random.Random | None = None,
    ) -> list[BankQuestion]:
        """Up to `count` questions for `role`, fresh ones (not in `exclude`) first."""
        pool = [
            q
            for q in self.questions
            if q.role == role
            and (difficulty is None or q.difficulty == difficulty)
            and (type_ is None or q.type == type_)
        ]
        rng = rng or random.Random()
        rng.shuffle(pool)
        seen = exclude or set()
        pool.sort(key=lambda q: q.text in seen)  # stable: fresh first, shuffled within
        return pool[:count]


@lru_cache(maxsize=1)
def load_bank() -> Bank:
    raw = resources.files("careercoach.analysis").joinpath("data/interview_bank.json")
    data = json.loads(raw.read_text(encoding="utf-8"))
    questions = tuple(
        BankQuestion(
            role=q["role"],
            difficulty=q["difficulty"],
            type=q["type"],
            text=q["text"],
            covers=tuple(q["covers"]),
        )
        for q in data["questions"]
    )
    return Bank(roles=data["roles"], questions=questions)


def _stem(word: str) -> str:
    word = word.lower().strip(".-")
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 1}


def star_parts(answer: str) -> dict[str, bool]:
    """Which parts of Situation, Task, Action, Result the answer shows (by cue phrases)."""
    folded = " ".join(answer.lower().split())
    return {part: any(cue in folded for cue in cues) for part, cues in STAR_CUES.items()}


def review_offline(covers: list[str], answer: str, type_: str) -> dict[str, Any]:
    """The offline review of `answer` against the points a good answer `covers`."""
    words = content_words(answer)
    covered, missing = [], []
    for point in covers:
        needed = content_words(point)
        share = len(needed & words) / len(needed) if needed else 0.0
        (covered if share >= 0.5 else missing).append(point)
    length = len(answer.split())
    if length < 60:
        form = length / 60
    elif length > 350:
        form = max(0.5, 350 / length)
    else:
        form = 1.0
    star = star_parts(answer) if type_ == "behavioral" else None
    if star is not None:
        form = (form + sum(star.values()) / 4) / 2
    share = len(covered) / len(covers) if covers else 0.0
    score = 1 + round(9 * (0.8 * share + 0.2 * form))
    strengths = [f"mentions: {p}" for p in covered] or (
        ["a complete answer in a good length"] if form >= 1 else []
    )
    outline = [f"Cover: {p}" for p in covers]
    if star is not None:
        outline = [
            "Situation: set the scene in one or two sentences",
            "Task: what you were responsible for",
            "Action: what you did, step by step, in the first person",
            "Result: the outcome, with a number if you can, and what you learned",
            *outline,
        ]
    notes = [
        "offline estimate: the answer was compared with the points a good answer covers "
        "(word overlap), not judged for quality; configure a model for a real review"
    ]
    if length < 60:
        notes.append(f"the answer is short ({length} words); aim for 60-350")
    return {
        "score": max(1, min(10, score)),
        "strengths": strengths,
        "missing": missing,
        "star": star,
        "improved_outline": outline,
        "notes": notes,
    }
