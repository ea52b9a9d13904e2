"""The extraction worker: its protocol, and the limits that protect the person's machine.

The kill-on-timeout and the memory cap are proven with stand-in workers (a command that
sleeps, one that runs out of memory) swapped in through `reader.worker_command`, so there is
no test-only switch in the production worker.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from careercoach.documents import extract_worker, reader
from careercoach.documents.reader import UnreadableDocument, read_bytes

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PDF = (CORPUS / "cv_ligatures.pdf").read_bytes()
POSIX_LIMITS = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="RLIMIT_AS is enforced on Linux"
)


def stand_in(monkeypatch: pytest.MonkeyPatch, code: str) -> None:
    """Replace the worker by a Python snippet."""
    command = [sys.executable, "-c", textwrap.dedent(code)]
    monkeypatch.setattr(reader, "worker_command", lambda: command)


def reason_for(data: bytes = PDF) -> UnreadableDocument:
    with pytest.raises(UnreadableDocument) as caught:
        read_bytes(data, filename="cv.pdf")
    return caught.value


def test_a_worker_that_hangs_is_killed_at_the_time_limit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pid_file = tmp_path / "pid"
    stand_in(monkeypatch, f"""
        import os, pathlib, time
        pathlib.Path({str(pid_file)!r}).write_text(str(os.getpid()))
        time.sleep(60)
    """)
    monkeypatch.setattr(reader, "EXTRACT_TIMEOUT_S", 1.0)
    started = time.monotonic()
    error = reason_for()
    assert time.monotonic() - started < 10
    assert error.reason == "timeout"
    assert error.message == (
        "cv.pdf: reading this PDF took too long (over 1 s); it may be damaged or crafted"
    )
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)  # killed and reaped, not left running


def slow_pdf(operations: int) -> bytes:
    """A tiny PDF (a few KB) whose one page holds `operations` text-show operators: pypdf
    needs about 0.15 ms for each, so 300,000 keep it busy far beyond any time limit."""
    import pypdf
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
    })
    fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    stream = StreamObject()
    stream.set_data(b"BT /F1 10 Tf 50 800 Td " + b"(a) Tj 1 0 Td " * operations + b"ET")
    page[NameObject("/Contents")] = writer._add_object(stream.flate_encode())
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_crafted_to_be_slow_is_stopped_by_the_real_worker_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = slow_pdf(300_000)
    assert len(data) < 20_000
    monkeypatch.setattr(reader, "EXTRACT_TIMEOUT_S", 1.5)
    started = time.monotonic()
    assert reason_for(data).reason == "timeout"
    assert time.monotonic() - started < 10


def test_a_worker_out_of_memory_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in(monkeypatch, "raise MemoryError")
    error = reason_for()
    assert error.reason == "memory"
    assert "needed more than 1024 MB of memory" in error.message


def test_a_memory_answer_from_the_worker_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in(monkeypatch, """
        import sys
        sys.stdout.write('{"ok": false, "reason": "memory", "detail": ""}')
    """)
    assert reason_for().reason == "memory"


def test_a_crashing_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in(monkeypatch, "import os; os._exit(3)")
    error = reason_for()
    assert error.reason == "worker_crashed" and "exit status 3" in error.message


def test_a_worker_answering_nonsense(monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in(monkeypatch, "print('hello')")
    assert reason_for().reason == "worker_crashed"
    stand_in(monkeypatch, "print('{\"ok\": true, \"pages\": [1, 2]}')")
    assert reason_for().reason == "worker_crashed"


def test_a_worker_that_cannot_start(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(reader, "worker_command", lambda: [str(tmp_path / "no-python")])
    assert reason_for().reason == "worker_unavailable"


def test_the_request_carries_the_limits_and_the_password(monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in(monkeypatch, """
        import json, sys
        request = sys.stdin.buffer.readline()
        body = sys.stdin.buffer.read()
        page = request.decode() + " body=" + str(len(body)) + " " + "x" * 40
        sys.stdout.write(json.dumps({"ok": True, "pages": [page]}))
    """)
    document = read_bytes(PDF, filename="cv.pdf", password="s3cret")
    request = json.loads(document.text.split("\n")[0])
    assert request["memory_bytes"] == reader.WORKER_MEMORY_BYTES == 1 << 30
    assert request["cpu_seconds"] > reader.EXTRACT_TIMEOUT_S
    assert request["max_pages"] == reader.MAX_PAGES
    assert request["password"] == "s3cret"
    assert f"body={len(PDF)}" in document.text


@POSIX_LIMITS
def test_the_memory_cap_stops_a_runaway_allocation() -> None:
    code = textwrap.dedent("""
        from careercoach.documents.extract_worker import apply_limits
        apply_limits(256 * 1024 * 1024, 30)
        try:
            hog = bytearray(1024 * 1024 * 1024)
        except MemoryError:
            print("refused")
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=30, check=False)
    assert done.stdout.strip() == "refused", done.stderr


