"""`arsbok extract` on a 1000-page PDF: wall time and peak memory with the default limits.

The PDF is made by concatenating the text-layer PDFs of ../shared/corpus with pikepdf (scanned
reports are left out: OCR of hundreds of pages measures Tesseract, not arsbok). Floor (issue
8): exit status 0 within the default timeout, peak RSS under 1 GiB.

Usage::

    python benchmarks/bench_1000_pages.py                 # 1000 pages, default settings
    python benchmarks/bench_1000_pages.py --pages 250 500 1000   # memory growth with pages
    python benchmarks/bench_1000_pages.py --json          # one JSON line per run

Each run is a fresh ``arsbok extract`` process, so peak RSS (``ru_maxrss`` of the waited-for
child) belongs to that run alone.
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

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(REPO / "fuzz"))

FLOOR_RSS_MB = 1024.0


def text_layer_sources() -> list[Path]:
    """The corpus PDFs with a text layer (MANIFEST.tsv column text_layer = yes)."""
    sources: list[Path] = []
    for manifest in sorted(CORPUS.glob("*/MANIFEST.tsv")):
        rows = manifest.read_text("utf-8").splitlines()
        header = rows[0].split("\t")
        col = header.index("text_layer") if "text_layer" in header else None
        for row in rows[1:]:
            cols = row.split("\t")
            if col is None or (len(cols) > col and cols[col] == "yes"):
                path = manifest.parent / cols[0]
                if path.exists():
                    sources.append(path)
    return sources


def build_pdf(pages: int, dest: Path) -> Path:
    from mutations import write_concatenated

    sources = text_layer_sources()
    if not sources:
        raise SystemExit(f"no corpus PDFs under {CORPUS}")
    return write_concatenated(sources, dest, pages)


def run_once(pdf: Path, out: Path, extra: list[str]) -> dict[str, object]:
    cmd = [sys.executable, "-m", "extractor.cli", "extract", str(pdf), "-o", str(out), "-q", *extra]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    # wait4 gives this child's own rusage (getrusage(RUSAGE_CHILDREN) would be the maximum
    # over every child waited for so far, so a second run could not report less).
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    stderr = proc.stderr.read() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    result: dict[str, object] = {
        "pages": None,
        "exit": proc.returncode,
        "wall_s": round(wall, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),  # Linux: KiB
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "stderr": stderr.strip()[-300:],
    }
    if proc.returncode == 0 and out.exists():
        doc = json.loads(out.read_text("utf-8"))
        result["pages"] = len(doc["source"]["pages"])
        result["stage_seconds"] = doc["run"]["stage_seconds"]
        result["warnings"] = len(doc["warnings"])
        result["sections"] = len(doc["sections"])
        result["tables"] = len(doc["tables"])
        result["json_mb"] = round(out.stat().st_size / 1e6, 1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[1000])
    parser.add_argument("--keep", type=Path, help="keep the built PDFs in this folder")
    parser.add_argument("--json", action="store_true", help="print one JSON line per run")
    parser.add_argument("extra", nargs="*", help="extra `arsbok extract` options, after --")
    args = parser.parse_args(argv)
    ok = True
    with tempfile.TemporaryDirectory(prefix="arsbok-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n in args.pages:
            pdf = folder / f"concat_{n}.pdf"
            if not pdf.exists():
                build_pdf(n, pdf)
            result = run_once(pdf, Path(tmp) / f"concat_{n}.json", args.extra)
            result["requested_pages"] = n
            result["pdf_mb"] = round(pdf.stat().st_size / 1e6, 1)
            floor = result["exit"] == 0 and float(result["peak_rss_mb"]) < FLOOR_RSS_MB  # type: ignore[arg-type]
            result["floor_ok"] = floor
            ok = ok and floor
            if args.json:
                print(json.dumps(result, ensure_ascii=False))
            else:
                print(
                    f"{n} pages ({result['pdf_mb']} MB): exit {result['exit']}, "
                    f"{result['wall_s']} s wall, {result['cpu_s']} s CPU, "
                    f"peak RSS {result['peak_rss_mb']} MB, floor {'ok' if floor else 'FAILED'}"
                )
                if "stage_seconds" in result:
                    print(f"  stages: {result['stage_seconds']}")
                if result["exit"] != 0:
                    print(f"  {result['stderr']}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
