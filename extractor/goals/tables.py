"""Goal tables found by their header row and split into columns by the header's x positions.

Chain: `visual_lines` (segments of a page regrouped into rows by vertical overlap) →
`find_header` (a row whose first cell names goals and whose other cells name a follow-up,
"Mål/uppdrag | Uppföljning 31 december", "Nämndmål | Bedömning | Kommentar") →
`collect_region` (the rows under it until the text leaves the table) → `group_rows` (rules and
band fills between rows, else a new left cell) → `find_goal_tables` (regions joined over page
breaks: the header repeats, or the next page simply goes on in the same columns).

Words, not line segments, are split into cells: a segment can run over a cell border when the
gap between cells is narrow ("formulera en reviderad version av | samlades även …").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex
from rapidfuzz import fuzz

from extractor.layout.model import PageLayout, Shape, Word
from extractor.stages.dehyphenate import join_lines as _join_lines

#: First header cell: what the rows are ("Mål och uppdrag 2025", "Regionala mål VOC … 2025-2029").
LEFT_HEADER = regex.compile(
    r"^(?:(?:kommunfullmäktiges|nämndens|förbundets|regionala|strategiska|prioriterade|"
    r"övergripande|finansiella|verksamhetens|centrala)\s+)?"
    r"(?:mål(?:\s*(?:/|och)\s*uppdrag)?|nämndmål|verksamhetsmål|förvaltningsmål|delmål|mätetal|"
    r"indikatorer|indikator|aktiviteter|aktivitet|uppdrag|verksamhet\s+och\s+uppdrag|"
    r"effektmål|resultatmål|mål/mätetal)"
    r"(?:\s+[\p{L}\d/–-]+){0,5}$",
    regex.IGNORECASE,
)
#: Common first header cells, for a fuzzy match of OCR'd headers.
CANONICAL_LEFT = (
    "mål/uppdrag",
    "mål och uppdrag",
    "mätetal",
    "nämndmål",
    "verksamhetsmål",
    "aktivitet",
)
#: Other header cells: the follow-up, the assessment or the degree of completion.
RIGHT_HEADER = regex.compile(
    r"^(?:uppföljning|bedömning|status|färdiggrad|kommentar|kommentarer|måluppfyllelse|utfall|"
    r"resultat|analys|redovisning|åtgärder|måluppfyllnad)(?:\s+[\p{L}\d./–-]+){0,4}$",
    regex.IGNORECASE,
)
_RIGHT_START = regex.compile(
    r"^(?:Uppföljning|Bedömning|Status|Färdiggrad|Kommentar|Kommentarer|Måluppfyllelse|Utfall|"
    r"Resultat|Analys|Redovisning|Åtgärder)$"
)
_STATUS_HEADER = regex.compile(r"^(?:bedömning|status|måluppfyll)", regex.IGNORECASE)
_PROGRESS_HEADER = regex.compile(r"^färdiggrad", regex.IGNORECASE)
#: Spanning rows that comment on the table rather than being a row of it.
NOTE_ROW = regex.compile(
    r"^(?:analys|kommentar|sammanfattning|sammanfattande|not|källa|anm)\b", regex.IGNORECASE
)
#: Tolerance (pt) for a word's left edge against a column start.
COLUMN_TOLERANCE = 3.0
OCR_TOLERANCE = 18.0


def join_lines(lines: list[str]) -> str:
    """`dehyphenate.join_lines`, falling back to plain spaces on text it cannot handle."""
    try:
        return _join_lines(lines)
    except (IndexError, ValueError):  # e.g. a line of only punctuation after a hyphen
        return " ".join(line.strip() for line in lines if line.strip())


@dataclass(slots=True)
class VisualLine:
    """Words of one visual row of a page, left to right."""

    words: list[Word]
    page: int
    top: float
    bottom: float
    x0: float
    x1: float

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def size(self) -> float:
        weights: dict[float, int] = {}
        for w in self.words:
            weights[round(w.size, 1)] = weights.get(round(w.size, 1), 0) + len(w.text)
        return max(weights, key=weights.__getitem__) if weights else 0.0

    @property
    def bold(self) -> bool:
        total = sum(len(w.text) for w in self.words)
        return total > 0 and sum(len(w.text) for w in self.words if w.bold) * 2 > total

    @property
    def italic(self) -> bool:
        total = sum(len(w.text) for w in self.words)
        slanted = sum(len(w.text) for w in self.words if _is_italic(w.fontname))
        return total > 0 and slanted * 2 > total


def _is_italic(fontname: str) -> bool:
    name = fontname.lower()
    return "italic" in name or "oblique" in name


@dataclass(slots=True)
class Column:
    label: str
    role: str  # "goal", "text", "status" or "progress"
    x0: float


@dataclass(slots=True)
class Header:
    page: int
    top: float
    bottom: float
    x0: float
    columns: list[Column]
    size: float

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(c.label.lower() for c in self.columns)

    @property
    def left_label(self) -> str:
        return self.columns[0].label


@dataclass(slots=True)
class RowPart:
    """The piece of a row on one page: where its symbol or progress bar may sit."""

    page: int
    top: float
    bottom: float
    x0: float
    x1: float


@dataclass
class TableRow:
    kind: str  # "goal", "band", "note"
    cells: list[list[VisualLine]]
    parts: list[RowPart]
    spans: list[VisualLine] = field(default_factory=list)
    continued: bool = False

    def cell_text(self, index: int) -> str:
        return cell_text(self.cells[index])

    @property
    def page(self) -> int:
        return self.parts[0].page


@dataclass
class GoalTable:
    header: Header
    rows: list[TableRow]
    #: (page, top, bottom, x0, x1) of every page region, header included.
    regions: list[tuple[int, float, float, float, float]]
    columns_by_page: dict[int, list[Column]] = field(default_factory=dict)


def visual_lines(page: PageLayout) -> list[VisualLine]:
    """Regroup the page's line segments (furniture already removed) into visual rows."""
    words = sorted((w for line in page.lines for w in line.words), key=lambda w: (w.top, w.x0))
    if page.ocr:
        # Specks read as "|", ";" or "=" would shift cell edges and break header matching.
        words = [w for w in words if regex.search(r"[\p{L}\d]", w.text)]
    rows: list[VisualLine] = []
    for w in words:
        height = max(w.bottom - w.top, 1.0)
        for row in reversed(rows[-3:]):
            overlap = min(row.bottom, w.bottom) - max(row.top, w.top)
            if overlap > 0.5 * min(height, row.bottom - row.top):
                row.words.append(w)
                row.top, row.bottom = min(row.top, w.top), max(row.bottom, w.bottom)
                row.x0, row.x1 = min(row.x0, w.x0), max(row.x1, w.x1)
                break
        else:
            rows.append(VisualLine([w], page.number, w.top, w.bottom, w.x0, w.x1))
    for row in rows:
        row.words.sort(key=lambda w: w.x0)
        if page.ocr:
            drop_specks(row)
    rows = [row for row in rows if row.words]
    rows.sort(key=lambda r: r.top)
    return rows


