"""journal add/list/show/edit/delete: text sources, dates, tags, filters, and refusals."""

from __future__ import annotations

import json
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest


def _add(cli, *args: str, input: str | None = None) -> dict:
    result = cli("journal", "add", *args, "--json", input=input)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _rows() -> list[dict]:
    from careercoach.services.journal import entry_dict, list_entries

    return [entry_dict(e) for e in list_entries()]


def _editor(tmp_path: Path, body: str, name: str = "editor.sh") -> str:
    script = tmp_path / name
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


@pytest.fixture
def on_terminal(monkeypatch):
    monkeypatch.setattr("careercoach.commands.common.Env.stdin_is_tty", property(lambda s: True))


def test_add_text_argument_stores_and_prints_the_entry_with_id(cli) -> None:
    entry = _add(cli, "Shipped the billing fix. #Work #win", "--tag", "Release", "--mood", "4")
    assert isinstance(entry["id"], int)
    assert entry["text"] == "Shipped the billing fix. #Work #win"
    assert entry["tags"] == ["release", "work", "win"]
    assert entry["mood"] == 4
    assert entry["entry_date"] == date.today().isoformat()
    assert entry["created_at"].endswith("+00:00")
    assert _rows()[0]["id"] == entry["id"]


def test_tags_are_merged_lowercased_and_deduplicated(cli) -> None:
    entry = _add(
        cli,
        "Hard #Focus day #focus, #FOCUS again #deep-work. Not a tag: a#b, #1",
        "-t",
        "focus",
        "-t",
        "#Deep-Work",
        "-t",
        "Team",
    )
    assert entry["tags"] == ["focus", "deep-work", "team"]


def test_add_reads_stdin_with_dash_and_when_piped(cli) -> None:
    assert _add(cli, "-", input="From stdin\nsecond line\n")["text"] == "From stdin\nsecond line"
    assert _add(cli, input="Piped without a dash\n")["text"] == "Piped without a dash"


@pytest.mark.parametrize("args,stdin", [(("   ",), None), (("-",), " \n\t\n"), ((), "")])
def test_empty_text_is_exit_1_and_nothing_is_stored(cli, args, stdin) -> None:
    result = cli("journal", "add", *args, input=stdin)
    assert result.exit_code == 1
    assert "empty" in result.stderr
    assert _rows() == []


@pytest.mark.parametrize(
    "form,days_back",
    [("today", 0), ("yesterday", 1), ("3 days ago", 3), ("2 weeks ago", 14)],
)
def test_add_date_forms(cli, form: str, days_back: int) -> None:
    entry = _add(cli, "dated", "--date", form)
    assert entry["entry_date"] == (date.today() - timedelta(days=days_back)).isoformat()


def test_add_weekday_name_is_the_most_recent_such_day(cli) -> None:
    day = date.fromisoformat(_add(cli, "x", "--date", "friday")["entry_date"])
    assert day.weekday() == 4 and 0 <= (date.today() - day).days < 7


@pytest.mark.parametrize("bad", ["2026-02-30", "someday", "13/01/2026", "next week"])
def test_invalid_date_is_exit_1_with_the_accepted_forms(cli, bad: str) -> None:
    result = cli("journal", "add", "text", "--date", bad)
    assert result.exit_code == 1
    assert "--date" in result.stderr and "YYYY-MM-DD" in result.stderr
    assert _rows() == []


def test_future_date_and_bad_mood_are_refused(cli) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    result = cli("journal", "add", "x", "--date", tomorrow)
    assert result.exit_code == 1 and "future" in result.stderr
    result = cli("journal", "add", "x", "--mood", "6")
    assert result.exit_code == 1 and "1 to 5" in result.stderr
    assert _rows() == []


def test_editor_flow_on_a_terminal(cli, tmp_path, monkeypatch, on_terminal) -> None:
    monkeypatch.setenv(
        "EDITOR", _editor(tmp_path, 'printf "Written in the editor #focus\\n" > "$1"')
    )
    entry = _add(cli)
    assert entry["text"] == "Written in the editor #focus"
    assert entry["tags"] == ["focus"]


