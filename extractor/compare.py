"""`arsbok compare`: what changed between reports (goals, their status, the numbers).

Goals are matched within the same unit (units matched by name first, exactly and then by
similarity) on wording similarity: the mean of rapidfuzz's ``token_set_ratio`` and ``WRatio``
on case-folded text, greedy from the best pair down, identical wording first. A match below
the threshold is no match: the goal is listed as dropped (only in the earlier report) or
added (only in the later one). Status changes of matched goals are counted as transitions
("uppfyllt->delvis": n).

Line items (rows of the statements, valued in each report's own fiscal-year column) are
matched by canonical key, then by label (exact, then similar); absolute and relative change
from the first to the last report. Reports of different organisations are also aligned on
canonical keys: one table per statement with a column per organisation and year.
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.cli import write_atomic
from extractor.model import Document, Goal, Table

#: Minimum wording score (0-100) for two goals to count as the same goal.
DEFAULT_GOAL_THRESHOLD = 75.0
#: Minimum name score for two units (when not identical) to count as the same unit.
DEFAULT_UNIT_THRESHOLD = 85.0
#: Minimum label score for two key-less rows to count as the same line item.
DEFAULT_LABEL_THRESHOLD = 90.0
#: Tables whose rows are line items even without a canonical key.
STATEMENT_KINDS = (
    "resultatrakning",
    "balansrakning",
    "kassaflodesanalys",
    "driftredovisning",
    "balanskravsresultat",
    "investeringsredovisning",
    "nyckeltal",
    "flerarsoversikt",
)
STATUS_ORDER = ("uppfyllt", "delvis", "ej_uppfyllt", "ej_bedomd")
STATUS_COLOURS = {
    "uppfyllt": "#2e7d32",
    "delvis": "#f9a825",
    "ej_uppfyllt": "#c62828",
    "ej_bedomd": "#9e9e9e",
}
STATUS_LABELS = {
    "uppfyllt": "uppfyllt",
    "delvis": "delvis uppfyllt",
    "ej_uppfyllt": "ej uppfyllt",
    "ej_bedomd": "ej bedömd",
}


@dataclass
class Report:
    """One input of the comparison."""

    name: str
    document: Document

    @property
    def organisation(self) -> str | None:
        return self.document.metadata.organisation

    @property
    def fiscal_year(self) -> int | None:
        return self.document.metadata.fiscal_year


# --------------------------------------------------------------------------------------------
# Text similarity
# --------------------------------------------------------------------------------------------


def normalise(text: str | None) -> str:
    """Case-folded, whitespace collapsed, trailing punctuation dropped."""
    if not text:
        return ""
    text = re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip().casefold()
    return text.strip(" .:;,-–")


def goal_score(a: str, b: str) -> float:
    """Wording similarity of two goals, 0-100."""
    from rapidfuzz import fuzz

    a, b = normalise(a), normalise(b)
    if a == b:
        return 100.0
    return round((fuzz.token_set_ratio(a, b) + fuzz.WRatio(a, b)) / 2, 1)


def _greedy_pairs(scores: list[list[float]], threshold: float) -> list[tuple[int, int, float]]:
    """Best pairs first; ties broken by position so the result is deterministic."""
    cells = sorted(
        ((s, i, j) for i, row in enumerate(scores) for j, s in enumerate(row) if s >= threshold),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for s, i, j in cells:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, j, s))
    return sorted(pairs)


#: Words that name the kind of unit, not which one ("Enhet A" and "Enhet B" differ).
UNIT_WORDS = frozenset(
    "enhet enheten enheterna avdelning avdelningen förvaltning förvaltningen nämnd nämnden "
    "verksamhet verksamheten område området sektor sektorn kontor kontoret".split()
)


def _unit_words(name: str) -> str:
    words = [w for w in re.findall(r"\w+", normalise(name)) if w not in UNIT_WORDS]
    return " ".join(words) or normalise(name)


def match_units(
    before: Sequence[str], after: Sequence[str], threshold: float = DEFAULT_UNIT_THRESHOLD
) -> list[tuple[str, str]]:
    """Pair unit names: identical (normalised) names first, then similar ones."""
    from rapidfuzz import fuzz

    pairs: list[tuple[str, str]] = []
    rest_b = list(after)
    rest_a = []
    for a in before:
        same = next((b for b in rest_b if normalise(a) == normalise(b)), None)
        if same is None:
            rest_a.append(a)
        else:
            pairs.append((a, same))
            rest_b.remove(same)
    scores = [
        [float(fuzz.token_set_ratio(_unit_words(a), _unit_words(b))) for b in rest_b]
        for a in rest_a
    ]
    for i, j, _ in _greedy_pairs(scores, threshold):
        pairs.append((rest_a[i], rest_b[j]))
    return pairs


def match_goals(
    before: Sequence[Goal], after: Sequence[Goal], threshold: float = DEFAULT_GOAL_THRESHOLD
) -> tuple[list[tuple[Goal, Goal, float]], list[Goal], list[Goal]]:
    """Match goals of one unit; return (matched with score, dropped, added)."""
    scores = [[goal_score(a.goal, b.goal) for b in after] for a in before]
    pairs = _greedy_pairs(scores, threshold)
    matched = [(before[i], after[j], s) for i, j, s in pairs]
    used_a = {i for i, _, _ in pairs}
    used_b = {j for _, j, _ in pairs}
    dropped = [g for i, g in enumerate(before) if i not in used_a]
    added = [g for j, g in enumerate(after) if j not in used_b]
    return matched, dropped, added


def _by_unit(goals: Sequence[Goal]) -> dict[str, list[Goal]]:
    out: dict[str, list[Goal]] = {}
    for g in goals:
        out.setdefault(g.unit or "", []).append(g)
    return out


def compare_goals(
    before: Report,
    after: Report,
    threshold: float = DEFAULT_GOAL_THRESHOLD,
    unit_threshold: float = DEFAULT_UNIT_THRESHOLD,
) -> dict[str, Any]:
    """Matched, added and dropped goals and status transitions from one report to the next."""
    units_a, units_b = _by_unit(before.document.goals), _by_unit(after.document.goals)
    unit_pairs = match_units(list(units_a), list(units_b), unit_threshold)
    paired_a = {a for a, _ in unit_pairs}
    paired_b = {b for _, b in unit_pairs}
    matched: list[dict[str, Any]] = []
    added: list[dict[str, Any]] = []
    dropped: list[dict[str, Any]] = []
    for unit_a, unit_b in unit_pairs:
        m, d, a = match_goals(units_a[unit_a], units_b[unit_b], threshold)
        for ga, gb, score in m:
            matched.append(
                {
                    "unit": unit_b or None,
                    "unit_before": unit_a or None,
                    "goal_before": ga.goal,
                    "goal_after": gb.goal,
                    "score": score,
                    "status_before": ga.status.value,
                    "status_after": gb.status.value,
                    "before": before.name,
                    "after": after.name,
                    "page_before": ga.page,
                    "page_after": gb.page,
                }
            )
        dropped += [_goal_entry(g, before.name) for g in d]
        added += [_goal_entry(g, after.name) for g in a]
    for unit in units_a:
        if unit not in paired_a:
            dropped += [_goal_entry(g, before.name) for g in units_a[unit]]
    for unit in units_b:
        if unit not in paired_b:
            added += [_goal_entry(g, after.name) for g in units_b[unit]]
    transitions = Counter(
        f"{m['status_before']}->{m['status_after']}"
        for m in matched
        if m["status_before"] != m["status_after"]
    )
    return {
        "matched": matched,
        "added": added,
        "dropped": dropped,
        "transitions": dict(sorted(transitions.items())),
        "unchanged": sum(1 for m in matched if m["status_before"] == m["status_after"]),
    }


def _goal_entry(g: Goal, report: str) -> dict[str, Any]:
    return {
        "unit": g.unit,
        "goal": g.goal,
        "status": g.status.value,
        "report": report,
        "page": g.page,
    }


# --------------------------------------------------------------------------------------------
# Line items
# --------------------------------------------------------------------------------------------


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def current_column(table: Table, fiscal_year: int | None) -> int | None:
    """Index (among value columns) of the report's own year: its fiscal year, else the latest."""
    value_cols = [c for c in table.columns if c.type.value != "note"]
    candidates = [(i, c) for i, c in enumerate(value_cols) if c.type.value in ("year", "period")]
    if not candidates:
        return None
    if fiscal_year is not None:
        for i, c in candidates:
            if c.year == fiscal_year:
                return i
    dated = [(c.year, -i, i) for i, c in candidates if c.year is not None]
    if dated:
        return max(dated)[2]
    return candidates[0][0]


