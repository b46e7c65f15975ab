"""Check-proven repair of OCR'd table numbers (issue 7).

Tesseract loses minus signs and reads digits as letters ("511" as "S11", "0" as "O"); a row
whose amounts came out as letters has no values and its label carries them ("Resultat före
extraordinära poster 391 S11"). A repair is kept only where the table's own arithmetic proves
it: the check that involves the repaired row passes and no other check of the table gets
worse. Every repair is a warning (`ocr_corrected`) naming the page, the row and the reading.
"""

from __future__ import annotations

import itertools

import regex

from extractor.model import ColumnType, Table
from extractor.state import DocumentState
from extractor.tables.assemble import label_is_total
from extractor.tables.checks import run_table_checks
from extractor.tables.keys import canonical_key

#: Letters Tesseract reads for digits in a numeric column (and the digit each stands for).
CONFUSIONS = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "i": "1", "|": "1", "S": "5", "s": "5", "B": "8", "Z": "2"})
#: A token that could be a digit group once its confusable letters are mapped.
_CONFUSABLE_TOKEN = regex.compile(r"^[-−–]?[0-9OoDlIi|SsBZ]+$")
_MINUS = "-−–"


def _failed(table: Table) -> int:
    return sum(1 for c in table.checks if not c.ok)


def _proven(table: Table, idx: int, failed_before: int) -> bool:
    """The row now takes part in a passing check and the table fails fewer checks than before
    (or as many, when the row had no values and so took part in none)."""
    in_passing = any(c.ok and idx in c.rows for c in table.checks)
    return in_passing and _failed(table) <= failed_before


def correct_lost_minus(state: DocumentState, table: Table) -> None:
    """OCR loses minus signs; restore one only where the arithmetic proves it.

    For each failing sum, flip the sign of one summed value at a time; keep the flip only if
    that check then passes and the table fails fewer checks.
    """
    for check in [c for c in table.checks if not c.ok and c.rule == "sum" and c.column is not None]:
        col = check.column
        failed_before = _failed(table)
        for idx in check.rows:
            row = table.rows[idx]
            value = row.values[col] if col < len(row.values) else None
            if not isinstance(value, int | float) or value == 0:
                continue
            row.values[col] = -value
            run_table_checks(table)
            fixed = any(
                c.ok and c.rule == "sum" and c.column == col and idx in c.rows and c.rows[-1] == check.rows[-1]
                for c in table.checks
            )
            if fixed and _failed(table) < failed_before:
                state.warn(
                    "ocr_corrected",
                    f"p. {row.page}: {row.label!r} column {col}: {value:g} read as {-value:g} (a lost minus sign; the sum check proves it)",
                    row.page,
                )
                break
            row.values[col] = value
            run_table_checks(table)


def value_readings(tokens: list[str], n_values: int) -> list[list[int]]:
    """Every way to read `tokens` (confusable letters mapped to digits) as `n_values` Swedish
    amounts: a group of 1-3 digits (or an unspaced amount) followed by groups of exactly 3."""
    digits = []
    for token in tokens:
        mapped = token.translate(CONFUSIONS)
        sign = mapped[0] in _MINUS
        core = mapped.lstrip(_MINUS)
        if not core.isdigit():
            return []
        digits.append((sign, core))
    readings = []
    # cut points between consecutive values
    for cuts in itertools.combinations(range(1, len(digits)), n_values - 1):
        bounds = (0, *cuts, len(digits))
        values = []
        for a, b in itertools.pairwise(bounds):
            part = digits[a:b]
            if any(sign for sign, _ in part[1:]) or any(len(core) != 3 for _, core in part[1:]):
                break
            if len(part) > 1 and not 1 <= len(part[0][1]) <= 3:
                break
            number = int("".join(core for _, core in part))
            values.append(-number if part[0][0] else number)
        else:
            readings.append(values)
    return readings


def recover_misread_values(state: DocumentState, table: Table) -> None:
    """A row with no values whose label ends in amounts misread as letters ("391 S11") gets
    those amounts, mapped by `CONFUSIONS`, where exactly one reading passes a check."""
    n_values = sum(1 for c in table.columns if c.type != ColumnType.NOTE)
    if n_values < 1:
        return
    for idx, row in enumerate(table.rows):
        if any(v is not None for v in row.values):
            continue
        words = row.label.split()
        tail: list[str] = []
        while len(words) > 1 and _CONFUSABLE_TOKEN.match(words[-1]):
            tail.insert(0, words.pop())
        # at least one real digit: a label ending in "I" or "OS" is text, not an amount
        if not tail or not any(ch.isdigit() for tok in tail for ch in tok):
            continue
        label = " ".join(words)
        saved = (row.label, row.key, row.values, row.is_total, row.is_heading)
        failed_before = _failed(table)
        proven = []
        for cut in range(len(tail)):  # leading tail tokens may belong to the label after all
            for values in value_readings(tail[cut:], n_values):
                row.label = " ".join([label, *tail[:cut]])
                row.key = canonical_key(row.label)
                row.values = list(values)
                row.is_total = label_is_total(row.label, table.kind)
                row.is_heading = False
                run_table_checks(table)
                if _proven(table, idx, failed_before):
                    proven.append((row.label, row.key, list(values), row.is_total))
        row.label, row.key, row.values, row.is_total, row.is_heading = saved
        if len(proven) == 1:
            row.label, row.key, row.values, row.is_total = proven[0]
            row.is_heading = False
            state.warn(
                "ocr_corrected",
                f"p. {row.page}: {row.label!r}: {' '.join(tail)!r} read as {row.values} (digits misread as letters; a check proves it)",
                row.page,
            )
        run_table_checks(table)
