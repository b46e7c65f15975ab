"""Canonical row keys from the mapping in `extractor/data/keys.yaml`."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources

import regex
import yaml

_NOTE_MARKS = regex.compile(r"[*¹²³⁴⁵⁶⁷⁸⁹†‡]+|\(\s*not\s*\d+\s*\)|\bnot\s*\d+$", regex.IGNORECASE)
_SPACES = regex.compile(r"\s+")
_TRAIL = regex.compile(r"[\s.,:;]+$")


def normalize_label(label: str) -> str:
    """Lower-case, collapse spaces, drop note marks and trailing punctuation."""
    text = _NOTE_MARKS.sub("", label)
    text = _SPACES.sub(" ", text).strip().lower()
    return _TRAIL.sub("", text)


def slug(text: str) -> str:
    """ASCII key part: "Förbundskansli" → "forbundskansli", "VO-college" → "vo_college"."""
    folded = unicodedata.normalize("NFKD", text.lower())
    ascii_text = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return regex.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_")


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, regex.Pattern[str]]]:
    data = yaml.safe_load(resources.files("extractor").joinpath("data/keys.yaml").read_text("utf-8"))
    out: list[tuple[str, regex.Pattern[str]]] = []
    for layout in ("municipal", "company"):
        for key, patterns in data[layout].items():
            for p in patterns:
                out.append((key, regex.compile(rf"^(?:{p})$")))
    return out


def canonical_key(label: str) -> str | None:
    """The canonical key of a row label, or None when the mapping has none."""
    text = normalize_label(label)
    if not text:
        return None
    for key, pattern in _patterns():
        m = pattern.match(text)
        if m:
            unit = m.groupdict().get("unit")
            return f"{key}__{slug(unit)}" if unit else key
    return None
