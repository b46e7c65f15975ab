"""Hostile and broken input never crashes arsbok, never hangs it, never loses work (issue 8).

Every broken file is made here from the samples and the corpus (tmp dirs, fixed seeds) and
read in a forked child (`extractor.limits.run_with_timeout`), so a hang or a crash of pdfium
fails one test instead of the whole run. The outcome must be a `Document` or an
`ArsbokError` with the right code, within the time limit.
"""

from __future__ import annotations

import pickle
import random
import signal
import sys
import time
from pathlib import Path

import pikepdf
import pytest

import extractor
from extractor import limits, pipeline
from extractor.cli import main
from extractor.errors import (
    EXIT_CODES,
    ArsbokError,
    DamagedPdfError,
    InternalError,
    MemoryLimitError,
    ReaderCrashError,
    TimeoutError_,
    all_codes,
)
from tests.conftest import REPO, SAMPLES, corpus_pdfs

sys.path.insert(0, str(REPO / "fuzz"))
import mutations  # noqa: E402 - fuzz/ is not a package: the harnesses run as scripts

SYMBOLS = SAMPLES / "malfoljning-symboler.pdf"
#: Hard limit per file (the child is killed after it) and the pipeline's own timeout.
HARD_LIMIT = 30.0
SOFT_TIMEOUT = 20.0
#: Options of every run: OCR off so a text layer destroyed by a mutation costs no Tesseract
#: run (the OCR path has its own tests); tables and goals stay on.
OPTIONS = {"ocr": "never", "timeout": SOFT_TIMEOUT}


def outcome(
    path: Path, hard_limit: float = HARD_LIMIT, **options: object
) -> tuple[str, object, float]:
    """("ok", document, seconds) or (code, error, seconds); anything else fails the test."""
    opts = {**OPTIONS, **options}
    started = time.monotonic()
    try:
        doc = limits.run_with_timeout(
            extractor.extract, hard_limit, str(path), label=path.name, **opts
        )
        result: tuple[str, object] = ("ok", doc)
    except ArsbokError as exc:
        result = (exc.code, exc)
    seconds = time.monotonic() - started
    code, value = result
    assert code not in ("internal", "crashed"), f"{path.name}: {value}"
    assert seconds < hard_limit, f"{path.name}: {seconds:.1f} s"
    if code == "ok":
        assert value.source.page_count >= 1  # type: ignore[attr-defined]
    else:
        assert str(value) and "\n" not in str(value), "one-line message"
    return code, value, seconds


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    """Load the lazy parts (spaCy model, table code) once here, so forked children share them
    instead of each loading them again (seconds per child)."""
    extractor.extract(SYMBOLS, **OPTIONS)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("robustness")


def text_of(doc: object) -> str:
    out: list[str] = []

    def walk(sections: list) -> None:  # type: ignore[type-arg]
        for s in sections:
            out.append(s.title or "")
            out.extend(p.text for p in s.paragraphs)
            walk(s.children)

    walk(doc.sections)  # type: ignore[attr-defined]
    return "\n".join(out)


# --- the error hierarchy --------------------------------------------------------------------


def test_every_code_is_unique_and_documented() -> None:
    codes = all_codes()
    for code in ("not_pdf", "damaged", "encrypted", "no_text_layer", "too_large", "timeout",
                 "empty", "memory", "internal", "crashed", "usage"):  # fmt: skip
        assert code in codes
    assert codes["internal"] == 1
    assert set(codes.values()) <= set(EXIT_CODES)
    names = [cls.code for cls in _all_error_classes()]
    assert len(names) == len(set(names)), "two error classes share a code"


def _all_error_classes() -> list[type[ArsbokError]]:
    out, todo = [], [ArsbokError]
    while todo:
        cls = todo.pop()
        out.append(cls)
        todo.extend(cls.__subclasses__())
    return out


def test_errors_survive_pickling_with_their_page() -> None:
    err = pickle.loads(pickle.dumps(DamagedPdfError("x.pdf: page 3 broken", page=3)))
    assert type(err) is DamagedPdfError and err.page == 3 and str(err) == "x.pdf: page 3 broken"


# --- files that are not PDFs ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("zero.pdf", b"", "empty"),
        ("zeros.pdf", bytes(8192), "not_pdf"),
        ("page.pdf", mutations.html_as_pdf(), "html"),
        ("text.pdf", "Årsredovisning 2024\n".encode() * 50, "not_pdf"),
        ("header_only.pdf", b"%PDF-1.7\n", "damaged"),
        ("header_eof.pdf", b"%PDF-1.4\n%%EOF\n", "damaged"),
    ],
)
def test_not_a_pdf(work: Path, name: str, content: bytes, code: str) -> None:
    path = work / name
    path.write_bytes(content)
    assert outcome(path)[0] == code


