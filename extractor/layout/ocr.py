"""OCR backend: pages without a usable text layer read with Tesseract (Swedish).

Chain per page: `render_page → clean_page (ocr_cleanup) → read_words (Tesseract TSV) →
words_to_chars (+ regroup_digits)`, then the shared layout chain; a page that had a text layer
(`--ocr always`, broken å/ä/ö) gets that layer's digits back (`keep_layer_digits`). Each OCR
word becomes one `Char` holding several letters (preceded by a space `Char`) on its Tesseract
line's baseline, so sections, tables and goals work unchanged and a Swedish amount
"1 642 959" stays three words with small gaps (0.2-0.54 em on the gold pages, the table
engine joins below 0.6 em), never glued to its label.

Settings by measurement (issue 7): `benchmarks/eval_ocr.py` on the 12 statement pages of the
4 scanned BRF reports against `tests/data/gold/ocr_statements/` (336 gold values on 168
rows; a value counts when a visual line on its page has a label within rapidfuzz ratio 85 of
the gold label and the value, digit groups joined by geometry, in its column position).
Tesseract 5.3.0, swe, one process; per file = 266956 268882 281330 44232::

    setting (psm 6, 300 dpi unless named)  values found      rows right  per file %
    psm 6                                  328/336 (97.6 %)  161/168     100 100 100  92
    psm 4                                  323/336 (96.1 %)  156/168      99  95 100  92
    psm 3                                  319/336 (94.9 %)  151/168      97  95  94  94
    400 dpi                                318/336 (94.6 %)  153/168      97  95 100  88
    preserve_interword_spaces=0            328/336 (identical word boxes: it only pads text)
    deskew minAreaRect                     324/336 (96.4 %)  157/168     100  95 100  92
    deskew Hough                           328/336 (97.6 %)  161/168     100 100 100  92
    deskew projection profile              328/336 (97.6 %)  161/168     100 100 100  92
    binarise Otsu                          324/336 (96.4 %)  157/168      99  94 100  94
    binarise adaptive Gaussian             316/336 (94.0 %)  150/168      93  93 100  91

    pages rotated first (a skewed scan)    none              Hough        projection
    +1.0 degree                            315 (93.8 %)      320 (95.2 %) 326 (97.0 %)
    -0.5 degree                            325 (96.7 %)      329 (97.9 %) 326 (97.0 %)

The scans are straight (Hough and projection find |skew| <= 0.06 degrees; minAreaRect
reports a false 1.3 and 1.1 degrees on brf_268882 pp. 9 and 11, specks in the margin, and
the correction costs 4 values). Hence: psm 6, 300 dpi, no binarisation, deskew by
projection profile (neutral on straight pages, +11 values at 1 degree; 0.4 s a page against
Hough's 2.6 s, both measured with the 2 cores loaded 9-fold, so about 4x less when idle). Before words shared their Tesseract line's baseline (`words_to_chars`), the
same psm 6 run found 325/336, and only 186/336 (55 %) on pages rotated by 1 degree.

Clean-up and word filters (issue 7, second round), measured with
`benchmarks/eval_tables.py --ocr` (the 168 gold rows above, rows exact) and `evaluate_sample`
on `samples/arsbokslut-2025-scanned.pdf` (101 rows; 200 dpi grey, speckle noise, skew < 0.8
degree), Tesseract 5.3.0, cumulative::

    step                                                  BRF rows      sample rows
    before (psm 6, projection deskew)                     150 (89.3 %)   9  (8.9 %)
    + isolated specks painted out, margin stripes blanked 158 (94.0 %)  51
    + free-standing rules painted out                     158           73
      (rules removed even where they touch glyphs:        155, underlined amounts lose digits)
    + specks only when isolated (broken glyphs stay)      163 (97.0 %)  74
    + "11.397"/"1:462" split, "[0]"/"|1243" stripped,
      words of only "|;:[«" dropped                       163           88
    + low-confidence amounts kept ("2.521" at conf 12)    163           90 (89.1 %)
    + noisy pages (>= 500 specks): 3x3 median + Otsu      163           99
      (the same filter on every page:                     143, thin strokes of 150 dpi scans break)
    + long words kept at any confidence ("Kortfristiga"
      at conf 1), amounts read as letters ("S11")
      recovered where a check proves them
      (extractor.tables.ocr_repair)                       163 (97.0 %)  101 (100 %)
    + lone "-" and amounts behind "=<" kept at any
      confidence                                          165 (98.2 %)  101

Specks are filled with the local background, not white, and the limit is 4 px: white dots
left in a shaded goal-table header were read as "FER"/"NER", an extra header cell that lost
the sample's page-4 goal table (eval_goals: 3/7 goals found, 7/7 with the fill; a 5 px limit
also took a stroke of "75 846" on brf_268882 p. 10, 162/168).

Tesseract runs with one OpenMP thread per process (OMP_THREAD_LIMIT=1, so that N workers
use N cores, not N times Tesseract's own thread count) and pages are spread over processes
instead, one per available core by default; `benchmarks/bench_ocr.py` measures pages per
minute with 1 and 2 processes.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import regex

from extractor.errors import OcrUnavailableError
from extractor.layout.build import LayoutSettings, build_page
from extractor.layout.model import Char, PageLayout
from extractor.model import OcrInfo, OcrPage
from extractor.state import DocumentState

ENGINE = "tesseract"
INSTALL_HINT = (
    "install Tesseract 5 with Swedish data (Debian/Ubuntu: apt-get install tesseract-ocr "
    "tesseract-ocr-swe; macOS: brew install tesseract tesseract-lang) or run with --ocr never"
)
#: Words below this confidence (0-100) are dropped: mostly specks and rule fragments. A
#: well-formed amount or a long word is kept whatever its confidence: specks are never read as
#: "2.521" (confidence 12 on the scanned sample, whose row then lost its value).
MIN_WORD_CONFIDENCE = 20.0
#: Chosen by measurement, see the module docstring (OcrSettings may override them).
DEFAULT_SKEW = "projection"
DEFAULT_BINARISATION = "none"
DEFAULT_PRESERVE_INTERWORD_SPACES = True
DEFAULT_DESPECKLE = True
DEFAULT_MARGIN_STRIPES = True
DEFAULT_RULES = True


@dataclass(frozen=True, slots=True)
class OcrOptions:
    """Everything one worker process needs to OCR a page (picklable)."""

    language: str = "swe"
    dpi: int = 300
    psm: int = 6
    skew: str = DEFAULT_SKEW
    binarisation: str = DEFAULT_BINARISATION
    preserve_interword_spaces: bool = DEFAULT_PRESERVE_INTERWORD_SPACES
    despeckle: bool = DEFAULT_DESPECKLE
    margin_stripes: bool = DEFAULT_MARGIN_STRIPES
    rules: bool = DEFAULT_RULES


@dataclass(slots=True)
class OcrResult:
    chars: list[Char]
    mean_confidence: float
    skew: float
    seconds: float


def tesseract_version() -> str:
    """Version of the Tesseract binary; `OcrUnavailableError` (exit 4) when it is missing."""
    try:
        import cv2  # noqa: F401 - the clean-up step needs it in every worker
        import pytesseract
    except ImportError as exc:
        raise OcrUnavailableError(
            f"OCR needs {exc.name} (pip install pytesseract opencv-python-headless) and {INSTALL_HINT}"
        ) from None
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


def available_cores() -> int:
    """Cores this process may run on (affinity, not the machine's count: containers, taskset)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def resolve_jobs(requested: int | None, n_pages: int) -> int:
    """Worker processes for `n_pages`: `requested` if positive, else one per available core."""
    jobs = requested if requested and requested > 0 else available_cores()
    return max(1, min(jobs, n_pages))


def options_from_settings(cfg: Any) -> OcrOptions:
    # getattr: the clean-up switches are optional in OcrSettings (defaults by measurement here)
    return OcrOptions(
        language=cfg.language,
        dpi=cfg.dpi,
        psm=cfg.psm,
        skew=getattr(cfg, "skew", DEFAULT_SKEW),
        binarisation=getattr(cfg, "binarisation", DEFAULT_BINARISATION),
        preserve_interword_spaces=getattr(
            cfg, "preserve_interword_spaces", DEFAULT_PRESERVE_INTERWORD_SPACES
        ),
        despeckle=getattr(cfg, "despeckle", DEFAULT_DESPECKLE),
        margin_stripes=getattr(cfg, "margin_stripes", DEFAULT_MARGIN_STRIPES),
        rules=getattr(cfg, "rules", DEFAULT_RULES),
    )


def ocr_pages(state: DocumentState, pages: list[PageLayout]) -> None:
    """OCR the given pages in place (chars replaced, words and lines rebuilt)."""
    cfg = state.settings.ocr_settings
    version = tesseract_version()
    check_language(cfg.language)
    options = options_from_settings(cfg)
    path = str(state.path)
    numbers = [p.number for p in pages]
    jobs = resolve_jobs(cfg.jobs, len(pages))
    results = run_ocr(path, numbers, options, jobs, state.settings.password, state.check_deadline)
    info = OcrInfo(engine=ENGINE, version=version, language=cfg.language, dpi=cfg.dpi, psm=cfg.psm)
    layout_settings = LayoutSettings(
        word_gap_em=state.settings.layout.word_gap_em,
        segment_gap_em=state.settings.layout.segment_gap_em,
        min_gutter=state.settings.layout.min_gutter,
    )
    for page, result in zip(pages, results, strict=True):
        if page.text_layer:
            keep_layer_digits(result.chars, page.chars)
        page.chars = result.chars
        page.shapes = []  # scanned rules are pixels; vector shapes of a scan are noise
        page.images = []
        page.ocr = True
        page.ocr_confidence = result.mean_confidence
        build_page(page, layout_settings)
        words = sum(1 for c in result.chars if c.text != " ")
        info.pages.append(
            OcrPage(page=page.number, mean_confidence=result.mean_confidence, words=words)
        )
        skew = f", skew {result.skew:+.1f}° corrected" if result.skew else ""
        state.warn(
            "ocr_used",
            f"page {page.number} read by OCR (mean confidence {result.mean_confidence:.0f}{skew})",
            page.number,
        )
    state.document.ocr = info


def run_ocr(
    path: str,
    numbers: list[int],
    options: OcrOptions,
    jobs: int,
    password: str | None = None,
    check: Callable[[], None] | None = None,
) -> list[OcrResult]:
    """OCR pages of one PDF, in page order, over `jobs` processes.

    `check` runs after each page (the document deadline); when it or anything else raises,
    the worker processes are killed rather than waited for, so a timeout stays a timeout.
    """
    # A bulk worker is a daemon process, which may not have children: it already runs one
    # document per core, so its pages go one after another.
    if jobs <= 1 or len(numbers) <= 1 or multiprocessing.current_process().daemon:
        results = []
        for n in numbers:
            results.append(ocr_page(path, n, options, password))
            if check:
                check()
        return results
    # spawn: a clean interpreter per worker, no inherited pdfium state, threads or locks
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))
    try:
        futures = [pool.submit(ocr_page, path, n, options, password) for n in numbers]
        results = []
        for future in futures:
            results.append(future.result())
            if check:
                check()
        pool.shutdown()
        return results
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in list(getattr(pool, "_processes", {}).values()):  # no public kill in the API
            proc.kill()
        raise


