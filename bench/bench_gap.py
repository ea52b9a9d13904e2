"""Gap analysis benchmark (issue 4): verdict agreement on the labelled pairs, and offline speed.

Prints a Markdown section for docs/PERFORMANCE.md:
- agreement: the offline engine's FIT/UNFIT on the 10 hand-labelled CV/job pairs in
  tests/eval/pairs (labels in tests/eval/pairs_labels.json, written before the engine ran),
  each CV and posting read by the offline parsers with no profile; the disagreements listed.
- speed: `careercoach gap --cv examples/cv.pdf --job examples/posting.md` with no model
  configured, in a fresh process each run (median of N after a warm-up): the time to the
  first byte of the scores on stdout and to the end, `--json` too; and its parts, each
  measured in a fresh process: CLI start-up (`careercoach --version`), document read (the CV
  PDF through the extraction worker, and the posting), parse (CV and posting), engine, store
  (in plain SQL, as gap does offline: store/gap_rows.py). The parts are measured one after
  the other; in gap itself, on a first run, the parse's taxonomy and matcher are built while
  the worker reads the PDF.

Run: python bench/bench_gap.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "eval"
CV_PDF = ROOT / "examples" / "cv.pdf"
POSTING = ROOT / "examples" / "posting.md"
TARGET_AGREEMENT = 0.8
TARGET_SECONDS = 1.0

PHASE_SCRIPT = r"""
import json, sys, time
t0 = time.perf_counter()
from careercoach.documents.reader import read_document
doc = read_document(sys.argv[1])
posting_doc = read_document(sys.argv[2])
t1 = time.perf_counter()
from careercoach.analysis.cv_parser import parse_cv
from careercoach.analysis.posting_parser import parse_posting
from careercoach.analysis.taxonomy import load_taxonomy
taxonomy = load_taxonomy()
parsed = parse_cv(doc.text, taxonomy)
posting = parse_posting(posting_doc.text, taxonomy)
t2 = time.perf_counter()
from careercoach.analysis.gap import analyze_gap, build_candidate
candidate = build_candidate(parsed, taxonomy=taxonomy, cv_text=doc.text)
report = analyze_gap(candidate, posting, posting_text=posting_doc.text, cv_text=doc.text,
                     taxonomy=taxonomy)
t3 = time.perf_counter()
from careercoach.store.db import open_store
from careercoach.store.gap_rows import find_cv, find_job, insert_gap_analysis
store = open_store()
insert_gap_analysis(store, cv_id=find_cv(store).id, job_id=find_job(store).id, mode="offline",
                    verdict=report.verdict, score=report.metrics["readiness"], context=None,
                    report=lambda row: report.model_dump(mode="json"))
t4 = time.perf_counter()
print(json.dumps({"read": t1 - t0, "parse": t2 - t1, "engine": t3 - t2, "store": t4 - t3}))
"""


def agreement() -> tuple[list[dict], float]:
    """Each labelled pair with the engine's verdict; and the share that agree."""
    from careercoach.analysis.gap import gap_from_texts

    labels = json.loads((EVAL / "pairs_labels.json").read_text(encoding="utf-8"))
    rows = []
    for pair in labels["pairs"]:
        cv = (EVAL / pair["cv"]).read_text(encoding="utf-8")
        posting = (EVAL / pair["posting"]).read_text(encoding="utf-8")
        report = gap_from_texts(cv, posting, today=date.today())
        critical = [m.skill for m in report.missing_skills if m.severity == "critical"]
        rows.append(
            {
                **pair,
                "verdict": report.verdict,
                "readiness": report.metrics["readiness"],
                "critical": critical,
            }
        )
    share = sum(r["verdict"] == r["label"] for r in rows) / len(rows)
    return rows, share


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


