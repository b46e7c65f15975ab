"""Explicit status sentences: Matcher patterns (data in `patterns/status.jsonl`) plus ranking.

Patterns match LOWER surface forms only: the blank Swedish pipeline has no lemmas or
POS tags. Each pattern line carries its label, a strength (3 = status word such as
"uppfyllt", 2 = completion or a status cell, 1 = ongoing work), a base confidence and
whether it needs the goal itself as subject ("Uppdraget pågår" decides, "Dialog pågår"
does not; "lead" patterns only count where they open the sentence).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from spacy.attrs import LOWER
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import registry
from spacy.vocab import Vocab

from extractor.model.goal import Status
from extractor.nlp.lang_sv import (
    CLAUSE_BREAKS,
    CONTRAST_WORDS,
    MODALS,
    NEGATIVE_QUANTIFIERS,
    NP_FILLERS,
    NUMBERED_GOAL_NOUNS,
    OTHER_GOAL_MARKERS,
    PARTIAL_AFTER,
    PARTIAL_BEFORE,
    PARTIAL_QUANTIFIERS,
    PLURAL_GOAL_NOUNS,
    PROGRESS_WORDS,
    QUALIFIERS,
    QUESTION_WORDS,
    SCOPE_WORDS,
    SELF_SUBJECTS,
    SUBORDINATORS,
)
from extractor.nlp.sentences import sentence_text

PATTERNS_DIR = Path(__file__).resolve().parent / "patterns"

#: Subject ranks: a sentence about "målet" beats one without a subject, which beats a
#: sentence about several goals ("27 av 28 är uppfyllda") or another goal ("Mål 3 …").
RANK_SELF = 3
RANK_NONE = 2
RANK_PLURAL = 1
RANK_OTHER = 0

_NEGATIONS = frozenset({"inte", "ej", "icke", "aldrig"})
#: How many words before a positive status a negation still cancels it.
NEGATION_REACH = 6
_POLAR = frozenset({Status.UPPFYLLT, Status.EJ_UPPFYLLT})
_PUNCT_ONLY = frozenset(".,;:!?-–—()[]\"'”•*")


@dataclass(frozen=True)
class StatusPattern:
    """One line of a pattern file."""

    id: str
    label: Status
    strength: int
    confidence: float
    subject: str
    standalone: bool
    pattern: list[dict]
    not_followed_by: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Statement:
    """A status statement found in a sentence."""

    status: Status
    confidence: float
    strength: int
    rank: int
    start: int
    end: int
    pattern_id: str
    sentence: str
    #: The subject names a goal by its content ("målet om kompetensutveckling"); when two
    #: statements about "målet" disagree, the plain one is about the goal being tagged.
    qualified: bool = False


def load_patterns(path: str | Path) -> list[StatusPattern]:
    """Read a JSONL pattern file (one `StatusPattern` per line, `#` lines ignored)."""
    patterns = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            data = json.loads(line)
            patterns.append(
                StatusPattern(
                    id=data["id"],
                    label=Status(data["label"]),
                    strength=int(data["strength"]),
                    confidence=float(data["confidence"]),
                    subject=data.get("subject", "any"),
                    standalone=bool(data.get("standalone", False)),
                    pattern=data["pattern"],
                    not_followed_by=frozenset(data.get("not_followed_by", [])),
                )
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: bad pattern line: {exc}") from exc
    return patterns


@registry.misc("arsbok.status_rules.v1")
def status_rules(path: str = "") -> list[StatusPattern]:
    """Registry function: the status patterns shipped with the package, or from `path`."""
    return _cached_patterns(str(path or PATTERNS_DIR / "status.jsonl"))


@lru_cache(maxsize=8)
def _cached_patterns(path: str) -> list[StatusPattern]:
    return load_patterns(path)


class StatusRules:
    """Find explicit status statements in a sentence-split Doc."""

    def __init__(self, vocab: Vocab, patterns: list[StatusPattern]) -> None:
        self.patterns = {p.id: p for p in patterns}
        # The Matcher tests every IN-set for every token and pattern, about 1 ms per
        # follow-up with ~80 patterns. Patterns are grouped by an anchor word set (the
        # most selective required token) and a group's Matcher only runs when the doc
        # holds one of its anchor words: the same matches, several times faster.
        groups: dict[tuple[frozenset[str], ...], list[StatusPattern]] = {}
        for p in patterns:
            groups.setdefault(_required_sets(p.pattern), []).append(p)
        self.groups: list[tuple[tuple[frozenset[str], ...], Matcher]] = []
        # Completion words ("genomförd", "klar") from the `done` pattern, for sentences
        # such as "Förstudien är genomförd, men genomförandet har inte påbörjats".
        done = self.patterns.get("done")
        self.progress_words: frozenset[str] = PROGRESS_WORDS | (
            frozenset(done.pattern[0]["LOWER"]["IN"]) if done is not None else frozenset()
        )
        for anchor, members in groups.items():
            matcher = Matcher(vocab)
            for p in members:
                matcher.add(p.id, [p.pattern])
            self.groups.append((anchor, matcher))

    def matches(self, doc: Doc) -> list[tuple[str, int, int]]:
        """Return (pattern id, start, end) for every raw pattern match in `doc`."""
        strings = doc.vocab.strings
        # the lower-case forms by hash, without creating a Python Token per word
        words = {strings[h] for h in set(doc.to_array(LOWER).tolist())}
        out = []
        for required, matcher in self.groups:
            if any(words.isdisjoint(r) for r in required):
                continue
            for match_id, start, end in matcher(doc):
                out.append((strings[match_id], start, end))
        return out

    def statements(self, doc: Doc) -> list[Statement]:
        """Return the accepted statements of `doc`, at most one per overlapping group."""
        found: list[tuple[StatusPattern, int, int]] = []
        for pattern_id, start, end in self.matches(doc):
            found.append((self.patterns[pattern_id], start, end))
        # Longest match first so "inte helt uppfyllt" (delvis) beats "uppfyllt".
        found.sort(
            key=lambda item: (-(item[2] - item[1]), -item[0].strength, -item[0].confidence, item[1])
        )
        if not found:
            return []
        taken = [False] * len(doc)
        result: list[Statement] = []
        sents = list(doc.sents)
        sent_of = [0] * len(doc)
        for k, sent in enumerate(sents):
            for i in range(sent.start, sent.end):
                sent_of[i] = k
        for pattern, start, end in found:
            if any(taken[start:end]):
                continue
            statement = self._accept(doc, sents[sent_of[start]], pattern, start, end)
            if statement is None:
                continue
            for i in range(start, end):
                taken[i] = True
            result.append(statement)
        result.sort(key=lambda s: s.start)
        return result

    def best(self, doc: Doc) -> Statement | None:
        """Return the statement that decides the goal's status, or None."""
        statements = self.statements(doc)
        if not statements:
            return None
        top = max(
            statements, key=lambda s: (s.rank, s.strength, not s.qualified, s.confidence, s.start)
        )
        if top.rank == RANK_NONE and top.status in _POLAR:
            # "Förstudien är genomförd, men genomförandet har inte påbörjats": one part
            # done and one not, neither about the goal itself, reads as partly met.
            for other in statements:
                if (
                    other is not top
                    and other.sentence == top.sentence
                    and other.rank == RANK_NONE
                    and other.status in _POLAR
                    and other.status is not top.status
                ):
                    return Statement(
                        status=Status.DELVIS,
                        confidence=0.7,
                        strength=top.strength,
                        rank=top.rank,
                        start=min(top.start, other.start),
                        end=max(top.end, other.end),
                        pattern_id=f"{top.pattern_id}+{other.pattern_id}",
                        sentence=top.sentence,
                    )
        if top.status is Status.EJ_UPPFYLLT and top.strength == 2 and top.rank >= RANK_NONE:
            # "Förstudien är genomförd, men genomförandet har inte påbörjats", "De flesta
            # skolor har kommit igång men två har inte startat": done in part.
            sent = doc[top.start].sent
            before = [t.lower_ for t in doc[sent.start : top.start]]
            for k, word in enumerate(before):
                if word in {"men", "medan"} and self.progress_words.intersection(before[:k]):
                    return replace(top, status=Status.DELVIS, confidence=0.7)
        return top

    def _accept(
        self, doc: Doc, sent: Span, pattern: StatusPattern, start: int, end: int
    ) -> Statement | None:
        if end < len(doc) and end < sent.end and doc[end].lower_ in pattern.not_followed_by:
            return None
        words = [t for t in sent if not t.is_space and t.text not in _PUNCT_ONLY]
        standalone = bool(words) and all(start <= t.i < end for t in words)
        if pattern.standalone and not standalone:
            return None
        # "Målet ska vara uppfyllt 2027" states a requirement, not an outcome.
        for t in doc[max(sent.start, start - 3) : start]:
            if t.lower_ in MODALS:
                return None
        rank = RANK_NONE if standalone else _subject_rank(sent, start, end)
        opens = not standalone and _first_word_index(sent) == start
        if pattern.subject == "lead":
            # A status label opening its sentence ("Grön – samtliga åtgärder klara"):
            # whatever follows is the comment, so its subject does not matter.
            if not opens:
                return None
            rank = RANK_SELF
        elif standalone and pattern.strength >= 3:
            # A sentence that is only a status ("Bedömning: Gul.", "Delvis uppfyllt.") is
            # the goal's own assessment; it outranks "Arbetet har inte kommit igång".
            rank = RANK_SELF
        if (
            pattern.subject == "self"
            and rank != RANK_SELF
            and not (standalone or (opens and rank == RANK_NONE))
        ):
            return None
        # A positive form right after a negation ("inte hade genomförts utan …") is
        # either handled by a longer negative pattern or deliberately left undecided.
        negated = False
        if pattern.label is Status.UPPFYLLT and not pattern.standalone:
            for t in doc[max(sent.start, start - 2) : start]:
                if t.lower_ in _NEGATIONS:
                    return None
            negated = _negated_further_back(doc, sent, start)
            if negated and any(t.lower_ == "utan" for t in doc[end : sent.end]):
                return None
        # "… i vilken utsträckning målen hittills uppfyllts" asks, it does not state.
        for t in doc[max(sent.start, start - 8) : start]:
            if t.lower_ in QUESTION_WORDS:
                return None
        confidence = pattern.confidence
        if rank < RANK_NONE:
            confidence *= 0.6
        label = pattern.label
        if negated:
            # "Målet har inte heller i år kunnat nås", "tillät inte att insatsen genomfördes"
            label = Status.EJ_UPPFYLLT
        elif label is Status.UPPFYLLT and not pattern.standalone:
            label = _quantified(doc, sent, start, end, label)
        return Statement(
            status=label,
            confidence=round(confidence, 3),
            strength=pattern.strength,
            rank=rank,
            start=start,
            end=end,
            pattern_id=pattern.id,
            sentence=sentence_text(sent),
            qualified=rank == RANK_SELF and _qualified_subject(sent, start),
        )


