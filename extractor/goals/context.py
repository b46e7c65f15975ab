"""Where a goal sits: the unit from the enclosing headings, and the prose around the tables.

Prose is rebuilt here from the page lines (tables and headings left out) rather than taken
from the section tree, so a goal table's cells can never leak into a summary sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractor.goals.tables import join_lines
from extractor.layout.model import Line
from extractor.state import DocumentState

#: Headings that name a kind of content rather than an organisational unit.
GENERIC_HEADING = regex.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:mål\b|målen\b|mål\s+och\s+uppdrag|mål/uppdrag|måluppfyllelse|"
    r"mätetal|uppdrag\b|verksamhetsmål|nämndmål|förvaltningsmål|aktiviteter|aktivitet\b|"
    r"fokusområden|regionala\s+mål|verksamhet\s+och\s+uppdrag|analys|uppföljning|sammanfattande|"
    r"sammanfattning|teckenförklaring|bilaga|bedömning|kommentar|status|färdiggrad|indikatorer|"
    r"finansiella\s+mål|övergripande\s+mål|strategiska\s+mål|målföljning)",
    regex.IGNORECASE,
)
_UNIT_PREFIX = regex.compile(r"^(?:enheten\s+för|enhet)\s+", regex.IGNORECASE)
_NUMBERED_HEADING = regex.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,4})\.?\s+\p{Lu}")
_NUMBER_PREFIX = regex.compile(r"^\d+(?:\.\d+)*\.?\s+")

Region = tuple[int, float, float, float, float]  # page, top, bottom, x0, x1


def unit_name(title: str) -> str:
    """The unit a heading or band row names: numbering and "Enhet" dropped."""
    title = _NUMBER_PREFIX.sub("", title.strip())
    title = _UNIT_PREFIX.sub("", title)
    return title[:1].upper() + title[1:] if title else title


def in_regions(page: int, top: float, bottom: float, regions: list[Region]) -> bool:
    mid = (top + bottom) / 2
    return any(p == page and t - 1 <= mid <= b + 1 for p, t, b, _, _ in regions)


@dataclass(slots=True)
class HeadingRef:
    index: int  # position in state.heading_lines
    page: int
    top: float
    level: int
    title: str
    #: Where the heading's section ends: the next heading of the same or a higher level.
    end: tuple[int, float] = (10**9, 0.0)


def headings_outside(
    state: DocumentState,
    regions: list[Region],
    table_tops: list[tuple[int, float, float]] | None = None,
) -> list[HeadingRef]:
    """Headings in document order, leaving out table cells the section stage took for headings.

    `table_tops` (page, top and text size of each goal table's header) adds a bold line
    right above a table as a heading when the section stage did not take it for one (it may
    count it as the table's caption): "Enhet Regional utveckling" names the table's unit.
    """
    out = []
    for i, (line, level, number, title) in enumerate(state.heading_lines):
        if in_regions(line.page, line.top, line.bottom, regions):
            continue
        full = f"{number} {title}" if number else title
        out.append(HeadingRef(i, line.page, line.top, level, full))
    # A bold numbered line the section stage passed over ("5.2.2 Ekologiska dimensionen"
    # right above a table) still closes the unit before it.
    known = {id(h[0]) for h in state.heading_lines}
    extra = len(state.heading_lines)
    for page in state.pages:
        for line in page.lines:
            if (
                id(line) in known
                or not line.bold
                or in_regions(page.number, line.top, line.bottom, regions)
            ):
                continue
            match = _NUMBERED_HEADING.match(line.text)
            if match and len(line.words) <= 12 and not line.text.rstrip().endswith("."):
                level = match.group(1).count(".") + 1
                out.append(HeadingRef(extra, page.number, line.top, level, line.text))
                extra += 1
    out.sort(key=lambda h: (h.page, h.top))
    taken = {(h.page, round(h.top)) for h in out}
    by_number = {p.number: p for p in state.pages}
    for page_number, top, size in table_tops or []:
        if page_number not in by_number:
            continue
        above = [
            line
            for line in by_number[page_number].lines
            if line.bottom <= top + 0.5 and top - line.bottom < 3 * size and line.bold
        ]
        if not above:
            continue
        line = max(above, key=lambda x: x.bottom)
        text = line.text.strip()
        if (
            (page_number, round(line.top)) in taken
            or len(line.words) > 10
            or text.endswith((".", ":"))
            or line.size < size
            or in_regions(page_number, line.top, line.bottom, regions)
        ):
            continue
        parent = [h for h in out if (h.page, h.top) < (page_number, line.top)]
        level = (parent[-1].level + 1) if parent else 1
        out.append(HeadingRef(extra, page_number, line.top, level, text))
        extra += 1
    out.sort(key=lambda h: (h.page, h.top))
    _set_ends(out)
    return out


def _set_ends(headings: list[HeadingRef]) -> None:
    """Set every heading's section end in one pass (a stack of open sections)."""
    open_: list[HeadingRef] = []
    for h in headings:
        while open_ and open_[-1].level >= h.level:
            open_.pop().end = (h.page, h.top)
        open_.append(h)
    for h in open_:
        h.end = (10**9, 0.0)


def enclosing_unit(
    headings: list[HeadingRef], page: int, top: float
) -> tuple[str | None, HeadingRef | None]:
    """The unit a position belongs to: the nearest preceding non-generic heading.

    Generic headings ("Mål och uppdrag 2025", "Analys måluppfyllelse") are passed over, and
    so is everything at their level or deeper, so the unit is the generic heading's parent.
    """
    before = [h for h in headings if (h.page, h.top) < (page, top)]
    limit = None
    for h in reversed(before):
        if limit is not None and h.level >= limit:
            continue
        if GENERIC_HEADING.match(h.title):
            limit = h.level if limit is None else min(limit, h.level)
            continue
        return unit_name(h.title), h
    return None, None


def scope_end(headings: list[HeadingRef], start: HeadingRef) -> tuple[int, float]:
    """Where a heading's section ends: the next heading of the same or a higher level."""
    return start.end


@dataclass(slots=True)
class ProseBlock:
    """A paragraph of running text outside the goal tables."""

    text: str
    page: int
    top: float
    bottom: float
    lines: list[Line]


def prose_blocks(state: DocumentState, regions: list[Region]) -> list[ProseBlock]:
    """Paragraphs of the document outside goal tables and headings, in reading order."""
    heading_ids = {id(h[0]) for h in state.heading_lines}
    blocks: list[ProseBlock] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            text = join_lines([line.text.replace("\u00ad", "") for line in current])
            blocks.append(
                ProseBlock(text, current[0].page, current[0].top, current[-1].bottom, list(current))
            )
            current.clear()

    for page in state.pages:
        for line in sorted(page.lines, key=lambda x: (x.column, x.top, x.x0)):
            if id(line) in heading_ids or in_regions(page.number, line.top, line.bottom, regions):
                flush()
                continue
            if current:
                last = current[-1]
                gap = line.top - last.bottom
                starts_item = regex.match(r"^(?:\d{1,2}[.)]|[•–-])\s", line.text) is not None
                if (
                    line.page != last.page
                    or gap > 0.6 * max(line.size, 1.0)
                    or gap < -2
                    or starts_item
                    or abs(line.x0 - last.x0) > 40
                ):
                    flush()
            current.append(line)
        flush()
    return blocks