def test_directory_and_missing_file_are_usage_errors(work: Path) -> None:
    assert outcome(work)[0] == "usage"
    assert outcome(work / "nope.pdf")[0] == "usage"


def test_file_over_size_limit(work: Path) -> None:
    assert outcome(SYMBOLS, max_file_mb=0.001)[0] == "too_large"


# --- damaged PDFs ---------------------------------------------------------------------------


@pytest.mark.parametrize("fraction", [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99])
def test_truncated(work: Path, fraction: float) -> None:
    data = SYMBOLS.read_bytes()
    path = work / f"truncated_{fraction}.pdf"
    path.write_bytes(data[: max(1, int(len(data) * fraction))])
    assert outcome(path)[0] in ("ok", "damaged", "no_text_layer", "not_pdf")


def test_cut_before_startxref_keeps_every_page(work: Path) -> None:
    """The xref offset is gone, the trailer stays: pdfium rebuilds the xref from the objects."""
    data = SYMBOLS.read_bytes()
    path = work / "no_startxref.pdf"
    path.write_bytes(data[: data.rfind(b"startxref")])
    code, doc, _ = outcome(path)
    assert code == "ok" and doc.source.page_count == 4  # type: ignore[attr-defined]


def test_cut_inside_the_trailer_is_damaged(work: Path) -> None:
    data = SYMBOLS.read_bytes()
    path = work / "no_trailer.pdf"
    path.write_bytes(data[: data.rfind(b"trailer")])
    code, err, _ = outcome(path)
    assert code == "damaged" and str(err).startswith("no_trailer.pdf: damaged PDF")


def test_xref_removed_gives_the_same_text(work: Path) -> None:
    path = work / "no_xref.pdf"
    path.write_bytes(mutations.remove_xref(SYMBOLS.read_bytes()))
    code, doc, _ = outcome(path)
    assert code == "ok"
    assert text_of(doc) == text_of(extractor.extract(SYMBOLS, **OPTIONS))


@pytest.mark.parametrize("seed", range(12))
def test_random_damage(work: Path, seed: int) -> None:
    rng = random.Random(seed)
    name, data = mutations.mutate(SYMBOLS.read_bytes(), rng)
    path = work / f"random_{seed}.pdf"
    path.write_bytes(data)
    outcome(path)


# --- encryption -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def encrypted(work: Path) -> dict[str, Path]:
    out = {}
    with pikepdf.open(SYMBOLS) as pdf:
        for name, enc in {
            "user_aes256": pikepdf.Encryption(user="hemligt", owner="ägare", R=6),
            "owner_only_aes256": pikepdf.Encryption(user="", owner="ägare", R=6),
            "owner_only_aes128": pikepdf.Encryption(user="", owner="ägare", R=4, aes=True),
            "user_rc4": pikepdf.Encryption(user="u", owner="o", R=3, aes=False, metadata=False),
            "owner_only_no_copy": pikepdf.Encryption(
                user="", owner="o", R=6, allow=pikepdf.Permissions(extract=False)
            ),
        }.items():
            out[name] = work / f"{name}.pdf"
            pdf.save(out[name], encryption=enc)
    return out


@pytest.mark.parametrize("name", ["user_aes256", "user_rc4"])
def test_user_password_needed(encrypted: dict[str, Path], name: str) -> None:
    code, err, _ = outcome(encrypted[name])
    assert code == "encrypted" and "--password" in str(err)


def test_wrong_password(encrypted: dict[str, Path]) -> None:
    code, err, _ = outcome(encrypted["user_aes256"], password="fel")
    assert code == "encrypted" and "wrong password" in str(err)


@pytest.mark.parametrize(
    ("name", "password"),
    [("user_aes256", "hemligt"), ("user_aes256", "ägare"), ("user_rc4", "u")],
)
def test_right_password_extracts(encrypted: dict[str, Path], name: str, password: str) -> None:
    code, doc, _ = outcome(encrypted[name], password=password)
    assert code == "ok" and text_of(doc) == text_of(extractor.extract(SYMBOLS, **OPTIONS))


@pytest.mark.parametrize("name", ["owner_only_aes256", "owner_only_aes128", "owner_only_no_copy"])
@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_owner_password_only_opens_with_empty_user_password(
    encrypted: dict[str, Path], name: str, backend: str
) -> None:
    code, doc, _ = outcome(encrypted[name], backend=backend)
    assert code == "ok"
    assert text_of(doc) == text_of(extractor.extract(SYMBOLS, backend=backend, **OPTIONS))


