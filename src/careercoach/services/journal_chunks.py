"""What `journal analyze` asks the model, and how entries are packed into requests.

The answer's schema (validated by the gateway), the system prompt, and the chunk planner:
entries, redacted and wrapped as data, are packed oldest first into requests that fit the
model's context window (llm/tokens.py): the configured `context_tokens`, else LiteLLM's model
table, else its default. Each request holds the system prompt and the JSON schema, counted
with LiteLLM's tokenizer, plus room for the answer: OUTPUT_BASE tokens for the summary part
and OUTPUT_PER_ENTRY per entry, all within SAFETY of the window.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field, field_validator

from careercoach.analysis.mood import THEMES
from careercoach.errors import BadInput

if TYPE_CHECKING:
    from careercoach.config import Config
    from careercoach.services.journal import Entry as JournalEntry

MAX_ENTRIES_PER_CHUNK = 20
"""More entries per request make the per-entry readings shallower; 20 keeps them careful."""
OUTPUT_PER_ENTRY = 120
"""Tokens reserved in the window for the answer about each entry (its JSON object)."""
OUTPUT_BASE = 400
"""Tokens reserved for the summary, suggestions and next action."""
SAFETY = 0.9
"""Share of the window used: tokenizers of servers and of LiteLLM differ by a few percent."""


class Emotion(BaseModel):
    name: str = Field(min_length=1, max_length=40)
    intensity: float = Field(ge=0, le=1, description="0 barely there, 1 overwhelming")


class EntryReading(BaseModel):
    """The model's reading of one entry."""

    id: int
    emotions: list[Emotion] = Field(default_factory=list, max_length=8)
    stress: float = Field(ge=0, le=10)
    motivation: float = Field(ge=0, le=10)
    sentiment: float = Field(ge=-1, le=1)
    themes: list[str] = Field(default_factory=list, description="from: " + ", ".join(THEMES))
    other_themes: list[str] = Field(default_factory=list, max_length=5)
    crisis: bool = False

    @field_validator("themes", "other_themes")
    @classmethod
    def _clean_themes(cls, values: list[str]) -> list[str]:
        cleaned = [" ".join(v.lower().replace("_", " ").split())[:40] for v in values]
        return [v for v in dict.fromkeys(cleaned) if v]


class JournalReading(BaseModel):
    """The model's answer for one chunk of entries."""

    entries: list[EntryReading] = Field(min_length=1)
    summary: str = Field(min_length=1)
    suggestions: list[str] = Field(min_length=2, max_length=3)
    next_action: str = Field(min_length=1)
    crisis: bool = False


@dataclass
class Chunk:
    entries: list[JournalEntry]
    block: str  # the entries, redacted and wrapped as data


def system_prompt(entry_count: int) -> str:
    from careercoach.documents.delimit import DATA_NOTICE
    from careercoach.prompts import load_prompt

    return load_prompt("journal_analyze").render(
        data_notice=DATA_NOTICE, themes=", ".join(THEMES), entry_count=str(entry_count)
    )


def _entry_text(entry: JournalEntry, redact: bool) -> str:
    from careercoach.documents.redact import redact_for_model

    header = f"=== entry id={entry.id} date={entry.entry_date}"
    if entry.mood is not None:
        header += f" own mood rating={entry.mood}/5"
    if entry.tags:
        header += " tags=" + ", ".join(entry.tags)
    return f"{header} ===\n{redact_for_model(entry.text, enabled=redact).text.strip()}\n"


def plan_chunks(
    entries: list[JournalEntry], model: str, config: Config, notes: list[str] | None = None
) -> list[Chunk]:
    """Split the entries (oldest first inside a chunk) into chunks that fit the window."""
    from careercoach.documents.delimit import wrap_document
    from careercoach.llm.tokens import context_window, count_tokens

    window = context_window(model, config.get("context_tokens"))
    budget = int(window.total * SAFETY)
    per_chunk = max(
        1, min(MAX_ENTRIES_PER_CHUNK, (window.max_output - OUTPUT_BASE) // OUTPUT_PER_ENTRY)
    )
    overhead = (
        count_tokens(model, system_prompt(per_chunk))
        + count_tokens(model, json.dumps(JournalReading.model_json_schema()))
        + 80  # message framing and the two data markers
    )
    room = budget - overhead - OUTPUT_BASE - OUTPUT_PER_ENTRY
    if room < 64:
        raise BadInput(
            f"the model's context window ({window.total} tokens, {window.source}) is too small "
            "for the journal analysis",
            hint="use a model with a larger window, or set its real size: "
            "careercoach config set context_tokens N",
        )
    redact = bool(config.get("redact"))
    chunks: list[list[tuple[JournalEntry, str]]] = [[]]
    used = 0
    for entry in sorted(entries, key=lambda e: (e.entry_date, e.id or 0)):
        text = _entry_text(entry, redact)
        size = count_tokens(model, text)
        if size > room:
            text, size = _shorten(text, room, size), room
            if notes is not None:
                notes.append(f"entry {entry.id} was shortened to fit the model's context window")
        current = chunks[-1]
        if current and (
            used + size + OUTPUT_PER_ENTRY * len(current) > room or len(current) >= per_chunk
        ):
            chunks.append([])
            current, used = chunks[-1], 0
        current.append((entry, text))
        used += size
    return [
        Chunk(
            [e for e, _ in group], wrap_document("\n".join(t for _, t in group), "journal entries")
        )
        for group in chunks
    ]


def _shorten(text: str, room: int, size: int) -> str:
    keep = max(200, int(len(text) * room / size * 0.95))
    return text[:keep].rstrip() + "\n[... the rest of this entry was left out to fit ...]\n"