def ocr_page(path: str, number: int, options: OcrOptions, password: str | None = None) -> OcrResult:
    """Render, clean and OCR one page (runs in a worker process)."""
    from extractor.layout.ocr_cleanup import clean_page, to_gray

    started = time.perf_counter()
    image, _, _ = render_page(path, number, options.dpi, password)
    gray, angle = clean_page(
        to_gray(image),
        options.skew,
        options.binarisation,
        despeckle=options.despeckle,
        margin_stripes=options.margin_stripes,
        rules=options.rules,
        dpi=options.dpi,
    )
    data = read_words(gray, options)
    chars, mean = words_to_chars(data, 72.0 / options.dpi)
    return OcrResult(chars, mean, round(angle, 2), time.perf_counter() - started)


def render_page(path: str, number: int, dpi: int, password: str | None):  # type: ignore[no-untyped-def]
    """Greyscale PIL image of a 1-based page (its /Rotate applied) and its size in points."""
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


def read_words(image: Any, options: OcrOptions) -> dict[str, list[Any]]:
    """Tesseract's TSV output (`image_to_data`) for a PIL image or a greyscale array."""
    import pytesseract

    # One thread per Tesseract: parallelism comes from processes over pages
    os.environ["OMP_THREAD_LIMIT"] = "1"
    config = f"--psm {options.psm}"
    if options.preserve_interword_spaces:
        config += " -c preserve_interword_spaces=1"
    return pytesseract.image_to_data(  # type: ignore[no-any-return]
        image, lang=options.language, config=config, output_type=pytesseract.Output.DICT
    )


