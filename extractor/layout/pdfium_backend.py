"""Layout backend on pypdfium2: reads characters with their boxes ~10x faster than pdfminer.

Everything is normalised to what pdfplumber (pdfminer) reports, so both backends give the same
words (tests/test_backend_parity.py):

* the character box is pdfminer's LTChar box: from the glyph origin, the advance from the
  font's widths and the descriptor's /Descent, mapped through the text matrix (pdfium's loose
  box unions the outline and scales ascent..descent to the font size instead);
* the size is the box height (pdfium reports the Tf size, 1 pt for text scaled by its matrix);
* pdfium's line-end hyphen marker U+0002 is a hyphen, glyphs without a Unicode mapping are
  "(cid:N)", ligatures pdfium splits into letters share the glyph's box;
* a space pdfium drops and generates again is kept where the advances leave a gap, and
  where that gap is too narrow to part words, only on a text object there that gave no
  characters (the dropped space); the second of two spaces in a row, which the text page
  drops, is put back where it is an object of its own (a letter printed through the space
  code), and an unmapped space code is "(cid:32)";
* /Rotate pages are reported as displayed; curves span their end points, not their controls.

Left as they are: pdfium truncates fractional /Widths to integers (positions drift by under
0.001 em per glyph along a line) and converts CMYK and ICC colours through its own profile.
"""

from __future__ import annotations

import ctypes
import math
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractor.layout.build import WORD_GAP_EM
from extractor.layout.common import clean_fontname, is_blank, is_bold_font, shape_kind
from extractor.layout.model import RGB, Char, ImageBox, PageLayout, Shape

NAME = "pdfium"

_FONT_BUF_LEN = 256
_MAX_FORM_DEPTH = 6


def iter_pages(
    path: Path, page_numbers: list[int], password: str | None = None
) -> Iterator[PageLayout]:
    """Yield the chars, shapes and images of the given 1-based pages."""
    pdf = pdfium.PdfDocument(str(path), password=password or None)
    try:
        for number in page_numbers:
            page = pdf[number - 1]
            try:
                yield read_page(page, number)
            finally:
                page.close()
    finally:
        pdf.close()


def read_page(page: pdfium.PdfPage, number: int) -> PageLayout:
    width, height = page.get_size()  # as displayed, /Rotate applied
    # pdfium reports the box in float32 (595.2755737); pdfminer parses the PDF's decimals
    layout = PageLayout(number=number, width=round(width, 3), height=round(height, 3))
    display = _display_matrix(page.get_rotation(), float(width), float(height))
    textpage = page.get_textpage()
    reader = _CharReader(display)
    try:
        chars = reader.read(textpage, float(height))
    finally:
        textpage.close()
    objects = _ObjectReader(float(height), layout, spoken=reader.text_objects)
    handle = ctypes.cast(page.raw, ctypes.c_void_p).value
    objects.walk([_get_page_object(handle, i) for i in range(_count_objects(handle))], display, 0)
    if display is None and objects.silent:
        chars = _restore_dropped_spaces(chars, objects.silent, float(height))
    if reader.unfounded:
        chars = _drop_unfounded_spaces(chars, reader.unfounded, objects.silent)
    layout.chars = chars
    return layout


#: How close (pt) a silent object must start to where a space ends to be its dropped twin.
_SPACE_END_TOLERANCE = 0.05


class _Silent(NamedTuple):
    """A text object that gave the text page no character, in PDF space."""

    left: float
    bottom: float
    right: float
    top: float
    x: float  # the origin of its first glyph
    y: float
    space_advance: float | None  # what the space code advances in its font and size