def drop_specks(line: VisualLine) -> None:
    """Drop OCR specks read as short words at the start of a line ("2", "ba", "a 3" before
    the real text far to the right); they would shift the line's left edge out of the table."""
    while line.words:
        first = line.words[0]
        if len(first.text) > 3:
            break
        after = [w for w in line.words[1:] if len(w.text) >= 3]
        if after and after[0].x0 - first.x1 <= 2 * max(first.size, 1.0):
            break
        if not after and len(line.words) > 1 and len(first.text) > 2:
            break
        line.words.pop(0)
    # Trailing specks ("är uppfyllt. i i", "Uppföljning 31 i" with the "i" far right).
    while len(line.words) > 1:
        last, before = line.words[-1], line.words[-2]
        if len(last.text) > 2 or last.x0 - before.x1 <= 2 * max(last.size, 1.0):
            if len(last.text) <= 1 and len(before.text) <= 1:
                line.words.pop()
                continue
            break
        line.words.pop()
    if line.words:
        line.x0, line.x1 = line.words[0].x0, line.words[-1].x1


def split_segments(line: VisualLine, gap_em: float = 1.5) -> list[list[Word]]:
    """Split a visual line where the gap between words is wider than `gap_em` em."""
    segments: list[list[Word]] = []
    for w in line.words:
        if segments and w.x0 - segments[-1][-1].x1 <= gap_em * max(w.size, 1.0):
            segments[-1].append(w)
        else:
            segments.append([w])
    return segments


def _text(words: list[Word]) -> str:
    return " ".join(w.text for w in words).replace("\u00ad", "").strip()


def is_left_header(text: str) -> bool:
    """A first header cell, also when OCR misread a letter ("Målluppdrag" for "Mål/uppdrag")."""
    if LEFT_HEADER.match(text):
        return True
    low = text.lower()
    return len(low) <= 30 and any(fuzz.ratio(low, c) >= 88 for c in CANONICAL_LEFT)


