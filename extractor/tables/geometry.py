"""Our own word-geometry table engine for borderless tables of Swedish numbers.

Chain: `visual_rows → merge_number_tokens → split_row → find_anchors → find_blocks →
block_to_table`. Column boundaries come from the right edges of numbers (they are
right-aligned); Swedish number tokens ("1 423 133": three words) are kept whole; labels
wrapped over two or three lines are joined into one row, whichever line carries the values.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extractor.layout.model import Line, PageLayout, Word
from extractor.tables.numbers import ParsedNumber, is_dash, parse_number_full

#: Tolerance (pt) when clustering right edges of numbers into columns.
ANCHOR_TOLERANCE = 7.0
#: Digit groups closer than this share of the font size belong to one number.
GROUP_GAP_EM = 0.6

_CELL_UNITS = {"tkr", "kr", "mnkr", "mkr", "kkr", "sek", "ksek"}
_LIST_PART = regex.compile(r"^\d{1,2}[,&]$")
_GROUP_START = regex.compile(r"^[(]?[-−–+]?\d{1,3}$")
_GROUP_NEXT = regex.compile(r"^\d{3}(?:,\d+)?[)]?(?:[*¹²³†‡]+)?%?$")
_NOTE_TOKEN = regex.compile(r"^(?:not|note)\s*(\d{1,2}(?:\s*[,&och-]+\s*\d{1,2})*)$", regex.IGNORECASE)
_NOTE_REF = regex.compile(r"^\d{1,2}(?:\s*[,&-]\s*\d{1,2})*[a-z]?$")
_YEAR = regex.compile(r"^(?:19|20)\d\d$")
_DATE = regex.compile(r"^(?:19|20)\d\d-\d\d-\d\d$")
_SENTENCE_END = regex.compile(r"[.!?:]$")


@dataclass(slots=True)
class Token:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    number: ParsedNumber | None = None
    dash: bool = False

    @property
    def numeric(self) -> bool:
        return self.number is not None or self.dash


@dataclass(slots=True)
class RowCandidate:
    page: int
    top: float
    bottom: float
    tokens: list[Token]
    label_tokens: list[Token] = field(default_factory=list)
    value_tokens: list[Token] = field(default_factory=list)
    note: str | None = None
    note_token: Token | None = None
    bold: bool = False
    size: float = 0.0

    @property
    def label(self) -> str:
        return " ".join(t.text for t in self.label_tokens)

    @property
    def x0(self) -> float:
        return self.tokens[0].x0 if self.tokens else 0.0

    @property
    def label_x0(self) -> float:
        return self.label_tokens[0].x0 if self.label_tokens else self.x0

    @property
    def is_value_row(self) -> bool:
        return bool(self.value_tokens)

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


def visual_rows(lines: list[Line]) -> list[list[Word]]:
    """Group line segments into visual rows (one table row each), top to bottom."""
    segments = sorted(lines, key=lambda s: (s.top + s.bottom) / 2)
    rows: list[tuple[float, float, list[Word]]] = []
    for seg in segments:
        mid = (seg.top + seg.bottom) / 2
        if rows:
            top, bottom, words = rows[-1]
            height = bottom - top
            if abs(mid - (top + bottom) / 2) < 0.45 * max(height, seg.bottom - seg.top):
                words.extend(seg.words)
                rows[-1] = (min(top, seg.top), max(bottom, seg.bottom), words)
                continue
        rows.append((seg.top, seg.bottom, list(seg.words)))
    out = []
    for _, _, words in rows:
        words.sort(key=lambda w: w.x0)
        out.append(words)
    return out


def merge_number_tokens(words: list[Word]) -> list[Token]:
    """Join digit groups of one number ("1" "423" "133" → "1 423 133") by their small gaps."""
    tokens: list[Token] = []
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        text, x0, x1 = w.text, w.x0, w.x1
        top, bottom = w.top, w.bottom
        j = i + 1
        if _GROUP_START.match(text):
            while j < n and _GROUP_NEXT.match(words[j].text) and words[j].x0 - x1 < GROUP_GAP_EM * max(w.size, 6.0):
                text = f"{text} {words[j].text}"
                x1 = words[j].x1
                top, bottom = min(top, words[j].top), max(bottom, words[j].bottom)
                j += 1
        # "12 %" printed as two words
        if j < n and words[j].text == "%" and words[j].x0 - x1 < GROUP_GAP_EM * max(w.size, 6.0):
            text = f"{text} %"
            x1 = words[j].x1
            j += 1
        number = parse_number_full(text)
        # "250 tkr": a unit printed in every cell (investment tables) belongs to the number
        if number is not None and j < n and words[j].text.lower() in _CELL_UNITS and words[j].x0 - x1 < 1.2 * max(w.size, 6.0):
            text = f"{text} {words[j].text}"
            x1 = words[j].x1
            j += 1
        token = Token(text, x0, x1, top, bottom, w.size, w.bold)
        token.number = number
        token.dash = token.number is None and is_dash(text)
        tokens.append(token)
        i = j
    return tokens


def split_row(tokens: list[Token], page: int) -> RowCandidate:
    """Label on the left, values on the right, a note reference between them."""
    row = RowCandidate(page=page, top=min(t.top for t in tokens), bottom=max(t.bottom for t in tokens), tokens=tokens)
    # values: the maximal run of numeric tokens at the right end of the row
    k = len(tokens)
    while k > 0 and tokens[k - 1].numeric:
        k -= 1
    # A number right after the label words, one word space away, is part of the label:
    # "Beslutade och ej avslutade interna projekt 2024*", "Överskott 2024"
    while (
        0 < k < len(tokens)
        and tokens[k].x0 - tokens[k - 1].x1 < 0.9 * max(tokens[k].size, 6.0)
        and not tokens[k - 1].numeric
        and not _LIST_PART.match(tokens[k - 1].text)  # "4, 5, 6, 7": a note list, not a label
    ):
        k += 1
    # A year alone in the label column ("2014   9 500   0   0") is the row's label
    if k == 0 and len(tokens) >= 3 and _YEAR.match(tokens[0].text) and tokens[1].x0 - tokens[0].x1 > 2 * max(tokens[0].size, 6.0):
        k = 1
    values = tokens[k:]
    label = tokens[:k]
    # A label that ends in a number glued to it ("Not 3") or a bare note reference between
    # label and values; only small integers far from the label count as notes.
    if label and len(label) >= 2 and label[-1].text.isdigit() and label[-2].text.lower() in ("not", "note"):
        row.note = label[-1].text
        row.note_token = Token(f"{label[-2].text} {label[-1].text}", label[-2].x0, label[-1].x1, label[-1].top, label[-1].bottom, label[-1].size, False)
        label = label[:-2]
    elif label and _NOTE_TOKEN.match(label[-1].text):
        row.note = _NOTE_TOKEN.match(label[-1].text).group(1)
        row.note_token = label[-1]
        label = label[:-1]
    row.label_tokens = label
    row.value_tokens = values
    words = label + values
    row.bold = bool(words) and sum(len(t.text) for t in words if t.bold) * 2 > sum(len(t.text) for t in words)
    row.size = max((t.size for t in tokens), default=0.0)
    return row


def find_anchors(rows: list[RowCandidate]) -> list[float]:
    """Right edges shared by numbers of several rows: the value columns."""
    return cluster_edges([t.x1 for r in rows for t in r.value_tokens])


def cluster_edges(edges: list[float]) -> list[float]:
    """Right edges within `ANCHOR_TOLERANCE` of each other, seen at least twice."""
    clusters: list[list[float]] = []
    for x in sorted(edges):
        if clusters and x - clusters[-1][-1] <= ANCHOR_TOLERANCE:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    return [max(c) for c in clusters if len(c) >= 2]


def assign_column(token: Token, anchors: list[float]) -> int | None:
    best = None
    for i, a in enumerate(anchors):
        d = abs(token.x1 - a)
        if d <= ANCHOR_TOLERANCE * 1.5 and (best is None or d < best[1]):
            best = (i, d)
    return None if best is None else best[0]


def is_prose(row: RowCandidate, page_width: float) -> bool:
    """A line of running text (a sentence across the page), never a table row."""
    text = row.label
    width = (row.tokens[-1].x1 - row.tokens[0].x0) if row.tokens else 0
    words = len(row.label_tokens)
    return (words >= 9 and width > 0.55 * page_width) or (words >= 12 and _SENTENCE_END.search(text) is not None)


def is_header_row(row: RowCandidate) -> bool:
    """Column headers: years, dates, "Not", "Tkr", "Utfall 2025" …, no amounts."""
    texts = [t.text for t in row.tokens]
    if not texts:
        return False
    hits = 0
    for t in texts:
        low = t.lower().strip(":")
        if _YEAR.match(t) or _DATE.match(t) or low in {
            "not", "noter", "tkr", "kr", "mnkr", "belopp", "i", "utfall", "budget", "avvikelse",
            "bokslut", "prognos", "-", "–", "%", "sek", "ksek", "mkr", "diff", "differens", "helår",
        }:
            hits += 1
        elif regex.match(r"^(?:19|20)\d\d-\d\d-\d\d\s*[-–]?$", t):
            hits += 1
    return hits >= max(1, len(texts) // 2)


def page_rows(page: PageLayout, claimed: set[int]) -> list[RowCandidate]:
    lines = [line for line in page.lines if id(line) not in claimed]
    rows = []
    for words in visual_rows(lines):
        tokens = merge_number_tokens(words)
        if tokens:
            rows.append(split_row(tokens, page.number))
    return rows


@dataclass(slots=True)
class Block:
    page: int
    rows: list[RowCandidate]
    start: int  # index of the first row in the page's rows
    end: int  # index after the last row


def find_blocks(rows: list[RowCandidate], page_width: float) -> list[Block]:
    """Runs of value rows aligned on shared number columns, with headings between them."""
    value_rows = [r for r in rows if r.is_value_row and not is_prose(r, page_width)]
    anchors_all = find_anchors(value_rows)
    blocks: list[Block] = []
    current: list[RowCandidate] = []
    pending: list[RowCandidate] = []  # text rows waiting to see whether the table goes on
    last_bottom = None
    index = {id(r): i for i, r in enumerate(rows)}

    def aligned(r: RowCandidate) -> bool:
        return any(assign_column(t, anchors_all) is not None for t in r.value_tokens)

    def close() -> None:
        nonlocal current, pending
        # A wrapped label's last line may follow the last value row: keep such continuations.
        for p in pending:
            prev = current[-1]
            if p.label[:1].islower() and not p.is_value_row and p.top - prev.bottom < 0.8 * prev.height:
                current.append(p)
            else:
                break
        values = [r for r in current if r.is_value_row]
        if len(values) >= 2 or (len(values) == 1 and len(values[0].value_tokens) >= 2):
            blocks.append(Block(page=current[0].page, rows=current, start=index[id(current[0])], end=index[id(current[-1])] + 1))
        current = []
        pending = []

    for r in rows:
        if is_column_header(r):
            if current:
                close()
            continue
        if r.is_value_row and aligned(r) and not is_prose(r, page_width) and not _is_year_row(r):
            if current and last_bottom is not None:
                gap = r.top - last_bottom
                if gap > 4.5 * r.height:
                    close()
            current.extend(pending)
            pending = []
            current.append(r)
            last_bottom = r.bottom
            continue
        if not current:
            continue
        if is_prose(r, page_width) or (r.is_value_row and not aligned(r)) or _starts_new_table(r, current):
            close()
            continue
        if last_bottom is not None and r.top - last_bottom > 3.5 * r.height:
            close()
            continue
        pending.append(r)
        last_bottom = r.bottom
    if current:
        # trailing text rows: keep a continuation line of the last label only
        close()
    return blocks


_SECTION_NUMBER = regex.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+\p{Lu}")
_STATEMENT_TITLE = regex.compile(
    r"^(?:\d[\d.]*\s+)?(?:resultaträkning|balansräkning|kassaflödesanalys|driftredovisning|"
    r"investeringsredovisning|noter|not\s+\d+\b)",
    regex.IGNORECASE,
)


def _starts_new_table(r: RowCandidate, current: list[RowCandidate]) -> bool:
    """A numbered heading, a statement title or clearly bigger text ends the running table."""
    if r.is_value_row or not r.label_tokens:
        return False
    body = max((c.size for c in current if c.is_value_row), default=r.size)
    label = r.label
    numbered_note = r.bold and _NOTE_HEADING.match(label) is not None
    return bool(_SECTION_NUMBER.match(label) or _STATEMENT_TITLE.match(label)) or numbered_note or r.size > max(body + 3, body * 1.5)


_NOTE_HEADING = regex.compile(r"^\d{1,2}\s+\p{Lu}")
_HEADER_WORDS = {"tkr", "kr", "mnkr", "mkr", "belopp", "i", "not", "noter", "ksek", "sek", "utfall", "budget", "avvikelse", "bokslut", "prognos"}


def is_column_header(r: RowCandidate) -> bool:
    """"Tkr  2025  2024", "Not  2023  2022": years on the right, unit words or nothing left."""
    if not r.value_tokens or not _is_year_row(r):
        return False
    words = [t.text.lower().strip(":.") for t in r.label_tokens]
    return len(words) <= 4 and all(w in _HEADER_WORDS or _YEAR.match(w) for w in words) or not words


def _is_year_row(r: RowCandidate) -> bool:
    """Only years and dashes on the right: a column header ("Not  2023  2022"), not values."""
    return all((t.number is not None and _YEAR.match(t.text)) or t.dash for t in r.value_tokens)
