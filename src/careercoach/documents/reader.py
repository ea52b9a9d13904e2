"""Read a CV or job posting (PDF, DOCX, TXT, Markdown, or stdin) into clean text.

    doc = read_document("cv.pdf")                  # or "-" for stdin, password="..." if locked
    doc.text, doc.pages, doc.page_count, doc.sha256

Every way a file can be unreadable raises `UnreadableDocument` (a `BadInput`, exit 1) with
its own message and a one-line hint, before anything is stored. The limits are the module
constants below.

PDF and DOCX files are parsed in a child process (`extract_worker`) that is killed after
`EXTRACT_TIMEOUT_S` seconds and, on POSIX, cannot take more than `WORKER_MEMORY_BYTES` of
address space: a crafted file can make a parser hang or allocate without end, and the
person's shell must survive it. Text files are decoded here. Nothing in this module imports
pypdf or python-docx.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

from careercoach.documents.normalize import normalize_text
from careercoach.documents.sniff import DOCX, PDF, TEXT, decode_text, looks_like_markdown, sniff
from careercoach.errors import BadInput

MiB = 1024 * 1024
MAX_BYTES = 20 * MiB
MAX_PAGES = 50
# DOCX, TXT and Markdown have no pages; this many words is about MAX_PAGES pages of CV.
MAX_WORDS = MAX_PAGES * 800
# Fewer non-blank characters than this per page, on average, means there is no text layer.
MIN_CHARS_PER_PAGE = 20
EXTRACT_TIMEOUT_S = 20.0
WORKER_MEMORY_BYTES = 1024 * MiB
# What the worker may send back: far more than any CV, far less than a pathological page.
MAX_TEXT_CHARS = 5_000_000
# Pages are joined with a blank line, not a form feed: the text is shown in terminals and
# sent to models, where "\f" is noise. Page boundaries stay available in Document.pages.
PAGE_SEPARATOR = "\n\n"
STDIN_NAME = "<stdin>"

Kind = Literal["pdf", "docx", "txt", "md"]
EXTENSIONS: dict[str, Kind] = {
    ".pdf": "pdf", ".docx": "docx", ".txt": "txt", ".text": "txt", ".md": "md",
    ".markdown": "md",
}
UNSUPPORTED_EXTENSIONS = frozenset(
    {".doc", ".docm", ".dotx", ".odt", ".rtf", ".pages", ".wps", ".xps", ".epub", ".html",
     ".htm", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".heic", ".webp"}
)
_LABELS = {"pdf": "PDF", "docx": "DOCX", "txt": "text", "md": "Markdown"}
_CONTENT = {PDF: "a PDF", DOCX: "a Word document (DOCX)", TEXT: "plain text"}

# Every message a person can get from this module, with its hint, by reason.
_MESSAGES: dict[str, tuple[str, str]] = {
    "not_found": ("no such file: {path}", "check the path, or use - to read the CV from stdin"),
    "is_directory": ("{path} is a directory, not a file",
                     "give the path of one CV file: PDF, DOCX, TXT or Markdown"),
    "permission": ("cannot read {path}: permission denied",
                   "check that your user may read the file"),
    "os_error": ("cannot read {path}: {error}", "check the path and try again"),
    "empty": ("{name} is empty (0 bytes)",
              "check that the file was saved or downloaded completely"),
    "stdin_empty": ("nothing was read from stdin",
                    "pipe a CV into the command, e.g. careercoach cv add - < cv.pdf"),
    "too_large": ("{name} is too large ({size}); the limit is {limit}",
                  "export the CV without large images, or save its text as a .txt file"),
    "unsupported_type": ("{name}: {ext} files are not supported",
                         "save it as PDF or DOCX (careercoach reads PDF, DOCX, TXT and "
                         "Markdown)"),
    "unknown_content": ("{name} is {found}, not a document careercoach can read",
                        "save or export the CV as PDF, DOCX, TXT or Markdown"),
    "mismatch": ("{name} is not a {expected} file: its content looks like {found}",
                 "rename it to match what it is, or export the CV again"),
    "encrypted": ("{name} is password-protected",
                  "give its password with --password, or export an unprotected copy"),
    "wrong_password": ("the password for {name} is wrong",
                       "check the password (it is case-sensitive) and try again"),
    "unsupported_encryption": ("{name} is encrypted in a way careercoach cannot open",
                               "export an unprotected copy from your PDF viewer"),
    "too_many_pages": ("{name} has {pages} pages; careercoach reads at most {limit}",
                       "a CV is usually 1-3 pages: save the pages you want as a separate PDF"),
    "too_many_words": ("{name} has {words} words; careercoach reads at most {limit} "
                       "(about {pages} pages)",
                       "a CV is usually 1-3 pages: save the part you want as a separate file"),
    "truncated": ("{name} is incomplete: the PDF ends before its end-of-file marker",
                  "download or copy the file again; it was cut off"),
    "corrupt": ("{name} is damaged and cannot be read as a {label} file",
                "open it in a viewer and save or print it as a new {label}"),
    "not_docx": ("{name} is not a valid DOCX file",
                 "open it in Word or LibreOffice and save it again as DOCX"),
    "zip_too_large": ("{name} unpacks to {size}, more than the {limit} allowed; it may be "
                      "damaged or crafted",
                      "open it in Word or LibreOffice and save it again as DOCX"),
    "no_text_layer": ("{name}: this PDF has no text layer; export it with text or run OCR "
                      "first, e.g. ocrmypdf",
                      "ocrmypdf scan.pdf text.pdf adds a text layer to a copy; read that one"),
    "no_text": ("{name} contains no text", "check that it is the right file"),
    "timeout": ("{name}: reading this {label} took too long (over {seconds:g} s); it may be "
                "damaged or crafted",
                "open it in a viewer and save it as a new file, then try again"),
    "memory": ("{name}: reading this {label} needed more than {limit} of memory; it may be "
               "damaged or crafted",
               "open it in a viewer and save it as a new file, then try again"),
    "too_much_text": ("{name} holds far more text than a CV ({chars} characters); it may be "
                      "damaged or crafted",
                      "open it in a viewer and save it as a new file, then try again"),
    "worker_crashed": ("{name}: the {label} reader stopped unexpectedly ({status})",
                       "run again with --debug; if it happens again, save the file anew"),
    "worker_unavailable": ("could not start the document reader: {error}",
                           "reinstall careercoach (pipx reinstall careercoach)"),
}


class UnreadableDocument(BadInput):
    """A document that cannot be read: `reason` says why (a key of the messages table)."""

    def __init__(self, reason: str, message: str, hint: str, detail: str = "") -> None:
        super().__init__(message, hint)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Document:
    """A document's text and what is known about the file it came from.

    `pages` holds each PDF page's text; DOCX, TXT and Markdown have no fixed pages, so
    `pages` is one entry with the whole text and `page_count` is None. `text` is the pages
    joined by a blank line (PAGE_SEPARATOR), empty pages left out.
    """

    text: str
    pages: list[str]
    page_count: int | None
    word_count: int
    kind: Kind
    filename: str
    sha256: str
    size_bytes: int


def read_document(source: str | Path, *, password: str | None = None,
                  stdin: BinaryIO | None = None) -> Document:
    """Read the file at `source`, or standard input when `source` is the string "-".

    `stdin` replaces sys.stdin's byte stream (tests, embedding). From stdin the type is
    told from the content; from a file, the extension must match the content.
    """
    if isinstance(source, str) and source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = _read_limited(stream, STDIN_NAME)
        if not data:
            raise _fail("stdin_empty")
        return read_bytes(data, filename=STDIN_NAME, password=password)
    path = Path(source)
    return read_bytes(_read_file(path), filename=path.name, password=password)


def read_bytes(data: bytes, *, filename: str, password: str | None = None) -> Document:
    """Read a document held in memory; `filename`'s extension says what it should be."""
    if not data:
        raise _fail("empty", name=filename)
    if len(data) > MAX_BYTES:
        raise _fail("too_large", name=filename, size=_megabytes(len(data)),
                    limit=_megabytes(MAX_BYTES))
    kind = _kind_of(data, filename)
    if kind in ("pdf", "docx"):
        pages = [normalize_text(page) for page in _extract(kind, data, password, filename)]
    else:
        pages = [normalize_text(decode_text(data) or "")]
    _check_text(pages, kind, filename)
    text = PAGE_SEPARATOR.join(page for page in pages if page)
    return Document(
        text=text,
        pages=pages,
        page_count=len(pages) if kind == "pdf" else None,
        word_count=len(text.split()),
        kind=kind,
        filename=filename,
        sha256=hashlib.sha256(data).hexdigest(),
        size_bytes=len(data),
    )


