"""Stop warm model workers that a test's child processes started, so none outlives its test.

conftest.py turns the worker off (CAREERCOACH_NO_WORKER=1), but a test that builds its child
processes' environment from scratch turns it back on without knowing. After every test, the
worker directories of its home are looked at (a stat or two when there are none); any worker
serving one is stopped, and killed if it does not stop.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import time
from pathlib import Path


def _workers_serving(directory: Path) -> list[int]:
    wanted = os.fsencode(directory)
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            args = (entry / "cmdline").read_bytes().split(b"\0")
            if b"careercoach.llm.worker" in args and wanted in args:
                pids.append(int(entry.name))
    return pids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def stop_workers_of(home: Path) -> None:
    """Stop every worker serving `home`'s runtime directories, then remove the /tmp one."""
    if not Path("/proc/self").exists():
        return
    from careercoach.llm.worker_protocol import candidate_dirs

    for index, directory in enumerate(candidate_dirs(home / "run")):
        if not directory.exists():
            continue
        pids = _workers_serving(directory)
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 3
        while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.02)
        for pid in pids:
            if _alive(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        if index == 1:  # the short directory in /tmp is not under the test's own tmp_path
            shutil.rmtree(directory, ignore_errors=True)