def _negated_further_back(doc: Doc, sent: Span, start: int) -> bool:
    """A negation 3-6 words before a positive status, in its clause: "Målet har inte heller
    i år kunnat nås"; or "inte att" before the goal noun: "tillät inte att insatsen
    genomfördes". A goal noun or a clause break ends the look-back."""
    for i in range(start - 1, max(sent.start, start - NEGATION_REACH) - 1, -1):
        lower = doc[i].lower_
        if lower in _NEGATIONS:
            return i < start - 2  # the two words before are the caller's own check
        if lower in SELF_SUBJECTS:
            return (
                i - 2 >= sent.start
                and doc[i - 1].lower_ == "att"
                and doc[i - 2].lower_ in _NEGATIONS
            )
        if lower in CLAUSE_BREAKS:
            return False
    return False


def _qualified_subject(sent: Span, start: int) -> bool:
    """Whether the goal noun before `start` is followed by "om"/"för"/"kring" (a named goal)."""
    doc = sent.doc
    for i in range(start - 1, sent.start - 1, -1):
        if doc[i].lower_ in SELF_SUBJECTS:
            return i + 1 < start and doc[i + 1].lower_ in QUALIFIERS
    return False


def _quantified(doc: Doc, sent: Span, start: int, end: int, label: Status) -> Status:
    """Adjust a positive status for quantifiers in its clause ("Inget av målen nåddes")."""
    for i in range(start - 1, sent.start - 1, -1):
        lower = doc[i].lower_
        if lower in CLAUSE_BREAKS:
            break
        if lower in SELF_SUBJECTS:
            # The goal itself is the subject: only a quantifier of that noun phrase counts
            # ("Delar av uppdraget", "Ingen av de planerade insatserna"), not one from a
            # clause before it ("Trots att en del insatser skjutits upp bedöms målet …").
            j = i - 1
            while j > sent.start and j > i - 4 and doc[j].lower_ in NP_FILLERS:
                j -= 1
            if j >= sent.start and doc[j].lower_ in NEGATIVE_QUANTIFIERS:
                return Status.EJ_UPPFYLLT
            if j >= sent.start and doc[j].lower_ in PARTIAL_QUANTIFIERS:
                return Status.DELVIS
            break
        if lower in NEGATIVE_QUANTIFIERS:
            return Status.EJ_UPPFYLLT
        if lower in PARTIAL_QUANTIFIERS:
            return Status.DELVIS
        if lower in {"av", "utav"} and sent.start < i < start - 1:
            # "Två av tre kommuner har uppnått målet"
            x, y = _small_number(doc[i - 1].lower_), _small_number(doc[i + 1].lower_)
            if x is not None and y is not None and x < y:
                return Status.DELVIS
    after = [t.lower_ for t in doc[end : min(sent.end, end + 8)]]
    # A relative or causal clause after the status explains it ("uppfyllt, vilket delvis
    # kan förklaras av …"); it does not restrict it.
    for k, word in enumerate(after):
        if word in SUBORDINATORS:
            after = after[:k]
            break
    clause = []
    for t in reversed(doc[sent.start : start]):
        if t.lower_ in CLAUSE_BREAKS:
            break
        clause.append(t.lower_)
    clause.reverse()
    for phrase in PARTIAL_BEFORE:
        n = len(phrase)
        if any(tuple(clause[k : k + n]) == phrase for k in range(len(clause) - n + 1)):
            # "I vissa delar har målet uppnåtts"
            return Status.DELVIS
    for phrase in PARTIAL_AFTER:
        n = len(phrase)
        for k in range(0, min(len(after) - n + 1, 3)):
            if tuple(after[k : k + n]) == phrase:
                return Status.DELVIS
    # "Målet är uppnått i tre av fem kommuner", "… för två av de tre indikatorerna"
    for k in range(len(after) - 2):
        if after[k + 1] in {"av", "utav"}:
            y_at = k + 3 if after[k + 2] in {"de", "totalt", "samtliga"} else k + 2
            if y_at >= len(after):
                continue
            x, y = _small_number(after[k]), _small_number(after[y_at])
            if x is not None and y is not None and x < y:
                return Status.DELVIS
    # "uppnått för vuxenutbildningen medan delmålet om köer inte är det": met for one
    # part and not for another reads as partly met.
    rest = [t.lower_ for t in doc[end : sent.end]]
    for k, word in enumerate(rest):
        if word in CONTRAST_WORDS and any(w in _NEGATIONS for w in rest[k + 1 : k + 7]):
            if word == "medan" or (k + 2 < len(rest) and rest[k + 2] in SCOPE_WORDS):
                return Status.DELVIS
    return label


