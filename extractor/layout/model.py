"""Plain, slotted dataclasses: the hot path creates thousands of these per page."""

from __future__ import annotations

from dataclasses import dataclass, field

RGB = tuple[float, float, float]


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    fontname: str
    size: float
    bold: bool
    color: RGB | None = None
    upright: bool = True
    confidence: float | None = None  # OCR only


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    fontname: str
    size: float
    bold: bool
    color: RGB | None = None
    confidence: float | None = None

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(slots=True)
class Line:
    words: list[Word]
    x0: float
    top: float
    x1: float
    bottom: float
    page: int
    column: int = 0

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def size(self) -> float:
        """Dominant font size of the line, weighted by characters."""
        weights: dict[float, int] = {}
        for w in self.words:
            weights[w.size] = weights.get(w.size, 0) + len(w.text)
        return max(weights, key=weights.__getitem__) if weights else 0.0

    @property
    def bold(self) -> bool:
        total = sum(len(w.text) for w in self.words)
        return total > 0 and sum(len(w.text) for w in self.words if w.bold) * 2 > total

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(slots=True)
class Shape:
    """A vector path: ruling line, rectangle or curve (status circles)."""

    kind: str  # "line", "rect" or "curve"
    x0: float
    top: float
    x1: float
    bottom: float
    fill: RGB | None = None
    stroke: RGB | None = None

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(slots=True)
class ImageBox:
    x0: float
    top: float
    x1: float
    bottom: float
    mean_color: RGB | None = None  # of its non-white pixels, for status icons


@dataclass(slots=True)
class PageLayout:
    number: int  # 1-based
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    images: list[ImageBox] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    text_layer: bool = True
    ocr: bool = False
    ocr_confidence: float | None = None
    error: str | None = None  # the page failed to parse; the rest of the document goes on
