"""Status shown as a coloured symbol, and "Färdiggrad" progress bars.

A symbol is a small, roughly square vector shape with a fill or a small image. Its colour is
read from a low-resolution rendering of the page (pypdfium2), so vector and raster symbols are
read the same way. The report's own legend ("Teckenförklaring": a symbol followed by
"Uppfyllt", "Delvis uppfyllt", …) maps colours to statuses by the nearest legend colour; a
report without a legend gets the usual convention (green, yellow/orange, red, grey).
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from extractor.layout.model import PageLayout, Word
from extractor.model.goal import Status

#: Symbol size limits in points (status dots are 6-16 pt; allow some margin).
MIN_SYMBOL = 4.0
MAX_SYMBOL = 26.0
#: Rendering resolution for reading colours: enough for a 6 pt dot to cover ~8x8 pixels.
RENDER_DPI = 100
#: Largest RGB distance to a legend colour that still counts as that colour.
MAX_LEGEND_DISTANCE = 110.0

STATUS_LABELS: dict[Status, str] = {
    Status.UPPFYLLT: "Uppfyllt",
    Status.DELVIS: "Delvis uppfyllt",
    Status.EJ_UPPFYLLT: "Ej uppfyllt",
    Status.EJ_BEDOMD: "Ej bedömd",
}

#: A legend label right of a symbol; the order of the alternatives matters ("ej uppfyllt"
#: before "uppfyllt").
_LEGEND_LABEL = regex.compile(
    r"^(?:målet\s+(?:är\s+)?|uppdraget\s+(?:är\s+)?)?(?:(?P<ej_bedomd>ej\s+bedömd|ej\s+bedömt|ej\s+påbörjad|ej\s+påbörjat|ej\s+aktuell|"
    r"ingen\s+bedömning|ej\s+mätt|ej\s+startad)|"
    r"(?P<ej_uppfyllt>ej\s+uppfyllt|ej\s+uppfylld|inte\s+uppfyllt|ej\s+uppnått|inte\s+uppnått|"
    r"ej\s+genomförd|ej\s+genomfört)|"
    r"(?P<delvis>delvis\s+uppfyllt|delvis\s+uppfylld|delvis\s+uppnått|delvis|pågår|påbörjad)|"
    r"(?P<uppfyllt>uppfyllt|uppfylld|uppnått|helt\s+uppfyllt|genomförd|genomfört|klar|avslutad))\b",
    regex.IGNORECASE,
)


@dataclass(slots=True)
class Box:
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    kind: str  # "vector" or "image"
    fill: tuple[float, float, float] | None = None

    @property
    def centre(self) -> tuple[float, float]:
        return ((self.x0 + self.x1) / 2, (self.top + self.bottom) / 2)


@dataclass(slots=True)
class LegendEntry:
    status: Status
    rgb: tuple[int, int, int]
    label: str
    page: int


@dataclass(slots=True)
class SymbolReading:
    status: Status
    rgb: tuple[int, int, int]
    evidence: str
    confidence: float


def _square(w: float, h: float, low: float = MIN_SYMBOL, high: float = MAX_SYMBOL) -> bool:
    return low <= w <= high and low <= h <= high and 0.6 <= w / h <= 1.6


def _whitish(rgb: tuple[float, float, float] | None) -> bool:
    return rgb is not None and min(rgb) > 0.92


def symbol_candidates(
    page: PageLayout, x0: float, top: float, x1: float, bottom: float
) -> list[Box]:
    """Small square filled shapes and small images whose centre lies in the given box."""
    bars = [s for s in page.shapes if s.kind == "rect" and s.width > 3 * max(s.height, 0.1)]
    out: list[Box] = []
    for s in page.shapes:
        if s.kind == "line" or s.fill is None or _whitish(s.fill):
            continue
        if not _square(s.width, s.height):
            continue
        cx, cy = (s.x0 + s.x1) / 2, (s.top + s.bottom) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        # The filled part of a progress bar can be square at a low percentage.
        if any(
            abs(b.x0 - s.x0) < 1.5 and abs(b.top - s.top) < 1.5 and b.width > s.width + 2
            for b in bars
        ):
            continue
        out.append(Box(page.number, s.x0, s.top, s.x1, s.bottom, "vector", s.fill))
    for im in page.images:
        w, h = im.x1 - im.x0, im.bottom - im.top
        cx, cy = (im.x0 + im.x1) / 2, (im.top + im.bottom) / 2
        if _square(w, h, high=30.0) and x0 <= cx <= x1 and top <= cy <= bottom:
            out.append(Box(page.number, im.x0, im.top, im.x1, im.bottom, "image", im.mean_color))
    # Nested subpaths of one symbol (a ring and its dot) count once: keep the outermost.
    out.sort(key=lambda b: -(b.x1 - b.x0) * (b.bottom - b.top))
    kept: list[Box] = []
    for b in out:
        if not any(
            k.x0 - 0.5 <= b.x0
            and b.x1 <= k.x1 + 0.5
            and k.top - 0.5 <= b.top
            and b.bottom <= k.bottom + 0.5
            for k in kept
        ):
            kept.append(b)
    return sorted(kept, key=lambda b: (b.top, b.x0))


class PageRenderer:
    """Renders pages on demand (RGB, low dpi) and reads the colour of a box."""

    def __init__(self, path: Path, password: str | None = None, dpi: int = RENDER_DPI) -> None:
        self.path = path
        self.password = password
        self.dpi = dpi
        self._pdf: Any = None
        self._images: dict[int, Any] = {}
        self.failed = False

    def _image(self, number: int):  # type: ignore[no-untyped-def]
        if number not in self._images:
            import pypdfium2 as pdfium

            if self._pdf is None:
                self._pdf = pdfium.PdfDocument(str(self.path), password=self.password or None)
            pdf = self._pdf
            page = pdf[number - 1]
            try:
                image = page.render(scale=self.dpi / 72.0).to_pil().convert("RGB")
            finally:
                page.close()
            self._images[number] = image
        return self._images[number]

    def colour(self, box: Box) -> tuple[int, int, int] | None:
        """Median colour of the box's non-white pixels, or the shape's own fill as a fallback."""
        try:
            image = self._image(box.page)
        except Exception:  # noqa: BLE001 - a page that does not render falls back to the fill
            self.failed = True
            image = None
        if image is not None:
            rgb = _median_ink(image, box, self.dpi / 72.0)
            if rgb is not None:
                return rgb
        if box.fill is not None:
            return tuple(round(c * 255) for c in box.fill)  # type: ignore[return-value]
        return None

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None
        self._images.clear()


def _median_ink(image, box: Box, scale: float) -> tuple[int, int, int] | None:  # type: ignore[no-untyped-def]
    # Inset by a fifth so anti-aliased edges and the cell background stay out.
    w, h = box.x1 - box.x0, box.bottom - box.top
    left = int((box.x0 + 0.2 * w) * scale)
    upper = int((box.top + 0.2 * h) * scale)
    right = max(left + 1, int((box.x1 - 0.2 * w) * scale))
    lower = max(upper + 1, int((box.bottom - 0.2 * h) * scale))
    crop = image.crop((left, upper, right, lower))
    raw = crop.tobytes()
    triples = (tuple(raw[k : k + 3]) for k in range(0, len(raw) - 2, 3))
    pixels = [p for p in triples if sum((255 - c) ** 2 for c in p) > 30**2]
    if not pixels:
        return None
    channels = list(zip(*pixels, strict=True))
    return tuple(sorted(ch)[len(ch) // 2] for ch in channels)  # type: ignore[return-value]


def colour_name(rgb: tuple[int, int, int]) -> str:
    """A Swedish colour word for evidence strings."""
    r, g, b = (c / 255 for c in rgb)
    h, s, v = colorsys.rgb_to_hsv(r, g, b)
    hue = h * 360
    if s < 0.15:
        return "svart" if v < 0.25 else ("vit" if v > 0.92 else "grå")
    if hue < 15 or hue >= 340:
        return "röd"
    if hue < 40:
        return "orange"
    if hue < 70:
        return "gul"
    if hue < 170:
        return "grön"
    if hue < 260:
        return "blå"
    return "lila"


def convention_status(rgb: tuple[int, int, int]) -> Status | None:
    """Status by the usual colour convention, None for colours without a status meaning."""
    name = colour_name(rgb)
    return {
        "grön": Status.UPPFYLLT,
        "gul": Status.DELVIS,
        "orange": Status.DELVIS,
        "röd": Status.EJ_UPPFYLLT,
        "grå": Status.EJ_BEDOMD,
    }.get(name)


def _distance(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5


def classify(rgb: tuple[int, int, int], legend: list[LegendEntry]) -> SymbolReading | None:
    """Map a symbol colour to a status: the nearest legend colour, else the convention."""
    name = colour_name(rgb)
    rgb_text = f"({rgb[0]},{rgb[1]},{rgb[2]})"
    if legend:
        nearest = min(legend, key=lambda e: _distance(rgb, e.rgb))
        if _distance(rgb, nearest.rgb) <= MAX_LEGEND_DISTANCE:
            return SymbolReading(
                nearest.status,
                rgb,
                f"symbol: {name} {rgb_text} = {nearest.label} (teckenförklaring s. {nearest.page})",
                0.95,
            )
    status = convention_status(rgb)
    if status is None:
        return None
    return SymbolReading(
        status, rgb, f"symbol: {name} {rgb_text} = {STATUS_LABELS[status]} (färgkonvention)", 0.8
    )


def legend_label(words: list[Word], box: Box) -> str | None:
    """The text right after a symbol on its line, when it reads as a status label."""
    height = box.bottom - box.top
    after = sorted(
        (
            w
            for w in words
            if 0 <= w.x0 - box.x1 <= 15
            or (w.x0 > box.x1 and min(w.bottom, box.bottom) - max(w.top, box.top) > 0.3 * height)
        ),
        key=lambda w: w.x0,
    )
    line = [w for w in after if min(w.bottom, box.bottom) - max(w.top, box.top) > 0.3 * height]
    if not line or line[0].x0 - box.x1 > 15:
        return None
    text_words = [line[0]]
    for w in line[1:]:
        if w.x0 - text_words[-1].x1 > 1.2 * w.size:
            break
        text_words.append(w)
    return " ".join(w.text for w in text_words)


def find_legend(
    pages: list[PageLayout],
    renderer: PageRenderer,
    skip: list[tuple[int, float, float, float, float]],
) -> list[LegendEntry]:
    """Legend entries: a symbol followed by a status label, outside the goal tables."""
    entries: list[LegendEntry] = []
    seen: set[Status] = set()
    for page in pages:
        boxes = symbol_candidates(page, 0, 0, page.width, page.height)
        boxes = [
            b
            for b in boxes
            if not any(
                p == b.page and top <= b.centre[1] <= bottom and x0 <= b.centre[0] <= x1
                for p, top, bottom, x0, x1 in skip
            )
        ]
        if not boxes:
            continue
        words = [w for line in page.lines for w in line.words]
        found: list[LegendEntry] = []
        for box in boxes:
            label = legend_label(words, box)
            if not label:
                continue
            status = label_status(label)
            if status is None:
                continue
            rgb = renderer.colour(box)
            if rgb is None:
                continue
            found.append(LegendEntry(status, rgb, label, page.number))
        # A legend names at least two statuses; one labelled dot is likely something else.
        if len({e.status for e in found}) >= 2:
            for e in found:
                if e.status not in seen:
                    entries.append(e)
                    seen.add(e.status)
    return entries


def label_status(text: str) -> Status | None:
    """Status of a short label: a legend entry or a status cell ("Delvis uppfyllt", "Klar")."""
    match = _LEGEND_LABEL.match(" ".join(text.split()))
    return Status(match.lastgroup) if match and match.lastgroup else None


_PERCENT = regex.compile(r"(?<![\d,.])(\d{1,3}(?:[,.]\d+)?)\s*%")


def printed_percent(text: str) -> float | None:
    match = _PERCENT.search(text or "")
    if not match:
        return None
    value = float(match.group(1).replace(",", "."))
    return value if 0 <= value <= 100 else None


def read_progress(
    page: PageLayout, x0: float, top: float, x1: float, bottom: float
) -> float | None:
    """Percentage of a progress bar (an outlined track and a filled part from its left edge)."""
    tracks = [
        s
        for s in page.shapes
        if s.kind == "rect"
        and s.width > 3 * max(s.height, 0.1)
        and s.height < 20
        and x0 - 2 <= s.x0 <= x1
        and top <= (s.top + s.bottom) / 2 <= bottom
        and (s.stroke is not None or (s.fill is not None and min(s.fill) > 0.8))
    ]
    if not tracks:
        return None
    track = max(tracks, key=lambda s: s.width)
    filled = [
        s
        for s in page.shapes
        if s.fill is not None
        and s is not track
        and not (s.fill is not None and min(s.fill) > 0.8)
        and abs(s.x0 - track.x0) < 1.5
        and abs((s.top + s.bottom) / 2 - (track.top + track.bottom) / 2) < 1.5
        and s.width <= track.width + 1
    ]
    if not filled:
        return 0.0
    bar = max(filled, key=lambda s: s.width)
    return round(min(100.0, 100.0 * bar.width / track.width), 1)
