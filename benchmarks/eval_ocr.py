"""Number accuracy of OCR settings on the scanned statement pages (issue 7).

For every gold row with values in `tests/data/gold/ocr_statements/*.json`, look for a visual
line on the same page whose label matches (rapidfuzz ratio >= 85 after normalising; a label
wrapped over two lines is tried joined) and whose numbers, parsed from Swedish format with
digit groups joined by geometry ("1 642 959", "-27 540", a lone dash = 0), equal the gold
values in their column positions (aligned from the right, so a note number does not count).

Usage (one process: the 2 cores are shared; Tesseract output is cached per setting)::

    OMP_THREAD_LIMIT=1 python benchmarks/eval_ocr.py                 # all named settings
    OMP_THREAD_LIMIT=1 python benchmarks/eval_ocr.py psm6 psm4       # some of them
    OMP_THREAD_LIMIT=1 python benchmarks/eval_ocr.py psm6 --rotate 1.0   # simulated skewed scan

Prints one Markdown table row per setting: values found, rows fully right, per file, and
seconds per page (render + clean-up + Tesseract, measured when not cached).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import regex
from rapidfuzz import fuzz

from extractor.layout.build import build_page, group_visual_lines
from extractor.layout.model import PageLayout, Word
from extractor.layout.ocr import OcrOptions, read_words, render_page, words_to_chars
from extractor.layout.ocr_cleanup import clean_page, to_gray

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "data" / "gold" / "ocr_statements"
CORPUS = REPO.parent / "shared" / "corpus" / "brf"
CACHE = Path("/tmp/arsbok_ocr_eval")
LABEL_MIN_RATIO = 85.0
#: Thousands spaces measured 0.26-0.78 em on the gold pages, column gaps 4 em and more.
GROUP_GAP_EM = 1.5

#: Named settings; the first is the baseline each factor is varied from.
SETTINGS: dict[str, OcrOptions] = {
    "psm6": OcrOptions(psm=6, skew="none", binarisation="none", preserve_interword_spaces=True),
    "psm4": OcrOptions(psm=4, skew="none", binarisation="none", preserve_interword_spaces=True),
    "psm3": OcrOptions(psm=3, skew="none", binarisation="none", preserve_interword_spaces=True),
    "psm6-dpi400": OcrOptions(dpi=400, psm=6, skew="none", binarisation="none"),
    "psm6-nopiws": OcrOptions(
        psm=6, skew="none", binarisation="none", preserve_interword_spaces=False
    ),
    "psm6-minarearect": OcrOptions(psm=6, skew="minarearect", binarisation="none"),
    "psm6-hough": OcrOptions(psm=6, skew="hough", binarisation="none"),
    "psm6-projection": OcrOptions(psm=6, skew="projection", binarisation="none"),
    "psm6-otsu": OcrOptions(psm=6, skew="none", binarisation="otsu"),
    "psm6-adaptive": OcrOptions(psm=6, skew="none", binarisation="adaptive"),
}

_NUMBER = regex.compile(r"^\(?[-−–]?\d+\)?$")
_GROUP = regex.compile(r"^(?:\d{3})+\)?$")
_DASH = frozenset({"-", "–", "—", "−"})
_NOT_WORDS = frozenset({"not", "noter", "note"})


def gold_pages() -> list[tuple[str, int, list[dict[str, Any]]]]:
    """(pdf name, page, gold value rows on it) for every gold statement page."""
    out: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        for table in gold["tables"]:
            for page in table["pages"]:
                out.setdefault((gold["file"], page), [])
            for row in table["rows"]:
                if any(v is not None for v in row["values"]):
                    out[(gold["file"], row["page"])].append(row)
    return [(name, page, rows) for (name, page), rows in sorted(out.items())]


def ocr_cached(
    name: str, number: int, options: OcrOptions, rotate: float
) -> tuple[dict[str, Any], float, float]:
    """Tesseract TSV, seconds and corrected skew for one page; cached on disk per setting."""
    key = json.dumps([name, number, dataclasses.asdict(options), rotate], sort_keys=True)
    path = CACHE / (hashlib.sha1(key.encode()).hexdigest() + ".json")
    if path.exists():
        cached = json.loads(path.read_text())
        return cached["data"], cached["seconds"], cached["skew"]
    started = time.perf_counter()
    image, _, _ = render_page(str(CORPUS / name), number, options.dpi, None)
    gray = to_gray(image)
    if rotate:
        import cv2

        h, w = gray.shape
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), rotate, 1.0)
        gray = cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)
    gray, angle = clean_page(gray, options.skew, options.binarisation)
    data = read_words(gray, options)
    seconds = time.perf_counter() - started
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"data": data, "seconds": seconds, "skew": angle}))
    return data, seconds, angle


def visual_rows(data: dict[str, Any], dpi: int, line_baseline: bool = True) -> list[list[Word]]:
    """The page as the layout chain sees it: OCR words grouped into visual rows."""
    chars, _ = words_to_chars(data, 72.0 / dpi, line_baseline)
    page = build_page(PageLayout(number=1, width=612, height=842, chars=chars))
    return [sorted(row, key=lambda w: w.x0) for row in group_visual_lines(page.words)]  # type: ignore[arg-type]


def parse_row(words: list[Word]) -> tuple[str, list[int]]:
    """Label (leading words with letters, without 'Not') and the amounts of one visual row."""
    label: list[str] = []
    numbers: list[int] = []
    i = 0
    while i < len(words):
        w = words[i]
        text = w.text
        if text in _DASH:
            numbers.append(0)
        elif _NUMBER.match(text):
            digits = text
            # Join digit groups by geometry: a thousands space is narrow, a column gap wide
            while (
                i + 1 < len(words)
                and _GROUP.match(words[i + 1].text)
                and words[i + 1].x0 - words[i].x1 < GROUP_GAP_EM * max(w.size, 4.0)
            ):
                i += 1
                digits += words[i].text
            negative = digits.startswith(("-", "−", "–")) or digits.startswith("(")
            value = int(regex.sub(r"\D", "", digits))
            numbers.append(-value if negative else value)
        elif not numbers and regex.search(r"\p{L}", text) and normalise(text) not in _NOT_WORDS:
            label.append(text)  # note references ("8,11", "4, 5, 6, 7") and "Not" are no label
        i += 1
    return " ".join(label), numbers


def normalise(text: str) -> str:
    return " ".join(regex.sub(r"[^\p{L}\s]", " ", text.lower()).split())


def score_page(
    rows: list[list[Word]], gold_rows: list[dict[str, Any]]
) -> tuple[int, int, int, list[str]]:
    """Values found, values in gold, rows fully right, misses (for reading)."""
    parsed = [parse_row(r) for r in rows]
    labels: list[list[str]] = []
    for i, (label, _numbers) in enumerate(parsed):
        variants = [label]
        if i + 1 < len(parsed) and not parsed[i + 1][1]:
            variants.append(f"{label} {parsed[i + 1][0]}")
        if i > 0 and not parsed[i - 1][1]:
            variants.append(f"{parsed[i - 1][0]} {label}")
        labels.append([normalise(v) for v in variants])
    found = total = rows_ok = 0
    misses: list[str] = []
    for g in gold_rows:
        want = [v for v in g["values"] if v is not None]
        glabel = normalise(g["label"])
        best = 0
        best_numbers: list[int] = []
        for (_, numbers), variants in zip(parsed, labels, strict=True):
            if glabel:
                ok = max(fuzz.ratio(glabel, v) for v in variants) >= LABEL_MIN_RATIO
            else:
                ok = variants[0] == ""
            if not ok:
                continue
            hits = best_window(numbers, want)
            if hits > best or not best_numbers:
                best, best_numbers = hits, numbers
        found += best
        total += len(want)
        rows_ok += best == len(want)
        if best < len(want):
            misses.append(f"{g['label']!r} {want} -> {best_numbers}")
    return found, total, rows_ok, misses


def best_window(numbers: list[int], want: list[int]) -> int:
    """Most gold values matched by consecutive numbers of the row, in order.

    A note number before the values or a speck read as "5" after them must not shift the
    columns, so every alignment of the gold values against the row is tried.
    """
    padded: list[int | None] = [None] * (len(want) - 1) + list(numbers) + [None] * (len(want) - 1)
    best = 0
    for start in range(len(padded) - len(want) + 1):
        window = padded[start : start + len(want)]
        best = max(best, sum(1 for a, b in zip(window, want, strict=True) if a == b))
    return best


def evaluate(
    name: str, options: OcrOptions, rotate: float, verbose: bool, line_baseline: bool = True
) -> dict[str, Any]:
    per_file: dict[str, list[int]] = {}
    found = total = rows_ok = rows = 0
    seconds: list[float] = []
    skews: list[float] = []
    for pdf, page, gold_rows in gold_pages():
        data, secs, skew = ocr_cached(pdf, page, options, rotate)
        seconds.append(secs)
        skews.append(skew)
        f, t, r, misses = score_page(visual_rows(data, options.dpi, line_baseline), gold_rows)
        found, total, rows_ok, rows = found + f, total + t, rows_ok + r, rows + len(gold_rows)
        acc = per_file.setdefault(pdf, [0, 0])
        acc[0] += f
        acc[1] += t
        if verbose:
            for m in misses:
                print(f"  {name} {pdf} p{page}: {m}", file=sys.stderr)
    return {
        "setting": name,
        "values": f"{found}/{total} ({100 * found / total:.1f} %)",
        "rows": f"{rows_ok}/{rows}",
        "per_file": " ".join(f"{100 * a / b:.0f}" for a, b in per_file.values()),
        "s_per_page": f"{sum(seconds) / len(seconds):.1f}",
        "skew": f"{min(skews):+.2f}..{max(skews):+.2f}",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("settings", nargs="*", help=f"names of {list(SETTINGS)} (default all)")
    parser.add_argument(
        "--rotate",
        type=float,
        default=0.0,
        help="rotate the rendered page first (simulated skew, degrees)",
    )
    parser.add_argument(
        "--word-boxes",
        action="store_true",
        help="place each word by its own box, not its Tesseract line's median baseline",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="print the missed rows")
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    names = args.settings or list(SETTINGS)
    print(f"rotate {args.rotate:+.1f}° | " if args.rotate else "", end="")
    print(
        "| setting | values found | rows fully right | per file % (266956 268882 281330 44232) | s/page | skew corrected |"
    )
    print("|---|---|---|---|---|---|")
    for name in names:
        r = evaluate(name, SETTINGS[name], args.rotate, args.verbose, not args.word_boxes)
        print(
            f"| {r['setting']} | {r['values']} | {r['rows']} | {r['per_file']} | {r['s_per_page']} | {r['skew']} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