def report_line_items(doc: Document) -> list[dict[str, Any]]:
    """Rows of one report with their value in the report's own year, first occurrence wins."""
    items: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for t_idx, table in enumerate(doc.tables):
        kind = table.kind.value
        col = current_column(table, doc.metadata.fiscal_year)
        if col is None:
            continue
        for row in table.rows:
            if row.is_heading or (row.key is None and kind not in STATEMENT_KINDS):
                continue
            value = _number(row.values[col]) if col < len(row.values) else None
            if value is None:
                continue
            ident = (kind, row.key) if row.key else (kind, "label:" + normalise(row.label))
            if ident in seen:
                continue
            seen.add(ident)
            items.append(
                {
                    "table_kind": kind,
                    "key": row.key,
                    "label": row.label,
                    "value": value,
                    "unit": table.unit,
                    "page": row.page,
                    "table": t_idx,
                }
            )
    return items


def compare_line_items(
    reports: Sequence[Report], label_threshold: float = DEFAULT_LABEL_THRESHOLD
) -> list[dict[str, Any]]:
    """Line items matched across reports (key, then label); change from first to last report."""
    from rapidfuzz import fuzz

    entries: list[dict[str, Any]] = []
    for report in reports:
        for item in report_line_items(report.document):
            entry = None
            if item["key"]:
                entry = next(
                    (
                        e
                        for e in entries
                        if e["table_kind"] == item["table_kind"] and e["key"] == item["key"]
                    ),
                    None,
                )
            if entry is None:
                label = normalise(item["label"])
                free = [
                    e
                    for e in entries
                    if e["table_kind"] == item["table_kind"] and report.name not in e["values"]
                ]
                entry = next((e for e in free if normalise(e["label"]) == label), None)
                if entry is None and free:
                    best = max(free, key=lambda e: fuzz.ratio(normalise(e["label"]), label))
                    if fuzz.ratio(normalise(best["label"]), label) >= label_threshold:
                        entry = best
            if entry is None:
                entry = {
                    "table_kind": item["table_kind"],
                    "key": item["key"],
                    "label": item["label"],
                    "unit": item["unit"],
                    "values": {},
                    "labels": {},
                }
                entries.append(entry)
            if report.name in entry["values"]:
                continue
            entry["values"][report.name] = item["value"]
            entry["labels"][report.name] = item["label"]
            entry["key"] = entry["key"] or item["key"]
    first, last = reports[0].name, reports[-1].name
    for e in entries:
        a, b = e["values"].get(first), e["values"].get(last)
        e["change"] = None if a is None or b is None or first == last else round(b - a, 6)
        e["change_pct"] = (
            round(100.0 * (b - a) / abs(a), 2)
            if e["change"] is not None and a not in (None, 0)
            else None
        )
    return entries


