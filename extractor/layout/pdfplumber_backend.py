"""Layout backend on pdfplumber (pdfminer.six): the reference, slower backend."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber

from extractor.layout.common import (
    clean_fontname,
    is_blank,
    is_bold_font,
    normalize_color,
    shape_kind,
)
from extractor.layout.model import Char, ImageBox, PageLayout, Shape

NAME = "pdfplumber"


def iter_pages(
    path: Path, page_numbers: list[int], password: str | None = None
) -> Iterator[PageLayout]:
    """Yield the chars, shapes and images of the given 1-based pages."""
    with pdfplumber.open(path, password=password or "") as pdf:
        for number in page_numbers:
            page = pdf.pages[number - 1]
            try:
                yield read_page(page, number)
            finally:
                page.close()  # pdfplumber caches layout objects per page (pdfplumber#1395)


def _render_string_horizontal(  # type: ignore[no-untyped-def]
    self, seq, matrix, pos, font, fontsize, scaling, charspace, wordspace, rise, dxscale, ncs, graphicstate
):
    """pdfminer's `PDFTextDevice.render_string_horizontal` with the character spacing after
    every glyph (PDF 32000-1 9.4.4: tx = (w0 * Tfs + Tc + Tw) * Th).

    pdfminer.six adds Tc before each glyph but the first of a string, so the spacing after a
    string's last glyph is lost and the next Tj starts too early: brf_280938 p. 21 sets
    "0.2562 Tc" and a zero-width space before "(a) Tj", which pdfminer put 2.8 pt left of
    where pdfium, poppler and the PDF place it.
    """
    from pdfminer import utils

    (x, y) = pos
    for obj in seq:
        if isinstance(obj, int | float):
            x -= obj * dxscale
        elif isinstance(obj, bytes):
            for cid in font.decode(obj):
                x += self.render_char(
                    utils.translate_matrix(matrix, (x, y)), font, fontsize, scaling, rise, cid, ncs, graphicstate
                )
                x += charspace
                if cid == 32 and wordspace:
                    x += wordspace
    return (x, y)


def _actual_text(props: object) -> str | None:
    """The /ActualText of a marked-content span, U+FFFD (unknown) removed; None without one."""
    from pdfminer.utils import decode_text

    if not isinstance(props, dict) or "ActualText" not in props:
        return None
    raw = props["ActualText"]
    text = decode_text(raw) if isinstance(raw, bytes) else str(raw)
    return text.replace("\ufffd", "")


@contextmanager
def _pdfium_reading() -> Iterator[None]:
    """Parse a page with two of pdfminer's readings aligned to the PDF spec and pdfium:
    character spacing after every glyph (`_render_string_horizontal`) and a span's /ActualText
    in place of its glyphs (`_actual_text`). pdfminer's and pdfplumber's own methods are put
    back afterwards."""
    from pdfminer.pdfdevice import PDFTextDevice
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent as Aggregator

    originals = (
        PDFTextDevice.render_string_horizontal,
        Aggregator.begin_tag,
        Aggregator.end_tag,
        Aggregator.render_char,
    )
    _, begin, end, render = originals

    # A span with /ActualText reads as that text, U+FFFD (unknown) dropped, on its first glyph;
    # its other glyphs still advance the text position but are no characters. pdfium does so;
    # pdfminer ignores /ActualText (the Göteborg reports put every TOC leader dot in a span
    # whose /ActualText is U+FFFD per dot, the glyphs themselves map to U+0008).
    def begin_tag(self: Any, tag: Any, props: Any = None) -> None:
        text = _actual_text(props)
        self.__dict__.setdefault("arsbok_actual", []).append(None if text is None else [text])
        begin(self, tag, props)

    def end_tag(self: Any) -> None:
        stack = self.__dict__.get("arsbok_actual")
        if stack:
            stack.pop()
        end(self)

    def render_char(self: Any, *args: Any, **kwargs: Any) -> float:
        advance = render(self, *args, **kwargs)
        spans = [s for s in self.__dict__.get("arsbok_actual", ()) if s is not None]
        if spans and self.cur_item._objs:
            pending = spans[-1]
            if pending[0]:
                self.cur_item._objs[-1]._text = pending[0]
                pending[0] = ""
            else:
                self.cur_item._objs.pop()
        return advance  # type: ignore[no-any-return]

    PDFTextDevice.render_string_horizontal = _render_string_horizontal  # type: ignore[method-assign]
    Aggregator.begin_tag, Aggregator.end_tag, Aggregator.render_char = begin_tag, end_tag, render_char  # type: ignore[method-assign]
    try:
        yield
    finally:
        (
            PDFTextDevice.render_string_horizontal,
            Aggregator.begin_tag,
            Aggregator.end_tag,
            Aggregator.render_char,
        ) = originals  # type: ignore[method-assign]


def read_page(page: pdfplumber.page.Page, number: int) -> PageLayout:
    # rounded as the pdfium backend must round its float32 page box
    layout = PageLayout(
        number=number, width=round(float(page.width), 3), height=round(float(page.height), 3)
    )
    with _pdfium_reading():
        page.objects  # noqa: B018 - parses the page (chars, rects, lines, curves, images) once
    for c in page.chars:
        text = c["text"]
        if not text or is_blank(text):
            layout.chars.append(_space(c))
            continue
        fontname = clean_fontname(c.get("fontname"))
        if text in _LIGATURES or (len(text) > 1 and not text.startswith("(cid:")):
            # pdfium splits a ligature glyph ("ﬁ", or "fl" from a ToUnicode map) into letters
            layout.chars.extend(_ligature_letters(c, _LIGATURES.get(text) or text, fontname))
            continue
        layout.chars.append(_glyph(c, text, fontname, float(c["x0"]), float(c["x1"])))
    for obj in page.rects + page.lines + page.curves:
        x0, top, x1, bottom = (float(obj[k]) for k in ("x0", "top", "x1", "bottom"))
        fill = normalize_color(obj.get("non_stroking_color")) if obj.get("fill") else None
        stroke = normalize_color(obj.get("stroking_color")) if obj.get("stroke") else None
        layout.shapes.append(
            Shape(shape_kind(x1 - x0, bottom - top), x0, top, x1, bottom, fill, stroke)
        )
    for img in page.images:
        layout.images.append(
            ImageBox(float(img["x0"]), float(img["top"]), float(img["x1"]), float(img["bottom"]))
        )
    return layout


#: Ligature glyphs (U+FB00-FB06) and their letters: pdfium splits them, so both backends do.
_LIGATURES = {chr(code): unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}


def _ligature_letters(c: dict, letters: str, fontname: str) -> list[Char]:  # type: ignore[type-arg]
    """The letters of one ligature glyph, each with an equal share of its box."""
    x0, x1 = float(c["x0"]), float(c["x1"])
    step = (x1 - x0) / len(letters)
    return [
        _glyph(c, letter, fontname, x0 + k * step, x0 + (k + 1) * step)
        for k, letter in enumerate(letters)
    ]


def _glyph(c: dict, text: str, fontname: str, x0: float, x1: float) -> Char:  # type: ignore[type-arg]
    """A `Char` from a pdfplumber char dict, with its text and horizontal extent given."""
    return Char(
        text=text,
        x0=x0,
        top=float(c["top"]),
        x1=x1,
        bottom=float(c["bottom"]),
        fontname=fontname,
        size=round(float(c["size"]), 2),
        bold=is_bold_font(fontname),
        color=normalize_color(c.get("non_stroking_color")),
        upright=bool(c.get("upright", True)),
    )


def _space(c: dict) -> Char:
    return Char(
        " ",
        float(c["x0"]),
        float(c["top"]),
        float(c["x1"]),
        float(c["bottom"]),
        "",
        0.0,
        False,
        None,
        bool(c.get("upright", True)),
    )


def page_count(path: Path, password: str | None = None) -> int:
    with pdfplumber.open(path, password=password or "") as pdf:
        return len(pdf.pages)
