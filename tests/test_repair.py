"""Repair of broken text layers: ligatures and Swedish letters without a Unicode mapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.layout.build import build_page
from extractor.layout.model import Char
from extractor.layout.repair import UNKNOWN, repair_chars, repair_document
from tests.conftest import CORPUS, NO_SHARED

SIZE = 10.0
#: Advances in ems, roughly Calibri's; letters not listed print 0.5 em wide.
CALIBRI = {"t": 0.335, "f": 0.305, "i": 0.229, "l": 0.229, "a": 0.479, "o": 0.527, "s": 0.391}
#: Times: a and å/ä 0.444 em, o and ö 0.5, the space 0.25, a straight quote 0.408.
TIMES = {"a": 0.444, "o": 0.5, "e": 0.444, "A": 0.722, "O": 0.722, '"': 0.408}


def typeset(
    text: str,
    glyphs: dict[str, float] | None = None,
    font: str = "Calibri",
    widths: dict[str, float] | None = None,
    top: float = 100.0,
) -> list[Char]:
    """Characters of one line as a backend reports them; `glyphs` maps a stand-in to its width.

    A stand-in character of `text` (say "¤") becomes the broken glyph: its key in `glyphs` is
    the text the backend reports ("\\x00", "(cid:3)", '"'), given as "¤=\\x00".
    """
    glyphs = glyphs or {}
    widths = widths or CALIBRI
    stand_ins = {k.split("=", 1)[0]: (k.split("=", 1)[1], w) for k, w in glyphs.items()}
    chars: list[Char] = []
    x = 50.0
    for ch in text:
        if ch in stand_ins:
            reported, em = stand_ins[ch]
        else:
            reported, em = ch, (0.25 if ch == " " else widths.get(ch, 0.5))
        x1 = x + em * SIZE
        if reported == " ":  # backends blank the font of a space
            chars.append(Char(" ", x, top, x1, top + SIZE, "", 0.0, False))
        else:
            chars.append(Char(reported, x, top, x1, top + SIZE, font, SIZE, False))
        x = x1
    return chars


def text_of(chars: list[Char]) -> str:
    return "".join(c.text for c in chars)


# --------------------------------------------------------------------------- synthetic


def test_ligature_as_wide_as_tt_becomes_tt() -> None:
    # 0.634 em: closer to f+t (0.640) than to t+t (0.670), as Calibri's tt; the words decide.
    line = "Ne¤oomsä¤ning a¤ de¤a upprä¤ar sä¤a fastighet till finns lista"
    chars = typeset(line, {"¤=\x00": 0.634})
    assert text_of(repair_chars(chars)) == line.replace("¤", "tt")


def test_ligature_boxes_split_the_advance() -> None:
    chars = typeset("a¤ de¤a sä¤a fastighet", {"¤=\x00": 0.634})
    out = repair_chars(chars)
    first, second = out[1], out[2]
    assert (first.text, second.text) == ("t", "t")
    assert first.x0 == chars[1].x0 and second.x1 == pytest.approx(chars[1].x1)
    assert first.x1 == pytest.approx(second.x0)


@pytest.mark.parametrize(
    ("line", "width", "ligature"),
    [
        ("Dri¤skostnader uppgi¤ avgi¤er skri¤lig tillfälle", 0.616, "ft"),
        ("anläggnings¤llgångar ¤ll kredi¤nstitut fastighet", 0.557, "ti"),
    ],
)
def test_ligature_by_width_and_words(line: str, width: float, ligature: str) -> None:
    out = repair_chars(typeset(line, {"¤=\x00": width}))
    assert text_of(out) == line.replace("¤", ligature)


def test_unmapped_glyph_without_a_fitting_candidate_becomes_replacement_char() -> None:
    # Two ems wide: no letter, no ligature; U+0000 must not reach the words.
    out = repair_chars(typeset("fastighet ka¤a lista", {"¤=\x00": 2.0}))
    assert text_of(out) == f"fastighet ka{UNKNOWN}a lista"


def test_cid_code_becomes_the_swedish_letter_its_words_need() -> None:
    # å and ä are as wide as a: only the words tell them apart.
    line = "¤r v¤rde s¤rskilt l¤genhet r¤nta ¤ven h¤ndelser"
    out = repair_chars(typeset(line, {"¤=(cid:3)": 0.444}, "Times", TIMES))
    assert text_of(out) == line.replace("¤", "ä")


def test_punctuation_standing_for_o_umlaut_is_repaired_but_real_quotes_stay() -> None:
    # brf_48663: the font prints ö through the code of '"'; a real quote is narrower.
    line = 'f¤r f¤reningen styrelsef¤rs¤kring "Solen" f¤ljande'
    chars = typeset(line, {'¤="': 0.5}, "Times", TIMES)
    assert text_of(repair_chars(chars)) == line.replace("¤", "ö")
    assert '"Solen"' in text_of(repair_chars(chars))


def test_space_as_wide_as_a_letter_is_a_letter() -> None:
    # brf_48663: ä through the space code (0.444 em against a space's 0.25).
    line = "Bostadsr¤tt i en stad med l¤genheter och en r¤nta som anv¤nds till det"
    chars = typeset(line, {"¤= ": 0.444}, "Times", TIMES)
    out = repair_chars(chars)
    assert text_of(out) == line.replace("¤", "ä")
    assert all(c.fontname == "Times" for c in out if c.text == "ä")


def test_clean_page_is_returned_untouched() -> None:
    chars = typeset("Nettoomsättning 2 445 Driftskostnader -1 374")
    assert repair_chars(chars) is chars


def test_document_repair_pools_evidence_and_reports_the_mapping() -> None:
    # One occurrence per page is too little alone; the document has enough.
    pages = [
        typeset(word, {"¤=\x00": 0.634}, top=100.0 + 20 * k)
        + typeset("fastighet till lista", top=300.0)
        for k, word in enumerate(["a¤", "de¤a", "sä¤a", "upprä¤ar", "Ne¤oomsä¤ning"])
    ]
    repaired, report = repair_document(pages)
    assert [text_of(p).split("fastighet")[0] for p in repaired] == [
        "att",
        "detta",
        "sätta",
        "upprättar",
        "Nettoomsättning",
    ]
    assert [(r.fontname, r.glyph, r.replacement, r.count) for r in report] == [
        ("Calibri", "\x00", "tt", 6)
    ]
    assert "tt" in report[0].describe()
    # The layout stage repairs the document, then build_page each page: the second is a no-op.
    assert all(repair_chars(p) is p for p in repaired)


def test_document_without_broken_glyphs_reports_nothing() -> None:
    pages = [typeset("Årets resultat"), typeset("Summa eget kapital")]
    repaired, report = repair_document(pages)
    assert report == [] and all(a is b for a, b in zip(repaired, pages, strict=True))


# --------------------------------------------------------------------------- real PDFs


def _pages(name: str, numbers: list[int]):  # type: ignore[no-untyped-def]
    from extractor.layout import pdfium_backend

    return list(pdfium_backend.iter_pages(CORPUS / "brf" / f"{name}.pdf", numbers))


def _words(page) -> set[str]:  # type: ignore[no-untyped-def]
    return {w.text.strip(".,:;()") for w in build_page(page).words}


needs_corpus = pytest.mark.skipif(not (CORPUS / "brf").exists(), reason=NO_SHARED)


@needs_corpus
def test_brf_53536_statement_ligatures() -> None:
    # p. 8 prints "Ne oomsä ning" in the text layer: tt, ft, ti and fi glyphs without Unicode.
    words = _words(_pages("brf_53536", [8])[0])
    assert {"Nettoomsättning", "Driftskostnader", "anläggningstillgångar"} <= words
    assert not any("\x00" in w or UNKNOWN in w for w in words)


@needs_corpus
def test_brf_48663_letters_through_punctuation_and_space() -> None:
    pages = _pages("brf_48663", list(range(1, 18)))
    repaired, report = repair_document([p.chars for p in pages])
    mapping = {(r.fontname, r.glyph): r.replacement for r in report}
    assert mapping[("TimesNewRomanPSMT", '"')] == "ö"
    assert mapping[("TimesNewRomanPSMT", "!")] == "å"
    assert mapping[("TimesNewRomanPSMT", " ")] == "ä"
    assert mapping[("TimesNewRomanPS-BoldMT", '"')] == "ä"
    pages[1].chars = repaired[1]
    words = _words(pages[1])
    assert {"Förvaltningsberättelse", "Bostadsrättsföreningen", "är", "vår"} <= words


@needs_corpus
def test_brf_271949_cid_ligatures_without_advance() -> None:
    # p. 13: "(cid:425)" (tt) and "(cid:415)" (ti) have no width in the font (one em).
    words = _words(_pages("brf_271949", [13])[0])
    assert {"Revisionsberättelse", "verifikationer", "omfattar", "tiden", "titta", "till"} <= words


@needs_corpus
@pytest.mark.parametrize("name", ["brf_54015", "brf_58256"])
def test_clean_documents_are_left_alone(name: str) -> None:
    path: Path = CORPUS / "brf" / f"{name}.pdf"
    import pypdfium2

    count = len(pypdfium2.PdfDocument(str(path)))
    pages = _pages(name, list(range(1, count + 1)))
    _, report = repair_document([p.chars for p in pages])
    assert report == []
