"""Time document extraction: the 2-page corpus CV, a 50-page PDF made from it, a DOCX.

    python bench/bench_extract.py [--runs 7]

For each file it prints the median wall time of `read_document` (worker start, pypdf
import, extraction, normalisation), the median of the same extraction run in this process
(so the difference is the worker's overhead), and the peak resident memory of the workers
(getrusage RUSAGE_CHILDREN ru_maxrss: the largest child so far, so each figure covers the
files before it too; the files run smallest first).
"""

from __future__ import annotations

import argparse
import io
import resource
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from careercoach.documents.normalize import normalize_text
from careercoach.documents.reader import MAX_PAGES, read_bytes

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"


def fifty_page_pdf() -> bytes:
    import pypdf

    source = pypdf.PdfReader(CORPUS / "cv_single_column.pdf")
    writer = pypdf.PdfWriter()
    while len(writer.pages) < MAX_PAGES:
        writer.add_page(source.pages[len(writer.pages) % len(source.pages)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def in_process(kind: str, data: bytes) -> list[str]:
    if kind == "pdf":
        from careercoach.documents.pdf_text import extract_pdf

        pages = extract_pdf(data, password=None, max_pages=MAX_PAGES)
    else:
        from careercoach.documents.docx_text import extract_docx

        pages = [extract_docx(data)]
    return [normalize_text(page) for page in pages]


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def peak_child_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    cases = [
        ("cv_single_column.pdf (2 pages)", "pdf", (CORPUS / "cv_single_column.pdf").read_bytes()),
        ("cv_table.docx", "docx", (CORPUS / "cv_table.docx").read_bytes()),
        (f"{MAX_PAGES}-page PDF", "pdf", fifty_page_pdf()),
    ]
    print(f"median of {args.runs} runs; python {sys.version.split()[0]}")
    print(f"{'file':32} {'size':>8} {'read_document':>14} {'in-process':>11} {'worker peak':>12}")
    for label, kind, data in cases:
        filename = f"bench.{kind}"
        in_process(kind, data)  # warm the imports: the in-process figure is extraction only
        total = median_seconds(partial(read_bytes, data, filename=filename), args.runs)
        local = median_seconds(partial(in_process, kind, data), args.runs)
        print(f"{label:32} {len(data) / 1024:>6.0f}KB {total * 1000:>11.0f} ms "
              f"{local * 1000:>8.0f} ms {peak_child_mib():>8.0f} MiB")


if __name__ == "__main__":
    main()