def largest_changes(items: Sequence[dict[str, Any]], n: int = 25) -> list[dict[str, Any]]:
    changed = [e for e in items if e.get("change")]
    return sorted(changed, key=lambda e: (-abs(e["change"]), e["table_kind"], e["label"]))[:n]


def align_statements(reports: Sequence[Report]) -> dict[str, dict[str, Any]]:
    """Per statement kind: one row per canonical key, one column per organisation and year."""
    out: dict[str, dict[str, Any]] = {}
    for report in reports:
        who = report.organisation or report.name
        for table in report.document.tables:
            kind = table.kind.value
            value_cols = [c for c in table.columns if c.type.value != "note"]
            dated = [
                (i, c)
                for i, c in enumerate(value_cols)
                if c.type.value in ("year", "period") and c.year
            ]
            if not dated or not any(r.key for r in table.rows):
                continue
            aligned = out.setdefault(kind, {"columns": [], "rows": {}})
            for row in table.rows:
                if not row.key:
                    continue
                entry = aligned["rows"].setdefault(
                    row.key, {"key": row.key, "label": row.label, "values": {}}
                )
                for i, c in dated:
                    value = _number(row.values[i]) if i < len(row.values) else None
                    if value is None:
                        continue
                    column = f"{who} {c.year}"
                    if column not in aligned["columns"]:
                        aligned["columns"].append(column)
                    # a later report restates an earlier year: the newest figure wins
                    entry["values"][column] = value
    for aligned in out.values():
        aligned["columns"] = sorted(
            aligned["columns"], key=lambda c: (c.rsplit(" ", 1)[0], c.rsplit(" ", 1)[1])
        )
        aligned["rows"] = list(aligned["rows"].values())
    return dict(sorted(out.items()))


