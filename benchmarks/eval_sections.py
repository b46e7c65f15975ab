"""Score headings, furniture and metadata against the hand-written gold (issue 2).

Usage::

    python benchmarks/eval_sections.py [--no-tables] [--corpus ../shared/corpus] [-v]

Prints, per PDF and overall, heading recall, precision and level accuracy (a predicted
heading matches a gold one on the same page by normalised title), the furniture left inside
paragraphs, and per-field metadata accuracy over the BRF PDFs with a text layer. The scoring
functions are imported by `tests/test_sections.py` and `tests/test_metadata.py`.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import regex

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "data" / "gold"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"

_SPACES = regex.compile(r"\s+")
_DIGITS = regex.compile(r"\d+")
# Page numbers as printed in running headers/footers: "Sida 15 (41)", "Sida 2 av 15", "7 (15)".
PAGE_NUMBER_IN_TEXT = regex.compile(
    r"\b(?:sida|sid)\s*\d{1,4}\s*(?:\(\s*\d{1,4}\s*\)|av\s+\d{1,4})|(?:^|\s)\d{1,3}\s\(\d{1,3}\)(?:\s|$)",
    regex.IGNORECASE,
)


def normalise(text: str) -> str:
    """Casefold and collapse white space."""
    return _SPACES.sub(" ", text).strip().casefold()


def titles_match(predicted: str, gold: str, broken: bool = False) -> bool:
    """Equal normalised titles; with a broken text layer non-letters inside words are wildcards.

    brf_48663 prints "Förvaltningsberättelse" but its text layer reads "F!rvaltningsber"ttelse".
    """
    p, g = normalise(predicted), normalise(gold)
    if p == g:
        return True
    if not broken or len(p) != len(g):
        return False
    for i, (a, b) in enumerate(zip(p, g, strict=True)):
        if a == b:
            continue
        in_word = (i > 0 and p[i - 1].isalpha()) or (i + 1 < len(p) and p[i + 1].isalpha())
        if a.isalpha() or a.isspace() or not b.isalpha() or not in_word:
            return False
    return True


def iter_sections(sections: list) -> Iterator:
    for s in sections:
        yield s
        yield from iter_sections(s.children)


def predicted_headings(doc) -> list[dict]:
    """The headings of a document as gold-like dicts (the preamble section is not a heading)."""
    out = []
    for s in iter_sections(doc.sections):
        if s.level == 0 or (s.number is None and s.title.startswith("(") and s.title.endswith(")")):
            continue
        out.append({"title": s.title, "number": s.number, "page": s.page_start, "level": s.level})
    return out


@dataclass
class HeadingScore:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    level_ok: int = 0
    missed: list[dict] = field(default_factory=list)
    extra: list[dict] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def level_accuracy(self) -> float:
        return self.level_ok / self.matched if self.matched else 0.0

    def add(self, other: HeadingScore) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        self.level_ok += other.level_ok


def score_headings(predicted: list[dict], gold: dict) -> HeadingScore:
    """Match headings page by page on normalised titles (pages with a broken text layer skipped)."""
    skip = set(gold.get("broken_text_layer_pages", []))
    broken = bool(gold.get("broken_text_layer"))
    golds = [h for h in gold["headings"] if h["page"] not in skip]
    preds = [h for h in predicted if h["page"] not in skip]
    score = HeadingScore(gold=len(golds), predicted=len(preds))
    used: set[int] = set()
    for p in preds:
        for i, g in enumerate(golds):
            if (
                i in used
                or g["page"] != p["page"]
                or not titles_match(p["title"], g["title"], broken)
            ):
                continue
            used.add(i)
            score.matched += 1
            score.level_ok += p["level"] == g["level"]
            break
        else:
            score.extra.append(p)
    score.missed = [g for i, g in enumerate(golds) if i not in used]
    return score


def furniture_leaks(doc, gold: dict) -> list[str]:
    """Paragraphs that still hold running header/footer text or page numbers.

    A paragraph leaks when it matches a page-number pattern ("Sida 15 (41)", "7 (15)"), is a
    furniture example of the gold file (digits masked, so "4 (26)" stands for every page), or
    starts or ends with an example of two or more words (a header glued to body text).
    Cover pages are not checked: page 1 and pages with fewer than 20 words of paragraphs
    (the cover of a second part) print the report's name as their title, not as a header.
    """
    examples = gold["furniture"]["header_examples"] + gold["furniture"]["footer_examples"]
    masked = {_DIGITS.sub("#", normalise(e)) for e in examples}
    long_examples = [normalise(e) for e in examples if len(e.split()) >= 2]
    skip = set(gold.get("broken_text_layer_pages", [])) | {1}
    words: dict[int, int] = {}
    for s in iter_sections(doc.sections):
        for p in s.paragraphs:
            words[p.page] = words.get(p.page, 0) + len(p.text.split())
    skip |= {page for page, count in words.items() if count < 20}
    leaks = []
    for s in iter_sections(doc.sections):
        for p in s.paragraphs:
            if p.page in skip:
                continue
            text = normalise(p.text)
            if (
                PAGE_NUMBER_IN_TEXT.search(p.text)
                or _DIGITS.sub("#", text) in masked
                or any(text.startswith(e + " ") or text.endswith(" " + e) for e in long_examples)
            ):
                leaks.append(f"p{p.page}: {p.text[:100]}")
    return leaks


def metadata_errors(doc, gold: dict) -> list[str]:
    """Fields of `doc.metadata` that differ from the gold entry of one PDF."""
    meta = doc.metadata
    errors = []
    names = {normalise(gold["organisation"])} | {normalise(a) for a in gold.get("aliases", [])}
    if meta.organisation is None or normalise(meta.organisation) not in names:
        errors.append(f"organisation {meta.organisation!r} != {gold['organisation']!r}")
    if meta.org_number != gold["org_number"]:
        errors.append(f"org_number {meta.org_number!r} != {gold['org_number']!r}")
    if meta.fiscal_year != gold["fiscal_year"]:
        errors.append(f"fiscal_year {meta.fiscal_year!r} != {gold['fiscal_year']!r}")
    if meta.report_type.value != gold["report_type"]:
        errors.append(f"report_type {meta.report_type.value!r} != {gold['report_type']!r}")
    return errors


def heading_gold_files() -> list[Path]:
    return sorted((GOLD / "headings").glob("*.json"))


def find_pdf(corpus: Path, name: str) -> Path | None:
    hits = sorted(corpus.glob(f"*/{name}"))
    return hits[0] if hits else None


@functools.lru_cache(maxsize=64)
def extract(pdf: Path, tables: bool = True):
    """One extraction per PDF and run, shared by the benchmark and the tests that import it."""
    import extractor

    return extractor.extract(pdf, goals=False, tables=tables, ocr="never")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--no-tables", action="store_true", help="run without the table stage")
    ap.add_argument("-v", "--verbose", action="store_true", help="list missed and extra headings")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    docs: dict[str, object] = {}
    seconds: dict[str, float] = {}

    def get(name: str):
        if name not in docs:
            pdf = find_pdf(args.corpus, name)
            if pdf is None:
                return None
            started = time.perf_counter()
            docs[name] = extract(pdf, tables=not args.no_tables)
            seconds[name] = time.perf_counter() - started
        return docs[name]

    total = HeadingScore()
    print(f"{'pdf':48} {'gold':>4} {'pred':>4} {'recall':>6} {'prec':>6} {'level':>6} {'leaks':>5}")
    all_leaks = 0
    for path in heading_gold_files():
        gold = json.loads(path.read_text("utf-8"))
        doc = get(gold["file"])
        if doc is None:
            print(f"{gold['file']:48} missing")
            continue
        score = score_headings(predicted_headings(doc), gold)
        leaks = furniture_leaks(doc, gold)
        all_leaks += len(leaks)
        total.add(score)
        print(
            f"{gold['file'][:48]:48} {score.gold:4} {score.predicted:4} {score.recall:6.3f} "
            f"{score.precision:6.3f} {score.level_accuracy:6.3f} {len(leaks):5}"
        )
        if args.verbose:
            for g in score.missed:
                print(f"    missed p{g['page']} L{g['level']} {g['title']!r}")
            for p in score.extra:
                print(f"    extra  p{p['page']} L{p['level']} {p['title']!r}")
            for leak in leaks:
                print(f"    leak   {leak}")
    print(
        f"{'overall':48} {total.gold:4} {total.predicted:4} {total.recall:6.3f} "
        f"{total.precision:6.3f} {total.level_accuracy:6.3f} {all_leaks:5}"
    )

    meta_gold = json.loads((GOLD / "brf_metadata.json").read_text("utf-8"))
    fields = ("organisation", "org_number", "fiscal_year", "report_type")
    right = dict.fromkeys(fields, 0)
    n = 0
    print()
    for name, gold in meta_gold.items():
        doc = get(name)
        if doc is None:
            print(f"{name:20} missing")
            continue
        n += 1
        errors = metadata_errors(doc, gold)
        for f in fields:
            right[f] += not any(e.startswith(f + " ") for e in errors)
        if errors or args.verbose:
            print(f"{name:20} {'; '.join(errors) or 'ok'}")
    print("metadata " + ", ".join(f"{f} {right[f]}/{n}" for f in fields))
    if seconds:
        print(f"\n{len(seconds)} PDFs, {sum(seconds.values()):.1f} s extraction")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
