"""Stored CVs: add a file's text once, find the one a command means, list and remove them.

The most recent CV is the default wherever a command takes a CV, so `get_cv(store, None)`
is what `--cv` falls back to. A CV is identified by the SHA-256 of its file's bytes: adding
the same file twice keeps one row. The rows are read and written in plain SQL
(store/cv_rows.py), so these commands never import SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from careercoach.errors import BadInput, NotFound

if TYPE_CHECKING:
    from careercoach.documents.reader import Document
    from careercoach.store.db import Store
    from careercoach.store.gap_rows import StoredCV

MAX_NAME_LENGTH = 120


def add_cv(
    store: Store, source: str, *, name: str | None = None, password: str | None = None
) -> tuple[StoredCV, bool]:
    """Read the CV at `source` ("-" for stdin) and store it; (cv, False) if already stored.

    The document is read completely before the database is touched, so an unreadable file
    (UnreadableDocument, exit 1) stores nothing.
    """
    from careercoach.documents.reader import read_document
    from careercoach.store.gap_rows import insert_cv

    label = _clean_name(name)
    document = read_document(source, password=password)
    return insert_cv(store, cv_values(document, label))


def cv_values(document: Document, name: str | None = None) -> dict[str, Any]:
    """The cv row's columns for a document read from a file (all but id and created_at)."""
    return {
        "name": name,
        "filename": document.filename,
        "kind": document.kind,
        "sha256": document.sha256,
        "size_bytes": document.size_bytes,
        "page_count": document.page_count,
        "word_count": document.word_count,
        "text": document.text,
    }


def get_cv(store: Store, ref: int | str | None) -> StoredCV:
    """The CV with id `ref`, or the most recent CV when `ref` is None."""
    from careercoach.store.gap_rows import find_cv

    if ref is None:
        latest = find_cv(store)
        if latest is None:
            raise NotFound("no CV stored yet", hint="add one with: careercoach cv add FILE")
        return latest
    cv_id = parse_cv_id(ref)
    cv = find_cv(store, cv_id=cv_id)
    if cv is None:
        raise cv_not_found(cv_id)
    return cv


def cv_not_found(cv_id: int) -> NotFound:
    return NotFound(f"no CV with id {cv_id}", hint="see the stored CVs with: careercoach cv list")


def list_cvs(store: Store) -> list[StoredCV]:
    """Every stored CV, oldest first (the last one is the default)."""
    from careercoach.store import cv_rows

    return cv_rows.list_cvs(store)


def remove_cv(store: Store, cv_id: int | str) -> StoredCV:
    """Delete one CV; analyses made from it stay, no longer linked to a CV."""
    from careercoach.store.cv_rows import delete_cv

    wanted = parse_cv_id(cv_id)
    cv = delete_cv(store, wanted)
    if cv is None:
        raise cv_not_found(wanted)
    return cv


def parse_cv_id(ref: int | str) -> int:
    """A CV id from a number or its text ("3", "#3"); BadInput for anything else."""
    from careercoach.ids import as_id

    cv_id = as_id(ref)
    if cv_id is None:
        raise BadInput(
            f"not a CV id: {str(ref)!r}",
            hint="give the number shown by: careercoach cv list",
        )
    return cv_id


def cv_to_dict(cv: StoredCV, *, with_text: bool) -> dict[str, Any]:
    """The CV as JSON-ready data (`--json`); the text only when asked, it can be long."""
    data: dict[str, Any] = {
        "id": cv.id,
        "name": cv.name,
        "filename": cv.filename,
        "kind": cv.kind,
        "sha256": cv.sha256,
        "size_bytes": cv.size_bytes,
        "page_count": cv.page_count,
        "word_count": cv.word_count,
        "created_at": cv.created_at.isoformat(),
    }
    if with_text:
        data["text"] = cv.text
    return data


def _clean_name(name: str | None) -> str | None:
    if name is None:
        return None
    label = " ".join(name.split())
    if not label:
        return None
    if len(label) > MAX_NAME_LENGTH:
        raise BadInput(
            f"the CV name is too long ({len(label)} characters)",
            hint=f"use at most {MAX_NAME_LENGTH} characters, e.g. --name '2026 data engineer'",
        )
    return label