def _small_number(word: str) -> int | None:
    from extractor.nlp.lang_sv import NUMBER_WORDS

    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _required_sets(pattern: list[dict]) -> tuple[frozenset[str], ...]:
    """The LOWER word sets of the required tokens; a doc must hold a word of each."""
    sets = []
    for token in pattern:
        if token.get("OP", "1") != "1":
            continue
        value = token.get("LOWER")
        if isinstance(value, str):
            sets.append(frozenset({value}))
        elif isinstance(value, dict) and "IN" in value:
            sets.append(frozenset(value["IN"]))
    return tuple(sorted(set(sets), key=lambda s: (len(s), sorted(s))))


def _first_word_index(sent: Span) -> int:
    for t in sent:
        if not t.is_space and t.text not in _PUNCT_ONLY:
            return t.i
    return sent.start


def _subject_rank(sent: Span, start: int, end: int) -> int:
    """Classify the subject closest before the match (or just after it)."""
    doc = sent.doc
    for i in range(start - 1, sent.start - 1, -1):
        rank = _subject_at(doc, i, sent)
        if rank is not None:
            return rank
    for i in range(end, min(end + 4, sent.end)):
        rank = _subject_at(doc, i, sent)
        if rank is not None:
            return rank
    return RANK_NONE


def _subject_at(doc: Doc, i: int, sent: Span) -> int | None:
    lower = doc[i].lower_
    prev = doc[i - 1].lower_ if i > sent.start else ""
    nxt = doc[i + 1] if i + 1 < sent.end else None
    if lower in NUMBERED_GOAL_NOUNS and nxt is not None and _is_label(nxt.text):
        return RANK_OTHER
    if lower in SELF_SUBJECTS:
        if prev in OTHER_GOAL_MARKERS:
            return RANK_OTHER
        return RANK_SELF
    if lower in PLURAL_GOAL_NOUNS or lower in {"samtliga", "alla"}:
        return RANK_PLURAL
    return None


def _is_label(text: str) -> bool:
    """Whether a token names a goal: "3", "2b", "3:2", "A", "IV"."""
    t = text.rstrip(".:")
    if not t:
        return False
    if t[0].isdigit():
        return True
    return (len(t) == 1 and t.isupper()) or (t.isupper() and set(t) <= set("IVX"))
