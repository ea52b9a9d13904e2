"""Extract the text of a PDF page by page with pypdf. Runs inside the extraction worker.

Each page is read in pypdf's layout mode, which keeps x positions, so `split_columns` can
put a two-column page back into reading order (pypdf's default mode follows the content
stream, which many generators write line by line across both columns). If layout mode
fails on a page, or finds no text where the default mode might (it drops rotated text),
the default mode is used for that page.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from careercoach.documents.columns import split_columns
from careercoach.documents.failures import ExtractionFailure

if TYPE_CHECKING:
    from pypdf import PageObject, PdfReader

MIN_CHARS_LAYOUT = 20
EOF_WINDOW = 2048  # how far from the end a "%%EOF" marker may be (some writers add junk)


def extract_pdf(data: bytes, *, password: str | None, max_pages: int) -> list[str]:
    """The raw text of each page, columns resolved; raises ExtractionFailure on a bad PDF."""
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise ExtractionFailure("truncated")
    from pypdf import PdfReader

    # Anything pypdf raises on a damaged file is turned into "corrupt" by the worker.
    reader = PdfReader(io.BytesIO(data), strict=False)
    _unlock(reader, password)
    count = len(reader.pages)
    if count > max_pages:
        raise ExtractionFailure("too_many_pages", pages=count)
    if count == 0:
        raise ExtractionFailure("corrupt", detail="the document has no pages")
    return [_page_text(page) for page in reader.pages]


def _unlock(reader: PdfReader, password: str | None) -> None:
    from pypdf import PasswordType
    from pypdf.errors import DependencyError

    if not reader.is_encrypted:
        return
    try:
        # Many PDFs are encrypted only to restrict printing or copying, with an empty
        # password for reading: those open without asking.
        if reader.decrypt("") != PasswordType.NOT_DECRYPTED:
            return
        if password is None:
            raise ExtractionFailure("encrypted")
        if reader.decrypt(password) == PasswordType.NOT_DECRYPTED:
            raise ExtractionFailure("wrong_password")
    except (NotImplementedError, DependencyError) as exc:
        raise ExtractionFailure("unsupported_encryption", detail=str(exc)) from exc


def _page_text(page: PageObject) -> str:
    try:
        text = split_columns(page.extract_text(extraction_mode="layout"))
    except Exception:  # layout mode is the younger code path; the default mode may still cope
        text = ""
    if sum(not ch.isspace() for ch in text) < MIN_CHARS_LAYOUT:
        plain = page.extract_text()
        if len(plain.split()) > len(text.split()):
            text = plain
    return text

