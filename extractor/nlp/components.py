"""spaCy components: `report_sentencizer` (see sentences.py) and `goal_status`."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import regex
from spacy.language import Language
from spacy.tokens import Doc

from extractor.model.goal import Status, StatusMethod, StatusResult
from extractor.nlp import sentences as _sentences  # noqa: F401 - registers report_sentencizer
from extractor.nlp.numeric import evaluate
from extractor.nlp.rules import RANK_PLURAL, Statement, StatusPattern, StatusRules
from extractor.nlp.sentences import sentence_text, set_sentence_starts
from extractor.nlp.textcat import classify, load_classifier

if not Doc.has_extension("goal_status"):
    Doc.set_extension("goal_status", default=None)
if not Doc.has_extension("goal_text"):
    Doc.set_extension("goal_text", default=None)

#: Confidence of the fallback when nothing decides.
NONE_CONFIDENCE = 0.2

DEFAULT_CONFIG: dict[str, Any] = {
    "rules": {"@misc": "arsbok.status_rules.v1", "path": ""},
    "model_path": "",
    "use_model": True,
    "threshold": 0.4,
}


class GoalStatusTagger:
    """Decide a goal's status from its follow-up text: rules, numbers, model, nothing."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        rules: list[StatusPattern],
        model_path: str = "",
        use_model: bool = True,
        threshold: float = 0.4,
    ) -> None:
        self.name = name
        self.rules = StatusRules(nlp.vocab, rules)
        self.model_path = model_path
        self.use_model = use_model
        self.threshold = threshold
        #: A loaded classifier pipeline that overrides `model_path` (cross-validation).
        self.classifier: Any | None = None

    def __call__(self, doc: Doc) -> Doc:
        doc._.goal_status = self.tag(doc, doc._.goal_text)
        return doc

    def tag(self, doc: Doc, goal: str | None = None) -> StatusResult:
        """Return the status of the goal whose follow-up is `doc`."""
        if not doc.has_annotation("SENT_START"):
            set_sentence_starts(doc)
        statement = self.rules.best(doc)
        sents = [t for t in (sentence_text(s) for s in doc.sents) if t]
        numeric = evaluate(goal, sents) if sents else None
        if statement is not None and statement.rank >= RANK_PLURAL:
            # A sentence about this goal, or about all goals of its kind ("de finansiella
            # målen är uppnådda" under a financial goal); one about another goal
            # ("Mål 3 är däremot inte uppfyllt") only decides when nothing else does.
            return self._explicit(statement, numeric, goal)
        if numeric is not None:
            return StatusResult(
                status=numeric.status,
                confidence=numeric.confidence,
                method=StatusMethod.NUMERIC,
                evidence=numeric.evidence,
            )
        model_result = self._model(doc)
        if model_result is not None:
            return model_result
        if statement is not None:
            # Only a sentence about other goals or about several goals: weak evidence.
            return self._explicit(statement, None, goal)
        return StatusResult(
            status=Status.EJ_BEDOMD, confidence=NONE_CONFIDENCE, method=StatusMethod.NONE
        )

    def _explicit(
        self, statement: Statement, numeric: Any, goal: str | None = None
    ) -> StatusResult:
        if statement.status is Status.EJ_BEDOMD and _measure_is_goal(statement, goal):
            # "Genomföra en kundundersökning" + "Kundundersökningen har inte genomförts":
            # the survey was the goal itself, so it failed rather than went unmeasured.
            statement = replace(statement, status=Status.EJ_UPPFYLLT)
        contradiction = False
        evidence: list[str] = []
        if numeric is not None:
            met_text = statement.status is Status.UPPFYLLT
            met_numbers = numeric.status is Status.UPPFYLLT
            if statement.status is not Status.EJ_BEDOMD and met_text != met_numbers:
                contradiction = True
                evidence = [numeric.evidence]
                if numeric.target_text and numeric.target_text not in evidence:
                    evidence.append(numeric.target_text)
        return StatusResult(
            status=statement.status,
            confidence=statement.confidence,
            method=StatusMethod.EXPLICIT,
            evidence=statement.sentence,
            contradiction=contradiction,
            contradiction_evidence=evidence,
        )

    def _model(self, doc: Doc) -> StatusResult | None:
        if not self.use_model or not doc.text.strip():
            return None
        classifier = self.classifier or load_classifier(self.model_path or None)
        if classifier is None:
            return None
        cats = classify(classifier, doc.text)
        if not cats:
            return None
        label, prob = max(cats.items(), key=lambda kv: kv[1])
        if prob < self.threshold:
            return None
        return StatusResult(
            status=Status(label),
            confidence=round(float(prob), 3),
            method=StatusMethod.MODEL,
            evidence=sentence_text(doc[:]) if len(doc.text) <= 300 else None,
        )


#: Patterns that read "the survey was not run" as "not assessed".
_MEASURE_PATTERNS = frozenset({"measure_not_done", "not_assessed_none"})
_MEASURE_NOUN_RE = regex.compile(
    r"\b\p{L}*(?:mätning|enkät|undersökning|uppföljning|utvärdering)", regex.I
)


def _measure_is_goal(statement: Statement, goal: str | None) -> bool:
    """Whether the measurement that was not run is what the goal asks for."""
    if not goal or statement.pattern_id not in _MEASURE_PATTERNS:
        return False
    nouns = {m.group(0).lower() for m in _MEASURE_NOUN_RE.finditer(statement.sentence)}
    goal_lower = goal.lower()
    return any(noun[: max(5, len(noun) - 3)] in goal_lower for noun in nouns)


@Language.factory("goal_status", default_config=DEFAULT_CONFIG)
def make_goal_status(
    nlp: Language,
    name: str,
    rules: list[StatusPattern],
    model_path: str,
    use_model: bool,
    threshold: float,
) -> GoalStatusTagger:
    """Build the `goal_status` component; the result lands in `doc._.goal_status`."""
    return GoalStatusTagger(nlp, name, rules, model_path, use_model, threshold)
