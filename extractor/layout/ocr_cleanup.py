"""Image clean-up before OCR: specks, skew, margin stripes and binarisation (issue 7).

Plain functions over greyscale numpy arrays (uint8, white paper = 255), so each step can be
measured alone by `benchmarks/eval_ocr.py`. Whether a step runs at all is decided there by
measurement; see `extractor.layout.ocr` for the chosen defaults.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

#: Skew angles beyond this (degrees) are not scan skew but a wrong estimate (or a rotated page).
MAX_SKEW_DEGREES = 5.0
#: Below this (degrees) rotating costs more (resampling blur) than it gains.
MIN_SKEW_DEGREES = 0.1

SKEW_METHODS = ("none", "minarearect", "hough", "projection")
BINARISE_METHODS = ("none", "otsu", "adaptive")


def to_gray(image: Any) -> np.ndarray:
    """A PIL image (any mode) as a greyscale uint8 array."""
    if getattr(image, "mode", "L") != "L":
        image = image.convert("L")
    return np.asarray(image, dtype=np.uint8)


def estimate_skew(gray: np.ndarray, method: str = "projection") -> float:
    """Angle in degrees (counter-clockwise positive) that the text lines are tilted by.

    Parameters
    ----------
    gray : numpy.ndarray
        Greyscale page, dark ink on light paper.
    method : str
        ``"minarearect"``: the minimum-area rectangle around all ink (fast, but one stamp or
        margin note tilts it); ``"hough"``: median angle of long near-horizontal segments
        (table rules, underlines and text baselines after a horizontal dilation);
        ``"projection"``: the angle whose row profile is sharpest (ink rows vs white gaps).

    Returns
    -------
    float
        0.0 when no reliable estimate exists.
    """
    import cv2

    if method == "none":
        return 0.0
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if method == "minarearect":
        coords = cv2.findNonZero(ink)
        if coords is None or len(coords) < 100:
            return 0.0
        (_, _), (w, h), angle = cv2.minAreaRect(coords)
        # OpenCV >= 4.5 reports angles in (0, 90]; fold to the nearest horizontal
        if angle > 45:
            angle -= 90
        angle = -angle
    elif method == "hough":
        angle = _hough_angle(ink)
    elif method == "projection":
        angle = _projection_angle(ink)
    else:
        raise ValueError(f"unknown skew method {method!r} (expected one of {SKEW_METHODS})")
    if abs(angle) > MAX_SKEW_DEGREES:
        return 0.0
    return float(angle)


def _hough_angle(ink: np.ndarray) -> float:
    import cv2

    # Half resolution is plenty for a 0.1 degree estimate and four times faster
    if ink.shape[1] > 1600:
        ink = cv2.resize(ink, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
        ink = (ink > 64).astype(np.uint8) * 255
    width = ink.shape[1]
    # Smear the letters of one line into a bar, keep its outline: baselines vote like rules do
    bars = cv2.morphologyEx(
        ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (width // 60, 1))
    )
    edges = cv2.morphologyEx(bars, cv2.MORPH_GRADIENT, np.ones((3, 1), np.uint8))
    segments = cv2.HoughLinesP(
        edges,
        1,
        math.pi / 1800,
        threshold=width // 10,
        minLineLength=width // 8,
        maxLineGap=width // 100,
    )
    if segments is None:
        return 0.0
    angles = []
    for x0, y0, x1, y1 in np.asarray(segments).reshape(-1, 4):
        a = math.degrees(math.atan2(float(y0 - y1), float(x1 - x0)))  # image y grows downwards
        if abs(a) <= MAX_SKEW_DEGREES:
            angles.append(a)
    if len(angles) < 3:
        return 0.0
    return float(np.median(angles))


def _projection_angle(ink: np.ndarray) -> float:
    import cv2

    small = cv2.resize(ink, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA).astype(np.float32)
    h, w = small.shape

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        profile = cv2.warpAffine(small, matrix, (w, h)).sum(axis=1)
        return float(np.square(np.diff(profile)).sum())

    # Coarse then fine search: 41 + 11 small rotations, about 0.3 s on a 300 dpi page
    best = max(np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 0.01, 0.25), key=sharpness)
    best = max(np.arange(best - 0.25, best + 0.26, 0.05), key=sharpness)
    return -float(best)


def deskew(gray: np.ndarray, angle: float) -> np.ndarray:
    """Rotate the page by ``-angle`` degrees about its centre so text lines run horizontal.

    The canvas keeps its size (skew is small, the margins absorb the corners) and the
    uncovered corners are filled white, so word boxes stay in page coordinates up to a few
    points; rows come out level, which the layout chain's baseline grouping needs.
    """
    import cv2

    if abs(angle) < MIN_SKEW_DEGREES:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    return cv2.warpAffine(
        gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT, borderValue=255
    )


def binarise(gray: np.ndarray, method: str = "otsu") -> np.ndarray:
    """Black text on white: Otsu (one global threshold) or adaptive Gaussian (local)."""
    import cv2

    if method == "none":
        return gray
    if method == "otsu":
        _, out = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        return out
    if method == "adaptive":
        # Block about 1/40 of the width: several letters, less than a shaded table band
        block = max(15, (gray.shape[1] // 40) | 1)
        return cv2.adaptiveThreshold(
            gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, block, 15
        )
    raise ValueError(f"unknown binarisation {method!r} (expected one of {BINARISE_METHODS})")


#: Ink blobs up to this area (px at 300 dpi, scaled by dpi squared) are specks, not glyphs: on
#: the scanned sample (200 dpi, speckle noise) 2,700 of 3,900 components are 1-3 px, while
#: the smallest glyph part (a full stop, an i-dot) is 10+ px; the BRF scans have < 60 such blobs
#: a page.
SPECK_AREA_PX = 4
#: ... and have no other ink within this many px (at 300 dpi).
SPECK_GAP_PX = 3
#: A stripe of rotated text (an e-signing service's "Dokumentnummer: ..." down the margin) is
#: at least this tall (inches) and at most this wide, and lies in the outer share of the page.
STRIPE_MIN_HEIGHT_IN = 1.0
STRIPE_MAX_WIDTH_IN = 0.3
STRIPE_MARGIN_SHARE = 0.12
#: A page with at least this many isolated specks (at 300 dpi) is a noisy scan (photocopier,
#: fax or speckle noise): after the specks go, a 3x3 median and Otsu's threshold restore the
#: glyph edges that the noise frayed. On the scanned sample (2,456-2,757 specks a page) this
#: takes the table rows from 90 to 99 of 101 exact; on the BRF scans (0-3 specks a page) the
#: same filter costs 20 of 168 rows (thin strokes of 150 dpi scans break), so it is kept for
#: noisy pages only.
NOISY_PAGE_SPECKS = 500


def _ink(gray: np.ndarray) -> np.ndarray:
    import cv2

    _, ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


def remove_specks(gray: np.ndarray, dpi: int = 300) -> tuple[np.ndarray, int]:
    """Paint isolated ink specks white; returns the image and the number removed.

    Tesseract reads speck noise next to a word as "|", ";", ":", "i" or glues it to a digit
    group ("1:462"), so labels and amounts go wrong. Only components below `SPECK_AREA_PX`
    go, each with a one-pixel ring (the grey halo a speck leaves after scaling), so letters,
    punctuation and rules are untouched.
    """
    import cv2

    ink = _ink(gray)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    limit = max(1, round(SPECK_AREA_PX * (dpi / 300.0) ** 2))
    small = np.zeros(n, dtype=bool)
    small[1:] = stats[1:, cv2.CC_STAT_AREA] <= limit
    # A fragment next to other ink is part of a broken glyph (a thin stroke of a poor scan),
    # not a speck: only isolated ones go
    reach = 2 * max(1, round(SPECK_GAP_PX * dpi / 300.0)) + 1
    glyphs = ((ink > 0) & ~small[labels]).astype(np.uint8)
    big = cv2.dilate(glyphs, np.ones((reach, reach), np.uint8))
    small[np.unique(labels[(big > 0) & small[labels]])] = False
    count = int(small.sum())
    if not count:
        return gray, 0
    mask = cv2.dilate(small[labels].astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    # Filled with the local background, not white: a white dot in a shaded table band is a
    # new speck ("FER" read in the sample's shaded goal-table header). The lightest pixel
    # nearby (a grey-level dilation, 10x faster than a median over the page) is that background.
    background = cv2.dilate(gray, np.ones((7, 7), np.uint8))
    out = gray.copy()
    out[mask] = background[mask]
    return out, count


def remove_margin_stripes(gray: np.ndarray, dpi: int = 300) -> tuple[np.ndarray, int]:
    """Blank stripes of rotated text in the outer margins; returns the image and their count.

    Tesseract (psm 6, one uniform block) reads such a stripe as one glyph per text line
    ("zg", "Nej", "3", "|" at the right edge of brf_44232 pp. 8-10), and a letter at the end
    of a table row turns the row into text. A stripe is found by closing the ink vertically
    (its letters join, rows of horizontal text do not) and must be tall, narrow, in the outer
    margin, and made of letters lying on their side (blobs mostly wider than tall) - unlike a
    column of upright note numbers.
    """
    import cv2

    ink = _ink(gray)
    h, w = ink.shape
    reach = max(3, round(0.15 * dpi))
    closed = cv2.morphologyEx(
        ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (3, reach))
    )
    n, _, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    out = gray
    found = 0
    for x, y, bw, bh, _ in stats[1:]:
        if bh < STRIPE_MIN_HEIGHT_IN * dpi or bw > STRIPE_MAX_WIDTH_IN * dpi or bw < 0.03 * dpi:
            continue
        centre = x + bw / 2
        if STRIPE_MARGIN_SHARE * w < centre < (1 - STRIPE_MARGIN_SHARE) * w:
            continue
        m, _, parts, _ = cv2.connectedComponentsWithStats(ink[y : y + bh, x : x + bw], 8)
        glyphs = [p for p in parts[1:] if p[cv2.CC_STAT_AREA] > 4]
        if len(glyphs) < 10:
            continue
        sideways = sum(1 for p in glyphs if p[cv2.CC_STAT_WIDTH] > p[cv2.CC_STAT_HEIGHT])
        if sideways * 2 <= len(glyphs):
            continue
        if out is gray:
            out = gray.copy()
        pad = max(2, dpi // 100)
        out[max(0, y - pad) : y + bh + pad, max(0, x - pad) : x + bw + pad] = 255
        found += 1
    return out, found


#: Straight ink runs at least this long (inches) are table rules or underlines, not glyphs.
RULE_MIN_LENGTH_IN = 0.5
#: Glyph ink within this distance (px at 300 dpi) of a rule counts as touching it ...
RULE_TOUCH_PX = 4
#: ... and a rule touched along more than this share of its length is an underline, kept.
RULE_MAX_TOUCH = 0.05


def remove_rules(gray: np.ndarray, dpi: int = 300) -> tuple[np.ndarray, int]:
    """Paint free-standing long rules white; returns the image and the number removed.

    Tesseract (psm 6) takes a rule just under a header row as part of that text line and
    reads the line as junk ("TKO [LR gr a Nr ... 20255 IR Tagg 2 20247, NOT" for
    "Tkr 2025 2024 Not" on the scanned sample), or reads a vertical rule as "|". A morphological
    opening with a long thin kernel keeps only straight runs longer than any glyph.
    """
    import cv2

    # Light rules (grey, anti-aliased: 150-160 on the sample against Otsu's 159) break up at the
    # text threshold; halfway between it and the paper still keeps paper noise out
    otsu, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    paper = float(np.median(gray))
    ink = (gray < (otsu + paper) / 2).astype(np.uint8)
    length = max(10, round(RULE_MIN_LENGTH_IN * dpi))
    rules = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1))
    )
    rules |= cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length))
    )
    # One pixel more on each side takes the rule's anti-aliased edge too
    band = cv2.dilate(rules, np.ones((3, 3), np.uint8))
    # Glyphs at the text threshold: a shaded band along a rule (220 grey) is no glyph
    glyphs = (gray < otsu).astype(np.uint8) & (1 - band)
    near = max(2, round(RULE_TOUCH_PX * dpi / 300))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(rules, connectivity=8)
    keep = np.zeros(n, dtype=bool)
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        # Share of the rule's length with glyph ink just beside it: an underline touching its
        # digits (brf_268882: 0.19-0.98) stays, since removing it cuts the glyphs and costs
        # amounts; free rules (the scanned sample: <= 0.012) go
        if w >= h:
            side = glyphs[max(0, y - near) : y + h + near, x : x + w].any(axis=0)
        else:
            side = glyphs[y : y + h, max(0, x - near) : x + w + near].any(axis=1)
        keep[i] = side.mean() <= RULE_MAX_TOUCH
    count = int(keep.sum())
    if not count:
        return gray, 0
    mask = cv2.dilate(keep[labels].astype(np.uint8), np.ones((3, 3), np.uint8))
    out = gray.copy()
    out[mask > 0] = 255
    return out, count


def clean_page(
    gray: np.ndarray,
    skew: str = "none",
    binarisation: str = "none",
    despeckle: bool = False,
    margin_stripes: bool = False,
    rules: bool = False,
    dpi: int = 300,
) -> tuple[np.ndarray, float]:
    """Despeckle, deskew, blank margin stripes and rules, then binarise; returns the image and the skew
    angle that was corrected. Specks go first: they blur the projection profile. A noisy page
    (`NOISY_PAGE_SPECKS`) is smoothed and binarised by Otsu unless `binarisation` says otherwise."""
    noisy = False
    if despeckle:
        gray, specks = remove_specks(gray, dpi)
        noisy = specks >= NOISY_PAGE_SPECKS * (dpi / 300.0) ** 2
    angle = estimate_skew(gray, skew)
    gray = deskew(gray, angle)
    if margin_stripes:
        gray, _ = remove_margin_stripes(gray, dpi)
    if rules:
        gray, _ = remove_rules(gray, dpi)
    if noisy and binarisation == "none":
        import cv2

        return binarise(cv2.medianBlur(gray, 3), "otsu"), angle
    return binarise(gray, binarisation), angle