def test_visual_wins_over_editor_and_editor_may_have_arguments(
    cli, tmp_path, monkeypatch, on_terminal
) -> None:
    monkeypatch.setenv("EDITOR", _editor(tmp_path, 'echo wrong > "$1"', "wrong.sh"))
    monkeypatch.setenv("VISUAL", _editor(tmp_path, 'echo "$1 said" > "$2"', "visual.sh") + " hello")
    assert _add(cli)["text"] == "hello said"


def test_editor_saving_nothing_or_failing_stores_nothing(
    cli, tmp_path, monkeypatch, on_terminal
) -> None:
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "true"))
    result = cli("journal", "add")
    assert result.exit_code == 1 and "empty" in result.stderr
    monkeypatch.setenv("EDITOR", _editor(tmp_path, 'echo text > "$1"; exit 3', "fail.sh"))
    result = cli("journal", "add")
    assert result.exit_code == 1 and "status 3" in result.stderr
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    result = cli("journal", "add")
    assert result.exit_code == 1 and "cannot start the editor" in result.stderr
    assert _rows() == []


def test_no_editor_falls_back_to_a_multiline_prompt(cli, monkeypatch, on_terminal) -> None:
    import questionary

    asked = {}

    class Prompt:
        def ask(self):
            return "Typed into the prompt"

    def fake_text(message, **kwargs):
        asked.update(kwargs)
        return Prompt()

    monkeypatch.setattr(questionary, "text", fake_text)
    assert _add(cli)["text"] == "Typed into the prompt"
    assert asked["multiline"] is True


def _seed(cli) -> list[int]:
    ids = []
    for text, day, tags in [
        ("oldest entry", "2026-01-05", ["a"]),
        ("middle entry", "2026-03-10", ["b", "a"]),
        ("same day, written later", "2026-03-10", ["b"]),
        ("newest entry", "2026-06-01", []),
    ]:
        args = ["--date", day] + [x for t in tags for x in ("--tag", t)]
        ids.append(_add(cli, text, *args)["id"])
    return ids


def test_list_is_newest_first_and_filters(cli) -> None:
    ids = _seed(cli)

    def listed(*args: str) -> list[int]:
        result = cli("journal", "list", "--json", *args)
        assert result.exit_code == 0, result.stderr
        return [e["id"] for e in json.loads(result.stdout)]

    assert listed() == [ids[3], ids[2], ids[1], ids[0]]
    assert listed("--since", "2026-03-10") == [ids[3], ids[2], ids[1]]
    assert listed("--until", "2026-03-10") == [ids[2], ids[1], ids[0]]
    assert listed("--since", "2026-02-01", "--until", "2026-05-01") == [ids[2], ids[1]]
    assert listed("--tag", "A") == [ids[1], ids[0]]
    assert listed("--tag", "#b", "--limit", "1") == [ids[2]]
    assert listed("--tag", "nothing") == []


def test_list_refusals(cli) -> None:
    assert cli("journal", "list", "--since", "2026-05-01", "--until", "2026-01-01").exit_code == 1
    assert cli("journal", "list", "--limit", "0").exit_code == 1
    result = cli("journal", "list", "--since", "soon")
    assert result.exit_code == 1 and "--since" in result.stderr


def test_list_table_shows_date_mood_tags_and_first_line(cli) -> None:
    _add(cli, "First line here\nsecond line hidden", "--mood", "2", "--tag", "work")
    out = cli("journal", "list").stdout
    assert "First line here" in out and "second line hidden" not in out
    assert "2/5" in out and "work" in out and date.today().isoformat() in out
    assert "No journal entries yet" in _empty_list(cli)


def _empty_list(cli) -> str:
    from careercoach.services.journal import delete_entry

    for row in _rows():
        delete_entry(row["id"])
    return cli("journal", "list").stdout


def test_show_prints_the_entry_and_escapes_markup(cli) -> None:
    entry = _add(cli, "I wrote [bold]not bold[/bold] and [red]x[/red] \x1b[31mok")
    result = cli("journal", "show", str(entry["id"]))
    assert result.exit_code == 0
    assert "[bold]not bold[/bold]" in result.stdout and "[red]x[/red]" in result.stdout
    assert "\x1b" not in result.stdout
    shown = json.loads(cli("journal", "show", str(entry["id"]), "--json").stdout)
    assert shown["id"] == entry["id"]