def words_to_chars(
    data: dict[str, list[Any]], scale: float, line_baseline: bool = True
) -> tuple[list[Char], float]:
    """One `Char` per OCR word (boxes scaled from pixels to points) and the mean confidence.

    With `line_baseline`, the words of one Tesseract text line share its median bottom and
    a size from its median word height: a single word box stretched by a speck or a rule
    (brf_44232 p. 10 "Balanserat", 50 px high among 32 px words) would otherwise sit on a
    row of its own and part the label from its amounts.
    """
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, raw in enumerate(data["text"]):
        if (
            data["level"][i] == 5
            and (raw or "").strip()
            and (
                float(data["conf"][i]) >= MIN_WORD_CONFIDENCE
                or _FORMED_AMOUNT.match(strip_digit_junk(raw.strip()))
                or _LONG_WORD.match(raw.strip())
                or raw.strip() in _DASHES
            )
        ):
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            lines.setdefault(key, []).append(i)
    chars: list[Char] = []
    confs: list[float] = []
    for indices in lines.values():
        heights = sorted(data["height"][i] for i in indices)
        bottoms = sorted(data["top"][i] + data["height"][i] for i in indices)
        # Median word height is about the cap height (digits, capitals) ~ 0.7 of the font size
        line_size = round(max(heights[len(heights) // 2] * scale / 0.7, 4.0), 1)
        line_bottom = bottoms[len(bottoms) // 2] * scale
        words = [
            (
                strip_digit_junk(data["text"][i].strip()),
                data["left"][i] * scale,
                (data["left"][i] + data["width"][i]) * scale,
                i,
            )
            for i in indices
            if not _JUNK_WORD.match(data["text"][i].strip())
        ]
        for text, x0, x1, i in regroup_digits(split_misread_groups(words), line_size):
            conf = float(data["conf"][i])
            if line_baseline:
                bottom, size = line_bottom, line_size
            else:
                bottom = (data["top"][i] + data["height"][i]) * scale
                size = round(max(data["height"][i] * scale / 0.7, 4.0), 1)
            top = bottom - 0.7 * size
            # A space char before each word keeps OCR words apart in the layout chain
            chars.append(Char(" ", x0 - 0.1, top, x0, bottom, "", 0.0, False))
            chars.append(
                Char(text, x0, top, x1, bottom, "ocr", size, False, None, True, conf / 100.0)
            )
            confs.append(conf)
    mean = sum(confs) / len(confs) if confs else 0.0
    return chars, round(mean, 1)


# Digits and the letters OCR reads for them (O/0, l/I/1, S/5, B/8, Z/2)
_DIGITS = regex.compile(r"^[-−–]?\d+$")
_SWEDISH_AMOUNT = regex.compile(r"^[-−–]?\d{1,3}$")
#: Digit groups of one amount sit closer than this (in em); measured on the gold pages:
#: thousands spaces 0.2-0.54 em, the nearest other word 3.8 em.
DIGIT_GROUP_GAP_EM = 1.0

Word4 = tuple[str, float, float, int]

#: A word of only rule or speck marks: Tesseract's reading of a table rule, a vertical line or
#: scan noise ("|", ";", "«", "[" beside labels on the scanned sample); no Swedish text or
#: amount is made of these alone (a lone dash, a zero in some reports, is kept).
_JUNK_WORD = regex.compile(r"^[|¦\[\]{}«»;:_~!]+$")
#: An amount whose thousands spaces were read as "." ":" or ";" ("11.397", "1:462"); a comma
#: is left alone, being the Swedish decimal sign ("0,125").
_FORMED_AMOUNT = regex.compile(r"^[-−–]?(?:\d{1,3}(?:[.:;]\d{3})+|\d{2,})$")
#: A word of five or more letters is kept whatever its confidence: noise is read as short
#: marks ("|", "i", "FER"), while "Kortfristiga" came at confidence 1 on the scanned sample
#: (its row label lost its first word).
_LONG_WORD = regex.compile(r"^\p{L}[\p{L}-]{4,}[,.]?$")
#: A lone dash is a zero in a Swedish table: kept at any confidence (brf_44232 p. 10 reads the
#: "-" of "Fastighetslån" at confidence 2). Not an em dash: a rule end is read as one
#: (brf_266956 p. 8, "... Klientmedel —").
_DASHES = frozenset("-–")
_EDGE_JUNK = "|¦[]{}«»;:_~!\"'=<>"
_AMOUNT_CORE = regex.compile(r"^[-−–]?\d+(?:[.:;]\d{3})*$")
_MISREAD_GROUPS = regex.compile(r"^([-−–]?\d{1,3})((?:[.:;]\d{3})+)$")


def split_misread_groups(words: list[Word4]) -> list[Word4]:
    """Cut "11.397" or "1:462" into its digit groups, one word each, like a text layer's
    "11 397"; the box is shared out by characters, the separator's share becoming the gap
    (about a third of an em, below the table engine's join limit)."""
    out: list[Word4] = []
    for text, x0, x1, index in words:
        match = _MISREAD_GROUPS.match(text)
        if not match:
            out.append((text, x0, x1, index))
            continue
        groups = [match.group(1)] + regex.split(r"[.:;]", match.group(2))[1:]
        # A separator is narrow: a third of a digit, as regroup_digits leaves between groups
        per_char = (x1 - x0) / (sum(len(g) for g in groups) + (len(groups) - 1) / 3)
        x = x0
        for g in groups:
            out.append((g, x, x + len(g) * per_char, index))
            x += (len(g) + 1 / 3) * per_char
    return out


def strip_digit_junk(text: str) -> str:
    """ "[0]", "|1243", "2418:", "=<29618321" -> the digits: a speck or rule read beside an
    amount."""
    core = text.strip(_EDGE_JUNK)
    return core if core != text and _AMOUNT_CORE.match(core) else text


def regroup_digits(words: list[Word4], size: float) -> list[Word4]:
    """Cut the digits of one amount into Swedish groups of three, one word each.

    Tesseract often drops the narrow thousands space after the first group ("1642 959" for
    "1 642 959": 38 of 439 amounts on the gold pages). Consecutive pure-digit words closer
    than `DIGIT_GROUP_GAP_EM` are one amount when every word after the first has a multiple
    of three digits; when they are not already groups of three after a head of 1-3 digits,
    they are re-cut from the right, the boxes shared out by digit count, so the table engine
    finds the same small gaps as in a text layer. A lone word is never cut (a year "2023").
    """
    out: list[Word4] = []
    k = 0
    while k < len(words):
        run = [words[k]]
        while (
            _DIGITS.match(run[-1][0])
            and k + len(run) < len(words)
            and words[k + len(run)][0].isdigit()
            and words[k + len(run)][1] - run[-1][2] < DIGIT_GROUP_GAP_EM * size
        ):
            run.append(words[k + len(run)])
        k += len(run)
        proper = _SWEDISH_AMOUNT.match(run[0][0]) and all(len(w[0]) == 3 for w in run[1:])
        # Groups after the head must be whole triples ("35 905852"); "123 45" (a postcode)
        # or "08 123 45 67" (a phone number) is not an amount and stays as read
        if len(run) == 1 or proper or any(len(w[0]) % 3 for w in run[1:]):
            out.extend(run)
            continue
        sign = run[0][0][0] if not run[0][0][0].isdigit() else ""
        digits = "".join(w[0] for w in run).lstrip("-−–")
        head = len(digits) % 3 or 3
        groups = [digits[:head]] + [digits[j : j + 3] for j in range(head, len(digits), 3)]
        groups[0] = sign + groups[0]
        # Share the span out by characters, leaving a third of a digit between groups
        x0, x1 = run[0][1], run[-1][2]
        n_chars = sum(len(g) for g in groups) + (len(groups) - 1) / 3
        per_char = (x1 - x0) / n_chars
        x = x0
        for g in groups:
            index = min(run, key=lambda w: abs((w[1] + w[2]) / 2 - (x + len(g) * per_char / 2)))[3]
            out.append((g, x, x + len(g) * per_char, index))
            x += (len(g) + 1 / 3) * per_char
    return out


_NUMERIC_WORD = regex.compile(r"^[-−–(]?[\dOolIiSsBZ.,]*\d[\dOolIiSsBZ.,]*\)?$")
_NUMERIC_GLYPHS = frozenset("0123456789-−–(),. \u00a0\u202f")


def keep_layer_digits(ocr_chars: list[Char], layer_chars: list[Char]) -> int:
    """Give OCR words that sit on digits of the page's own text layer those digits' text.

    For a page OCR'd although it has a text layer (å/ä/ö mapped to punctuation, or
    ``--ocr always``): the letters come from OCR, but amounts stay exactly as the PDF has
    them, since a font that breaks å/ä/ö still maps its digits (brf_48663: OCR reproduced
    121 of 122 amounts of pp. 2, 8-10; this keeps the 122nd). Only words whose every
    covered glyph is a digit, sign or separator are changed; when fewer than half of the
    numeric OCR words find digits under them, the two layers do not line up (a rotated page)
    and nothing is changed. Returns the number of words changed.
    """
    numeric = [c for c in ocr_chars if c.text != " " and _NUMERIC_WORD.match(c.text)]
    glyphs = [c for c in layer_chars if c.text.strip()]
    if not numeric or not glyphs:
        return 0
    replacements: list[tuple[Char, str]] = []
    for word in numeric:
        inside = sorted(
            (
                g
                for g in glyphs
                if word.x0 - 1 <= (g.x0 + g.x1) / 2 <= word.x1 + 1
                and word.top - 2 <= (g.top + g.bottom) / 2 <= word.bottom + 2
            ),
            key=lambda g: g.x0,
        )
        if inside and all(ch in _NUMERIC_GLYPHS for g in inside for ch in g.text):
            replacements.append((word, "".join(g.text for g in inside).replace(" ", "")))
    if len(replacements) * 2 < len(numeric):
        return 0
    changed = 0
    for word, text in replacements:
        if text and text != word.text:
            word.text = text
            changed += 1
    return changed


# A letter, punctuation that never sits inside a Swedish word, a letter (or such punctuation
# starting a word, but not an opening quote that closes later: "balansen" in brf_53536):
# the mark of a font whose å/ä/ö map to the wrong code points (brf_48663
# "F!rvaltningsber"ttelse", brf_52576 "#rets resultat").
_BROKEN_WORD = regex.compile(r"\p{L}[!\"#$%&\\]\p{L}|^(?:[!#$%&\\]|\"(?![^\"]*\"))\p{Ll}{2}")


def _is_bad_glyph(text: str) -> bool:
    ch = text[:1]
    return (
        not ch
        or ch == "\ufffd"
        or "\ue000" <= ch <= "\uf8ff"
        or ord(ch) < 32
        or text.startswith("(cid:")  # pdfplumber's name for an unmapped glyph
    )


def text_layer_quality(page: PageLayout) -> float:
    """Share of a text layer that reads as text, 0.0 (garbage) to 1.0 (clean).

    The product of the share of glyphs that are real characters (not control codes, private
    use, U+FFFD or ``(cid:N)``: brf_79568 pp. 18-19 are all ``\\x01`` in pdfium and
    ``(cid:1)`` in pdfplumber) and the share of words of 4+ characters without a broken
    å/ä/ö (punctuation inside a word). Needs `page.words` (the layout chain has run).

    Measured with pdfium over the 395 pages with 20+ glyphs of the BRF corpus: every page
    of a clean report scores >= 0.97 (NUL glyphs and private-use symbols in some); every page
    of brf_48663 and brf_52576 (å/ä/ö mapped to punctuation) 0.32-0.91; brf_79568 pp. 18-19
    0.0. A page with no glyphs scores 0.0. Proposed use in ``--ocr auto``: below 0.5 the text
    layer is replaced by OCR; 0.5-0.95 (broken å/ä/ö) OCR too, keeping the layer's digits
    (`keep_layer_digits`); from 0.95 the text layer is kept.
    """
    glyphs = [c.text for c in page.chars if c.text != " "]
    if not glyphs:
        return 0.0
    good = 1.0 - sum(1 for g in glyphs if _is_bad_glyph(g)) / len(glyphs)
    words = [w.text for w in page.words if len(w.text) > 3 and any(ch.isalpha() for ch in w.text)]
    broken = sum(1 for w in words if _BROKEN_WORD.search(w)) / len(words) if words else 0.0
    return round(good * (1.0 - broken), 3)


def is_available() -> bool:
    try:
        tesseract_version()
        return True
    except OcrUnavailableError:
        return False


__all__ = [
    "OcrOptions",
    "OcrResult",
    "available_cores",
    "is_available",
    "keep_layer_digits",
    "ocr_page",
    "ocr_pages",
    "read_words",
    "regroup_digits",
    "split_misread_groups",
    "render_page",
    "resolve_jobs",
    "run_ocr",
    "text_layer_quality",
    "words_to_chars",
]