def _header_segments(line: VisualLine) -> list[list[Word]]:
    """Cells of a header row candidate, or [] when some cell is no header cell.

    A narrow gap between the cells (wrapped first cell "Regionala mål VOC Sjuhärad |
    Uppföljning 31 december") is split at the word that starts a follow-up header.
    """
    segments = split_segments(line)
    texts = [_text(s) for s in segments]
    if len(segments) >= 2 and all(RIGHT_HEADER.match(t) for t in texts[1:]):
        return segments
    first = segments[0]
    for j in range(1, len(first)):
        if not _RIGHT_START.match(first[j].text):
            continue
        left, right = first[:j], first[j:]
        if is_left_header(_text(left)) and RIGHT_HEADER.match(_text(right)):
            rest = [right] + segments[1:]
            if all(RIGHT_HEADER.match(_text(s)) for s in rest):
                return [left] + rest
    return segments if len(segments) == 1 else []


def column_role(label: str) -> str:
    if _PROGRESS_HEADER.match(label):
        return "progress"
    if _STATUS_HEADER.match(label):
        return "status"
    return "text"


def find_header(line: VisualLine, page_left: float) -> Header | None:
    """Return the header a visual line makes, or None.

    Every cell of the row must look like a header cell: the first names the goals, the
    others the follow-up. A row with only a bold follow-up cell far right of the page's text
    ("| Uppföljning 31 december" over an unnamed goal column) is a header too.
    """
    segments = _header_segments(line)
    if not segments:
        return None
    texts = [_text(s) for s in segments]
    if len(segments) >= 2 and is_left_header(texts[0]):
        columns = [Column(texts[0], "goal", segments[0][0].x0)]
        columns += [
            Column(t, column_role(t), s[0].x0) for t, s in zip(texts[1:], segments[1:], strict=True)
        ]
        return Header(line.page, line.top, line.bottom, segments[0][0].x0, columns, line.size)
    if (
        len(segments) == 1
        and line.bold
        and RIGHT_HEADER.match(texts[0])
        and regex.match(r"^uppföljning", texts[0], regex.IGNORECASE)
        and segments[0][0].x0 > page_left + 80
    ):
        # The goal column is unnamed; its left edge comes from the rows (see `_fix_left`).
        columns = [
            Column("", "goal", page_left),
            Column(texts[0], column_role(texts[0]), segments[0][0].x0),
        ]
        return Header(line.page, line.top, line.bottom, page_left, columns, line.size)
    return None


def find_left_only_header(lines: list[VisualLine], i: int) -> Header | None:
    """A bold header naming only the goal column ("Regionala mål VOC Sjuhärad 2025-2029" over
    an unnamed follow-up column); the follow-up column starts where the rows below say."""
    line = lines[i]
    if not line.bold or len(split_segments(line)) != 1 or not is_left_header(_text(line.words)):
        return None
    header = Header(
        line.page,
        line.top,
        line.bottom,
        line.x0,
        [Column(_text(line.words), "goal", line.x0)],
        line.size,
    )
    starts: dict[int, int] = {}
    j = i + 1
    while j < len(lines) and lines[j].bold and lines[j].top - line.bottom < 0.35 * line.size:
        j += 1  # the header's wrapped tail
    rows = 0
    texts: dict[int, list[str]] = {}
    for below in lines[j : j + 15]:
        if below.x0 < line.x0 - 2.5 or below.size > line.size + 0.8:
            break
        rows += 1
        for segment in split_segments(below, gap_em=0.8)[1:]:
            x = round(segment[0].x0)
            if x > line.x0 + 60:
                starts[x] = starts.get(x, 0) + 1
                texts.setdefault(x, []).append(_text(segment))
    if not starts:
        return None
    x, count = max(starts.items(), key=lambda kv: kv[1])
    if count < 3 or count < 0.3 * rows:
        return None
    # The follow-up column holds prose; a column of figures belongs to some other table.
    sample = " ".join(texts[x])
    if sum(c.isalpha() for c in sample) < 0.6 * max(len(sample.replace(" ", "")), 1):
        return None
    header.columns.append(Column("", "text", float(x)))
    return header


def same_header(a: Header, b: Header) -> bool:
    """Whether a header at a page top repeats the table's header (a wrapped tail may be lost)."""
    if a.labels[1:] != b.labels[1:]:
        return False
    left_a, left_b = a.labels[0], b.labels[0]
    return left_a.startswith(left_b) or left_b.startswith(left_a)


