"""Organisation, org number, fiscal year and report type (issue 2)."""

from __future__ import annotations

import json

import pytest

from extractor.model import ReportType
from extractor.stages.metadata import (
    TextLine,
    find_fiscal_year,
    find_org_number,
    find_organisation,
    find_report_type,
)
from tests.conftest import CORPUS, NO_SHARED, REPO
from tests.test_furniture import load_eval

FISCAL_YEAR_TESTS = [
    (
        "Styrelsen får härmed avge årsredovisning för räkenskapsåret 1 januari - 31 december 2021.",
        2021,
    ),
    ("Räkenskapsåret\n2023", 2023),
    (
        "Styrelsen upprättar härmed följande årsredovisning för räkenskapsåret 2022-07-01 - 2023-06-30.",
        2023,
    ),
    ("Räkenskapsåret 2023-01-01 - 2023-12-31", 2023),
    ("Årsredovisning 2022 - 2023", 2023),
    ("f!r r kenskaps!ret 2023.", 2023),  # brf_52576: broken å/ä/ö
    ("Revisionsberättelse Brf Rävsaxen, org. nr 769606-9959, 2022-07-01—2023-06-30", 2023),
    ("Lånet löper 2021-03-01 - 2026-03-01", None),  # a loan term, not a fiscal year
    ("Ingen årtal här", None),
]


@pytest.mark.parametrize(("text", "expected"), FISCAL_YEAR_TESTS)
def test_fiscal_year(text: str, expected: int | None) -> None:
    assert find_fiscal_year(text) == expected


def _lines(*texts: str, size: float = 9.0, page: int = 2) -> list[TextLine]:
    return [TextLine(t, page, size) for t in texts]


ORGANISATION_TESTS = [
    (
        ["Styrelsen för Brf Husarviken, med säte i Stockholms kommun, får härmed avge"],
        "Brf Husarviken",
    ),
    (
        [
            "Styrelsen för HSB bostadsrättsförening Lill-Jan i Stockholm med säte i Stockholm org.nr. 769616-6391"
        ],
        "HSB bostadsrättsförening Lill-Jan i Stockholm",
    ),
    # brf_48663: å/ä/ö read as punctuation; the legal form is written right, the name kept.
    (
        ['Styrelsen f"r Bostadsr ttsf"reningen Spegeldammen f!r h rmed avge !rsredovisning'],
        "Bostadsrättsföreningen Spegeldammen",
    ),
    # A legal form inside a sentence is no name.
    (
        [
            "Bostadsrättsföreningen ingår, eller kommer att ingå, i följande gemensamhetsanläggningar:"
        ],
        None,
    ),
    # Text laid over text (brf_52476) is no name line either.
    (
        [
            "Brf Smultronst7ä6ll9 e6 t",
            "Styrelsen för Brf Smultronstället i Ytterby med säte i Kungälv",
        ],
        "Brf Smultronstället i Ytterby",
    ),
]


@pytest.mark.parametrize(("texts", "expected"), ORGANISATION_TESTS)
def test_organisation(texts: list[str], expected: str | None) -> None:
    assert find_organisation(_lines(*texts)) == expected


def test_organisation_from_cover_lines() -> None:
    """brf_198532: "Bostadsrättsföreningen" above "Björk och Plaza" on the cover."""
    lines = [TextLine("Bostadsrättsföreningen", 1, 18.0), TextLine("Björk och Plaza", 1, 18.0)]
    assert find_organisation(lines) == "Bostadsrättsföreningen Björk och Plaza"


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["Org.nr 769625-8248"], "769625-8248"),
        (["Org Nr: 769614-5874", "Lån 202312-1234"], "769614-5874"),
        (["Brf Norra Djurgårdsstaden", "769622-1022"], "769622-1022"),
        (["2023-01-01 - 2023-12-31"], None),
    ],
)
def test_org_number(texts: list[str], expected: str | None) -> None:
    assert find_org_number(_lines(*texts)) == expected


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["!rsredovisning", 'f"r'], ReportType.ARSREDOVISNING),  # brf_48663
        (["Stadsrevisionens årsredogörelse 2024"], ReportType.VERKSAMHETSBERATTELSE),
        (["Delårsrapport mars 2026-"], ReportType.DELARSRAPPORT),
        (["Årsbokslut 2025"], ReportType.ARSBOKSLUT),
        (["Något annat"], ReportType.OTHER),
    ],
)
def test_report_type(texts: list[str], expected: ReportType) -> None:
    assert find_report_type(_lines(*texts, size=24.0, page=1)) == expected


GOLD = json.loads((REPO / "tests" / "data" / "gold" / "brf_metadata.json").read_text("utf-8"))


@pytest.mark.skipif(not CORPUS.exists(), reason=NO_SHARED)
@pytest.mark.parametrize("name", sorted(GOLD), ids=lambda n: n.removesuffix(".pdf"))
def test_brf_metadata_matches_gold(name: str) -> None:
    """Organisation (name or alias), org number, fiscal year and report type in every BRF PDF."""
    ev = load_eval()
    doc = ev.extract(ev.find_pdf(CORPUS, name))
    assert ev.metadata_errors(doc, GOLD[name]) == []


@pytest.mark.skipif(not CORPUS.exists(), reason=NO_SHARED)
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("goteborg-intraservice_delarsrapport_2026.pdf", ReportType.DELARSRAPPORT),
        ("goteborg-stadsrevisionen_arsredogorelse_2022.pdf", ReportType.VERKSAMHETSBERATTELSE),
        ("goteborg-stadsrevisionen_arsredogorelse_2024.pdf", ReportType.VERKSAMHETSBERATTELSE),
    ],
)
def test_public_report_type(name: str, expected: ReportType) -> None:
    ev = load_eval()
    assert ev.extract(ev.find_pdf(CORPUS, name)).metadata.report_type == expected


@pytest.mark.parametrize("name", ["arsbokslut-2025", "arsbokslut-2024"])
def test_sample_metadata_matches_gold(name: str) -> None:
    """A kommunalförbund report: the cover's name, not the member municipalities listed inside;
    the fiscal year from "Årsbokslut 2025", not from the running header's date."""
    import json

    import extractor
    from tests.conftest import SAMPLES

    gold = json.loads((SAMPLES / f"{name}.gold.json").read_text("utf-8"))["metadata"]
    meta = extractor.extract(SAMPLES / f"{name}.pdf", pages=list(range(1, 7)), tables=False, goals=False).metadata
    assert meta.organisation == gold["organisation"]
    assert meta.fiscal_year == gold["fiscal_year"]
    assert meta.report_type.value == gold["report_type"]
    assert meta.report_date == gold["report_date"]
