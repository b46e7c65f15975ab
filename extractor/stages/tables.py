"""Every table of the report → `document.tables`, with typed rows and arithmetic checks.

Per page: rows of tokens (`extractor.tables.geometry`) → blocks of aligned value rows →
`Table` (`extractor.tables.assemble`); then tables continued over a page break are merged,
checks run (`extractor.tables.checks`), and the lines a table uses are claimed so that the
section stage keeps them out of paragraphs and headings.
"""

from __future__ import annotations

import regex

from extractor.layout.model import PageLayout
from extractor.model import Table, TableKind
from extractor.stages.sections import find_toc_pages
from extractor.state import DocumentState
from extractor.tables.assemble import build_table
from extractor.tables.checks import check_result_matches, run_table_checks
from extractor.tables.engines import ENGINES, is_ruled_page, score
from extractor.tables.geometry import find_blocks, page_rows
from extractor.tables.ocr_repair import correct_lost_minus, recover_misread_values

_DOC_UNIT = [
    ("tkr", regex.compile(r"belopp\s+(?:anges\s+)?i\s+(?:tkr|tusental kronor)|redovisas\s+(?:alla\s+belopp\s+)?i\s+tkr", regex.IGNORECASE)),
    ("kr", regex.compile(r"belopp\s+(?:anges\s+)?i\s+(?:hela\s+)?kronor|i\s+hela\s+kronor|belopp\s+i\s+kr\b", regex.IGNORECASE)),
]
_CONTINUED = regex.compile(r"\(?forts(?:\.|ättning)?\)?", regex.IGNORECASE)


def document_unit(pages: list[PageLayout]) -> str | None:
    for page in pages[:12]:
        for line in page.lines:
            for unit, pattern in _DOC_UNIT:
                if pattern.search(line.text):
                    return unit
    return None


def find_tables(state: DocumentState) -> DocumentState:
    default_unit = document_unit(state.pages)
    # Contents pages hold no tables: their entries and page numbers line up like one (the
    # section stage, later, finds them again after splitting lines by style)
    state.toc_pages = find_toc_pages(state.pages)
    tables: list[Table] = []
    for page in state.pages:
        state.check_deadline()
        if not page.lines or page.number in state.toc_pages:
            continue
        try:
            rows = page_rows(page, state.table_lines)
            page_tables = []
            for block in find_blocks(rows, page.width):
                table = build_table(block, rows, page.width, default_unit)
                if table is None:
                    continue
                _claim_lines(state, page, table, block)
                page_tables.append(choose_engine(state, page, table, default_unit))
            if is_ruled_page(page):
                page_tables.extend(_grid_tables(state, page, page_tables, default_unit))
            tables.extend(page_tables)
        except Exception as exc:  # noqa: BLE001 - one odd page must not cost the other tables
            state.warn("table_failed", f"tables on page {page.number} could not be read: {type(exc).__name__}: {exc}", page.number)
    tables = merge_continued(tables)
    ocr_pages = {p.number for p in state.pages if p.ocr}
    for table in tables:
        run_table_checks(table)
        if ocr_pages & set(range(table.page_start, table.page_end + 1)):
            recover_misread_values(state, table)
            correct_lost_minus(state, table)
    check_result_matches(tables)
    for table in tables:
        for check in table.checks:
            if not check.ok:
                rows = ", ".join(repr(table.rows[i].label) for i in check.rows[-1:] if i < len(table.rows))
                page = table.rows[check.rows[-1]].page if check.rows else table.page_start
                suspects = ""
                if page in ocr_pages:
                    # issue 7: on an OCR'd page the digits themselves are suspect: name the rows
                    suspects = " (OCR page; suspect rows: " + ", ".join(
                        repr(table.rows[i].label) for i in check.rows if i < len(table.rows)
                    ) + ")"
                state.warn(
                    "check_failed",
                    f"{table.kind.value} '{table.title or ''}' p. {page}: {check.rule} of {rows} "
                    f"column {check.column}: expected {check.expected:g}, printed {check.found:g}{suspects}",
                    page,
                )
    state.document.tables = tables
    return state


