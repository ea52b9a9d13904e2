"""The extraction worker: reads one PDF or DOCX in a child process under time and memory limits.

PDF and DOCX libraries parse untrusted files, and pypdf has a history of hanging or eating
memory on crafted PDFs, so the reader runs them here, in a process it can kill:
`careercoach.documents.reader` starts ``python -m careercoach.documents.extract_worker``,
kills it when its time is up, and this process caps its own address space and CPU time
(POSIX) before it touches the file.

Protocol (one request per process):

- stdin: one line of JSON ``{"kind": "pdf"|"docx", "password": str|null, "max_pages": int,
  "max_chars": int, "memory_bytes": int|null, "cpu_seconds": int|null}``, then the file's
  bytes to the end of the stream;
- stdout: one JSON object, ``{"ok": true, "pages": [str, ...]}`` or ``{"ok": false,
  "reason": str, "detail": str, ...}`` (reasons are listed in failures.py, plus "memory",
  "too_much_text" and "bad_request").

The exit status is 0 whenever an answer was written; anything else means the worker died.
"""

from __future__ import annotations

import contextlib
import json
import sys
from typing import Any, BinaryIO

from careercoach.documents.failures import ExtractionFailure


def main(stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> int:
    """Answer one request from stdin on stdout; see the module docstring for the protocol."""
    source = stdin or sys.stdin.buffer
    answer = stdout or sys.stdout.buffer
    if stdout is None:
        _quiet()
    try:
        request = json.loads(source.readline())
        if not isinstance(request, dict):
            raise ValueError("the request line is not a JSON object")
    except ValueError as exc:
        result: dict[str, Any] = {"ok": False, "reason": "bad_request", "detail": str(exc)}
    else:
        apply_limits(request.get("memory_bytes"), request.get("cpu_seconds"))
        result = extract(request, source.read())
    answer.write(json.dumps(result, ensure_ascii=False).encode("utf-8"))
    answer.flush()
    return 0


def apply_limits(memory_bytes: int | None, cpu_seconds: int | None) -> None:
    """Cap this process's address space and CPU time, where the platform allows it.

    The CPU limit is a backstop for a parent that died before it could kill the worker;
    the parent's own timeout is the one people see. Platforms without `resource`
    (Windows), or that refuse RLIMIT_AS (macOS), run with the time limit only.
    """
    try:
        import resource
    except ImportError:
        return
    for limit, value in ((resource.RLIMIT_AS, memory_bytes), (resource.RLIMIT_CPU, cpu_seconds)):
        if value is None:
            continue
        _, hard = resource.getrlimit(limit)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(limit, (value, hard))


def _quiet() -> None:
    """Keep library chatter out of the answer: prints go to stderr, warnings and logs nowhere
    (pypdf logs a warning for every oddity in a damaged file)."""
    import logging
    import warnings

    sys.stdout = sys.stderr
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")


def extract(request: dict[str, Any], data: bytes) -> dict[str, Any]:
    """Run the reader for the request's kind and describe the outcome as a JSON-able dict."""
    try:
        pages = _read(request, data)
    except ExtractionFailure as failure:
        return {"ok": False, "reason": failure.reason, "detail": failure.detail, **failure.info}
    except MemoryError:
        return {"ok": False, "reason": "memory", "detail": ""}
    except Exception as exc:  # a damaged or hostile file can make a parser raise anything
        return {"ok": False, "reason": "corrupt", "detail": f"{type(exc).__name__}: {exc}"[:300]}
    if sum(map(len, pages)) > request.get("max_chars", 5_000_000):
        return {"ok": False, "reason": "too_much_text", "detail": ""}
    return {"ok": True, "pages": pages}


def _read(request: dict[str, Any], data: bytes) -> list[str]:
    kind = request.get("kind")
    if kind == "pdf":
        _skip_unneeded_imports(data)
        from careercoach.documents.pdf_text import extract_pdf

        return extract_pdf(data, password=request.get("password"),
                           max_pages=int(request.get("max_pages", 50)))
    if kind == "docx":
        from careercoach.documents.docx_text import extract_docx

        return [extract_docx(data)]
    raise ExtractionFailure("bad_request", detail=f"unknown kind {kind!r}")


def _skip_unneeded_imports(data: bytes) -> None:
    """Keep pypdf from importing Pillow (images are not read) and, unless the file is
    encrypted, the crypto libraries: together a good part of the worker's start-up time.

    pypdf treats both as optional and works without them; a None in sys.modules makes
    their import fail at once.
    """
    blocked = ["PIL"]
    if b"/Encrypt" not in data:
        blocked += ["cryptography", "Crypto"]
    for name in blocked:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