# --------------------------------------------------------------------------------------------
# The comparison
# --------------------------------------------------------------------------------------------


def order_reports(reports: list[Report]) -> list[Report]:
    """Oldest first when every report has a fiscal year; else the order given."""
    if all(r.fiscal_year is not None for r in reports):
        return sorted(reports, key=lambda r: r.fiscal_year or 0)
    return reports


def _same_organisation(a: Report, b: Report) -> bool:
    ma, mb = a.document.metadata, b.document.metadata
    if ma.org_number and mb.org_number:
        return ma.org_number == mb.org_number
    if ma.organisation and mb.organisation:
        return normalise(ma.organisation) == normalise(mb.organisation)
    return True  # unknown: compare the goals anyway


def status_counts(goals: Sequence[Goal]) -> dict[str, int]:
    c = Counter(g.status.value for g in goals)
    return {s: c.get(s, 0) for s in STATUS_ORDER}


def compare_reports(
    reports: list[Report],
    threshold: float = DEFAULT_GOAL_THRESHOLD,
    unit_threshold: float = DEFAULT_UNIT_THRESHOLD,
) -> dict[str, Any]:
    """The whole comparison as plain data (what ``--json`` prints)."""
    if len(reports) < 2:
        from extractor.errors import UsageError

        raise UsageError("compare needs at least two reports")
    reports = order_reports(list(reports))
    goals: dict[str, Any] = {
        "matched": [],
        "added": [],
        "dropped": [],
        "transitions": {},
        "unchanged": 0,
        "pairs": [],
    }
    transitions: Counter[str] = Counter()
    for before, after in zip(reports, reports[1:], strict=False):
        if not _same_organisation(before, after):
            goals["pairs"].append(
                {
                    "before": before.name,
                    "after": after.name,
                    "compared": False,
                    "reason": "different organisations",
                }
            )
            continue
        part = compare_goals(before, after, threshold, unit_threshold)
        goals["pairs"].append({"before": before.name, "after": after.name, "compared": True})
        for k in ("matched", "added", "dropped"):
            goals[k] += part[k]
        goals["unchanged"] += part["unchanged"]
        transitions.update(part["transitions"])
    goals["transitions"] = dict(sorted(transitions.items()))
    items = compare_line_items(reports)
    organisations = {normalise(r.organisation or r.name) for r in reports}
    result: dict[str, Any] = {
        "reports": [
            {
                "name": r.name,
                "file_name": r.document.source.file_name,
                "sha256": r.document.source.sha256,
                "organisation": r.organisation,
                "org_number": r.document.metadata.org_number,
                "report_type": r.document.metadata.report_type.value,
                "fiscal_year": r.fiscal_year,
                "goals": len(r.document.goals),
                "status_counts": status_counts(r.document.goals),
                "status_by_unit": {
                    u or "": status_counts(gs) for u, gs in _by_unit(r.document.goals).items()
                },
                "tables": len(r.document.tables),
            }
            for r in reports
        ],
        "threshold": threshold,
        "goals": goals,
        "line_items": [
            {
                k: e[k]
                for k in ("table_kind", "key", "label", "unit", "values", "change", "change_pct")
            }
            for e in items
        ],
        "largest_changes": [
            {
                k: e[k]
                for k in ("table_kind", "key", "label", "unit", "values", "change", "change_pct")
            }
            for e in largest_changes(items)
        ],
    }
    if len(organisations) > 1:
        result["aligned"] = align_statements(reports)
    return result


def load_reports(paths: Sequence[Path], args: argparse.Namespace | None = None) -> list[Report]:
    """Extract PDFs (or read arsbok JSON) and give each a unique short name."""
    from extractor.cli import load_document

    ns = args or argparse.Namespace()
    docs = [load_document(Path(p), ns) for p in paths]
    names: list[str] = []
    for p in paths:
        base = Path(p).stem
        if base.endswith(".json"):
            base = base[: -len(".json")]
        name, n = base, 2
        while name in names:
            name, n = f"{base}-{n}", n + 1
        names.append(name)
    return [Report(name=n, document=d) for n, d in zip(names, docs, strict=True)]