def worker_command() -> list[str]:
    """The command that starts an extraction worker (tests replace it to exercise the limits)."""
    return [sys.executable, "-m", "careercoach.documents.extract_worker"]


def _fail(reason: str, detail: str = "", **fields: Any) -> UnreadableDocument:
    message, hint = _MESSAGES[reason]
    return UnreadableDocument(reason, message.format(**fields), hint.format(**fields), detail)


def _megabytes(size: int) -> str:
    return f"{size / MiB:.1f} MB".replace(".0 MB", " MB")


def _read_file(path: Path) -> bytes:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise _fail("is_directory", path=path)
        # Refuse a big file before reading it; the limited read below still guards files
        # whose size stat cannot tell (pipes, /dev/stdin, a file still growing).
        if stat.S_ISREG(info.st_mode):
            if info.st_size == 0:
                raise _fail("empty", name=path.name)
            if info.st_size > MAX_BYTES:
                raise _fail("too_large", name=path.name, size=_megabytes(info.st_size),
                            limit=_megabytes(MAX_BYTES))
        with path.open("rb") as stream:
            return _read_limited(stream, path.name)
    except FileNotFoundError:
        raise _fail("not_found", path=path) from None
    except IsADirectoryError:
        raise _fail("is_directory", path=path) from None
    except PermissionError:
        raise _fail("permission", path=path) from None
    except OSError as exc:
        raise _fail("os_error", path=path, error=exc.strerror or exc) from None


