"""The typed document model; `json_schema()` is what `arsbok schema` prints."""

from __future__ import annotations

from typing import Any

from extractor.model.base import BBox, Warning
from extractor.model.document import (
    SCHEMA_VERSION,
    Document,
    FurnitureItem,
    Metadata,
    OcrInfo,
    OcrPage,
    PageInfo,
    Paragraph,
    ReportType,
    RunInfo,
    Section,
    Source,
)
from extractor.model.goal import Goal, GoalKind, StatedTotal, Status, StatusMethod, StatusResult
from extractor.model.table import Check, Column, ColumnType, Row, Table, TableKind

__all__ = [
    "SCHEMA_VERSION",
    "BBox",
    "Check",
    "Column",
    "ColumnType",
    "Document",
    "FurnitureItem",
    "Goal",
    "GoalKind",
    "Metadata",
    "OcrInfo",
    "OcrPage",
    "PageInfo",
    "Paragraph",
    "ReportType",
    "Row",
    "RunInfo",
    "Section",
    "Source",
    "StatedTotal",
    "Status",
    "StatusMethod",
    "StatusResult",
    "Table",
    "TableKind",
    "Warning",
    "json_schema",
]


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of `Document`, generated from the pydantic models."""
    schema = Document.model_json_schema()
    schema["$id"] = f"https://arsbok.invalid/schema/{SCHEMA_VERSION}/document.json"
    schema["title"] = "arsbok Document"
    return schema
