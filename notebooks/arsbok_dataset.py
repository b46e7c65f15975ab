# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # arsbok: from report PDFs to a research dataset
#
# This notebook converts the bundled samples (and a few reports of `../shared/corpus` when it
# is beside the checkout) with `arsbok bulk`, then reads the tidy tables with DuckDB and
# pandas: goal status per organisation and year, and one line item compared across reports.
#
# The same from a shell:
#
# ```bash
# arsbok bulk samples/ ../shared/corpus/brf -o out/ --jobs 2
# arsbok dataset out/          # rebuild the tables only
# duckdb out/dataset/arsbok.duckdb "SELECT * FROM goal_status_shares"
# ```

# %%
import os
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display in CI
import duckdb
import matplotlib.pyplot as plt
import pandas as pd

from extractor.bulk import run_bulk


def find_repo(start: Path) -> Path:
    """The checkout: the first folder upwards that has samples/ and extractor/."""
    for folder in [start, *start.parents]:
        if (folder / "samples").is_dir() and (folder / "extractor").is_dir():
            return folder
    raise FileNotFoundError("run this notebook inside the arsbok checkout")


REPO = find_repo(Path.cwd())
CORPUS = REPO.parent / "shared" / "corpus"
OUT = Path(os.environ.get("ARSBOK_NOTEBOOK_OUT") or tempfile.mkdtemp(prefix="arsbok-notebook-"))

# the scanned sample needs OCR (slow): it is left out to keep this notebook under a minute
inputs = sorted(str(p) for p in (REPO / "samples").glob("*.pdf") if "scanned" not in p.name)
if CORPUS.exists():
    inputs += [str(p) for p in sorted((CORPUS / "brf").glob("*.pdf"))[:8:4]]
inputs

# %%
started = time.perf_counter()
summary = run_bulk(inputs, OUT, jobs=2, timeout=120, options={"ocr": "never"})
print(f"{summary['ok']} ok, {summary['failed']} failed, {summary['skipped']} skipped, "
      f"{summary['pages']} pages in {time.perf_counter() - started:.1f} s")

# %% [markdown]
# ## The tables
#
# `OUT/dataset/` has one Parquet file per table and `arsbok.duckdb` with all of them and two
# views. The document id is the sha256 of the PDF.

# %%
con = duckdb.connect(str(OUT / "dataset" / "arsbok.duckdb"), read_only=True)
documents = con.execute(
    "SELECT file_name, organisation, report_type, fiscal_year, pages, tables, goals, warnings "
    "FROM documents ORDER BY organisation, fiscal_year"
).df()
documents

# %%
line_items = pd.read_parquet(OUT / "dataset" / "line_items.parquet")
print(f"{len(line_items)} line items in {line_items.document_id.nunique()} documents")
line_items.groupby("table_kind").size().sort_values(ascending=False).head(10)

# %% [markdown]
# ## Goal status per organisation and year
#
# The `goal_status_shares` view counts goals per status; the chart stacks the counts.

# %%
shares = con.execute("SELECT * FROM goal_status_shares").df()
shares

# %%
status_order = ["uppfyllt", "delvis", "ej_uppfyllt", "ej_bedomd"]
colours = {"uppfyllt": "#2e7d32", "delvis": "#f9a825", "ej_uppfyllt": "#c62828", "ej_bedomd": "#9e9e9e"}
fig, ax = plt.subplots(figsize=(8, 3.5))
if shares.empty:
    ax.text(0.5, 0.5, "no goals found in these reports", ha="center", va="center")
    ax.set_axis_off()
else:
    shares["report"] = shares.organisation.fillna("?") + " " + shares.fiscal_year.astype("string").fillna("?")
    wide = shares.pivot_table(index="report", columns="status", values="goals", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=[s for s in status_order if s in wide.columns])
    wide.plot.barh(stacked=True, ax=ax, color=[colours[s] for s in wide.columns])
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize="small")
    ax.set_xlabel("goals")
    ax.set_ylabel("")
ax.set_title("Goal status per report")
fig.tight_layout()

# %% [markdown]
# ## One line item across reports
#
# Line items are in long format (one row per table row and value column, with the column's
# year). Rows are matched on the canonical key, or on the label where the tables stage gave
# no key; the chart follows one item through every year column of every report, so a
# report's previous-year column shows beside the earlier report's own figure. Reports of
# different organisations use different units (kr, tkr), so the two sample editions are used
# when they are there.

# %%
statement_rows = con.execute(
    """
    SELECT d.file_name, l.organisation, l.fiscal_year, l.table_kind, l.column_year,
           coalesce(l.key, lower(l.row_label)) AS item, l.row_label, l.value
    FROM line_items l JOIN documents d USING (document_id)
    WHERE l.value IS NOT NULL AND l.column_year IS NOT NULL
      AND l.column_type IN ('year', 'period')
      AND l.table_kind IN ('resultatrakning', 'balansrakning')
    """
).df()
# one organisation's reports share a unit (tkr): compare the two sample editions when present
editions = ["arsbokslut-2024.pdf", "arsbokslut-2025.pdf"]
if set(editions) <= set(statement_rows.file_name):
    statement_rows = statement_rows[statement_rows.file_name.isin(editions)]
common = statement_rows.groupby(["table_kind", "item"]).file_name.nunique().sort_values(ascending=False)
common.head(10)

# %%
fig, ax = plt.subplots(figsize=(8, 3.5))
if common.empty:
    ax.text(0.5, 0.5, "no statement rows found in these reports", ha="center", va="center")
    ax.set_axis_off()
else:
    preferred = [ix for ix in common.index if ix[1] == "arets_resultat" and common[ix] > 1]
    kind, item = preferred[0] if preferred else common.index[0]
    series = statement_rows[(statement_rows.table_kind == kind) & (statement_rows.item == item)]
    for file_name, part in series.groupby("file_name"):
        part = part.groupby("column_year").value.first().sort_index()
        ax.plot(part.index, part.values, marker="o", label=file_name)
    ax.set_title(f"{series.row_label.iloc[0]} ({kind}) by column year")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize="small")
fig.tight_layout()

# %% [markdown]
# ## Comparing two editions
#
# `arsbok compare A.pdf B.pdf -o report.html` matches goals between two reports and lists the
# status transitions; here on the documents already converted.

# %%
from extractor.compare import Report, compare_reports  # noqa: E402
from extractor.model import Document  # noqa: E402

by_name = {Path(p).name: p for p in inputs}
pair = [n for n in ("arsbokslut-2024.pdf", "arsbokslut-2025.pdf") if n in by_name]
if len(pair) == 2:
    shas = con.execute(
        "SELECT document_id FROM documents WHERE file_name IN (?, ?) ORDER BY fiscal_year", pair
    ).fetchall()
    reports = [
        Report(sha[:8], Document.model_validate_json((OUT / "documents" / f"{sha}.json").read_bytes()))
        for (sha,) in shas
    ]
    result = compare_reports(reports) if len(reports) == 2 else None
    if result:
        g = result["goals"]
        print(f"{len(g['matched'])} goals matched, {len(g['added'])} added, {len(g['dropped'])} dropped")
        print("transitions:", g["transitions"])

# %%
con.close()
