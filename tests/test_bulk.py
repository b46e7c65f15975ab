"""`arsbok bulk`: parallel conversion, failures recorded, kill + resume, timeout, dask."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from extractor.bulk import group_by_content, run_bulk, run_local
from extractor.cli import main
from tests.conftest import CORPUS, NO_SHARED, REPO, SAMPLES, corpus_pdfs

SMALL_SAMPLE = SAMPLES / "malfoljning-symboler.pdf"
TASKS = "tests.test_bulk"


# --------------------------------------------------------------------------------------------
# Stand-in tasks (imported by the worker processes by name, so they live at module level)
# --------------------------------------------------------------------------------------------


def _fake_document(path: str) -> tuple[bytes, int]:
    """A minimal valid document, instantly: the tests below are about the workers."""
    import extractor
    from extractor.bulk import sha256_of
    from extractor.model import Document, RunInfo, Source

    doc = Document(
        source=Source(file_name=Path(path).name, sha256=sha256_of(path), page_count=1),
        run=RunInfo(arsbok_version=extractor.__version__, backend="fake"),
    )
    return doc.model_dump_json().encode("utf-8"), 1


def misbehaving_task(path: str, options: dict[str, Any]) -> tuple[bytes, int]:
    """Hangs on hang*.pdf, eats memory on hog*.pdf, crashes on crash*.pdf, raises on bug*.pdf."""
    name = Path(path).name
    if name.startswith("hang"):
        time.sleep(3600)
    if name.startswith("hog"):
        # one allocation far over the limit: fails at once under RLIMIT_AS, touches nothing
        bytearray(16 * 1024**3)
    if name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGSEGV)
    if name.startswith("bug"):
        raise KeyError("a bug")
    return _fake_document(path)


def loaded_modules_task(path: str, options: dict[str, Any]) -> tuple[bytes, int]:
    """Which heavy modules the worker had before its file: its start-up state."""
    loaded = {name: name in sys.modules for name in ("camelot", "spacy", "matplotlib")}
    return json.dumps(loaded).encode("utf-8"), 1


def _tiny_inputs(folder: Path, names: list[str]) -> Path:
    """Distinct small files (content differs so each gets its own sha256)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(names):
        (folder / name).write_bytes(b"%PDF-1.4\n% test file " + str(i).encode() + b"\n")
    return folder


def _errors(outdir: Path) -> dict[str, dict[str, Any]]:
    lines = (outdir / "errors.jsonl").read_text("utf-8").splitlines()
    return {Path(e["file"]).name: e for e in map(json.loads, lines)}


# --------------------------------------------------------------------------------------------
# Worker failures: timeout, memory, crash, bug
# --------------------------------------------------------------------------------------------


def test_hanging_file_is_killed_at_timeout_and_the_run_goes_on(tmp_path: Path) -> None:
    inputs = _tiny_inputs(tmp_path / "in", ["a.pdf", "hang.pdf", "b.pdf", "c.pdf"])
    started = time.monotonic()
    summary = run_bulk(
        [str(inputs)],
        tmp_path / "out",
        jobs=2,
        timeout=2.0,
        task=f"{TASKS}:misbehaving_task",
        formats=["json"],
    )
    assert time.monotonic() - started < 60
    assert summary["ok"] == 3 and summary["failed"] == 1
    errors = _errors(tmp_path / "out")
    assert list(errors) == ["hang.pdf"]
    assert errors["hang.pdf"]["code"] == "timeout"
    assert len(errors["hang.pdf"]["sha256"]) == 64


def test_memory_crash_and_bug_are_recorded_with_their_codes(tmp_path: Path) -> None:
    inputs = _tiny_inputs(tmp_path / "in", ["ok.pdf", "hog.pdf", "crash.pdf", "bug.pdf", "ok2.pdf"])
    summary = run_bulk(
        [str(inputs)],
        tmp_path / "out",
        jobs=2,
        timeout=60,
        max_memory_mb=1536,
        task=f"{TASKS}:misbehaving_task",
        formats=["json"],
    )
    errors = _errors(tmp_path / "out")
    assert {k: v["code"] for k, v in errors.items()} == {
        "hog.pdf": "memory",
        "crash.pdf": "internal",
        "bug.pdf": "internal",
    }
    assert errors["bug.pdf"]["exception"] == "KeyError"
    assert errors["crash.pdf"]["exception"] == "SIGSEGV"
    assert summary["ok"] == 2
    assert sorted(p.name for p in (tmp_path / "out" / "documents").iterdir()) == sorted(
        json.loads((tmp_path / "out" / "index.json").read_text())["files"][str(inputs / n)][
            "sha256"
        ]
        + ".json"
        for n in ("ok.pdf", "ok2.pdf")
    )


