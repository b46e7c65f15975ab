"""Goals (mål, uppdrag, mätetal ...) and their status."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from extractor.model.base import ArsbokModel, BBox


class Status(str, Enum):
    """How far a goal was reached, as the report judges it."""

    UPPFYLLT = "uppfyllt"
    DELVIS = "delvis"
    EJ_UPPFYLLT = "ej_uppfyllt"
    EJ_BEDOMD = "ej_bedomd"


class GoalKind(str, Enum):
    MAL = "mål"
    UPPDRAG = "uppdrag"
    MATETAL = "mätetal"
    FINANSIELLT_MAL = "finansiellt_mål"
    AKTIVITET = "aktivitet"


class StatusMethod(str, Enum):
    """What decided a status: a sentence, numbers, a unit summary, a symbol, the model, nothing."""

    EXPLICIT = "explicit"
    NUMERIC = "numeric"
    SUMMARY = "summary"
    SYMBOL = "symbol"
    MODEL = "model"
    NONE = "none"


class StatusResult(ArsbokModel):
    """The outcome of tagging one follow-up text."""

    status: Status
    confidence: float = Field(ge=0.0, le=1.0)
    method: StatusMethod
    evidence: str | None = Field(default=None, description="the sentence or symbol that decided")
    contradiction: bool = Field(
        default=False, description="an explicit statement disagrees with the numbers"
    )
    contradiction_evidence: list[str] = Field(default_factory=list)


class Goal(ArsbokModel):
    id: str = Field(description="stable hash of unit + goal text")
    unit: str | None = None
    focus_area: str | None = None
    kind: GoalKind = GoalKind.MAL
    goal: str
    followup: str | None = None
    status: Status
    confidence: float = Field(ge=0.0, le=1.0)
    method: StatusMethod
    evidence: str | None = None
    contradiction: bool = False
    contradiction_evidence: list[str] = Field(default_factory=list)
    progress: float | None = Field(default=None, description="Färdiggrad in percent, 0-100")
    page: int
    bbox: BBox | None = None


class StatedTotal(ArsbokModel):
    """A count the report states itself ("27 av 28 är uppfyllda och ett delvis uppfyllt")."""

    scope: str | None = Field(default=None, description="the unit or section the count covers")
    text: str
    uppfyllt: int | None = None
    delvis: int | None = None
    ej_uppfyllt: int | None = None
    total: int | None = None
    page: int | None = None
    reconciled: bool | None = Field(
        default=None, description="whether the tagged goals in scope give the same counts"
    )
