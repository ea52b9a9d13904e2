"""The interactive chat in a real pseudo-terminal, against the local fake model server."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

PROMPT = "you ›"


def _spawn(*args: str):
    env = dict(
        os.environ,
        TERM="xterm",
        COLUMNS="100",
        LINES="40",
        PYTHONIOENCODING="utf-8",
        PROMPT_TOOLKIT_NO_CPR="1",
    )
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "careercoach", "chat", *args],
        env=env,
        encoding="utf-8",
        timeout=120,  # the first model call imports LiteLLM: seconds on a busy machine
        dimensions=(40, 100),
    )
    child.expect_exact(PROMPT)
    child.welcome = child.before  # what was shown before the first prompt
    return child


def _conversations():
    from careercoach.store import chats
    from careercoach.store.db import open_store

    store = open_store()
    return [(c, chats.messages(store, c.id)) for c in chats.list_conversations(store, limit=None)]


def test_a_conversation_with_slash_commands_is_stored(fake_llm, tmp_path: Path) -> None:
    fake_llm.push_text("Hello! What role are you aiming for?")
    fake_llm.push_text("Then learn **Airflow** next.")
    child = _spawn()
    child.sendline("Hi coach")
    child.expect_exact("What role are you aiming for?")
    child.expect_exact(PROMPT)

    child.sendline("/context")
    child.expect_exact("What the coach knows")
    child.expect_exact("Nothing is stored about the person yet")
    child.expect_exact(PROMPT)

    child.sendline("I want to be a data engineer")
    child.expect_exact("Airflow")
    child.expect_exact(PROMPT)

    transcript = tmp_path / "talk.md"
    child.sendline(f"/save {transcript}")
    child.expect_exact("Saved to")
    child.expect_exact(PROMPT)
    child.sendline("/exit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    [(conversation, messages)] = _conversations()
    assert [(m.role, m.content) for m in messages] == [
        ("user", "Hi coach"),
        ("assistant", "Hello! What role are you aiming for?"),
        ("user", "I want to be a data engineer"),
        ("assistant", "Then learn **Airflow** next."),
    ]
    second = fake_llm.chat_requests[-1].body["messages"]
    assert [m["role"] for m in second] == ["system", "user", "assistant", "user"]
    saved = transcript.read_text("utf-8")
    assert "Hi coach" in saved and "Then learn **Airflow** next." in saved


def test_a_failed_turn_keeps_the_conversation_open(fake_llm, monkeypatch) -> None:
    monkeypatch.setenv("CAREERCOACH_RETRIES", "0")
    fake_llm.push_fault("500")
    fake_llm.push_text("Back again.")
    child = _spawn()
    child.sendline("first try")
    child.expect_exact("Error:")
    child.expect_exact("Your message is saved")
    child.expect_exact(PROMPT)
    child.sendline("second try")
    child.expect_exact("Back again.")
    child.expect_exact(PROMPT)
    child.sendline("/new")
    child.expect_exact("New conversation")
    child.expect_exact(PROMPT)
    child.sendline("/nonsense")
    child.expect_exact("Unknown command /nonsense")
    child.expect_exact(PROMPT)
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    [(_, messages)] = _conversations()
    assert [(m.role, m.content) for m in messages] == [
        ("user", "first try"),
        ("user", "second try"),
        ("assistant", "Back again."),
    ]


def test_continue_shows_the_last_turns_and_model_switch_is_checked(cli, fake_llm) -> None:
    fake_llm.push_text("Earlier answer.")
    assert cli("chat", "an earlier question").exit_code == 0
    child = _spawn("--continue")
    assert "Continuing: an earlier question" in child.welcome
    assert "Earlier answer." in child.welcome
    child.sendline("/model")
    child.expect_exact("Talking to openai/test-model")
    child.expect_exact(PROMPT)
    child.sendline("/analysis 7")
    child.expect_exact("no analysis with id 7")
    child.expect_exact(PROMPT)
    child.sendline("/exit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