def test_the_worker_does_not_import_from_the_working_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A pypdf.py next to the person's CV must not be run by the worker."""
    (tmp_path / "pypdf.py").write_text("raise SystemExit('hijacked')\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTHONINSPECT", "1")  # would leave the worker waiting at a prompt
    assert read_bytes(PDF, filename="cv.pdf").text.startswith("Fiona Clifford")


# --- the worker's protocol, in process -----------------------------------------------------


def ask(request: dict[str, Any], data: bytes) -> dict[str, Any]:
    out = io.BytesIO()
    line = json.dumps({"memory_bytes": None, "cpu_seconds": None, **request}).encode()
    assert extract_worker.main(io.BytesIO(line + b"\n" + data), out) == 0
    return json.loads(out.getvalue())


def test_protocol_answers_pages() -> None:
    answer = ask({"kind": "pdf", "password": None, "max_pages": 50}, PDF)
    assert answer["ok"] is True
    assert "Certi\ufb01ed" in answer["pages"][0]  # raw: normalising is the reader's job


def test_protocol_answers_failures() -> None:
    assert ask({"kind": "pdf", "max_pages": 50}, b"%PDF-1.4 no end")["reason"] == "truncated"
    assert ask({"kind": "rtf"}, b"{\\rtf1}")["reason"] == "bad_request"
    assert ask({"kind": "pdf", "max_pages": 50, "max_chars": 10}, PDF)["reason"] == (
        "too_much_text"
    )


def test_protocol_rejects_a_bad_request_line() -> None:
    out = io.BytesIO()
    extract_worker.main(io.BytesIO(b"not json\n"), out)
    assert json.loads(out.getvalue())["reason"] == "bad_request"


def test_memory_errors_inside_the_worker_become_an_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def exhausted(request: object, data: bytes) -> list[str]:
        raise MemoryError

    monkeypatch.setattr(extract_worker, "_read", exhausted)
    assert ask({"kind": "pdf"}, PDF) == {"ok": False, "reason": "memory", "detail": ""}


def test_unexpected_parser_errors_become_corrupt(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(request: object, data: bytes) -> list[str]:
        raise KeyError("/Root")

    monkeypatch.setattr(extract_worker, "_read", broken)
    answer = ask({"kind": "pdf"}, PDF)
    assert answer["reason"] == "corrupt" and "KeyError" in str(answer["detail"])


# --- import hygiene ------------------------------------------------------------------------


def test_documents_import_no_heavy_or_ui_library() -> None:
    """The CLI's --help imports these modules' callers: no pypdf, docx, typer, rich, litellm."""
    code = textwrap.dedent("""
        import sys
        import careercoach.documents.reader, careercoach.documents.extract_worker
        import careercoach.documents.pdf_text, careercoach.documents.docx_text
        heavy = {"pypdf", "docx", "lxml", "typer", "rich", "litellm", "PIL", "cryptography"}
        print(sorted(heavy & {name.split(".")[0] for name in sys.modules}))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=30, check=True)
    assert done.stdout.strip() == "[]"
