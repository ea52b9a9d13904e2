"""`journal analyze`: read entries for emotions, stress, motivation and themes.

With a model, the entries (redacted, delimited as data) are split into chunks that fit the
model's context window (llm/tokens.py), the chunks are read concurrently (at most
MAX_CONCURRENT requests at once, one gateway per worker thread), and the results are combined
deterministically: averages of the per-entry figures, theme counts, and the suggestions and
next action of the most recent chunk first. No second model call combines them, so what is
shown is exactly what was read, and a year of entries costs one request per chunk.

Without a model (none configured, or --offline) the lexicon estimates of analysis/mood.py
run instead, labelled as estimates. Either way nothing is written until every chunk has
succeeded, and then all results are written in one transaction: a failed model call (exit 4)
leaves every entry exactly as it was.
"""

from __future__ import annotations

import json
import threading
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from careercoach.analysis.mood import (
    METHOD,
    METHOD_DETAIL,
    estimate,
    offline_next_action,
    offline_suggestions,
)
from careercoach.errors import BadInput, NotConfigured, ProviderError
from careercoach.services.journal_chunks import Chunk, JournalReading, plan_chunks, system_prompt

if TYPE_CHECKING:
    from careercoach.config import Config
    from careercoach.llm.gateway import Gateway
    from careercoach.services.journal import Entry as JournalEntry
    from careercoach.services.model import ModelChoice

MAX_CONCURRENT = 4
"""Chunks read at once: enough to finish a year quickly, few enough not to trip rate limits."""
CRISIS_MESSAGE = (
    "If you are thinking about harming yourself or feel unsafe, please reach out now: call "
    "your local emergency number, or a crisis line: in the US call or text 988, in the UK "
    "and Ireland call Samaritans on 116 123, elsewhere findahelpline.com lists free, "
    "confidential lines. Talking to someone you trust, and to a professional, can help."
)


@dataclass
class Reading:
    """One entry's analysis, as stored in its row and shown."""

    id: int
    entry_date: str
    stress: float
    motivation: float
    sentiment: float
    themes: list[str]
    emotions: list[dict[str, Any]]
    crisis: bool
    analysis: dict[str, Any]


@dataclass
class AnalysisResult:
    """What `journal analyze` shows and prints as JSON."""

    mode: str  # "llm" | "offline"
    method: str
    model: str | None
    readings: list[Reading]
    suggestions: list[str]
    next_action: str
    crisis: bool
    summaries: list[dict[str, str]] = field(default_factory=list)
    chunks: int = 1
    notes: list[str] = field(default_factory=list)

    @property
    def averages(self) -> dict[str, float | None]:
        def mean(name: str) -> float | None:
            values = [getattr(r, name) for r in self.readings]
            return round(sum(values) / len(values), 2) if values else None

        return {name: mean(name) for name in ("stress", "motivation", "sentiment")}

    @property
    def top_themes(self) -> list[str]:
        counts: dict[str, int] = {}
        for reading in self.readings:
            for theme in reading.themes:
                counts[theme] = counts.get(theme, 0) + 1
        return [t for t, _ in sorted(counts.items(), key=lambda tc: -tc[1])][:6]

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "method": self.method,
            "model": self.model,
            "entries": [
                {k: v for k, v in r.__dict__.items() if k != "analysis"} for r in self.readings
            ],
            "averages": self.averages,
            "themes": self.top_themes,
            "summaries": self.summaries,
            "suggestions": self.suggestions,
            "next_action": self.next_action,
            "crisis": self.crisis,
            "crisis_message": CRISIS_MESSAGE if self.crisis else None,
            "chunks": self.chunks,
            "notes": self.notes,
        }


def select_entries(
    entry_id: int | None, *, last: int | None, since: date | None
) -> list[JournalEntry]:
    """The entries to read, newest first: by id, the last N, since a day, or the newest one."""
    from careercoach.services.journal import get_entry, list_entries

    if entry_id is not None:
        if last is not None or since is not None:
            raise BadInput(
                "give an ID or --last/--since, not both",
                hint="careercoach journal analyze 12, or --last 7",
            )
        return [get_entry(entry_id)]
    if last is not None and last < 1:
        raise BadInput(f"--last {last} is not positive", hint="give --last 1 or more")
    limit = last if last is not None or since is not None else 1
    entries = list_entries(since=since, limit=limit)
    if not entries:
        raise BadInput(
            "there are no journal entries to analyse",
            hint='write one first: careercoach journal add "how today went"',
        )
    return entries


