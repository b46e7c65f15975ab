"""The document: the single source of truth for arsbok's JSON output."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from extractor.model.base import ArsbokModel, BBox, Warning
from extractor.model.goal import Goal, StatedTotal
from extractor.model.table import Table

#: Bump on every change of the model; the committed schema and CHANGELOG must follow.
SCHEMA_VERSION = "1.0.0"


class ReportType(str, Enum):
    ARSBOKSLUT = "årsbokslut"
    ARSREDOVISNING = "årsredovisning"
    DELARSRAPPORT = "delårsrapport"
    VERKSAMHETSBERATTELSE = "verksamhetsberättelse"
    OTHER = "other"


class PageInfo(ArsbokModel):
    number: int = Field(description="1-based page number")
    width: float
    height: float
    text_layer: bool = Field(description="the page has a usable text layer")
    ocr: bool = Field(default=False, description="the page's words came from OCR")
    chars: int = Field(default=0, description="characters read from the page")


class Source(ArsbokModel):
    file_name: str
    sha256: str
    page_count: int
    producer: str | None = None
    pages: list[PageInfo] = Field(default_factory=list)


class Metadata(ArsbokModel):
    organisation: str | None = None
    org_number: str | None = Field(default=None, pattern=r"^\d{6}-\d{4}$")
    report_type: ReportType = ReportType.OTHER
    fiscal_year: int | None = None
    report_date: str | None = Field(default=None, description="ISO date YYYY-MM-DD")


class Paragraph(ArsbokModel):
    text: str
    page: int
    bbox: BBox | None = None


class Section(ArsbokModel):
    number: str | None = None
    title: str
    level: int
    page_start: int
    page_end: int
    bbox: BBox | None = None
    paragraphs: list[Paragraph] = Field(default_factory=list)
    children: list[Section] = Field(default_factory=list)


class FurnitureItem(ArsbokModel):
    """Running headers, footers and page numbers: out of the text, kept for reference."""

    kind: str = Field(description="header, footer or page_number")
    text: str
    page: int
    bbox: BBox | None = None


class OcrPage(ArsbokModel):
    page: int
    mean_confidence: float | None = None
    words: int = 0


class OcrInfo(ArsbokModel):
    engine: str
    version: str | None = None
    language: str
    dpi: int
    psm: int | None = None
    pages: list[OcrPage] = Field(default_factory=list)


class RunInfo(ArsbokModel):
    """How the document was made, so a number can be traced back to a run."""

    arsbok_version: str
    backend: str
    settings: dict[str, object] = Field(default_factory=dict)
    libraries: dict[str, str] = Field(default_factory=dict)
    stage_seconds: dict[str, float] = Field(default_factory=dict)


class Document(ArsbokModel):
    schema_version: str = SCHEMA_VERSION
    source: Source
    metadata: Metadata = Field(default_factory=Metadata)
    sections: list[Section] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    stated_totals: list[StatedTotal] = Field(default_factory=list)
    furniture: list[FurnitureItem] = Field(default_factory=list)
    ocr: OcrInfo | None = None
    warnings: list[Warning] = Field(default_factory=list)
    run: RunInfo | None = None