def _restore_dropped_spaces(chars: list[Char], silent: list[_Silent], height: float) -> list[Char]:
    """Put back the second of two spaces in a row, which pdfium's text page drops.

    pdfminer reports both. It matters where a font prints a letter through the space code:
    brf_48663 p. 6 sets "finansiella " upright and "åtaganden" in italics, whose å is the
    space code; the text page gives "finansiella taganden", the å left in an object of its own
    that gave no character, starting where the space before it ends.
    """
    ends: dict[int, list[int]] = defaultdict(list)  # spaces by the whole point they end in
    for i, c in enumerate(chars):
        if c.text == " " and c.upright:
            ends[math.floor(c.x1)].append(i)
    inserts: dict[int, Char] = {}
    for obj in silent:
        if obj.space_advance is None:
            continue
        baseline = height - obj.y
        # both points within the tolerance: a space ending at 162.98 meets an object at 163.01
        near = {math.floor(obj.x - _SPACE_END_TOLERANCE), math.floor(obj.x + _SPACE_END_TOLERANCE)}
        for i in [j for key in sorted(near) for j in ends.get(key, ())]:
            c = chars[i]
            if (
                abs(c.x1 - obj.x) <= _SPACE_END_TOLERANCE
                and c.top <= baseline <= c.bottom
                and i not in inserts
            ):
                glyph = Char(" ", obj.x, c.top, obj.x + obj.space_advance, c.bottom, "", 0.0, False)
                inserts[i] = glyph
                break
    if not inserts:
        return chars
    out: list[Char] = []
    for i, c in enumerate(chars):
        out.append(c)
        if i in inserts:
            out.append(inserts[i])
    return out


def _drop_unfounded_spaces(
    chars: list[Char], unfounded: list[tuple[Char, float, float, float]], silent: list[_Silent]
) -> list[Char]:
    """Drop the generated spaces in gaps too narrow to part words where no space was printed.

    pdfium leaves a text object that holds only a space off its text page and generates a
    space in its place; it also generates one for a gap with nothing in it (goteborg 2022
    p. 32 "(V)": "V" and ")" are two objects 0.16 em apart). Where the gap alone would part the
    words, both readings give the same words; in a narrower gap the space stands only on a text
    object that gave no characters (on the corpus: 89 such spaces, all on one; none of the 28
    without one is a glyph pdfminer reports).
    """
    drop = set()
    for space, x_from, x_to, baseline in unfounded:
        if not any(
            o.left <= x_to + 1
            and o.right >= x_from - 1
            and o.bottom <= baseline + 2
            and o.top >= baseline - 2
            for o in silent
        ):
            drop.add(id(space))
    return [c for c in chars if id(c) not in drop] if drop else chars


def _display_matrix(rotation: int, width: float, height: float) -> Matrix | None:
    """User space → the displayed page (y up) for /Rotate; pdfplumber reports that space.

    `width` and `height` are the displayed size; None for an unrotated page.
    """
    if rotation == 90:  # the user space is `height` wide
        return (0.0, -1.0, 1.0, 0.0, 0.0, height)
    if rotation == 180:
        return (-1.0, 0.0, 0.0, -1.0, width, height)
    if rotation == 270:
        return (0.0, 1.0, -1.0, 0.0, width, 0.0)
    return None


def _proto(name: str, restype: Any, *argtypes: Any) -> Any:
    """Re-declare a pdfium function with plain `c_void_p` handles.

    pypdfium2's bindings type every handle as its own pointer class, so each call converts and
    checks its arguments; on the per-character path that conversion costs more than the call.
    The same C function is called, only its Python-side signature differs.
    """
    address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value or 0
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_VP, _INT, _FLOAT = ctypes.c_void_p, ctypes.c_int, ctypes.c_float
_get_text_object = _proto("FPDFText_GetTextObject", _VP, _VP, _INT)
_get_loose_box = _proto("FPDFText_GetLooseCharBox", _INT, _VP, _INT, _VP)
_get_origin = _proto("FPDFText_GetCharOrigin", _INT, _VP, _INT, _VP, _VP)
_get_unicode = _proto("FPDFText_GetUnicode", ctypes.c_uint, _VP, _INT)
_get_font_size = _proto("FPDFText_GetFontSize", ctypes.c_double, _VP, _INT)
_get_matrix = _proto("FPDFText_GetMatrix", _INT, _VP, _INT, _VP)
_get_fill = _proto("FPDFText_GetFillColor", _INT, _VP, _INT, _VP, _VP, _VP, _VP)
_get_font_info = _proto("FPDFText_GetFontInfo", ctypes.c_ulong, _VP, _INT, _VP, ctypes.c_ulong, _VP)
_has_map_error = _proto("FPDFText_HasUnicodeMapError", _INT, _VP, _INT)
_get_object_font = _proto("FPDFTextObj_GetFont", _VP, _VP)
_get_font_descent = _proto("FPDFFont_GetDescent", _INT, _VP, _FLOAT, _VP)
_get_glyph_width = _proto("FPDFFont_GetGlyphWidth", _INT, _VP, ctypes.c_uint32, _FLOAT, _VP)
_get_text_object_size = _proto("FPDFTextObj_GetFontSize", _INT, _VP, _VP)

