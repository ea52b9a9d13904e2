"""StoreLedger: the response cache, the usage log, the month's cost and the usage summary."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlmodel import select

from careercoach.store.db import Store, open_store
from careercoach.store.ledger import CachedAnswer, StoreLedger, UsageEvent
from careercoach.store.models import UsageRecord

UTC = timezone.utc
TOKYO = timezone(timedelta(hours=9))
NEW_YORK = timezone(timedelta(hours=-5))


@pytest.fixture
def store(coach_home: Path) -> Iterator[Store]:
    opened = open_store()
    yield opened
    opened.close()


@pytest.fixture
def ledger(store: Store) -> StoreLedger:
    return StoreLedger(store)


def event(
    when: datetime,
    *,
    command: str = "chat",
    model: str = "openai/gpt-4o-mini",
    prompt_tokens: int | None = 100,
    completion_tokens: int | None = 20,
    cost_usd: float | None = 0.001,
    cache_hit: bool = False,
    outcome: str = "ok",
) -> UsageEvent:
    return UsageEvent(
        created_at=when,
        command=command,
        model=model,
        transport="in-process",
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        cost_usd=cost_usd,
        latency_ms=420,
        cache_hit=cache_hit,
        outcome=outcome,
    )


def test_an_unknown_key_is_not_cached(ledger: StoreLedger) -> None:
    assert ledger.cached("0" * 64) is None


def test_a_remembered_answer_comes_back_and_is_replaced_by_a_newer_one(
    ledger: StoreLedger,
) -> None:
    key = "ab" * 32
    first = CachedAnswer(text="Learn SQL.", model="m", prompt_tokens=10, completion_tokens=3,
                         cost_usd=0.0004)
    ledger.remember(key, first)
    assert ledger.cached(key) == first

    second = CachedAnswer(text="Learn dbt.", model="m2")
    ledger.remember(key, second)
    assert ledger.cached(key) == second


def test_a_recorded_event_round_trips_with_its_time_in_utc(
    ledger: StoreLedger, store: Store
) -> None:
    when = datetime(2026, 11, 21, 21, 30, 15, 123456, tzinfo=TOKYO)
    ledger.record(event(when, cost_usd=None, cache_hit=True, outcome="timeout"))
    with store.read_session() as session:
        [row] = session.exec(select(UsageRecord)).all()
    assert row.created_at == when
    assert row.created_at.tzinfo == UTC
    assert row.created_at.hour == 12
    assert (row.cost_usd, row.cache_hit, row.outcome) == (None, True, "timeout")
    assert (row.prompt_tokens, row.completion_tokens, row.latency_ms) == (100, 20, 420)
    with store.read_session() as session:
        stored = session.connection().exec_driver_sql("SELECT created_at FROM usage").scalar()
    assert stored == "2026-11-21T12:30:15.123456+00:00"


def test_a_naive_time_is_refused(ledger: StoreLedger) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        ledger.record(event(datetime(2026, 11, 21, 12, 0)))
    with pytest.raises(ValueError, match="timezone-aware"):
        ledger.month_cost_usd(datetime(2026, 11, 21, 12, 0))


def test_the_month_cost_counts_this_utc_month_s_paid_calls(ledger: StoreLedger) -> None:
    for e in [
        event(datetime(2026, 11, 1, 0, 0, tzinfo=UTC), cost_usd=0.25),
        event(datetime(2026, 11, 30, 23, 59, 59, tzinfo=UTC), cost_usd=0.5),
        event(datetime(2026, 11, 15, tzinfo=UTC), cost_usd=0.125, outcome="timeout"),
        event(datetime(2026, 11, 15, tzinfo=UTC), cost_usd=9.0, cache_hit=True),  # free
        event(datetime(2026, 11, 15, tzinfo=UTC), cost_usd=None),  # price unknown
        event(datetime(2026, 10, 31, 23, 59, 59, tzinfo=UTC), cost_usd=4.0),
        event(datetime(2026, 12, 1, 0, 0, tzinfo=UTC), cost_usd=8.0),
        # Local times that fall in another UTC month.
        event(datetime(2026, 11, 1, 1, 0, tzinfo=TOKYO), cost_usd=16.0),  # 31 Oct UTC
        event(datetime(2026, 11, 30, 20, 0, tzinfo=NEW_YORK), cost_usd=32.0),  # 1 Dec UTC
    ]:
        ledger.record(e)
    assert ledger.month_cost_usd(datetime(2026, 11, 21, tzinfo=UTC)) == pytest.approx(0.875)
    # 1 December 05:00 in Tokyo is still November in UTC.
    assert ledger.month_cost_usd(datetime(2026, 12, 1, 5, 0, tzinfo=TOKYO)) == pytest.approx(
        0.875
    )
    assert ledger.month_cost_usd(datetime(2026, 12, 24, tzinfo=UTC)) == pytest.approx(40.0)
    assert ledger.month_cost_usd(datetime(2027, 1, 2, tzinfo=UTC)) == 0.0


def test_the_summary_of_an_empty_log_is_all_zeros(ledger: StoreLedger) -> None:
    assert ledger.summary() == {
        "totals": {
            "calls": 0,
            "prompt_tokens": 0,
            "completion_tokens": 0,
            "cost_usd": 0.0,
            "unknown_cost_calls": 0,
            "cache_hits": 0,
            "cache_hit_rate": 0.0,
            "failures": 0,
        },
        "by_model": [],
        "by_command": [],
        "by_month": [],
    }


def test_the_summary_adds_up_by_model_command_and_month(ledger: StoreLedger) -> None:
    gpt, local = "openai/gpt-4o-mini", "ollama/llama3.1"
    for e in [
        event(datetime(2026, 10, 5, tzinfo=UTC), model=gpt, command="gap", cost_usd=0.01,
              prompt_tokens=1000, completion_tokens=200),
        event(datetime(2026, 11, 2, tzinfo=UTC), model=gpt, command="chat", cost_usd=0.02,
              prompt_tokens=500, completion_tokens=100),
        event(datetime(2026, 11, 3, tzinfo=UTC), model=gpt, command="chat", cost_usd=0.02,
              prompt_tokens=500, completion_tokens=100, cache_hit=True),
        event(datetime(2026, 11, 4, tzinfo=UTC), model=gpt, command="chat", cost_usd=None,
              prompt_tokens=None, completion_tokens=None, outcome="rate_limit"),
        event(datetime(2026, 11, 5, tzinfo=UTC), model=local, command="chat", cost_usd=None,
              prompt_tokens=300, completion_tokens=60),
    ]:
        ledger.record(e)

    report = ledger.summary()
    assert report["totals"] == {
        "calls": 5,
        "prompt_tokens": 1800,  # the cache hit's tokens were not sent again
        "completion_tokens": 360,
        "cost_usd": pytest.approx(0.03),
        "unknown_cost_calls": 2,
        "cache_hits": 1,
        "cache_hit_rate": 0.2,
        "failures": 1,
    }
    by_model = {row["model"]: row for row in report["by_model"]}
    assert [row["model"] for row in report["by_model"]] == [gpt, local]  # most calls first
    assert by_model[gpt]["calls"] == 4
    assert by_model[gpt]["cost_usd"] == pytest.approx(0.03)
    assert by_model[gpt]["unknown_cost_calls"] == 1
    assert by_model[gpt]["cache_hit_rate"] == 0.25
    # Every paid call of the local model has an unknown price: its cost is unknown, not 0.
    assert by_model[local]["cost_usd"] is None
    assert by_model[local]["unknown_cost_calls"] == 1
    assert by_model[local]["prompt_tokens"] == 300

    by_command = {row["command"]: row for row in report["by_command"]}
    assert [row["command"] for row in report["by_command"]] == ["chat", "gap"]
    assert (by_command["chat"]["calls"], by_command["chat"]["failures"]) == (4, 1)
    assert by_command["gap"]["cost_usd"] == pytest.approx(0.01)

    assert [row["month"] for row in report["by_month"]] == ["2026-10", "2026-11"]
    october, november = report["by_month"]
    assert (october["calls"], october["prompt_tokens"]) == (1, 1000)
    assert november["calls"] == 4
    assert november["cost_usd"] == pytest.approx(0.02)
    assert november["cache_hits"] == 1


def test_only_cache_hits_cost_nothing_rather_than_unknown(ledger: StoreLedger) -> None:
    ledger.record(event(datetime(2026, 11, 5, tzinfo=UTC), cost_usd=None, cache_hit=True))
    totals = ledger.summary()["totals"]
    assert (totals["cost_usd"], totals["unknown_cost_calls"]) == (0.0, 0)


def test_the_month_of_a_late_evening_call_is_its_utc_month(ledger: StoreLedger) -> None:
    ledger.record(event(datetime(2026, 11, 30, 22, 0, tzinfo=NEW_YORK)))
    assert [row["month"] for row in ledger.summary()["by_month"]] == ["2026-12"]
