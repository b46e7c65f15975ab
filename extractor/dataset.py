"""`arsbok dataset`: tidy research tables from the per-document JSON of a bulk folder.

Tables (one Parquet file each in ``OUTDIR/dataset/``, and all of them in
``OUTDIR/dataset/arsbok.duckdb``): ``documents``, ``sections``, ``tables``, ``line_items``
(long format: one row per row x value column), ``goals``, ``checks``, ``warnings``. The
document id is the sha256 of the PDF. Rows are sorted on stable keys, so two builds from the
same documents compare equal (nothing time-dependent is kept: stage timings stay in the JSON).

Views in the DuckDB file: ``goal_status_shares`` (share of each status per organisation and
fiscal year) and ``line_items_by_key`` (one row per document and column year, one column per
canonical key).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from extractor.cli import write_atomic

DATASET_DIR = "dataset"
DUCKDB_NAME = "arsbok.duckdb"


def _schemas() -> dict[str, Any]:
    """Explicit Arrow schemas: empty tables keep their columns and types."""
    import pyarrow as pa

    s, i, f, b = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    return {
        "documents": pa.schema(
            [
                ("document_id", s),
                ("file_name", s),
                ("aliases", s),
                ("organisation", s),
                ("org_number", s),
                ("report_type", s),
                ("fiscal_year", i),
                ("report_date", s),
                ("pages", i),
                ("ocr_pages", i),
                ("sections", i),
                ("tables", i),
                ("goals", i),
                ("warnings", i),
                ("schema_version", s),
                ("arsbok_version", s),
                ("backend", s),
            ]
        ),
        "sections": pa.schema(
            [
                ("document_id", s),
                ("section_index", i),
                ("parent_index", i),
                ("number", s),
                ("title", s),
                ("level", i),
                ("page_start", i),
                ("page_end", i),
                ("paragraphs", i),
                ("chars", i),
            ]
        ),
        "tables": pa.schema(
            [
                ("document_id", s),
                ("table_index", i),
                ("kind", s),
                ("title", s),
                ("unit", s),
                ("note_number", i),
                ("page_start", i),
                ("page_end", i),
                ("rows", i),
                ("columns", i),
                ("checks", i),
                ("checks_failed", i),
                ("extractor", s),
                ("confidence", f),
            ]
        ),
        "line_items": pa.schema(
            [
                ("document_id", s),
                ("organisation", s),
                ("fiscal_year", i),
                ("table_index", i),
                ("table_kind", s),
                ("table_title", s),
                ("row_index", i),
                ("row_label", s),
                ("key", s),
                ("note", s),
                ("is_total", b),
                ("level", i),
                ("column_index", i),
                ("column_label", s),
                ("column_type", s),
                ("column_year", i),
                ("value", f),
                ("value_text", s),
                ("unit", s),
                ("page", i),
            ]
        ),
        "goals": pa.schema(
            [
                ("document_id", s),
                ("organisation", s),
                ("fiscal_year", i),
                ("goal_index", i),
                ("goal_id", s),
                ("unit", s),
                ("focus_area", s),
                ("kind", s),
                ("goal", s),
                ("status", s),
                ("confidence", f),
                ("method", s),
                ("evidence", s),
                ("progress", f),
                ("contradiction", b),
                ("page", i),
            ]
        ),
        "checks": pa.schema(
            [
                ("document_id", s),
                ("table_index", i),
                ("table_kind", s),
                ("check_index", i),
                ("rule", s),
                ("ok", b),
                ("expected", f),
                ("found", f),
                ("column", i),
                ("rows", s),
            ]
        ),
        "warnings": pa.schema(
            [
                ("document_id", s),
                ("warning_index", i),
                ("code", s),
                ("message", s),
                ("page", i),
            ]
        ),
    }


TABLE_NAMES = ("documents", "sections", "tables", "line_items", "goals", "checks", "warnings")


def iter_documents(outdir: Path) -> Iterator[dict[str, Any]]:
    """The per-document JSON of a bulk folder, in sha256 order (deterministic)."""
    for path in sorted((outdir / "documents").glob("*.json")):
        yield json.loads(path.read_bytes())


def _walk_sections(
    sections: list[dict[str, Any]], parent: int | None, out: list[tuple[int | None, dict[str, Any]]]
) -> None:
    for sec in sections:
        out.append((parent, sec))
        _walk_sections(sec.get("children") or [], len(out) - 1, out)


def document_rows(
    doc: dict[str, Any], aliases: list[str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Flatten one document (as JSON data) into rows of every table."""
    src, meta = doc["source"], doc.get("metadata") or {}
    doc_id = src["sha256"]
    org, year = meta.get("organisation"), meta.get("fiscal_year")
    flat: list[tuple[int | None, dict[str, Any]]] = []
    _walk_sections(doc.get("sections") or [], None, flat)
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLE_NAMES}
    run = doc.get("run") or {}
    out["documents"].append(
        {
            "document_id": doc_id,
            "file_name": src["file_name"],
            "aliases": "; ".join(a for a in (aliases or []) if a != src["file_name"]) or None,
            "organisation": org,
            "org_number": meta.get("org_number"),
            "report_type": meta.get("report_type"),
            "fiscal_year": year,
            "report_date": meta.get("report_date"),
            "pages": src.get("page_count"),
            "ocr_pages": sum(1 for p in src.get("pages") or [] if p.get("ocr")),
            "sections": len(flat),
            "tables": len(doc.get("tables") or []),
            "goals": len(doc.get("goals") or []),
            "warnings": len(doc.get("warnings") or []),
            "schema_version": doc.get("schema_version"),
            "arsbok_version": run.get("arsbok_version"),
            "backend": run.get("backend"),
        }
    )
    for idx, (parent, sec) in enumerate(flat):
        paras = sec.get("paragraphs") or []
        out["sections"].append(
            {
                "document_id": doc_id,
                "section_index": idx,
                "parent_index": parent,
                "number": sec.get("number"),
                "title": sec.get("title"),
                "level": sec.get("level"),
                "page_start": sec.get("page_start"),
                "page_end": sec.get("page_end"),
                "paragraphs": len(paras),
                "chars": sum(len(p.get("text") or "") for p in paras),
            }
        )
    for t_idx, table in enumerate(doc.get("tables") or []):
        checks = table.get("checks") or []
        out["tables"].append(
            {
                "document_id": doc_id,
                "table_index": t_idx,
                "kind": table.get("kind"),
                "title": table.get("title"),
                "unit": table.get("unit"),
                "note_number": table.get("note_number"),
                "page_start": table.get("page_start"),
                "page_end": table.get("page_end"),
                "rows": len(table.get("rows") or []),
                "columns": len(table.get("columns") or []),
                "checks": len(checks),
                "checks_failed": sum(1 for c in checks if not c.get("ok")),
                "extractor": table.get("extractor"),
                "confidence": table.get("confidence"),
            }
        )
        # values are one per non-note column (see extractor.model.table.Row)
        value_cols = [c for c in table.get("columns") or [] if c.get("type") != "note"]
        for r_idx, row in enumerate(table.get("rows") or []):
            if row.get("is_heading"):
                continue
            for c_idx, (col, value) in enumerate(
                zip(value_cols, row.get("values") or [], strict=False)
            ):
                if value is None:
                    continue
                number = (
                    float(value)
                    if isinstance(value, int | float) and not isinstance(value, bool)
                    else None
                )
                out["line_items"].append(
                    {
                        "document_id": doc_id,
                        "organisation": org,
                        "fiscal_year": year,
                        "table_index": t_idx,
                        "table_kind": table.get("kind"),
                        "table_title": table.get("title"),
                        "row_index": r_idx,
                        "row_label": row.get("label"),
                        "key": row.get("key"),
                        "note": row.get("note"),
                        "is_total": bool(row.get("is_total")),
                        "level": row.get("level"),
                        "column_index": c_idx,
                        "column_label": col.get("label"),
                        "column_type": col.get("type"),
                        "column_year": col.get("year"),
                        "value": number,
                        "value_text": None if number is not None else str(value),
                        "unit": table.get("unit"),
                        "page": row.get("page"),
                    }
                )
        for c_idx, check in enumerate(checks):
            out["checks"].append(
                {
                    "document_id": doc_id,
                    "table_index": t_idx,
                    "table_kind": table.get("kind"),
                    "check_index": c_idx,
                    "rule": check.get("rule"),
                    "ok": bool(check.get("ok")),
                    "expected": check.get("expected"),
                    "found": check.get("found"),
                    "column": check.get("column"),
                    "rows": ",".join(str(r) for r in check.get("rows") or []),
                }
            )
    for g_idx, goal in enumerate(doc.get("goals") or []):
        out["goals"].append(
            {
                "document_id": doc_id,
                "organisation": org,
                "fiscal_year": year,
                "goal_index": g_idx,
                "goal_id": goal.get("id"),
                "unit": goal.get("unit"),
                "focus_area": goal.get("focus_area"),
                "kind": goal.get("kind"),
                "goal": goal.get("goal"),
                "status": goal.get("status"),
                "confidence": goal.get("confidence"),
                "method": goal.get("method"),
                "evidence": goal.get("evidence"),
                "progress": goal.get("progress"),
                "contradiction": bool(goal.get("contradiction")),
                "page": goal.get("page"),
            }
        )
    for w_idx, warning in enumerate(doc.get("warnings") or []):
        out["warnings"].append(
            {
                "document_id": doc_id,
                "warning_index": w_idx,
                "code": warning.get("code"),
                "message": warning.get("message"),
                "page": warning.get("page"),
            }
        )
    return out