def analyze(
    entries: list[JournalEntry], choice: ModelChoice, *, notice: Any = None
) -> AnalysisResult:
    """Read the entries with the model, or offline when there is none; store the results."""
    from careercoach.config import Config
    from careercoach.services.model import open_gateway

    config = Config.load()
    if choice.offline:
        result = _offline(entries, "offline mode is on: these are lexicon estimates")
    else:
        try:
            gateway = open_gateway("journal analyze", choice, config=config)
        except NotConfigured as exc:
            if "no model" not in exc.message:
                raise
            result = _offline(
                entries,
                "no model is configured, so these are offline lexicon estimates "
                "(set one with: careercoach setup)",
            )
        else:
            result = _with_model(entries, choice, gateway, config, notice)
    _store_readings(entries, result)
    return result


def _offline(entries: list[JournalEntry], why: str) -> AnalysisResult:
    readings: list[Reading] = []
    for entry in entries:
        guess = estimate(entry.text)
        suggestions = offline_suggestions(guess.themes, guess.stress)
        readings.append(
            Reading(
                id=int(entry.id or 0),
                entry_date=entry.entry_date,
                stress=guess.stress,
                motivation=guess.motivation,
                sentiment=guess.sentiment,
                themes=guess.themes,
                emotions=guess.emotions,
                crisis=guess.crisis,
                analysis={
                    "mode": "offline",
                    "method": METHOD,
                    "method_detail": METHOD_DETAIL,
                    "emotions": guess.emotions,
                    "suggestions": suggestions,
                    "next_action": offline_next_action(guess.themes),
                    "crisis": guess.crisis,
                },
            )
        )
    stress = sum(r.stress for r in readings) / len(readings)
    themes = _ranked_themes(readings)
    return AnalysisResult(
        mode="offline",
        method=METHOD,
        model=None,
        readings=readings,
        suggestions=offline_suggestions(themes, stress),
        next_action=offline_next_action(themes),
        crisis=any(r.crisis for r in readings),
        notes=[why, METHOD_DETAIL],
    )


def _ranked_themes(readings: list[Reading]) -> list[str]:
    counts: dict[str, int] = {}
    for reading in readings:
        for theme in reading.themes:
            counts[theme] = counts.get(theme, 0) + 1
    return sorted(counts, key=lambda t: -counts[t])


# --- with a model ---------------------------------------------------------------------------


def _with_model(
    entries: list[JournalEntry],
    choice: ModelChoice,
    gateway: Gateway,
    config: Config,
    notice: Any,
) -> AnalysisResult:
    from careercoach.services.model import open_gateway

    model = gateway.settings.model
    notes: list[str] = []
    chunks = plan_chunks(entries, model, config, notes)
    if len(chunks) > 1 and notice is not None:
        notice(
            f"Reading {len(entries)} entries in {len(chunks)} parts "
            f"(at most {MAX_CONCURRENT} at once)..."
        )
    local = threading.local()

    def read(chunk: Chunk) -> JournalReading:
        # One gateway per worker thread: a gateway keeps per-call state (its key lookup).
        if not hasattr(local, "gateway"):
            local.gateway = open_gateway("journal analyze", choice, config=config)
        return _read_chunk(local.gateway, chunk)

    if len(chunks) == 1:
        answers = [_read_chunk(gateway, chunks[0])]
    else:
        answers = _read_concurrently(read, chunks)
    return _combine(chunks, answers, model, notes)