def test_aliases_converted_once_and_resume_skips(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(SMALL_SAMPLE.read_bytes())
    (folder / "same-as-a.pdf").write_bytes(SMALL_SAMPLE.read_bytes())
    out = tmp_path / "out"
    assert main(["bulk", str(folder), "-o", str(out), "--jobs", "1", "-q"]) == 0
    run = json.loads((out / "run.json").read_text())
    assert (run["files"], run["distinct"], run["aliases"], run["ok"]) == (2, 1, 1, 1)
    index = json.loads((out / "index.json").read_text())
    shas = {v["sha256"] for v in index["files"].values()}
    assert len(shas) == 1 and len(list((out / "documents").glob("*.json"))) == 1
    assert index["documents"][shas.pop()] == [str(folder / "a.pdf"), str(folder / "same-as-a.pdf")]
    # again: nothing to do; with --no-resume: converted again
    assert main(["bulk", str(folder), "-o", str(out), "--jobs", "1", "-q"]) == 0
    assert json.loads((out / "run.json").read_text())["skipped"] == 1
    assert (
        main(
            [
                "bulk",
                str(folder),
                "-o",
                str(out),
                "--jobs",
                "1",
                "-q",
                "--no-resume",
                "--format",
                "json",
            ]
        )
        == 0
    )
    assert json.loads((out / "run.json").read_text())["ok"] == 1
    assert not list(out.rglob("*.tmp"))


@pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods(),
    reason="no forkserver start method on this OS (workers are spawned and warm up themselves)",
)
def test_workers_are_forked_warm_without_matplotlib(tmp_path: Path) -> None:
    # a replaced worker must not pay camelot's and spaCy's imports again (1.4 s), and the
    # fork server leaves out matplotlib, which only camelot's plotting helpers want
    items, _ = group_by_content(
        [str(p) for p in _tiny_inputs(tmp_path / "in", ["a.pdf", "b.pdf"]).iterdir()]
    )
    outcomes: list[Any] = []
    run_local(
        items,
        {},
        jobs=2,
        timeout=60,
        max_memory_mb=None,
        task=f"{TASKS}:loaded_modules_task",
        on_done=outcomes.append,
    )
    assert [json.loads(o.extra["data"]) for o in outcomes] == [
        {"camelot": True, "spacy": True, "matplotlib": False}
    ] * 2


def test_no_inputs_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["bulk", str(tmp_path / "nothing-*.pdf"), "-o", str(tmp_path / "out"), "-q"]) == 2
    assert (
        main(["bulk", str(SMALL_SAMPLE), "-o", str(tmp_path / "out"), "--format", "xml", "-q"]) == 2
    )


def test_dataset_without_its_libraries_is_a_usage_error_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a plain `pip install .` has no pyarrow/duckdb (the `data` extra): the default formats
    # must say so at once, not after converting everything
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name in ("pyarrow", "duckdb") else real_find_spec(name, *a),
    )
    out = tmp_path / "out"
    assert main(["bulk", str(SMALL_SAMPLE), "-o", str(out), "-q"]) == 2
    assert "pip install 'arsbok[data]'" in capsys.readouterr().err
    assert not (out / "documents").exists()
    assert main(["bulk", str(SMALL_SAMPLE), "-o", str(out), "--format", "json", "-q"]) == 0


# --------------------------------------------------------------------------------------------
# Dask
# --------------------------------------------------------------------------------------------


