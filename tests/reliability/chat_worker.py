"""One careercoach process making N sequential model calls (`chat --no-cache MESSAGE`), issue 8.3.

    python chat_worker.py N

The model, its base URL, key, timeout and retries come from the environment. After every call
it prints one JSON line: {"i", "code", "seconds", "rss_kib", "stderr"} (stderr only on
failure), so the parent can check each call's outcome, its time and the memory over the run.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from typer.testing import CliRunner

from careercoach.cli import app


def rss_kib() -> int:
    """The resident set size now, in KiB (Linux /proc; elsewhere the peak so far)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
        return pages * resource.getpagesize() // 1024
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> int:
    calls = int(sys.argv[1])
    runner = CliRunner()
    # Load LiteLLM first (seconds, once): the calls are timed, the import is not.
    from careercoach.llm.litellm_setup import load_litellm

    load_litellm()
    for i in range(calls):
        started = time.monotonic()
        result = runner.invoke(app, ["chat", "--no-cache", f"Question number {i}: what next?"])
        seconds = time.monotonic() - started
        line = {"i": i, "code": result.exit_code, "seconds": round(seconds, 3),
                "rss_kib": rss_kib()}
        if result.exit_code != 0:
            line["stderr"] = (result.stderr or "")[-400:]
            line["exception"] = repr(result.exception) if result.exit_code not in (0, 4) else ""
        print(json.dumps(line), flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"done": calls, "peak_rss_kib": peak}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
