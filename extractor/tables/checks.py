"""Arithmetic checks: totals, the balance identity, result agreement, budget deviation.

A failed check is recorded (and warned about by the stage), never silently "fixed".
Tolerance: ±1 per summed row, for rounding.
"""

from __future__ import annotations

from extractor.model import Check, ColumnType, Row, Table, TableKind


def _num(v: object) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def check_totals(table: Table) -> list[Check]:
    """Recompute each total from the rows it sums, found from the layout.

    Candidates, tried in order: the detail rows since the previous total or heading; the
    previous total plus those rows; the open items since each enclosing heading (innermost
    first); all open items. The first that matches is taken as the rows the total sums.
    """
    checks: list[Check] = []
    totals = {i for i, r in enumerate(table.rows) if r.is_total}
    value_cols = [i for i, c in enumerate(c for c in table.columns if c.type != ColumnType.NOTE)]
    inner = _parts_rows(table.rows)
    for col in value_cols:
        open_items: list[tuple[int, float] | str] = []  # (row index, value) or "H" heading marker
        for idx, row in enumerate(table.rows):
            if idx in inner:
                continue
            if idx > 0 and row.page != table.rows[idx - 1].page:
                open_items.append("H")  # a table stitched over a page break: new page, new group
            if row.is_heading:
                open_items.append("H")
                continue
            value = _num(row.values[col]) if col < len(row.values) else None
            if not row.is_total:
                if value is not None:
                    open_items.append((idx, value))
                continue
            if value is None:
                continue
            candidates = _candidates(open_items, totals)
            # a "total" right after a heading sums nothing: it is an item ("Resultat efter
            # finansiella poster" opening a cash-flow statement)
            if not candidates or (open_items and open_items[-1] == "H"):
                open_items.append((idx, value))
                continue
            chosen = None
            for start, items in candidates:
                s = sum(v for _, v in items)
                if abs(s - value) <= max(1.0, len(items)) + 1e-6:
                    chosen = (start, items, s)
                    break
            if chosen is None:
                start, items = candidates[0]
                s = sum(v for _, v in items)
                checks.append(Check(rule="sum", ok=False, expected=round(s, 6), found=value, rows=[i for i, _ in items] + [idx], column=col))
                # the total still closes what it was meant to close
                del open_items[start:]
            else:
                start, items, s = chosen
                checks.append(Check(rule="sum", ok=True, expected=round(s, 6), found=value, rows=[i for i, _ in items] + [idx], column=col))
                del open_items[start:]
            open_items.append((idx, value))
    return checks


_PART_OF = ("därav", "varav", "thereof")


def _parts_rows(rows: list[Row]) -> set[int]:
    """Rows that break down the row above them rather than add to the column.

    "Därav årets resultat" lines, and items printed indented below a group line that carries
    their sum already (municipal balance sheets: "Anläggningstillgångar 3 465" then its items).
    """
    inner: set[int] = set()
    for i, row in enumerate(rows):
        if row.label.lower().startswith(_PART_OF):
            inner.add(i)
    for i, row in enumerate(rows):
        if row.is_total or row.is_heading or i in inner:
            continue
        children = []
        j = i + 1
        while j < len(rows) and rows[j].level > row.level and not rows[j].is_total:
            if j not in inner:
                children.append(j)
            j += 1
        if not children:
            continue
        ok = True
        for col, value in enumerate(row.values):
            v = _num(value)
            if v is None:
                continue
            s = sum(_num(rows[k].values[col]) or 0.0 for k in children if col < len(rows[k].values))
            if abs(s - v) > max(1.0, len(children)):
                ok = False
        if ok:
            inner.update(children)
    return inner


def _candidates(open_items: list[tuple[int, float] | str], totals: set[int]) -> list[tuple[int, list[tuple[int, float]]]]:
    out: list[tuple[int, list[tuple[int, float]]]] = []
    # detail rows since the last marker or total
    k = len(open_items)
    while k > 0 and open_items[k - 1] != "H" and not (isinstance(open_items[k - 1], tuple) and open_items[k - 1][0] in totals):
        k -= 1
    details = [x for x in open_items[k:] if x != "H"]
    if details:
        out.append((k, details))  # type: ignore[arg-type]
        if k > 0 and open_items[k - 1] != "H":
            out.append((k - 1, [x for x in open_items[k - 1 :] if x != "H"]))  # type: ignore[misc]
    for m in range(len(open_items) - 1, -1, -1):
        if open_items[m] == "H":
            items = [x for x in open_items[m + 1 :] if x != "H"]
            if items:
                out.append((m, items))  # type: ignore[arg-type]
    items = [x for x in open_items if x != "H"]
    if items:
        out.append((0, items))  # type: ignore[arg-type]
    return out


