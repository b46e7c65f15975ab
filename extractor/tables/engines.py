"""Table engines behind one interface, chosen by name (camelot's `PARSERS` idea).

- ``geometry``: our word-geometry engine (`extractor.tables.geometry`), run on every page.
- ``camelot-stream`` / ``camelot-network``: camelot's whitespace engines, run on the area of a
  geometry table whose arithmetic checks fail; the candidate with more passing checks wins.
- ``camelot-lattice``: camelot's ruled-grid engine, run on pages whose vector rules form a
  grid (an internal-control plan); cells may hold text, kept as strings.

Every engine returns `Table` objects; `score` ranks candidates for the same table: passing
checks first, then how many of the area's numbers the table explains.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable
from pathlib import Path

import regex

from extractor.layout.model import PageLayout
from extractor.model import Column, ColumnType, Row, Table, TableKind
from extractor.model.base import round_bbox
from extractor.tables.assemble import TOTAL_LABEL, _typed_column, classify
from extractor.tables.checks import run_table_checks
from extractor.tables.keys import canonical_key
from extractor.tables.numbers import is_dash, parse_number_full

log = logging.getLogger(__name__)

_SPACES = regex.compile(r"\s+")
_NOTE = regex.compile(r"^(?:not\s*)?(\d{1,2}(?:\s*[,&]\s*\d{1,2})*)$", regex.IGNORECASE)
_HEADERISH = regex.compile(r"^(?:(?:19|20)\d\d(?:-\d\d-\d\d)?(?:\s*[-–]\s*(?:19|20)\d\d-\d\d-\d\d)?|not|tkr|kr|budget.*|utfall.*|avvikelse.*)$", regex.IGNORECASE)

#: Minimum number of long horizontal and vertical rules for a page to count as a ruled grid.
MIN_GRID_RULES = 4
#: Resolution of the page image camelot's lattice finds rules in. Its own pdfium backend renders
#: in colour at 300 dpi (0.31 s a page); in grey at 150 dpi the samples' internal-control grids
#: come out cell for cell the same in 0.07 s (100 dpi loses cells: a 0.5 pt rule is under a pixel).
LATTICE_DPI = 150


class _GreyRenderer:
    """Image backend for camelot's lattice: the page in grey at `LATTICE_DPI` (camelot 2.0
    reads an object with `convert` and `to_array`; its built-in ones ignore `resolution`)."""

    def __init__(self, password: str | None = None) -> None:
        self.password = password or None

    def convert(self, pdf_path: str, png_path: str, page: int = 1) -> None:
        import cv2

        cv2.imwrite(png_path, self.to_array(pdf_path, page))

    def to_array(self, pdf_path: str, page: int = 1):  # type: ignore[no-untyped-def]
        import cv2
        import numpy as np
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(pdf_path, password=self.password)
        try:
            grey = pdf[page - 1].render(scale=LATTICE_DPI / 72, grayscale=True).to_numpy()
        finally:
            pdf.close()
        if grey.ndim == 3:
            grey = grey[:, :, 0]
        return cv2.cvtColor(np.ascontiguousarray(grey), cv2.COLOR_GRAY2BGR)


def score(table: Table) -> tuple[int, int]:
    """Rank candidates: (passing checks − 2 × failing checks, numbers explained)."""
    ok = sum(1 for c in table.checks if c.ok)
    bad = sum(1 for c in table.checks if not c.ok)
    numbers = sum(1 for r in table.rows for v in r.values if isinstance(v, int | float))
    return (ok - 2 * bad, numbers)


def is_ruled_page(page: PageLayout) -> bool:
    """Vector rules that cross the page both ways with three or more columns: a grid.

    Two-column goal tables have rules too; they are read by the goal stage, and camelot's
    lattice (which renders the page) is too slow to run on every ruled page.
    """
    horizontal = [s for s in page.shapes if s.kind == "line" and s.width > 60 and s.width > s.height]
    vertical = [s for s in page.shapes if s.kind == "line" and s.height > 20 and s.height > s.width]
    columns = {round(s.x0 / 4) for s in vertical}
    return len(horizontal) >= MIN_GRID_RULES and len(columns) >= 5


def _clean(cell: str) -> str:
    return _SPACES.sub(" ", cell.replace("\n", " ")).strip()


def _parse_cell(text: str) -> float | int | None:
    compact = regex.sub(r"(?<=\d) {1,2}(?=\d{3}\b)", " ", text)
    parsed = parse_number_full(compact)
    if parsed is not None:
        return parsed.value
    if is_dash(text):
        return 0
    return None


def dataframe_to_table(rows_text: list[list[str]], page: int, flavor: str, bbox: tuple[float, float, float, float] | None, default_unit: str | None) -> Table | None:
    """Turn camelot's grid of strings into a typed `Table` (numbers parsed, notes split off)."""
    grid = [[_clean(c) for c in row] for row in rows_text]
    grid = [row for row in grid if any(row)]
    if not grid:
        return None
    ncols = max(len(r) for r in grid)
    grid = [r + [""] * (ncols - len(r)) for r in grid]
    numeric_cols = []
    for j in range(ncols):
        cells = [r[j] for r in grid if r[j]]
        nums = [c for c in cells if _parse_cell(c) is not None and not _HEADERISH.match(c)]
        if cells and len(nums) * 2 >= len(cells) and j > 0:
            numeric_cols.append(j)
    note_col = None
    for j in numeric_cols:
        cells = [r[j] for r in grid if r[j] and not _HEADERISH.match(r[j])]
        if cells and all(_NOTE.match(c) for c in cells) and any(r[j].lower() in ("not", "noter") for r in grid):
            note_col = j
    value_cols = [j for j in numeric_cols if j != note_col]
    text_grid = not value_cols
    if text_grid:
        # a ruled text grid: first row is the header, every cell kept as text
        header, body = grid[0], grid[1:]
        columns = [Column(label=h or f"kolumn {j + 1}", type=ColumnType.TEXT) for j, h in enumerate(header[1:])]
        out_rows = []
        for r in body:
            filled = [c for c in r if c]
            is_heading = len(filled) == 1 and bool(r[0])
            out_rows.append(Row(label=r[0], values=[c or None for c in r[1:]], is_heading=is_heading, page=page))
        if not out_rows:
            return None
        return Table(kind=TableKind.OTHER, title=None, unit=None, page_start=page, page_end=page,
                     bbox=bbox, columns=columns, rows=out_rows, extractor=flavor)
    first_value_row = next((i for i, r in enumerate(grid) if any(_parse_cell(r[j]) is not None and not _HEADERISH.match(r[j]) for j in value_cols)), 0)
    header_rows = grid[:first_value_row]
    columns = [_typed_column(" ".join(h[j] for h in header_rows if h[j]).strip(), i) for i, j in enumerate(value_cols)]
    if note_col is not None:
        columns.append(Column(label="Not", type=ColumnType.NOTE))
    label_cols = [j for j in range(ncols) if j not in numeric_cols]
    out_rows = []
    for r in grid[first_value_row:]:
        label = " ".join(r[j] for j in label_cols if r[j]).strip()
        values = [_parse_cell(r[j]) if r[j] else None for j in value_cols]
        note = None
        if note_col is not None and r[note_col]:
            m = _NOTE.match(r[note_col])
            note = m.group(1) if m else r[note_col]
        m = regex.search(r"\s+not\s+(\d{1,2}(?:\s*[,&]\s*\d{1,2})*)$", label, regex.IGNORECASE)
        if m and note is None:
            note, label = m.group(1), label[: m.start()]
        is_heading = all(v is None for v in values)
        out_rows.append(Row(label=label, key=canonical_key(label) if label else None, note=note, values=values,
                            is_heading=is_heading, is_total=not is_heading and (not label or bool(TOTAL_LABEL.match(label))),
                            page=page))
    while out_rows and out_rows[-1].is_heading:
        out_rows.pop()
    if not out_rows:
        return None
    kind = classify(None, [r.label for r in out_rows], columns)
    return Table(kind=kind, title=None, unit=default_unit, page_start=page, page_end=page, bbox=bbox,
                 columns=columns, rows=out_rows, extractor=flavor)


