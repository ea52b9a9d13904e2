"""The one exception the extraction worker's readers raise: a reason code and its details.

Kept apart from extract_worker.py, which runs as ``__main__`` and would otherwise define a
second, different copy of the class when the readers import it.
"""

from __future__ import annotations

from typing import Any


class ExtractionFailure(Exception):
    """A document that cannot be read, with a reason the parent turns into a message.

    Reasons: truncated, corrupt, encrypted, wrong_password, unsupported_encryption,
    too_many_pages (pages=N), zip_too_large (bytes=N), not_docx.
    """

    def __init__(self, reason: str, detail: str = "", **info: Any) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.info = info
