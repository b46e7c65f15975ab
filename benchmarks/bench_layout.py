"""Pages per second of the layout backends and of the whole pipeline, on one core.

Usage::

    python benchmarks/bench_layout.py [--repeat 3] [--core 0] [--sets corpus samples]

Measures, each in a fresh process pinned to one CPU core, repeated and reported as medians:

(a) ``pdfplumber``'s bare ``page.extract_words()`` (the reference everyone knows),
(b) our pypdfium2 character reader alone (``pdfium_backend.read_page``: chars, shapes, images),
(c) the whole ``extractor.extract`` pipeline with each backend (OCR off; imports and the first
    document's model loading are excluded, a warm-up run on the first file does them),

with the peak resident memory of each process, and prints a markdown table for the README and
the ratio (c, pdfium) / (a). The floor (issue 9): (c, pdfium) at least 2x (a) per page.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Corpus files without a text layer: they measure Tesseract, not layout.
SCANNED = {"brf_266956", "brf_268882", "brf_281330", "brf_44232"}
SETS = {
    "corpus": ("/work/shared/corpus/brf/*.pdf", "/work/shared/corpus/public/*.pdf"),
    "samples": (str(ROOT / "samples" / "*.pdf"),),
}
MODES = ("plumber_words", "pdfium_chars", "extract_pdfium", "extract_pdfplumber")
LABELS = {
    "plumber_words": "(a) pdfplumber `extract_words`",
    "pdfium_chars": "(b) pypdfium2 chars (`pdfium_backend`)",
    "extract_pdfium": "(c) `extract`, backend pdfium",
    "extract_pdfplumber": "(c) `extract`, backend pdfplumber",
}


def files_of(name: str) -> list[Path]:
    files = [Path(p) for pattern in SETS[name] for p in sorted(glob.glob(pattern))]
    return [p for p in files if p.stem not in SCANNED and "scanned" not in p.stem]


def run_child(mode: str, files: list[Path]) -> dict[str, float]:
    """One measurement in this process: returns seconds, pages and peak RSS."""
    pages = 0
    if mode == "plumber_words":
        import pdfplumber

        started = time.perf_counter()
        for path in files:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_words()
                    page.close()
                    pages += 1
    elif mode == "pdfium_chars":
        from extractor.layout import pdfium_backend

        started = time.perf_counter()
        for path in files:
            numbers = list(range(1, pdfium_backend.page_count(path) + 1))
            for _ in pdfium_backend.iter_pages(path, numbers):
                pages += 1
    else:
        import extractor

        backend = mode.removeprefix("extract_")
        extractor.extract(files[0], backend=backend, ocr="never")  # imports, spaCy, models
        started = time.perf_counter()
        for path in files:
            document = extractor.extract(path, backend=backend, ocr="never")
            pages += document.source.page_count
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "pages": pages, "peak_mb": peak_mb}


def measure(mode: str, set_name: str, core: int) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", mode, "--sets", set_name, "--core", str(core)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--core", type=int, default=0, help="CPU core to pin every run to")
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=list(MODES))
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.core})
    if args.child:
        print(json.dumps(run_child(args.child, files_of(args.sets[0]))))
        return 0
    rows = []
    rates: dict[tuple[str, str], float] = {}
    for set_name in args.sets:
        files = files_of(set_name)
        if not files:
            continue
        for mode in args.modes:
            runs = [measure(mode, set_name, args.core) for _ in range(args.repeat)]
            seconds = statistics.median(r["seconds"] for r in runs)
            pages = int(runs[0]["pages"])
            peak = statistics.median(r["peak_mb"] for r in runs)
            rates[(set_name, mode)] = pages / seconds
            rows.append((set_name, len(files), LABELS[mode], pages, seconds, pages / seconds, peak))
            print(
                f"  {set_name:8} {mode:20} {[round(r['seconds'], 2) for r in runs]} s",
                file=sys.stderr,
            )
    print(
        f"One core (`taskset`-style affinity to core {args.core}), median of {args.repeat} runs, "
        "OCR off, scanned files excluded.\n"
    )
    print("| PDFs | files | what | pages | seconds | pages/s | peak RSS MB |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for set_name, n_files, label, pages, seconds, rate, peak in rows:
        print(
            f"| {set_name} | {n_files} | {label} | {pages} | {seconds:.2f} | {rate:.1f} | {peak:.0f} |"
        )
    print()
    for set_name in args.sets:
        a = rates.get((set_name, "plumber_words"))
        c = rates.get((set_name, "extract_pdfium"))
        if a and c:
            verdict = "meets" if c / a >= 2 else "misses"
            print(f"{set_name}: (c, pdfium) / (a) = {c / a:.2f}x per page ({verdict} the 2x floor)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
