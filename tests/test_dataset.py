"""`arsbok dataset`: tidy tables from per-document JSON, Parquet + DuckDB, deterministic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.dataset import TABLE_NAMES, build_dataset, read_dataset
from extractor.model import Check, Document, RunInfo
from tests.test_compare import make_doc, make_goal, make_table


def _docs() -> list[Document]:
    t24 = make_table(
        "resultatrakning",
        2024,
        [
            ("Verksamhetens intäkter", "verksamhetens_intakter", 50000, 48000),
            ("Årets resultat", "arets_resultat", 1000, None),
        ],
    )
    t24.checks = [Check(rule="sum", ok=False, expected=2000.0, found=1000.0, rows=[0, 1], column=0)]
    t25 = make_table(
        "resultatrakning",
        2025,
        [("Verksamhetens intäkter", "verksamhetens_intakter", 55000, 50000)],
    )
    docs = [
        make_doc(
            "r2024",
            2024,
            [make_goal("A", "Mål ett", "uppfyllt"), make_goal("A", "Mål två", "delvis")],
            [t24],
        ),
        make_doc(
            "r2025",
            2025,
            [make_goal("A", "Mål ett", "uppfyllt"), make_goal("A", "Mål två", "uppfyllt")],
            [t25],
        ),
        make_doc("empty", 2025, [], [], organisation="Tomma förbundet", org_number=None),
    ]
    for d in docs:
        d.run = RunInfo(arsbok_version="0.1.0", backend="pdfium", stage_seconds={"load": 0.1})
    return docs


def _write(outdir: Path, docs: list[Document]) -> None:
    (outdir / "documents").mkdir(parents=True, exist_ok=True)
    for d in docs:
        (outdir / "documents" / f"{d.source.sha256}.json").write_text(d.model_dump_json(), "utf-8")


def test_tables_and_views(tmp_path: Path) -> None:
    _write(tmp_path, _docs())
    counts = build_dataset(tmp_path)
    assert counts["documents"] == 3 and counts["goals"] == 4 and counts["checks"] == 1
    ds = read_dataset(tmp_path)
    assert set(ds) == set(TABLE_NAMES)
    docs = ds["documents"].set_index("file_name")
    assert docs.loc["r2024.pdf", "fiscal_year"] == 2024
    assert docs.loc["r2024.pdf", "organisation"] == "Testförbundet"
    items = ds["line_items"]
    # long format: one row per row x value column; the None cell is left out
    assert len(items) == 3 + 2
    row = items[
        (items.key == "verksamhetens_intakter")
        & (items.fiscal_year == 2025)
        & (items.column_year == 2024)
    ]
    assert row.value.tolist() == [50000.0]
    assert set(items.columns) >= {
        "document_id",
        "organisation",
        "fiscal_year",
        "table_kind",
        "table_title",
        "row_label",
        "key",
        "column_label",
        "column_year",
        "value",
        "unit",
        "page",
    }
    assert set(ds["goals"].columns) >= {
        "document_id",
        "organisation",
        "fiscal_year",
        "unit",
        "focus_area",
        "goal",
        "status",
        "confidence",
        "method",
        "page",
    }
    import duckdb

    con = duckdb.connect(str(tmp_path / "dataset" / "arsbok.duckdb"), read_only=True)
    try:
        shares = con.execute(
            "SELECT fiscal_year, status, goals, share FROM goal_status_shares ORDER BY fiscal_year, status"
        ).fetchall()
        assert shares == [
            (2024, "delvis", 1, 0.5),
            (2024, "uppfyllt", 1, 0.5),
            (2025, "uppfyllt", 2, 1.0),
        ]
        wide = con.execute(
            "SELECT fiscal_year, column_year, verksamhetens_intakter, arets_resultat FROM line_items_by_key ORDER BY fiscal_year, column_year"
        ).fetchall()
        assert wide == [
            (2024, 2023, 48000.0, None),
            (2024, 2024, 50000.0, 1000.0),
            (2025, 2024, 50000.0, None),
            (2025, 2025, 55000.0, None),
        ]
        assert con.execute("SELECT count(*) FROM checks WHERE NOT ok").fetchone() == (1,)
    finally:
        con.close()


def test_deterministic_and_empty_tables_keep_columns(tmp_path: Path) -> None:
    _write(tmp_path / "a", _docs())
    _write(tmp_path / "b", list(reversed(_docs())))
    build_dataset(tmp_path / "a")
    build_dataset(tmp_path / "b")
    for name in TABLE_NAMES:
        assert (tmp_path / "a" / "dataset" / f"{name}.parquet").read_bytes() == (
            tmp_path / "b" / "dataset" / f"{name}.parquet"
        ).read_bytes(), name
    # nothing converted yet: every table exists with its columns
    (tmp_path / "c" / "documents").mkdir(parents=True)
    build_dataset(tmp_path / "c")
    ds = read_dataset(tmp_path / "c")
    assert len(ds["goals"]) == 0 and "status" in ds["goals"].columns


def test_aliases_from_index(tmp_path: Path) -> None:
    docs = _docs()
    _write(tmp_path, docs)
    sha = docs[0].source.sha256
    (tmp_path / "index.json").write_text(
        json.dumps({"documents": {sha: ["in/r2024.pdf", "other/copy.pdf"]}}), "utf-8"
    )
    build_dataset(tmp_path, formats=["parquet"])
    ds = read_dataset(tmp_path).get("documents")
    assert ds.set_index("document_id").loc[sha, "aliases"] == "copy.pdf"
    assert not (tmp_path / "dataset" / "arsbok.duckdb").exists()


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dataset", str(tmp_path)]) == 2
    _write(tmp_path, _docs())
    assert main(["dataset", str(tmp_path)]) == 0
    assert "goals 4" in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "dataset").iterdir()) == sorted(
        [f"{n}.parquet" for n in TABLE_NAMES] + ["arsbok.duckdb"]
    )
