"""The state passed from stage to stage: what has been read and derived so far."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from extractor.layout.model import Line, PageLayout
from extractor.model import Document, Warning
from extractor.settings import Settings


@dataclass
class DocumentState:
    path: Path
    settings: Settings
    document: Document
    pages: list[PageLayout] = field(default_factory=list)
    page_numbers: list[int] = field(default_factory=list)
    toc_pages: set[int] = field(default_factory=set)
    #: Lines claimed by tables (id of Line); the section stage leaves them out of paragraphs.
    table_lines: set[int] = field(default_factory=set)
    heading_lines: list[tuple[Line, int, str | None, str]] = field(default_factory=list)
    deadline: float | None = None

    def warn(self, code: str, message: str, page: int | None = None) -> None:
        self.document.warnings.append(Warning(code=code, message=message, page=page))

    def check_deadline(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            from extractor.errors import TimeoutError_

            raise TimeoutError_(
                f"{self.path.name}: gave up after {self.settings.timeout:g} s (--timeout)"
            )
