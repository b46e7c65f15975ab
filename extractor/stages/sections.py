"""Headings, paragraphs and the section tree.

Chain: `find_body_style → find_toc_pages → find_headings → assign_levels → build_tree`.
A heading is a short line set apart by size or weight from the body text (or numbered
"2.1.3 Styrdokument" in a heading style), alone on its row except for column headers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from extractor.layout.model import Line, PageLayout
from extractor.model import Paragraph, Section
from extractor.model.base import round_bbox
from extractor.stages.dehyphenate import join_lines
from extractor.state import DocumentState

NUMBERED = regex.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(?P<title>\p{Lu}.*)$")
DOT_LEADER = regex.compile(r"(?:\.\s*){4,}|…{2,}|_{4,}")
TRAILING_PAGE_NO = regex.compile(r"\s\d{1,3}$")
TOC_TITLE = regex.compile(r"^(innehåll|innehållsförteckning|innehåll och sidhänvisningar)\b", regex.IGNORECASE)
# An amount on the same row (not a year, date or "Not 3") marks a table row, not a heading.
AMOUNT = regex.compile(r"(?<![\d-])[-−–]?\d{1,3}(?:[ \u00a0]\d{3})+(?![\d-])|(?<![\d-])[-−–]?\d{4,}(?![\d-])|\d+,\d+")
YEARISH = regex.compile(r"^(?:19|20)\d\d(?:-\d\d-\d\d)?$")
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 110


@dataclass(slots=True)
class Heading:
    line: Line
    title: str
    number: str | None
    style: tuple[float, bool]
    level: int = 1
    page: int = 0


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


def find_toc_pages(pages: list[PageLayout]) -> set[int]:
    toc: set[int] = set()
    for page in pages:
        if not page.lines:
            continue
        titled = any(TOC_TITLE.match(line.text.strip()) for line in page.lines[:8])
        leaders = sum(1 for line in page.lines if DOT_LEADER.search(line.text))
        numbered_ends = sum(1 for line in page.lines if TRAILING_PAGE_NO.search(line.text))
        if leaders >= 4 or (titled and (leaders >= 2 or numbered_ends >= 4)):
            toc.add(page.number)
    return toc


def _is_cover(page: PageLayout) -> bool:
    return page.number == 1 and sum(len(line.words) for line in page.lines) < 80


def _row_has_amounts(line: Line, page: PageLayout) -> bool:
    for other in page.lines:
        if other is line:
            continue
        if other.bottom < line.top + 1 or other.top > line.bottom - 1:
            continue
        text = other.text.strip()
        if YEARISH.match(text) or text.lower().startswith("not"):
            continue
        if AMOUNT.search(text):
            return True
        if len(other.words) > 3:
            return True  # prose beside it: a run-in line of a two-column layout, not a heading
    return False


def is_heading_candidate(line: Line, page: PageLayout, body: tuple[float, bool]) -> tuple[float, bool] | None:
    text = line.text.strip()
    if not text or len(text) > MAX_HEADING_CHARS or len(line.words) > MAX_HEADING_WORDS:
        return None
    first = text[0]
    if not (first.isupper() or first.isdigit()):
        return None
    letters = sum(ch.isalpha() for ch in text)
    if letters < 3 or letters < 0.5 * len(text.replace(" ", "")):
        return None
    if DOT_LEADER.search(text) or text.endswith((",", ";", ":")) and not NUMBERED.match(text):
        return None
    body_size, _ = body
    size = round(line.size, 1)
    all_bold = all(w.bold for w in line.words)
    bigger = size >= body_size * 1.12 + 0.3
    if not (bigger or (all_bold and size >= body_size - 0.6)):
        return None
    if text.endswith(".") and not NUMBERED.match(text) and len(line.words) > 3:
        return None  # a bold sentence, not a title
    if _row_has_amounts(line, page):
        return None
    return (size, all_bold)


def find_headings(state: DocumentState, body: tuple[float, bool]) -> list[Heading]:
    headings: list[Heading] = []
    for page in state.pages:
        if page.number in state.toc_pages or _is_cover(page):
            continue
        prev: Heading | None = None
        for line in page.lines:
            if id(line) in state.table_lines:
                prev = None
                continue
            style = is_heading_candidate(line, page, body)
            if style is None:
                prev = None
                continue
            text = line.text.strip()
            # A title wrapped onto a second line: same style, directly below, same column.
            if (
                prev is not None
                and prev.style == style
                and 0 <= line.top - prev.line.bottom < 0.6 * style[0]
                and abs(line.x0 - prev.line.x0) < 2 * style[0]
                and not NUMBERED.match(text)
            ):
                prev.title = join_lines([prev.title, text])
                prev.line = Line(prev.line.words + line.words, min(prev.line.x0, line.x0), prev.line.top,
                                 max(prev.line.x1, line.x1), line.bottom, page.number)
                continue
            m = NUMBERED.match(text)
            number = m.group("num") if m else None
            title = m.group("title").strip() if m else text
            heading = Heading(line=line, title=title, number=number, style=style, page=page.number)
            headings.append(heading)
            prev = heading
    return headings


def assign_levels(headings: list[Heading]) -> None:
    """Numbered headings take their depth; others the level of their style's rank."""
    style_levels: dict[tuple[float, bool], Counter[int]] = {}
    for h in headings:
        if h.number:
            h.level = h.number.count(".") + 1
            style_levels.setdefault(h.style, Counter())[h.level] += 1
    styles = sorted({h.style for h in headings}, key=lambda s: (-s[0], not s[1]))
    rank = {s: min(i + 1, 3) for i, s in enumerate(styles)}
    for h in headings:
        if h.number:
            continue
        known = style_levels.get(h.style)
        h.level = known.most_common(1)[0][0] if known else rank[h.style]


def build_tree(state: DocumentState, headings: list[Heading]) -> list[Section]:
    heading_ids = {id(h.line.words[0]): h for h in headings}
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
            if id(line) in state.table_lines or page.number in state.toc_pages:
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
            if current is None and preamble is None:
                preamble = Section(number=None, title="", level=0, page_start=page.number, page_end=page.number)
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
    state.toc_pages = find_toc_pages(state.pages)
    body = find_body_style(state.pages)
    headings = find_headings(state, body)
    assign_levels(headings)
    state.heading_lines = [(h.line, h.level, h.number, h.title) for h in headings]
    state.document.sections = build_tree(state, headings)
    return state
