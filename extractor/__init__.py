"""arsbok: Swedish public-sector annual reports from PDF to structured JSON.

>>> import extractor
>>> doc = extractor.extract("samples/arsbokslut-2025.pdf")  # doctest: +SKIP
>>> doc.metadata.fiscal_year  # doctest: +SKIP
2025
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from pathlib import Path

    from extractor.model import Document

__all__ = ["__version__", "extract"]


def extract(path: str | Path, **options: Any) -> Document:
    """Extract one report PDF into a validated `Document`.

    Parameters
    ----------
    path : str or Path
        The PDF file.
    **options
        Settings (see `extractor.settings.Settings`): ``backend``, ``pages``, ``ocr``,
        ``password``, ``max_pages``, ``timeout`` ...

    Raises
    ------
    extractor.errors.ArsbokError
        For every failure the input can cause (not a PDF, damaged, encrypted, ...).
    """
    from extractor.pipeline import run_pipeline
    from extractor.settings import Settings

    return run_pipeline(path, Settings.resolve(options))
