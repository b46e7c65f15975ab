"""Floor of issue 8: hundreds of mutated PDFs (fixed seed), no uncaught exception, no hang.

Small seeds keep it fast: the pages of `samples/malfoljning-symboler.pdf` one by one (as
stored and with content streams uncompressed, so mutations hit text and geometry operators)
and single pages of a few corpus PDFs. Every file is read in a forked child with a hard
time limit; the outcome must be a document or an `ArsbokError` with a known code.

Also runs each atheris harness in `fuzz/` for a few hundred inputs (skipped without atheris).
"""

from __future__ import annotations

import collections
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

import extractor
from extractor import limits
from extractor.errors import ArsbokError, all_codes
from tests.conftest import CORPUS, REPO, SAMPLES

sys.path.insert(0, str(REPO / "fuzz"))
import mutations  # noqa: E402 - fuzz/ is not a package: the harnesses run as scripts

SEED = 20261127
COUNT = 500
HARD_LIMIT = 20.0
OPTIONS = {"ocr": "never", "timeout": 15.0}
#: Codes a damaged input may end in; "internal" and "crashed" are bugs to fix.
EXPECTED = {"ok", "damaged", "not_pdf", "html", "empty", "no_text_layer", "encrypted", "timeout"}
#: Pages of corpus PDFs used as extra seeds (small, with tables and running text).
CORPUS_PAGES = [
    ("brf/brf_58256.pdf", 7),
    ("brf/brf_54015.pdf", 8),
    ("public/goteborg-stadsrevisionen_arsredogorelse_2024.pdf", 3),
]


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    folder = tmp_path_factory.mktemp("seeds")
    sample = SAMPLES / "malfoljning-symboler.pdf"
    paths = []
    for page in range(1, 5):
        paths.append(mutations.page_subset(sample, [page], folder / f"sym_{page}.pdf"))
        paths.append(
            mutations.page_subset(sample, [page], folder / f"sym_{page}_u.pdf", uncompressed=True)
        )
    for rel, page in CORPUS_PAGES:
        if (CORPUS / rel).exists():
            name = f"{Path(rel).stem}_{page}"
            paths.append(mutations.page_subset(CORPUS / rel, [page], folder / f"{name}.pdf"))
            paths.append(
                mutations.page_subset(
                    CORPUS / rel, [page], folder / f"{name}_u.pdf", uncompressed=True
                )
            )
    return [p.read_bytes() for p in paths]


def test_mutated_pdfs_never_escape(seeds: list[bytes], tmp_path: Path) -> None:
    rng = random.Random(SEED)
    extractor.extract(SAMPLES / "malfoljning-symboler.pdf", **OPTIONS)  # imports, once
    counts: collections.Counter[str] = collections.Counter()
    bad: list[str] = []
    slowest = 0.0
    started = time.monotonic()
    for i in range(COUNT):
        names, data = mutations.mutate(rng.choice(seeds), rng)
        path = tmp_path / f"m{i:04d}.pdf"
        path.write_bytes(data)
        t0 = time.monotonic()
        try:
            limits.run_with_timeout(
                extractor.extract, HARD_LIMIT, str(path), label=path.name, **OPTIONS
            )
            code = "ok"
        except ArsbokError as exc:
            code = exc.code
            if code not in EXPECTED:
                bad.append(f"{path.name} ({names}): [{code}] {exc}")
        except Exception as exc:  # noqa: BLE001 - collected, reported all at once below
            code = "UNCAUGHT"
            bad.append(f"{path.name} ({names}): {type(exc).__name__}: {exc}")
        seconds = time.monotonic() - t0
        slowest = max(slowest, seconds)
        if code == "timeout" or seconds >= HARD_LIMIT:
            bad.append(f"{path.name} ({names}): ran {seconds:.1f} s")
        counts[code] += 1
        if code in EXPECTED and code != "timeout":
            path.unlink()  # keep only the files that failed, for a look
    elapsed = time.monotonic() - started
    print(f"\n{COUNT} mutated PDFs in {elapsed:.1f} s (slowest {slowest:.1f} s): {dict(counts)}")
    assert not bad, "\n".join(bad[:20])
    assert set(counts) <= set(all_codes()) | {"ok"}
    assert counts["ok"] > COUNT // 10, "mutations too destructive to reach the later stages"


# --- atheris harnesses, a short bounded run each --------------------------------------------


@pytest.mark.parametrize("harness", ["fuzz_extract.py", "fuzz_numbers.py"])
def test_fuzz_harness_short_run(harness: str, tmp_path: Path) -> None:
    pytest.importorskip("atheris")
    script = REPO / "fuzz" / harness
    cmd = [
        sys.executable,
        str(script),
        "-runs=2000",
        "-max_total_time=10",
        "-max_len=65536",
        "-timeout=20",
        "-rss_limit_mb=3072",
    ]
    if harness == "fuzz_extract.py":
        # libFuzzer adds new inputs to the first folder: a scratch one, never fuzz/seeds
        (tmp_path / "corpus").mkdir()
        cmd += [f"-dict={REPO / 'fuzz' / 'pdf.dict'}", "corpus", str(REPO / "fuzz" / "seeds")]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env)
    tail = (proc.stdout + proc.stderr)[-3000:]
    if proc.returncode == 0 and "SKIP:" in tail:
        pytest.skip(tail.strip().splitlines()[-1])
    assert proc.returncode == 0, tail
