"""Helpers for the warm worker's tests: find, wait for and always stop the workers they start."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from careercoach.llm import worker_client
from careercoach.llm.worker_protocol import WorkerFiles, worker_files


def wait_for(condition: Callable[[], object], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out after {seconds}s waiting for {what}")


def is_worker(pid: int, directory: Path) -> bool:
    """A live (not zombie) worker process serving `directory` (its --dir argument)."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return (
        b"careercoach.llm.worker" in args
        and os.fsencode(directory) in args
        and not worker_client.process_gone(pid)
    )


def worker_pids(directory: Path) -> set[int]:
    """Every live worker process serving `directory` (found through /proc)."""
    return {
        int(entry.name)
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and is_worker(int(entry.name), directory)
    }


def status(files: WorkerFiles | None = None) -> dict | None:
    answer = worker_client.exchange(files or worker_files(), {"op": "status"})
    return answer if answer and answer.get("t") == "status" else None


def stop_everything(files: WorkerFiles) -> None:
    """Stop the worker of `files` politely, then kill any worker still serving its directory."""
    answer = worker_client.exchange(files, {"op": "stop"})
    if answer and answer.get("pid"):
        with contextlib.suppress(AssertionError):
            wait_for(lambda: worker_client.process_gone(int(answer["pid"])), 5, "the stop")
    for pid in worker_pids(files.directory):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    for _, process in list(worker_client._started.values()):
        with contextlib.suppress(Exception):
            process.kill()
            process.wait(5)


def usage_rows(home: Path) -> list[tuple]:
    """(transport, outcome, prompt_tokens, completion_tokens, cost_usd, cache_hit) per row."""
    with contextlib.closing(sqlite3.connect(home / "careercoach.db")) as db:
        return db.execute(
            "SELECT transport, outcome, prompt_tokens, completion_tokens, cost_usd, cache_hit "
            "FROM usage ORDER BY id"
        ).fetchall()
