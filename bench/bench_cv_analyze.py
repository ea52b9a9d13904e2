"""Time `cv analyze --offline`: extraction and the ATS checks of the 2-page corpus CV.

    python bench/bench_cv_analyze.py [--runs 7]

In-process: the median of `read_document` (the extraction worker included) plus
`run_checks` + `overall_score`, and of the checks alone (the first, cold call of the checks
is shown apart: it compiles the patterns and imports the redaction rules). As commands, each
run in a fresh CAREERCOACH_HOME: the median wall time of `careercoach --version` (start-up),
`careercoach cv add` of the PDF (extraction and storing), `careercoach cv list --json` (a
command that opens the store and does nothing else: the cost every stored-data command
pays) and `careercoach cv analyze --offline` on the stored CV. The issue's target:
extraction + offline checks under 0.5 s beyond the CLI's start-up.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
PDF = CORPUS / "cv_single_column.pdf"
CLI = [sys.executable, "-m", "careercoach"]


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def extract_and_check() -> int:
    from careercoach.analysis.ats_checks import overall_score, run_checks
    from careercoach.documents.reader import read_document

    doc = read_document(PDF)
    checks = run_checks(
        doc.text, page_count=doc.page_count, word_count=doc.word_count, kind=doc.kind
    )
    return overall_score(checks).value


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_cli(home: Path, *args: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one command; CPU covers its own child processes too."""
    env = {**os.environ, "CAREERCOACH_HOME": str(home), "CAREERCOACH_OFFLINE": "1"}
    env.pop("CAREERCOACH_MODEL", None)
    cpu = _children_cpu()
    started = time.perf_counter()
    subprocess.run([*CLI, *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - started, _children_cpu() - cpu


COMMANDS = {
    "startup": ["--version"],
    "add": ["cv", "add", str(PDF)],
    "list": ["cv", "list", "--json"],
    "analyze": ["cv", "analyze", "--offline"],
}


def cli_medians(runs: int) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds per command of COMMANDS, each run in a fresh home."""
    walls: dict[str, list[float]] = {name: [] for name in COMMANDS}
    cpus: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        home = Path(tempfile.mkdtemp(prefix="cc-bench-"))
        try:
            for name, args in COMMANDS.items():
                wall, cpu = run_cli(home, *args)
                walls[name].append(wall)
                cpus[name].append(cpu)
        finally:
            shutil.rmtree(home, ignore_errors=True)
    return {
        name: (statistics.median(walls[name]), statistics.median(cpus[name])) for name in COMMANDS
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    from careercoach.analysis.ats_checks import run_checks
    from careercoach.documents.reader import read_document

    doc = read_document(PDF)
    started = time.perf_counter()
    run_checks(doc.text, page_count=doc.page_count, word_count=doc.word_count, kind=doc.kind)
    cold = time.perf_counter() - started
    checks_only = median_seconds(
        lambda: run_checks(
            doc.text, page_count=doc.page_count, word_count=doc.word_count, kind=doc.kind
        ),
        args.runs,
    )
    both = median_seconds(extract_and_check, args.runs)
    figures = cli_medians(args.runs)
    (startup, startup_cpu), (add, add_cpu), (analyze, analyze_cpu), (listing, listing_cpu) = (
        figures["startup"],
        figures["add"],
        figures["analyze"],
        figures["list"],
    )
    beyond = (add - startup) + (analyze - startup)
    beyond_cpu = (add_cpu - startup_cpu) + (analyze_cpu - startup_cpu)
    load = os.getloadavg()[0]

    print("## CV analyze (offline)")
    print()
    print(
        f"Method: `bench/bench_cv_analyze.py`, median of {args.runs} runs, "
        f"{PDF.name} ({doc.page_count} pages, {doc.word_count} words). In-process: "
        "`read_document` (extraction in its worker process) + `run_checks` + "
        "`overall_score`. Commands: each run in a fresh `CAREERCOACH_HOME`, "
        "`python -m careercoach` as a subprocess, offline; wall time and CPU time (user + "
        "system, the extraction worker included). "
        f"Load average at the end of the run: {load:.1f}."
    )
    print()
    print("| what | wall (median) | CPU (median) |")
    print("| --- | ---: | ---: |")
    print(f"| checks only, first call in the process (cold) | {cold * 1000:.0f} ms | |")
    print(f"| checks only, warm | {checks_only * 1000:.0f} ms | |")
    print(f"| extraction + checks, in-process | {both * 1000:.0f} ms | |")
    rows = [
        ("`careercoach --version` (start-up)", startup, startup_cpu),
        ("`careercoach cv add` (extract + store)", add, add_cpu),
        ("`careercoach cv analyze --offline`", analyze, analyze_cpu),
        (
            "`careercoach cv list --json` (start-up + the store, for comparison)",
            listing,
            listing_cpu,
        ),
        ("`cv analyze --offline` beyond start-up", analyze - startup, analyze_cpu - startup_cpu),
        (
            "`cv analyze --offline` beyond `cv list` (the checks and the stored analysis)",
            analyze - listing,
            analyze_cpu - listing_cpu,
        ),
        (
            "extraction + checks beyond start-up (add + analyze, each minus start-up)",
            beyond,
            beyond_cpu,
        ),
    ]
    for label, wall, cpu in rows:
        print(f"| {label} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms |")
    print()
    verdict = "meets" if beyond < 0.5 else "misses"
    print(
        f"Target: extraction + offline checks under 500 ms beyond the CLI's start-up (wall): "
        f"{verdict} it ({beyond * 1000:.0f} ms wall, {beyond_cpu * 1000:.0f} ms CPU)."
    )


if __name__ == "__main__":
    main()
