"""Offline estimates of sentiment, stress and motivation in a journal entry.

Sentiment is VADER's compound score (vaderSentiment, MIT licence, its lexicon of ~7,500
rated words ships inside the package: nothing is downloaded). VADER knows negation ("not
happy"), intensifiers ("very") and "but" clauses. Stress, motivation, emotions and themes
come from the small word lists below, written for careercoach (same licence as the project);
a word preceded within three words by a negation ("not", "no", "never", "n't", "without")
does not count.

The formulas, so the numbers can be read for what they are (estimates, not measurements):

    stress     = 7 * (1 - exp(-0.5 * S)) + 3 * N        S: stress words (weights 1-2),
                                                         N: VADER's negative share (0..1)
    motivation = 5 + 4 * tanh(0.5 * (M+ - M-)) + compound   (clamped to 0..10)
                                                         M+/M-: (de)motivation words
    sentiment  = VADER compound (-1..1)
    emotion    = min(1, 0.35 * hits) per emotion with at least one hit
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

METHOD = "estimate (offline lexicon)"
METHOD_DETAIL = (
    "VADER sentiment lexicon plus careercoach's stress, motivation and theme word lists; "
    "an estimate from the words used, not a reading of what was meant"
)

# The fixed themes the journal knows (the model may add its own next to these).
THEMES: tuple[str, ...] = (
    "workload",
    "conflict",
    "learning",
    "job search",
    "career growth",
    "recognition",
    "work-life balance",
    "uncertainty",
    "health",
    "money",
    "team",
    "achievement",
)

_THEME_WORDS: dict[str, tuple[str, ...]] = {
    "workload": (
        "deadline",
        "deadlines",
        "overtime",
        "workload",
        "backlog",
        "too much work",
        "swamped",
        "busy",
        "tickets",
        "crunch",
        "late night",
        "on call",
        "overloaded",
    ),
    "conflict": (
        "argument",
        "argued",
        "conflict",
        "disagree",
        "disagreement",
        "tension",
        "blamed",
        "rude",
        "yelled",
        "clash",
        "frustrating meeting",
        "toxic",
    ),
    "learning": (
        "learned",
        "learning",
        "learnt",
        "course",
        "tutorial",
        "studied",
        "study",
        "practice",
        "practised",
        "practiced",
        "book",
        "workshop",
        "certification",
    ),
    "job search": (
        "interview",
        "interviews",
        "application",
        "applied",
        "recruiter",
        "job offer",
        "offer",
        "rejection",
        "rejected",
        "cover letter",
        "job search",
        "hiring",
    ),
    "career growth": (
        "promotion",
        "promoted",
        "career",
        "mentor",
        "mentoring",
        "raise",
        "growth",
        "senior",
        "lead role",
        "next step",
        "new role",
    ),
    "recognition": (
        "praised",
        "praise",
        "recognition",
        "thanked",
        "kudos",
        "appreciated",
        "shout-out",
        "credit",
        "ignored",
        "overlooked",
    ),
    "work-life balance": (
        "weekend",
        "family",
        "vacation",
        "holiday",
        "sleep",
        "balance",
        "evening",
        "time off",
        "boundaries",
        "commute",
    ),
    "uncertainty": (
        "uncertain",
        "unsure",
        "layoff",
        "layoffs",
        "reorg",
        "restructuring",
        "don't know",
        "unclear",
        "doubt",
        "worried about the future",
    ),
    "health": (
        "tired",
        "exhausted",
        "headache",
        "sick",
        "burnout",
        "burned out",
        "anxiety",
        "gym",
        "exercise",
        "walk",
        "ill",
        "therapy",
    ),
    "money": ("salary", "pay", "money", "bills", "rent", "budget", "raise", "debt", "savings"),
    "team": (
        "team",
        "colleague",
        "colleagues",
        "manager",
        "boss",
        "coworker",
        "coworkers",
        "standup",
        "pair programming",
        "teammate",
    ),
    "achievement": (
        "shipped",
        "launched",
        "finished",
        "completed",
        "solved",
        "fixed",
        "delivered",
        "milestone",
        "passed",
        "proud",
        "accomplished",
    ),
}

_STRESS_WORDS: dict[str, float] = {
    "stress": 1.5,
    "stressed": 2,
    "stressful": 2,
    "overwhelmed": 2,
    "overwhelming": 2,
    "anxious": 2,
    "anxiety": 2,
    "panic": 2,
    "panicked": 2,
    "pressure": 1.5,
    "deadline": 1,
    "deadlines": 1,
    "exhausted": 1.5,
    "burnout": 2,
    "burned out": 2,
    "burnt out": 2,
    "worried": 1.5,
    "worry": 1.5,
    "nervous": 1.5,
    "tense": 1.5,
    "overtime": 1,
    "swamped": 1.5,
    "frantic": 2,
    "dread": 2,
    "dreading": 2,
    "can't sleep": 2,
    "couldn't sleep": 2,
    "too much": 1,
    "behind": 1,
    "rushed": 1,
    "urgent": 1,
    "on edge": 1.5,
    "struggling": 1.5,
    "overloaded": 1.5,
    "firefighting": 1.5,
}
_MOTIVATION_UP: dict[str, float] = {
    "motivated": 2,
    "excited": 2,
    "eager": 1.5,
    "inspired": 2,
    "energized": 2,
    "energised": 2,
    "determined": 2,
    "progress": 1,
    "goal": 1,
    "goals": 1,
    "learned": 1,
    "proud": 1.5,
    "looking forward": 1.5,
    "can't wait": 1.5,
    "focused": 1,
    "productive": 1.5,
    "ambitious": 1.5,
    "curious": 1,
    "momentum": 1.5,
    "accomplished": 1.5,
}
_MOTIVATION_DOWN: dict[str, float] = {
    "unmotivated": 2,
    "demotivated": 2,
    "bored": 1.5,
    "boring": 1,
    "pointless": 2,
    "stuck": 1.5,
    "drained": 1.5,
    "give up": 2,
    "giving up": 2,
    "quit": 1,
    "apathetic": 2,
    "procrastinating": 1.5,
    "procrastinated": 1.5,
    "meaningless": 2,
    "no energy": 2,
    "can't be bothered": 2,
    "dragging": 1,
    "burnout": 1.5,
}
_EMOTION_WORDS: dict[str, tuple[str, ...]] = {
    "joy": ("happy", "glad", "joy", "great day", "delighted", "fun", "enjoyed", "excited"),
    "pride": ("proud", "accomplished", "nailed", "achievement"),
    "calm": ("calm", "relaxed", "peaceful", "relieved", "at ease"),
    "anxiety": ("anxious", "worried", "nervous", "panic", "dread", "uneasy", "afraid"),
    "frustration": ("frustrated", "frustrating", "annoyed", "irritated", "fed up"),
    "anger": ("angry", "furious", "mad", "outraged", "livid"),
    "sadness": ("sad", "down", "lonely", "disappointed", "hopeless", "miserable", "cried"),
    "fatigue": ("tired", "exhausted", "drained", "worn out", "sleepy", "burned out"),
}
# Phrases that suggest a crisis: the answer then points gently to professional help.
_CRISIS_PHRASES = (
    "kill myself",
    "killing myself",
    "suicide",
    "suicidal",
    "end my life",
    "end it all",
    "want to die",
    "wish i was dead",
    "wish i were dead",
    "self-harm",
    "self harm",
    "hurt myself",
    "harm myself",
    "no reason to live",
    "better off without me",
    "can't go on",
    "cannot go on",
)
_NEGATIONS = frozenset({"not", "no", "never", "without", "hardly", "nothing", "none"})
_WORD = re.compile(r"[a-z]+(?:['’-][a-z]+)*")


@dataclass
class MoodEstimate:
    """An offline reading of one text; every number is an estimate from its words."""

    sentiment: float  # -1..1
    stress: float  # 0..10
    motivation: float  # 0..10
    themes: list[str] = field(default_factory=list)
    emotions: list[dict[str, Any]] = field(default_factory=list)  # {"name", "intensity" 0..1}
    crisis: bool = False
    method: str = METHOD


@lru_cache(maxsize=1)
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def _negated(words: list[str], index: int) -> bool:
    """True when one of the three words before `index` negates it ("not stressed")."""
    window = words[max(0, index - 3) : index]
    return any(w in _NEGATIONS or w.endswith("n't") for w in window)


def _score(words: list[str], lexicon: dict[str, float] | tuple[str, ...]) -> float:
    """Sum of the weights of lexicon words and phrases found, negated ones left out."""
    weights = lexicon if isinstance(lexicon, dict) else dict.fromkeys(lexicon, 1.0)
    total = 0.0
    for phrase, weight in weights.items():
        parts = phrase.split()
        size = len(parts)
        for i in range(len(words) - size + 1):
            if words[i : i + size] == parts and not _negated(words, i):
                total += weight
    return total


def themes_of(text: str) -> list[str]:
    """The fixed themes whose words appear in the text, most mentioned first."""
    words = _words(text)
    scored = [(theme, _score(words, vocab)) for theme, vocab in _THEME_WORDS.items()]
    return [theme for theme, score in sorted(scored, key=lambda ts: -ts[1]) if score > 0]


def suggests_crisis(text: str) -> bool:
    """True when the text has a phrase that may mean the person is at risk of harm."""
    lowered = " ".join(text.lower().replace("’", "'").split())
    return any(phrase in lowered for phrase in _CRISIS_PHRASES)


def estimate(text: str) -> MoodEstimate:
    """Sentiment, stress, motivation, emotions and themes of `text`, from lexicons alone."""
    polarity = _vader().polarity_scores(text)
    compound = float(polarity["compound"])
    words = _words(text)
    stress_hits = _score(words, _STRESS_WORDS)
    stress = 7 * (1 - math.exp(-0.5 * stress_hits)) + 3 * float(polarity["neg"])
    drive = _score(words, _MOTIVATION_UP) - _score(words, _MOTIVATION_DOWN)
    motivation = 5 + 4 * math.tanh(0.5 * drive) + compound
    emotions = [
        {"name": name, "intensity": round(min(1.0, 0.35 * hits), 2)}
        for name, vocab in _EMOTION_WORDS.items()
        if (hits := _score(words, vocab)) > 0
    ]
    emotions.sort(key=lambda e: -e["intensity"])
    return MoodEstimate(
        sentiment=round(compound, 3),
        stress=round(min(10.0, max(0.0, stress)), 1),
        motivation=round(min(10.0, max(0.0, motivation)), 1),
        themes=themes_of(text),
        emotions=emotions,
        crisis=suggests_crisis(text),
    )


# Offline suggestions, chosen by the strongest theme and the stress estimate. Short, practical.
_THEME_SUGGESTIONS: dict[str, str] = {
    "workload": "List everything on your plate, mark the three that matter most this week, "
    "and ask your manager which of the rest can wait.",
    "conflict": "Before the next conversation, write down what you need and one thing you "
    "understand about the other side's view; start from the shared goal.",
    "learning": "Keep the learning going in small blocks: 25 focused minutes a day beats a "
    "long session once a week.",
    "job search": "Treat the search as a pipeline: a fixed number of tailored applications a "
    "week, and a note of what each rejection or interview taught you.",
    "career growth": "Name the next role you want and ask someone who has it what made the "
    "difference for them.",
    "recognition": "Keep a short 'wins' list and share one concrete result with your manager "
    "in your next one-to-one.",
    "work-life balance": "Put one fixed end-of-day time in your calendar and protect it like "
    "a meeting.",
    "uncertainty": "Separate what you can influence from what you cannot; pick one small step "
    "on the first list.",
    "health": "Your energy is the base of everything else: plan a short walk, a proper break "
    "and enough sleep before the next busy day.",
    "money": "Write down the number you need and the number you want; it makes salary "
    "conversations and choices clearer.",
    "team": "Schedule a short one-to-one with a colleague you rely on; small contacts keep a "
    "team working.",
    "achievement": "Write down what made this success work, so you can repeat it.",
}
_STRESS_SUGGESTIONS = (
    "Try a two-minute breathing pause (in for 4, hold for 4, out for 6) before the next "
    "demanding task.",
    "End the day by writing tomorrow's first task down, so your mind can let go of it tonight.",
)


def offline_suggestions(themes: list[str], stress: float) -> list[str]:
    """Two or three practical suggestions fitted to the themes and the stress estimate."""
    chosen = [_THEME_SUGGESTIONS[t] for t in themes if t in _THEME_SUGGESTIONS][:2]
    if stress >= 5 or len(chosen) < 2:
        chosen.extend(_STRESS_SUGGESTIONS[: 3 - len(chosen)])
    return chosen[:3]


def offline_next_action(themes: list[str]) -> str:
    """One small action the person can take today."""
    if themes:
        return f"Spend ten minutes today on one concrete step about {themes[0]}."
    return "Write three lines tomorrow about what went well and what drained you."
