"""The word/line chain (`extractor.layout.build`) and the pdfium character reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.layout import pdfium_backend, pdfplumber_backend
from extractor.layout.build import build_page, dedupe_chars, group_visual_lines, split_words
from extractor.layout.model import Char, PageLayout
from tests.conftest import CORPUS, SAMPLES


def _char(
    text: str, x0: float, width: float = 5.0, bottom: float = 100.0, size: float = 10.0
) -> Char:
    return Char(text, x0, bottom - size, x0 + width, bottom, "Arial", size, False)


def _word_texts(chars: list[Char]) -> list[str]:
    return [w.text for w in split_words(chars, 0.22)]


def test_split_words_at_space_and_gap() -> None:
    chars = [_char("a", 0), _char("b", 5), _char(" ", 10, 3), _char("c", 13), _char("d", 25)]
    assert _word_texts(chars) == ["ab", "c", "d"]


def test_split_words_ignores_an_overprinted_space() -> None:
    # brf_49369 p16: "VILLKORS" then a space the hyphen is printed over ("VILLKORS-")
    chars = [_char("S", 0), _char(" ", 5, 2.0), _char("-", 5.002, 2.75)]
    assert _word_texts(chars) == ["S-"]


def test_dedupe_drops_faux_bold_copies() -> None:
    chars = [_char("A", 10), _char("A", 10.2), _char("B", 15)]
    assert [c.text for c in dedupe_chars(chars)] == ["A", "B"]


def test_group_visual_lines_orders_rows_and_merges_superscripts() -> None:
    low = [_char("x", 20, bottom=200), _char("w", 10, bottom=200)]
    high = [_char("b", 15), _char("a", 0), _char("2", 5, bottom=96.0, size=6.0)]
    rows = group_visual_lines(low + high)
    assert ["".join(c.text for c in row) for row in rows] == ["a2b", "wx"]


def test_build_page_fills_words_and_lines() -> None:
    page = PageLayout(number=1, width=200, height=200)
    page.chars = [_char("H", 0), _char("i", 5), _char(" ", 10, 3), _char("y", 13), _char("o", 18)]
    build_page(page)
    assert [w.text for w in page.words] == ["Hi", "yo"]
    assert [line.text for line in page.lines] == ["Hi yo"]


SYMBOLS = SAMPLES / "malfoljning-symboler.pdf"


@pytest.mark.skipif(not SYMBOLS.exists(), reason="sample not built")
def test_pdfium_chars_match_pdfminer_boxes_on_a_sample() -> None:
    fast = next(pdfium_backend.iter_pages(SYMBOLS, [1]))
    reference = next(pdfplumber_backend.iter_pages(SYMBOLS, [1]))
    glyphs_a = [c for c in fast.chars if c.text != " "]
    glyphs_b = [c for c in reference.chars if c.text != " "]
    assert sorted(c.text for c in glyphs_a) == sorted(c.text for c in glyphs_b)
    key = lambda c: (round(c.bottom), c.x0)  # noqa: E731
    for a, b in zip(sorted(glyphs_a, key=key), sorted(glyphs_b, key=key), strict=True):
        assert a.text == b.text
        assert abs(a.x0 - b.x0) < 0.05 and abs(a.x1 - b.x1) < 0.05
        # Helvetica without a descriptor: pdfminer's AFM descent (-207), not pdfium's font's
        assert abs(a.bottom - b.bottom) < 0.05 and abs(a.top - b.top) < 0.05
        assert a.size == b.size


def _corpus(stem: str) -> Path:
    found = sorted(CORPUS.glob(f"*/{stem}.pdf")) if CORPUS.exists() else []
    if not found:
        pytest.skip(f"{stem} is not in ../shared/corpus")
    return found[0]


def test_pdfium_font_size_includes_the_text_matrix() -> None:
    # goteborg 2024 sets Tf 1 and scales by the text matrix: the size is 9 pt, not 1
    path = _corpus("goteborg-stadsrevisionen_arsredogorelse_2024")
    page = next(pdfium_backend.iter_pages(path, [4]))
    sizes = {c.size for c in page.chars if c.text == "S"}
    assert 9.0 in sizes and 1.0 not in sizes


def test_pdfium_line_end_hyphen_is_a_hyphen() -> None:
    # pdfium marks a hyphen at a line end with U+0002 (U+FFFE in FPDFText_GetText)
    path = _corpus("brf_198532")
    page = build_page(next(pdfium_backend.iter_pages(path, [3])))
    text = "".join(c.text for c in page.chars)
    assert "\x02" not in text and "\ufffe" not in text
    reference = build_page(next(pdfplumber_backend.iter_pages(path, [3])))
    assert [w.text for w in page.words] == [w.text for w in reference.words]


def test_pdfium_keeps_a_dropped_space_in_skewed_text() -> None:
    # brf_275608 p14: synthetic italics (skewed matrix) whose boxes overlap across the spaces;
    # pdfium drops the space objects, generating spaces in their place
    path = _corpus("brf_275608")
    page = build_page(next(pdfium_backend.iter_pages(path, [14])))
    words = [w.text for w in page.words]
    assert "utgående" in words and "restvärde" in words


def test_pdfium_generates_no_space_in_a_narrow_empty_gap() -> None:
    # goteborg 2022 p32: "(V" and ")" are two objects 0.16 em apart with no space between;
    # pdfium's text page generates one, and nothing was printed there
    path = _corpus("goteborg-stadsrevisionen_arsredogorelse_2022")
    page = build_page(next(pdfium_backend.iter_pages(path, [32])))
    words = [w.text for w in page.words]
    assert words.count("(V)") == 2 and "(V" not in words


def test_pdfium_puts_back_a_letter_printed_as_a_second_space() -> None:
    # brf_48663 p6: the italic å of "åtaganden" is the space code, right after a real space
    # and in an object of its own; pdfium's text page keeps one of the two spaces
    path = _corpus("brf_48663")
    for backend in (pdfium_backend, pdfplumber_backend):
        chars = next(backend.iter_pages(path, [6])).chars
        text = "".join(c.text for c in chars)
        assert "finansiella  taganden" in text, backend.NAME  # the å still disguised as a space
        letter = chars[text.index("finansiella  taganden") + len("finansiella ")]
        assert letter.x1 - letter.x0 == pytest.approx(5.5, abs=0.1)  # the å's advance


@pytest.mark.parametrize(
    ("space_end", "object_x"), [(162.98, 163.01), (162.48, 162.51), (163.02, 162.99)]
)
def test_dropped_second_space_is_found_on_either_side_of_a_rounding_edge(
    space_end: float, object_x: float
) -> None:
    # the silent object starts within 0.05 pt of where the space ends, across a whole or
    # half point
    space = Char(" ", 160.0, 90.0, space_end, 100.0, "", 0.0, False)
    word = _char("t", object_x + 5.5)
    silent = pdfium_backend._Silent(object_x + 0.2, 690.0, 168.3, 702.0, object_x, 692.0, 5.5)
    chars = pdfium_backend._restore_dropped_spaces([space, word], [silent], height=790.0)
    assert [c.text for c in chars] == [" ", " ", "t"]
    assert (chars[1].x0, chars[1].x1) == pytest.approx((object_x, object_x + 5.5))


def test_pdfium_names_an_unmapped_space_code_as_pdfminer_does() -> None:
    # brf_48663 p1: a CID font maps one code to " " and leaves code 32 unmapped ("(cid:32)")
    path = _corpus("brf_48663")
    chars = next(pdfium_backend.iter_pages(path, [1])).chars
    assert sum(c.text == "(cid:32)" for c in chars) == 1


@pytest.mark.skipif(not SYMBOLS.exists(), reason="sample not built")
@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_page_coordinates_match_pdfplumber(tmp_path: Path, rotation: int) -> None:
    # pdfplumber reports /Rotate pages as displayed; pdfium's objects are in user space
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(SYMBOLS))
    pdf[0].set_rotation(rotation)
    rotated = tmp_path / f"rot{rotation}.pdf"
    pdf.save(str(rotated))
    pdf.close()
    fast = next(pdfium_backend.iter_pages(rotated, [1]))
    reference = next(pdfplumber_backend.iter_pages(rotated, [1]))
    assert (fast.width, fast.height) == (reference.width, reference.height)

    def boxes(items: list) -> list:  # type: ignore[type-arg]
        return sorted((i.x0, i.top, i.x1, i.bottom) for i in items)

    def close(a: tuple, b: tuple) -> bool:  # type: ignore[type-arg]
        return max(abs(x - y) for x, y in zip(a, b, strict=True)) < 0.05

    assert all(
        close(a, b) for a, b in zip(boxes(fast.shapes), boxes(reference.shapes), strict=True)
    )
    glyphs_a = [c for c in fast.chars if c.text != " "]
    glyphs_b = [c for c in reference.chars if c.text != " "]
    assert len(glyphs_a) == len(glyphs_b)
    by_text: dict[str, list[tuple[float, float, float, float]]] = {}
    for c in glyphs_b:
        by_text.setdefault(c.text, []).append((c.x0, c.top, c.x1, c.bottom))
    same = 0
    for c in glyphs_a:
        box = (c.x0, c.top, c.x1, c.bottom)
        candidates = by_text.get(c.text, [])
        hit = next((k for k, other in enumerate(candidates) if close(box, other)), None)
        if hit is not None:
            del candidates[hit]
            same += 1
    assert same >= 0.99 * len(glyphs_a)
    assert [w.text for w in build_page(fast).words] == [w.text for w in build_page(reference).words]


def test_invisible_text_is_read_by_both_backends(tmp_path: Path) -> None:
    # OCR'd PDFs carry their text in render mode 3 (invisible); pdfminer keeps it, so does pdfium
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(300, 200)
    modes = (
        (pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE, 100, "Osynlig text"),
        (pdfium_c.FPDF_TEXTRENDERMODE_FILL, 150, "Synlig text"),
    )
    for mode, y, text in modes:
        obj = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 12.0)
        utf16 = ctypes.create_string_buffer((text + "\x00").encode("utf-16-le"))
        pdfium_c.FPDFText_SetText(obj, ctypes.cast(utf16, ctypes.POINTER(ctypes.c_ushort)))
        pdfium_c.FPDFTextObj_SetTextRenderMode(obj, mode)
        pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 20, y)
        pdfium_c.FPDFPage_InsertObject(page.raw, obj)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    path = tmp_path / "invisible.pdf"
    pdf.save(str(path))
    pdf.close()
    fast = build_page(next(pdfium_backend.iter_pages(path, [1])))
    reference = build_page(next(pdfplumber_backend.iter_pages(path, [1])))
    words = [w.text for w in fast.words]
    assert words == ["Synlig", "text", "Osynlig", "text"]
    assert words == [w.text for w in reference.words]
    for a, b in zip(fast.words, reference.words, strict=True):
        assert max(abs(p - q) for p, q in zip(a.bbox, b.bbox, strict=True)) < 0.05
