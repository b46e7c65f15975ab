"""Running headers, footers and page numbers: moved to the furniture layer, out of the text.

A line is furniture when it sits in the top or bottom band of the page and either matches a
page-number pattern or repeats (digits masked) at about the same place on many pages.
"""

from __future__ import annotations

from collections import defaultdict

import regex

from extractor.layout.model import Line
from extractor.model import FurnitureItem
from extractor.model.base import round_bbox
from extractor.state import DocumentState

# "Sida 15 (41)", "7 (15)", "SID 23 (36)", "Sida 3 av 12", "- 4 -", a lone number.
PAGE_NUMBER = regex.compile(
    r"^(?:(?:sida|sid|s\.|page)\s*)?[-–]?\s*\d{1,4}\s*(?:\(\s*\d{1,4}\s*\)|(?:av|/|of)\s*\d{1,4})?\s*[-–]?$",
    regex.IGNORECASE,
)
# Document names printed in footers: "2025 ÅRSBOKSLUT 2026-02-01.DOCX".
FILE_NAME = regex.compile(r"\.(?:docx?|xlsx?|pdf|pptx?)\b", regex.IGNORECASE)
_DIGITS = regex.compile(r"\d+")


def _signature(line: Line) -> str:
    return _DIGITS.sub("#", line.text.strip().lower())


def find_furniture(state: DocumentState) -> DocumentState:
    pages = [p for p in state.pages if p.lines]
    if not pages:
        return state
    band = state.settings.furniture.band
    min_share = state.settings.furniture.min_repeat_share
    # Count in how many pages a masked text occurs in the same band at about the same height.
    seen: dict[tuple[str, str, int], set[int]] = defaultdict(set)
    for page in pages:
        for line in page.lines:
            zone = _zone(line, page.height, band)
            if zone:
                seen[(zone, _signature(line), round(line.top / 6))].add(page.number)
    threshold = max(2, int(min_share * len(pages) + 0.999))
    repeating = {key for key, nums in seen.items() if len(nums) >= threshold}
    for page in pages:
        keep: list[Line] = []
        for line in page.lines:
            zone = _zone(line, page.height, band)
            kind = None
            if zone:
                text = line.text.strip()
                key = (zone, _signature(line), round(line.top / 6))
                near = {(zone, key[1], key[2] + d) for d in (-1, 0, 1)}
                if PAGE_NUMBER.match(text) or _ends_in_page_number(text):
                    kind = "page_number"
                elif near & repeating or FILE_NAME.search(text):
                    kind = zone
            if kind:
                state.document.furniture.append(
                    FurnitureItem(kind=kind, text=line.text, page=page.number, bbox=round_bbox(*line.bbox))
                )
            else:
                keep.append(line)
        page.lines = keep
    return state


_TRAILING_PAGE = regex.compile(r"(?:sida|sid)\s*\d{1,4}\s*(?:\(\s*\d{1,4}\s*\)|av\s*\d{1,4})$", regex.IGNORECASE)


def _ends_in_page_number(text: str) -> bool:
    return bool(_TRAILING_PAGE.search(text))


def _zone(line: Line, height: float, band: float) -> str | None:
    if height <= 0:
        return None
    if line.bottom <= height * band:
        return "header"
    if line.top >= height * (1 - band):
        return "footer"
    return None