def collect_tables(
    documents: Iterable[dict[str, Any]], index: dict[str, Any] | None = None
) -> dict[str, Any]:
    """All documents flattened into Arrow tables, in the documents' (sha256) order."""
    import pyarrow as pa

    aliases = {
        sha: sorted(Path(p).name for p in paths)
        for sha, paths in (index or {}).get("documents", {}).items()
    }
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLE_NAMES}
    for doc in sorted(documents, key=lambda d: d["source"]["sha256"]):
        for name, part in document_rows(doc, aliases.get(doc["source"]["sha256"])).items():
            rows[name].extend(part)
    schemas = _schemas()
    return {name: pa.Table.from_pylist(rows[name], schema=schemas[name]) for name in TABLE_NAMES}


def _load_index(outdir: Path) -> dict[str, Any] | None:
    path = outdir / "index.json"
    if not path.exists():
        return None
    try:
        return json.loads(path.read_bytes())  # type: ignore[no-any-return]
    except (OSError, ValueError):
        return None


def require_dataset_libraries(formats: Iterable[str]) -> None:
    """Raise `UsageError` where a dataset format's library is not installed (the `data` extra).

    `arsbok bulk` asks before it converts anything: a plain `pip install .` has neither.
    """
    import importlib.util

    from extractor.errors import UsageError

    formats = set(formats)
    needed = (["pyarrow"] if formats & {"parquet", "duckdb"} else []) + (
        ["duckdb"] if "duckdb" in formats else []
    )
    missing = [name for name in needed if importlib.util.find_spec(name) is None]
    if missing:
        raise UsageError(
            f"the {'/'.join(sorted(formats & {'parquet', 'duckdb'}))} dataset needs"
            f" {' and '.join(missing)}: pip install 'arsbok[data]' (or --format json)"
        )