def test_cli_encrypted_one_line_and_exit_3(
    encrypted: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(encrypted["user_aes256"]), "-q"]) == 3
    err = capsys.readouterr().err.strip()
    assert err.startswith("arsbok: error [encrypted]") and "\n" not in err
    assert main(["extract", str(encrypted["user_aes256"]), "-q", "--password", "hemligt"]) == 0


def test_password_is_never_written(encrypted: dict[str, Path]) -> None:
    doc = extractor.extract(encrypted["user_aes256"], password="hemligt", **OPTIONS)
    assert "hemligt" not in doc.model_dump_json()


def test_stale_pdfium_error_code_is_not_trusted(encrypted: dict[str, Path], work: Path) -> None:
    """Regression: pdfium keeps its last error code; a file that fails without setting one
    (no pages) was reported as "encrypted" after an encrypted file in the same process."""
    empty = mutations.write_zero_pages(work / "zero_pages_after_encrypted.pdf")
    for _ in range(2):
        with pytest.raises(ArsbokError) as info:
            extractor.extract(encrypted["user_aes256"], **OPTIONS)  # in process, on purpose
        assert info.value.code == "encrypted"
        with pytest.raises(ArsbokError) as info:
            extractor.extract(empty, **OPTIONS)
        assert info.value.code == "empty"


# --- hostile structures ---------------------------------------------------------------------


def test_zero_pages(work: Path) -> None:
    code, err, _ = outcome(mutations.write_zero_pages(work / "zero_pages.pdf"))
    assert code == "empty" and "no pages" in str(err)


def test_page_tree_that_contains_itself(work: Path) -> None:
    path = mutations.write_self_referencing_kids(SYMBOLS, work / "self_kids.pdf")
    code, doc, _ = outcome(path)
    assert code == "ok" and doc.source.page_count == 4  # type: ignore[attr-defined]


def test_form_xobject_that_draws_itself(work: Path) -> None:
    code, doc, _ = outcome(mutations.write_self_referencing_form(work / "self_form.pdf"))
    assert code == "ok" and "Brf Exempel" in text_of(doc)


def test_100k_nested_q(work: Path) -> None:
    code, doc, _ = outcome(mutations.write_nested_q(work / "nested_q.pdf", 100_000))
    assert code == "ok" and "Brf Exempel" in text_of(doc)


def test_50k_deep_array(work: Path) -> None:
    assert outcome(mutations.write_deep_array(work / "deep.pdf", 50_000))[0] in ("ok", "damaged")


def test_flate_bomb_of_512_mb(work: Path) -> None:
    """512 MiB of inflated spaces from a ~0.5 MB stream: bounded time, bounded memory."""
    path = mutations.write_flate_bomb(work / "bomb.pdf", 512)
    started = time.monotonic()
    code, _, _ = outcome(path, timeout=10)
    assert code in ("ok", "damaged", "no_text_layer", "timeout", "memory")
    assert time.monotonic() - started < 15


def test_flate_bomb_under_memory_limit(work: Path) -> None:
    """The same bomb in a child capped at 1.5 GiB of address space: never more than a code."""
    path = work / "bomb.pdf"
    if not path.exists():
        mutations.write_flate_bomb(path, 512)
    try:
        limits.run_with_timeout(extractor.extract, HARD_LIMIT, str(path), memory_mb=1536, **OPTIONS)
    except ArsbokError as exc:
        assert exc.code in ("damaged", "no_text_layer", "memory", "timeout")


def test_page_with_50k_characters_in_one_spot(work: Path) -> None:
    code, _, seconds = outcome(mutations.write_many_chars(work / "many_chars.pdf", 50_000))
    assert code == "ok" and seconds < 15


def test_weird_page_boxes_and_rotations(work: Path) -> None:
    code, doc, _ = outcome(mutations.write_weird_boxes(work / "boxes.pdf"))
    assert code in ("ok", "no_text_layer")


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_degenerate_matrices_and_font_sizes(work: Path, backend: str) -> None:
    path = work / "weird_text.pdf"
    if not path.exists():
        mutations.write_weird_text(path)
    code, doc, _ = outcome(path, backend=backend)
    assert code == "ok" and "Nettoomsattning" in text_of(doc)


