"""Shared building blocks of the document model: boxes and warnings."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

#: A box on a page in PDF points, origin at the top-left corner: (x0, top, x1, bottom).
BBox = Annotated[
    tuple[float, float, float, float],
    Field(description="x0, top, x1, bottom in PDF points; origin top-left of the page"),
]


class ArsbokModel(BaseModel):
    """Base for all document models: strict about unknown fields so typos fail loudly."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Warning(ArsbokModel):  # noqa: A001 - the JSON key is "warnings", one item is a warning
    """A machine-readable note about something the extractor could not do cleanly."""

    code: str = Field(description="stable code, e.g. check_failed, ocr_used, page_failed, pages_cut")
    message: str
    page: int | None = Field(default=None, description="1-based page the warning is about")


def round_bbox(x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
    """Round a box to 0.01 pt so both layout backends serialise the same values."""
    return (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))
