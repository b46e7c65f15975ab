"""Evaluate `tag_status` on the held-out set `tests/data/goal_status_eval.jsonl`.

Prints per-class precision/recall/F1, macro-F1, the confusion matrix and the methods
used; writes nothing. Usage:
`python benchmarks/eval_goal_status.py [--data PATH] [--errors]` (a bare PATH still works).
Score the development set with `--data tests/data/goal_status_dev.jsonl --errors`; the
held-out set is for one final measurement only, so `--errors` is meant for the dev set.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

EVAL_PATH = Path(__file__).resolve().parents[1] / "tests" / "data" / "goal_status_eval.jsonl"
DEV_PATH = Path(__file__).resolve().parents[1] / "tests" / "data" / "goal_status_dev.jsonl"
LABELS = ("uppfyllt", "delvis", "ej_uppfyllt", "ej_bedomd")


def read_items(path: Path) -> list[dict]:
    """Read the JSONL items (`id`, `goal`, `text`, `label`)."""
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            items.append(json.loads(line))
    return items


def scores(gold: list[str], pred: list[str]) -> dict[str, tuple[float, float, float, int]]:
    """Per-label (precision, recall, F1, support)."""
    out = {}
    for label in LABELS:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if p == label != g)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label != p)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[label] = (prec, rec, f1, tp + fn)
    return out


def evaluate(path: Path = EVAL_PATH) -> tuple[float, list[str], list[str], list[str]]:
    """Tag every item; return macro-F1, gold labels, predictions and methods."""
    macro, gold, pred, methods, _ = evaluate_items(read_items(path))
    return macro, gold, pred, methods


def evaluate_items(
    items: list[dict],
) -> tuple[float, list[str], list[str], list[str], list[str]]:
    """Tag `items`; return macro-F1, gold labels, predictions, methods and evidence."""
    from extractor.nlp import tag_status

    gold, pred, methods, evidence = [], [], [], []
    for item in items:
        result = tag_status(item["text"], item.get("goal"))
        gold.append(item["label"])
        pred.append(result.status.value)
        methods.append(result.method.value)
        evidence.append(result.evidence or "")
    per_label = scores(gold, pred)
    macro = sum(v[2] for v in per_label.values()) / len(LABELS)
    return macro, gold, pred, methods, evidence


def main(argv: list[str] | None = None) -> int:
    """Print the report; exit 2 when the evaluation file is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", help="JSONL file (same as --data)")
    parser.add_argument("--data", help=f"JSONL file to score (default {EVAL_PATH.name})")
    parser.add_argument("--errors", action="store_true", help="list every wrong item")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    path = Path(args.data or args.path or EVAL_PATH)
    if not path.is_file():
        print(f"no evaluation file at {path}", file=sys.stderr)
        return 2
    items = read_items(path)
    macro, gold, pred, methods, evidence = evaluate_items(items)
    print(f"items: {len(gold)}  file: {path}")
    print(f"{'label':<12} {'prec':>6} {'rec':>6} {'f1':>6} {'n':>5}")
    for label, (p, r, f, n) in scores(gold, pred).items():
        print(f"{label:<12} {p:6.3f} {r:6.3f} {f:6.3f} {n:5d}")
    print(
        f"macro-F1: {macro:.3f}   accuracy: {sum(g == p for g, p in zip(gold, pred, strict=True)) / max(len(gold), 1):.3f}"
    )
    print("confusion (rows gold, columns predicted):")
    print(" " * 12 + "".join(f"{label[:11]:>12}" for label in LABELS))
    for g in LABELS:
        row = [sum(1 for a, b in zip(gold, pred, strict=True) if a == g and b == p) for p in LABELS]
        print(f"{g:<12}" + "".join(f"{n:12d}" for n in row))
    counts = Counter(methods)
    print("methods: " + ", ".join(f"{m}={n}" for m, n in sorted(counts.items())))
    by_method = Counter(m for m, g, p in zip(methods, gold, pred, strict=True) if g == p)
    print(
        "correct by method: "
        + ", ".join(f"{m}={by_method[m]}/{n}" for m, n in sorted(counts.items()))
    )
    if args.errors:
        print("errors (id gold -> predicted [method]):")
        for item, g, p, m, e in zip(items, gold, pred, methods, evidence, strict=True):
            if g != p:
                print(f"  {item.get('id', '?')} {g} -> {p} [{m}] goal={item.get('goal')!r}")
                print(f"      text: {item['text']}")
                if e:
                    print(f"      evidence: {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
