"""Running headers, footers and page numbers: moved to the furniture layer, out of the text.

A line is furniture when it sits in the top or bottom band of the page and either matches a
page-number pattern or repeats (digits masked) at about the same place on several pages. A
report made of parts (goteborg-stadsrevisionen: the designed report, then the revisors'
report with its own footer on its last 10 of 47 pages) repeats its footer on only a share of
the pages, so a few pages suffice (`MAX_REPEAT_PAGES`). E-signing stamps keep their first
word and place but change the rest ("Signerat EH, DG" / "Signerat EK, AH", brf_54015), so
the first word at a place counts too.
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
#: A text repeated at the same place on this many pages is running furniture even when that is
#: less than `min_repeat_share` of a long document.
MAX_REPEAT_PAGES = 4


def _signature(line: Line) -> str:
    return _DIGITS.sub("#", line.text.strip().lower())


def _first_word(line: Line) -> str:
    if len(line.words) < 2:
        return ""
    word = line.words[0].text.lower()
    # Only a word of letters: a lone number or date is no stamp's label.
    return "^" + word if len(word) > 3 and word.isalpha() else ""


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
                y = round(line.top / 6)
                seen[(zone, _signature(line), y)].add(page.number)
                first = _first_word(line) if zone == "footer" else ""
                if first:
                    seen[(zone, first, y)].add(page.number)
    threshold = max(2, int(min_share * len(pages) + 0.999))
    # Only footers get the lower bar: a header band also holds the column headers of
    # statements and notes ("Not 1", "Not 2023-12-31"), which repeat with digits masked.
    footer_threshold = min(threshold, MAX_REPEAT_PAGES)
    repeating = {
        key
        for key, nums in seen.items()
        if len(nums) >= (footer_threshold if key[0] == "footer" else threshold)
    }
    for page in pages:
        keep: list[Line] = []
        for line in page.lines:
            zone = _zone(line, page.height, band)
            kind = None
            if zone:
                text = line.text.strip()
                y = round(line.top / 6)
                sigs = (
                    (_signature(line), _first_word(line))
                    if zone == "footer"
                    else (_signature(line),)
                )
                near = {(zone, sig, y + d) for sig in sigs for d in (-1, 0, 1)}
                if (
                    PAGE_NUMBER.match(text)
                    and _plausible_page_number(text, state.document.source.page_count)
                ) or _ends_in_page_number(text):
                    kind = "page_number"
                elif near & repeating or FILE_NAME.search(text):
                    kind = zone
            if kind:
                state.document.furniture.append(
                    FurnitureItem(
                        kind=kind, text=line.text, page=page.number, bbox=round_bbox(*line.bbox)
                    )
                )
            else:
                keep.append(line)
        page.lines = keep
    return state


def _plausible_page_number(text: str, page_count: int) -> bool:
    """A lone number is a page number only if the document has that page: "2023" over a
    table column at the top of a page is a year (arsbokslut-2025 p. 11)."""
    numbers = [int(n) for n in _DIGITS.findall(text)]
    return bool(numbers) and numbers[0] <= max(page_count, 1)


_TRAILING_PAGE = regex.compile(
    r"(?:sida|sid)\s*\d{1,4}\s*(?:\(\s*\d{1,4}\s*\)|av\s*\d{1,4})$", regex.IGNORECASE
)


def _ends_in_page_number(text: str) -> bool:
    return bool(_TRAILING_PAGE.search(text))


def _zone(line: Line, height: float, band: float) -> str | None:
    if height <= 0:
        return None
    # A footer line whose top pokes above the band by a point (goteborg-intraservice 2026:
    # "3 (26)" at 740.0 of 842) is still a footer: its bottom edge decides.
    if line.bottom <= height * band:
        return "header"
    if line.bottom >= height * (1 - band):
        return "footer"
    return None