def _repeat_by_left_label(line: VisualLine, header: Header) -> Header | None:
    """A repeated header whose follow-up label OCR lost or garbled: the first cell matches."""
    if not header.columns[0].label:
        return None
    cells, _ = assign_cells(line, header.columns, OCR_TOLERANCE)
    left = _text(cells[0]).lower()
    if not left or fuzz.ratio(left, header.columns[0].label.lower()) < 85:
        return None
    return Header(line.page, line.top, line.bottom, header.x0, header.columns, header.size)


def _fix_left(header: Header, body: list[VisualLine]) -> Header | None:
    """Set an unnamed goal column's left edge from the rows under the header."""
    if header.columns[0].label:
        return header
    right = header.columns[1].x0
    lefts = [line.x0 for line in body[:12] if line.x0 < right - 40]
    if not lefts:
        return None
    header.x0 = min(lefts)
    header.columns[0].x0 = header.x0
    return header


def assign_cells(
    line: VisualLine, columns: list[Column], tolerance: float = COLUMN_TOLERANCE
) -> tuple[list[list[Word]], bool]:
    """Words of a line per column; the flag tells whether a word runs over a column border."""
    cells: list[list[Word]] = [[] for _ in columns]
    straddles = False
    starts = [columns[0].x0 - COLUMN_TOLERANCE] + [c.x0 - tolerance for c in columns[1:]]
    previous: tuple[Word, int] | None = None
    for w in line.words:
        index = 0
        for i, start in enumerate(starts):
            if w.x0 >= start:
                index = i
        if (
            tolerance > COLUMN_TOLERANCE
            and previous is not None
            and index > previous[1]
            and w.x0 - previous[0].x1 < 0.5 * max(w.size, 1.0)
        ):
            # With loose OCR edges, a word only a space after its neighbour continues its cell.
            index = previous[1]
            straddles = True
        cells[index].append(w)
        previous = (w, index)
        if index + 1 < len(starts) and w.x1 > starts[index + 1] + 2 * tolerance:
            straddles = True
    return cells, straddles


def _ends_table(
    line: VisualLine, header: Header, previous_bottom: float, ocr: bool = False
) -> bool:
    if ocr:
        # OCR sizes and edges wobble: text far below ends the table, and so does prose left
        # of the cells that runs over the column border in one piece; a short band row whose
        # first word box starts early (a speck glued to it) does not.
        if line.top - previous_bottom > max(4 * header.size, 36.0):
            return True
        if line.x0 >= header.x0 - 8 or len(header.columns) < 2:
            return False
        return len(split_segments(line)) == 1 and line.x1 > header.columns[1].x0 + 100
    if line.x0 < header.x0 - 2.5:
        return True  # body text of the page, left of the table's cells
    if line.size > header.size + 0.8 and not line.bold:
        return True
    if line.size > header.size + 2.0:
        return True  # a heading
    return line.top - previous_bottom > max(4 * header.size, 36.0)


def _extend_header(lines: list[VisualLine], start: int, header: Header) -> int:
    """Merge wrapped header lines ("Verksamhet och uppdrag" / "2025") into the header labels."""
    i = start
    while i < len(lines):
        line = lines[i]
        if not line.bold or line.top - header.bottom > 0.35 * header.size:
            break
        cells, straddles = assign_cells(line, header.columns)
        if straddles:
            break
        for column, words in zip(header.columns, cells, strict=True):
            if words:
                column.label = f"{column.label} {_text(words)}".strip()
        header.bottom = line.bottom
        i += 1
    for column in header.columns[1:]:
        column.role = column_role(column.label)
    return i


def _only_page_furniture(rest: list[VisualLine], page_height: float) -> bool:
    """Whether what is left of a page is a page number or a short footer the furniture stage
    kept ("23 (26)"): the table then runs out at the page end and may go on."""
    if page_height <= 0:
        return False
    text = " ".join(line.text for line in rest)
    return all(line.top > 0.85 * page_height for line in rest) and len(text) <= 40


def collect_region(
    lines: list[VisualLine],
    start: int,
    header: Header,
    page_left: float,
    page_height: float = 0.0,
    ocr: bool = False,
) -> tuple[list[VisualLine], int, bool]:
    """Lines of the table from `start`; returns them, the next index and whether the page ran out."""
    body: list[VisualLine] = []
    i = _extend_header(lines, start, header)
    previous_bottom = header.bottom
    while i < len(lines):
        line = lines[i]
        if find_header(line, page_left) is not None:
            return body, i, False
        if _ends_table(line, header, previous_bottom, ocr):
            return body, i, _only_page_furniture(lines[i:], page_height)
        body.append(line)
        previous_bottom = line.bottom
        i += 1
    return body, i, True


