"""The CLI: exit codes and one-line errors, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.cli import main
from tests.conftest import SAMPLES


def test_schema_prints_valid_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "arsbok Document"
    assert "schema_version" in schema["properties"]


@pytest.mark.parametrize(
    ("content", "code", "exit_code"),
    [
        (b"", "empty", 3),
        (b"<!DOCTYPE html><html><body>404</body></html>", "html", 3),
        (b"%PDF-1.7\n garbage that is not a pdf body", "damaged", 3),
    ],
)
def test_bad_input_gives_one_line_and_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, code: str, exit_code: int
) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(content)
    assert main(["extract", str(bad)]) == exit_code
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"[{code}]" in err[0]
    assert "Traceback" not in err[0]


def test_missing_file_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "/nonexistent/x.pdf"]) == 2


def test_bad_page_range_is_usage_error(tmp_path: Path) -> None:
    assert main(["extract", str(SAMPLES / "malfoljning-symboler.pdf"), "--pages", "7-3"]) == 2


def test_extract_writes_atomically_and_validates(tmp_path: Path) -> None:
    out = tmp_path / "out" / "doc.json"
    assert main(["extract", str(SAMPLES / "malfoljning-symboler.pdf"), "-o", str(out), "-q"]) == 0
    from extractor.model import Document

    doc = Document.model_validate_json(out.read_bytes())
    assert doc.source.page_count == 4
    assert [p.name for p in out.parent.iterdir()] == ["doc.json"]
