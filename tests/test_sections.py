"""Headings, contents pages and the section tree, against the hand-written gold (issue 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.layout.model import Line, Word
from extractor.stages.sections import (
    NOTE_LABEL,
    NUMBERED,
    Heading,
    _clean,
    _continues,
    is_heading_candidate,
)
from tests.conftest import CORPUS, NO_SHARED, REPO
from tests.test_furniture import load_eval

GOLD_FILES = sorted((REPO / "tests" / "data" / "gold" / "headings").glob("*.json"))
BODY = (9.0, False)

NUMBERED_TESTS = [
    ("1.3.1 Uppföljning", ("1.3.1", "Uppföljning")),
    (
        "2 Väsentlig styrinformation till kommunledningen",
        ("2", "Väsentlig styrinformation till kommunledningen"),
    ),
    ("2.1. Verksamhetens utveckling", ("2.1", "Verksamhetens utveckling")),
    ("2023 Årsredovisning", None),  # a year, not a section number
    ("3 st lägenheter", None),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERED_TESTS)
def test_numbered(text: str, expected: tuple[str, str] | None) -> None:
    m = NUMBERED.match(text)
    assert ((m.group("num"), m.group("title")) if m else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Not 1", True), ("NOT 12,", True), ("Noter", False), ("Not 1 Nettoomsättning", False)],
)
def test_note_label(text: str, expected: bool) -> None:
    assert bool(NOTE_LABEL.match(text)) is expected


CLEAN_TESTS = [
    ("Förord av ordförande\x08", "Förord av ordförande"),
    ("Det f inns brister", "Det finns brister"),
    ("Göteborgs traf iknämnd", "Göteborgs trafiknämnd"),
    ("Brf i Ytterby", "Brf i Ytterby"),
    ("  Två   mellanslag ", "Två mellanslag"),
]


@pytest.mark.parametrize(("text", "expected"), CLEAN_TESTS)
def test_clean_title(text: str, expected: str) -> None:
    assert _clean(text) == expected


def _line(
    text: str, size: float = 9.0, bold: bool = True, x0: float = 60.0, top: float = 100.0
) -> Line:
    words, x = [], x0
    for part in text.split():
        width = 0.5 * size * len(part)
        words.append(Word(part, x, top, x + width, top + size, "Helvetica", size, bold))
        x += width + 0.3 * size
    return Line(words, x0, top, x, top + size, 1)


CANDIDATE_TESTS = [
    ("Förvaltningsberättelse", 22.5, False, True),
    ("Styrelsens sammansättning", 9.0, True, True),
    ("ALLMÄNT OM VERKSAMHETEN", 9.8, False, True),  # brf_52476: caps, a little larger
    ("Föreningen har under året bytt förvaltare och ekonomisk förvaltning.", 9.0, True, False),
    ("Under året har följande planerat underhåll gjorts:", 9.0, True, False),
    ("1 juli - 30 juni", 9.0, True, False),  # a column header
    ("vanlig brödtext", 9.0, False, False),
    (
        "Årsredovisning för 2023 avseende föreningen signerades av följande personer",
        10.5,
        False,
        False,
    ),
]


@pytest.mark.parametrize(("text", "size", "bold", "expected"), CANDIDATE_TESTS)
def test_heading_candidate(text: str, size: float, bold: bool, expected: bool) -> None:
    assert (is_heading_candidate(_line(text, size, bold), BODY) is not None) is expected


def _heading(text: str, x0: float = 60.0, width: float | None = None) -> Heading:
    line = _line(text, 12.0, x0=x0)
    if width is not None:
        line.x1 = x0 + width
    return Heading(line, text, None, (12.0, True), text_x0=x0)


CONTINUES_TESTS = [
    ("Ärendeberedningen borde ha", "utvecklats", 300.0, True),
    ("Högt vatten – styrning och uppföljning av", "Göteborgs Stads arbete", 300.0, True),
    ("NOT 9, RÄNTEKOSTNADER OCH LIKNANDE", "RESULTATPOSTER", 480.0, True),
    ("Noter", "Redovisningsprinciper m.m.", 480.0, False),
    ("Förtroendevalda revisorer", "Revisorernas granskning", 480.0, False),
]


@pytest.mark.parametrize(("first", "second", "right", "expected"), CONTINUES_TESTS)
def test_wrapped_title_continues(first: str, second: str, right: float, expected: bool) -> None:
    assert _continues(_heading(first), second, right) is expected


@pytest.mark.parametrize(
    ("predicted", "gold", "broken", "expected"),
    [
        ('F!rvaltningsber"ttelse', "Förvaltningsberättelse", True, True),
        ("Not 4 $vriga kostnader", "Not 4 Övriga kostnader", True, True),
        ('F!rvaltningsber"ttelse', "Förvaltningsberättelse", False, False),
        ("FÖRVALTNINGSBERÄTTELSE", "Förvaltningsberättelse", False, True),
        ("Noter  ", "Noter", False, True),
        ("Not 1", "Not 1 Nettoomsättning", True, False),
    ],
)
def test_titles_match(predicted: str, gold: str, broken: bool, expected: bool) -> None:
    assert load_eval().titles_match(predicted, gold, broken) is expected


def _scores() -> tuple[object, dict[str, object]]:
    ev = load_eval()
    total = ev.HeadingScore()
    per_pdf = {}
    for path in GOLD_FILES:
        gold = json.loads(path.read_text("utf-8"))
        doc = ev.extract(ev.find_pdf(CORPUS, gold["file"]))
        score = ev.score_headings(ev.predicted_headings(doc), gold)
        per_pdf[gold["file"]] = score
        total.add(score)
    return total, per_pdf


needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason=NO_SHARED)


@needs_corpus
def test_heading_floor_issue_2() -> None:
    """The floor of issue 2: heading recall and precision >= 0.95 over the gold PDFs.

    Reached 0.980 / 0.985 (benchmarks/eval_sections.py, 2026-11-27); each PDF stays above 0.85
    so one family cannot sink unnoticed behind the others.
    """
    total, per_pdf = _scores()
    assert total.recall >= 0.95, {k: round(v.recall, 3) for k, v in per_pdf.items()}
    assert total.precision >= 0.95, {k: round(v.precision, 3) for k, v in per_pdf.items()}
    assert all(v.recall >= 0.85 and v.precision >= 0.85 for v in per_pdf.values())


@needs_corpus
@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.stem)
def test_toc_pages(gold_file: Path) -> None:
    """Contents pages are recognised, and their entries are not headings."""
    ev = load_eval()
    gold = json.loads(gold_file.read_text("utf-8"))
    doc = ev.extract(ev.find_pdf(CORPUS, gold["file"]))
    on_toc = [h for h in ev.predicted_headings(doc) if h["page"] in gold["toc_pages"]]
    gold_on_toc = [h for h in gold["headings"] if h["page"] in gold["toc_pages"]]
    assert len(on_toc) <= len(gold_on_toc), on_toc


@needs_corpus
def test_wrapped_numbered_heading_is_one_heading() -> None:
    """goteborg-intraservice 2026 p. 4: "2  Väsentlig styrinformation till" / "kommunledningen"."""
    ev = load_eval()
    doc = ev.extract(ev.find_pdf(CORPUS, "goteborg-intraservice_delarsrapport_2026.pdf"))
    found = {(h["number"], h["title"]) for h in ev.predicted_headings(doc) if h["page"] == 4}
    assert ("2", "Väsentlig styrinformation till kommunledningen") in found
    assert ("2.1.1", "Mått/nyckeltal som beskriver verksamhetens utveckling") in found


@needs_corpus
def test_note_number_and_title_in_two_cells_are_one_heading() -> None:
    """brf_52476 p. 12: "Not 1" | "Nettoomsättning", and no bold column header as a heading."""
    ev = load_eval()
    doc = ev.extract(ev.find_pdf(CORPUS, "brf_52476.pdf"))
    titles = {(h["page"], h["title"]) for h in ev.predicted_headings(doc)}
    assert (12, "Not 1 Nettoomsättning") in titles
    assert not {
        t for p, t in titles if t in {"Namn", "Roll", "Fr.o.m.", "Not 1", "Rörelseintäkter"}
    }
