"""Tables: financial statements, notes and every other table, with typed rows."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from extractor.model.base import ArsbokModel, BBox


class TableKind(str, Enum):
    RESULTATRAKNING = "resultatrakning"
    BALANSRAKNING = "balansrakning"
    KASSAFLODESANALYS = "kassaflodesanalys"
    DRIFTREDOVISNING = "driftredovisning"
    NOT = "not"
    BALANSKRAVSRESULTAT = "balanskravsresultat"
    INVESTERINGSREDOVISNING = "investeringsredovisning"
    NYCKELTAL = "nyckeltal"
    FLERARSOVERSIKT = "flerarsoversikt"
    OTHER = "other"


class ColumnType(str, Enum):
    YEAR = "year"
    PERIOD = "period"
    BUDGET = "budget"
    DEVIATION = "deviation"
    NOTE = "note"
    TEXT = "text"


class Column(ArsbokModel):
    label: str
    type: ColumnType
    year: int | None = None


class Row(ArsbokModel):
    label: str
    key: str | None = Field(default=None, description="canonical key from the label mapping")
    note: str | None = None
    values: list[float | int | str | None] = Field(
        description="one per non-note column; numbers parsed from Swedish format, text cells kept"
    )
    is_total: bool = False
    is_heading: bool = False
    level: int = 0
    page: int
    bbox: BBox | None = None
    footnotes: list[str] = Field(default_factory=list, description="marks removed from values")


class Check(ArsbokModel):
    rule: str = Field(description="sum, balance_identity, result_matches_balance, budget_deviation")
    ok: bool
    expected: float | None = None
    found: float | None = None
    rows: list[int] = Field(default_factory=list, description="indexes of the rows involved")
    column: int | None = None


class Table(ArsbokModel):
    kind: TableKind
    title: str | None = None
    unit: str | None = None
    note_number: int | None = None
    page_start: int
    page_end: int
    bbox: BBox | None = Field(default=None, description="box on page_start")
    columns: list[Column]
    rows: list[Row]
    checks: list[Check] = Field(default_factory=list)
    extractor: str = Field(description="engine that produced the table, and why it won")
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