def row_boundaries(
    page: PageLayout, x0: float, x1: float, top: float, bottom: float
) -> list[float]:
    """y of the rules and band fills that separate rows inside a table region."""
    width = x1 - x0
    ys: list[float] = []
    for s in page.shapes:
        if s.x1 - s.x0 < 0.5 * width or s.bottom < top - 1 or s.top > bottom + 1:
            continue
        if _is_rule(s):
            ys.append((s.top + s.bottom) / 2)
        elif s.fill is not None and s.height < 60:
            ys.extend((s.top, s.bottom))
    return sorted(ys)


def _is_rule(s: Shape) -> bool:
    return s.kind == "line" or (s.height <= 2.0 and s.width > 10)


def group_rows(
    body: list[VisualLine],
    columns: list[Column],
    boundaries: list[float],
    tolerance: float = COLUMN_TOLERANCE,
) -> list[tuple[list[list[VisualLine]], list[VisualLine], float, float]]:
    """Group the lines of one page region into rows: (cells, spanning lines, top, bottom)."""
    rows: list[tuple[list[list[VisualLine]], list[VisualLine], float, float]] = []
    previous: VisualLine | None = None
    previous_left = False
    for line in body:
        cells, straddles = assign_cells(line, columns, tolerance)
        has_left = bool(cells[0]) or straddles
        if previous is None:
            new = True
        elif boundaries:
            new = any(previous.bottom - 1 < y <= line.top + 1 for y in boundaries)
        else:
            gap = line.top - previous.bottom
            new = has_left and (not previous_left or gap > 0.8 * line.size)
        if not new and not boundaries and rows and cells[0] and any(cells[1:]):
            # A left-only row (a band) followed by a line that fills both sides: a new row.
            row_cells = rows[-1][0]
            new = bool(row_cells[0]) and not any(row_cells[1:]) and not rows[-1][1]
        if new:
            rows.append(([[] for _ in columns], [], line.top, line.bottom))
        row_cells, spans, top, _ = rows[-1]
        if straddles:
            spans.append(line)
        else:
            for i, words in enumerate(cells):
                if words:
                    row_cells[i].append(
                        VisualLine(
                            words, line.page, line.top, line.bottom, words[0].x0, words[-1].x1
                        )
                    )
        rows[-1] = (row_cells, spans, top, line.bottom)
        previous = line
        previous_left = bool(cells[0]) or straddles
    return rows


def cell_text(lines: list[VisualLine]) -> str:
    """Join a cell's lines into paragraphs (a vertical gap starts a new one), hyphens repaired."""
    paragraphs: list[list[str]] = []
    previous: VisualLine | None = None
    for line in lines:
        text = _text(line.words)
        if not text:
            continue
        if (
            previous is None
            or line.top - previous.bottom > 0.45 * max(line.size, 1.0)
            or line.page != previous.page
        ):
            paragraphs.append([text])
        else:
            paragraphs[-1].append(text)
        previous = line
    return "\n\n".join(join_lines(p) for p in paragraphs)


def _classify(cells: list[list[VisualLine]], spans: list[VisualLine], ocr: bool = False) -> str:
    lines = sorted(spans + [line for cell in cells for line in cell], key=lambda x: (x.top, x.x0))
    if not lines:
        return "empty"
    first = lines[0]
    if NOTE_ROW.match(first.text) or (spans and all(line.italic for line in spans)):
        return "note"
    if any(cells[i] for i in range(1, len(cells))):
        return "goal"
    if all(line.bold for line in lines):
        return "band"
    if spans:
        return "note"
    if ocr and len(lines) == 1 and len(first.words) <= 8:
        return "band"  # OCR has no weights: a short row without a follow-up names a group
    return "goal"


def _page_left(lines: list[VisualLine]) -> float:
    return min((line.x0 for line in lines), default=0.0)