@pytest.mark.parametrize(
    "ops",
    mutations.WEIRD_TEXT_OPS,
    ids=[op[:28].decode("latin-1") for op in mutations.WEIRD_TEXT_OPS],
)
def test_each_degenerate_text_operation_alone(work: Path, ops: bytes) -> None:
    """One page per odd operation (before a normal line), so a failure names its cause."""
    path = work / f"weird_{mutations.WEIRD_TEXT_OPS.index(ops)}.pdf"
    with pikepdf.new() as pdf:
        mutations.one_page(pdf, ops + b"\n" + mutations.text_ops(mutations.LONG_TEXT, y=100))
        pdf.save(path)
    assert outcome(path)[0] in ("ok", "no_text_layer")


def test_page_ruled_with_300_by_300_lines(work: Path) -> None:
    code, _, seconds = outcome(mutations.write_grid(work / "grid.pdf", 300))
    assert code == "ok" and seconds < 15


def test_ocr_of_a_huge_blank_page_stays_bounded(work: Path) -> None:
    """A 14400 pt square page without text goes to OCR; capped at 3 GiB of address space the
    child must end with a code, not take the machine down (see the report of issue 8: the
    renderer should cap the pixel count, after which this reads as "ok")."""
    path = mutations.write_huge_blank_page(work / "huge_blank.pdf")
    started = time.monotonic()
    try:
        limits.run_with_timeout(
            extractor.extract, HARD_LIMIT, str(path), memory_mb=3072, ocr="auto", timeout=20
        )
    except ArsbokError as exc:
        assert exc.code in ("memory", "no_text_layer", "ocr_unavailable", "timeout"), str(exc)
    assert time.monotonic() - started < HARD_LIMIT


def test_line_after_a_hyphen_that_starts_with_a_parenthesis(work: Path) -> None:
    """Found by mutating brf_58256 p. 7: a line ending "kompetens-" followed by a line that
    starts with ")" raised IndexError in the sections stage (fixed in dehyphenate.py)."""
    ops = (
        mutations.text_ops("Styrelsen har under året arbetat med kompetens-", y=700)
        + mutations.text_ops(") och underhåll av fastigheten enligt planen.", y=686)
        + mutations.text_ops("Föreningen har inga anställda och inga skulder.", y=672)
    )
    path = work / "hyphen_paren.pdf"
    with pikepdf.new() as pdf:
        mutations.one_page(pdf, ops)
        pdf.save(path)
    code, doc, _ = outcome(path)
    assert code == "ok" and "kompetens-" in text_of(doc)


# --- partial results ------------------------------------------------------------------------


def test_unreadable_page_is_a_warning_and_the_rest_is_kept(work: Path) -> None:
    """Page 2 of a copy is not a page dictionary: pdfium cannot load it, pages 1 and 3 stay."""
    path = work / "bad_page.pdf"
    with pikepdf.open(SYMBOLS) as pdf:
        pdf.Root.Pages.Kids[1] = pikepdf.Array([1, 2])
        pdf.save(path)
    code, doc, _ = outcome(path)
    assert code == "ok"
    failed = [w for w in doc.warnings if w.code == "page_failed"]  # type: ignore[attr-defined]
    assert [w.page for w in failed] == [2] and "page 2" in failed[0].message
    chars = {p.number: p.chars for p in doc.source.pages}  # type: ignore[attr-defined]
    assert chars[2] == 0 and chars[1] > 100 and chars[3] > 100


def test_page_with_broken_content_keeps_the_others(work: Path) -> None:
    path = mutations.write_unreadable_page(SYMBOLS, work / "broken_content.pdf", 2)
    code, doc, _ = outcome(path)
    assert code == "ok"
    assert any(w.page == 2 for w in doc.warnings)  # type: ignore[attr-defined]
    assert "Brf" in text_of(doc) or len(text_of(doc)) > 200


def test_no_readable_page_is_damaged(work: Path) -> None:
    path = work / "no_page.pdf"
    with pikepdf.open(SYMBOLS) as pdf:
        for i in range(len(pdf.Root.Pages.Kids)):
            pdf.Root.Pages.Kids[i] = pikepdf.Array([i])
        pdf.save(path)
    assert outcome(path)[0] in ("damaged", "empty")


# --- limits ---------------------------------------------------------------------------------


def _sleep_in_c(seconds: float) -> None:
    time.sleep(seconds)


def _crash() -> None:
    import os

    os.kill(os.getpid(), signal.SIGSEGV)


def _allocate(mb: int) -> int:
    return len(bytearray(mb << 20))


def _raise_value_error() -> None:
    raise ValueError("boom")


def test_run_with_timeout_returns_the_result() -> None:
    assert limits.run_with_timeout(sum, 5, [1, 2, 3]) == 6