def test_dask_local_cluster(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(SMALL_SAMPLE.read_bytes())
    (folder / "page.pdf").write_bytes(b"<!DOCTYPE html><html>404</html>")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        code = main(
            [
                "bulk",
                str(folder),
                "-o",
                str(tmp_path / "out"),
                "--dask",
                cluster.scheduler_address,
                "-q",
                "--format",
                "json,parquet",
            ]
        )
    assert code == 8
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    assert run["executor"].startswith("dask") and run["ok"] == 1 and run["failed"] == 1
    assert _errors(tmp_path / "out")["page.pdf"]["code"] == "html"
    assert (tmp_path / "out" / "dataset" / "documents.parquet").exists()


# --------------------------------------------------------------------------------------------
# The real corpus
# --------------------------------------------------------------------------------------------


def _make_broken_files(folder: Path) -> dict[str, str]:
    """Five broken inputs and the error code each must get."""
    import pikepdf

    folder.mkdir(parents=True, exist_ok=True)
    good = SMALL_SAMPLE.read_bytes()
    (folder / "zero-bytes.pdf").write_bytes(b"")
    (folder / "truncated.pdf").write_bytes(good[: len(good) // 3])
    (folder / "error-page.pdf").write_bytes(
        b"<!DOCTYPE html><html><head><title>404</title></head><body>Not found</body></html>"
    )
    with pikepdf.open(SMALL_SAMPLE) as pdf:
        pdf.save(
            folder / "encrypted.pdf",
            encryption=pikepdf.Encryption(owner="owner", user="secret", R=6),
        )
    (folder / "random.pdf").write_bytes(os.urandom(64 * 1024))
    # five distinct codes: an HTML error page is told apart from random bytes
    return {
        "zero-bytes.pdf": "empty",
        "truncated.pdf": "damaged",
        "error-page.pdf": "html",
        "encrypted.pdf": "encrypted",
        "random.pdf": "not_pdf",
    }


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.exists(), reason=NO_SHARED)
def test_bulk_whole_corpus_with_broken_files(tmp_path: Path) -> None:
    broken = _make_broken_files(tmp_path / "broken")
    out = tmp_path / "out"
    # OCR on (the default): the 4 scanned reports are good files too, so exactly the five
    # broken files fail, each with its own code
    code = main(
        [
            "bulk",
            str(CORPUS / "**" / "*.pdf"),
            str(tmp_path / "broken"),
            "-o",
            str(out),
            "--jobs",
            "2",
            "--timeout",
            "900",
            "-q",
        ]
    )
    assert code == 8
    errors = _errors(out)
    good = {p.name for p in corpus_pdfs()}
    assert {k: v["code"] for k, v in errors.items()} == broken
    assert len(set(broken.values())) == 5
    index = json.loads((out / "index.json").read_text())
    converted = {Path(p).name for p, v in index["files"].items() if v["status"] == "ok"}
    assert good <= converted
    # issue 2: every corpus PDF extracts, and its JSON validates against the committed schema
    import jsonschema

    schema = json.loads((REPO / "extractor" / "schema" / "document.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for p in corpus_pdfs():
        sha = index["files"][str(p)]["sha256"]
        document = json.loads((out / "documents" / f"{sha}.json").read_text("utf-8"))
        errors_found = sorted(e.message for e in validator.iter_errors(document))
        assert not errors_found, (p.name, errors_found[:3])
    run = json.loads((out / "run.json").read_text())
    assert run["failed"] == len(errors) and run["ok"] == len(converted)
    assert run["pages_per_second"] > 0
    # issue 9: a worker stays under 500 MB over the whole corpus, OCR'd scans included
    assert 0 < run["peak_worker_rss_mb"] < 500, run["peak_worker_rss_mb"]


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.exists(), reason=NO_SHARED)
def test_killed_run_resumes_to_the_same_dataset(tmp_path: Path) -> None:
    import pandas as pd

    files = corpus_pdfs("brf", text_layer=True)[:4]
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"<html>not a pdf</html>")
    inputs = [str(p) for p in files] + [str(broken)]
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    assert (
        main(["bulk", *inputs, "-o", str(whole), "--jobs", "2", "-q", "--format", "json,parquet"])
        == 8
    )

    cmd = [
        sys.executable,
        "-m",
        "extractor.cli",
        "bulk",
        *inputs,
        "-o",
        str(killed),
        "--jobs",
        "2",
        "-q",
        "--format",
        "json,parquet",
    ]
    proc = subprocess.Popen(
        cmd, cwd=REPO, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not list((killed / "documents").glob("*.json")):
            time.sleep(0.05)
        assert list((killed / "documents").glob("*.json")), "no output appeared"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert not (killed / "run.json").exists(), "the run finished before it was killed"
    assert (
        main(["bulk", *inputs, "-o", str(killed), "--jobs", "2", "-q", "--format", "json,parquet"])
        == 8
    )
    assert json.loads((killed / "run.json").read_text())["skipped"] >= 1
    for name in ("documents", "sections", "tables", "line_items", "goals", "checks", "warnings"):
        a = pd.read_parquet(whole / "dataset" / f"{name}.parquet")
        b = pd.read_parquet(killed / "dataset" / f"{name}.parquet")
        pd.testing.assert_frame_equal(a, b, obj=name)
    assert _errors(whole) == _errors(killed)
    assert not list(killed.rglob("*.tmp"))