def build_dataset(
    outdir: Path,
    formats: Iterable[str] = ("parquet", "duckdb"),
    index: dict[str, Any] | None = None,
) -> dict[str, int]:
    """(Re)build OUTDIR/dataset from OUTDIR/documents; return the row count of each table."""
    formats = set(formats)
    require_dataset_libraries(formats)
    import pyarrow.parquet as pq

    tables = collect_tables(
        iter_documents(outdir), index if index is not None else _load_index(outdir)
    )
    target = outdir / DATASET_DIR
    target.mkdir(parents=True, exist_ok=True)
    if "parquet" in formats:
        for name, table in tables.items():
            buf = io.BytesIO()
            pq.write_table(table, buf, compression="zstd")
            write_atomic(target / f"{name}.parquet", buf.getvalue())
    if "duckdb" in formats:
        write_duckdb(tables, target / DUCKDB_NAME)
    return {name: table.num_rows for name, table in tables.items()}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def write_duckdb(tables: dict[str, Any], path: Path) -> None:
    """One DuckDB file with every table and the views; built aside, then put in place."""
    import duckdb

    with tempfile.TemporaryDirectory(prefix="arsbok-duckdb-") as tmp:
        db_path = Path(tmp) / DUCKDB_NAME
        con = duckdb.connect(str(db_path))
        try:
            for name, table in tables.items():
                con.register("_incoming", table)
                con.execute(f"CREATE TABLE {_quote(name)} AS SELECT * FROM _incoming")
                con.unregister("_incoming")
            con.execute(
                """
                CREATE VIEW goal_status_shares AS
                SELECT organisation, fiscal_year, status, count(*) AS goals,
                       count(*) / sum(count(*)) OVER (PARTITION BY organisation, fiscal_year) AS share
                FROM goals GROUP BY organisation, fiscal_year, status
                ORDER BY organisation, fiscal_year, status
                """
            )
            # An explicit column per key: DuckDB views cannot PIVOT on values read from data.
            keys = [
                k
                for (k,) in con.execute(
                    "SELECT DISTINCT key FROM line_items WHERE key IS NOT NULL AND value IS NOT NULL "
                    "AND column_type IN ('year', 'period') ORDER BY key"
                ).fetchall()
            ]
            pivots = "".join(
                f", max(value) FILTER (WHERE key = {_literal(k)}) AS {_quote(k)}" for k in keys
            )
            con.execute(
                f"""
                CREATE VIEW line_items_by_key AS
                SELECT document_id, organisation, fiscal_year, column_year{pivots}
                FROM line_items
                WHERE key IS NOT NULL AND value IS NOT NULL AND column_type IN ('year', 'period')
                GROUP BY document_id, organisation, fiscal_year, column_year
                ORDER BY organisation, fiscal_year, document_id, column_year
                """
            )
            con.execute("CHECKPOINT")
        finally:
            con.close()
        write_atomic(path, db_path.read_bytes())


def read_dataset(outdir: Path) -> dict[str, Any]:
    """The Parquet tables of a dataset folder as pandas DataFrames."""
    import pandas as pd

    target = outdir / DATASET_DIR
    return {name: pd.read_parquet(target / f"{name}.parquet") for name in TABLE_NAMES}


def cmd_dataset(args: argparse.Namespace) -> int:
    from extractor.errors import UsageError

    outdir: Path = args.outdir
    if not (outdir / "documents").is_dir():
        raise UsageError(
            f"{outdir}: no documents/ folder (run `arsbok bulk ... -o {outdir}` first)"
        )
    counts = build_dataset(outdir, formats=[f.strip() for f in args.format.split(",") if f.strip()])
    if not args.quiet:
        print(
            f"arsbok dataset: {', '.join(f'{k} {v}' for k, v in counts.items())} → {outdir / DATASET_DIR}",
            file=sys.stderr,
        )
    return 0


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "dataset", help="(re)build the Parquet/DuckDB research tables of a bulk folder"
    )
    p.add_argument("outdir", type=Path, metavar="OUTDIR")
    p.add_argument("--format", default="parquet,duckdb", help="parquet,duckdb (default: both)")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(handler=cmd_dataset)
