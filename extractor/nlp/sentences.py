"""Sentence boundaries that suit Swedish report prose.

spaCy's rule sentencizer splits on every period, which breaks "bl.a.", "ca." and
"nr. 5"; the dependency parser is not available for Swedish here. This component
marks a boundary only after sentence punctuation followed by a capital, a digit or a
bullet, or at a blank line (a new paragraph or table cell in `pdftotext -layout` output).
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

from extractor.nlp.lang_sv import FINAL_ABBREVIATIONS, NON_FINAL_ABBREVIATIONS

_END_PUNCT = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
_CLOSERS = frozenset({")", "]", "”", '"', "’", "»"})
_BULLETS = frozenset({"•", "-", "–", "—", "*", "○", "▪", "■", "●", "►", "✓"})


def _next_word(doc: Doc, i: int) -> Token | None:
    """Return the first non-space token after position `i`."""
    for j in range(i + 1, len(doc)):
        if not doc[j].is_space:
            return doc[j]
    return None


def _opens_sentence(token: Token) -> bool:
    """Whether a token can start a new sentence after a period."""
    first = token.text[0]
    return first.isupper() or first.isdigit() or token.text in _BULLETS or first in "(\"”«'"


def _ends_sentence(doc: Doc, i: int) -> bool:
    """Whether the last word before position `i` is sentence punctuation."""
    for j in range(i - 1, -1, -1):
        if not doc[j].is_space:
            return doc[j].text in _END_PUNCT
    return False


def _boundary_after(doc: Doc, i: int) -> bool:
    """Decide whether a sentence ends after token `i`."""
    token = doc[i]
    text = token.text
    lower = token.lower_
    if token.is_space:
        if text.count("\n") < 2:
            return False
        # A blank line ends a paragraph or a table cell, unless the text runs on without
        # a capital ("… uppdrag för\n\n2025. Bedömningen …"): the Boråsregionen 2025
        # text dump has a blank line after every layout line.
        nxt = _next_word(doc, i)
        return (
            nxt is None or _ends_sentence(doc, i) or nxt.text[0].isupper() or nxt.text in _BULLETS
        )
    nxt = _next_word(doc, i)
    if nxt is None:
        return False
    if text in _CLOSERS:
        # "… (se bilaga.) Målet är uppfyllt." - the closer ends the sentence, not the period.
        return i > 0 and doc[i - 1].text in _END_PUNCT and _opens_sentence(nxt)
    if nxt.text in _CLOSERS:
        return False
    if text in _END_PUNCT:
        if text == "." and i > 0 and not doc[i - 1].is_space:
            prev = doc[i - 1].lower_
            if prev in FINAL_ABBREVIATIONS:
                return nxt.text[0].isupper()
            if prev in NON_FINAL_ABBREVIATIONS or (len(prev) == 1 and prev.isalpha()):
                return False
        return _opens_sentence(nxt)
    if text.endswith("."):
        if lower in FINAL_ABBREVIATIONS:
            return nxt.text[0].isupper()
        return False
    if nxt.text in _BULLETS and i + 1 < len(doc) and "\n" in doc[i + 1].text:
        # A bullet at the start of a line opens a new item.
        return True
    return False


def set_sentence_starts(doc: Doc) -> Doc:
    """Set `is_sent_start` on every token of `doc`."""
    if not len(doc):
        return doc
    starts = [False] * len(doc)
    starts[0] = True
    for i in range(len(doc) - 1):
        if _boundary_after(doc, i):
            starts[i + 1] = True
    # One array write: setting `token.is_sent_start` one by one rescans the doc each
    # time (quadratic on a whole report).
    values = numpy.array([[1 if start else -1] for start in starts], dtype="int64").view("uint64")
    doc.from_array([SENT_START], values)  # type: ignore[arg-type]
    return doc


class ReportSentencizer:
    """Pipeline component that sets sentence starts for report prose."""

    def __init__(self, nlp: Language, name: str = "report_sentencizer") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return set_sentence_starts(doc)


@Language.factory("report_sentencizer")
def make_report_sentencizer(nlp: Language, name: str) -> ReportSentencizer:
    """Build the `report_sentencizer` component."""
    return ReportSentencizer(nlp, name)


def sentence_text(span) -> str:
    """Return the text of a sentence span with its whitespace collapsed."""
    return " ".join(span.text.split())
