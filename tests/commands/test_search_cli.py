"""careercoach search: one ranked full-text search over every stored text, its JSON shape,
the open commands, --type and --limit, bad input refused with nothing changed, and no heavy
imports."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CV_MD = str(ROOT / "examples" / "cv.md")
POSTING = str(ROOT / "examples" / "posting.md")
TYPES = {"journal", "cv", "job", "analysis", "chat", "letter", "application"}


def _ok(cli, *args: str, input: str | None = None):
    result = cli(*args, input=input)
    assert result.exit_code == 0, result.stderr
    return result


def _hits(cli, query: str, *args: str) -> list[dict]:
    return json.loads(_ok(cli, "search", query, "--json", *args).stdout)


def _index_rows(code: int) -> int:
    """Rows of one type left in search_fts itself: search() skips rows whose record is gone,
    so only the index can show a delete trigger that did not run."""
    from careercoach.store.db import open_store

    with open_store().connect() as conn:
        return conn.execute(
            "SELECT count(*) FROM search_fts WHERE rowid % 8 = ?", (code,)
        ).fetchone()[0]


def _journal(cli, text: str, *tags: str) -> int:
    args = [x for t in tags for x in ("--tag", t)]
    return json.loads(_ok(cli, "journal", "add", text, *args, "--json").stdout)["id"]


def _chat(title: str, *turns: str) -> tuple[int, list[int]]:
    """A stored conversation (the chat command needs a model; the store does not)."""
    from careercoach.store.chats import add_message, create_conversation
    from careercoach.store.db import open_store

    store = open_store()
    conversation = create_conversation(store, title)
    roles = ["user", "assistant"]
    ids = [add_message(store, conversation.id, roles[i % 2], t).id for i, t in enumerate(turns)]
    return conversation.id, ids


def _letter(text: str, job_id: int | None = None) -> int:
    """A stored letter, as `careercoach letter` keeps them (the letter table of m006)."""
    from sqlalchemy import text as sql

    from careercoach.store.db import open_store

    with open_store().session() as session:
        return int(
            session.execute(
                sql(
                    "INSERT INTO letter (job_id, tone, text, mode, warnings, created_at) "
                    "VALUES (:job, 'warm', :text, 'llm', '[]', '2026-03-01T10:00:00+00:00') "
                    "RETURNING id"
                ),
                {"job": job_id, "text": text},
            ).scalar_one()
        )


@pytest.fixture
def everything(cli) -> dict[str, int]:
    """One record of each type, every one of them mentioning Snowflake."""
    ids = {"journal": _journal(cli, "Spent the evening on a Snowflake tutorial #learning")}
    ids["cv"] = json.loads(_ok(cli, "cv", "add", CV_MD, "--json").stdout)["id"]
    ids["job"] = json.loads(_ok(cli, "job", "add", POSTING, "--json").stdout)["id"]
    gap = _ok(cli, "gap", "--cv", str(ids["cv"]), "--job", str(ids["job"]), "--offline", "--json")
    ids["analysis"] = json.loads(gap.stdout)["id"]
    conversation, messages = _chat(
        "Learning plan", "How do I learn Snowflake quickly?", "Start with the free trial."
    )
    ids["chat"], ids["conversation"] = messages[0], conversation
    ids["letter"] = _letter("I have used Snowflake daily for two years.", ids["job"])
    ids["application"] = json.loads(_ok(cli, "apply", "add", str(ids["job"]), "--json").stdout)[
        "id"
    ]
    _ok(cli, "apply", "update", str(ids["application"]), "--note", "Asked about Snowflake costs")
    return ids


def test_json_is_an_array_of_hits_with_the_contract_fields(cli, everything) -> None:
    hits = _hits(cli, "snowflake", "--limit", "50")
    assert isinstance(hits, list) and {h["type"] for h in hits} == TYPES
    for hit in hits:
        assert {"type", "id", "snippet"} <= set(hit)
        assert {"title", "score", "rank", "created_at", "open"} <= set(hit)
        assert isinstance(hit["id"], int) and isinstance(hit["snippet"], str)
        assert "[snowflake]" in (hit["snippet"] + hit["title"]).lower()
        assert hit["created_at"] is None or hit["created_at"].endswith("+00:00")
    assert [h["rank"] for h in hits] == list(range(1, len(hits) + 1))
    assert [h["score"] for h in hits] == sorted(h["score"] for h in hits)  # bm25: lower first
    by_type = {h["type"]: h for h in hits}
    for kind in TYPES:
        assert by_type[kind]["id"] == everything[kind]
    assert by_type["chat"]["conversation_id"] == everything["conversation"]
    assert by_type["chat"]["role"] == "user"  # the question, not the answer, names Snowflake
    assert by_type["analysis"]["title"].startswith("gap ")
    assert "{" not in by_type["analysis"]["snippet"]  # the JSON report reads as words


def test_each_hit_names_a_command_that_opens_it(cli, everything) -> None:
    from careercoach.cli import COMMANDS

    opens = {h["type"]: h["open"] for h in _hits(cli, "snowflake", "--limit", "50")}
    assert opens == {
        "journal": f"careercoach journal show {everything['journal']}",
        "cv": f"careercoach cv show {everything['cv']}",
        "job": f"careercoach job show {everything['job']}",
        "analysis": f"careercoach analyses show {everything['analysis']}",
        "chat": f"careercoach chat show {everything['conversation']}",
        "letter": f"careercoach letter show {everything['letter']}",
        "application": f"careercoach apply show {everything['application']}",
    }
    for kind, command in opens.items():
        assert command.split()[1] in COMMANDS, kind
        result = cli(*command.split()[1:])
        assert result.exit_code == 0, (command, result.stderr)


def test_ranked_by_bm25_with_titles_counting(cli) -> None:
    once = _journal(
        cli,
        "A long day of many things: lunch, the weather, meetings, and one short mention of "
        "the offer among a lot of other words written here.",
    )
    thrice = _journal(cli, "Offer, offer, offer!")
    for filler in ("Nothing relevant today.", "Lunch with the team.", "Gym after work."):
        _journal(cli, filler)
    assert [h["id"] for h in _hits(cli, "offer")] == [thrice, once]
    titled = _letter("A letter body that never says the word.")
    _journal(cli, "warm words only in the body of this warm entry")
    found = _hits(cli, "warm")
    assert found[0]["type"] == "letter" and found[0]["id"] == titled  # its title is "letter warm"


def test_type_filter_repeatable_and_plural(cli, everything) -> None:
    assert {h["type"] for h in _hits(cli, "snowflake", "--type", "cv")} == {"cv"}
    both = _hits(cli, "snowflake", "-t", "journal", "--type", "letters")
    assert {h["type"] for h in both} == {"journal", "letter"}
    assert {h["type"] for h in _hits(cli, "snowflake", "--type", "Analyses")} == {"analysis"}


def test_limit(cli) -> None:
    for i in range(5):
        _journal(cli, f"standup number {i}")
    assert len(_hits(cli, "standup")) == 5
    assert len(_hits(cli, "standup", "--limit", "2")) == 2
    assert [h["rank"] for h in _hits(cli, "standup", "-n", "3")] == [1, 2, 3]


def test_fts_operators_work_when_used(cli) -> None:
    a = _journal(cli, "learning rust at night")
    b = _journal(cli, "learning go in the morning")
    assert {h["id"] for h in _hits(cli, "rust OR go")} == {a, b}
    assert [h["id"] for h in _hits(cli, "learning NOT rust")] == [b]
    assert [h["id"] for h in _hits(cli, '"rust at night"')] == [a]
    assert {h["id"] for h in _hits(cli, "learn*")} == {a, b}
    letter = _letter("nothing about rust here either")
    assert [h["id"] for h in _hits(cli, "title:warm")] == [letter]


@pytest.mark.parametrize("query", ["C++", "e-mail", "foo:", "what?", "50%"])
def test_plain_punctuation_is_searched_as_words(cli, query: str) -> None:
    entry = _journal(cli, "wrote an e-mail about C++ at 50% speed, foo: what?")
    assert [h["id"] for h in _hits(cli, query)] == [entry]


def _db_state(home: Path) -> dict[str, str]:
    """The database and its write-ahead log (-shm, SQLite's read bookkeeping, aside)."""
    files = sorted(p for p in home.glob("careercoach.db*") if p.is_file() and p.suffix != ".db-shm")
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (['"unbalanced'], "not a valid full-text query", "double quotes"),
        (["AND"], "not a valid full-text query", "double quotes"),
        (["deadline AND"], "not a valid full-text query", "double quotes"),
        (["NEAR("], "not a valid full-text query", "double quotes"),
        (["body: ("], "not a valid full-text query", "double quotes"),
        ([""], "has no words", "search for a word"),
        (["   "], "has no words", "search for a word"),
        (["?! …"], "has no words", "search for a word"),
        (["python", "--type", "emails"], "unknown --type 'emails'", "journal, cv, job"),
        (["python", "--limit", "0"], "--limit 0 is not positive", "1 or more"),
    ],
)
def test_bad_input_is_one_line_exit_1_and_changes_nothing(
    cli, coach_home: Path, args: list[str], message: str, hint: str
) -> None:
    _journal(cli, "something to search for, python included")
    before = _db_state(coach_home)
    for extra in ([], ["--json"]):
        result = cli("search", *args, *extra)
        assert result.exit_code == 1, result.stdout
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 2, result.stderr  # the message and its hint, one line each
        assert lines[0].startswith("Error:") and message in lines[0]
        assert lines[1].startswith("Hint:") and hint in lines[1]
        assert "Traceback" not in result.stderr
    assert _db_state(coach_home) == before


