"""Reliability soak (issue 8): the full-size runs of tests/reliability, and what they observed.

Runs `pytest -m soak tests/reliability` (8 writer processes for 30 s, 40 random SIGKILLs and a
kill inside every migration, 1,000 model calls with 10% faults, ten times the default fuzz
examples) with RELIABILITY_REPORT pointing at a scratch file, where each test appends the
figures it measured. Prints a Markdown section for docs/PERFORMANCE.md; exits non-zero if a
soak test failed (bench/run then shows the failure instead of figures).

Run: python bench/bench_reliability.py [--default]   (--default: the short runs instead)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def run_tests(marker: str) -> tuple[int, float, list[dict[str, Any]], str]:
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "figures.jsonl"
        env = {**os.environ, "RELIABILITY_REPORT": str(report)}
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-m", marker, "-q", "-p", "no:cacheprovider",
             "tests/reliability"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        )
        elapsed = time.monotonic() - started
        lines = report.read_text(encoding="utf-8").splitlines() if report.exists() else []
    figures = [json.loads(line) for line in lines if line.strip()]
    summary = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
    return done.returncode, elapsed, figures, summary


def by_test(figures: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["test"]: f for f in figures}


def section(marker: str, code: int, elapsed: float, figures: list[dict[str, Any]],
            summary: str) -> str:
    f = by_test(figures)
    out = [f"## Reliability ({'soak' if marker == 'soak' else 'default run'}: "
           f"`pytest -m \"{marker}\" tests/reliability`)", ""]
    out.append(f"{summary.strip('= ')}, {elapsed:.0f} s wall. See docs/RELIABILITY.md for what "
               "each test proves.")
    out.append("")
    out.append("| test | figures |")
    out.append("| --- | --- |")
    for name in sorted(f):
        values = {k: v for k, v in f[name].items() if k not in ("test", "at")}
        out.append(f"| {name} | {_cells(values)} |")
    fuzz = [v for k, v in f.items() if k.startswith("fuzz-")]
    if fuzz:
        out.append("")
        out.append(f"Fuzz cases run in total: {sum(int(v.get('cases', 0)) for v in fuzz):,}.")
    model = f.get("model-faults-soak") or f.get("model-faults-short")
    if model:
        out.append(
            f"Model faults: {model['calls']:,} calls, {model['requests']:,} requests, "
            f"{model['faults_planned_total']} faults injected; {model['ok']} ok, "
            f"{model['exit_4']} exit 4, {model['usage_rows']} usage rows; slowest call "
            f"{model['max_call_seconds']} s (deadline {model['deadline_seconds']} s + margin); "
            f"RSS {model['rss_after_first_tenth_mib']} MiB after the first tenth, "
            f"{model['rss_end_mib']} MiB at the end, peak {model['peak_rss_mib']} MiB.")
    if code != 0:
        out.append("")
        out.append(f"**The run failed (pytest exit {code}).**")
    return "\n".join(out)


def _cells(values: dict[str, Any]) -> str:
    parts = []
    for key, value in values.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in value.items())
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value) or "none"
        parts.append(f"{key.replace('_', ' ')}: {value}")
    return "; ".join(parts).replace("|", "/")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--default", action="store_true",
                        help="run the short default-run versions instead of the soak")
    args = parser.parse_args()
    marker = "not soak" if args.default else "soak"
    code, elapsed, figures, summary = run_tests(marker)
    print(section(marker, code, elapsed, figures, summary))
    return code


if __name__ == "__main__":
    sys.exit(main())
