"""OCR throughput: pages per minute with 1 and 2 worker processes (issue 7).

Tesseract runs single-threaded in each worker (OMP_THREAD_LIMIT=1); pages are spread over
processes by `extractor.layout.ocr.run_ocr`, as `--ocr auto` does. Each setting runs the
same pages, render + clean-up + Tesseract included; the load average is printed because the
machine may be shared (numbers from a busy machine understate both settings).

Usage::

    python benchmarks/bench_ocr.py                       # brf_44232 pages 8-13, jobs 1 and 2
    python benchmarks/bench_ocr.py --pdf brf_266956 --pages 7-12 --jobs 1 2
    python benchmarks/bench_ocr.py --pdf samples/arsbokslut-2025-scanned.pdf --pages 1-5
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

from extractor.layout.ocr import OcrOptions, available_cores, run_ocr
from extractor.settings import parse_page_range

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "brf"


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", default="brf_44232", help="scanned report in ../shared/corpus/brf")
    parser.add_argument("--pages", default="8-13", help="pages to OCR, e.g. 8-13")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dpi", type=int, default=OcrOptions().dpi)
    parser.add_argument("--psm", type=int, default=OcrOptions().psm)
    args = parser.parse_args(argv)
    # a name from the corpus, or a path (samples/arsbokslut-2025-scanned.pdf)
    pdf = Path(args.pdf) if args.pdf.endswith(".pdf") else CORPUS / f"{args.pdf}.pdf"
    if not pdf.exists():
        print(f"{pdf} not found", file=sys.stderr)
        return 2
    os.environ["OMP_THREAD_LIMIT"] = "1"
    pages = parse_page_range(args.pages)
    options = OcrOptions(dpi=args.dpi, psm=args.psm)
    print(
        f"{pdf.name} pages {args.pages} ({len(pages)}), dpi {args.dpi}, psm {args.psm}, "
        f"skew {options.skew}, {available_cores()} cores available"
    )
    # CPU seconds per page (this process and every finished child: workers, Tesseract) do
    # not depend on how busy the machine is; wall-clock pages/min does
    print("| jobs | seconds | pages/min | s/page in worker | CPU s/page | load avg before |")
    print("|---|---|---|---|---|---|")
    for jobs in args.jobs:
        load = os.getloadavg()[0]
        cpu_before = _cpu_seconds()
        started = time.perf_counter()
        results = run_ocr(str(pdf), pages, options, jobs)
        seconds = time.perf_counter() - started
        cpu = (_cpu_seconds() - cpu_before) / len(pages)
        worker = sum(r.seconds for r in results) / len(results)
        print(
            f"| {jobs} | {seconds:.1f} | {60 * len(pages) / seconds:.1f} | {worker:.1f} "
            f"| {cpu:.1f} | {load:.1f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