#: pdfminer takes the descent of these fonts from its AFM tables whatever the PDF says; pdfium
#: takes it from the descriptor or its substitute font (Helvetica: -207 vs -224 per 1000 em).
_AFM_DESCENT = {
    **dict.fromkeys(("Courier", "Courier-Bold", "Courier-BoldOblique", "Courier-Oblique"), -194.0),
    **dict.fromkeys(
        ("CourierNew", "CourierNew,Italic", "CourierNew,Bold", "CourierNew,BoldItalic"), -194.0
    ),
    **dict.fromkeys(
        ("Helvetica", "Helvetica-Bold", "Helvetica-BoldOblique", "Helvetica-Oblique"), -207.0
    ),
    **dict.fromkeys(("Arial", "Arial,Italic", "Arial,Bold", "Arial,BoldItalic"), -207.0),
    **dict.fromkeys(("Times-Roman", "Times-Bold", "Times-BoldItalic", "Times-Italic"), -217.0),
    **dict.fromkeys(
        ("TimesNewRoman", "TimesNewRoman,Italic", "TimesNewRoman,Bold", "TimesNewRoman,BoldItalic"),
        -217.0,
    ),
    "Symbol": 0.0,
    "ZapfDingbats": 0.0,
}

#: pdfium marks a hyphen that ends a line with U+0002 (FPDFText_GetText returns U+FFFE for it
#: and for U+0000); the PDF holds a plain hyphen there, which is what pdfminer reports.
_PDFIUM_HYPHEN = 0x02

#: A space pdfium generated counts when the advances leave at least this gap (em): a dropped
#: space object leaves its own width (0.2-0.3 em; brf_276796 p13 "MEDEL VID": 0.218 em), kerning
#: leaves less; TOC leader dots are as far apart (brf_275608 p2), so none between two dots.
_GENERATED_SPACE_EM = 0.15
#: ... and at most this (em): see `_CharReader.read`.
_RUN_END_EM = 1.0
_NO_SKEW = (0.0, 0.0)

#: (text as pdfminer reports it, advance at font size 1 or None when unknown, is a space)
Glyph = tuple[str, float | None, bool]


def _page_text(raw: object, count: int) -> str:
    """All characters of the page in one call: one UTF-16 unit per character index."""
    buf = ctypes.create_string_buffer((count + 1) * 2)
    written = pdfium_c.FPDFText_GetText(
        raw, 0, count, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort))
    )
    return buf.raw[: max(written - 1, 0) * 2].decode("utf-16-le", "replace")


