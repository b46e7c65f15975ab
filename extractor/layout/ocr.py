"""OCR backend: pages without a usable text layer read with Tesseract (Swedish).

Words come back with boxes and confidences and enter the same layout chain as characters from
a text layer (each OCR word is one `Char` with several letters), so sections, tables and
goals work unchanged. Settings by measurement (issue 7): page segmentation mode 6 keeps table
rows together; Tesseract runs with one OpenMP thread per process (OMP_THREAD_LIMIT=1) and
pages are spread over processes instead, which is 4x faster on 2 cores.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from extractor.errors import OcrUnavailableError
from extractor.layout.build import LayoutSettings, build_page
from extractor.layout.model import Char, PageLayout
from extractor.model import OcrInfo, OcrPage
from extractor.state import DocumentState

ENGINE = "tesseract"
INSTALL_HINT = (
    "install Tesseract 5 with Swedish data (Debian/Ubuntu: apt-get install tesseract-ocr "
    "tesseract-ocr-swe) or run with --ocr never"
)
#: Words below this confidence (0-100) are dropped: mostly specks and rule fragments.
MIN_WORD_CONFIDENCE = 20.0


def tesseract_version() -> str:
    import pytesseract

    if shutil.which("tesseract") is None:
        raise OcrUnavailableError(f"Tesseract is not installed: {INSTALL_HINT}")
    try:
        return str(pytesseract.get_tesseract_version())
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise OcrUnavailableError(f"Tesseract does not run ({exc}): {INSTALL_HINT}") from None


def check_language(language: str) -> None:
    import pytesseract

    langs = set(pytesseract.get_languages(config=""))
    missing = [code for code in language.split("+") if code not in langs]
    if missing:
        raise OcrUnavailableError(
            f"Tesseract has no language data for {', '.join(missing)}: {INSTALL_HINT}"
        )


def ocr_pages(state: DocumentState, pages: list[PageLayout]) -> None:
    """OCR the given pages in place (chars replaced, words and lines rebuilt)."""
    cfg = state.settings.ocr_settings
    version = tesseract_version()
    check_language(cfg.language)
    jobs = max(1, min(cfg.jobs, len(pages)))
    args = [(str(state.path), p.number, cfg.dpi, cfg.language, cfg.psm, state.settings.password) for p in pages]
    if jobs == 1:
        results = [_ocr_one(*a) for a in args]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_ocr_one, *zip(*args, strict=True)))
    info = OcrInfo(engine=ENGINE, version=version, language=cfg.language, dpi=cfg.dpi, psm=cfg.psm)
    layout_settings = LayoutSettings(
        word_gap_em=state.settings.layout.word_gap_em,
        segment_gap_em=state.settings.layout.segment_gap_em,
        min_gutter=state.settings.layout.min_gutter,
    )
    for page, (chars, mean_conf) in zip(pages, results, strict=True):
        page.chars = chars
        page.shapes = []  # scanned rules are pixels; vector shapes of a scan are noise
        page.ocr = True
        page.ocr_confidence = mean_conf
        build_page(page, layout_settings)
        info.pages.append(OcrPage(page=page.number, mean_confidence=mean_conf, words=len(chars)))
        state.warn("ocr_used", f"page {page.number} read by OCR (mean confidence {mean_conf:.0f})", page.number)
    state.document.ocr = info


def render_page(path: str, number: int, dpi: int, password: str | None):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path, password=password or None)
    try:
        page = pdf[number - 1]
        image = page.render(scale=dpi / 72.0, grayscale=True).to_pil()
        width, height = page.get_size()
        page.close()
        return image, float(width), float(height)
    finally:
        pdf.close()


def _ocr_one(path: str, number: int, dpi: int, language: str, psm: int, password: str | None) -> tuple[list[Char], float]:
    import pytesseract

    os.environ["OMP_THREAD_LIMIT"] = "1"
    image, width, height = render_page(path, number, dpi, password)
    data = pytesseract.image_to_data(
        image,
        lang=language,
        config=f"--psm {psm} -c preserve_interword_spaces=1",
        output_type=pytesseract.Output.DICT,
    )
    scale = 72.0 / dpi
    chars: list[Char] = []
    confs: list[float] = []
    # Size of a word = height of its text line, so words of one line share a size
    line_heights: dict[tuple[int, int, int], float] = {}
    for i, text in enumerate(data["text"]):
        if data["level"][i] == 4:
            line_heights[(data["block_num"][i], data["par_num"][i], data["line_num"][i])] = data["height"][i] * scale
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if data["level"][i] != 5 or not text or conf < MIN_WORD_CONFIDENCE:
            continue
        x0 = data["left"][i] * scale
        top = data["top"][i] * scale
        x1 = x0 + data["width"][i] * scale
        bottom = top + data["height"][i] * scale
        size = line_heights.get((data["block_num"][i], data["par_num"][i], data["line_num"][i]), bottom - top)
        size = round(max(size * 0.8, 4.0), 1)
        # one Char per word: a space before it keeps words apart in the layout chain
        chars.append(Char(" ", x0 - 0.1, bottom - size, x0, bottom, "", 0.0, False))
        chars.append(Char(text, x0, bottom - size, x1, bottom, "ocr", size, False, None, True, conf / 100.0))
        confs.append(conf)
    mean = sum(confs) / len(confs) if confs else 0.0
    return chars, round(mean, 1)


def is_available() -> bool:
    try:
        tesseract_version()
        return True
    except OcrUnavailableError:
        return False


__all__ = ["ocr_pages", "is_available", "render_page", "Path"]