def find_goal_tables(pages: list[PageLayout]) -> list[GoalTable]:
    """Every goal table of the document, continued tables joined over page breaks."""
    tables: list[GoalTable] = []
    lines_by_page = [visual_lines(page) for page in pages]
    index, i = 0, 0
    while index < len(pages):
        lines = lines_by_page[index]
        if i >= len(lines):
            index, i = index + 1, 0
            continue
        header = find_header(lines[i], _page_left(lines)) or find_left_only_header(lines, i)
        if header is None:
            i += 1
            continue
        table, end_index, end_i = _follow_table(pages, lines_by_page, index, i, header)
        if table is not None and any(r.kind == "goal" for r in table.rows):
            tables.append(table)
        if end_index == index and end_i <= i:
            end_i = i + 1
        index, i = end_index, end_i
    return tables


def _follow_table(
    pages: list[PageLayout],
    lines_by_page: list[list[VisualLine]],
    index: int,
    i: int,
    header: Header,
) -> tuple[GoalTable | None, int, int]:
    """Read one table from header line `i` of page `index`; returns it and where reading goes on."""
    lines = lines_by_page[index]
    body, next_i, ran_out = collect_region(
        lines, i + 1, header, _page_left(lines), pages[index].height, pages[index].ocr
    )
    fixed = _fix_left(header, body)
    if fixed is None:
        return None, index, next_i
    header = fixed
    table = GoalTable(header, [], [])
    current = header
    continued = False
    while True:
        page = pages[index]
        top = (
            current.top if body and current.page == page.number else (body[0].top if body else 0.0)
        )
        bottom = body[-1].bottom if body else current.bottom
        x1 = max([line.x1 for line in body] + [page.width - 30])
        table.regions.append((page.number, top, bottom, header.x0, x1))
        table.columns_by_page[page.number] = current.columns
        _add_rows(table, page, body, current.columns, current, continued)
        if not ran_out or index + 1 >= len(pages):
            return table, index, next_i
        # Does the table go on at the top of the next page?
        nxt = lines_by_page[index + 1]
        if not nxt:
            return table, index, next_i
        repeat = find_header(nxt[0], _page_left(nxt)) or _repeat_by_left_label(nxt[0], header)
        if repeat is not None:
            start = _extend_header(nxt, 1, repeat)
            if repeat.columns[0].label and not same_header(repeat, header):
                return table, index, next_i  # another table starts there
            if not repeat.columns[0].label:
                repeat.columns[0].x0 = header.columns[0].x0
                repeat.x0 = header.x0
            current = repeat
        elif _ends_table(nxt[0], header, nxt[0].top - 1, pages[index + 1].ocr):
            return table, index, next_i
        else:
            current = Header(
                nxt[0].page, nxt[0].top, nxt[0].top, header.x0, header.columns, header.size
            )
            start = 0
        index += 1
        lines = lines_by_page[index]
        body, next_i, ran_out = collect_region(
            lines, start, current, _page_left(lines), pages[index].height, pages[index].ocr
        )
        continued = True
        if not body:
            return table, index, next_i


def _add_rows(
    table: GoalTable,
    page: PageLayout,
    body: list[VisualLine],
    columns: list[Column],
    header: Header,
    continued: bool,
) -> None:
    if not body:
        return
    x1 = max([line.x1 for line in body] + [columns[-1].x0 + 20])
    boundaries = row_boundaries(page, header.x0 - 8, x1, body[0].top, body[-1].bottom)
    # OCR word boxes wobble by a few points; a cell's first word may start left of its column.
    grouped = group_rows(body, columns, boundaries, OCR_TOLERANCE if page.ocr else COLUMN_TOLERANCE)
    tops = [top for _, _, top, _ in grouped]
    for k, (cells, spans, top, bottom) in enumerate(grouped):
        upper = top - 0.6 * header.size
        if k + 1 < len(grouped):
            lower = tops[k + 1] - 0.6 * header.size
        else:
            lower = bottom + 0.8 * header.size
        part = RowPart(page.number, upper, lower, header.x0 - 8, x1)
        kind = _classify(cells, spans, page.ocr)
        if kind == "empty":
            continue
        left_text = cell_text(cells[0])
        goes_on = not cells[0] or (left_text[:1].islower() and not spans)
        if k == 0 and continued and goes_on and not spans and table.rows:
            # The row goes on from the previous page: its left cell is empty here.
            last = table.rows[-1]
            for i, lines in enumerate(cells):
                last.cells[i].extend(lines)
            last.parts.append(part)
            last.continued = True
            continue
        if not cells[0] and not spans and table.rows and kind == "goal":
            last = table.rows[-1]
            for i, lines in enumerate(cells):
                last.cells[i].extend(lines)
            last.parts.append(part)
            continue
        table.rows.append(TableRow(kind, cells, [part], spans))