class _Font:
    """Name, weight, descent and glyph table of one font, shared by all its text objects."""

    __slots__ = ("handle", "fontname", "bold", "descent", "glyphs", "unmapped")

    def __init__(self, handle: int, raw_name: str) -> None:
        self.handle = handle
        self.fontname = clean_fontname(raw_name)
        self.bold = is_bold_font(self.fontname)
        # pdfminer puts the box bottom at the descriptor's /Descent (forced negative), in
        # text space at font size 1; pdfium's loose box scales ascent..descent differently.
        self.descent = 0.0
        if raw_name in _AFM_DESCENT:
            self.descent = _AFM_DESCENT[raw_name] / 1000
        else:
            out = ctypes.c_float()
            if handle and _get_font_descent(handle, 1.0, ctypes.addressof(out)):
                self.descent = -abs(out.value)
        self.glyphs: dict[str, Glyph] = {}
        self.unmapped = False  # a glyph of this font had no Unicode mapping

    def glyph(self, handle: int, index: int, ch: str) -> Glyph:
        """Text and advance of a code point, looked up once per font."""
        text = ch
        code = ord(ch) if len(ch) == 1 else 0
        if ch == "\ufffe":
            code = _get_unicode(handle, index)
            text = "-" if code == _PDFIUM_HYPHEN else chr(code)
            code = ord(text)
        elif _has_map_error(handle, index):
            # no Unicode mapping: pdfium falls back to the code, pdfminer names it (brf_48663)
            text = f"(cid:{ord(ch)})"
            if not self.unmapped:
                self.unmapped = True
                self.glyphs.pop(" ", None)
        # The font's /Widths entry, as pdfminer uses; pdfium's loose box is the union of the
        # advance box and the glyph outline, so an overhanging italic f would widen it.
        advance: float | None = None
        out = ctypes.c_float()
        if self.handle and code and _get_glyph_width(self.handle, code, 1.0, ctypes.addressof(out)):
            advance = out.value if out.value > 0 else None
        glyph = (text, advance, is_blank(text))
        # A font with unmapped codes may map the space code or not, code by code (brf_48663:
        # a CID font whose code 32 is unmapped, another of its codes mapped to " "): its
        # spaces are looked up each time.
        if ch != "\ufffe" and not (ch == " " and self.unmapped):
            self.glyphs[ch] = glyph
        return glyph


class _Style:
    """What pdfium's per-character getters return alike for every glyph of one text object."""

    __slots__ = (
        "font",
        "fontname",
        "bold",
        "color",
        "fs",
        "a",
        "b",
        "c",
        "d",
        "upright",
        "simple",
        "a_fs",
        "bottom_shift",
        "size",
    )

    def __init__(
        self, font: _Font, fs: float, matrix: tuple[float, float, float, float], color: RGB | None
    ) -> None:
        self.font = font
        self.fontname, self.bold, self.color, self.fs = font.fontname, font.bold, color, fs
        a, b, c, d = self.a, self.b, self.c, self.d = matrix
        self.upright = a * d > 0 and b * c <= 0  # pdfminer's LTChar.upright
        # Unrotated, unskewed text: the box is origin..origin+advance, descent..descent+size.
        self.simple = b == 0 and c == 0 and a > 0 and d > 0
        self.a_fs = a * fs
        self.bottom_shift = d * font.descent * fs
        self.size = round(abs(d * fs), 2)


