"""Headings, paragraphs and the section tree.

Chain: `split_style_changes → find_toc_pages → find_body_style → find_headings
(find_cover_pages, group_rows, text_columns, is_heading_candidate, in_table, in_grid,
join_wrapped) → assign_levels → build_tree`.

A heading is a short line set apart by size or weight from the body text (or numbered
"2.1.3 Styrdokument" in a heading style). It is not one of several cells on a row, nor a label
inside a grid of aligned segments (a table, a signing page), nor an entry of a table of
contents, nor the title of a cover. A number or "Not 1" in its own cell joins the title
beside it; a title wrapped over lines is joined. Text of the other column on the same row
(two-column pages) does not count as a row mate. Scored by `benchmarks/eval_sections.py`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from extractor.layout.model import Line, PageLayout
from extractor.model import Paragraph, Section
from extractor.model.base import round_bbox
from extractor.stages.dehyphenate import join_lines
from extractor.stages.metadata import fuzzy
from extractor.state import DocumentState

NUMBERED = regex.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(?P<title>\p{Lu}.*)$")
#: "Not 1", "NOT 12," - a note number printed in its own cell before the note's title.
NOTE_LABEL = regex.compile(r"^not\s+\d{1,3}[,.:]?$", regex.IGNORECASE)
NOTE_TITLE = regex.compile(r"^not\s+\d{1,3}\b", regex.IGNORECASE)
SECTION_NUMBER = regex.compile(r"^\d{1,2}(?:\.\d{1,2}){0,4}\.?$")
DOT_LEADER = regex.compile(r"(?:\.\s*){4,}|…{2,}|_{4,}")
TRAILING_PAGE_NO = regex.compile(r"\s\d{1,3}$")
PAGE_NO = regex.compile(r"^\d{1,3}$")
TOC_TITLE = regex.compile(
    r"^(innehåll|innehållsförteckning|innehåll och sidhänvisningar)\b", regex.IGNORECASE
)
# An amount on the same row (not a year, date or "Not 3") marks a table row, not a heading.
AMOUNT = regex.compile(
    r"(?<![\d-])[-−–]?\d{1,3}(?:[ \u00a0]\d{3})+(?![\d-])|(?<![\d-])[-−–]?\d{4,}(?![\d-])|\d+,\d+|^[-−–]?\d+$"
)
# A cell that holds only a number or amount ("2 698 234", "-39 772", "0", "12,5 %").
NUMERIC_CELL = regex.compile(r"^[-−–+]?\(?[\d][\d \u00a0.,]*\)?\s*%?$")
YEARISH = regex.compile(
    r"^(?:(?:19|20)\d\d(?:-\d\d-\d\d)?(?:\s*[-–]\s*(?:19|20)\d\d(?:-\d\d-\d\d)?)?|not|tkr|kr|sek)$",
    regex.IGNORECASE,
)
# Control characters some fonts put in titles ("Förord av ordförande\x08", soft hyphens \x02).
CONTROL = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Words a wrapped title's first line can end with but a whole title cannot.
_OPEN_ENDINGS = frozenset(
    "och eller samt av i för till med om på mot inom vid från under efter över som att en ett den det de – - , &".split()
)
MAX_HEADING_WORDS = 16
MAX_HEADING_CHARS = 120
#: A wrapped title continues within this share of its font size below the line before.
WRAP_GAP = 0.9


@dataclass(slots=True)
class Heading:
    line: Line
    title: str
    number: str | None
    style: tuple[float, bool]
    level: int = 1
    page: int = 0
    #: Left edge of the title's text; a wrapped line aligns with it, not with the number.
    text_x0: float = 0.0


@dataclass(slots=True)
class Row:
    """Segments of one page that share a visual row (a table row gives one segment per cell)."""

    top: float
    bottom: float
    segments: list[Line]


def find_body_style(pages: list[PageLayout]) -> tuple[float, bool]:
    """The most common (size, bold) over all text, weighted by characters."""
    counts: Counter[tuple[float, bool]] = Counter()
    for page in pages:
        for line in page.lines:
            for w in line.words:
                counts[(round(w.size, 1), w.bold)] += len(w.text)
    if not counts:
        return (10.0, False)
    return counts.most_common(1)[0][0]


def _style(word) -> tuple[float, bool, str]:  # type: ignore[no-untyped-def]
    return (round(word.size, 1), word.bold, word.fontname)


def split_style_changes(page: PageLayout, keep: set[int] | frozenset[int] = frozenset()) -> None:
    """Split a segment at a column gutter the layout did not see.

    Two columns whose baselines almost agree are read as one segment when the gutter is just
    under the segment gap (goteborg-stadsrevisionen 2024 p. 6: "... alla relevanta" + "Mer om
    granskningen"; p. 30: "Förtroendevalda revisorer" + "Revisorernas granskning"). A gap of
    about an em is cut where the font changes, or where the right part starts at the left
    edge of other lines (a column start) and the gap is far wider than the word spaces.
    """
    starts: Counter[int] = Counter(round(ln.x0) for ln in page.lines)
    out: list[Line] = []
    changed = False
    for line in page.lines:
        words = line.words
        if len(words) < 2 or id(line) in keep:
            out.append(line)  # lines claimed by a table stay whole: the table knows them by id
            continue
        gaps = [b.x0 - a.x1 for a, b in zip(words, words[1:], strict=False)]
        usual = sorted(gaps)[len(gaps) // 2]
        cut = [0]
        for i, gap in enumerate(gaps, start=1):
            a, b = words[i - 1], words[i]
            if gap <= 0.9 * max(a.size, b.size, 4.0):
                continue
            column_start = (
                starts[round(b.x0)] + starts[round(b.x0) - 1] + starts[round(b.x0) + 1] >= 3
            )
            if _style(a) != _style(b) or column_start and gap > 3 * max(usual, 1.0):
                cut.append(i)
        if len(cut) == 1:
            out.append(line)
            continue
        changed = True
        cut.append(len(words))
        for s, e in zip(cut, cut[1:], strict=False):
            part = words[s:e]
            out.append(
                Line(
                    part,
                    min(w.x0 for w in part),
                    min(w.top for w in part),
                    max(w.x1 for w in part),
                    max(w.bottom for w in part),
                    line.page,
                    line.column,
                )
            )
    if changed:
        page.lines = out


def group_rows(lines: list[Line]) -> tuple[list[Row], dict[int, int]]:
    """Rows of segments whose vertical middles fall inside each other's extents."""
    rows: list[Row] = []
    index: dict[int, int] = {}
    for line in sorted(lines, key=lambda seg: (seg.top + seg.bottom) / 2):
        mid = (line.top + line.bottom) / 2
        if rows and rows[-1].top - 1 <= mid <= rows[-1].bottom + 1:
            row = rows[-1]
            row.segments.append(line)
            row.top = min(row.top, line.top)
            row.bottom = max(row.bottom, line.bottom)
        else:
            rows.append(Row(line.top, line.bottom, [line]))
        index[id(line)] = len(rows) - 1
    for row in rows:
        row.segments.sort(key=lambda seg: seg.x0)
    return rows, index


def _toc_entry_number(row: Row) -> int | None:
    """The page number of a contents entry: a title, then a page number at the right."""
    segs = row.segments
    last = segs[-1].text.strip()
    if DOT_LEADER.search(row.segments[0].text):
        tail = TRAILING_PAGE_NO.search(last)
        return int(last[tail.start() :]) if tail else 0
    if len(segs) >= 2:
        if not PAGE_NO.match(last) or any(AMOUNT.search(seg.text) for seg in segs[:-1]):
            return None
        return int(last) if any(ch.isalpha() for ch in segs[0].text) else None
    tail = TRAILING_PAGE_NO.search(last)
    if tail and len(last) > 12 and sum(ch.isalpha() for ch in last) > 8:
        return int(last[tail.start() :])
    return None


def find_toc_pages(pages: list[PageLayout]) -> set[int]:
    """Pages of contents: a contents title and entries, or many entries in page order."""
    toc: set[int] = set()
    for page in pages:
        if not page.lines:
            continue
        titled = any(TOC_TITLE.match(line.text.strip()) for line in page.lines[:8])
        texts = [line.text for line in page.lines]
        ends_in_number = sum(1 for t in texts if t[-1:].isdigit())
        if not titled and ends_in_number < 6:
            continue  # cheap test first: contents entries end in page numbers
        rows, _ = group_rows(page.lines)
        numbers = [n for n in (_toc_entry_number(row) for row in rows) if n is not None]
        rising = sum(1 for a, b in zip(numbers, numbers[1:], strict=False) if b >= a)
        leaders = sum(1 for t in texts if DOT_LEADER.search(t))
        in_order = len(numbers) >= 6 and rising >= 0.8 * (len(numbers) - 1)
        if leaders >= 4 or (titled and len(numbers) >= 3) or in_order:
            toc.add(page.number)
    return toc


def find_cover_pages(pages: list[PageLayout], toc_pages: set[int]) -> set[int]:
    """Front and back covers, whose big type is a title page, not a heading.

    Page 1 when sparse; a sparse page right before a contents page (the cover of a second
    part, goteborg-stadsrevisionen 2024 p. 34); a nearly empty page that ends the document
    or comes right before such a cover (the back cover's address block, p. 33 and p. 44).
    """
    words = {p.number: sum(len(line.words) for line in p.lines) for p in pages}
    covers = {
        n
        for n, count in words.items()
        if n == 1 and count < 80 or count < 20 and n + 1 in toc_pages
    }
    last = max(words, default=0)
    for n, count in words.items():
        if count < 30 and (n == last or n + 1 in covers):
            covers.add(n)
    return covers


# A word broken after an "f" where the font has fi/fl ligatures: "f inns", "identif ieras",
# "traf iknämnd" (goteborg-stadsrevisionen 2022/2024).
LIGATURE_SPLIT = regex.compile(r"\b(?!(?i:brf)\b)(\p{L}*f) ([il]\p{Ll}+)")


def _clean(text: str) -> str:
    text = " ".join(CONTROL.sub("", text).split())
    return LIGATURE_SPLIT.sub(r"\1\2", text) if "f " in text else text


def is_heading_candidate(line: Line, body: tuple[float, bool]) -> tuple[float, bool] | None:
    """The line's (size, bold) when it looks like a heading on its own, else None."""
    words = line.words
    if not words or len(words) > MAX_HEADING_WORDS:
        return None
    body_size, _ = body
    size = round(line.size, 1)
    all_bold = all(w.bold for w in words)
    bigger = size >= body_size * 1.12 + 0.3
    # Most lines are body text: decided by their style before any string work (issue 2 asks
    # for < 5 ms a page).
    if not (bigger or all_bold or size >= body_size + 0.5):
        return None
    text = _clean(line.text)
    if not text or len(text) > MAX_HEADING_CHARS:
        return None
    first = text[0]
    if not (first.isupper() or first.isdigit()):
        return None
    letters = sum(ch.isalpha() for ch in text)
    if letters < 3 or letters < 0.5 * len(text.replace(" ", "")):
        return None
    if DOT_LEADER.search(text) or text.endswith((",", ";", ":")) and not NUMBERED.match(text):
        return None
    # brf_52476: "ALLMÄNT OM VERKSAMHETEN" in capitals, a little larger than the body, not bold.
    caps = letters >= 4 and text.upper() == text and size >= body_size + 0.5
    # A bold title may be set smaller than the body in another family (goteborg-stadsrevisionen
    # 2022 p. 28: Gotham Bold Italic 10 pt over ACaslon 11.5 pt body).
    if not (bigger or caps or (all_bold and size >= min(body_size - 0.6, 0.86 * body_size))):
        return None
    if not all_bold and not caps and size < body_size * 1.25:
        return None  # a lead-in or caption a little larger than the body, in regular weight
    if first.isdigit() and not NUMBERED.match(text) and not SECTION_NUMBER.match(text):
        return None  # "1 juli - 30 juni": a column header
    if (
        text.endswith(".")
        and not NUMBERED.match(text)
        and len(line.words) > 3
        and not text.endswith("m.m.")
    ):
        return None  # a bold sentence, not a title
    if not bigger and len(line.words) > 10:
        return None
    return (size, all_bold)


def _row_cells(row: Row, line: Line) -> list[Line]:
    """The other segments of the line's row, less column headers like years and "Not"."""
    return [seg for seg in row.segments if seg is not line and not YEARISH.match(seg.text.strip())]


def _is_table_row(row: Row) -> bool:
    return len(row.segments) >= 2 and any(
        NUMERIC_CELL.match(seg.text.strip()) and not YEARISH.match(seg.text.strip())
        for seg in row.segments[1:]
    )


def text_columns(page: PageLayout) -> set[int]:
    """Left edges (rounded) where lines of prose start: the columns of running text.

    On a two-column page the rows of both columns share baselines, so a heading in one column
    has the other column's text on its row (goteborg-stadsrevisionen 2022 p. 11: "Bedömning"
    beside "Styrningen av konsultanvändningen"); a table's columns hold short cells instead.
    """
    counts: dict[int, list[int]] = {}
    for ln in page.lines:
        counts.setdefault(round(ln.x0), []).append(len(ln.words))
    out: set[int] = set()
    for x, sizes in counts.items():
        near = sizes + counts.get(x - 1, []) + counts.get(x + 1, [])
        if len(near) >= 4 and sorted(near)[len(near) // 2] >= 5:
            out.add(x)
    return out


def _is_header_row(row: Row) -> bool:
    """Column headers: several segments, the cells after the first all years, dates or "Not"."""
    return len(row.segments) >= 2 and all(
        YEARISH.match(seg.text.strip()) for seg in row.segments[1:]
    )


def _is_prose_row(row: Row) -> bool:
    return len(row.segments) == 1 and len(row.segments[0].words) > 6


def in_table(line: Line, rows: list[Row], at: int) -> bool:
    """A label inside a grid of aligned segments: rows above and below belong to a table.

    A heading stands apart; a bold row label ("Rörelseintäkter", "Totalt 1 objekt",
    "Fritt eget kapital") sits between table rows, or directly under or over a row of cells
    (brf_52476 p. 2, 5 and 7). Only body-size candidates are tested: a larger title above a
    table is a heading.
    """
    height = max(line.bottom - line.top, 1.0)
    row = rows[at]
    own_header = len(row.segments) >= 2
    below = rows[at + 1] if at + 1 < len(rows) else None
    if below is not None and not own_header and not NOTE_TITLE.match(line.text.strip()):
        gap = below.top - line.bottom
        # The first line of a multi-line column header: rows follow closely down to a row of
        # three or more cells ("Disposition av" / "föregående års" / "resultat enligt", brf_52476 p. 5).
        k, bottom = at + 1, line.bottom
        while k < len(rows) and k <= at + 3 and rows[k].top - bottom < 0.6 * height:
            if len(rows[k].segments) >= 3:
                return True
            bottom = rows[k].bottom
            k += 1
        if (
            gap < 1.5 * height
            and len(below.segments) >= 2
            and not any(len(seg.words) > 6 or abs(seg.x0 - line.x0) < 3 for seg in below.segments)
        ):
            # A caption right above a table whose columns it does not head (goteborg-
            # intraservice 2026 p. 4); a title over a table's first column is a heading
            # (brf_79568 p. 4 "Styrelsens sammansättning").
            return True
    for k in (1, 2):
        above = rows[at - k] if at >= k else None
        if above is None or line.top - above.bottom > (1.6 + 1.5 * (k - 1)) * height:
            break
        if len(above.segments) >= 3 and any(abs(seg.x0 - line.x0) < 3 for seg in above.segments):
            return True  # a total or label row under a table's cells ("Totalt 2 objekt")
        if len(above.segments) == 1 and not _is_prose_row(above):
            continue
        break
    above_table = above_header = below_table = False
    top = line.top
    for k in range(at - 1, max(at - 4, -1), -1):
        other = rows[k]
        if _is_prose_row(other) or top - other.bottom > 3 * height:
            break
        if _is_table_row(other):
            above_table = True
            break
        if _is_header_row(other):
            above_header = True
        top = other.top
    bottom = line.bottom
    for k in range(at + 1, min(at + 4, len(rows))):
        other = rows[k]
        if _is_prose_row(other) or other.top - bottom > 3 * height:
            break
        if _is_table_row(other):
            below_table = True
            break
        bottom = other.bottom
    if NOTE_TITLE.match(line.text.strip()):
        return False
    return below_table and (above_table or above_header and not own_header)


def find_headings(state: DocumentState, body: tuple[float, bool]) -> list[Heading]:
    headings: list[Heading] = []
    body_size = body[0]
    covers = find_cover_pages(state.pages, state.toc_pages)
    for page in state.pages:
        if page.number in covers or not page.lines:
            continue
        toc = page.number in state.toc_pages
        rows, row_of = group_rows(page.lines)
        toc_title_top = float("inf")
        if toc:
            titles = [ln.top for ln in page.lines if TOC_TITLE.match(ln.text.strip())]
            toc_title_top = min(titles) if titles else -1.0
        found: list[Heading] = []
        merged_into: set[int] = set()
        prose_x = text_columns(page)
        grid: Counter[tuple[int, float, bool]] | None = None
        for line in page.lines:
            if id(line) in state.table_lines or id(line) in merged_into:
                continue
            if toc and line.top > toc_title_top + 1:
                continue  # entries of a table of contents are not headings
            at = row_of[id(line)]
            row = rows[at]
            cells = _row_cells(row, line)
            style = is_heading_candidate(line, body)
            text = _clean(line.text)
            number = None
            if cells:
                # "Not 1" | "Nettoomsättning", "1.3.1" | "Uppföljning": one heading split by a gap.
                nxt = cells[0] if cells[0].x0 > line.x0 else None
                label = NOTE_LABEL.match(text) or SECTION_NUMBER.match(text)
                if (
                    nxt is not None
                    and label
                    and len(cells) <= 1 + sum(1 for c in cells[1:] if YEARISH.match(c.text.strip()))
                ):
                    nxt_style = is_heading_candidate(nxt, body)
                    if nxt_style is not None and line.bold == nxt.bold:
                        merged_into.add(id(nxt))
                        if SECTION_NUMBER.match(text):
                            number = text.rstrip(".")
                            title = _clean(nxt.text)
                        else:
                            title = f"{text} {_clean(nxt.text)}"
                        words = line.words + nxt.words
                        joined = Line(
                            words,
                            line.x0,
                            min(line.top, nxt.top),
                            nxt.x1,
                            max(line.bottom, nxt.bottom),
                            page.number,
                        )
                        found.append(
                            Heading(
                                joined, title, number, nxt_style, page=page.number, text_x0=nxt.x0
                            )
                        )
                        continue
                if style is None:
                    continue
                if _starts_column(line, prose_x):
                    cells = [c for c in cells if not _starts_column(c, prose_x)]
                if any(c.bold or AMOUNT.search(c.text) for c in cells):
                    continue  # one of several bold cells, or a label beside amounts
                # Prose beside it is the other column of a two-column page (goteborg-
                # stadsrevisionen 2024 p. 6), a short plain cell makes it a table label.
                if any(len(c.words) <= 3 and not _column_apart(line, c, body_size) for c in cells):
                    continue
            if style is None:
                continue
            strong = style[0] >= body_size * 1.12 + 0.3
            if not strong and in_table(line, rows, at):
                continue
            if not cells and not _starts_column(line, prose_x):
                if grid is None:
                    grid = grid_cells(rows)
                if in_grid(line, grid, style):
                    continue
            m = NUMBERED.match(text)
            number = m.group("num") if m else None
            title = m.group("title").strip() if m else text
            text_x0 = line.words[1].x0 if m and len(line.words) > 1 else line.x0
            found.append(Heading(line, title, number, style, page=page.number, text_x0=text_x0))
        headings.extend(join_wrapped(found, page, body))
    return headings


def _starts_column(line: Line, prose_x: set[int]) -> bool:
    x = round(line.x0)
    return x in prose_x or x - 1 in prose_x or x + 1 in prose_x


def grid_cells(rows: list[Row]) -> Counter[tuple[int, float, bool]]:
    """For each (left edge, size, bold): in how many rows it starts one of several like text cells.

    Signing pages set names and roles in a grid ("MARTIN LUNDBJÖRK | CHRISTOFFER BRASK",
    "Ordförande | Ledamot"); a name alone on its row ("SUSANNE ANDERSSON", brf_52476 p. 17)
    belongs to the same grid.
    """
    counts: Counter[tuple[int, float, bool]] = Counter()
    for row in rows:
        if len(row.segments) < 2:
            continue
        keys = Counter(
            (round(seg.size, 1), all(w.bold for w in seg.words))
            for seg in row.segments
            if not NUMERIC_CELL.match(seg.text.strip())
        )
        for seg in row.segments:
            style = (round(seg.size, 1), all(w.bold for w in seg.words))
            if keys[style] >= 2 and not NUMERIC_CELL.match(seg.text.strip()):
                counts[(round(seg.x0), *style)] += 1
    return counts


def in_grid(line: Line, grid: Counter[tuple[int, float, bool]], style: tuple[float, bool]) -> bool:
    """Two rows of like cells starting where the line starts make a grid it belongs to.

    One such row may be the header of a table right under a heading, so it takes two.
    """
    x = round(line.x0)
    return grid[(x, *style)] + grid[(x - 1, *style)] + grid[(x + 1, *style)] >= 2


def _column_apart(line: Line, other: Line, body_size: float) -> bool:
    """Whether another segment on the row is far enough to be a separate column of text."""
    gap = other.x0 - line.x1 if other.x0 >= line.x1 else line.x0 - other.x1
    return gap > 1.5 * body_size and len(other.words) > 3


def join_wrapped(found: list[Heading], page: PageLayout, body: tuple[float, bool]) -> list[Heading]:
    """Join a title wrapped onto further lines: same style, directly below, same left edge.

    The continuation need not look like a heading itself ("Ärendeberedningen borde ha" +
    "utvecklats", goteborg-stadsrevisionen 2024 p. 6).
    """
    if not found:
        return found
    starts = {id(h.line.words[0]): h for h in found}
    absorbed: set[int] = set()
    for h in sorted(found, key=lambda h: h.line.top):
        if id(h) in absorbed:
            continue
        # A wrapped line starts under the title or, after a number, at a hanging indent
        # (goteborg-intraservice 2026 p. 4: "2  Väsentlig styrinformation till" + "kommunledningen").
        lo = min(h.line.x0, h.text_x0) - 3
        hi = max(h.line.x0, h.text_x0) + (1.5 * h.style[0] if h.number else 3)
        candidates = [ln for ln in page.lines if lo <= ln.x0 <= hi]
        right = _column_right(candidates, h.line.x0)
        while True:
            size = h.style[0]
            nxt = None
            for ln in candidates:
                gap = ln.top - h.line.bottom
                if -1 <= gap <= WRAP_GAP * size and ln is not h.line:
                    if nxt is None or ln.top < nxt.top:
                        nxt = ln
            if nxt is None or (round(nxt.size, 1), all(w.bold for w in nxt.words)) != h.style:
                break
            other = starts.get(id(nxt.words[0]))
            text = _clean(nxt.text)
            if other is not None and (other.number or other is h):
                break
            if not _continues(h, text, right):
                break
            if other is not None:
                absorbed.add(id(other))
            h.title = join_lines([h.title, text])
            h.line = Line(
                h.line.words + nxt.words,
                min(h.line.x0, nxt.x0),
                h.line.top,
                max(h.line.x1, nxt.x1),
                nxt.bottom,
                page.number,
                h.line.column,
            )
    return [h for h in found if id(h) not in absorbed]


def _column_right(lines: list[Line], x0: float) -> float:
    """The usual right edge of the text lines that start where a heading starts."""
    ends = sorted(ln.x1 for ln in lines if len(ln.words) > 4)
    if not ends:
        return max((ln.x1 for ln in lines), default=x0 + 400)
    return ends[len(ends) // 2]


def _continues(first: Heading, second: str, right_edge: float) -> bool:
    """Whether the line `second` carries on the title of `first` rather than being a title of its own."""
    if not second:
        return False
    if second[0].islower():
        return True
    last = first.title.rsplit(" ", 1)[-1].lower()
    if last in _OPEN_ENDINGS or first.title.endswith(("-", "–", ",")):
        return True
    if first.title.isupper() and second.isupper() and NOTE_TITLE.match(first.title):
        return True  # "NOT 9, RÄNTEKOSTNADER OCH LIKNANDE" + "RESULTATPOSTER" (brf_79568)
    width = first.line.x1 - first.line.x0
    room = right_edge - first.line.x0
    # A first line that runs (nearly) to the column's edge was wrapped by the layout.
    return room > 0 and width > 0.75 * room


# The parts of an annual report (ÅRL 2 kap. 1 §) and their closing parts: top-level titles
# however they are set (brf_52476 sets "Resultaträkning" in body-size bold).
PART_TITLE = regex.compile(
    fuzzy(
        r"^(?:förvaltningsberättelse|resultaträkning|balansräkning|kassaflödesanalys|noter|"
        r"tilläggsupplysningar|underskrifter|revisionsberättelse)(?:\s+\d{4})?$"
    ),
    regex.IGNORECASE,
)


def _size_classes(sizes: set[float]) -> dict[float, int]:
    """Rank of each size after merging sizes within 8 % of each other (27 and 28 pt are one)."""
    rank: dict[float, int] = {}
    current = -1
    previous = None
    for size in sorted(sizes, reverse=True):
        if previous is None or size < previous * 0.92:
            current += 1
            previous = size
        rank[size] = current
    return rank


def assign_levels(headings: list[Heading]) -> None:
    """Numbered headings take their depth; others the rank of their style, with three rules.

    Styles are ranked by size class (then bold first); a style used by numbered headings
    takes their most common depth, and unnumbered styles smaller than every numbered one sit
    at the deepest level (goteborg-intraservice 2026: Times Bold subheads under 2.2.2). When
    the largest title is a part of the annual report ("FÖRVALTNINGSBERÄTTELSE"), every part
    title is level 1 however it is set (brf_52476: body-size "Resultaträkning"), notes
    ("Not 3 ...") level 2 and the subheads inside a note level 3.
    """
    style_levels: dict[tuple[float, bool], Counter[int]] = {}
    for h in headings:
        if h.number:
            h.level = h.number.count(".") + 1
            style_levels.setdefault(h.style, Counter())[h.level] += 1
    unnumbered = [h for h in headings if not h.number]
    if not unnumbered:
        return
    top_size = max(h.style[0] for h in unnumbered)
    by_parts = any(PART_TITLE.match(h.title) and h.style[0] >= top_size * 0.92 for h in unnumbered)
    numbered_sizes = [s[0] for s in style_levels]
    deepest = min(max((lv for c in style_levels.values() for lv in c), default=2) + 1, 3)
    size_rank = _size_classes({h.style[0] for h in unnumbered})
    keys = sorted({(size_rank[h.style[0]], not h.style[1]) for h in unnumbered})
    rank = {k: i for i, k in enumerate(keys)}
    note_style: tuple[float, bool] | None = None
    for h in headings:
        if h.number:
            continue
        known = style_levels.get(h.style)
        if known:
            h.level = known.most_common(1)[0][0]
        elif numbered_sizes and h.style[0] < min(numbered_sizes):
            h.level = deepest
        else:
            h.level = min(rank[(size_rank[h.style[0]], not h.style[1])] + 1, 3)
        if not by_parts:
            continue
        if PART_TITLE.match(h.title):
            h.level, note_style = 1, None
        elif NOTE_TITLE.match(h.title):
            h.level, note_style = 2, h.style
        elif note_style is not None and h.style[0] <= note_style[0]:
            h.level = 3


def build_tree(state: DocumentState, headings: list[Heading]) -> list[Section]:
    heading_ids = {id(h.line.words[0]): h for h in headings}
    heading_words = {id(w) for h in headings for w in h.line.words}
    roots: list[Section] = []
    stack: list[Section] = []
    preamble: Section | None = None
    current: Section | None = None
    buffer: list[Line] = []

    def flush() -> None:
        target = current or preamble
        if target is not None and buffer:
            target.paragraphs.extend(make_paragraphs(buffer))
        buffer.clear()

    for page in state.pages:
        for line in page.lines:
            if (
                id(line) in state.table_lines
                or page.number in state.toc_pages
                and id(line.words[0]) not in heading_ids
            ):
                continue
            h = heading_ids.get(id(line.words[0]))
            if h is not None:
                flush()
                section = Section(
                    number=h.number,
                    title=h.title,
                    level=h.level,
                    page_start=h.page,
                    page_end=h.page,
                    bbox=round_bbox(*h.line.bbox),
                )
                while stack and stack[-1].level >= h.level:
                    stack.pop()
                (stack[-1].children if stack else roots).append(section)
                stack.append(section)
                current = section
                continue
            if id(line.words[0]) in heading_words:
                continue  # the second line of a wrapped title, or the title cell beside "Not 1"
            if current is None and preamble is None:
                preamble = Section(
                    number=None, title="", level=0, page_start=page.number, page_end=page.number
                )
            buffer.append(line)
            for s in stack:
                s.page_end = max(s.page_end, page.number)
            if current is None and preamble is not None:
                preamble.page_end = page.number
    flush()
    if preamble is not None and preamble.paragraphs:
        preamble.title = "(före första rubriken)"
        preamble.level = 1
        roots.insert(0, preamble)
    return roots


def make_paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Group consecutive lines into paragraphs at vertical gaps, column or page changes."""
    paragraphs: list[Paragraph] = []
    group: list[Line] = []

    def emit() -> None:
        if not group:
            return
        text = join_lines([line.text for line in group])
        if text:
            same_page = [line for line in group if line.page == group[0].page]
            bbox = (
                min(line.x0 for line in same_page),
                min(line.top for line in same_page),
                max(line.x1 for line in same_page),
                max(line.bottom for line in same_page),
            )
            paragraphs.append(Paragraph(text=text, page=group[0].page, bbox=round_bbox(*bbox)))
        group.clear()

    for line in lines:
        if group:
            prev = group[-1]
            height = max(prev.bottom - prev.top, 1.0)
            new_page = line.page != prev.page
            gap = line.top - prev.bottom
            continues = new_page and line.text[:1].islower()
            if not continues and (
                new_page or gap > 0.7 * height or gap < -height or line.column != prev.column
            ):
                emit()
        group.append(line)
    emit()
    return paragraphs


def find_sections(state: DocumentState) -> DocumentState:
    for page in state.pages:
        split_style_changes(page, state.table_lines)
    state.toc_pages = find_toc_pages(state.pages)
    body = find_body_style(state.pages)
    headings = find_headings(state, body)
    assign_levels(headings)
    state.heading_lines = [(h.line, h.level, h.number, h.title) for h in headings]
    state.document.sections = build_tree(state, headings)
    return state