#: Key figures over several years are not sums of the rows above them.
NO_SUM_CHECKS = {TableKind.FLERARSOVERSIKT, TableKind.NYCKELTAL}


def run_table_checks(table: Table) -> None:
    checks = [] if table.kind in NO_SUM_CHECKS else check_totals(table)
    if table.kind == TableKind.BALANSRAKNING:
        checks.extend(check_balance_identity(table))
    if table.kind == TableKind.DRIFTREDOVISNING:
        checks.extend(check_budget_deviation(table))
    table.checks = checks


def _find(rows: list[Row], keys: tuple[str, ...]) -> int | None:
    for i, r in enumerate(rows):
        if r.key in keys:
            return i
    return None


def check_balance_identity(table: Table) -> list[Check]:
    assets = _find(table.rows, ("summa_tillgangar",))
    liab = _find(table.rows, ("summa_eget_kapital_och_skulder", "summa_eget_kapital_avsattningar_och_skulder"))
    if assets is None or liab is None:
        return []
    out = []
    for col, _ in enumerate(table.rows[assets].values):
        a = _num(table.rows[assets].values[col])
        b = _num(table.rows[liab].values[col]) if col < len(table.rows[liab].values) else None
        if a is None or b is None:
            continue
        out.append(Check(rule="balance_identity", ok=abs(a - b) <= 1, expected=a, found=b, rows=[assets, liab], column=col))
    return out


def check_budget_deviation(table: Table) -> list[Check]:
    cols = [c for c in table.columns if c.type != ColumnType.NOTE]
    budget = [i for i, c in enumerate(cols) if c.type == ColumnType.BUDGET]
    dev = [i for i, c in enumerate(cols) if c.type == ColumnType.DEVIATION]
    if not budget or not dev:
        return []
    b, d = budget[-1], dev[-1]
    # the outcome of the budget's year: the column just before the budget with the same year
    outcome = [i for i, c in enumerate(cols) if c.type in (ColumnType.YEAR, ColumnType.PERIOD, ColumnType.TEXT) and c.year == cols[b].year]
    if not outcome:
        outcome = [i for i in range(b) if cols[i].type in (ColumnType.YEAR, ColumnType.PERIOD)]
    if not outcome:
        return []
    u = outcome[-1]
    out = []
    for idx, row in enumerate(table.rows):
        vb, vd, vu = (_num(row.values[i]) if i < len(row.values) else None for i in (b, d, u))
        if vb is None or vd is None or vu is None:
            continue
        # Avvikelse = Utfall − Budget on the result lines (positive = better than budget)
        ok = abs((vu - vb) - vd) <= 1 or abs((vb - vu) - vd) <= 1
        out.append(Check(rule="budget_deviation", ok=ok, expected=vu - vb, found=vd, rows=[idx], column=d))
    return out


def check_result_matches(tables: list[Table]) -> list[tuple[Table, Check]]:
    """Årets resultat of the income statement equals the balance sheet's, where printed."""
    rr = [t for t in tables if t.kind == TableKind.RESULTATRAKNING]
    br = [t for t in tables if t.kind == TableKind.BALANSRAKNING]
    out = []
    for income in rr[:1]:
        i = _find(income.rows, ("arets_resultat",))
        for bal in br[:1]:
            j = _find(bal.rows, ("arets_resultat",))
            if i is None or j is None:
                continue
            a = _num(income.rows[i].values[0]) if income.rows[i].values else None
            b = _num(bal.rows[j].values[0]) if bal.rows[j].values else None
            if a is None or b is None:
                continue
            check = Check(rule="result_matches_balance", ok=abs(a - b) <= 1, expected=a, found=b, rows=[j], column=0)
            bal.checks.append(check)
            out.append((bal, check))
    return out
