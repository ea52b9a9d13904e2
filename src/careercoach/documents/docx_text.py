"""Extract the text of a Word (.docx) file with python-docx. Runs inside the extraction worker.

The body is read in document order: paragraphs, tables (row by row), content controls and
text boxes, which python-docx's `Document.paragraphs` would skip. A table row of short
cells becomes one line with the cells joined by " | "; a row whose cells hold whole
paragraphs (a CV laid out in a table) is read cell after cell. The page headers come first
and the footers last, each line once, since CV templates often put the name and contact
details there.

A DOCX has no fixed pages (Word lays them out when it renders), so there is no page count;
the caller limits DOCX files by their number of words instead.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from careercoach.documents.failures import ExtractionFailure

MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a zip bomb is refused before anything is inflated

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Not text, or read elsewhere: properties, deleted text, field codes, text boxes and the
# VML copies of drawings.
_SKIPPED = frozenset({
    f"{_W}pPr", f"{_W}rPr", f"{_W}del", f"{_W}txbxContent", f"{_W}instrText",
    f"{_MC}Fallback",
})


def extract_docx(data: bytes) -> str:
    """The text of a DOCX file; raises ExtractionFailure if it is not one or is too big unpacked."""
    _check_archive(data)
    import docx

    document = docx.Document(io.BytesIO(data))
    header: list[str] = []
    footer: list[str] = []
    for section in document.sections:
        for part, into in ((section.first_page_header, header), (section.header, header),
                           (section.first_page_footer, footer), (section.footer, footer)):
            if not part.is_linked_to_previous:
                into.extend(line for line in _blocks(part._element) if line not in into)
    body = list(_blocks(document.element.body))
    return "\n".join([*header, *([""] if header else []), *body,
                      *([""] if footer else []), *footer])


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ExtractionFailure("not_docx", detail=str(exc)) from exc
    if "word/document.xml" not in {info.filename for info in infos}:
        raise ExtractionFailure("not_docx", detail="no word/document.xml in the archive")
    # zipfile stops inflating a member at its declared size, so the declared sizes bound
    # what python-docx can unpack.
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNZIPPED_BYTES:
        raise ExtractionFailure("zip_too_large", bytes=unpacked, limit=MAX_UNZIPPED_BYTES)


def _blocks(container: Any, in_text_box: bool = False) -> Iterator[str]:
    """Lines of text from a body, header, cell or text box, in document order."""
    for child in container.iterchildren():
        if child.tag == f"{_W}p":
            yield from _paragraph(child, in_text_box)
        elif child.tag == f"{_W}tbl":
            yield from _table(child)
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content, in_text_box)
        elif child.tag in (f"{_W}customXml", f"{_W}sdtContent"):
            yield from _blocks(child, in_text_box)


def _paragraph(element: Any, in_text_box: bool) -> Iterator[str]:
    text = _run_text(element)
    # A list item's bullet is drawn by Word from the numbering definitions, not stored in
    # the text; mark it so a list reads as one.
    yield f"- {text}" if text.strip() and _is_list_item(element) else text
    if in_text_box:
        return
    # Text boxes sit inside a run; Word writes each twice (DrawingML, and a VML fallback
    # for old readers), so the fallback is skipped.
    for box in element.iter(f"{_W}txbxContent"):
        if next(box.iterancestors(f"{_MC}Fallback"), None) is None:
            yield from _blocks(box, in_text_box=True)


def _is_list_item(element: Any) -> bool:
    properties = element.find(f"{_W}pPr")
    if properties is None:
        return False
    if properties.find(f"{_W}numPr") is not None:
        return True
    style = properties.find(f"{_W}pStyle")
    return style is not None and style.get(f"{_W}val", "").startswith("ListBullet")


def _run_text(element: Any) -> str:
    """A paragraph's visible text: runs, hyperlinks, tracked insertions, fields' results.

    Unlike python-docx's Paragraph.text, it also reads inserted (tracked) text and simple
    fields, and leaves out text boxes (read as their own blocks) and deleted text.
    """
    parts: list[str] = []
    for child in element.iterchildren():
        tag = child.tag
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag not in _SKIPPED and isinstance(tag, str):
            parts.append(_run_text(child))
    return "".join(parts)


def _table(element: Any) -> Iterator[str]:
    for row in element.iterchildren(f"{_W}tr"):
        cells = [list(_blocks(cell)) for cell in row.iterchildren(f"{_W}tc")]
        cells = [[line for line in lines if line.strip()] for lines in cells]
        if all(len(lines) <= 1 for lines in cells):
            yield " | ".join(lines[0] for lines in cells if lines)
        else:
            for lines in cells:
                yield from lines
                yield ""
