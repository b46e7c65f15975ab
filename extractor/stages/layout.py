"""Read every page through the chosen backend and build words, lines and reading order.

Pages without a usable text layer are handed to OCR (`extractor.layout.ocr`) when allowed.
A page that fails to parse is reported and skipped; the rest of the document goes on.
"""

from __future__ import annotations

import regex

from extractor.errors import ArsbokError, DamagedPdfError, NoTextLayerError, OcrUnavailableError
from extractor.layout import pdfium_backend, pdfplumber_backend
from extractor.layout.build import LayoutSettings, build_page
from extractor.layout.model import PageLayout
from extractor.layout.ocr import text_layer_quality
from extractor.layout.repair import may_be_broken, repair_document
from extractor.model import PageInfo
from extractor.state import DocumentState

BACKENDS = {pdfium_backend.NAME: pdfium_backend, pdfplumber_backend.NAME: pdfplumber_backend}

# A letter, then punctuation that never sits inside a Swedish word, then a letter: the mark of a
# font whose å/ä/ö map to the wrong code points (brf_48663: "F!rvaltningsber"ttelse").
_BROKEN_GLYPH = regex.compile(r"\p{L}[!\"#$%&\\]\p{L}")


def is_garbage(text: str) -> bool:
    """True when a page's characters are mostly unreadable (cid glyphs, private use, U+FFFD)."""
    if not text:
        return False
    bad = sum(1 for ch in text if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff" or ord(ch) < 32)
    return bad > 0.3 * len(text)


def broken_glyph_share(page: PageLayout) -> float:
    words = [w.text for w in page.words if len(w.text) > 3]
    if not words:
        return 0.0
    return sum(1 for w in words if _BROKEN_GLYPH.search(w)) / len(words)


def read_layout(state: DocumentState) -> DocumentState:
    settings = state.settings
    backend = BACKENDS[settings.backend]
    layout_settings = LayoutSettings(
        word_gap_em=settings.layout.word_gap_em,
        segment_gap_em=settings.layout.segment_gap_em,
        min_gutter=settings.layout.min_gutter,
    )
    pages: list[PageLayout] = []
    char_counts: dict[int, int] = {}
    numbers = state.page_numbers
    iterator = backend.iter_pages(state.path, numbers, settings.password)
    for number in numbers:
        state.check_deadline()
        try:
            page = next(iterator)
        except StopIteration:
            break
        except ArsbokError:
            raise
        except Exception as exc:  # noqa: BLE001 - one bad page must not lose the others
            state.warn("page_failed", f"page {number} could not be read: {type(exc).__name__}: {exc}", number)
            pages.append(PageLayout(number=number, width=0, height=0, text_layer=False, error=str(exc)))
            # the backend's generator is dead after an exception: restart after this page
            rest = numbers[numbers.index(number) + 1 :]
            iterator = backend.iter_pages(state.path, rest, settings.password)
            continue
        glyphs = "".join(c.text for c in page.chars if c.text != " ")
        char_counts[number] = len(glyphs)
        try:
            build_page(page, layout_settings)
        except Exception as exc:  # noqa: BLE001 - issue 8: one page that cannot be laid out
            state.warn("page_failed", f"page {number} could not be laid out: {type(exc).__name__}: {exc}", number)
            pages.append(PageLayout(number=number, width=page.width, height=page.height, text_layer=False, error=str(exc)))
            continue
        # issue 7: "(cid:1)" glyphs (brf_79568 pp. 18-19, both backends) are no text layer;
        # å/ä/ö mapped to punctuation is repaired in build_page instead (layout/repair.py)
        page.text_layer = (
            len(glyphs) >= settings.layout.min_text_chars
            and not is_garbage(glyphs)
            and text_layer_quality(page) >= settings.layout.min_text_quality
        )
        if page.text_layer and settings.ocr != "always" and not may_be_broken(page.chars):
            # issue 8: characters are ~70 % of a page's memory (1000 pages: 985 → 448 MB peak)
            # and no later stage reads them; OCR'd pages keep theirs (keep_layer_digits), and so
            # do pages with unmapped glyphs, for the document-wide repair below
            page.chars = []
        pages.append(page)
    _repair_document(state, [p for p in pages if p.chars and p.error is None], layout_settings)
    if pages and all(p.error for p in pages):  # issue 8: no readable page is a damaged PDF
        raise DamagedPdfError(f"{state.path.name}: no page could be read ({pages[0].error})")
    state.pages = pages
    _ocr_where_needed(state)
    for page in state.pages:
        if page.text_layer and not page.ocr and broken_glyph_share(page) > 0.05:
            state.warn(
                "broken_glyphs",
                f"page {page.number}: the text layer maps some letters (å/ä/ö) to punctuation",
                page.number,
            )
    state.document.source.pages = [
        PageInfo(
            number=p.number,
            width=round(p.width, 2),
            height=round(p.height, 2),
            text_layer=p.text_layer,
            ocr=p.ocr,
            chars=sum(1 for c in p.chars if c.text != " ") if p.ocr else char_counts.get(p.number, 0),
        )
        for p in state.pages
    ]
    return state


def _repair_document(state: DocumentState, pages: list[PageLayout], layout_settings: LayoutSettings) -> None:
    """Glyphs without a (right) Unicode mapping, learnt over the whole document (repair.py).

    The per-page repair in `build_page` sees too few words to tell å from ä in every font; the
    document pass does (brf_48663: 38 → 43 of 43 statement rows exact).
    """
    if not pages:
        return
    repaired, repairs = repair_document([p.chars for p in pages])
    for page, chars in zip(pages, repaired, strict=True):
        if chars is not page.chars:
            page.chars = chars
            build_page(page, layout_settings)  # the per-page repair is then a no-op
        if page.text_layer and state.settings.ocr != "always":
            page.chars = []
    if repairs:
        state.warn(
            "text_repaired",
            "glyphs read from their width and context: " + "; ".join(r.describe() for r in repairs[:12]),
        )


def _ocr_where_needed(state: DocumentState) -> None:
    mode = state.settings.ocr
    targets = [p for p in state.pages if p.error is None and (mode == "always" or not p.text_layer)]
    if mode == "never" or not targets:
        if mode == "never" and targets and len(targets) == len(state.pages):
            raise NoTextLayerError(
                f"{state.path.name}: no text layer on any page and OCR is off (--ocr never)"
            )
        for p in targets:
            state.warn("no_text_layer", f"page {p.number} has no text layer (OCR off)", p.number)
        return
    from extractor.layout import ocr

    try:
        ocr.ocr_pages(state, targets)
    except OcrUnavailableError:
        if len(targets) == len(state.pages):
            raise
        for p in targets:
            state.warn("no_text_layer", f"page {p.number} has no text layer and Tesseract is not installed", p.number)