class _CharReader:
    """Reads one page's characters; caches fonts by handle, styles by (font, size, matrix, colour).

    One reader per page: pdfium may free a font when its last page closes and reuse the handle.
    """

    def __init__(self, display: Matrix | None = None) -> None:
        self.display = display
        self.fonts: dict[int, _Font] = {}
        self.styles: dict[tuple, _Style] = {}  # type: ignore[type-arg]
        self._name = ctypes.create_string_buffer(_FONT_BUF_LEN)
        self._flags = ctypes.c_int()
        self._matrix = pdfium_c.FS_MATRIX()
        self._rgba = [ctypes.c_uint() for _ in range(4)]
        #: generated spaces narrower than a word gap: (the space, x from, x to, baseline)
        self.unfounded: list[tuple[Char, float, float, float]] = []
        self.text_objects: set[int] = set()  # the text objects that gave characters

    def style(self, handle: int, obj: int, index: int) -> _Style:
        font_handle = _get_object_font(obj) or 0
        font = self.fonts.get(font_handle)
        if font is None:
            _get_font_info(
                handle,
                index,
                ctypes.addressof(self._name),
                _FONT_BUF_LEN,
                ctypes.addressof(self._flags),
            )
            font = self.fonts[font_handle] = _Font(
                font_handle, self._name.value.decode("utf-8", "replace")
            )
        # The font size of the Tf operator; the text and graphics matrices scale it.
        fs = _get_font_size(handle, index)
        m = self._matrix
        _get_matrix(handle, index, ctypes.addressof(m))
        red, green, blue, _ = self._rgba
        color = None
        if _get_fill(handle, index, *(ctypes.addressof(v) for v in self._rgba)):
            color = (
                round(red.value / 255, 2),
                round(green.value / 255, 2),
                round(blue.value / 255, 2),
            )
        a, b, c, d = m.a, m.b, m.c, m.d
        if self.display is not None:  # the glyph as the rotated page shows it
            a, b, c, d, _, _ = _multiply((a, b, c, d, 0.0, 0.0), self.display)
        key = (font_handle, fs, a, b, c, d, color)
        style = self.styles.get(key)
        if style is None:
            style = self.styles[key] = _Style(font, fs, (a, b, c, d), color)
        return style

    def read(self, textpage: pdfium.PdfTextPage, page_height: float) -> list[Char]:
        """Characters with pdfminer's boxes: x from the advance width, y from descent and size.

        pdfminer's LTChar maps the corners (0, descent) and (advance, descent + size) of the
        glyph through the text matrix; we do the same from pdfium's origin and matrix.
        """
        raw = textpage.raw
        handle = ctypes.cast(raw, ctypes.c_void_p).value or 0
        count = pdfium_c.FPDFText_CountChars(raw)
        text = _page_text(raw, count)
        if len(text) != count:  # never seen; the per-character getter is the safe fallback
            text = "".join(chr(_get_unicode(handle, i)) for i in range(count))
        chars: list[Char] = []
        append = chars.append
        rect = pdfium_c.FS_RECTF()
        rect_at = ctypes.addressof(rect)
        ox, oy = ctypes.c_double(), ctypes.c_double()
        ox_at, oy_at = ctypes.addressof(ox), ctypes.addressof(oy)
        objects: dict[int, _Style] = {}  # text object handles are only valid for this page
        get_object, get_origin, style_of = _get_text_object, _get_origin, self.style
        display = self.display
        end_x: float | None = None  # where the previous glyph's advance ends, unskewed
        end_skew = _NO_SKEW  # how far its skew shifts the box's left and right edges
        last_obj, last_x = 0, -1.0  # text object and origin of the previous glyph
        style_obj = 0  # the text object whose style is in the locals below
        style: _Style  # set at the first glyph: no text object has the handle 0
        glyphs: dict[str, Glyph] = {}
        simple, a_fs, size, base, fontname, bold, color = False, 0.0, 0.0, 0.0, "", False, None
        ligature: list[Char] = []  # the letters read so far of a ligature pdfium split up
        for i, ch in enumerate(text):
            obj = get_object(handle, i)
            if not obj:
                # pdfium's generated spaces and line breaks. pdfium drops some text objects
                # that hold only a space and generates a space in their place (brf_275608 p14:
                # skewed text whose boxes overlap across the gap); keep it where the advances
                # leave a word gap, not between leader dots.
                if (
                    ch == " "
                    and display is None
                    and chars
                    and end_x is not None
                    and i + 1 < count
                    and get_object(handle, i + 1)
                ):
                    prev = chars[-1]
                    get_origin(handle, i + 1, ox_at, oy_at)
                    leader = prev.text == "." and text[i + 1] == "."
                    gap = ox.value - end_x
                    em = prev.size or 8.0
                    # Beyond an em the next glyph in the stream is elsewhere: pdfium ends a run
                    # with a space that no object holds (brf_52476 p. 14 "AB", whose loan number
                    # comes later in the stream but sits 0.16 em to its right: pdfminer has no
                    # space there). A visual gap that wide splits words without a space anyway.
                    if not leader and _GENERATED_SPACE_EM * em < gap <= _RUN_END_EM * em:
                        # a space's width at most: the next glyph in the stream may be far off
                        # shifted like the glyphs of a skewed (synthetic italic) run
                        left = end_x + end_skew[0]
                        right = end_x + min(gap, 0.3 * em) + end_skew[1]
                        space_char = Char(" ", left, prev.top, right, prev.bottom, "", 0.0, False)
                        space_char.upright = prev.upright
                        append(space_char)
                        if gap <= WORD_GAP_EM * em:
                            # too narrow to part words by itself: it needs the space object
                            # pdfium dropped (`_drop_unfounded_spaces`)
                            self.unfounded.append((space_char, end_x, ox.value, oy.value))
                continue
            if obj != style_obj:  # a new text object: its style's fields as locals
                known = objects.get(obj)
                style = objects[obj] = style_of(handle, obj, i) if known is None else known
                style_obj, glyphs, simple = obj, style.font.glyphs, style.simple
                a_fs, size, base = style.a_fs, style.size, page_height - style.bottom_shift
                fontname, bold, color = style.fontname, style.bold, style.color
            glyph = glyphs.get(ch)
            if glyph is None:
                glyph = style.font.glyph(handle, i, ch)
            glyph_text, advance, space = glyph
            get_origin(handle, i, ox_at, oy_at)
            x, y = ox.value, oy.value
            if display is not None:
                x, y = _apply(display, x, y)
            if advance is None:  # no width for this code: the loose box's extent along the line
                _get_loose_box(handle, i, rect_at)
                width = rect.right - rect.left
                # The loose box takes in an overhanging outline (the hook of an "fl" ligature
                # without a Unicode mapping, brf_81732 p12); the next glyph's origin does not.
                if display is None and i + 1 < count and get_object(handle, i + 1) == obj:
                    get_origin(handle, i + 1, ox_at, oy_at)
                    step = ox.value - x
                    if 0 < step < width and oy.value == y:
                        width = step
                advance = width / a_fs if a_fs else 0.0
            if simple:
                if (
                    display is None
                    and obj == last_obj
                    and x == last_x
                    and end_x is not None
                    and end_x > x
                    and glyph_text.isalpha()
                    and chars[-1].text.isalpha()
                ):
                    # pdfium splits a ligature glyph (U+FB01 "ﬁ") into its letters, all at the
                    # glyph's origin; share its advance out as pdfplumber_backend does.
                    if not ligature:
                        ligature.append(chars[-1])
                    bottom = base - y
                    letter = Char(
                        glyph_text, x, bottom - size, x, bottom, fontname, size, bold, color, True
                    )
                    append(letter)
                    ligature.append(letter)
                    _get_loose_box(handle, i, rect_at)
                    step = (rect.right - x) / len(ligature)
                    for k, part in enumerate(ligature):
                        part.x0, part.x1 = x + k * step, x + (k + 1) * step
                    end_x = rect.right
                    continue
                if ligature:
                    ligature.clear()
                last_obj, last_x = obj, x
                end_x = x1 = x + a_fs * advance
                end_skew = _NO_SKEW
                bottom = base - y
                if space:
                    append(Char(" ", x, bottom - size, x1, bottom, "", 0.0, False, None, True))
                else:
                    append(
                        Char(
                            glyph_text,
                            x,
                            bottom - size,
                            x1,
                            bottom,
                            fontname,
                            size,
                            bold,
                            color,
                            True,
                        )
                    )
                continue
            append(self._general(style, glyph_text, advance, space, x, y, page_height, rect))
            end_x = x + style.a_fs * advance if not style.b else None
            desc = style.font.descent * style.fs
            end_skew = (style.c * desc, style.c * (desc + style.fs))
        self.text_objects = set(objects)
        return chars

    @staticmethod
    def _general(
        style: _Style,
        text: str,
        advance: float,
        space: bool,
        x: float,
        y: float,
        page_height: float,
        rect: object,
    ) -> Char:
        """pdfminer's box for rotated or skewed text: corners (0, desc), (adv, desc + 1) * fs."""
        a, b, c, d, fs = style.a, style.b, style.c, style.d, style.fs
        desc = style.font.descent * fs
        adv = advance * fs
        x0 = x + c * desc
        y0 = y + d * desc
        x1 = x + a * adv + c * (desc + fs)
        y1 = y + b * adv + d * (desc + fs)
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        if space:
            return Char(
                " ", x0, page_height - y1, x1, page_height - y0, "", 0.0, False, None, style.upright
            )
        return Char(
            text,
            x0,
            page_height - y1,
            x1,
            page_height - y0,
            style.fontname,
            round(y1 - y0, 2),
            style.bold,
            style.color,
            style.upright,
        )


