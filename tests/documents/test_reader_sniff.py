"""Telling a file's type from its bytes, decoding text, and reading from stdin."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import pytest

from careercoach.documents.reader import STDIN_NAME, read_bytes, read_document
from careercoach.documents.sniff import decode_text, looks_like_markdown, sniff

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "pdf"),
        (b"\xef\xbb\xbf junk then %PDF-1.4\n", "pdf"),  # a header a little way in
        (b"PK\x03\x04not really a zip", "a ZIP archive that is not a Word document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "an old Word .doc (Office 97-2003) file"),
        (b"{\\rtf1\\ansi hello}", "an RTF document"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"Ana Lima\nData Analyst\n", "text"),
        (b"\x00\x01\x02\x03\x04" * 20, "binary data"),
    ],
)
def test_sniff(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


def test_sniff_docx() -> None:
    assert sniff((CORPUS / "cv_table.docx").read_bytes()) == "docx"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Öztürk – İzmir".encode(), "Öztürk – İzmir"),
        (codecs.BOM_UTF8 + "Şebnem".encode(), "Şebnem"),
        (codecs.BOM_UTF16_LE + "Şebnem Yıldırım".encode("utf-16-le"), "Şebnem Yıldırım"),
        (codecs.BOM_UTF16_BE + "Şebnem Yıldırım".encode("utf-16-be"), "Şebnem Yıldırım"),
        ("José Müller – “CV”".encode("cp1252"), "José Müller – “CV”"),
        ("Zoë Brontë".encode("latin-1"), "Zoë Brontë"),
    ],
)
def test_decode_text(data: bytes, text: str) -> None:
    assert decode_text(data) == text


def test_text_without_bom_that_is_mostly_control_bytes_is_not_text() -> None:
    assert decode_text(bytes(range(1, 32)) * 10) is None
    assert decode_text("UTF-16 without BOM".encode("utf-16-le")) is None


def test_markdown_is_recognised() -> None:
    assert looks_like_markdown("# Ana Lima\n\n## Skills\n- SQL")
    assert not looks_like_markdown("Ana Lima\nSkills: SQL, Python")


def test_utf16_text_file_reads() -> None:
    data = codecs.BOM_UTF16_LE + "Şebnem Yıldırım\r\nPython, SQL".encode("utf-16-le")
    assert read_bytes(data, filename="cv.txt").text == "Şebnem Yıldırım\nPython, SQL"


# --- stdin -----------------------------------------------------------------------------------


def test_pdf_from_stdin() -> None:
    data = (CORPUS / "cv_turkish.pdf").read_bytes()
    document = read_document("-", stdin=io.BytesIO(data))
    assert document.kind == "pdf" and document.filename == STDIN_NAME
    assert document.text.startswith("Şebnem Çağla Yıldırım")
    assert document.size_bytes == len(data)


def test_docx_from_stdin() -> None:
    document = read_document("-", stdin=io.BytesIO((CORPUS / "cv_plain.docx").read_bytes()))
    assert document.kind == "docx" and document.page_count is None
    assert document.text.startswith("Zeynep Öztürk")


def test_markdown_and_text_from_stdin() -> None:
    markdown = read_document("-", stdin=io.BytesIO((CORPUS / "cv_markdown.md").read_bytes()))
    assert markdown.kind == "md"
    text = read_document("-", stdin=io.BytesIO(b"Ana Lima\nData Analyst"))
    assert text.kind == "txt" and text.text == "Ana Lima\nData Analyst"


def test_stdin_defaults_to_the_process_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdin:
        buffer = io.BytesIO(b"Ana Lima from a pipe")

    monkeypatch.setattr("sys.stdin", FakeStdin)
    assert read_document("-").text == "Ana Lima from a pipe"


def test_a_file_called_dash_is_a_file_when_given_as_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("-").write_text("Ana Lima in a file named -")
    assert read_document(Path("-")).text == "Ana Lima in a file named -"


def test_unknown_extension_goes_by_content(tmp_path: Path) -> None:
    path = tmp_path / "cv.markdown.bak"
    path.write_text("# Ana Lima\n\n* SQL\n", encoding="utf-8")
    document = read_document(path)
    assert document.kind == "md" and document.text == "# Ana Lima\n\n- SQL"
