"""Image clean-up before OCR: skew estimation, deskew and binarisation (issue 7).

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


def clean_page(
    gray: np.ndarray, skew: str = "none", binarisation: str = "none"
) -> tuple[np.ndarray, float]:
    """Deskew, then binarise; returns the image and the skew angle that was corrected."""
    angle = estimate_skew(gray, skew)
    gray = deskew(gray, angle)
    return binarise(gray, binarisation), angle
