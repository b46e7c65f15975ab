"""Line-break hyphenation: joined from the word forms, real hyphens kept (issue 2)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.stages.dehyphenate import is_line_break_hyphen, join_lines

JOIN_TESTS = [
    (["kompetens-", "utveckling"], "kompetensutveckling"),
    (["Trafikförsörjnings-", "programmet"], "Trafikförsörjningsprogrammet"),
    (
        ["arbetet med kompetens-", "utveckling fortsätter"],
        "arbetet med kompetensutveckling fortsätter",
    ),
    (["IT-", "upphandlingar"], "IT-upphandlingar"),
    (["EU-", "regelverk"], "EU-regelverk"),
    (["VGR-", "gemensamma"], "VGR-gemensamma"),
    (["2021-", "2030"], "2021-2030"),
    (["drift-", "och underhåll"], "drift- och underhåll"),
    (["för- eller", "eftermiddag"], "för- eller eftermiddag"),
    (["el-", "eller gasbil"], "el- eller gasbil"),
    (["Borås-", "Stad"], "Borås-Stad"),
    (["bola\x02", "gets hantering"], "bolagets hantering"),
    (["verksam\u00ad", "heten"], "verksamheten"),
    (["Ett stycke", "text utan bindestreck"], "Ett stycke text utan bindestreck"),
    (["  ", "ensam rad "], "ensam rad"),
]


@pytest.mark.parametrize(("lines", "expected"), JOIN_TESTS)
def test_join_lines(lines: list[str], expected: str) -> None:
    assert join_lines(lines) == expected


HYPHEN_TESTS = [
    ("kompetens-", "utveckling", True),
    ("Trafikförsörjnings-", "programmet", True),
    ("IT-", "upphandlingar", False),
    ("EU-", "regelverk", False),
    ("2021-", "2030", False),
    ("drift-", "och", False),
    ("e-", "tjänster", False),
    ("Göteborgs-", "Posten", False),
    ("-", "x", False),
    ("ab-", "", False),
    ("ab-", ")", False),
]


@pytest.mark.parametrize(("before", "after", "expected"), HYPHEN_TESTS)
def test_is_line_break_hyphen(before: str, after: str, expected: bool) -> None:
    assert is_line_break_hyphen(before, after) is expected


@given(st.text(), st.text())
def test_is_line_break_hyphen_never_raises(before: str, after: str) -> None:
    assert isinstance(is_line_break_hyphen(before, after), bool)
    assert isinstance(is_line_break_hyphen(before + "-", after), bool)


@given(st.lists(st.text()))
def test_join_lines_never_raises(lines: list[str]) -> None:
    assert isinstance(join_lines(lines), str)
    assert isinstance(join_lines([line + "-" for line in lines]), str)