# --------------------------------------------------------------------------------------------
# Output: CSV and one offline HTML page
# --------------------------------------------------------------------------------------------


def _csv_bytes(header: list[str], rows: list[list[Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def write_csv(result: dict[str, Any], folder: Path) -> list[Path]:
    """One CSV per part of the comparison."""
    g = result["goals"]
    names = [r["name"] for r in result["reports"]]
    files = {
        "goals_matched.csv": _csv_bytes(
            [
                "before",
                "after",
                "unit",
                "goal_before",
                "goal_after",
                "score",
                "status_before",
                "status_after",
            ],
            [
                [
                    m["before"],
                    m["after"],
                    m["unit"],
                    m["goal_before"],
                    m["goal_after"],
                    m["score"],
                    m["status_before"],
                    m["status_after"],
                ]
                for m in g["matched"]
            ],
        ),
        "goals_added.csv": _csv_bytes(
            ["report", "unit", "goal", "status"],
            [[a["report"], a["unit"], a["goal"], a["status"]] for a in g["added"]],
        ),
        "goals_dropped.csv": _csv_bytes(
            ["report", "unit", "goal", "status"],
            [[a["report"], a["unit"], a["goal"], a["status"]] for a in g["dropped"]],
        ),
        "transitions.csv": _csv_bytes(
            ["transition", "goals"], [[k, v] for k, v in g["transitions"].items()]
        ),
        "line_items.csv": _csv_bytes(
            ["table_kind", "key", "label", "unit", *names, "change", "change_pct"],
            [
                [
                    e["table_kind"],
                    e["key"],
                    e["label"],
                    e["unit"],
                    *[e["values"].get(n) for n in names],
                    e["change"],
                    e["change_pct"],
                ]
                for e in result["line_items"]
            ],
        ),
    }
    for kind, aligned in (result.get("aligned") or {}).items():
        files[f"aligned_{kind}.csv"] = _csv_bytes(
            ["key", "label", *aligned["columns"]],
            [
                [r["key"], r["label"], *[r["values"].get(c) for c in aligned["columns"]]]
                for r in aligned["rows"]
            ],
        )
    written = []
    for name, data in files.items():
        write_atomic(folder / name, data)
        written.append(folder / name)
    return written


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:70rem;color:#212121;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}th,td{border:1px solid #ddd;padding:.25rem .5rem;vertical-align:top}
th{background:#f5f5f5;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.legend span{display:inline-block;margin-right:1rem}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
.muted{color:#757575}.pos{color:#2e7d32}.neg{color:#c62828}.score{color:#616161;font-size:.85em}
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _fmt(value: float | None, pct: bool = False) -> str:
    if value is None:
        return ""
    if pct:
        return f"{value:+.1f} %"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return text.replace(",", "\u202f").replace("-", "\u2212")


def _bar(counts: dict[str, int], width: int = 320, height: int = 18) -> str:
    """An inline SVG stacked bar of status counts."""
    total = sum(counts.values())
    if not total:
        return f'<svg width="{width}" height="{height}" role="img" aria-label="inga mål"><rect width="{width}" height="{height}" fill="#eeeeee"/></svg>'
    parts, x = [], 0.0
    for status in STATUS_ORDER:
        n = counts.get(status, 0)
        if not n:
            continue
        w = width * n / total
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" fill="{STATUS_COLOURS[status]}">'
            f"<title>{_e(STATUS_LABELS[status])}: {n}</title></rect>"
        )
        x += w
    label = ", ".join(f"{STATUS_LABELS[s]} {counts.get(s, 0)}" for s in STATUS_ORDER)
    return f'<svg width="{width}" height="{height}" role="img" aria-label="{_e(label)}">{"".join(parts)}</svg>'


def _counts_text(counts: dict[str, int]) -> str:
    return " · ".join(
        f"{counts.get(s, 0)} {STATUS_LABELS[s]}" for s in STATUS_ORDER if counts.get(s)
    )


def render_html(result: dict[str, Any]) -> str:
    """One self-contained offline page: inline CSS and SVG, no script, no external resource."""
    reports = result["reports"]
    names = [r["name"] for r in reports]
    g = result["goals"]
    out: list[str] = []
    add = out.append
    title = "arsbok: jämförelse av " + ", ".join(names)
    add(f'<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8"><title>{_e(title)}</title>')
    add('<meta name="viewport" content="width=device-width, initial-scale=1">')
    add(f"<style>{_CSS}</style></head><body>")
    add(f"<h1>{_e(title)}</h1>")

    add(
        "<h2>Rapporter</h2><table><tr><th>Rapport</th><th>Organisation</th><th>Org.nr</th><th>Typ</th><th>År</th><th>Mål</th><th>Tabeller</th></tr>"
    )
    for r in reports:
        add(
            f"<tr><td>{_e(r['name'])}</td><td>{_e(r['organisation'])}</td><td>{_e(r['org_number'])}</td>"
            f"<td>{_e(r['report_type'])}</td><td>{_e(r['fiscal_year'])}</td><td class='num'>{r['goals']}</td>"
            f"<td class='num'>{r['tables']}</td></tr>"
        )
    add("</table>")

    add("<h2>Målstatus per rapport</h2><p class='legend'>")
    add(
        "".join(
            f"<span><i style='background:{STATUS_COLOURS[s]}'></i>{_e(STATUS_LABELS[s])}</span>"
            for s in STATUS_ORDER
        )
    )
    add("</p><table><tr><th>Rapport</th><th>Fördelning</th><th>Antal</th></tr>")
    for r in reports:
        add(
            f"<tr><td>{_e(r['name'])}</td><td>{_bar(r['status_counts'])}</td><td>{_e(_counts_text(r['status_counts']))}</td></tr>"
        )
    add("</table>")

    units = sorted({u for r in reports for u in r["status_by_unit"]})
    if units:
        add("<h2>Målstatus per enhet</h2><table><tr><th>Enhet</th>")
        add("".join(f"<th>{_e(n)}</th>" for n in names))
        add("</tr>")
        for u in units:
            add(f"<tr><td>{_e(u or '(ingen enhet)')}</td>")
            for r in reports:
                counts = r["status_by_unit"].get(u)
                cell = (
                    f"{_bar(counts, width=160, height=12)}<br><span class='muted'>{_e(_counts_text(counts))}</span>"
                    if counts
                    else "<span class='muted'>–</span>"
                )
                add(f"<td>{cell}</td>")
            add("</tr>")
        add("</table>")

    add("<h2>Statusförändringar</h2>")
    skipped = [p for p in g["pairs"] if not p["compared"]]
    for p in skipped:
        add(
            f"<p class='muted'>{_e(p['before'])} → {_e(p['after'])}: målen jämförs inte ({_e(p['reason'])}).</p>"
        )
    if g["transitions"]:
        add("<table><tr><th>Från</th><th>Till</th><th>Antal mål</th></tr>")
        for k, v in g["transitions"].items():
            a, b = k.split("->")
            add(
                f"<tr><td>{_e(STATUS_LABELS.get(a, a))}</td><td>{_e(STATUS_LABELS.get(b, b))}</td><td class='num'>{v}</td></tr>"
            )
        add("</table>")
        add("<table><tr><th>Enhet</th><th>Mål</th><th>Före</th><th>Efter</th></tr>")
        for m in g["matched"]:
            if m["status_before"] != m["status_after"]:
                add(
                    f"<tr><td>{_e(m['unit'])}</td><td>{_e(m['goal_after'])}</td>"
                    f"<td>{_e(STATUS_LABELS.get(m['status_before']))}</td><td>{_e(STATUS_LABELS.get(m['status_after']))}</td></tr>"
                )
        add("</table>")
    else:
        add("<p class='muted'>Inga statusförändringar bland matchade mål.</p>")
    add(
        f"<p>{len(g['matched'])} mål matchade ({g['unchanged']} med oförändrad status), {len(g['added'])} tillkomna, {len(g['dropped'])} borttagna.</p>"
    )

    reworded = [m for m in g["matched"] if m["score"] < 100]
    if reworded:
        add(
            "<h2>Omformulerade mål</h2><table><tr><th>Enhet</th><th>Före</th><th>Efter</th><th>Likhet</th></tr>"
        )
        for m in reworded:
            add(
                f"<tr><td>{_e(m['unit'])}</td><td>{_e(m['goal_before'])}</td><td>{_e(m['goal_after'])}</td><td class='num'>{m['score']:.1f}</td></tr>"
            )
        add("</table>")
    for label, rows in (("Tillkomna mål", g["added"]), ("Borttagna mål", g["dropped"])):
        if rows:
            add(
                f"<h2>{label}</h2><table><tr><th>Rapport</th><th>Enhet</th><th>Mål</th><th>Status</th></tr>"
            )
            for a in rows:
                add(
                    f"<tr><td>{_e(a['report'])}</td><td>{_e(a['unit'])}</td><td>{_e(a['goal'])}</td><td>{_e(STATUS_LABELS.get(a['status']))}</td></tr>"
                )
            add("</table>")

    add("<h2>Största förändringar i räkenskaperna</h2>")
    changes = result["largest_changes"]
    if changes:
        add("<table><tr><th>Tabell</th><th>Rad</th>")
        add("".join(f"<th>{_e(n)}</th>" for n in names))
        add("<th>Förändring</th><th>%</th></tr>")
        for e in changes:
            cls = "pos" if e["change"] > 0 else "neg"
            add(
                f"<tr><td>{_e(e['table_kind'])}</td><td>{_e(e['label'])}<br><span class='score'>{_e(e['key'])}</span></td>"
            )
            add("".join(f"<td class='num'>{_fmt(e['values'].get(n))}</td>" for n in names))
            add(
                f"<td class='num {cls}'>{_fmt(e['change'])}</td><td class='num {cls}'>{_fmt(e['change_pct'], pct=True)}</td></tr>"
            )
        add("</table>")
    else:
        add("<p class='muted'>Inga jämförbara rader.</p>")

    for kind, aligned in (result.get("aligned") or {}).items():
        add(f"<h2>{_e(kind)}: per organisation och år</h2><table><tr><th>Nyckel</th><th>Rad</th>")
        add("".join(f"<th>{_e(c)}</th>" for c in aligned["columns"]))
        add("</tr>")
        for row in aligned["rows"]:
            add(f"<tr><td>{_e(row['key'])}</td><td>{_e(row['label'])}</td>")
            add(
                "".join(
                    f"<td class='num'>{_fmt(row['values'].get(c))}</td>" for c in aligned["columns"]
                )
            )
            add("</tr>")
        add("</table>")
    add("<p class='muted'>Skapad av arsbok compare.</p></body></html>\n")
    return "".join(out)


def cmd_compare(args: argparse.Namespace) -> int:
    reports = load_reports(args.files, args)
    result = compare_reports(reports, threshold=args.threshold)
    if args.output:
        write_atomic(args.output, render_html(result).encode("utf-8"))
    if args.csv:
        write_csv(result, args.csv)
    if args.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    elif not args.output and not args.csv:
        g = result["goals"]
        print(
            f"goals: {len(g['matched'])} matched, {len(g['added'])} added, {len(g['dropped'])} dropped; "
            f"transitions: {g['transitions'] or 'none'}"
        )
        for e in result["largest_changes"][:10]:
            print(
                f"  {e['table_kind']}: {e['label']}: {e['change']:+,.0f} ({e['change_pct'] if e['change_pct'] is not None else '-'} %)"
            )
    return 0


def add_parser(sub: Any) -> None:
    p = sub.add_parser("compare", help="compare reports: goals, status changes, line items")
    p.add_argument(
        "files", nargs="+", type=Path, metavar="REPORT", help="PDF or arsbok JSON, two or more"
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="REPORT.html",
        help="write an offline HTML report",
    )
    p.add_argument("--json", action="store_true", help="print the comparison as JSON")
    p.add_argument("--csv", type=Path, default=None, metavar="DIR", help="write CSV files into DIR")
    p.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_GOAL_THRESHOLD,
        help="goal wording score 0-100 to match (default 75)",
    )
    p.add_argument("--ocr", choices=["auto", "always", "never"], default=None)
    p.add_argument("--backend", choices=["pdfium", "pdfplumber"], default=None)
    p.add_argument("--password", default=None)
    p.set_defaults(handler=cmd_compare)
