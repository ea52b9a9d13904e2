"""Tell what a file really is from its first bytes, and decode text files.

Stdlib only and cheap: it runs before any extraction, so a ".pdf" that is really a Word
file, or a ".docx" that is really a PDF, is refused with a clear message before a PDF or
DOCX library ever sees it.
"""

from __future__ import annotations

import codecs
import io
import re

# What the bytes look like: a reader's kind ("pdf", "docx", "text") or a description of a
# format careercoach does not read.
PDF, DOCX, TEXT = "pdf", "docx", "text"

_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word .doc (Office 97-2003) file"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a program"),
)
_ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MARKDOWN_HINTS = re.compile(r"^(?:#{1,6} \S|\*\*\S|[-*] \[[ x]\] |```)", re.MULTILINE)


def sniff(data: bytes) -> str:
    """What `data` is: "pdf", "docx", "text", or a phrase naming another format ("a PNG image")."""
    # A PDF may have a little junk before its header; readers accept it within 1 KiB.
    if b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith(_ZIP_SIGNATURES):
        return DOCX if is_docx(data) else "a ZIP archive that is not a Word document"
    for signature, description in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return description
    return TEXT if decode_text(data) is not None else "binary data"


def is_docx(data: bytes) -> bool:
    """True if `data` is a zip archive holding a Word document body (word/document.xml)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def decode_text(data: bytes) -> str | None:
    """Decode a text file, or None if the bytes are not text.

    UTF-8 first; UTF-16 and UTF-32 only with a byte-order mark; then Windows-1252 (a
    superset of Latin-1 for printable text), but only if the result is clearly text: no NUL
    bytes and almost no control characters.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    if b"\x00" in data:
        return None
    try:
        return _text_or_none(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        legacy = data.decode("cp1252")
    except UnicodeDecodeError:
        legacy = data.decode("latin-1")
    return _text_or_none(legacy)


def _text_or_none(text: str) -> str | None:
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f") + text.count("\x7f")
    return text if controls <= len(text) / 100 else None


def looks_like_markdown(text: str) -> bool:
    """True if `text` has Markdown headings, bold, task lists or code fences."""
    return _MARKDOWN_HINTS.search(text) is not None
