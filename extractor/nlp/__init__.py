"""Swedish goal-status tagging: rules, numbers and a small trained text classifier.

Importing this package registers the spaCy factories `report_sentencizer` and
`goal_status` (so `spacy.blank("sv").add_pipe("goal_status")` works); the pipeline and
the trained model load lazily on first use.
"""

from __future__ import annotations

from extractor.nlp import components as _components  # noqa: F401 - registers factories
from extractor.nlp.status import find_summary_status, get_pipeline, split_sentences, tag_status
from extractor.nlp.totals import parse_stated_totals

__all__ = [
    "find_summary_status",
    "get_pipeline",
    "parse_stated_totals",
    "split_sentences",
    "tag_status",
]
