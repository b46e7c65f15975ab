"""Normalisation shared by the backends, so that both describe a page in the same terms."""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.layout.model import RGB

_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|demi\b|-bd\b|,bd", re.IGNORECASE)


def clean_fontname(name: str | None) -> str:
    """Drop the subset prefix ("CMCVTN+ArialMT" → "ArialMT") that only one backend reports."""
    if not name:
        return ""
    return _SUBSET_PREFIX.sub("", name)


def is_blank(text: str) -> bool:
    """Whitespace, or a C0 control character other than NUL: no ink, a gap like a space.

    goteborg 2022 p. 2 leads its TOC with 624 U+0008 glyphs; pdfium collapses the run to one,
    so both backends read such glyphs as spaces. NUL stays: it marks ligatures without a
    Unicode mapping that `repair.py` reads back (brf_49369).
    """
    if text.isspace():
        return True
    return len(text) == 1 and "\x01" <= text <= "\x1f"


def is_bold_font(fontname: str) -> bool:
    """Bold from the font name: the only weight signal both backends can read alike."""
    return bool(_BOLD_NAME.search(fontname))


def normalize_color(value: object) -> RGB | None:
    """Map gray / RGB / CMYK tuples (0..1) to RGB rounded to 3 decimals; patterns → None."""
    if value is None:
        return None
    if isinstance(value, int | float):
        comps: Sequence[float] = (float(value),)
    elif isinstance(value, list | tuple):
        try:
            comps = [float(c) for c in value]
        except (TypeError, ValueError):
            return None
    else:
        return None
    if len(comps) == 1:
        g = comps[0]
        rgb = (g, g, g)
    elif len(comps) == 3:
        rgb = (comps[0], comps[1], comps[2])
    elif len(comps) == 4:
        c, m, y, k = comps
        rgb = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    else:
        return None
    return (
        round(min(max(rgb[0], 0.0), 1.0), 2),
        round(min(max(rgb[1], 0.0), 1.0), 2),
        round(min(max(rgb[2], 0.0), 1.0), 2),
    )


def shape_kind(width: float, height: float) -> str:
    """Classify a path by its box alone; backends split paths differently, boxes agree."""
    if min(width, height) <= 2.0:
        return "line"
    return "rect"
