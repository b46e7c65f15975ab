"""Public entry points: tag_status, find_summary_status, split_sentences, get_pipeline."""

from __future__ import annotations

import threading

import regex

from extractor.model.goal import Status, StatusMethod, StatusResult

_lock = threading.Lock()
_pipeline = None

#: Confidence of a unit summary applied to a goal without its own status.
SUMMARY_CONFIDENCE = 0.7


def get_pipeline():
    """Return the cached `spacy.blank("sv")` pipeline with `report_sentencizer` and `goal_status`."""
    global _pipeline
    if _pipeline is None:
        with _lock:
            if _pipeline is None:
                import spacy

                import extractor.nlp.components  # noqa: F401 - registers the factories

                nlp = spacy.blank("sv")
                nlp.add_pipe("report_sentencizer")
                nlp.add_pipe("goal_status")
                _pipeline = nlp
    return _pipeline


def normalise_text(text: str) -> str:
    """Undo PDF text artefacts: soft hyphens, odd spaces, words hyphenated over a line."""
    text = text.replace("\u00ad", "").replace("\u00a0", " ").replace("\u202f", " ")
    text = text.replace("\u2009", " ").replace("\r\n", "\n").replace("\r", "\n")
    # "upp-\nfyllt" -> "uppfyllt"; "IT-\nupphandlingar" keeps its hyphen (capital before it).
    text = regex.sub(r"(?<=\p{Ll})-[ \t]*\n[ \t]*(?=\p{Ll})", "", text)
    # spaCy keeps runs of spaces and line breaks as tokens of their own, which would split
    # "inte\n\nhade genomförts" (Boråsregionen 2025, a page's layout lines) for the
    # patterns. Inside a sentence they become one space; a blank line stays where the
    # next line starts a new one (capital, digit, bullet), as the sentencizer expects.
    text = regex.sub(r"[ \t]*\n(?:[ \t]*\n)+[ \t]*(?=\p{Ll})", " ", text)
    text = regex.sub(r"(?<!\n[ \t]*)[ \t]*\n[ \t]*(?=[^\s•\-–—*○▪■●►✓])", " ", text)
    return regex.sub(r"[ \t]{2,}", " ", text)


def _doc(text: str):
    nlp = get_pipeline()
    doc = nlp.make_doc(normalise_text(text))
    nlp.get_pipe("report_sentencizer")(doc)
    return nlp, doc


def split_sentences(text: str) -> list[str]:
    """Split report prose into sentences, whitespace collapsed, empty ones dropped."""
    if not text or not text.strip():
        return []
    _, doc = _doc(text)
    out = []
    for sent in doc.sents:
        s = " ".join(sent.text.split())
        if s:
            out.append(s)
    return out


def tag_status(text: str, goal: str | None = None) -> StatusResult:
    """Tag the status of one goal from its follow-up `text` (and the goal's own wording).

    Order: explicit status sentence, numeric target vs outcome, trained model, then
    `ej_bedomd` with method "none". An explicit status that the numbers contradict is
    kept, with `contradiction=True` and the numbers' sentence in `contradiction_evidence`.
    """
    if not isinstance(text, str) or not text.strip():
        return StatusResult(status=Status.EJ_BEDOMD, confidence=0.2, method=StatusMethod.NONE)
    nlp, doc = _doc(text)
    doc._.goal_text = normalise_text(goal) if goal else None
    return nlp.get_pipe("goal_status").tag(doc, doc._.goal_text)


def find_summary_status(text: str) -> StatusResult | None:
    """Return the status a unit summary sentence gives its goals, or None.

    "Bedömningen är att samtliga mål är uppfyllda" → uppfyllt (method "summary"). Counts
    that differ by goal ("27 av 28 … och ett delvis") are not a summary: None.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    from extractor.nlp.rules import RANK_PLURAL
    from extractor.nlp.totals import parse_stated_totals

    nlp, doc = _doc(text)
    rules = nlp.get_pipe("goal_status").rules
    best = None
    for statement in rules.statements(doc):
        if statement.rank != RANK_PLURAL or statement.strength < 2:
            continue
        totals = parse_stated_totals(statement.sentence)
        if totals and not _all_same(totals[0]):
            continue
        if totals and totals[0].uppfyllt is not None and statement.status is Status.UPPFYLLT:
            pass
        elif _has_count(statement.sentence) and not _says_all(statement.sentence):
            continue
        best = statement
    if best is None:
        return None
    return StatusResult(
        status=best.status,
        confidence=SUMMARY_CONFIDENCE,
        method=StatusMethod.SUMMARY,
        evidence=best.sentence,
    )


def _all_same(total) -> bool:
    parts = [total.uppfyllt or 0, total.delvis or 0, total.ej_uppfyllt or 0]
    return sum(1 for p in parts if p) <= 1 and (
        total.total is None or max(parts) in (0, total.total)
    )


_COUNT_RE = regex.compile(r"\b\d+\s+(?:av\s+\d+\s+)?(?:\p{L}+\s+)?(?:mål|uppdrag)", regex.I)


def _has_count(sentence: str) -> bool:
    return _COUNT_RE.search(sentence) is not None


def _says_all(sentence: str) -> bool:
    return regex.search(r"\b(?:samtliga|alla)\b", sentence, regex.I) is not None