def test_unknown_id_is_exit_1_everywhere(cli) -> None:
    for args in (
        ("show", "99"),
        ("edit", "99", "--text", "x"),
        ("delete", "99", "--yes"),
        ("analyze", "99"),
    ):
        result = cli("journal", *args)
        assert result.exit_code == 1, args
        assert "no journal entry 99" in result.stderr


def test_edit_with_text_keeps_the_edit_time_and_follows_hashtags(cli) -> None:
    entry = _add(cli, "Draft #old", "--tag", "kept")
    result = cli("journal", "edit", str(entry["id"]), "--text", "Final words #new", "--json")
    assert result.exit_code == 0, result.stderr
    edited = json.loads(result.stdout)
    assert edited["changed"] is True
    assert edited["text"] == "Final words #new"
    assert edited["tags"] == ["kept", "new"]
    assert edited["updated_at"] > entry["updated_at"]
    assert edited["created_at"] == entry["created_at"]


def test_edit_from_stdin_and_no_change(cli) -> None:
    entry = _add(cli, "same text")
    result = cli("journal", "edit", str(entry["id"]), "--text", "-", input="same text\n")
    assert result.exit_code == 0 and "No change" in result.stdout
    assert _rows()[0]["updated_at"] == entry["updated_at"]


def test_edit_in_the_editor(cli, tmp_path, monkeypatch, on_terminal) -> None:
    entry = _add(cli, "Before")
    monkeypatch.setenv("EDITOR", _editor(tmp_path, 'printf " and after" >> "$1"'))
    result = cli("journal", "edit", str(entry["id"]))
    assert result.exit_code == 0, result.stderr
    assert _rows()[0]["text"] == "Before and after"


def test_edit_without_text_off_a_terminal_is_exit_1(cli) -> None:
    entry = _add(cli, "keep me")
    result = cli("journal", "edit", str(entry["id"]), input="")
    assert result.exit_code == 1 and "--text" in result.stderr
    result = cli("journal", "edit", str(entry["id"]), "--text", "  ")
    assert result.exit_code == 1 and "empty" in result.stderr
    assert _rows()[0]["text"] == "keep me"


def test_edit_clears_the_stale_analysis(cli) -> None:
    entry = _add(cli, "Stressed and overwhelmed by the deadline")
    assert cli("journal", "analyze", str(entry["id"]), "--offline").exit_code == 0
    assert _rows()[0]["analysis_mode"] == "offline"
    cli("journal", "edit", str(entry["id"]), "--text", "Actually a calm day")
    row = _rows()[0]
    assert row["analysis"] is None and row["stress"] is None and row["analyzed_at"] is None


def test_delete_needs_yes_off_a_terminal(cli) -> None:
    entry = _add(cli, "delete me")
    result = cli("journal", "delete", str(entry["id"]), input="y\n")
    assert result.exit_code == 1 and "--yes" in result.stderr
    assert len(_rows()) == 1
    result = cli("journal", "delete", str(entry["id"]), "--yes")
    assert result.exit_code == 0 and _rows() == []


def test_delete_asks_on_a_terminal(cli, monkeypatch, on_terminal) -> None:
    import questionary

    answers = iter([False, True])

    class Confirm:
        def ask(self):
            return next(answers)

    monkeypatch.setattr(questionary, "confirm", lambda *a, **k: Confirm())
    entry = _add(cli, "maybe delete")
    assert "Kept" in cli("journal", "delete", str(entry["id"])).stdout
    assert len(_rows()) == 1
    assert cli("journal", "delete", str(entry["id"])).exit_code == 0
    assert _rows() == []


def test_context_tokens_config_key(cli) -> None:
    assert cli("config", "set", "context_tokens", "4096").exit_code == 0
    from careercoach.config import Config

    assert Config.load().get("context_tokens") == 4096
    result = cli("config", "set", "context_tokens", "0")
    assert result.exit_code == 1 and "context_tokens" in result.stderr


def test_journal_help_imports_nothing_heavy() -> None:
    import os
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "careercoach", "journal", "--help"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
    )
    assert "analyze" in proc.stdout
    heavy = {"litellm", "sqlmodel", "sqlalchemy", "questionary", "vaderSentiment"}
    loaded = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in proc.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert not loaded & heavy, sorted(loaded & heavy)
