"""cv add / list / show / remove through the CLI: every corpus file, duplicates, every bad input
(exit 1, its message, and `cv list` unchanged), JSON shapes, the pager and confirmations."""

from __future__ import annotations

import io
import json
import shutil
import sys
from datetime import datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))

from cv_facts import ENCRYPTED_PASSWORD  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text("utf-8"))["files"]
READABLE = [
    "cv_single_column.pdf",
    "cv_two_column.pdf",
    "cv_ligatures.pdf",
    "cv_turkish.pdf",
    "cv_table.docx",
    "cv_plain.docx",
    "cv_markdown.md",
    "cv_plain.txt",
]
CV_KEYS = {
    "id",
    "name",
    "filename",
    "kind",
    "sha256",
    "size_bytes",
    "page_count",
    "word_count",
    "created_at",
}


def listed(cli) -> list[dict]:
    result = cli("cv", "list", "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def add_json(cli, *args: str, input: bytes | str | None = None) -> dict:
    result = cli("cv", "add", *args, "--json", input=input)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def assert_aware_iso(text: str) -> None:
    assert datetime.fromisoformat(text).utcoffset() is not None, text


# --- adding readable CVs ---------------------------------------------------------------------


@pytest.mark.parametrize("name", READABLE)
def test_add_each_corpus_cv(cli, name: str) -> None:
    facts = EXPECTED[name]
    added = add_json(cli, str(CORPUS / name))
    assert set(added) == CV_KEYS | {"already_stored"}
    assert isinstance(added["id"], int) and added["already_stored"] is False
    assert added["kind"] == facts["kind"] and added["filename"] == name
    assert added["page_count"] == (facts["pages"] if facts["kind"] == "pdf" else None)
    assert added["word_count"] > 20 and added["size_bytes"] == (CORPUS / name).stat().st_size
    assert len(added["sha256"]) == 64
    assert_aware_iso(added["created_at"])
    shown = json.loads(cli("cv", "show", str(added["id"]), "--json").stdout)
    assert facts["name"].casefold() in shown["text"].casefold()
    assert [cv["id"] for cv in listed(cli)] == [added["id"]]


def test_add_prints_a_short_confirmation(cli) -> None:
    result = cli("cv", "add", str(CORPUS / "cv_single_column.pdf"), "--name", "2026 backend")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == (
        'Added CV #1: "2026 backend", cv_single_column.pdf, PDF, 2 pages, '
        f"{listed(cli)[0]['word_count']} words."
    )
    assert "cv parse" in result.stderr
    assert listed(cli)[0]["name"] == "2026 backend"


def test_encrypted_cv_with_its_password(cli) -> None:
    added = add_json(cli, str(CORPUS / "cv_encrypted.pdf"), "--password", ENCRYPTED_PASSWORD)
    text = json.loads(cli("cv", "show", "--json").stdout)["text"]
    assert EXPECTED["cv_encrypted.pdf"]["name"] in text
    assert added["page_count"] == 1


def test_the_same_file_twice_is_kept_once(cli, tmp_path: Path) -> None:
    first = add_json(cli, str(CORPUS / "cv_plain.docx"))
    copy = tmp_path / "renamed.docx"
    shutil.copy(CORPUS / "cv_plain.docx", copy)
    result = cli("cv", "add", str(copy), "--name", "other label")
    assert result.exit_code == 0, result.stderr
    assert f"already stored as CV #{first['id']}" in result.stdout
    assert "--name was not applied" in result.stderr
    again = add_json(cli, str(CORPUS / "cv_plain.docx"))
    assert again["id"] == first["id"] and again["already_stored"] is True
    assert len(listed(cli)) == 1
    assert listed(cli)[0]["name"] is None  # the stored copy keeps what it was


def test_add_from_stdin(cli) -> None:
    pdf = (CORPUS / "cv_two_column.pdf").read_bytes()
    added = add_json(cli, "-", input=pdf)
    assert added["kind"] == "pdf" and added["filename"] == "<stdin>"
    text = add_json(cli, "-", input=(CORPUS / "cv_plain.txt").read_text("utf-8"))
    assert text["kind"] in ("txt", "md") and text["id"] != added["id"]
    assert len(listed(cli)) == 2


# --- bad input: exit 1, a message, nothing stored --------------------------------------------


def _big_file(tmp_path: Path) -> Path:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as stream:
        stream.write(b"%PDF-1.7\n")
        stream.truncate(21 * 1024 * 1024)  # sparse: costs no disk
    return path


def _many_pages(tmp_path: Path) -> Path:
    import pypdf

    writer = pypdf.PdfWriter()
    for _ in range(51):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    path = tmp_path / "long.pdf"
    path.write_bytes(out.getvalue())
    return path


def _copy_as(name: str, target: str):
    def make(tmp_path: Path) -> Path:
        path = tmp_path / target
        shutil.copy(CORPUS / name, path)
        return path

    return make


def _write(name: str, data: bytes):
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return make


BAD_FILES = {
    "missing": (lambda tmp: tmp / "nope.pdf", [], "no such file"),
    "directory": (lambda tmp: tmp, [], "is a directory"),
    "empty": (_write("empty.pdf", b""), [], "is empty"),
    "truncated": (lambda tmp: CORPUS / "cv_truncated.pdf", [], "is incomplete"),
    "scanned": (lambda tmp: CORPUS / "cv_scanned.pdf", [], "has no text layer"),
    "encrypted, no password": (lambda tmp: CORPUS / "cv_encrypted.pdf", [], "password-protected"),
    "encrypted, wrong password": (
        lambda tmp: CORPUS / "cv_encrypted.pdf",
        ["--password", "nope"],
        "password for",
    ),
    "pdf named docx": (_copy_as("cv_single_column.pdf", "cv.docx"), [], "is not a DOCX file"),
    "text named pdf": (_copy_as("cv_plain.txt", "cv.pdf"), [], "is not a PDF file"),
    "unsupported extension": (
        _copy_as("cv_plain.txt", "cv.odt"),
        [],
        ".odt files are not supported",
    ),
    "corrupt pdf": (
        _write("broken.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 200 + b"\n%%EOF\n"),
        [],
        "is damaged",
    ),
    "over 20 MB": (_big_file, [], "too large"),
    "over 50 pages": (_many_pages, [], "51 pages"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_are_refused_and_nothing_is_stored(cli, tmp_path: Path, case: str) -> None:
    make, extra, message = BAD_FILES[case]
    add_json(cli, str(CORPUS / "cv_plain.txt"))
    before = listed(cli)
    result = cli("cv", "add", str(make(tmp_path)), *extra)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert message in result.stderr
    assert "Hint:" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""
    assert listed(cli) == before


def test_empty_stdin_is_refused(cli) -> None:
    result = cli("cv", "add", "-", input="")
    assert result.exit_code == 1
    assert "nothing was read from stdin" in result.stderr
    assert listed(cli) == []


def test_json_add_failure_prints_no_json(cli, tmp_path: Path) -> None:
    result = cli("cv", "add", str(tmp_path / "nope.pdf"), "--json")
    assert result.exit_code == 1 and result.stdout == ""


def test_overlong_name_is_refused_before_reading(cli) -> None:
    result = cli("cv", "add", str(CORPUS / "cv_plain.txt"), "--name", "x" * 500)
    assert result.exit_code == 1
    assert "name is too long" in result.stderr
    assert listed(cli) == []


# --- list and show ---------------------------------------------------------------------------


def test_empty_list(cli) -> None:
    result = cli("cv", "list")
    assert result.exit_code == 0
    assert "No CVs stored yet" in result.stdout and "cv add" in result.stdout
    assert listed(cli) == []


def test_list_table_and_json(cli) -> None:
    first = add_json(cli, str(CORPUS / "cv_single_column.pdf"), "--name", "backend")
    second = add_json(cli, str(CORPUS / "cv_plain.docx"))
    result = cli("cv", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "name", "file", "pages", "words", "added"]
    assert "backend" in lines[1] and "cv_single_column.pdf" in lines[1] and " 2 " in lines[1]
    assert lines[2].startswith(f"{second['id']}*") and "cv_plain.docx" in lines[2]
    assert "most recent" in result.stdout
    rows = listed(cli)
    assert [row["id"] for row in rows] == [first["id"], second["id"]]
    assert all(set(row) == CV_KEYS for row in rows)  # no text in the list
    for row in rows:
        assert_aware_iso(row["created_at"])


def test_show_defaults_to_the_most_recent(cli) -> None:
    add_json(cli, str(CORPUS / "cv_plain.txt"))
    latest = add_json(cli, str(CORPUS / "cv_markdown.md"))
    shown = json.loads(cli("cv", "show", "--json").stdout)
    assert shown["id"] == latest["id"]
    assert set(shown) == CV_KEYS | {"text"}
    assert EXPECTED["cv_markdown.md"]["name"] in shown["text"]


def test_show_on_a_pipe_prints_the_bare_text(cli) -> None:
    added = add_json(cli, str(CORPUS / "cv_plain.txt"))
    text = json.loads(cli("cv", "show", str(added["id"]), "--json").stdout)["text"]
    result = cli("cv", "show", str(added["id"]))
    assert result.exit_code == 0
    assert result.stdout.strip() == text.strip()
    assert f"CV #{added['id']}" in result.stderr  # the header stays out of the text


def test_show_on_a_terminal_uses_the_pager(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import pydoc

    from careercoach.commands.common import Env

    added = add_json(cli, str(CORPUS / "cv_turkish.pdf"))
    paged: list[str] = []
    monkeypatch.setattr(Env, "stdout_is_tty", property(lambda self: True))
    monkeypatch.setattr(pydoc, "pager", paged.append)
    result = cli("cv", "show", str(added["id"]))
    assert result.exit_code == 0
    [content] = paged
    assert content.startswith(f"CV #{added['id']}: cv_turkish.pdf")
    assert EXPECTED["cv_turkish.pdf"]["name"] in content
    assert EXPECTED["cv_turkish.pdf"]["name"] not in result.stdout


def test_show_prints_markup_in_the_cv_literally(cli) -> None:
    added = add_json(cli, "-", input="Jane Doe [bold]Engineer[/bold] [link=x]me[/link]\nPython\n")
    result = cli("cv", "show", str(added["id"]))
    assert "Jane Doe [bold]Engineer[/bold] [link=x]me[/link]" in result.stdout


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (["7"], "no CV with id 7", "careercoach cv list"),
        (["abc"], "not a CV id: 'abc'", "careercoach cv list"),
    ],
)
def test_show_unknown_or_invalid_id(cli, args: list[str], message: str, hint: str) -> None:
    add_json(cli, str(CORPUS / "cv_plain.txt"))
    result = cli("cv", "show", *args)
    assert result.exit_code == 1
    assert message in result.stderr and hint in result.stderr


def test_show_with_no_cv_stored(cli) -> None:
    result = cli("cv", "show")
    assert result.exit_code == 1
    assert "no CV stored yet" in result.stderr
    assert "careercoach cv add FILE" in result.stderr


# --- remove ----------------------------------------------------------------------------------


def test_remove_with_yes(cli) -> None:
    keep = add_json(cli, str(CORPUS / "cv_plain.txt"))
    gone = add_json(cli, str(CORPUS / "cv_markdown.md"))
    result = cli("cv", "remove", str(gone["id"]), "--yes")
    assert result.exit_code == 0
    assert f"Removed CV #{gone['id']}" in result.stdout
    assert [cv["id"] for cv in listed(cli)] == [keep["id"]]


def test_remove_without_yes_off_a_terminal_is_refused(cli) -> None:
    added = add_json(cli, str(CORPUS / "cv_plain.txt"))
    result = cli("cv", "remove", str(added["id"]))
    assert result.exit_code == 1
    assert "--yes" in result.stderr
    assert len(listed(cli)) == 1


def test_remove_unknown_id(cli) -> None:
    result = cli("cv", "remove", "42", "--yes")
    assert result.exit_code == 1
    assert "no CV with id 42" in result.stderr and "cv list" in result.stderr


class _Answer:
    def __init__(self, value: object) -> None:
        self.value = value

    def ask(self) -> object:
        return self.value


@pytest.mark.parametrize(("answer", "kept"), [(True, 0), (False, 1)])
def test_remove_asks_on_a_terminal(
    cli, monkeypatch: pytest.MonkeyPatch, answer: bool, kept: int
) -> None:
    import questionary

    from careercoach.commands.common import Env

    added = add_json(cli, str(CORPUS / "cv_plain.txt"))
    questions: list[str] = []

    def confirm(question: str, default: bool = True, **_: object) -> _Answer:
        questions.append(question)
        assert default is False
        return _Answer(answer)

    monkeypatch.setattr(Env, "stdin_is_tty", property(lambda self: True))
    monkeypatch.setattr(questionary, "confirm", confirm)
    result = cli("cv", "remove", str(added["id"]))
    assert result.exit_code == 0
    assert questions and f"CV #{added['id']}" in questions[0]
    assert len(listed(cli)) == kept


def test_remove_keeps_analyses_made_from_the_cv(cli) -> None:
    from careercoach.store.db import open_store
    from careercoach.store.models import Analysis

    added = add_json(cli, str(CORPUS / "cv_plain.txt"))
    store = open_store()
    with store.session() as session:
        analysis = Analysis(kind="cv", cv_id=added["id"], mode="offline", score=70.0)
        session.add(analysis)
    assert cli("cv", "remove", str(added["id"]), "--yes").exit_code == 0
    with store.read_session() as session:
        kept = session.get(Analysis, analysis.id)
    assert kept is not None and kept.cv_id is None and kept.score == 70.0


def test_the_cv_commands_people_wait_on_never_import_sqlalchemy(coach_home) -> None:
    """cv add, list, show, remove and the offline cv analyze read and write in plain SQL:
    SQLAlchemy, SQLModel and the table models cost more to import than extracting and
    checking a 2-page PDF (issue 3's 0.5 s target)."""
    from orm_imports import orm_modules_imported

    pdf = str(CORPUS / "cv_single_column.pdf")
    runs = [
        ["cv", "add", pdf],
        ["cv", "add", pdf, "--json"],  # already stored
        ["cv", "list"],
        ["cv", "list", "--json"],
        ["cv", "show", "--json"],
        ["cv", "analyze", "--offline"],
        ["cv", "analyze", "1", "--offline", "--json"],
        ["cv", "remove", "1", "--yes"],
    ]
    for args in runs:
        assert not orm_modules_imported(*args), args
