"""Running headers, footers and page numbers (issue 2)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from extractor.layout.model import Line, PageLayout, Word
from extractor.model import Document, Source
from extractor.settings import Settings
from extractor.stages.furniture import PAGE_NUMBER, find_furniture
from extractor.state import DocumentState
from tests.conftest import CORPUS, NO_SHARED, REPO


def load_eval():  # type: ignore[no-untyped-def]
    """benchmarks/eval_sections.py, imported once (it caches extractions for all tests)."""
    if "eval_sections" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "eval_sections", REPO / "benchmarks" / "eval_sections.py"
        )
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        sys.modules["eval_sections"] = module
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    return sys.modules["eval_sections"]


PAGE_NUMBER_TESTS = [
    ("Sida 15 (41)", True),
    ("SID 23 (36)", True),
    ("7 (15)", True),
    ("Sida 3 av 12", True),
    ("- 4 -", True),
    ("12", True),
    ("3/12", True),
    ("Not 7", False),
    ("Nettoomsättning 2 698 234", False),
    ("Sida", False),
    ("Stadsrevisionens årsredogörelse 2024", False),
]


@pytest.mark.parametrize(("text", "expected"), PAGE_NUMBER_TESTS)
def test_page_number_pattern(text: str, expected: bool) -> None:
    assert bool(PAGE_NUMBER.match(text)) is expected


def _line(text: str, top: float, page: int, x0: float = 60.0, size: float = 9.0) -> Line:
    words, x = [], x0
    for part in text.split():
        width = 0.5 * size * len(part)
        words.append(Word(part, x, top, x + width, top + size, "Helvetica", size, False))
        x += width + 0.3 * size
    return Line(words, x0, top, x, top + size, page)


def _state(pages: list[PageLayout]) -> DocumentState:
    doc = Document(source=Source(file_name="t.pdf", sha256="", page_count=len(pages)))
    return DocumentState(path=Path("t.pdf"), settings=Settings(), document=doc, pages=pages)


def test_footer_of_a_later_part_is_furniture() -> None:
    """A footer on only the last 5 of 20 pages (a second report in the PDF) is still furniture."""
    pages = []
    for n in range(1, 21):
        lines = [_line(f"Brödtext på sidan {n} som inte upprepas", 300, n)]
        if n > 15:
            lines += [_line("Revisorskollegiet", 790, n), _line("2023-03-14", 800, n)]
        pages.append(PageLayout(number=n, width=595, height=842, lines=lines))
    state = find_furniture(_state(pages))
    kinds = {(f.page, f.text) for f in state.document.furniture}
    assert (17, "Revisorskollegiet") in kinds and (20, "2023-03-14") in kinds
    assert all(len(p.lines) == 1 for p in state.pages)


def test_signing_stamp_with_changing_initials_is_furniture() -> None:
    """brf_54015: "Signerat EH, DG, BM" on most pages, "Signerat EK, AH" on the audit pages."""
    pages = []
    for n in range(1, 13):
        stamp = "Signerat EH, DG, BM" if n <= 9 else "Signerat EK, AH"
        lines = [_line(f"Text {n} här", 300, n), _line(stamp, 830, n, x0=330)]
        pages.append(PageLayout(number=n, width=623, height=870, lines=lines))
    state = find_furniture(_state(pages))
    assert {f.page for f in state.document.furniture} == set(range(1, 13))


def test_footer_page_number_poking_above_the_band() -> None:
    """goteborg-intraservice 2026: "3 (26)" with its top a point above the footer band."""
    pages = [
        PageLayout(
            number=n,
            width=595,
            height=842,
            lines=[_line("Text", 300, n), _line(f"{n} (26)", 740.0, n)],
        )
        for n in range(1, 4)
    ]
    state = find_furniture(_state(pages))
    assert [f.kind for f in state.document.furniture] == ["page_number"] * 3


@pytest.mark.skipif(not CORPUS.exists(), reason=NO_SHARED)
@pytest.mark.parametrize(
    "gold_file",
    sorted((REPO / "tests" / "data" / "gold" / "headings").glob("*.json")),
    ids=lambda p: p.stem,
)
def test_no_furniture_in_paragraphs(gold_file: Path) -> None:
    """No page number or gold furniture example left inside any section's paragraphs."""
    ev = load_eval()
    gold = json.loads(gold_file.read_text("utf-8"))
    pdf = ev.find_pdf(CORPUS, gold["file"])
    assert ev.furniture_leaks(ev.extract(pdf), gold) == []