def camelot_tables(path: Path, page: PageLayout, flavor: str, area: tuple[float, float, float, float] | None = None,
                   password: str | None = None, default_unit: str | None = None) -> list[Table]:
    """Run one camelot flavour on a page (optionally one area, top-left coordinates)."""
    try:
        import camelot
    except ImportError:  # camelot is a hard dependency, but never let it cost the document
        return []
    kwargs: dict[str, object] = {"pages": str(page.number), "flavor": flavor}
    if password:
        kwargs["password"] = password
    if flavor == "lattice":
        kwargs["backend"] = _GreyRenderer(password)
    if area is not None and flavor != "lattice":
        x0, top, x1, bottom = area
        # camelot wants x1,y1,x2,y2 with the origin at the bottom-left
        kwargs["table_areas"] = [f"{x0 - 2:.1f},{page.height - top + 2:.1f},{x1 + 2:.1f},{page.height - bottom - 2:.1f}"]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = camelot.read_pdf(str(path), **kwargs)
    except Exception as exc:  # noqa: BLE001 - an engine failing is a lost candidate, not an error
        log.debug("camelot %s failed on page %s: %s", flavor, page.number, exc)
        return []
    out = []
    for t in found:
        bbox = None
        if getattr(t, "_bbox", None):
            x0, y0, x1, y1 = t._bbox
            bbox = round_bbox(x0, page.height - y1, x1, page.height - y0)
        table = dataframe_to_table(t.df.values.tolist(), page.number, f"camelot-{flavor}", bbox, default_unit)
        if table is not None:
            run_table_checks(table)
            out.append(table)
    return out


#: Engines by name: each takes (path, page, area, password, default_unit) and returns tables.
ENGINES: dict[str, Callable[..., list[Table]]] = {
    "camelot-stream": lambda path, page, area=None, password=None, default_unit=None: camelot_tables(path, page, "stream", area, password, default_unit),
    "camelot-network": lambda path, page, area=None, password=None, default_unit=None: camelot_tables(path, page, "network", area, password, default_unit),
    "camelot-lattice": lambda path, page, area=None, password=None, default_unit=None: camelot_tables(path, page, "lattice", area, password, default_unit),
}
