"""Throughput of `arsbok bulk`: files/minute and pages/second at --jobs 1 and --jobs 2.

Usage::

    python benchmarks/bench_bulk.py                 # ../shared/corpus, --ocr never
    python benchmarks/bench_bulk.py --limit 8 --jobs 1 2 4
    python benchmarks/bench_bulk.py DIR_OR_GLOB ... --ocr auto --repeat 1

Each configuration converts the same files into a fresh folder (no resume), in a fresh
interpreter, --repeat times, and prints one row of a markdown table (median seconds), with the
largest peak resident memory of any worker (issue 9: < 500 MB) and the scaling from the first
to the second --jobs value (floor 1.8x). Numbers depend on what else runs on the machine: run
it alone.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extractor.bulk import find_inputs, run_bulk  # noqa: E402


def _run_once(files: list[str], jobs: int, ocr: str, timeout: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="arsbok-bench-") as tmp:
        started = time.perf_counter()
        summary = run_bulk(
            files,
            Path(tmp),
            jobs=jobs,
            timeout=timeout,
            resume=False,
            formats=["json"],
            options={"ocr": ocr},
        )
        summary["bench_seconds"] = time.perf_counter() - started
    return summary


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("inputs", nargs="*", default=[str(REPO.parent / "shared" / "corpus")])
    p.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    p.add_argument("--ocr", choices=["auto", "always", "never"], default="never")
    p.add_argument("--limit", type=int, default=None, help="only the first N files")
    p.add_argument("--timeout", type=float, default=600.0)
    p.add_argument("--repeat", type=int, default=3, help="runs per --jobs value (median)")
    p.add_argument("--child-jobs", type=int, default=0, help=argparse.SUPPRESS)
    passed = list(sys.argv[1:] if argv is None else argv)
    args = p.parse_args(argv)

    files = find_inputs(args.inputs)
    if args.limit:
        files = files[: args.limit]
    if not files:
        print("no input files (is ../shared/corpus beside the checkout?)", file=sys.stderr)
        return 2
    if args.child_jobs:
        print(json.dumps(_run_once(files, args.child_jobs, args.ocr, args.timeout)))
        return 0
    runs: dict[int, list[dict]] = {jobs: [] for jobs in args.jobs}
    for _ in range(args.repeat):
        for jobs in args.jobs:  # interleaved, so a drift in machine load hits every column
            # A fresh interpreter per run: it must not find the fork server (and its warm
            # imports) that the previous run started, as `arsbok bulk` would not.
            child = subprocess.run(
                [sys.executable, __file__, *passed, "--child-jobs", str(jobs)],
                check=True,
                capture_output=True,
                text=True,
            )
            runs[jobs].append(json.loads(child.stdout.strip().splitlines()[-1]))
    rows = []
    for jobs, summaries in runs.items():
        summary = summaries[0]
        seconds = statistics.median(s["bench_seconds"] for s in summaries)
        peak = max(s["peak_worker_rss_mb"] or 0 for s in summaries)
        done = summary["ok"] + summary["failed"]
        rows.append((jobs, done, summary["ok"], summary["failed"], summary["pages"], seconds, peak))
    print(
        f"\n{len(files)} files, --ocr {args.ocr}, median of {args.repeat}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}\n"
    )
    print("| jobs | files | ok | failed | pages | seconds | files/min | pages/s | peak RSS per worker MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for jobs, done, ok, failed, pages, seconds, peak in rows:
        print(
            f"| {jobs} | {done} | {ok} | {failed} | {pages} | {seconds:.1f} | {60 * done / seconds:.1f} | {pages / seconds:.2f} | {peak} |"
        )
    if len(rows) >= 2 and rows[0][0] == 1:
        print(f"\nscaling --jobs 1 → --jobs {rows[1][0]}: {rows[0][5] / rows[1][5]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