def _read_concurrently(read: Any, chunks: list[Chunk]) -> list[JournalReading]:
    """Read chunks at most MAX_CONCURRENT at a time; the first failure cancels the rest."""
    pool = ThreadPoolExecutor(
        max_workers=min(MAX_CONCURRENT, len(chunks)), thread_name_prefix="journal-analyze"
    )
    try:
        futures = [pool.submit(read, chunk) for chunk in chunks]
        wait(futures, return_when=FIRST_EXCEPTION)
        for future in futures:
            if future.done() and not future.cancelled() and future.exception() is not None:
                raise future.exception()  # type: ignore[misc]
        return [future.result() for future in futures]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _read_chunk(gateway: Gateway, chunk: Chunk) -> JournalReading:
    messages = [
        {"role": "system", "content": system_prompt(len(chunk.entries))},
        {"role": "user", "content": chunk.block},
    ]
    answer = gateway.structured(messages, JournalReading)
    reading: JournalReading = answer.parsed
    wanted = {int(e.id or 0) for e in chunk.entries}
    got = {r.id for r in reading.entries}
    if not wanted <= got:
        missing = ", ".join(str(i) for i in sorted(wanted - got))
        raise ProviderError(
            f"the model's answer left out entries {missing}; nothing was stored",
            hint="try again, or choose a more capable model (--model)",
        )
    return reading


def _combine(
    chunks: list[Chunk], answers: list[JournalReading], model: str, notes: list[str]
) -> AnalysisResult:
    readings: list[Reading] = []
    summaries: list[dict[str, str]] = []
    for chunk, answer in zip(chunks, answers, strict=True):
        by_id = {r.id: r for r in answer.entries}
        dates = [e.entry_date for e in chunk.entries]
        summaries.append({"from": min(dates), "to": max(dates), "text": answer.summary})
        for entry in chunk.entries:
            r = by_id[int(entry.id or 0)]
            emotions = [e.model_dump() for e in r.emotions]
            themes = [*r.themes, *[t for t in r.other_themes if t not in r.themes]]
            readings.append(
                Reading(
                    id=r.id,
                    entry_date=entry.entry_date,
                    stress=round(r.stress, 1),
                    motivation=round(r.motivation, 1),
                    sentiment=round(r.sentiment, 3),
                    themes=themes,
                    emotions=emotions,
                    crisis=r.crisis,
                    analysis={
                        "mode": "llm",
                        "model": model,
                        "emotions": emotions,
                        "summary": answer.summary,
                        "suggestions": answer.suggestions,
                        "next_action": answer.next_action,
                        "crisis": r.crisis,
                        "entries_read_together": len(chunk.entries),
                    },
                )
            )
    newest_first = list(reversed(answers))
    suggestions = list(dict.fromkeys(s for a in newest_first for s in a.suggestions))[:3]
    readings.sort(key=lambda r: (r.entry_date, r.id), reverse=True)
    return AnalysisResult(
        mode="llm",
        method=f"read by {model}",
        model=model,
        readings=readings,
        suggestions=suggestions,
        next_action=newest_first[0].next_action,
        crisis=any(a.crisis for a in answers) or any(r.crisis for r in readings),
        summaries=list(reversed(summaries)),
        chunks=len(chunks),
        notes=notes,
    )


def _store_readings(entries: list[JournalEntry], result: AnalysisResult) -> None:
    """Write every reading in one transaction; an entry edited meanwhile is left alone."""
    from datetime import datetime, timezone

    from sqlalchemy import text as sql

    from careercoach.services.journal import stamp
    from careercoach.store.db import open_store

    analysed_text = {int(e.id or 0): e.text for e in entries}
    statement = sql(
        "UPDATE journal_entry SET stress = :stress, motivation = :motivation, "
        "sentiment = :sentiment, themes = :themes, analysis = :analysis, "
        "analysis_mode = :mode, analyzed_at = :now WHERE id = :id AND text = :text"
    )
    now = stamp(datetime.now(timezone.utc))
    with open_store().session() as session:
        for reading in result.readings:
            values = {
                "stress": reading.stress,
                "motivation": reading.motivation,
                "sentiment": reading.sentiment,
                "themes": json.dumps(reading.themes, ensure_ascii=False),
                "analysis": json.dumps(reading.analysis, ensure_ascii=False),
                "mode": result.mode,
                "now": now,
                "id": reading.id,
                "text": analysed_text.get(reading.id),
            }
            if session.execute(statement, values).rowcount == 0:
                result.notes.append(
                    f"entry {reading.id} changed meanwhile; its reading was not kept"
                )
