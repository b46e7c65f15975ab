"""One settings object, nested per stage, resolvable from a dict, a file or an instance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from extractor.errors import UsageError


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class LayoutStageSettings(_Settings):
    word_gap_em: float = 0.22
    segment_gap_em: float = 1.6
    min_gutter: float = 10.0
    #: A page with fewer characters than this has no usable text layer.
    min_text_chars: int = 20
    #: Below this `text_layer_quality` (0..1) a page's text layer is garbage and OCR reads it.
    min_text_quality: float = 0.5


class FurnitureSettings(_Settings):
    #: Share of pages a text must repeat on (same place) to count as running header/footer.
    min_repeat_share: float = 0.3
    #: Top/bottom band of the page (share of height) where headers and footers live.
    band: float = 0.12


class OcrSettings(_Settings):
    language: str = "swe"
    dpi: int = 300
    #: Page segmentation mode 6 (one uniform block) keeps table rows together; see issue 7.
    psm: int = 6
    jobs: int = 1


class Settings(_Settings):
    backend: Literal["pdfium", "pdfplumber"] = "pdfium"
    ocr: Literal["auto", "always", "never"] = "auto"
    pages: list[int] | None = Field(default=None, description="1-based pages to read")
    password: str | None = None
    max_pages: int = 2000
    max_file_mb: float = 500.0
    timeout: float | None = Field(default=600.0, description="seconds per document")
    tables: bool = True
    goals: bool = True
    layout: LayoutStageSettings = Field(default_factory=LayoutStageSettings)
    furniture: FurnitureSettings = Field(default_factory=FurnitureSettings)
    ocr_settings: OcrSettings = Field(default_factory=OcrSettings)

    @field_validator("pages")
    @classmethod
    def _positive_pages(cls, v: list[int] | None) -> list[int] | None:
        if v is not None and any(p < 1 for p in v):
            raise ValueError("page numbers are 1-based")
        return v

    @classmethod
    def resolve(cls, value: Settings | dict[str, Any] | str | Path | None = None) -> Settings:
        """Accept an instance, a dict of options, or a JSON file path."""
        try:
            if value is None:
                return cls()
            if isinstance(value, Settings):
                return value
            if isinstance(value, str | Path):
                return cls.model_validate(json.loads(Path(value).read_text("utf-8")))
            return cls.model_validate(value)
        except (ValueError, OSError) as exc:
            raise UsageError(f"invalid settings: {exc}".splitlines()[0]) from None

    def public_dict(self) -> dict[str, Any]:
        """Settings as written into every output (the password never is)."""
        data = self.model_dump(mode="json")
        data.pop("password", None)
        return data


def parse_page_range(spec: str) -> list[int]:
    """Parse "3-7,10" into [3, 4, 5, 6, 7, 10]."""
    pages: list[int] = []
    try:
        for part in spec.split(","):
            part = part.strip()
            if not part:
                continue
            if "-" in part:
                a, b = part.split("-", 1)
                lo, hi = int(a), int(b)
                if lo < 1 or hi < lo:
                    raise ValueError
                pages.extend(range(lo, hi + 1))
            else:
                n = int(part)
                if n < 1:
                    raise ValueError
                pages.append(n)
    except ValueError:
        raise UsageError(f"invalid page range {spec!r} (expected e.g. 3-7,10)") from None
    return sorted(set(pages))
