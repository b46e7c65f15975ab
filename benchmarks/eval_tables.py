"""Accuracy of the table stage against hand-written gold.

For every gold statement table (kind + pages) the predicted tables of the same kind on those
pages are pooled; a gold value row is exact when a predicted row has the same normalised label
and the same values in the gold's value columns (in printed order). Also reports checks.

Usage: python benchmarks/eval_tables.py [--gold tests/data/gold/statements] [--corpus ../shared/corpus/brf] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import regex

import extractor

_SPACE = regex.compile(r"\s+")


def norm(label: str) -> str:
    return _SPACE.sub(" ", label).strip().lower().rstrip(":.")


def evaluate(
    gold_path: Path, pdf_dir: Path, verbose: bool = False, only_gold_pages: bool = False, **options: object
) -> dict[str, object]:
    gold = json.loads(gold_path.read_text("utf-8"))
    pdf = pdf_dir / gold["file"]
    pages = sorted({p for t in gold["tables"] for p in t["pages"]})
    # scanned reports: OCR only the statement pages (and the page before, for the title)
    wanted = sorted({q for p in pages for q in (p - 1, p) if q >= 1}) if only_gold_pages else None
    doc = extractor.extract(pdf, pages=wanted, goals=False, **options)
    total = exact = 0
    misses: list[str] = []
    checks_ok = checks_all = 0
    found_tables = 0
    for gt in gold["tables"]:
        cands = [
            t
            for t in doc.tables
            if t.kind.value == gt["kind"]
            and set(range(t.page_start, t.page_end + 1)) & set(gt["pages"])
        ]
        found_tables += bool(cands)
        pred_rows = [r for t in cands for r in t.rows if not r.is_heading]
        by_label: dict[str, list[list[object]]] = {}
        for r in pred_rows:
            by_label.setdefault(norm(r.label), []).append(r.values)
        for c in cands:
            checks_all += len(c.checks)
            checks_ok += sum(1 for ch in c.checks if ch.ok)
        ncols = len(gt["columns"])
        for row in gt["rows"]:
            if row["is_heading"]:
                continue
            total += 1
            want = row["values"][:ncols]
            options_ = by_label.get(norm(row["label"]), [])
            if any(list(v[:ncols]) == want for v in options_):
                exact += 1
            else:
                misses.append(
                    f"  {gold['file']} p{row['page']} {gt['kind']}: {row['label']!r} {want} ≠ {options_[:2]}"
                )
    if verbose:
        print("\n".join(misses))
    return {
        "file": gold["file"],
        "rows": total,
        "exact": exact,
        "tables": len(gold["tables"]),
        "found_tables": found_tables,
        "checks_ok": checks_ok,
        "checks": checks_all,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    here = Path(__file__).resolve().parents[1]
    ap.add_argument("--gold", type=Path, default=here / "tests/data/gold/statements")
    ap.add_argument("--corpus", type=Path, default=here.parent / "shared/corpus/brf")
    ap.add_argument("--backend", default="pdfium")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--samples", action="store_true", help="evaluate samples/*.gold.json instead")
    ap.add_argument("--ocr", action="store_true", help="the scanned reports' gold (tests/data/gold/ocr_statements), their pages only")
    args = ap.parse_args(argv)
    if args.samples:
        print("| sample | rows exact | tables found | checks ok |\n|---|---|---|---|")
        for name in ("arsbokslut-2025", "arsbokslut-2024"):
            gp = here / "samples" / f"{name}.gold.json"
            if not gp.exists():
                continue
            r = evaluate_sample(gp, here / "samples" / f"{name}.pdf", args.verbose, backend=args.backend)
            print(f"| {r['file']} | {r['exact']}/{r['rows']} = {r['exact'] / max(r['rows'], 1):.1%} | {r['found_tables']}/{r['tables']} | {r['checks_ok']}/{r['checks']} |")
        return 0
    if args.ocr:
        args.gold = here / "tests/data/gold/ocr_statements"
    rows = exact = checks_ok = checks = 0
    started = time.perf_counter()
    print("| file | rows exact | tables found | checks ok |\n|---|---|---|---|")
    for gold_path in sorted(args.gold.glob("*.json")):
        r = evaluate(gold_path, args.corpus, args.verbose, only_gold_pages=args.ocr, backend=args.backend)
        rows += r["rows"]
        exact += r["exact"]
        checks_ok += r["checks_ok"]
        checks += r["checks"]
        print(
            f"| {r['file']} | {r['exact']}/{r['rows']} | {r['found_tables']}/{r['tables']} | {r['checks_ok']}/{r['checks']} |"
        )
    print(f"| **all** | **{exact}/{rows} = {exact / max(rows, 1):.1%}** | | {checks_ok}/{checks} |")
    print(f"({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0



def evaluate_sample(gold_path: Path, pdf_path: Path, verbose: bool = False, **options: object) -> dict[str, object]:
    """Every gold table of a generated sample: each row exact (label, all values, note)."""
    gold = json.loads(gold_path.read_text("utf-8"))
    doc = extractor.extract(pdf_path, goals=False, **options)
    total = exact = 0
    found = 0
    misses: list[str] = []
    used: set[int] = set()
    for gt in gold["tables"]:
        gpages = set(range(gt["page_start"], gt["page_end"] + 1))
        best = None
        for i, t in enumerate(doc.tables):
            if i in used or not (gpages & set(range(t.page_start, t.page_end + 1))):
                continue
            labels = {norm(r.label) for r in t.rows}
            score = sum(norm(r["label"]) in labels for r in gt["rows"])
            if score and (best is None or score > best[0]):
                best = (score, i)
        rows = [r for r in gt["rows"] if not r["is_heading"]]
        total += len(rows)
        if best is None:
            misses.append(f"  MISSING TABLE {gt['kind']} {gt['title']!r} p{gt['page_start']}")
            continue
        used.add(best[1])
        found += 1
        pred = doc.tables[best[1]]
        by_label: dict[str, list[tuple[list[object], object]]] = {}
        for r in pred.rows:
            by_label.setdefault(norm(r.label), []).append((list(r.values), r.note))
        kind_ok = pred.kind.value == gt["kind"]
        if not kind_ok:
            misses.append(f"  KIND {gt['title']!r}: {pred.kind.value} ≠ {gt['kind']}")
        for r in rows:
            want = r["values"]
            cands = by_label.get(norm(r["label"]), [])
            if any(v == want and (note or None) == (r["note"] or None) for v, note in cands):
                exact += 1
            else:
                misses.append(f"  {gt['title']!r} p{r['page']}: {r['label']!r} {want} note={r['note']} ≠ {cands[:2]}")
    if verbose:
        print("\n".join(misses))
    checks = [c for t in doc.tables for c in t.checks]
    return {"file": gold["file"], "rows": total, "exact": exact, "tables": len(gold["tables"]), "found_tables": found,
            "checks_ok": sum(c.ok for c in checks), "checks": len(checks)}


if __name__ == "__main__":
    sys.exit(main())
