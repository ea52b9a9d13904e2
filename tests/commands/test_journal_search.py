"""journal search: FTS5 ranking, snippets, escaping, safe plain words, syntax errors, triggers."""

from __future__ import annotations

import json

import pytest


def _add(cli, text: str, *tags: str) -> int:
    args = [x for t in tags for x in ("--tag", t)]
    result = cli("journal", "add", text, *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["id"]


def _hits(cli, query: str, *args: str) -> list[dict]:
    result = cli("journal", "search", query, "--json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_ranked_by_bm25_best_first(cli) -> None:
    once = _add(
        cli,
        "A long entry about many things: lunch, the weather, meetings, and "
        "one short mention of the deadline among a lot of other words here.",
    )
    thrice = _add(cli, "Deadline, deadline, deadline.")
    for filler in ("Nothing relevant today.", "Lunch with the team.", "Gym after work."):
        _add(cli, filler)  # so "deadline" is rare enough for bm25 to weigh it
    hits = _hits(cli, "deadline")
    assert [h["id"] for h in hits] == [thrice, once]
    assert hits[0]["score"] < hits[1]["score"]  # bm25: lower is better
    assert {"type", "id", "entry_date", "snippet", "score"} == set(hits[0])
    assert hits[0]["type"] == "journal"


def test_snippet_marks_the_match(cli) -> None:
    _add(cli, "Today the quarterly review went surprisingly well for everyone involved.")
    [hit] = _hits(cli, "review")
    assert "[review]" in hit["snippet"]


def test_all_plain_words_must_appear_and_diacritics_fold(cli) -> None:
    both = _add(cli, "Café meeting about the résumé")
    _add(cli, "Meeting only")
    assert [h["id"] for h in _hits(cli, "cafe meeting")] == [both]
    assert [h["id"] for h in _hits(cli, "resume")] == [both]


def test_tags_are_searchable(cli) -> None:
    tagged = _add(cli, "Plain words", "mentoring")
    assert [h["id"] for h in _hits(cli, "mentoring")] == [tagged]


def test_fts_operators_work_when_used(cli) -> None:
    a = _add(cli, "learning rust at night")
    b = _add(cli, "learning go in the morning")
    assert {h["id"] for h in _hits(cli, "rust OR go")} == {a, b}
    assert [h["id"] for h in _hits(cli, "learning NOT rust")] == [b]
    assert [h["id"] for h in _hits(cli, '"rust at night"')] == [a]
    assert {h["id"] for h in _hits(cli, "learn*")} == {a, b}


@pytest.mark.parametrize("query", ["foo:", "C++", "e-mail", "-", "what?", "50%"])
def test_plain_punctuation_is_safe(cli, query: str) -> None:
    _add(cli, "wrote an e-mail about C++ at 50% speed, foo: what?")
    result = cli("journal", "search", query, "--json")
    assert result.exit_code in (0, 1), result.stderr
    if result.exit_code == 1:  # only a query without any word is refused
        assert "no words" in result.stderr
    else:
        assert json.loads(result.stdout)


@pytest.mark.parametrize("query", ['"unbalanced', "AND", "deadline AND", "text: (", "NEAR("])
def test_fts_syntax_errors_are_plain_exit_1(cli, query: str) -> None:
    _add(cli, "something to search")
    result = cli("journal", "search", query)
    assert result.exit_code == 1
    assert "not a valid full-text query" in result.stderr
    assert "double quotes" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_entry_markup_is_escaped_in_results(cli) -> None:
    _add(cli, "I typed [bold]literally[/bold] and [link=http://x]click[/link] in my notes")
    result = cli("journal", "search", "literally")
    assert result.exit_code == 0
    assert "[bold]" in result.stdout and "literally" in result.stdout
    assert "[link=http://x]click" in cli("journal", "search", "click").stdout


def test_no_hits_says_so(cli) -> None:
    _add(cli, "anything")
    result = cli("journal", "search", "zebra")
    assert result.exit_code == 0 and "No entries match" in result.stdout
    assert _hits(cli, "zebra") == []


def test_limit(cli) -> None:
    for i in range(5):
        _add(cli, f"standup number {i}")
    assert len(_hits(cli, "standup", "--limit", "2")) == 2
    assert cli("journal", "search", "standup", "--limit", "0").exit_code == 1


def test_triggers_keep_the_index_in_step_after_edit_and_delete(cli) -> None:
    entry = _add(cli, "old words about kubernetes")
    assert cli("journal", "edit", str(entry), "--text", "new words about terraform").exit_code == 0
    assert _hits(cli, "kubernetes") == []
    assert [h["id"] for h in _hits(cli, "terraform")] == [entry]
    assert cli("journal", "delete", str(entry), "--yes").exit_code == 0
    assert _hits(cli, "terraform") == []
    from sqlalchemy import text

    from careercoach.store.db import open_store

    with open_store().read_session() as session:
        # The FTS index's own consistency check raises if it disagrees with the table.
        session.execute(text("INSERT INTO journal_fts(journal_fts) VALUES ('integrity-check')"))


def test_non_ascii_tags_are_indexed_as_letters(cli) -> None:
    tagged = _add(cli, "Plain words #Überstunden", "café")
    assert [h["id"] for h in _hits(cli, "uberstunden")] == [tagged]
    assert [h["id"] for h in _hits(cli, "cafe")] == [tagged]
