"""From a block of row candidates to a typed `Table`: labels, notes, columns, title, kind, unit.

Chain: `join_wrapped_labels → mark_rows → find_columns → find_title → classify`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extractor.model import Column, ColumnType, Row, Table, TableKind
from extractor.model.base import round_bbox
from extractor.stages.dehyphenate import join_lines
from extractor.tables.geometry import (
    ANCHOR_TOLERANCE,
    Block,
    RowCandidate,
    Token,
    _is_year_row,
    assign_column,
    cluster_edges,
    find_anchors,
    is_header_row,
    is_prose,
)
from extractor.tables.keys import canonical_key

TOTAL_LABEL = regex.compile(
    r"^(summa|s:a|totalt?|total\b|årets resultat|periodens resultat|resultat\b|rörelseresultat|"
    r"verksamhetens nettokostnad|balanskravsresultat|nettokostnad|likvida medel vid (årets|periodens) slut|"
    r"årets kassaflöde|kassaflöde från|medel från verksamheten|netto\b|utgående|justerat resultat)",
    regex.IGNORECASE,
)
_CONTINUES = regex.compile(r"(-|\boch|\bsamt|\beller|\bav|\bi|\bför|\btill|\bmed|,)$", regex.IGNORECASE)
_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_PERIOD = regex.compile(r"((?:19|20)\d\d)-\d\d-\d\d\s*[-–]?\s*((?:19|20)\d\d)-\d\d-\d\d")
UNIT_PATTERNS = [
    ("mnkr", regex.compile(r"\b(mnkr|mkr|miljoner kronor|mnsek)\b", regex.IGNORECASE)),
    ("tkr", regex.compile(r"\b(tkr|tusental kronor|ksek|tsek)\b", regex.IGNORECASE)),
    ("kr", regex.compile(r"\b(kr|kronor|sek)\b", regex.IGNORECASE)),
]
KIND_PATTERNS = [
    (TableKind.BALANSKRAVSRESULTAT, regex.compile(r"balanskravs", regex.IGNORECASE)),
    (TableKind.RESULTATRAKNING, regex.compile(r"resultaträkning", regex.IGNORECASE)),
    (TableKind.BALANSRAKNING, regex.compile(r"balansräkning", regex.IGNORECASE)),
    (TableKind.KASSAFLODESANALYS, regex.compile(r"kassaflöde", regex.IGNORECASE)),
    (TableKind.DRIFTREDOVISNING, regex.compile(r"driftredovisning", regex.IGNORECASE)),
    (TableKind.INVESTERINGSREDOVISNING, regex.compile(r"investeringsredovisning|investeringar", regex.IGNORECASE)),
    (TableKind.FLERARSOVERSIKT, regex.compile(r"flerårsöversikt|femårsöversikt|flerårsjämförelse", regex.IGNORECASE)),
    (TableKind.NYCKELTAL, regex.compile(r"nyckeltal|personal", regex.IGNORECASE)),
]
STATEMENTS = {
    TableKind.RESULTATRAKNING, TableKind.BALANSRAKNING, TableKind.KASSAFLODESANALYS,
    TableKind.DRIFTREDOVISNING, TableKind.BALANSKRAVSRESULTAT, TableKind.INVESTERINGSREDOVISNING,
}
_EXPLICIT_SUM = regex.compile(r"^(summa|s:a|totalt?\b|total\b)", regex.IGNORECASE)
_UNIT_WORDS = {"tkr", "kr", "mnkr", "mkr", "belopp", "ksek", "tsek", "sek", "%", "procent", "not"}
_SECTION_PREFIX = regex.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+")
_RESULT_ITEM = regex.compile(r"^(årets|periodens) resultat$", regex.IGNORECASE)
NOTE_TITLE = regex.compile(r"^(?:not|note)\s*(\d{1,3})\b[\s.:,]*(.*)$", regex.IGNORECASE)
NUMBERED_NOTE_TITLE = regex.compile(r"^(\d{1,2})\s+(\p{Lu}.{2,80})$")


@dataclass
class DraftRow:
    label: str
    label_x0: float
    values: list[float | int | str | None]
    note: str | None
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    bold: bool
    is_value: bool
    footnotes: list[str] = field(default_factory=list)
    is_total: bool = False
    is_heading: bool = False
    level: int = 0


def join_wrapped_labels(rows: list[RowCandidate]) -> list[RowCandidate | tuple[str, RowCandidate]]:
    """Attach text-only lines to the value row they belong to.

    A text line directly above a value row whose label is empty or starts in lower case (or
    that ends in a hyphen or a conjunction) is the first part of that label; a lower-case text
    line directly below a value row is its tail. Whatever remains is a heading row.
    Returns value rows, with joined labels stored on a copy, and ("heading", row) items.
    """
    out: list[RowCandidate | tuple[str, RowCandidate]] = []
    i = 0
    n = len(rows)
    while i < n:
        r = rows[i]
        if r.is_value_row:
            out.append(r)
            i += 1
            continue
        nxt = rows[i + 1] if i + 1 < n else None
        prev = out[-1] if out and isinstance(out[-1], RowCandidate) else None
        text = r.label
        # tail of the previous value row
        if prev is not None and text[:1].islower() and r.top - prev.bottom < 0.8 * prev.height:
            _extend_label(prev, r, after=True)
            i += 1
            continue
        # head of the next value row
        if nxt is not None and nxt.is_value_row and nxt.top - r.bottom < 0.8 * r.height:
            nlabel = nxt.label
            if not nlabel or nlabel[:1].islower() or _CONTINUES.search(text):
                if not (r.bold and not nxt.bold and nlabel and nlabel[:1].isupper()):
                    _extend_label(nxt, r, after=False)
                    i += 1
                    continue
        out.append(("heading", r))
        i += 1
    return out


def _extend_label(row: RowCandidate, other: RowCandidate, after: bool) -> None:
    parts = [row.label, other.label] if after else [other.label, row.label]
    joined = join_lines([p for p in parts if p])
    # keep the joined label as a single synthetic token so later steps see one label
    base = row.label_tokens[0] if row.label_tokens else other.label_tokens[0]
    token = Token(joined, min(base.x0, other.label_x0), base.x1, min(row.top, other.top), max(row.bottom, other.bottom), base.size, row.bold)
    row.label_tokens = [token]
    row.top = min(row.top, other.top)
    row.bottom = max(row.bottom, other.bottom)
    if other.note and not row.note:
        row.note = other.note


_NOTE_LIKE = regex.compile(r"^[1-9]\d?(?:\s*[,&]\s*\d{1,2})*,?$")
_NOTE_LIST = regex.compile(r"^\d{1,2}(?:\s*[,&]\s*\d{1,2})+$")
_NOTE_PART = regex.compile(r"^\d{1,2}[,&]$")


def split_off_notes(value_rows: list[RowCandidate], header_tokens: list[Token] | None = None) -> None:
    """Move note references out of the values: "Byggnader  Not 8,12   666 670 761 …".

    A note is a small unsigned integer or a list ("3, 4, 5, 6", "8,12") printed left of the
    value columns, where no amount of another row stands; lists split into words ("3," "4,")
    are joined first.
    """
    for r in value_rows:
        # "Avskrivningar   4&5   -231 386": a note list is no number, so it ends the label
        if r.note is None and len(r.label_tokens) >= 2 and _NOTE_LIST.match(r.label_tokens[-1].text):
            t = r.label_tokens.pop()
            r.note, r.note_token = t.text, t
            _drop_not_word(r)
            continue
        # "Driftskostnader 3, 4, 5,  6  -1 341 985": the list's head sits in the label
        k = len(r.label_tokens)
        while k > 0 and _NOTE_PART.match(r.label_tokens[k - 1].text):
            k -= 1
        if k < len(r.label_tokens) and r.value_tokens and _NOTE_LIKE.match(r.value_tokens[0].text):
            parts = r.label_tokens[k:] + [r.value_tokens[0]]
            r.note = " ".join(t.text for t in parts)
            r.note_token = parts[-1]
            r.label_tokens = r.label_tokens[:k]
            r.value_tokens = r.value_tokens[1:]
            _drop_not_word(r)
    main = [t for r in value_rows for t in (r.value_tokens[1:] if r.value_tokens and _NOTE_LIKE.match(r.value_tokens[0].text) else r.value_tokens)]
    anchors = cluster_edges([t.x1 for t in main])
    if not anchors:
        return
    first = min(anchors)
    for r in value_rows:
        if len(r.value_tokens) < 2 or r.note is not None:
            continue
        t = r.value_tokens[0]
        year_over = any(_YEAR.fullmatch(h.text) and abs(h.x1 - t.x1) < ANCHOR_TOLERANCE * 2 for h in header_tokens or [])
        if _NOTE_LIKE.match(t.text) and not year_over and t.x1 < first - 20 and all(abs(t.x1 - a) > ANCHOR_TOLERANCE * 1.5 for a in anchors):
            r.note = t.text
            r.note_token = t
            r.value_tokens = r.value_tokens[1:]
            _drop_not_word(r)


def _drop_not_word(r: RowCandidate) -> None:
    """The word "Not" before a note reference is part of the reference, not of the label."""
    if r.label_tokens and r.label_tokens[-1].text.lower().rstrip(".:") in ("not", "note", "noter"):
        r.label_tokens = r.label_tokens[:-1]


def find_note_anchor(value_rows: list[RowCandidate], anchors: list[float], header_tokens: list[Token]) -> int | None:
    """The anchor of a "Not" column: small unsigned integers, or "Not" printed above it."""
    for i, a in enumerate(anchors):
        tokens = [t for r in value_rows for t in r.value_tokens if assign_column(t, anchors) == i]
        if len(anchors) < 2 or not tokens:
            continue
        small = all(t.number is not None and isinstance(t.number.value, int) and 0 < t.number.value < 100 and t.text.isdigit() for t in tokens)
        headed = any(h.text.lower() in ("not", "noter", "not.") and abs(h.x1 - a) < 25 for h in header_tokens)
        # a year printed over the column makes it a value column ("2023  2024  2025")
        year_over = any(_YEAR.fullmatch(h.text) and abs(h.x1 - a) < ANCHOR_TOLERANCE * 2 for h in header_tokens)
        if small and not year_over and (headed or (i < len(anchors) - 1 and len(tokens) >= 2)):
            return i
    return None


def build_table(block: Block, page_rows: list[RowCandidate], page_width: float, default_unit: str | None) -> Table | None:
    # year rows inside a table ("2023  2022" over a note's second part) are sub-headers
    rows = [r for r in block.rows if not (r.is_value_row and _is_year_row(r) and not r.label_tokens)]
    header_rows, title_rows, lead_rows = _header_and_title(block, page_rows, page_width)
    header_tokens = [t for r in header_rows for t in r.tokens]
    value_rows = [r for r in rows if r.is_value_row]
    split_off_notes(value_rows, header_tokens)
    value_rows = [r for r in rows if r.is_value_row]
    anchors = find_anchors(value_rows)
    if len(value_rows) == 1:
        anchors = sorted(t.x1 for t in value_rows[0].value_tokens)  # a one-row note table
    if not anchors:
        return None
    rows = lead_rows + rows
    note_anchor = find_note_anchor(value_rows, anchors, header_tokens)
    value_anchors = [a for i, a in enumerate(anchors) if i != note_anchor]
    if not value_anchors:
        return None
    if note_anchor is not None:
        for r in value_rows:
            for t in list(r.value_tokens):
                if assign_column(t, anchors) == note_anchor:
                    r.note = t.text
                    r.value_tokens.remove(t)
                    _drop_not_word(r)
    items = join_wrapped_labels(rows)
    drafts: list[DraftRow] = []
    for item in items:
        if isinstance(item, tuple):
            r = item[1]
            drafts.append(DraftRow(r.label, r.label_x0, [None] * len(value_anchors), r.note, r.page, r.top, r.bottom, r.x0, r.tokens[-1].x1, r.bold, False, is_heading=True))
            continue
        r = item
        values: list[float | int | str | None] = [None] * len(value_anchors)
        note = r.note
        footnotes: list[str] = []
        for t in r.value_tokens:
            col = assign_column(t, anchors)
            if col is None:
                continue
            idx = value_anchors.index(anchors[col])
            if t.dash:
                values[idx] = 0
            elif t.number is not None:
                values[idx] = t.number.value
                if t.number.footnote:
                    footnotes.append(t.number.footnote)
        drafts.append(DraftRow(r.label, r.label_x0, values, note, r.page, r.top, r.bottom, r.x0, r.tokens[-1].x1, r.bold, True, footnotes))
    _mark_totals_and_levels(drafts)
    columns = _columns(value_anchors, header_rows, anchors, note_anchor)
    title = _title(title_rows, header_rows)
    kind = classify(title, [d.label for d in drafts], columns)
    for d in drafts:
        if d.is_total and d.label:
            d.is_total = label_is_total(d.label, kind)
    unit = _unit(header_rows + title_rows) or default_unit
    if any(c.type == ColumnType.YEAR and "%" in c.label for c in columns):
        unit = "%"
    note_number = None
    if title:
        m = NOTE_TITLE.match(title) or NUMBERED_NOTE_TITLE.match(title)
        if m and kind in (TableKind.OTHER, TableKind.NOT, TableKind.NYCKELTAL):
            note_number = int(m.group(1))
            kind = TableKind.NOT
            title = m.group(2).strip() or title
        else:
            title = _SECTION_PREFIX.sub("", title)
    out_rows = [
        Row(
            label=d.label,
            key=canonical_key(d.label) if d.label else None,
            note=d.note,
            values=d.values,
            is_total=d.is_total,
            is_heading=d.is_heading,
            level=d.level,
            page=d.page,
            bbox=round_bbox(d.x0, d.top, d.x1, d.bottom),
            footnotes=d.footnotes,
        )
        for d in drafts
    ]
    # trailing heading rows belong to whatever follows, not to this table
    while out_rows and out_rows[-1].is_heading:
        out_rows.pop()
    while out_rows and out_rows[0].is_heading and _looks_like_title(out_rows[0].label) and title is None:
        title = out_rows.pop(0).label
    if not any(not r.is_heading for r in out_rows):
        return None
    top = min(r.top for r in rows)
    return Table(
        kind=kind,
        title=title,
        unit=unit,
        note_number=note_number,
        page_start=block.page,
        page_end=block.page,
        bbox=round_bbox(min(r.x0 for r in rows), top, max(r.tokens[-1].x1 for r in rows), max(r.bottom for r in rows)),
        columns=columns,
        rows=out_rows,
        extractor="geometry",
    )


def label_is_total(label: str, kind: TableKind) -> bool:
    """Whether a row with this label is the sum of the rows above it in a table of `kind`."""
    if not TOTAL_LABEL.match(label):
        return False
    # outside the statements only explicit sums are totals: "Årets resultat" in a disposition
    # table or "Resultat efter finansiella poster" in a multi-year overview is a figure, not
    # the sum of the rows above it
    if kind not in STATEMENTS and not _EXPLICIT_SUM.match(label):
        return False
    # in the balance sheet "Årets resultat" is an item of fritt eget kapital, not a total
    return not (kind == TableKind.BALANSRAKNING and _RESULT_ITEM.match(label))


def _looks_like_title(text: str) -> bool:
    return any(p.search(text) for _, p in KIND_PATTERNS) or bool(NOTE_TITLE.match(text))


def _mark_totals_and_levels(drafts: list[DraftRow]) -> None:
    indents = sorted({round(d.label_x0) for d in drafts if d.label})
    clusters: list[float] = []
    for x in indents:
        if not clusters or x - clusters[-1] > 3:
            clusters.append(x)
    for d in drafts:
        if d.is_value:
            d.is_total = (not d.label) or bool(TOTAL_LABEL.match(d.label))
        if d.label and clusters:
            d.level = min(sum(1 for c in clusters if d.label_x0 > c + 3), 3)


def _header_and_title(
    block: Block, page_rows: list[RowCandidate], page_width: float
) -> tuple[list[RowCandidate], list[RowCandidate], list[RowCandidate]]:
    """Header rows (years, dates, Not), the title line, and heading rows opening the table."""
    headers: list[RowCandidate] = []
    titles: list[RowCandidate] = []
    leads: list[RowCandidate] = []
    first = block.rows[0]
    top_limit = first.top - 90
    i = block.start - 1
    while i >= 0:
        r = page_rows[i]
        if r.bottom < top_limit or is_prose(r, page_width):
            break
        if r.is_value_row and not is_header_row(r) and any(t.number is not None and not _YEAR.fullmatch(t.text) for t in r.value_tokens):
            break
        if is_header_row(r) or any(_YEAR.fullmatch(t.text) or regex.match(r"^(?:19|20)\d\d-\d\d-\d\d", t.text) for t in r.tokens):
            headers.insert(0, r)
            # a title printed on the header row's left ("Resultaträkning   2023-12-31")
            lead = [t for t in r.tokens if not (_YEAR.search(t.text) or t.text.lower() in ("not", "tkr", "kr"))]
            if lead and lead[0].x1 < page_width * 0.5 and len(lead) <= 6 and not titles:
                txt = " ".join(t.text for t in lead)
                if _looks_like_title(txt):
                    titles.insert(0, RowCandidate(r.page, r.top, r.bottom, lead, label_tokens=lead, bold=lead[0].bold, size=lead[0].size))
        elif (
            not headers
            and not r.value_tokens
            and len(r.label_tokens) <= 8
            and not _looks_like_title(r.label)
            and r.size <= first.size + 0.5
            and not r.label.endswith(".")
            and r.bottom > (leads[0].top if leads else first.top) - 2.5 * first.height
        ):
            leads.insert(0, r)  # "Rörelseintäkter", "Bundet eget kapital" opening the table
        elif (
            len(r.label_tokens) <= 12
            and (r.bold or r.size > first.size + 0.5 or _looks_like_title(r.label))
            and not r.label.endswith(".")
            and not r.label[:1].islower()
        ):
            titles.insert(0, r)
            break
        elif not titles and len(r.tokens) <= 4 and any(t.text.lower().strip(":.()") in _UNIT_WORDS for t in r.tokens):
            headers.insert(0, r)  # "Belopp i tkr", "Tkr"
        else:
            break
        i -= 1
    if not titles:
        # the section heading a short introduction away: "2.9 Väsentliga personalförhållanden"
        j = i
        while j >= 0 and page_rows[j].bottom > first.top - 220:
            r = page_rows[j]
            if r.is_value_row and not is_header_row(r):
                break
            if r.bold and not r.value_tokens and len(r.label_tokens) <= 12 and (r.size > first.size + 0.5 or _SECTION_PREFIX.match(r.label) or _looks_like_title(r.label)):
                titles.insert(0, r)
                break
            j -= 1
    return headers, titles, leads


def _columns(value_anchors: list[float], header_rows: list[RowCandidate], anchors: list[float], note_anchor: int | None) -> list[Column]:
    columns: list[Column] = []
    tokens = [t for r in header_rows for t in r.tokens]
    for i, a in enumerate(value_anchors):
        left = value_anchors[i - 1] if i > 0 else (anchors[note_anchor] if note_anchor is not None and anchors[note_anchor] < a else a - 90)
        parts = [t for t in tokens if t.x1 <= a + ANCHOR_TOLERANCE + 6 and t.x0 > left - 2 and t.x1 > left + 4]
        parts.sort(key=lambda t: (round(t.top), t.x0))
        label = " ".join(t.text for t in parts).strip()
        columns.append(_typed_column(label, i))
    if note_anchor is not None:
        columns.append(Column(label="Not", type=ColumnType.NOTE, year=None))
    return columns


def _typed_column(label: str, index: int) -> Column:
    low = label.lower()
    years = [int(y) for y in _YEAR.findall(label)]
    year = years[-1] if years else None
    period = _PERIOD.search(label)
    if "avvikelse" in low or "diff" in low or "avv" in low:
        ctype = ColumnType.DEVIATION
    elif "budget" in low or "prognos" in low:
        ctype = ColumnType.BUDGET
    elif period:
        ctype = ColumnType.PERIOD
        year = int(period.group(2))
    elif year is not None:
        ctype = ColumnType.YEAR
    elif not label:
        ctype = ColumnType.YEAR if index < 2 else ColumnType.TEXT
        label = f"kolumn {index + 1}"
    else:
        ctype = ColumnType.TEXT
    return Column(label=label, type=ctype, year=year)


_DATES = regex.compile(r"\s*\b(?:19|20)\d\d-\d\d-\d\d\b")


def _title(title_rows: list[RowCandidate], header_rows: list[RowCandidate]) -> str | None:
    if title_rows:
        text = _DATES.sub("", " ".join(r.label for r in title_rows)).strip()
        return text or None
    return None


def _unit(rows: list[RowCandidate]) -> str | None:
    text = " ".join(t.text for r in rows for t in r.tokens)
    for unit, pattern in UNIT_PATTERNS:
        if pattern.search(text):
            return unit
    return None


def classify(title: str | None, labels: list[str], columns: list[Column]) -> TableKind:
    """Kind from the title first, then from the rows a statement always has."""
    if title:
        for kind, pattern in KIND_PATTERNS:
            if pattern.search(title):
                return kind
        if NOTE_TITLE.match(title):
            return TableKind.NOT
    text = " | ".join(label.lower() for label in labels)
    if "summa tillgångar" in text or "eget kapital och skulder" in text or (
        "anläggningstillgångar" in text and "omsättningstillgångar" in text
    ) or ("summa eget kapital" in text and "skulder" in text):
        return TableKind.BALANSRAKNING
    if "kassaflöde" in text or "likvida medel vid" in text:
        return TableKind.KASSAFLODESANALYS
    if any(c.type == ColumnType.DEVIATION for c in columns) and any(c.type == ColumnType.BUDGET for c in columns):
        return TableKind.DRIFTREDOVISNING
    if ("årets resultat" in text or "rörelseresultat" in text) and (
        "nettoomsättning" in text or "verksamhetens intäkter" in text or "rörelseintäkter" in text
    ):
        return TableKind.RESULTATRAKNING
    return TableKind.OTHER
