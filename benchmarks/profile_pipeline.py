"""Profile the whole `extract` pipeline on a few PDFs and print where the time goes.

Usage::

    python benchmarks/profile_pipeline.py [--backend pdfium] [--top 30] [PDF ...]

Runs cProfile over `extractor.extract` (OCR off, so scanned pages do not dominate) and prints
the functions with the largest own time, then the per-stage timings of the last document.
Without arguments it profiles the text-layer corpus under /work/shared/corpus.
"""

from __future__ import annotations

import argparse
import cProfile
import glob
import pstats
import sys
from pathlib import Path

import extractor

#: Corpus files without a text layer: OCR would dominate any profile of layout code.
SCANNED = {"brf_266956", "brf_268882", "brf_281330", "brf_44232"}
DEFAULT_GLOBS = ("/work/shared/corpus/brf/*.pdf", "/work/shared/corpus/public/*.pdf")


def default_files() -> list[Path]:
    files = [Path(p) for pattern in DEFAULT_GLOBS for p in sorted(glob.glob(pattern))]
    return [p for p in files if p.stem not in SCANNED]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--backend", default="pdfium", choices=("pdfium", "pdfplumber"))
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="tottime", choices=("tottime", "cumulative"))
    args = parser.parse_args(argv)
    files = args.files or default_files()
    extractor.extract(files[0], backend=args.backend, ocr="never")  # warm imports and models
    profiler = cProfile.Profile()
    pages = 0
    document = None
    profiler.enable()
    for path in files:
        document = extractor.extract(path, backend=args.backend, ocr="never")
        pages += document.source.page_count
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    total = stats.total_tt  # type: ignore[attr-defined]
    print(
        f"{len(files)} files, {pages} pages, {total:.2f} s profiled ({pages / total:.1f} pages/s)"
    )
    stats.sort_stats(args.sort).print_stats(args.top)
    if document is not None and document.run is not None:
        print("stage seconds (last document):", document.run.stage_seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