def test_human_output_highlights_and_names_the_open_command(cli, everything) -> None:
    out = _ok(cli, "search", "snowflake", "--limit", "50").stdout
    assert f"careercoach journal show {everything['journal']}" in out
    assert f"careercoach chat show {everything['conversation']}" in out
    assert f"job #{everything['job']}" in out and "Learning plan" in out
    assert "hit(s), best first" in out
    assert "\x02" not in out and "\x03" not in out


def test_stored_markup_is_shown_as_text(cli) -> None:
    _journal(cli, "I typed [bold]literally[/bold] and [link=http://x]click[/link] here")
    out = _ok(cli, "search", "literally").stdout
    assert "[bold]literally[/bold]" in out and "[link=http://x]click[/link]" in out


def test_no_hits_says_so(cli) -> None:
    _journal(cli, "anything")
    assert "Nothing stored matches 'zebra'" in _ok(cli, "search", "zebra").stdout
    assert "among cv" in _ok(cli, "search", "anything", "--type", "cv").stdout
    assert _hits(cli, "zebra") == []


def test_search_on_a_fresh_install(cli) -> None:
    assert _hits(cli, "anything") == []


def test_the_index_follows_edits_and_removals(cli, everything) -> None:
    _ok(cli, "job", "remove", str(everything["job"]), "--yes")
    assert "job" not in {h["type"] for h in _hits(cli, "snowflake", "--limit", "50")}
    assert _index_rows(3) == 0
    entry = everything["journal"]
    _ok(cli, "journal", "edit", str(entry), "--text", "now about terraform instead")
    assert [h["id"] for h in _hits(cli, "terraform", "--type", "journal")] == [entry]
    assert "journal" not in {h["type"] for h in _hits(cli, "snowflake", "--limit", "50")}