def choose_engine(state: DocumentState, page: PageLayout, table: Table, default_unit: str | None) -> Table:
    """Keep the geometry table unless a camelot candidate passes more arithmetic checks.

    camelot runs only where our table fails a check: that is where a second opinion can help,
    and it keeps the common case fast.
    """
    run_table_checks(table)
    base = score(table)
    summary = f"{sum(c.ok for c in table.checks)}/{len(table.checks)} checks"
    if all(c.ok for c in table.checks):
        table.extractor = f"geometry ({summary})"
        return table
    best, best_name, best_score = table, "geometry", base
    notes = [f"geometry {summary}"]
    for name in ("camelot-network", "camelot-stream"):
        for cand in ENGINES[name](state.path, page, area=table.bbox, password=state.settings.password, default_unit=default_unit):
            sc = score(cand)
            notes.append(f"{name} {sum(c.ok for c in cand.checks)}/{len(cand.checks)} checks")
            if sc > best_score and len(cand.columns) == len(table.columns):
                best, best_name, best_score = cand, name, sc
    if best is not table:
        # the geometry engine's reading of the title and headers is still the better one
        best.title, best.kind, best.unit, best.note_number = table.title, table.kind, table.unit, table.note_number
        best.columns = table.columns
    best.extractor = f"{best_name} (won: " + "; ".join(notes) + ")"
    return best


def _grid_tables(state: DocumentState, page: PageLayout, found: list[Table], default_unit: str | None) -> list[Table]:
    """Ruled grids (an internal-control plan) through camelot's lattice engine."""
    out = []
    for cand in ENGINES["camelot-lattice"](state.path, page, password=state.settings.password, default_unit=default_unit):
        if cand.bbox is None or any(t.bbox and _overlap(t.bbox, cand.bbox) > 0.5 for t in found):
            continue
        cand.extractor = "camelot-lattice (ruled grid)"
        out.append(cand)
        x0, top, x1, bottom = cand.bbox
        for line in page.lines:
            if top - 1 <= (line.top + line.bottom) / 2 <= bottom + 1 and line.x0 >= x0 - 2 and line.x1 <= x1 + 2:
                state.table_lines.add(id(line))
    return out


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1])) or 1.0
    return w * h / smaller


def _claim_lines(state: DocumentState, page: PageLayout, table: Table, block) -> None:  # type: ignore[no-untyped-def]
    x0, top, x1, bottom = table.bbox or (0, 0, 0, 0)
    top = min(top, *(r.top for r in block.rows))
    for line in page.lines:
        mid = (line.top + line.bottom) / 2
        if top - 1 <= mid <= bottom + 1 and line.x0 >= x0 - 6 and line.x1 <= x1 + 6:
            state.table_lines.add(id(line))


def merge_continued(tables: list[Table]) -> list[Table]:
    """Join a table that goes on at the top of the next page (same columns, no new title)."""
    out: list[Table] = []
    for t in tables:
        if out:
            prev = out[-1]
            same_cols = len(prev.columns) == len(t.columns)
            next_page = t.page_start == prev.page_end + 1
            untitled = t.title is None or _norm(t.title) == _norm(prev.title) or bool(_CONTINUED.search(t.title or ""))
            same_kind = t.kind == prev.kind or t.kind == TableKind.OTHER
            last_on_page = all(o.page_start != prev.page_end or o is prev or o.bbox is None or prev.bbox is None or o.bbox[1] <= prev.bbox[1] for o in tables)
            first_on_page = all(o.page_start != t.page_start or o is t or o.bbox is None or t.bbox is None or o.bbox[1] >= t.bbox[1] for o in tables)
            if same_cols and next_page and untitled and same_kind and last_on_page and first_on_page:
                prev.rows.extend(t.rows)
                prev.page_end = t.page_end
                prev.extractor = prev.extractor + "+stitched"
                continue
        out.append(t)
    return out


def _norm(text: str | None) -> str:
    return _CONTINUED.sub("", (text or "").lower()).strip(" ,.-–")
