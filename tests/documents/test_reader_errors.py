"""Every way a document can be unreadable: a BadInput (exit 1) with its own message and hint."""

from __future__ import annotations

import io
import json
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from careercoach.documents import reader
from careercoach.documents.reader import (
    MAX_BYTES,
    MAX_PAGES,
    MAX_WORDS,
    UnreadableDocument,
    read_bytes,
    read_document,
)
from careercoach.errors import BadInput, ExitCode

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PASSWORD = json.loads((CORPUS / "expected.json").read_text("utf-8"))["files"][
    "cv_encrypted.pdf"]["password"]


def refused(read: Callable[[], object], reason: str) -> UnreadableDocument:
    with pytest.raises(UnreadableDocument) as caught:
        read()
    error = caught.value
    assert error.reason == reason, (error.reason, error.message, error.detail)
    assert isinstance(error, BadInput) and error.exit_code == ExitCode.BAD_INPUT
    assert error.hint and "\n" not in error.hint and "\n" not in error.message
    return error


def blank_pdf(pages: int) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes() -> bytes:
    return (CORPUS / "cv_plain.docx").read_bytes()


# --- files and streams ---------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    error = refused(lambda: read_document(tmp_path / "nope.pdf"), "not_found")
    assert "no such file" in error.message and "nope.pdf" in error.message


def test_directory(tmp_path: Path) -> None:
    error = refused(lambda: read_document(tmp_path), "is_directory")
    assert "is a directory" in error.message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "cv.pdf"
    path.write_bytes(b"")
    assert "is empty" in refused(lambda: read_document(path), "empty").message


def test_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as sparse:
        sparse.truncate(MAX_BYTES + 1024 * 1024)  # sparse: no disk space, no read
    error = refused(lambda: read_document(path), "too_large")
    assert "21 MB" in error.message and "limit is 20 MB" in error.message


def test_stdin_over_the_size_limit() -> None:
    stream = io.BytesIO(b"x" * (MAX_BYTES + 1))
    error = refused(lambda: read_document("-", stdin=stream), "too_large")
    assert "over 20 MB" in error.message


def test_bytes_over_the_size_limit() -> None:
    refused(lambda: read_bytes(b"%PDF-" + b"0" * MAX_BYTES, filename="cv.pdf"), "too_large")


def test_empty_stdin() -> None:
    refused(lambda: read_document("-", stdin=io.BytesIO(b"")), "stdin_empty")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cv.txt"
    path.write_text("Ana Lima")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)  # chmod 0 does not stop root, which CI may be
    assert "permission denied" in refused(lambda: read_document(path), "permission").message


# --- the file is not what it says ------------------------------------------------------------


def test_pdf_that_is_really_text() -> None:
    error = refused(lambda: read_bytes(b"Ana Lima\nData Analyst\n", filename="cv.pdf"),
                    "mismatch")
    assert error.message == "cv.pdf is not a PDF file: its content looks like plain text"


def test_docx_that_is_really_a_pdf() -> None:
    data = (CORPUS / "cv_two_column.pdf").read_bytes()
    error = refused(lambda: read_bytes(data, filename="cv.docx"), "mismatch")
    assert error.message == "cv.docx is not a DOCX file: its content looks like a PDF"


def test_docx_that_is_a_zip_of_something_else() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")
    error = refused(lambda: read_bytes(buffer.getvalue(), filename="cv.docx"), "mismatch")
    assert "not a DOCX file" in error.message and "ZIP archive" in error.message


def test_text_file_that_is_binary() -> None:
    error = refused(lambda: read_bytes(b"\x00\x01\x02\x03" * 50, filename="cv.txt"), "mismatch")
    assert "not a text file" in error.message and "binary data" in error.message


def test_pdf_that_is_really_a_word_document() -> None:
    error = refused(lambda: read_bytes(docx_bytes(), filename="cv.pdf"), "mismatch")
    assert "looks like a Word document (DOCX)" in error.message


@pytest.mark.parametrize("extension", [".doc", ".odt", ".rtf", ".png"])
def test_unsupported_formats(extension: str) -> None:
    error = refused(lambda: read_bytes(b"whatever", filename=f"cv{extension}"),
                    "unsupported_type")
    assert extension in error.message


def test_unknown_extension_with_image_content() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    error = refused(lambda: read_bytes(png, filename="scan"), "unknown_content")
    assert "is a PNG image" in error.message


def test_old_word_document_from_stdin() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    error = refused(lambda: read_document("-", stdin=io.BytesIO(ole)), "unknown_content")
    assert ".doc" in error.message


# --- PDF problems --------------------------------------------------------------------------