def test_search_imports_no_model_and_no_orm(cli, coach_home: Path) -> None:
    _journal(cli, "a database at the current schema")
    code = (
        "import sys\n"
        "from careercoach.cli import app\n"
        "try:\n"
        "    app(['search', 'schema', '--json'])\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "heavy = sorted(loaded & {'litellm', 'sqlalchemy', 'sqlmodel'})\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"CAREERCOACH_HOME": str(coach_home), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["type"] == "journal"
    assert "HEAVY []" in result.stderr


def test_application_notes_are_found_and_follow_the_timeline(cli) -> None:
    job = json.loads(_ok(cli, "job", "add", POSTING, "--json").stdout)["id"]
    app = json.loads(_ok(cli, "apply", "add", str(job), "--json").stdout)["id"]
    _ok(cli, "apply", "update", str(app), "--status", "interview", "--note", "Panel with Priya")
    [hit] = _hits(cli, "priya")
    assert (hit["type"], hit["id"]) == ("application", app)
    assert "Data Engineer" in hit["title"] and "[Priya]" in hit["snippet"]
    assert _hits(cli, "priya", "--type", "applications") == [hit]
    # removing the application removes its timeline from the index
    assert _index_rows(7) == 2  # the "saved" event and the interview
    _ok(cli, "apply", "remove", str(app), "--yes")
    assert _hits(cli, "priya") == []
    assert _index_rows(7) == 0
