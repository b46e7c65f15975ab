"""Goal finding against the samples' gold files: found, precision, status accuracy, totals.

A gold goal is found when an extracted goal's normalised text (unit left out) has rapidfuzz
ratio >= 90 with it; pairs are matched best-first, one to one.

Usage
-----
    python benchmarks/eval_goals.py [SAMPLE.pdf ...] [--json OUT.json]

Without arguments every ``samples/*.pdf`` with a ``.gold.json`` holding goals is scored.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import regex
from rapidfuzz import fuzz

import extractor
from extractor.errors import ArsbokError

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
MATCH_RATIO = 90.0
PROGRESS_TOLERANCE = 2.0


def normalise(text: str) -> str:
    """Lower case, soft hyphens and line-break hyphens gone, punctuation to spaces."""
    text = (text or "").replace("\u00ad", "").lower()
    text = regex.sub(r"(?<=\p{L})-\s+(?=\p{Ll})", "", text)
    return " ".join(regex.findall(r"[\p{L}\d%]+", text))


def match_goals(gold: list[dict], found: list[dict]) -> list[tuple[int, int, float]]:
    """One-to-one pairs (gold index, found index, ratio), best ratio first."""
    gold_n = [normalise(g["goal"]) for g in gold]
    found_n = [normalise(f["goal"]) for f in found]
    scored = []
    for i, g in enumerate(gold_n):
        for j, f in enumerate(found_n):
            ratio = fuzz.ratio(g, f)
            if ratio >= MATCH_RATIO:
                scored.append((ratio, i, j))
    scored.sort(reverse=True)
    used_g: set[int] = set()
    used_f: set[int] = set()
    pairs = []
    for ratio, i, j in scored:
        if i in used_g or j in used_f:
            continue
        used_g.add(i)
        used_f.add(j)
        pairs.append((i, j, ratio))
    return pairs


def score(pdf: Path, gold: dict, document: dict) -> dict:
    gold_goals = gold.get("goals", [])
    found = document.get("goals", [])
    pairs = match_goals(gold_goals, found)
    status_ok = [i for i, j, _ in pairs if gold_goals[i]["status"] == found[j]["status"]]
    progress_pairs = [(i, j) for i, j, _ in pairs if gold_goals[i].get("progress") is not None]
    progress_ok = [
        (i, j)
        for i, j in progress_pairs
        if found[j].get("progress") is not None
        and abs(found[j]["progress"] - gold_goals[i]["progress"]) <= PROGRESS_TOLERANCE
    ]
    totals = document.get("stated_totals", [])
    missed = [
        gold_goals[i]["goal"] for i in range(len(gold_goals)) if i not in {p[0] for p in pairs}
    ]
    extra = [found[j]["goal"] for j in range(len(found)) if j not in {p[1] for p in pairs}]
    wrong = [
        (gold_goals[i]["goal"], gold_goals[i]["status"], found[j]["status"], found[j]["method"])
        for i, j, _ in pairs
        if gold_goals[i]["status"] != found[j]["status"]
    ]
    return {
        "file": pdf.name,
        "gold": len(gold_goals),
        "extracted": len(found),
        "found": len(pairs) / len(gold_goals) if gold_goals else None,
        "precision": len(pairs) / len(found) if found else None,
        "status_accuracy": len(status_ok) / len(pairs) if pairs else None,
        "progress_within_2": (len(progress_ok) / len(progress_pairs)) if progress_pairs else None,
        "stated_totals": len(totals),
        "gold_stated_totals": len(gold.get("stated_totals", [])),
        "reconciled": sum(1 for t in totals if t.get("reconciled")),
        "missed": missed,
        "extra": extra,
        "wrong_status": wrong,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--json", type=Path, help="write the full results here")
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="list misses and wrong statuses"
    )
    args = parser.parse_args(argv)
    pdfs = args.pdfs or sorted(
        p for p in SAMPLES.glob("*.pdf") if p.with_suffix(".gold.json").exists()
    )
    results = []
    print(
        f"{'sample':34} {'gold':>5} {'found':>7} {'precision':>9} {'status':>7} {'progress':>8} {'totals':>10} {'s':>5}"
    )
    for pdf in pdfs:
        gold_path = pdf.with_suffix(".gold.json")
        if not gold_path.exists():
            print(f"{pdf.name}: no gold file", file=sys.stderr)
            continue
        gold = json.loads(gold_path.read_text("utf-8"))
        if not gold.get("goals"):
            continue
        started = time.perf_counter()
        try:
            document = extractor.extract(pdf).model_dump(mode="json")
        except ArsbokError as exc:
            print(f"{pdf.name:34} error: {exc}")
            continue
        seconds = time.perf_counter() - started
        result = score(pdf, gold, document)
        result["seconds"] = round(seconds, 1)
        results.append(result)

        def pct(value: float | None) -> str:
            return "-" if value is None else f"{100 * value:.1f}%"

        totals = (
            f"{result['reconciled']}/{result['stated_totals']} ({result['gold_stated_totals']})"
        )
        print(
            f"{pdf.name:34} {result['gold']:>5} {pct(result['found']):>7} "
            f"{pct(result['precision']):>9} {pct(result['status_accuracy']):>7} "
            f"{pct(result['progress_within_2']):>8} {totals:>10} {seconds:>5.1f}"
        )
        if args.verbose:
            for goal in result["missed"]:
                print(f"    missed: {goal[:90]}")
            for goal in result["extra"]:
                print(f"    extra:  {goal[:90]}")
            for goal, want, got, method in result["wrong_status"]:
                print(f"    status: {goal[:60]!r} gold {want}, got {got} ({method})")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
