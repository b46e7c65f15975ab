"""Shared fixtures: paths to the repo, the samples and the corpus beside the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
DATA = REPO / "tests" / "data"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
NO_SHARED = "../shared (corpus and reference) is not beside this checkout: CI has it, a fresh clone does not"


def corpus_pdfs(kind: str = "*", text_layer: bool | None = None) -> list[Path]:
    """PDFs of ../shared/corpus; empty when the corpus is absent."""
    if not CORPUS.exists():
        return []
    pdfs = sorted(CORPUS.glob(f"{kind}/*.pdf"))
    if text_layer is None:
        return pdfs
    scanned = set()
    manifest = CORPUS / "brf" / "MANIFEST.tsv"
    if manifest.exists():
        for line in manifest.read_text("utf-8").splitlines()[1:]:
            cols = line.split("\t")
            if len(cols) >= 6 and cols[5] == "no":
                scanned.add(cols[0])
    return [p for p in pdfs if (p.name not in scanned) == text_layer]


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.exists():
        pytest.skip(NO_SHARED)
    return CORPUS


def needs_corpus() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not CORPUS.exists(), reason=NO_SHARED)
