"""Issue 8.4: bad input, fuzzed with hypothesis.

Random and mutated PDF/DOCX/TXT/Markdown bytes, date words, search queries, config values and
`data import` files. Each is either accepted or refused with exit 1 and one "Error:" message
(never a traceback, never an "unexpected" error), and a refused input stores nothing: the
database rows (or the config file) are byte-for-byte what they were.

Default run: modest example counts. Soak: ten times as many. Every test reports how many cases
it ran (figures), and bench/bench_reliability.py adds them up.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rel_helpers import integrity

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEEDS = {
    "pdf": (CORPUS / "cv_single_column.pdf").read_bytes(),
    "docx": (CORPUS / "cv_plain.docx").read_bytes(),
    "txt": (CORPUS / "cv_plain.txt").read_bytes(),
    "md": (CORPUS / "cv_markdown.md").read_bytes(),
}
SCALES = [1, pytest.param(10, marks=pytest.mark.soak, id="soak")]
TABLES = ("journal_entry", "goal", "goal_step", "cv", "job", "profile", "profile_skill",
          "application", "application_event", "analysis", "conversation", "message", "letter")


def run_property(strategy: st.SearchStrategy[Any], check: Callable[[Any], None],
                 examples: int) -> int:
    """Run `check` on `examples` inputs drawn from `strategy`; return how many ran.

    Repeatable by default (derandomize); RELIABILITY_FUZZ_RANDOM=1 draws fresh inputs, to
    explore beyond what every run tries.
    """
    ran = [0]
    fresh = os.environ.get("RELIABILITY_FUZZ_RANDOM") == "1"

    @settings(max_examples=examples, deadline=None, database=None, derandomize=not fresh,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def prop(value: Any) -> None:
        ran[0] += 1
        check(value)

    prop()
    return ran[0]


def rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of every table people write (empty tables left out: a database made empty
    by the first command is not data stored from the input)."""
    if not db.exists():
        return {}
    conn = sqlite3.connect(db)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        found = {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
                 for t in TABLES if t in names}
        return {t: r for t, r in found.items() if r}
    finally:
        conn.close()


def assert_accepted_or_refused(result: Any) -> bool:
    """True if accepted (exit 0); a refusal must be exit 1 with one readable message."""
    if result.exit_code == 0:
        return True
    assert result.exit_code == 1, (result.exit_code, result.stderr[-1500:])
    assert result.stderr.startswith("Error:"), result.stderr[-1500:]
    assert "Traceback" not in result.stderr
    assert "Error: unexpected" not in result.stderr, result.stderr[-1500:]
    return False


# --- documents ---------------------------------------------------------------------------

@st.composite
def mutated_documents(draw: st.DrawFn) -> tuple[str, bytes]:
    """A corpus CV with a few bytes flipped, cut, inserted, zeroed or removed."""
    kind = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[kind])
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "zero"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif op == "truncate":
            del data[at:]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 512))]
        elif op == "zero":
            data[at:at + 64] = bytes(len(data[at:at + 64]))
    return kind, bytes(data)


random_documents = st.tuples(
    st.sampled_from(["pdf", "docx", "txt", "md"]),
    st.one_of(
        st.binary(max_size=2048),
        st.binary(max_size=2048).map(lambda b: b"%PDF-1.7\n" + b),
        st.binary(max_size=2048).map(lambda b: b"PK\x03\x04" + b),
        st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
    ),
)
documents = st.one_of(mutated_documents(), random_documents)


