"""chat MESSAGE / chat -: streamed through the real LiteLLM path to the local fake server."""

from __future__ import annotations

import json


def _conversation_rows():
    from careercoach.store import chats
    from careercoach.store.db import open_store

    store = open_store()
    return [(c, chats.messages(store, c.id)) for c in chats.list_conversations(store, limit=None)]


def test_one_shot_chat_streams_and_stores_both_turns(cli, fake_llm) -> None:
    fake_llm.push_text("Learn SQL first, then Python. **Start today.**")
    result = cli("chat", "How do I become a data engineer?")
    assert result.exit_code == 0, result.stderr
    assert "Learn SQL first, then Python." in result.stdout
    body = fake_llm.chat_requests[-1].body
    assert body["stream"] is True
    assert body["messages"][0]["role"] == "system"
    assert "career coach" in body["messages"][0]["content"]
    assert body["messages"][-1] == {"role": "user", "content": "How do I become a data engineer?"}
    [(conversation, messages)] = _conversation_rows()
    assert [(m.role, m.content) for m in messages] == [
        ("user", "How do I become a data engineer?"),
        ("assistant", "Learn SQL first, then Python. **Start today.**"),
    ]


def test_chat_reads_stdin_with_dash(cli, fake_llm) -> None:
    fake_llm.push_text("Use numbers.")
    result = cli("chat", "-", input="Rewrite: responsible for reports\n")
    assert result.exit_code == 0
    assert fake_llm.chat_requests[-1].body["messages"][-1]["content"].startswith("Rewrite:")


def test_chat_json_prints_one_document(cli, fake_llm) -> None:
    fake_llm.push_text("Short answer.")
    result = cli("chat", "hi", "--json")
    data = json.loads(result.stdout)
    assert data["reply"] == "Short answer."
    assert data["model"]
    assert isinstance(data["conversation_id"], int)


def test_continue_sends_the_history(cli, fake_llm) -> None:
    fake_llm.push_text("First answer.")
    cli("chat", "first question")
    fake_llm.push_text("Second answer.")
    cli("chat", "--continue", "second question")
    sent = fake_llm.chat_requests[-1].body["messages"]
    assert [m["content"] for m in sent[1:]] == [
        "first question",
        "First answer.",
        "second question",
    ]
    assert len(_conversation_rows()) == 1


def test_model_text_is_sanitised(cli, fake_llm) -> None:
    fake_llm.push_text("safe \x1b[31mred\x1b[0m \x1b]0;title\x07text [bold]x[/bold]")
    result = cli("chat", "hi")
    assert "\x1b" not in result.stdout
    assert "safe red text [bold]x[/bold]" in result.stdout


def test_empty_message_is_exit_1(cli, fake_llm) -> None:
    result = cli("chat", "-", input="   \n")
    assert result.exit_code == 1
    assert "empty" in result.stderr
    assert fake_llm.chat_requests == []


def test_no_model_configured_is_exit_3_and_calls_nothing(cli) -> None:
    result = cli("chat", "hello")
    assert result.exit_code == 3
    assert "no model" in result.stderr.lower()
    assert "careercoach setup" in result.stderr


def test_offline_is_exit_3(cli, fake_llm) -> None:
    result = cli("chat", "--offline", "hello")
    assert result.exit_code == 3
    assert fake_llm.chat_requests == []


def test_rejected_key_is_exit_4_and_the_question_is_kept(cli, fake_llm) -> None:
    fake_llm.push_fault("401")
    result = cli("chat", "keep this question")
    assert result.exit_code == 4
    assert "key" in result.stderr.lower()
    assert "sk-test-SENTINEL-0000" not in result.stderr + result.stdout
    [(_, messages)] = _conversation_rows()
    assert [(m.role, m.content) for m in messages] == [("user", "keep this question")]


def test_cut_stream_is_exit_4_and_not_stored_as_an_answer(cli, fake_llm) -> None:
    fake_llm.push_fault("cut", after_chunks=2)
    result = cli("chat", "tell me")
    assert result.exit_code == 4
    [(_, messages)] = _conversation_rows()
    # What arrived is kept, marked incomplete, and never sent back as if said in full.
    assert [(m.role, m.complete) for m in messages] == [("user", True), ("assistant", False)]
    fake_llm.push_text("whole answer")
    assert cli("chat", "--continue", "again").exit_code == 0
    sent = fake_llm.chat_requests[-1].body["messages"]
    assert [m["role"] for m in sent] == ["system", "user", "user"]


def test_rate_limit_then_success_is_retried(cli, fake_llm, monkeypatch) -> None:
    monkeypatch.setenv("CAREERCOACH_RETRIES", "2")
    fake_llm.push_fault("429", retry_after=0)
    fake_llm.push_text("after the retry")
    result = cli("chat", "hi")
    assert result.exit_code == 0
    assert "after the retry" in result.stdout
    assert len(fake_llm.chat_requests) == 2


def test_timeout_is_exit_4(cli, fake_llm, monkeypatch) -> None:
    monkeypatch.setenv("CAREERCOACH_TIMEOUT", "0.5")
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    fake_llm.push_fault("hang", seconds=3)
    result = cli("chat", "hi")
    assert result.exit_code == 4
    assert "timed out" in result.stderr.lower() or "timeout" in result.stderr.lower()


def test_cache_answers_identical_request_and_no_cache_bypasses(cli, fake_llm) -> None:
    fake_llm.push_text("cached answer")
    cli("chat", "same question")
    before = len(fake_llm.chat_requests)
    again = cli("chat", "same question")
    assert "cached answer" in again.stdout
    assert len(fake_llm.chat_requests) == before
    fake_llm.push_text("fresh answer")
    fresh = cli("chat", "--no-cache", "same question")
    assert "fresh answer" in fresh.stdout
    assert len(fake_llm.chat_requests) == before + 1


def test_usage_records_every_call(cli, fake_llm) -> None:
    fake_llm.push_text("one")
    cli("chat", "q1")
    fake_llm.push_fault("401")
    cli("chat", "q2")
    report = json.loads(cli("usage", "--json").stdout)
    assert report["totals"]["calls"] == 2
    assert report["totals"]["failures"] == 1
    assert report["by_command"][0]["command"] == "chat"
    table = cli("usage")
    assert table.exit_code == 0 and "By model" in table.stdout


def test_budget_reached_is_exit_3_with_figures(cli, fake_llm, monkeypatch) -> None:
    from datetime import datetime, timezone

    from careercoach.store.db import open_store
    from careercoach.store.ledger import StoreLedger, UsageEvent

    StoreLedger(open_store()).record(
        UsageEvent(
            datetime.now(timezone.utc),
            "chat",
            "openai/test-model",
            "in-process",
            10,
            10,
            5.0,
            100,
            False,
            "ok",
        )
    )
    monkeypatch.setenv("CAREERCOACH_BUDGET_MONTHLY_USD", "1")
    result = cli("chat", "hi")
    assert result.exit_code == 3
    assert "$5" in result.stderr and "$1" in result.stderr
    assert fake_llm.chat_requests == []
