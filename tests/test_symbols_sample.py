"""Checks for the synthetic sample ``samples/malfoljning-symboler.pdf``.

These tests verify the sample and its gold file (reproducibility, status
coverage, that every gold ``symbol_bbox`` really holds a coloured symbol),
not the extractor.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
PDF = SAMPLES / "malfoljning-symboler.pdf"
GOLD = SAMPLES / "malfoljning-symboler.gold.json"
GENERATOR = SAMPLES / "make_symbols.py"
STATUSES = ("uppfyllt", "delvis", "ej_uppfyllt", "ej_bedomd")
TOL = 0.6  # points; bezier circles and image placement are exact to ~0.01


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pdf():
    with pdfplumber.open(PDF) as doc:
        yield doc


def page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as doc:
        return [page.extract_text() or "" for page in doc.pages]


def test_rebuild_gives_same_texts_and_gold(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(GENERATOR), "--out", str(tmp_path)], check=True, capture_output=True
    )
    assert page_texts(tmp_path / PDF.name) == page_texts(PDF)
    rebuilt = json.loads((tmp_path / GOLD.name).read_text(encoding="utf-8"))
    assert rebuilt == json.loads(GOLD.read_text(encoding="utf-8"))


def test_pdf_shape(gold: dict, pdf) -> None:
    assert PDF.stat().st_size < 300_000
    assert 4 <= len(pdf.pages) <= 6
    assert gold["pages"] == len(pdf.pages)
    for page in pdf.pages:
        assert round(page.width) == 595 and round(page.height) == 842


def test_swedish_letters_extract(pdf) -> None:
    text = "\n".join(page.extract_text() for page in pdf.pages)
    for word in (
        "Målföljning 2025",
        "Bedömning",
        "Färdiggrad",
        "Teckenförklaring",
        "Ej bedömd / Ej påbörjad",
        "Verksamhetsområde Idrott och anläggningar",
    ):
        assert word in text


def test_gold_coverage(gold: dict) -> None:
    goals = gold["goals"]
    assert gold["file"] == PDF.name and gold["synthetic"] is True
    assert 25 <= len(goals) <= 40
    counts = Counter(g["status"] for g in goals)
    assert set(counts) == set(STATUSES)
    assert min(counts.values()) >= 4, counts
    assert {g["symbol"] for g in goals} == {"vector", "image"}
    assert {g["table_header"] for g in goals} == {"Verksamhetsmål", "Nämndmål", "Aktivitet"}
    assert all(g["basis"] == "symbol" for g in goals)
    for g in goals:
        assert g["kind"] == ("aktivitet" if g["table_header"] == "Aktivitet" else "mål")
        if g["kind"] == "aktivitet":
            assert 0.0 <= g["progress"] <= 100.0
        else:
            assert g["progress"] is None
    # at least one table continues on the next page
    pages_per_table = Counter()
    for header in {g["table_header"] for g in goals}:
        pages_per_table[header] = len({g["page"] for g in goals if g["table_header"] == header})
    assert max(pages_per_table.values()) >= 2
    assert [item["status"] for item in gold["legend"]] == list(STATUSES)


def _inside(obj: dict, bbox: list[float]) -> bool:
    x0, top, x1, bottom = bbox
    return (
        obj["x0"] >= x0 - TOL
        and obj["x1"] <= x1 + TOL
        and obj["top"] >= top - TOL
        and obj["bottom"] <= bottom + TOL
        # must cover most of the box, not be a stray speck
        and (obj["x1"] - obj["x0"]) >= 0.8 * (x1 - x0)
        and (obj["bottom"] - obj["top"]) >= 0.8 * (bottom - top)
    )


def _same_colour(colour, rgb: list[int]) -> bool:
    return (
        colour is not None
        and len(colour) == 3
        and all(abs(c * 255 - v) < 2 for c, v in zip(colour, rgb, strict=True))
    )


def _symbol_rows(gold: dict) -> list[dict]:
    legend = [dict(item, symbol="vector", kind="legend") for item in gold["legend"]]
    return legend + gold["goals"]


def test_every_symbol_bbox_holds_a_symbol(gold: dict, pdf) -> None:
    rgb = {item["status"]: item["rgb"] for item in gold["legend"]}
    for row in _symbol_rows(gold):
        page = pdf.pages[row["page"] - 1]
        bbox = row["symbol_bbox"]
        if row["symbol"] == "image":
            hits = [im for im in page.images if _inside(im, bbox)]
        else:
            hits = [
                shape
                for shape in page.curves + page.rects
                if shape.get("fill")
                and _inside(shape, bbox)
                and _same_colour(shape.get("non_stroking_color"), rgb[row["status"]])
            ]
        assert len(hits) == 1, (row.get("goal", row.get("label")), row["page"], bbox)


def test_rendered_colour_matches_status(gold: dict) -> None:
    """The pixel at each symbol centre maps to the gold status by nearest colour."""
    scale = 2.0
    legend = [(item["status"], item["rgb"]) for item in gold["legend"]]
    doc = pypdfium2.PdfDocument(str(PDF))
    try:
        images = {}
        for row in _symbol_rows(gold):
            if row["page"] not in images:
                images[row["page"]] = doc[row["page"] - 1].render(scale=scale).to_pil()
            x0, top, x1, bottom = row["symbol_bbox"]
            pixel = images[row["page"]].getpixel(
                (int((x0 + x1) / 2 * scale), int((top + bottom) / 2 * scale))
            )
            nearest = min(
                legend,
                key=lambda item: sum((a - b) ** 2 for a, b in zip(pixel[:3], item[1], strict=True)),
            )
            assert nearest[0] == row["status"], (row.get("goal"), pixel)
    finally:
        doc.close()


def test_goal_texts_are_in_first_column(gold: dict, pdf) -> None:
    """Gold goal strings match the PDF text of the first table column."""
    columns = {}
    for number, page in enumerate(pdf.pages, start=1):
        crop = page.crop((40, 0, 330, page.height))
        columns[number] = " ".join((crop.extract_text() or "").split())
    for g in gold["goals"]:
        assert g["goal"] in columns[g["page"]], g["goal"]
