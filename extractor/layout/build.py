"""Characters → words → lines → reading order. Pure functions over the layout model.

Chain: `dedupe_chars → group_visual_lines → split_words → split_segments → order_reading`.
Every backend's characters go through the same chain, so backends cannot disagree on words.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.layout.model import Char, Line, PageLayout, Word
from extractor.layout.repair import repair_chars

#: A gap wider than this share of the font size ends a word (no space char needed).
WORD_GAP_EM = 0.22
#: A gap wider than this many ems splits a visual line into separate segments (columns, cells).
SEGMENT_GAP_EM = 1.6
#: A column gutter must be at least this wide (pt) for the XY-cut to split there.
MIN_GUTTER = 10.0


@dataclass(slots=True)
class LayoutSettings:
    word_gap_em: float = WORD_GAP_EM
    segment_gap_em: float = SEGMENT_GAP_EM
    min_gutter: float = MIN_GUTTER


def build_page(page: PageLayout, settings: LayoutSettings | None = None) -> PageLayout:
    """Fill `page.words` and `page.lines` (in reading order) from `page.chars`."""
    settings = settings or LayoutSettings()
    # Ligatures and å/ä/ö without a Unicode mapping, read from widths and context (repair.py).
    chars = dedupe_chars(repair_chars([c for c in page.chars if c.upright]))
    rows = group_visual_lines(chars)
    words: list[Word] = []
    segments: list[Line] = []
    for row in rows:
        row_words = split_words(row, settings.word_gap_em)
        words.extend(row_words)
        segments.extend(split_segments(row_words, page.number, settings.segment_gap_em))
    page.words = words
    page.lines = order_reading(segments, page.width, settings.min_gutter)
    return page


def dedupe_chars(chars: list[Char]) -> list[Char]:
    """Drop faux-bold duplicates: the same glyph printed again within a fraction of a point."""
    seen: set[tuple[str, int, int]] = set()
    out: list[Char] = []
    for c in chars:
        if c.text == " ":
            out.append(c)
            continue
        key = (c.text, round(c.x0 * 2), round(c.top * 2))
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


def group_visual_lines(chars: list[Char]) -> list[list[Char]]:
    """Cluster characters that share a baseline band; each cluster sorted left to right."""
    # round(x, 1) is slow and the glyphs of a line share a few bottoms: round each one once.
    rounded: dict[float, float] = {}

    def baseline_then_x(c: Char) -> tuple[float, float]:
        r = rounded.get(c.bottom)
        if r is None:
            r = rounded[c.bottom] = round(c.bottom, 1)
        return (r, c.x0)

    glyphs = sorted(chars, key=baseline_then_x)
    rows: list[list[Char]] = []
    row_bottom = None
    current: list[Char] = []
    for c in glyphs:
        if c.text == " " and not current:
            continue
        tol = 0.3 * (c.size or 8.0)
        if tol < 1.5:
            tol = 1.5
        if current and row_bottom is not None and abs(c.bottom - row_bottom) <= tol:
            current.append(c)
            continue
        if current:
            rows.append(current)
        current = [c]
        row_bottom = c.bottom
    if current:
        rows.append(current)
    # Superscripts and mixed sizes sit slightly off the baseline: merge rows whose vertical
    # extents overlap mostly, then order each row by x. Rows of spaces alone are dropped: their
    # boxes would bridge two real rows.
    # A big title beside two small stacked lines overlaps both: only rows of similar size, or
    # a short superscript run, are merged (brf_54015 p. 7: "RESULTATRÄKNING" and two dates).
    merged: list[list[Char]] = []
    extents: list[tuple[float, float, float, int]] = []  # top, bottom, size, glyph count
    for row in rows:
        glyphs = [c for c in row if c.text != " "]
        if not glyphs:
            continue
        top = min(c.top for c in glyphs)
        bottom = max(c.bottom for c in glyphs)
        size = max(c.size for c in glyphs)
        if merged:
            p_top, p_bottom, p_size, p_count = extents[-1]
            similar = abs(p_size - size) <= 0.2 * max(p_size, size)
            superscript = min(p_count, len(glyphs)) <= 3
            if (similar or superscript) and _overlap_ratio((p_top, p_bottom), (top, bottom)) > 0.6:
                merged[-1].extend(row)
                extents[-1] = (
                    min(p_top, top),
                    max(p_bottom, bottom),
                    max(p_size, size),
                    p_count + len(glyphs),
                )
                continue
        merged.append(row)
        extents.append((top, bottom, size, len(glyphs)))
    for row in merged:
        row.sort(key=lambda c: c.x0)
    return merged


def _overlap_ratio(a: tuple[float, float], b: tuple[float, float]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    smaller = min(a[1] - a[0], b[1] - b[0]) or 1.0
    return inter / smaller


def split_words(row: list[Char], word_gap_em: float) -> list[Word]:
    words: list[Word] = []
    buf: list[Char] = []
    last = len(row) - 1
    for i, c in enumerate(row):
        if c.text == " ":
            # A space that a glyph prints over is no gap: "VILLKORS -" set with a negative kern
            # (brf_49369 p16), a stray space inside the "i" of "Stadsrevisionen" (goteborg
            # 2023 p33, 2024 p36). pdfium drops such spaces, so both backends ignore them.
            # (The boxes of skewed italics overlap real spaces, hence "inside" or off-baseline.)
            middle = (c.x0 + c.x1) / 2
            if buf:
                before = buf[-1]
                if c.x0 < c.x1 <= before.x1 or (
                    before.x1 > c.x0 and abs(c.bottom - before.bottom) > 0.12 * before.size
                ):
                    continue
            if i < last:
                after = row[i + 1]
                if after.text != " " and after.x0 < middle:
                    continue
            if buf:
                words.append(_make_word(buf))
                buf = []
            continue
        if buf:
            prev = buf[-1]
            gap = c.x0 - prev.x1
            # max() and its call cost more than the comparison on this per-glyph path
            size = (prev.size if prev.size >= c.size else c.size) or 8.0
            if gap > word_gap_em * size or gap < -0.5 * size:
                words.append(_make_word(buf))
                buf = []
        buf.append(c)
    if buf:
        words.append(_make_word(buf))
    return words


def _make_word(chars: list[Char]) -> Word:
    first = chars[0]
    if len(chars) == 1:
        return Word(
            first.text,
            first.x0,
            first.top,
            first.x1,
            first.bottom,
            first.fontname,
            first.size,
            first.bold,
            first.color,
            first.confidence,
        )
    # One pass instead of one per attribute: this runs for every word of every page.
    x0, top, x1, bottom = first.x0, first.top, first.x1, first.bottom
    sizes: dict[float, int] = {}
    bold = 0
    for c in chars:
        if c.x0 < x0:
            x0 = c.x0
        if c.top < top:
            top = c.top
        if c.x1 > x1:
            x1 = c.x1
        if c.bottom > bottom:
            bottom = c.bottom
        sizes[c.size] = sizes.get(c.size, 0) + 1
        bold += c.bold
    # The font of the majority of glyphs names the word (a bold digit in a plain word is noise).
    size = max(sizes, key=sizes.__getitem__)
    conf = None
    if first.confidence is not None:
        conf = min(c.confidence for c in chars if c.confidence is not None)
    return Word(
        text="".join([c.text for c in chars]),
        x0=x0,
        top=top,
        x1=x1,
        bottom=bottom,
        fontname=first.fontname,
        size=size,
        bold=bold * 2 > len(chars),
        color=first.color,
        confidence=conf,
    )


def split_segments(words: list[Word], page: int, segment_gap_em: float) -> list[Line]:
    """Split one visual line where a wide gap separates its words (columns, table cells)."""
    segments: list[Line] = []
    current: list[Word] = []
    for w in words:
        if current:
            gap = w.x0 - current[-1].x1
            if gap > segment_gap_em * max(w.size, current[-1].size, 6.0):
                segments.append(_make_line(current, page))
                current = []
        current.append(w)
    if current:
        segments.append(_make_line(current, page))
    return segments


def _make_line(words: list[Word], page: int) -> Line:
    return Line(
        words=words,
        x0=min(w.x0 for w in words),
        top=min(w.top for w in words),
        x1=max(w.x1 for w in words),
        bottom=max(w.bottom for w in words),
        page=page,
    )


def order_reading(segments: list[Line], page_width: float, min_gutter: float) -> list[Line]:
    """Reading order by recursive XY-cut; a vertical cut needs prose on both sides.

    Tables also have gutters between their columns; cutting there would read a table column
    by column, so a vertical cut is accepted only when both sides hold wide (prose) lines.
    """
    out: list[Line] = []
    _xy_cut(segments, page_width, min_gutter, out, column=0)
    return out


def _xy_cut(
    segs: list[Line], page_width: float, min_gutter: float, out: list[Line], column: int
) -> None:
    if not segs:
        return
    bands = _horizontal_bands(segs)
    if len(bands) > 1:
        for band in bands:
            _xy_cut(band, page_width, min_gutter, out, column)
        return
    split = _vertical_split(segs, page_width, min_gutter)
    if split is not None:
        left, right = split
        _xy_cut(left, page_width, min_gutter, out, column)
        _xy_cut(right, page_width, min_gutter, out, column + 1)
        return
    for s in sorted(segs, key=lambda s: (round(s.top, 0), s.x0)):
        s.column = column
        out.append(s)


def _horizontal_bands(segs: list[Line]) -> list[list[Line]]:
    """Split at vertical positions no segment crosses, where a full-width line separates blocks."""
    ordered = sorted(segs, key=lambda s: s.top)
    bands: list[list[Line]] = []
    current: list[Line] = []
    bottom = None
    for s in ordered:
        if current and bottom is not None and s.top > bottom + 0.5:
            # Only cut if a wide segment starts the next band or ends the previous one;
            # otherwise two columns whose lines interleave would be cut into slivers.
            if _is_wide(current[-1], segs) or _is_wide(s, segs):
                bands.append(current)
                current = []
        current.append(s)
        bottom = s.bottom if bottom is None else max(bottom, s.bottom)
    if current:
        bands.append(current)
    return bands


def _is_wide(seg: Line, segs: list[Line]) -> bool:
    x0 = min(s.x0 for s in segs)
    x1 = max(s.x1 for s in segs)
    return (seg.x1 - seg.x0) > 0.6 * (x1 - x0)


def _vertical_split(
    segs: list[Line], page_width: float, min_gutter: float
) -> tuple[list[Line], list[Line]] | None:
    if len(segs) < 6:
        return None
    spans = sorted((s.x0, s.x1) for s in segs)
    best = None
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= min_gutter:
            gap = x0 - reach
            if best is None or gap > best[1] - best[0]:
                best = (reach, x0)
        reach = max(reach, x1)
    if best is None:
        return None
    cut = (best[0] + best[1]) / 2
    left = [s for s in segs if s.x1 <= cut]
    right = [s for s in segs if s.x0 >= cut]
    if len(left) < 3 or len(right) < 3:
        return None

    def prose(side: list[Line]) -> bool:
        wide = [s for s in side if (s.x1 - s.x0) >= 0.25 * page_width and len(s.words) >= 4]
        return len(wide) * 2 >= len(side)

    if not (prose(left) and prose(right)):
        return None
    return left, right