def _read_limited(stream: BinaryIO, name: str) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while total <= MAX_BYTES:
        chunk = stream.read(min(MiB, MAX_BYTES + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > MAX_BYTES:
        raise _fail("too_large", name=name, size=f"over {_megabytes(MAX_BYTES)}",
                    limit=_megabytes(MAX_BYTES))
    return b"".join(chunks)


def _kind_of(data: bytes, filename: str) -> Kind:
    """The kind to read `data` as; the extension must agree with the content."""
    extension = Path(filename).suffix.lower()
    found = sniff(data)
    expected = EXTENSIONS.get(extension)
    if expected is None:
        if extension in UNSUPPORTED_EXTENSIONS:
            raise _fail("unsupported_type", name=filename, ext=extension)
        # No extension, an unknown one, or stdin: go by the content.
        if found == PDF:
            return "pdf"
        if found == DOCX:
            return "docx"
        if found == TEXT:
            return "md" if looks_like_markdown(decode_text(data) or "") else "txt"
        raise _fail("unknown_content", name=filename, found=found)
    wanted = TEXT if expected in ("txt", "md") else expected
    if found != wanted:
        raise _fail("mismatch", name=filename, expected=_LABELS[expected],
                    found=_CONTENT.get(found, found))
    return expected


def _check_text(pages: list[str], kind: Kind, filename: str) -> None:
    characters = sum(len(page) - sum(ch.isspace() for ch in page) for page in pages)
    if kind == "pdf":
        if characters < MIN_CHARS_PER_PAGE * len(pages):
            raise _fail("no_text_layer", name=filename)
        return
    if characters == 0:
        raise _fail("no_text", name=filename)
    words = sum(len(page.split()) for page in pages)
    if words > MAX_WORDS:
        raise _fail("too_many_words", name=filename, words=words, limit=MAX_WORDS,
                    pages=MAX_PAGES)


def _extract(kind: Kind, data: bytes, password: str | None, filename: str) -> list[str]:
    """Run the extraction worker on `data` and return its pages, or raise UnreadableDocument."""
    label = _LABELS[kind]
    request = {
        "kind": kind, "password": password, "max_pages": MAX_PAGES, "max_chars": MAX_TEXT_CHARS,
        "memory_bytes": WORKER_MEMORY_BYTES, "cpu_seconds": int(EXTRACT_TIMEOUT_S) + 5,
    }
    payload = json.dumps(request).encode("utf-8") + b"\n" + data
    try:
        done = subprocess.run(
            worker_command(), input=payload, capture_output=True, timeout=EXTRACT_TIMEOUT_S,
            cwd=_package_root(), env=_worker_environment(), check=False,
        )
    except subprocess.TimeoutExpired:  # run() has killed the worker already
        raise _fail("timeout", name=filename, label=label, seconds=EXTRACT_TIMEOUT_S) from None
    except OSError as exc:
        raise _fail("worker_unavailable", error=exc) from None
    answer = _parse_answer(done.stdout)
    if answer is None:
        raise _worker_died(done, filename, label)
    if answer.get("ok"):
        pages = answer.get("pages")
        if isinstance(pages, list) and all(isinstance(page, str) for page in pages):
            return pages
        raise _fail("worker_crashed", name=filename, label=label, status="bad answer")
    raise _failure(answer, filename, label)


def _package_root() -> str:
    """The directory holding the careercoach package: the worker starts there, so
    ``-m`` finds this same copy of careercoach and never a module in the user's own
    working directory."""
    return str(Path(__file__).resolve().parents[2])


def _worker_environment() -> dict[str, str]:
    # Variables that would make the worker interactive, chatty or fail on warnings.
    dropped = {"PYTHONINSPECT", "PYTHONSTARTUP", "PYTHONWARNINGS", "PYTHONBREAKPOINT"}
    return {name: value for name, value in os.environ.items() if name not in dropped}


def _parse_answer(stdout: bytes) -> dict[str, Any] | None:
    try:
        answer = json.loads(stdout)
    except ValueError:
        return None
    return answer if isinstance(answer, dict) else None


def _worker_died(done: subprocess.CompletedProcess[bytes], filename: str,
                 label: str) -> UnreadableDocument:
    import signal

    detail = done.stderr[-2000:].decode("utf-8", "replace")
    code = done.returncode
    if code == -getattr(signal, "SIGXCPU", -1000):
        return _fail("timeout", detail, name=filename, label=label, seconds=EXTRACT_TIMEOUT_S)
    if "MemoryError" in detail or code == -getattr(signal, "SIGKILL", -1000):
        return _fail("memory", detail, name=filename, label=label,
                     limit=_megabytes(WORKER_MEMORY_BYTES))
    status = f"signal {-code}" if code < 0 else f"exit status {code}"
    return _fail("worker_crashed", detail, name=filename, label=label, status=status)


def _failure(answer: dict[str, Any], filename: str, label: str) -> UnreadableDocument:
    """The error for a worker's answer that says the document could not be read."""
    reason = str(answer.get("reason"))
    detail = str(answer.get("detail", ""))
    fields: dict[str, Any] = {"name": filename, "label": label}
    if reason == "too_many_pages":
        fields.update(pages=answer.get("pages"), limit=MAX_PAGES)
    elif reason == "zip_too_large":
        fields.update(size=_megabytes(int(answer.get("bytes", 0))),
                      limit=_megabytes(int(answer.get("limit", 0))))
    elif reason == "memory":
        fields.update(limit=_megabytes(WORKER_MEMORY_BYTES))
    elif reason == "too_much_text":
        fields.update(chars=f"over {MAX_TEXT_CHARS:,}")
    elif reason not in _MESSAGES:  # "bad_request", or a worker newer than this reader
        fields.update(status=f"{reason}: {detail}"[:200])
        reason = "worker_crashed"
    return _fail(reason, detail, **fields)
