"""The LLM gateway's record keeping in the store: the response cache and the usage log.

The dataclasses here are the interface between llm/ (which calls) and store/ (which keeps);
StoreLedger keeps them in the database. What every model call does (look up the cache, check
the budget, write the usage row, remember the answer) is plain SQL through `Store.connect()`,
stored exactly as the UsageRecord and CacheEntry tables store it (tests/store/test_chat_rows.py
reads it back through SQLModel), so a command served by the warm worker never imports
SQLAlchemy; only `summary()`, for `careercoach usage`, builds its queries with SQLAlchemy.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from careercoach.store.gap_rows import insert_row, utc_text

if TYPE_CHECKING:
    from careercoach.store.db import Store


@dataclass(frozen=True)
class CachedAnswer:
    """A stored model answer, reused for an identical request."""

    text: str
    model: str
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    cost_usd: float | None = None


@dataclass(frozen=True)
class UsageEvent:
    """One model call, whatever its outcome (one row in the usage log)."""

    created_at: datetime  # timezone-aware, UTC
    command: str  # e.g. "chat", "gap", "doctor"
    model: str
    transport: str  # "in-process" | "worker"
    prompt_tokens: int | None
    completion_tokens: int | None
    cost_usd: float | None  # None when LiteLLM's price table does not know the model
    latency_ms: int
    cache_hit: bool
    outcome: str  # "ok" or the failure kind: auth, rate_limit, timeout, server, connection,
    # bad_request, context, not_found, invalid_answer, incomplete, interrupted, budget


class StoreLedger:
    """The gateway's cache and usage log kept in careercoach's database.

    Money and tokens count only calls that reached a model: a cache hit costs nothing. A cost
    of None means the price is unknown (LiteLLM's table does not know the model); such calls
    are counted in unknown_cost_calls, never summed as 0. Record 0.0 for a call known to be
    free.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def cached(self, key: str) -> CachedAnswer | None:
        """The answer stored under `key` (a sha256 hex of the request), or None."""
        with self.store.connect() as conn:
            row = conn.execute(
                "SELECT text, model, prompt_tokens, completion_tokens, cost_usd FROM cache "
                'WHERE "key" = ?',
                (key,),
            ).fetchone()
        return None if row is None else CachedAnswer(**dict(row))

    def remember(self, key: str, answer: CachedAnswer) -> None:
        """Store `answer` under `key`, replacing what was there."""
        with self.store.connect(write=True) as conn:
            conn.execute(
                'INSERT INTO cache ("key", model, text, prompt_tokens, completion_tokens, '
                "cost_usd, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                'ON CONFLICT ("key") DO UPDATE SET model = excluded.model, '
                "text = excluded.text, prompt_tokens = excluded.prompt_tokens, "
                "completion_tokens = excluded.completion_tokens, cost_usd = excluded.cost_usd, "
                "created_at = excluded.created_at",
                (
                    key,
                    answer.model,
                    answer.text,
                    answer.prompt_tokens,
                    answer.completion_tokens,
                    answer.cost_usd,
                    utc_text(datetime.now(timezone.utc)),
                ),
            )

    def record(self, event: UsageEvent) -> None:
        """Add one model call to the usage log (created_at must be timezone-aware)."""
        if event.created_at.tzinfo is None or event.created_at.utcoffset() is None:
            raise ValueError("UsageEvent.created_at must be timezone-aware (UTC)")
        row = {**dataclasses.asdict(event), "created_at": utc_text(event.created_at)}
        row["cache_hit"] = int(event.cache_hit)
        with self.store.connect(write=True) as conn:
            insert_row(conn, "usage", row)

    def month_cost_usd(self, now: datetime) -> float:
        """What this calendar month (UTC) of `now` has cost so far, known prices only."""
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("now must be timezone-aware")
        now = now.astimezone(timezone.utc)
        start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        if start.month == 12:
            end = start.replace(year=start.year + 1, month=1)
        else:
            end = start.replace(month=start.month + 1)
        with self.store.connect() as conn:
            spent = conn.execute(
                "SELECT coalesce(sum(cost_usd), 0.0) FROM usage "
                "WHERE created_at >= ? AND created_at < ? AND cache_hit IS 0",
                (utc_text(start), utc_text(end)),
            ).fetchone()[0]
        return round(float(spent), 6)

    def summary(self) -> dict[str, Any]:
        """Totals and breakdowns by model, command and month (YYYY-MM, UTC) of the usage log.

        {"totals": F, "by_model": [{"model": ..., **F}], "by_command": [{"command": ..., **F}],
        "by_month": [{"month": "2026-11", **F}]} where F holds calls, prompt_tokens,
        completion_tokens, cost_usd (None when every paid call's price is unknown),
        unknown_cost_calls, cache_hits, cache_hit_rate (0..1) and failures (outcome not "ok").
        """
        from sqlalchemy import String, func, select

        from careercoach.store.models import UsageRecord

        table = UsageRecord.__table__.c  # type: ignore[attr-defined]
        figures = _figure_columns(table)
        month = func.substr(table.created_at, 1, 7, type_=String).label("month")
        with self.store.read_session() as session:
            totals = session.exec(select(*figures)).one()
            models = session.exec(select(table.model, *figures).group_by(table.model)).all()
            commands = session.exec(
                select(table.command, *figures).group_by(table.command)
            ).all()
            months = session.exec(select(month, *figures).group_by(month).order_by(month)).all()

        def by_calls(rows: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
            return sorted(rows, key=lambda row: (-row["calls"], row[name]))

        return {
            "totals": _figures(totals._mapping),
            "by_model": by_calls(
                [{"model": r.model, **_figures(r._mapping)} for r in models], "model"
            ),
            "by_command": by_calls(
                [{"command": r.command, **_figures(r._mapping)} for r in commands], "command"
            ),
            "by_month": [{"month": r.month, **_figures(r._mapping)} for r in months],
        }


def _figure_columns(table: Any) -> list[Any]:
    from sqlalchemy import and_, case, func

    paid = table.cache_hit.is_(False)

    def count_where(condition: Any) -> Any:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    return [
        func.count().label("calls"),
        func.coalesce(func.sum(case((paid, table.prompt_tokens))), 0).label("prompt_tokens"),
        func.coalesce(func.sum(case((paid, table.completion_tokens))), 0).label(
            "completion_tokens"
        ),
        func.sum(case((paid, table.cost_usd))).label("cost_usd"),
        count_where(and_(paid, table.cost_usd.is_(None))).label("unknown_cost_calls"),
        count_where(table.cache_hit.is_(True)).label("cache_hits"),
        count_where(table.outcome != "ok").label("failures"),
    ]


def _figures(row: Any) -> dict[str, Any]:
    calls = int(row["calls"])
    unknown = int(row["unknown_cost_calls"])
    known = row["cost_usd"]
    cache_hits = int(row["cache_hits"])
    if known is not None:
        cost: float | None = round(float(known), 6)
    else:
        cost = None if unknown else 0.0
    return {
        "calls": calls,
        "prompt_tokens": int(row["prompt_tokens"]),
        "completion_tokens": int(row["completion_tokens"]),
        "cost_usd": cost,
        "unknown_cost_calls": unknown,
        "cache_hits": cache_hits,
        "cache_hit_rate": round(cache_hits / calls, 4) if calls else 0.0,
        "failures": int(row["failures"]),
    }