def _read_chars(
    textpage: pdfium.PdfTextPage, page_height: float, reader: _CharReader | None = None
) -> list[Char]:
    """The characters of one page (see `_CharReader.read`)."""
    return (reader or _CharReader()).read(textpage, page_height)


Matrix = tuple[float, float, float, float, float, float]

_count_objects = _proto("FPDFPage_CountObjects", _INT, _VP)
_get_page_object = _proto("FPDFPage_GetObject", _VP, _VP, _INT)
_count_form_objects = _proto("FPDFFormObj_CountObjects", _INT, _VP)
_get_form_object = _proto("FPDFFormObj_GetObject", _VP, _VP, ctypes.c_ulong)
_get_object_type = _proto("FPDFPageObj_GetType", _INT, _VP)
_get_object_matrix = _proto("FPDFPageObj_GetMatrix", _INT, _VP, _VP)
_get_object_bounds = _proto("FPDFPageObj_GetBounds", _INT, _VP, _VP, _VP, _VP, _VP)
_get_draw_mode = _proto("FPDFPath_GetDrawMode", _INT, _VP, _VP, _VP)
_count_segments = _proto("FPDFPath_CountSegments", _INT, _VP)
_get_segment = _proto("FPDFPath_GetPathSegment", _VP, _VP, _INT)
_get_segment_point = _proto("FPDFPathSegment_GetPoint", _INT, _VP, _VP, _VP)
_get_segment_type = _proto("FPDFPathSegment_GetType", _INT, _VP)
_get_fill_color = _proto("FPDFPageObj_GetFillColor", _INT, _VP, _VP, _VP, _VP, _VP)
_get_stroke_color = _proto("FPDFPageObj_GetStrokeColor", _INT, _VP, _VP, _VP, _VP, _VP)


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """`m` then `n` (row vectors, as PDF's `cm`)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


class _ObjectReader:
    """Walks the page's object tree with raw pdfium calls: paths, images, forms, and the text
    objects that gave the text page no character (`silent`).

    pypdfium2's `get_objects` wraps every object (text included) in a Python object first,
    which cost more than reading the shapes.
    """

    def __init__(self, page_height: float, layout: PageLayout, spoken: set[int]) -> None:
        self.page_height = page_height
        self.layout = layout
        self.spoken = spoken  # the text objects that gave characters
        self.silent: list[_Silent] = []
        self.matrix = pdfium_c.FS_MATRIX()
        self.floats = [ctypes.c_float() for _ in range(4)]
        self.float_at = [ctypes.addressof(v) for v in self.floats]
        self.ints = [ctypes.c_int(), ctypes.c_int()]
        self.uints = [ctypes.c_uint() for _ in range(4)]
        self.uint_at = [ctypes.addressof(v) for v in self.uints]
        self.size = ctypes.c_float()

    def walk(self, objects: list[int], parent: Matrix | None, depth: int) -> None:
        for obj in objects:
            kind = _get_object_type(obj)
            if kind == _PATH:
                self.path(obj, parent)
            elif kind == _IMAGE:
                self.image(obj, parent)
            elif kind == _TEXT and obj not in self.spoken:
                self.silent_text(obj, parent)
            elif kind == _FORM and depth < _MAX_FORM_DEPTH:
                # Objects inside form XObjects carry coordinates relative to the form.
                matrix = self.object_matrix(obj)
                if parent is not None:
                    matrix = _multiply(matrix, parent)
                children = [_get_form_object(obj, i) for i in range(_count_form_objects(obj))]
                self.walk(children, matrix, depth + 1)

    def object_matrix(self, obj: int) -> Matrix:
        m = self.matrix
        if not _get_object_matrix(obj, ctypes.addressof(m)):
            return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def color(self, obj: int, getter: object) -> RGB | None:
        if not getter(obj, *self.uint_at):  # type: ignore[operator]
            return None
        r, g, b, _ = self.uints
        return (round(r.value / 255, 2), round(g.value / 255, 2), round(b.value / 255, 2))

    def image(self, obj: int, parent: Matrix | None) -> None:
        if not _get_object_bounds(obj, *self.float_at):
            return
        left, bottom, right, top = self.bounds_on_page(parent)
        h = self.page_height
        self.layout.images.append(ImageBox(left, h - top, right, h - bottom))

    def bounds_on_page(self, parent: Matrix | None) -> tuple[float, float, float, float]:
        """The box just read into `floats` (left, bottom, right, top), through a form's matrix."""
        left, bottom, right, top = (v.value for v in self.floats)
        if parent is None:
            return left, bottom, right, top
        points = [_apply(parent, x, y) for x in (left, right) for y in (bottom, top)]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return min(xs), min(ys), max(xs), max(ys)

    def silent_text(self, obj: int, parent: Matrix | None) -> None:
        if not _get_object_bounds(obj, *self.float_at):
            return
        left, bottom, right, top = self.bounds_on_page(parent)
        a, b, c, d, x, y = self.object_matrix(obj)
        if parent is not None:
            x, y = _apply(parent, x, y)
            a, b, c, d, _, _ = _multiply((a, b, c, d, 0.0, 0.0), parent)
        advance = None
        font = _get_object_font(obj)
        size, width = self.size, self.floats[0]
        if (
            b == 0
            and c == 0
            and font
            and _get_text_object_size(obj, ctypes.addressof(size))
            and _get_glyph_width(font, 0x20, 1.0, self.float_at[0])
            and width.value > 0
        ):
            advance = width.value * size.value * a
        self.silent.append(_Silent(left, bottom, right, top, x, y, advance))

    def path(self, obj: int, parent: Matrix | None) -> None:
        fillmode, stroke = self.ints
        if not _get_draw_mode(obj, ctypes.addressof(fillmode), ctypes.addressof(stroke)):
            return
        filled = fillmode.value != 0
        stroked = bool(stroke.value)
        if not filled and not stroked:
            return  # clipping paths and invisible helpers: pdfminer drops them too
        fill = self.color(obj, _get_fill_color) if filled else None
        stroke_color = self.color(obj, _get_stroke_color) if stroked else None
        matrix = self.object_matrix(obj)
        if parent is not None:
            matrix = _multiply(matrix, parent)
        # One pdfium path object can hold many subpaths (a whole grid); pdfminer reports each
        # subpath on its own, so split at every move-to.
        x, y = self.floats[0], self.floats[1]
        x_at, y_at = self.float_at[0], self.float_at[1]
        subpath: list[tuple[float, float]] = []
        controls: list[tuple[float, float]] = []
        for i in range(_count_segments(obj)):
            seg = _get_segment(obj, i)
            _get_segment_point(seg, x_at, y_at)
            kind = _get_segment_type(seg)
            if kind == _MOVETO and subpath:
                _emit(subpath, fill, stroke_color, self.page_height, self.layout)
                subpath = []
            point = _apply(matrix, x.value, y.value)
            if kind == _BEZIERTO:
                # pdfium gives a curve as three points (two controls, the end); pdfminer's box
                # spans the curves' end points only (brf_276796 p1), so skip the controls.
                controls.append(point)
                if len(controls) < 3:
                    continue
                controls = []
            subpath.append(point)
        if subpath:
            _emit(subpath, fill, stroke_color, self.page_height, self.layout)


_PATH, _IMAGE, _FORM, _TEXT = (
    pdfium_c.FPDF_PAGEOBJ_PATH,
    pdfium_c.FPDF_PAGEOBJ_IMAGE,
    pdfium_c.FPDF_PAGEOBJ_FORM,
    pdfium_c.FPDF_PAGEOBJ_TEXT,
)
_MOVETO = pdfium_c.FPDF_SEGMENT_MOVETO
_BEZIERTO = pdfium_c.FPDF_SEGMENT_BEZIERTO


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _emit(points, fill, stroke, page_height: float, layout: PageLayout) -> None:  # type: ignore[no-untyped-def]
    if len(points) < 2:
        return
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    x0, x1 = min(xs), max(xs)
    top, bottom = page_height - max(ys), page_height - min(ys)
    layout.shapes.append(
        Shape(shape_kind(x1 - x0, bottom - top), x0, top, x1, bottom, fill, stroke)
    )


def page_count(path: Path, password: str | None = None) -> int:
    pdf = pdfium.PdfDocument(str(path), password=password or None)
    try:
        return len(pdf)
    finally:
        pdf.close()
