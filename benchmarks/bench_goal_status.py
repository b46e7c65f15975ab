"""Throughput of `tag_status` on one core: texts per second (median of repeated runs).

Usage: `python benchmarks/bench_goal_status.py [--repeat 5] [--n 1000]`. The texts are
the training texts plus goal/follow-up pairs from the Boråsregionen 2025 report, so
rules, numbers and the model are all exercised. Target: >= 500 texts/s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT / "extractor" / "nlp" / "data" / "goal_status_train.jsonl"

PAIRS = [
    (
        "Alla verksamheter (ca 75) ska under året ha genomfört minst en granskningsomgång",
        "74 av 75 granskningar är genomförda. Svar saknas från en organisation. Målet är uppfyllt.",
    ),
    (
        "På uppdrag arrangera utbildningar samt publicera minst tre nyhetsbrev.",
        "Två grundutbildningar samt en fördjupningsutbildning i GDPR genomförda. "
        "Två nyhetsbrev publicerade. Målet är uppfyllt.",
    ),
    (
        "Initiera/undersöka möjligheten för anställningsgaranti",
        "Frågan har inte prioriterats, se även analysen nedan, och målet är inte uppfyllt.",
    ),
    (
        None,
        "Den reviderade utvecklingsstrategin kommer att färdigställas under våren 2026. "
        "Uppdraget pågår och kommer att slutföras under våren 2026.",
    ),
]


def texts(n: int) -> list[tuple[str | None, str]]:
    """Return `n` (goal, text) pairs cycling through the corpus."""
    base: list[tuple[str | None, str]] = list(PAIRS)
    for line in TRAIN.read_text(encoding="utf-8").splitlines():
        if line.strip():
            base.append((None, json.loads(line)["text"]))
    return [base[i % len(base)] for i in range(n)]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the median rate."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from extractor.nlp import tag_status

    data = texts(args.n)
    for goal, text in data[:50]:  # warm-up: pipeline and model load
        tag_status(text, goal)
    rates = []
    methods: dict[str, int] = {}
    for _ in range(args.repeat):
        start = time.perf_counter()
        for goal, text in data:
            result = tag_status(text, goal)
            methods[result.method.value] = methods.get(result.method.value, 0) + 1
        rates.append(len(data) / (time.perf_counter() - start))
    print(f"texts: {len(data)} x {args.repeat} runs, one core")
    print(
        f"median {statistics.median(rates):.0f} texts/s  (min {min(rates):.0f}, max {max(rates):.0f})"
    )
    print(
        "methods per run: "
        + ", ".join(f"{m}={n // args.repeat}" for m, n in sorted(methods.items()))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