CPU: list[float] = []  # CPU seconds (user + sys) of each timed process and its children


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds to the first byte on stdout, seconds to the end) of one process."""
    cpu_before = _cpu_children()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None
    first = proc.stdout.read(1)
    t_first = time.perf_counter() - start
    proc.communicate()
    total = time.perf_counter() - start
    if proc.returncode != 0 or not first:
        raise RuntimeError(f"{cmd} failed with exit {proc.returncode}")
    CPU.append(_cpu_children() - cpu_before)
    return t_first, total


def _median_pair(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def speed(runs: int) -> dict[str, float]:
    py = sys.executable
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "CAREERCOACH_HOME": home, "NO_COLOR": "1", "COLUMNS": "100"}
        for name in ("CAREERCOACH_MODEL", "CAREERCOACH_OFFLINE"):
            env.pop(name, None)
        gap = [py, "-m", "careercoach", "gap", "--cv", str(CV_PDF), "--job", str(POSTING)]
        _timed(gap, env)  # warm-up; also stores the CV and the job once
        CPU.clear()
        text = [_timed(gap, env) for _ in range(runs)]
        cpu_rerun = statistics.median(CPU)
        as_json = [_timed([*gap, "--json"], env) for _ in range(runs)]
        version = [_timed([py, "-m", "careercoach", "--version"], env) for _ in range(runs)]
        CPU.clear()
        first_time = []
        for _ in range(runs):  # a fresh home each time: the CV PDF is extracted and stored
            with tempfile.TemporaryDirectory() as fresh:
                first_time.append(_timed(gap, {**env, "CAREERCOACH_HOME": fresh}))
        cpu_fresh = statistics.median(CPU)
        phases = [
            json.loads(
                subprocess.run(
                    [py, "-c", PHASE_SCRIPT, str(CV_PDF), str(POSTING)],
                    capture_output=True,
                    text=True,
                    env=env,
                    check=True,
                ).stdout
            )
            for _ in range(runs)
        ]
    figures = {}
    figures["first_byte"], figures["total"] = _median_pair(text)
    figures["json_first_byte"], figures["json_total"] = _median_pair(as_json)
    figures["startup"] = _median_pair(version)[1]
    figures["fresh_first_byte"], figures["fresh_total"] = _median_pair(first_time)
    figures["cpu_rerun"], figures["cpu_fresh"] = cpu_rerun, cpu_fresh
    figures["load"] = os.getloadavg()[0]
    for key in ("read", "parse", "engine", "store"):
        figures[key] = statistics.median(p[key] for p in phases)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    runs = max(7, args.runs)
    rows, share = agreement()
    figures = speed(runs)

    print("## Gap analysis (offline)\n")
    print(
        "Verdict agreement: the offline engine (no model, no profile: each CV and posting read "
        "by the offline parsers) on the 10 CV/job pairs of tests/eval/pairs, labelled FIT or "
        "UNFIT by hand, as a recruiter screening would, before the engine was run on them. "
        "The set is small and its pairs are mostly clear-cut, so it checks that the rules are "
        "sane, not that they are calibrated.\n"
    )
    met = "met" if share >= TARGET_AGREEMENT else "NOT met"
    agreed = sum(r["verdict"] == r["label"] for r in rows)
    print(
        f"**Agreement: {share:.2f}** ({agreed} of {len(rows)}; target >= "
        f"{TARGET_AGREEMENT}, {met}).\n"
    )
    print("| pair | label | engine | readiness | critical gaps |")
    print("| --- | --- | --- | --- | --- |")
    for r in rows:
        ready = "n/a" if r["readiness"] is None else f"{r['readiness']:.0f}"
        print(
            f"| {r['id']} | {r['label']} | {r['verdict']} | {ready} | "
            f"{', '.join(r['critical']) or '-'} |"
        )
    misses = [r for r in rows if r["verdict"] != r["label"]]
    print()
    if misses:
        print("Disagreements:\n")
        for r in misses:
            print(
                f"- {r['id']}: labelled {r['label']} ({r['reason']}), engine said {r['verdict']}."
            )
    else:
        print("Disagreements: none.")
    print()
    shown = "met" if figures["first_byte"] <= TARGET_SECONDS else "NOT met"
    fresh = "met" if figures["fresh_first_byte"] <= TARGET_SECONDS else "NOT met"
    print(
        f"Speed: `careercoach gap --cv examples/cv.pdf --job examples/posting.md` with no "
        f"model configured (the README's first command; a 2-page PDF CV, a one-page posting), "
        f"whole processes, median of {runs} runs. First run: a fresh data directory each "
        f"time, so the PDF goes through the extraction worker and both documents are stored. "
        f"Re-run: the same files again (they are hashed and found, not extracted again).\n"
    )
    print("| measure | median | target |")
    print("| --- | --- | --- |")
    print(
        f"| first run: scores on screen (first byte on stdout) | "
        f"{figures['fresh_first_byte']:.2f} s | <= {TARGET_SECONDS:.1f} s ({fresh}) |"
    )
    print(f"| first run: whole command | {figures['fresh_total']:.2f} s | |")
    print(f"| first run: CPU time (user + sys, worker included) | {figures['cpu_fresh']:.2f} s | |")
    print(
        f"| re-run: scores on screen (first byte on stdout) | {figures['first_byte']:.2f} s | "
        f"<= {TARGET_SECONDS:.1f} s ({shown}) |"
    )
    print(f"| re-run: whole command | {figures['total']:.2f} s | |")
    print(f"| re-run: CPU time (user + sys) | {figures['cpu_rerun']:.2f} s | |")
    print(f"| re-run `--json`: first byte | {figures['json_first_byte']:.2f} s | |")
    print(f"| re-run `--json`: whole command | {figures['json_total']:.2f} s | |")
    print(f"| part: CLI start-up (`careercoach --version`) | {figures['startup']:.2f} s | |")
    print(
        f"| part: document read (PDF via the extraction worker, and the posting) | "
        f"{figures['read']:.3f} s | |"
    )
    print(f"| part: parse (taxonomy load, CV and posting parsers) | {figures['parse']:.3f} s | |")
    print(f"| part: engine (analyze_gap) | {figures['engine']:.3f} s | |")
    print(f"| part: store (open, write one analysis, in plain SQL) | {figures['store']:.3f} s | |")
    print()
    print(
        f"Load average when the timing ended: {figures['load']:.1f} on {os.cpu_count()} CPUs. "
        "Wall times include waiting for the CPU; the CPU times do not.\n"
    )


if __name__ == "__main__":
    main()