def read_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the extraction worker's code in this process (the real worker is a subprocess,
    too slow for hundreds of examples; the CLI test below keeps the real one)."""
    import subprocess

    from careercoach.documents import extract_worker, reader

    def run(cmd: Any, input: bytes, **_: Any) -> subprocess.CompletedProcess[bytes]:
        line, _, data = input.partition(b"\n")
        answer = extract_worker.extract(json.loads(line), data)
        return subprocess.CompletedProcess(cmd, 0, json.dumps(answer).encode(), b"")

    monkeypatch.setattr(reader.subprocess, "run", run)


@pytest.mark.parametrize("scale", SCALES)
def test_the_reader_reads_or_refuses_any_bytes(monkeypatch: pytest.MonkeyPatch, figures,
                                              scale: int) -> None:
    from careercoach.documents.reader import UnreadableDocument, read_bytes

    read_in_process(monkeypatch)
    outcomes = {"read": 0, "refused": 0}

    def check(case: tuple[str, bytes]) -> None:
        kind, data = case
        try:
            doc = read_bytes(data, filename=f"cv.{kind}")
        except UnreadableDocument as refused:
            assert refused.message and refused.hint
            outcomes["refused"] += 1
            return
        assert doc.text.strip()
        outcomes["read"] += 1

    ran = run_property(documents, check, 150 * scale)
    figures(f"fuzz-reader-x{scale}", cases=ran, **outcomes)


@pytest.mark.parametrize("scale", SCALES)
def test_cv_add_stores_a_readable_file_or_nothing(cli, coach_home: Path, tmp_path: Path,
                                                  figures, scale: int) -> None:
    db = coach_home / "careercoach.db"
    outcomes = {"stored": 0, "refused": 0}
    count = [0]

    def check(case: tuple[str, bytes]) -> None:
        kind, data = case
        count[0] += 1
        path = tmp_path / f"fuzz-{count[0]}.{kind}"
        path.write_bytes(data)
        before = rows(db)
        result = cli("cv", "add", str(path), "--json")
        if assert_accepted_or_refused(result):
            assert json.loads(result.stdout)["id"] >= 1
            outcomes["stored"] += 1
        else:
            assert rows(db) == before, "a refused CV changed the database"
            outcomes["refused"] += 1

    ran = run_property(mutated_documents(), check, 20 * scale)
    assert integrity(db) == "ok"
    figures(f"fuzz-cv-add-x{scale}", cases=ran, **outcomes)


# --- dates -------------------------------------------------------------------------------

date_words = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"\A(\d{1,5})-(\d{1,3})-(\d{1,3})\Z"),
    st.builds(lambda n, unit: f"{n} {unit} ago", st.integers(-10**12, 10**12),
              st.sampled_from(["day", "days", "week", "weeks", "month", "months", "years"])),
    st.sampled_from(["today", "yesterday", "tomorrow", "monday", "last friday", "next week",
                     "2026-02-30", "0000-01-01", "9999-12-31", "2026-13-01", " ", "\x00"]),
)


@pytest.mark.parametrize("scale", SCALES)
def test_the_date_parser_parses_or_refuses_any_words(figures, scale: int) -> None:
    from careercoach.analysis.dates import find_ranges, parse_date
    from careercoach.analysis.when import parse_day
    from careercoach.errors import BadInput

    def check(raw: str) -> None:
        try:
            parse_day(raw)
        except BadInput as refused:
            assert refused.message
        parse_date(raw)  # the CV's date reader: None or a date, never an exception
        find_ranges(f"Acme Corp, Engineer, {raw} - {raw[::-1]}")

    ran = run_property(date_words, check, 400 * scale)
    figures(f"fuzz-dates-x{scale}", cases=ran)


@pytest.mark.parametrize("scale", SCALES)
def test_journal_add_with_any_date_stores_the_entry_or_nothing(cli, coach_home: Path, figures,
                                                                scale: int) -> None:
    db = coach_home / "careercoach.db"
    outcomes = {"stored": 0, "refused": 0}

    def check(raw: str) -> None:
        before = rows(db)
        result = cli("journal", "add", "A day at work", "--json", f"--date={raw}")
        if assert_accepted_or_refused(result):
            outcomes["stored"] += 1
        else:
            assert rows(db) == before
            outcomes["refused"] += 1

    ran = run_property(date_words, check, 20 * scale)
    figures(f"fuzz-journal-date-x{scale}", cases=ran, **outcomes)


# --- search ------------------------------------------------------------------------------

queries = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=list('abcxyz "*():^-+{}[].,\'NEAROTD'), min_size=1, max_size=40),
    st.lists(st.sampled_from(["python", "AND", "OR", "NOT", "NEAR", "(", ")", '"', "*", "^",
                              "-", "title:", "text:", "NEAR(", "a*b", "\x00"]),
             min_size=1, max_size=8).map(" ".join),
)


def _search_commands() -> list[list[str]]:
    """`journal search`, and the global `search` once it is built."""
    import click
    import typer

    from careercoach.cli import app

    root = typer.main.get_command(app)
    commands = [["journal", "search"]]
    if "search" in root.list_commands(click.Context(root)):  # type: ignore[attr-defined]
        commands.append(["search"])
    return commands


@pytest.mark.parametrize("scale", SCALES)
def test_search_answers_or_refuses_any_query(cli, figures, scale: int) -> None:
    for text in ("Python and SQL at work", "A stressful week with the data team"):
        assert cli("journal", "add", text).exit_code == 0
    commands = _search_commands()
    outcomes = {"answered": 0, "refused": 0}

    def check(query: str) -> None:
        for command in commands:
            result = cli(*command, "--json", "--", query)
            if assert_accepted_or_refused(result):
                assert isinstance(json.loads(result.stdout), list)
                outcomes["answered"] += 1
            else:
                outcomes["refused"] += 1

    ran = run_property(queries, check, 25 * scale)
    figures(f"fuzz-search-x{scale}", cases=ran, commands=[" ".join(c) for c in commands],
            **outcomes)


# --- config ------------------------------------------------------------------------------

def _config_keys() -> list[str]:
    from careercoach.config import KEYS

    return sorted(KEYS)


config_values = st.tuples(
    st.one_of(st.sampled_from(_config_keys()), st.text(max_size=12)),
    st.one_of(st.text(max_size=30), st.sampled_from(
        ["0", "-1", "1e309", "nan", "inf", "-0", "true", "no", "", " ", "http://", "ftp://x",
         "openai/", "/", "x" * 500, "3.5", "99999999999999999999"])),
)


@pytest.mark.parametrize("scale", SCALES)
def test_config_set_keeps_the_file_unless_the_value_is_valid(cli, coach_home: Path, figures,
                                                            scale: int) -> None:
    config = coach_home / "config.toml"
    outcomes = {"set": 0, "refused": 0}

    def check(case: tuple[str, str]) -> None:
        key, value = case
        before = config.read_bytes() if config.exists() else None
        result = cli("config", "set", "--", key, value)  # "--": a value may start with "-"
        if assert_accepted_or_refused(result):
            outcomes["set"] += 1
        else:
            assert (config.read_bytes() if config.exists() else None) == before
            outcomes["refused"] += 1
        # Whatever was accepted can be read back by every later run.
        shown = cli("config", "show", "--json")
        assert shown.exit_code == 0, shown.stderr

    ran = run_property(config_values, check, 25 * scale)
    figures(f"fuzz-config-set-x{scale}", cases=ran, **outcomes)


@pytest.mark.parametrize("scale", SCALES)
def test_a_config_file_with_any_content_is_read_or_refused(cli, coach_home: Path, figures,
                                                          scale: int) -> None:
    coach_home.mkdir(parents=True, exist_ok=True)
    config = coach_home / "config.toml"
    keys = _config_keys()
    contents = st.one_of(
        st.binary(max_size=300),
        st.lists(st.tuples(st.sampled_from(keys), st.sampled_from(
            ['"x"', "1", "-1", "true", "[1, 2]", "{a = 1}", '"openai/gpt-4o-mini"', "1.5",
             "1979-05-27", '""', "nan"])), max_size=4
        ).map(lambda pairs: "\n".join(f"{k} = {v}" for k, v in pairs).encode()),
    )
    outcomes = {"read": 0, "refused": 0}

    def check(content: bytes) -> None:
        config.write_bytes(content)
        for args in (("config", "show", "--json"), ("journal", "list", "--json")):
            result = cli(*args)
            if assert_accepted_or_refused(result):
                outcomes["read"] += 1
            else:
                assert "config" in result.stderr.lower()
                outcomes["refused"] += 1
        assert config.read_bytes() == content  # never rewritten behind the person's back

    ran = run_property(contents, check, 15 * scale)
    figures(f"fuzz-config-file-x{scale}", cases=ran, **outcomes)


# --- data import -------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                  max_size=3),
    max_leaves=6,
)


def _seed_export(cli: Any, tmp_path: Path) -> dict[str, Any]:
    """Data in every common table, exported: the base the import cases mutate."""
    cv = tmp_path / "seed.txt"
    cv.write_text((CORPUS / "cv_plain.txt").read_text(encoding="utf-8"), encoding="utf-8")
    posting = "Data Engineer at Acme\n\nRequirements:\n- Python\n- SQL\n"
    for args, stdin in ((("journal", "add", "Good day #work", "--mood", "4"), None),
                        (("goal", "add", "Learn dbt", "--due", "2027-01-01"), None),
                        (("goal", "step", "add", "1", "Read the docs"), None),
                        (("cv", "add", str(cv)), None),
                        (("--offline", "job", "add", "-"), posting),
                        (("apply", "add", "1", "--note", "sent"), None),
                        (("profile", "skill", "add", "Python", "--level", "advanced"), None)):
        result = cli(*args, input=stdin)
        assert result.exit_code == 0, (args, result.stderr)
    out = tmp_path / "export.json"
    assert cli("data", "export", "-o", str(out)).exit_code == 0
    return json.loads(out.read_text(encoding="utf-8"))


@st.composite
def mutated_exports(draw: st.DrawFn, base: dict[str, Any]) -> bytes:
    choice = draw(st.sampled_from(["bytes", "top", "cell", "cell", "text", "text", "drop",
                                   "table"]))
    if choice == "bytes":
        return draw(st.binary(max_size=500))
    doc = json.loads(json.dumps(base))
    if choice == "top":
        doc[draw(st.sampled_from(["format", "schema_version", "tables", "exported_at"]))] = (
            draw(json_values))
    else:
        tables = [t for t, r in doc["tables"].items() if r]
        table = draw(st.sampled_from(sorted(tables)))
        row = draw(st.sampled_from(doc["tables"][table]))
        if choice == "cell":
            for _ in range(draw(st.integers(1, 3))):
                row[draw(st.sampled_from(sorted(row)))] = draw(json_values)
        elif choice == "text":  # a value of the right type, but any text: stages, days, kinds
            texts = sorted(k for k, v in row.items() if isinstance(v, str)) or sorted(row)
            row[draw(st.sampled_from(texts))] = draw(
                st.text(max_size=12) | st.sampled_from(["", "2026-02-30", "offer", "done", "x"]))
        elif choice == "drop":
            row.pop(draw(st.sampled_from(sorted(row))))
        else:
            doc["tables"][table] = draw(json_values)
    return json.dumps(doc).encode()


READERS = (("journal", "list", "--json"), ("goal", "list", "--json"), ("cv", "list", "--json"),
           ("job", "list", "--json"), ("apply", "list", "--json"), ("profile", "show", "--json"),
           ("journal", "show", "1", "--json"), ("goal", "show", "1", "--json"),
           ("data", "export"))


@pytest.mark.parametrize("scale", SCALES)
def test_data_import_merges_a_valid_file_or_changes_nothing(cli, coach_home: Path,
                                                            tmp_path: Path, figures,
                                                            scale: int) -> None:
    base = _seed_export(cli, tmp_path)
    db = coach_home / "careercoach.db"
    outcomes = {"imported": 0, "refused": 0}
    count = [0]

    def check(content: bytes) -> None:
        count[0] += 1
        path = tmp_path / f"import-{count[0]}.json"
        path.write_bytes(content)
        before = rows(db)
        result = cli("data", "import", str(path))
        if assert_accepted_or_refused(result):
            outcomes["imported"] += 1
            # What was accepted must not break the commands that read it back.
            for args in READERS:
                after = cli(*args)
                assert after.exit_code in (0, 1), (args, after.stderr)
                assert "Error: unexpected" not in after.stderr, (args, after.stderr[-1500:])
        else:
            assert rows(db) == before, "a refused import changed the database"
            outcomes["refused"] += 1

    ran = run_property(mutated_exports(base), check, 20 * scale)
    assert integrity(db) == "ok"
    figures(f"fuzz-data-import-x{scale}", cases=ran, **outcomes)


@pytest.mark.parametrize(
    "table,column,value",
    [
        ("application_event", "application_id", []),  # was: unexpected TypeError, unhashable
        ("journal_entry", "created_at", "yesterday-ish"),  # was: stored, then list crashed
        ("journal_entry", "created_at", 12345),
        ("application", "status", "ghosted"),  # was: stored, then `apply list` crashed
        ("journal_entry", "tags", "work"),
        ("goal", "due", "2026-02-30"),
        ("goal", "id", 2**70),  # was: unexpected OverflowError
    ],
)
def test_an_export_with_a_value_its_column_cannot_hold_is_refused_whole(
    cli, coach_home: Path, tmp_path: Path, table: str, column: str, value: Any
) -> None:
    base = _seed_export(cli, tmp_path)
    base["tables"][table][0][column] = value
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(base), encoding="utf-8")
    before = rows(coach_home / "careercoach.db")
    result = cli("data", "import", str(path))
    assert not assert_accepted_or_refused(result)
    assert f"invalid {column}" in result.stderr and "nothing was changed" in result.stderr
    assert rows(coach_home / "careercoach.db") == before


@pytest.mark.parametrize("value", ["http://", "https:///", "http://a b", "http://host:port"])
def test_a_url_that_would_not_read_back_is_refused(cli, coach_home: Path, value: str) -> None:
    """Found by the fuzzer: 'http://' was stored as 'http:', which every later command (even
    `config set` and `config unset`, which read the file first) then refused."""
    assert cli("config", "set", "retries", "1").exit_code == 0
    before = (coach_home / "config.toml").read_bytes()
    assert not assert_accepted_or_refused(cli("config", "set", "api_base", value))
    assert (coach_home / "config.toml").read_bytes() == before
    assert cli("config", "show", "--json").exit_code == 0
