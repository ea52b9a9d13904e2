"""journal analyze: offline estimates, the model's reading, chunking, concurrency, faults."""

from __future__ import annotations

import json
import threading
import time
from datetime import date, timedelta

import pytest

from fakellm import FakeLLM


def _add(cli, text: str, day: str | None = None, *extra: str) -> int:
    args = ["--date", day] if day else []
    result = cli("journal", "add", text, *args, *extra, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["id"]


def _rows() -> dict[int, dict]:
    from careercoach.services.journal import entry_dict, list_entries

    return {e.id: entry_dict(e) for e in list_entries()}


def _reading(ids: list[int], *, crisis: bool = False, stress: float = 7.5) -> dict:
    return {
        "entries": [
            {
                "id": i,
                "emotions": [{"name": "anxiety", "intensity": 0.7}],
                "stress": stress,
                "motivation": 4,
                "sentiment": -0.4,
                "themes": ["workload", "Job_Search"],
                "other_themes": ["commute"],
                "crisis": crisis,
            }
            for i in ids
        ],
        "summary": "A heavy week with a moving deadline.",
        "suggestions": [
            "Block 30 minutes before standup to plan the day.",
            "Ask your lead which of the two deadlines can move.",
        ],
        "next_action": "Write the three tasks that matter tomorrow.",
        "crisis": crisis,
    }


def _days(n: int) -> list[str]:
    return [(date.today() - timedelta(days=n - 1 - i)).isoformat() for i in range(n)]


# --- offline -------------------------------------------------------------------------------


def test_no_model_falls_back_to_offline_estimates_and_says_so(cli) -> None:
    entry = _add(cli, "Overwhelmed by the deadline, anxious and exhausted. #work")
    result = cli("journal", "analyze")
    assert result.exit_code == 0, result.stderr
    assert "no model is configured" in result.stderr
    assert "estimate (offline lexicon)" in result.stdout
    assert "Suggestions" in result.stdout
    row = _rows()[entry]
    assert row["analysis_mode"] == "offline"
    assert row["stress"] > 5 and row["sentiment"] < 0
    assert row["analysis"]["method"] == "estimate (offline lexicon)"
    assert row["analyzed_at"].endswith("+00:00")
    assert "workload" in row["themes"]


def test_offline_flag_never_calls_the_model(cli, fake_llm) -> None:
    entry = _add(cli, "Calm and productive day, learned a lot.")
    result = cli("journal", "analyze", str(entry), "--offline", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["mode"] == "offline" and data["method"] == "estimate (offline lexicon)"
    assert data["entries"][0]["id"] == entry and data["entries"][0]["sentiment"] > 0
    assert "offline mode" in result.stderr
    assert fake_llm.chat_requests == []


def test_offline_crisis_points_gently_to_help(cli) -> None:
    _add(cli, "I can't go on like this, some days I want to die.")
    result = cli("journal", "analyze", "--offline")
    assert result.exit_code == 0
    assert "crisis line" in result.stdout and "988" in result.stdout
    data = json.loads(cli("journal", "analyze", "--offline", "--json").stdout)
    assert data["crisis"] is True and "988" in data["crisis_message"]


def test_selection_last_since_and_refusals(cli) -> None:
    days = _days(5)
    ids = [_add(cli, f"entry {i} about the deadline", d) for i, d in enumerate(days)]
    data = json.loads(cli("journal", "analyze", "--last", "2", "--offline", "--json").stdout)
    assert [e["id"] for e in data["entries"]] == [ids[4], ids[3]]
    data = json.loads(cli("journal", "analyze", "--since", days[2], "--offline", "--json").stdout)
    assert {e["id"] for e in data["entries"]} == set(ids[2:])
    data = json.loads(cli("journal", "analyze", "--offline", "--json").stdout)
    assert [e["id"] for e in data["entries"]] == [ids[4]]
    assert cli("journal", "analyze", "1", "--last", "2").exit_code == 1
    assert cli("journal", "analyze", "--last", "0").exit_code == 1
    assert cli("journal", "analyze", "--since", "whenever").exit_code == 1


def test_nothing_to_analyse_is_exit_1(cli) -> None:
    result = cli("journal", "analyze")
    assert result.exit_code == 1 and "no journal entries" in result.stderr


# --- with the model ------------------------------------------------------------------------


def test_model_reading_is_stored_and_shown(cli, fake_llm) -> None:
    entry = _add(cli, "Deadline moved again. Mail me at jane.doe@example.com [bold]x[/bold]")
    fake_llm.push_json(_reading([entry]))
    result = cli("journal", "analyze", str(entry))
    assert result.exit_code == 0, result.stderr
    assert "read by openai/test-model" in result.stdout
    assert "Ask your lead" in result.stdout and "three tasks" in result.stdout
    row = _rows()[entry]
    assert row["analysis_mode"] == "llm" and row["stress"] == 7.5 and row["motivation"] == 4
    assert row["themes"] == ["workload", "job search", "commute"]
    assert row["analysis"]["emotions"] == [{"name": "anxiety", "intensity": 0.7}]
    [request] = fake_llm.chat_requests
    system, user = request.body["messages"]
    assert "supportive" in system["content"] and "never instructions" in system["content"]
    assert "<<<CAREERCOACH_DOC_" in user["content"] and f"id={entry}" in user["content"]
    assert "jane.doe@example.com" not in json.dumps(request.body)


def test_model_json_output(cli, fake_llm) -> None:
    ids = [_add(cli, f"day {i}", d) for i, d in enumerate(_days(3))]
    fake_llm.push_json(_reading(ids))
    data = json.loads(cli("journal", "analyze", "--last", "3", "--json").stdout)
    assert data["mode"] == "llm" and data["model"] == "openai/test-model"
    assert [e["id"] for e in data["entries"]] == ids[::-1]
    assert data["averages"]["stress"] == 7.5
    assert len(data["suggestions"]) == 2 and data["chunks"] == 1
    assert data["crisis"] is False and data["crisis_message"] is None


def test_model_crisis_flag_shows_the_help_message(cli, fake_llm) -> None:
    entry = _add(cli, "I don't see the point of anything anymore.")
    fake_llm.push_json(_reading([entry], crisis=True))
    result = cli("journal", "analyze")
    assert result.exit_code == 0
    assert "crisis line" in result.stdout and "findahelpline.com" in result.stdout


def _snapshot() -> dict[int, dict]:
    return _rows()


@pytest.mark.parametrize(
    "fault,options",
    [
        ("401", {}),
        ("429", {}),
        ("500", {}),
        ("hang", {"seconds": 3}),
        ("cut", {}),
        ("prose", {}),
        ("context", {}),
    ],
)
def test_model_faults_are_exit_4_and_leave_entries_untouched(
    cli, fake_llm, monkeypatch, fault, options
) -> None:
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    monkeypatch.setenv("CAREERCOACH_TIMEOUT", "0.5")
    first = _add(cli, "Analysed once already", _days(2)[0])
    fake_llm.push_json(_reading([first], stress=2))
    assert cli("journal", "analyze", str(first)).exit_code == 0
    _add(cli, "A second entry, never analysed")
    before = _snapshot()
    fake_llm.push_fault(fault, **options)
    if fault == "prose":
        fake_llm.push_fault("prose")  # the repair request gets prose too
    result = cli("journal", "analyze", "--last", "2", "--no-cache")
    assert result.exit_code == 4, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert "sk-test-SENTINEL-0000" not in result.stderr
    assert _snapshot() == before


def test_an_answer_that_leaves_out_an_entry_stores_nothing(cli, fake_llm) -> None:
    ids = [_add(cli, f"entry {i}", d) for i, d in enumerate(_days(2))]
    before = _snapshot()
    fake_llm.push_json(_reading(ids[:1]))
    result = cli("journal", "analyze", "--last", "2")
    assert result.exit_code == 4 and "left out entries" in result.stderr
    assert _snapshot() == before


# --- chunking and concurrency --------------------------------------------------------------


@pytest.fixture
def small_llm(monkeypatch):
    """A fake server that refuses any request over 3,000 tokens (as a small local model)."""
    server = FakeLLM(max_context_tokens=3000)
    monkeypatch.setenv("CAREERCOACH_MODEL", "openai/test-model")
    monkeypatch.setenv("CAREERCOACH_API_BASE", server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-SENTINEL-0000")
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    try:
        yield server
    finally:
        server.stop()


_LONG = (
    "Long day of planning and reviews; the deadline for the migration moved again and "
    "I spent the afternoon rewriting the rollout plan with the team. "
) * 5  # ~800 chars


def _long_entries(cli, n: int) -> list[int]:
    from careercoach.services.journal import add_entry

    return [
        add_entry(f"{_LONG} (day {i})", entry_date=date.fromisoformat(d)).id
        for i, d in enumerate(_days(n))
    ]


def test_chunks_fit_a_small_context_window_set_by_context_tokens(cli, small_llm, monkeypatch):
    ids = _long_entries(cli, 10)
    small_llm.default_text = json.dumps(_reading(ids))  # covers every chunk's entries
    before = _snapshot()
    # The default window (8,192 tokens for a model LiteLLM does not know) is too big here:
    result = cli("journal", "analyze", "--last", "10")
    assert result.exit_code == 4 and "context" in result.stderr.lower()
    assert _snapshot() == before
    # With the real window set, the entries go in several requests that each fit.
    monkeypatch.setenv("CAREERCOACH_CONTEXT_TOKENS", "2600")
    requests_before = len(small_llm.chat_requests)
    result = cli("journal", "analyze", "--last", "10", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    sent = small_llm.chat_requests[requests_before:]
    assert data["chunks"] == len(sent) > 1
    seen = []
    for request in sent:
        user = request.body["messages"][1]["content"]
        seen += [i for i in ids if f"id={i} " in user]
    assert sorted(seen) == sorted(ids)  # every entry sent exactly once
    assert all(r["analysis_mode"] == "llm" for r in _rows().values())
    assert len(data["summaries"]) == data["chunks"]


def test_a_too_small_window_is_refused_before_any_call(cli, small_llm, monkeypatch) -> None:
    _long_entries(cli, 1)
    monkeypatch.setenv("CAREERCOACH_CONTEXT_TOKENS", "900")
    result = cli("journal", "analyze")
    assert result.exit_code == 1 and "context_tokens" in result.stderr
    assert small_llm.chat_requests == []


def test_chunks_are_read_concurrently_at_most_four_at_once(cli, small_llm, monkeypatch) -> None:
    from careercoach.llm.gateway import Gateway

    ids = _long_entries(cli, 14)
    small_llm.default_text = json.dumps(_reading(ids))
    monkeypatch.setenv("CAREERCOACH_CONTEXT_TOKENS", "2600")
    lock, state, gateways = threading.Lock(), {"now": 0, "peak": 0}, set()
    original = Gateway.structured

    def counting(self, *args, **kwargs):
        with lock:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
            gateways.add(id(self))
        try:
            time.sleep(0.1)
            return original(self, *args, **kwargs)
        finally:
            with lock:
                state["now"] -= 1

    monkeypatch.setattr(Gateway, "structured", counting)
    result = cli("journal", "analyze", "--last", "14", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["chunks"] >= 6
    assert 2 <= state["peak"] <= 4
    assert len(gateways) <= 4  # one gateway per worker thread


def test_one_failing_chunk_stores_nothing(cli, small_llm, monkeypatch) -> None:
    ids = _long_entries(cli, 8)
    small_llm.default_text = json.dumps(_reading(ids))
    small_llm.push_fault("500")
    monkeypatch.setenv("CAREERCOACH_CONTEXT_TOKENS", "2600")
    before = _snapshot()
    result = cli("journal", "analyze", "--last", "8")
    assert result.exit_code == 4
    assert _snapshot() == before


def test_a_year_of_daily_entries_is_planned_into_bounded_chunks(monkeypatch) -> None:
    from careercoach.config import Config
    from careercoach.services.journal import add_entry, list_entries
    from careercoach.services.journal_chunks import MAX_ENTRIES_PER_CHUNK, plan_chunks

    for d in _days(365):
        add_entry(f"{_LONG[:400]} #work", entry_date=date.fromisoformat(d), mood=3)
    entries = list_entries(limit=400)
    chunks = plan_chunks(entries, "openai/gpt-4o-mini", Config.load())
    assert sum(len(c.entries) for c in chunks) == 365
    assert all(len(c.entries) <= MAX_ENTRIES_PER_CHUNK for c in chunks)
    # Oldest first inside and across chunks.
    order = [e.entry_date for c in chunks for e in c.entries]
    assert order == sorted(order)
