"""Record ids as people type them: "3" or "#3", ASCII digits only ("²" and "٣" are digits
to str.isdigit() but not ids). One reading for every command that takes an id; each caller
words its own error (which record, where to find the numbers)."""

from __future__ import annotations


def as_id(ref: int | str) -> int | None:
    """The id `ref` names, or None when it is not one."""
    if isinstance(ref, int) and not isinstance(ref, bool):
        return ref
    text = str(ref).strip().removeprefix("#")
    return int(text) if text.isascii() and text.isdigit() else None
