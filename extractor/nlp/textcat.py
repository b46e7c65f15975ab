"""Locate and load the trained goal-status text classifier (`models/goal_status`).

The model is optional: without it the tagger runs on rules alone and says so once in
the log. Nothing is ever downloaded.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from typing import Any

from extractor.model.goal import Status

logger = logging.getLogger(__name__)

MODEL_NAME = "goal_status"
LABELS: tuple[str, ...] = tuple(s.value for s in Status)
#: Longest text the classifier reads; follow-ups are short and the tail adds little.
MAX_CHARS = 4000

_lock = threading.Lock()
_cache: dict[str, Any] = {}


def model_candidates() -> list[Path]:
    """Where the model may live: the source tree first, then an installed data dir."""
    repo_models = Path(__file__).resolve().parents[2] / "models"
    return [
        repo_models / MODEL_NAME,
        Path(sys.prefix) / "share" / "arsbok" / "models" / MODEL_NAME,
    ]


def find_model(path: str | Path | None = None) -> Path | None:
    """Return the model directory (`path` when given), or None when none is there."""
    candidates = [Path(path)] if path else model_candidates()
    for candidate in candidates:
        if (candidate / "config.cfg").is_file():
            return candidate
    return None


def load_classifier(path: str | Path | None = None) -> Any | None:
    """Load (once) and return the spaCy pipeline holding the `textcat`, or None."""
    key = str(path or "")
    with _lock:
        if key in _cache:
            return _cache[key]
        found = find_model(path)
        nlp = None
        if found is None:
            where = ", ".join(str(p) for p in ([Path(path)] if path else model_candidates()))
            logger.warning(
                "goal-status model not found (looked in %s); tagging with rules only. "
                "Train it with `python -m extractor.nlp.train`.",
                where,
            )
        else:
            import spacy

            try:
                nlp = spacy.load(found)
            except (OSError, ValueError) as exc:
                logger.warning(
                    "goal-status model at %s could not be loaded (%s); rules only", found, exc
                )
                nlp = None
        _cache[key] = nlp
        return nlp


def classify(nlp: Any, text: str) -> dict[str, float]:
    """Return class probabilities for `text` (lower-cased, as in training)."""
    doc = nlp.make_doc(normalise_for_model(text))
    for _, pipe in nlp.pipeline:
        doc = pipe(doc)
    return dict(doc.cats)


def normalise_for_model(text: str) -> str:
    """Lower-case and collapse whitespace; the classifier was trained on this form."""
    return " ".join(text[:MAX_CHARS].split()).lower()