def test_run_with_timeout_kills_a_hang() -> None:
    started = time.monotonic()
    with pytest.raises(TimeoutError_, match="killed"):
        limits.run_with_timeout(_sleep_in_c, 0.5, 60, label="hang.pdf")
    assert time.monotonic() - started < 3


def test_run_with_timeout_reports_a_native_crash() -> None:
    with pytest.raises(ReaderCrashError, match="SIGSEGV") as info:
        limits.run_with_timeout(_crash, 10, label="crash.pdf")
    assert info.value.code == "crashed" and info.value.exit_code == 3


def test_memory_limit_in_the_child() -> None:
    with pytest.raises(MemoryLimitError):
        limits.run_with_timeout(_allocate, 20, 4096, memory_mb=2048)
    assert limits.run_with_timeout(_allocate, 20, 16, memory_mb=2048) == 16 << 20


def test_run_with_timeout_passes_exceptions_through() -> None:
    with pytest.raises(ValueError, match="boom"):
        limits.run_with_timeout(_raise_value_error, 10)


def test_isolated_extract_matches_in_process() -> None:
    doc = limits.extract_isolated(SYMBOLS, **OPTIONS)
    assert doc.model_dump(exclude={"run"}) == extractor.extract(SYMBOLS, **OPTIONS).model_dump(
        exclude={"run"}
    )


def test_deadline_alarm_stops_a_python_loop() -> None:
    started = time.monotonic()
    with pytest.raises(TimeoutError_, match="too slow"), limits.deadline_alarm(0.3, "too slow"):
        while True:
            pass
    assert time.monotonic() - started < 2


def _spin(state):  # type: ignore[no-untyped-def]
    while True:  # a stage that never reaches state.check_deadline()
        pass


def _fail(state):  # type: ignore[no-untyped-def]
    return {}["missing"]


def _exhaust(state):  # type: ignore[no-untyped-def]
    raise MemoryError


def test_timeout_inside_a_long_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "STAGES", [*pipeline.STAGES[:2], ("spin", _spin)])
    started = time.monotonic()
    with pytest.raises(TimeoutError_) as info:
        extractor.extract(SYMBOLS, ocr="never", timeout=1.0)
    assert info.value.code == "timeout" and time.monotonic() - started < 3


def test_unexpected_exception_becomes_internal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "STAGES", [*pipeline.STAGES[:2], ("broken", _fail)])
    with pytest.raises(InternalError) as info:
        extractor.extract(SYMBOLS, **OPTIONS)
    assert info.value.code == "internal" and info.value.exit_code == 1
    assert "KeyError" in str(info.value) and "broken stage" in str(info.value)
    assert isinstance(info.value.__cause__, KeyError)  # the traceback is kept for debugging


def test_memory_error_becomes_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "STAGES", [*pipeline.STAGES[:1], ("hungry", _exhaust)])
    with pytest.raises(MemoryLimitError):
        extractor.extract(SYMBOLS, **OPTIONS)


def test_cli_internal_error_is_one_line_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(pipeline, "STAGES", [*pipeline.STAGES[:2], ("broken", _fail)])
    assert main(["extract", str(SYMBOLS), "-q", "--ocr", "never"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("arsbok: error [internal]") and "\n" not in err


# --- big files ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def thousand_pages(work: Path) -> Path:
    sources = corpus_pdfs("brf", text_layer=True)[:6] or [SYMBOLS]
    return mutations.write_concatenated(sources, work / "concat_1000.pdf", 1000)


def test_1000_pages_over_max_pages_are_cut_with_a_warning(thousand_pages: Path) -> None:
    code, doc, _ = outcome(thousand_pages, max_pages=12)
    assert code == "ok"
    assert doc.source.page_count == 1000 and len(doc.source.pages) == 12  # type: ignore[attr-defined]
    cut = [w for w in doc.warnings if w.code == "pages_cut"]  # type: ignore[attr-defined]
    assert cut and "12 of 1000" in cut[0].message


def test_1000_pages_with_a_short_timeout_stop_cleanly(thousand_pages: Path) -> None:
    started = time.monotonic()
    code, err, _ = outcome(thousand_pages, timeout=2)
    assert code == "timeout" and "2 s" in str(err)
    assert time.monotonic() - started < 6


@pytest.mark.slow
def test_1000_pages_within_default_limits(thousand_pages: Path) -> None:
    """The whole file with default settings (OCR as configured): see benchmarks/bench_1000_pages.py."""
    code, doc, _ = outcome(thousand_pages, hard_limit=620, ocr="auto", timeout=600)
    assert code == "ok" and len(doc.source.pages) == 1000  # type: ignore[attr-defined]