def test_more_than_fifty_pages() -> None:
    error = refused(lambda: read_bytes(blank_pdf(MAX_PAGES + 1), filename="long.pdf"),
                    "too_many_pages")
    assert error.message == "long.pdf has 51 pages; careercoach reads at most 50"


def test_fifty_pages_pass_the_page_limit() -> None:
    # Blank pages: the page limit lets them through, the text-layer check then refuses them.
    refused(lambda: read_bytes(blank_pdf(MAX_PAGES), filename="long.pdf"), "no_text_layer")


def test_encrypted_without_password() -> None:
    data = (CORPUS / "cv_encrypted.pdf").read_bytes()
    error = refused(lambda: read_bytes(data, filename="cv_encrypted.pdf"), "encrypted")
    assert "password-protected" in error.message and "--password" in str(error.hint)


def test_encrypted_with_wrong_password() -> None:
    data = (CORPUS / "cv_encrypted.pdf").read_bytes()
    error = refused(lambda: read_bytes(data, filename="cv.pdf", password=PASSWORD + "x"),
                    "wrong_password")
    assert error.message == "the password for cv.pdf is wrong"


def test_pdf_locked_only_against_editing_opens_without_password() -> None:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(CORPUS / "cv_ligatures.pdf"))
    writer.encrypt(user_password="", owner_password="owner-secret", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    document = read_bytes(out.getvalue(), filename="locked.pdf")
    assert document.text.startswith("Fiona Clifford")


def test_password_for_an_unencrypted_pdf_is_ignored() -> None:
    data = (CORPUS / "cv_turkish.pdf").read_bytes()
    assert read_bytes(data, filename="cv.pdf", password="unused").text.startswith("Şebnem")


def test_truncated_pdf() -> None:
    error = refused(lambda: read_document(CORPUS / "cv_truncated.pdf"), "truncated")
    assert "incomplete" in error.message


def test_pdf_cut_just_before_its_end_marker() -> None:
    data = (CORPUS / "cv_turkish.pdf").read_bytes()
    cut = data[: data.rindex(b"%%EOF")]
    refused(lambda: read_bytes(cut, filename="cv.pdf"), "truncated")


def test_corrupt_pdf() -> None:
    data = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\ntrailer <<>>\n%%EOF\n"
    error = refused(lambda: read_bytes(data, filename="cv.pdf"), "corrupt")
    assert error.message == "cv.pdf is damaged and cannot be read as a PDF file"
    assert error.detail  # what pypdf said, for --debug


def test_scanned_pdf_without_text_layer() -> None:
    error = refused(lambda: read_document(CORPUS / "cv_scanned.pdf"), "no_text_layer")
    assert error.message == (
        "cv_scanned.pdf: this PDF has no text layer; export it with text or run OCR first, "
        "e.g. ocrmypdf"
    )


# --- DOCX and text problems ----------------------------------------------------------------


def test_damaged_docx() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document><unclosed>")
    error = refused(lambda: read_bytes(buffer.getvalue(), filename="cv.docx"), "corrupt")
    assert error.message == "cv.docx is damaged and cannot be read as a DOCX file"


def test_docx_zip_bomb_is_refused_before_unpacking() -> None:
    """A member whose declared size is ~4 GB: refused from the zip directory alone."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            archive.writestr(info, source.read(info))
        archive.writestr("word/media/bomb.bin", b"tiny")
    data = bytearray(buffer.getvalue())
    entry = data.rindex(b"PK\x01\x02", 0, data.rindex(b"word/media/bomb.bin"))
    struct.pack_into("<I", data, entry + 24, 0xFFFFFFF0)  # uncompressed size
    error = refused(lambda: read_bytes(bytes(data), filename="cv.docx"), "zip_too_large")
    assert "unpacks to" in error.message and "crafted" in error.message


def test_docx_without_text() -> None:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    refused(lambda: read_bytes(buffer.getvalue(), filename="blank.docx"), "no_text")


def test_text_file_of_whitespace_only() -> None:
    refused(lambda: read_bytes(b" \n\t\r\n  \n", filename="cv.txt"), "no_text")


def test_text_over_the_word_limit() -> None:
    data = ("word " * (MAX_WORDS + 1)).encode()
    error = refused(lambda: read_bytes(data, filename="cv.md"), "too_many_words")
    assert f"{MAX_WORDS + 1} words" in error.message


# --- the table of messages itself ----------------------------------------------------------


def test_every_reason_has_its_own_message_and_a_one_line_hint() -> None:
    messages = [message for message, _ in reader._MESSAGES.values()]
    assert len(set(messages)) == len(messages)
    for _, hint in reader._MESSAGES.values():
        assert hint and "\n" not in hint
