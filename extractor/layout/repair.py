"""Repair broken text layers from evidence on the page: ligatures and mis-mapped letters.

Some fonts carry glyphs without a (correct) Unicode mapping. Two families occur in the corpus:

* ligatures dropped: Calibri's tt/ti/ft/fl/... glyphs come out as U+0000 (brf_53536 p. 8
  "Ne\\x00oomsä\\x00ning" for "Nettoomsättning"); pdfminer names them ``(cid:NN)``;
* Swedish letters mapped to punctuation or to a space, one code per letter and font
  (brf_48663 p. 2 "F!rvaltningsber\\"ttelse", "Bostadsr ttsf\\"reningen").

A glyph is identified by its *class*: font name, reported text and advance width in ems (one
glyph always has one advance). The candidates for a suspicious class are the Swedish letters,
whose advance is their base letter's (å and ä print as wide as a, ö as o, measured on the same
pages in the same font), and the ligatures, a little narrower than their letters summed. The
candidates that fit the width are scored by a character 4-gram model of Swedish summed over
every place the class occurs. Width alone cannot decide: Calibri's tt ligature (0.634 em) is
closer to f+t (0.640) than to t+t (0.670). A class is replaced only where one candidate wins
clearly; an unmapped control code without a winner becomes U+FFFD, a ``(cid:NN)``, a mark or a
space stays as it was. Details that the corpus asked for:

* the model learns from installed data (spaCy's Swedish stop words, our label keys, status
  patterns and goal-status sentences) plus the pages' own clean words; a second reading adds
  the words repaired with confidence and reads each glyph beside a repaired one in full;
* one font has one glyph per letter: a letter the font prints with its own code, or that a
  stronger class of the font took, is no candidate;
* where two ligatures are as wide (Calibri fi and fl), each place decides by its letters;
* a glyph whose font gives no advance (pdfium's one-em box) is measured by the distance to
  the next glyph;
* pdfium drops a letter printed through the space code right after a real space; the gap it
  leaves, as wide as the repaired space class, gets the letter back.

`repair_chars` works on one page; `repair_document` learns over all pages of a document (more
evidence) and reports what it substituted, for a `text_repaired` warning.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from extractor.layout.model import Char

#: Letters a font may lose, with the letter whose advance they share in common fonts.
SWEDISH_LETTERS: dict[str, str] = {
    "å": "a", "ä": "a", "ö": "o", "Å": "A", "Ä": "A", "Ö": "O", "é": "e", "ü": "u",
}  # fmt: skip
#: Ligatures that fonts set in Swedish text (Calibri has these).
LIGATURES: tuple[str, ...] = (
    "ff", "fi", "fl", "ffi", "ffl", "ft", "tt", "ti", "tf", "fb", "fh", "fj", "fk", "th", "tti", "ftt",
)  # fmt: skip
#: Marks that never sit between two letters of a Swedish word; a font that maps å/ä/ö to the
#: first ASCII codes prints them there (brf_48663, brf_52576: "v#r", "$vriga").
SUSPECT_PUNCTUATION = frozenset('!"#$%&*+<=>@[\\]^_`{|}~')
UNKNOWN = "\ufffd"

#: A ligature is a little narrower than its letters, kerning built in (Calibri tt 0.624 em
#: against t+t 0.670, ti 0.557 against 0.564, fl 0.529 against 0.534).
LIGATURE_RATIO = (0.90, 1.03)
#: A substituted letter has the advance of its base letter (Times ä 0.444 em = a).
LETTER_RATIO = (0.93, 1.07)
#: A space this much wider than its font's usual space may be a letter in disguise
#: (brf_48663: ä printed through the space code, 0.444 em against 0.25).
SPACE_EXCESS = 1.25
#: Total log-likelihood (nats) by which the winner must beat the runner-up ...
MIN_MARGIN = 3.0
#: ... and per occurrence, so that a class seen 50 times needs more than 3 nats in all.
MIN_MEAN_MARGIN = 0.3
#: Where two ligatures share one width (Calibri fi and fl), each place decides alone.
MIN_LOCAL_MARGIN = 2.0
#: ... but between two ligatures of one width the class says nothing: a smaller margin.
MIN_TWIN_MARGIN = 0.0
#: A punctuation mark or space class seen fewer times inside words needs a wider margin.
MIN_DISGUISED = 3
MIN_MARGIN_RARE = 6.0
#: No letter is wider than this: a wider "space" is a gap the backend filled.
MAX_LETTER_EM = 1.1
#: A letter the font prints this often with its own code has no second, unmapped glyph.
MIN_MAPPED = 3
#: A gap after a space this wide (ems) may hide a letter pdfium dropped; it must match the
#: repaired space class this closely (word spacing widens it a little).
DROPPED_MIN_EM = 0.3
DROPPED_TOLERANCE_EM = 0.04
#: The width is the evidence there; the model only has to not object strongly ("äkta" costs
#: 10 nats against "kta": a word start is cheap for the model).
DROPPED_MIN_GAIN = -12.0
DROPPED_MAX_LINE_GAP_EM = 0.15
#: Log-likelihood cost of a letter whose case its neighbours contradict.
CASE_PENALTY = -8.0
#: Ligatures whose letters sum to widths this close (fi and fl) can share one class.
TWIN_WIDTH = 0.015
#: Two classes of one font more than a rounding step apart in width are two glyphs.
DISTINCT_WIDTH_EM = 0.006

_ORDER = 4  # character n-grams: three letters of history
_BOW, _EOW = "^", "$"
_WIDTH_STEPS = 200  # class widths in 1/200 em
_PACKAGE = Path(__file__).resolve().parents[1]

ClassKey = tuple[str, str, int]  # font name, reported text, advance in 1/200 em
Place = tuple[int, int]  # page index, char index


@dataclass(frozen=True, slots=True)
class Repair:
    """One substitution, as reported in the `text_repaired` warning."""

    fontname: str
    glyph: str  # the text the backend reported
    width_em: float  # the glyph's box as the backend reported it (pdfium and pdfminer differ)
    replacement: str
    count: int

    def describe(self) -> str:
        # no width: a glyph without a Unicode mapping has a backend's own box (pdfium: outline
        # or one em, pdfminer: /Widths), and the warning is part of the document both backends
        # must agree on
        return f"{self.fontname} {self.glyph!r} → {self.replacement!r} ×{self.count}"


@dataclass(slots=True)
class RepairPlan:
    """Replacement text per glyph class, and per place where a class is ambiguous."""

    classes: dict[ClassKey, str] = field(default_factory=dict)
    places: dict[Place, str] = field(default_factory=dict)
    advances: dict[ClassKey, float] = field(default_factory=dict)  # measured where the box lied
    mixed: set[ClassKey] = field(default_factory=set)  # classes that hold two glyphs (fi, fl)
    inserts: dict[Place, tuple[ClassKey, str]] = field(default_factory=dict)  # after a space

    def __bool__(self) -> bool:
        return bool(self.classes or self.places or self.inserts)


# --------------------------------------------------------------------------- language model


class _CharModel:
    """Character n-gram model with Witten-Bell interpolation over words marked ``^word$``.

    An overlay model (the document's own words) adds its counts to a shared base model.
    """

    def __init__(self, words: Counter[str], base: _CharModel | None = None) -> None:
        self.base = base
        self.counts: Counter[str] = Counter()
        self.totals: Counter[str] = Counter()
        self.types: Counter[str] = Counter()
        for word, n in words.items():
            s = _BOW + word + _EOW
            for j in range(1, len(s)):
                for k in range(1, min(_ORDER, j + 1) + 1):
                    gram = s[j + 1 - k : j + 1]
                    if gram not in self.counts and (base is None or gram not in base.counts):
                        self.types[gram[:-1]] += 1
                    self.counts[gram] += n
                    self.totals[gram[:-1]] += n
        unigrams = {g for g in self.counts if len(g) == 1}
        if base is not None:
            unigrams |= {g for g in base.counts if len(g) == 1}
        self.vocabulary = len(unigrams) + 1
        self._cache: dict[str, float] = {}

    def _get(self, table: str, key: str) -> int:
        own: Counter[str] = getattr(self, table)
        return own[key] + (getattr(self.base, table)[key] if self.base is not None else 0)

    def logprob(self, text: str) -> float:
        """log P of every character of `text` after the first (after a leading "^")."""
        total = 0.0
        for j in range(1 if text.startswith(_BOW) else 0, len(text)):
            gram = text[max(0, j - _ORDER + 1) : j + 1]
            value = self._cache.get(gram)
            if value is None:
                value = self._cache[gram] = math.log(self._p(gram))
            total += value
        return total

    def _p(self, gram: str) -> float:
        history = gram[:-1]
        if not history:
            return (self._get("counts", gram) + 1) / (self._get("totals", "") + self.vocabulary)
        lower = self._p(gram[1:])
        seen = self._get("totals", history)
        if not seen:
            return lower
        kinds = self._get("types", history)
        return (self._get("counts", gram) + kinds * lower) / (seen + kinds)


def _letter_runs(text: str) -> Iterator[str]:
    """Lower-cased runs of letters: the words of a text for the model."""
    word: list[str] = []
    for ch in text:
        if ch.isalpha():
            word.append(ch)
        elif word:
            yield "".join(word).lower()
            word = []
    if word:
        yield "".join(word).lower()


def _spacy_strings(module: str) -> list[str]:
    """String constants of a module of spaCy's Swedish language data, read without importing.

    Importing spaCy costs seconds; its language data are plain literals
    (``STOP_WORDS = set(\"\"\"...\"\"\".split())``, ``_num_words = [...]``).
    """
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return []
    path = Path(next(iter(spec.submodule_search_locations))) / "lang" / "sv" / module
    try:
        tree = ast.parse(path.read_text("utf-8"))
    except (OSError, SyntaxError, ValueError):
        return []
    return [
        w
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        for w in node.value.split()
    ]


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@cache
def swedish_words() -> Counter[str]:
    """Swedish words from data already installed: spaCy's and our own.

    spaCy's stop words bring the short, frequent words (för, är, på, år, också, även, över);
    our label keys and status patterns the statement vocabulary; the goal-status training
    sentences running report prose.
    """
    words: Counter[str] = Counter()
    words.update({w: 20 for w in _spacy_strings("stop_words.py") if w.isalpha()})  # frequent: weigh
    for module in ("lex_attrs.py", "examples.py", "tokenizer_exceptions.py"):
        for item in _spacy_strings(module):
            words.update(_letter_runs(item))
    keys = _PACKAGE / "data" / "keys.yaml"
    if keys.exists():  # the quoted label patterns, not the English comments
        for pattern in re.findall(r"'([^']*)'", keys.read_text("utf-8")):
            words.update(_letter_runs(pattern))
    for path, fields in (
        (_PACKAGE / "nlp" / "patterns" / "status.jsonl", ("pattern",)),
        (_PACKAGE / "nlp" / "data" / "goal_status_train.jsonl", ("text",)),
    ):
        if not path.exists():
            continue
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            for name in fields:
                for text in _strings(record.get(name)):
                    words.update(_letter_runs(text))
    return words


@cache
def _base_model() -> _CharModel:
    return _CharModel(swedish_words())


# --------------------------------------------------------------------------- evidence


def _is_unmapped(text: str) -> bool:
    """A glyph without Unicode: pdfminer's ``(cid:NN)`` or a control code.

    U+FFFD is what a repair gave up on: not read again, so that repairing twice (document,
    then page) changes nothing the second time.
    """
    if len(text) == 1:
        return text < " " and text not in "\t\n\r"
    return text.startswith("(cid:")


def _is_letter(c: Char) -> bool:
    return len(c.text) == 1 and c.text.isalpha()


def _adjacent(a: Char, b: Char, size: float) -> bool:
    """`b` follows `a` on the same baseline without a word gap (overlap as `split_words` allows)."""
    return abs(a.bottom - b.bottom) <= 0.3 * size and -0.5 * size <= b.x0 - a.x1 <= 0.15 * size


def _font_of(chars: Sequence[Char], i: int) -> tuple[str, float]:
    """Font and size of a glyph; a space takes them from a touching glyph (backends blank them)."""
    c = chars[i]
    if c.fontname:
        return c.fontname, c.size
    for j in (i - 1, i + 1):
        if 0 <= j < len(chars):
            n = chars[j]
            if (
                n.fontname
                and n.size
                and (_adjacent(n, c, n.size) if j < i else _adjacent(c, n, n.size))
            ):
                return n.fontname, n.size
    return "", 0.0


def _width_key(c: Char, size: float) -> int:
    return round((c.x1 - c.x0) / size * _WIDTH_STEPS) if size else 0


def _class_of(chars: Sequence[Char], i: int) -> tuple[ClassKey, float] | None:
    """The glyph class of a character that might be broken, and its size; None if it is not."""
    c = chars[i]
    text = c.text
    if not c.upright:
        return None
    if text == " ":
        font, size = _font_of(chars, i)
        if not font:
            return None
        return (font, text, _width_key(c, size)), size
    if text in SUSPECT_PUNCTUATION or _is_unmapped(text):
        return (c.fontname, text, _width_key(c, c.size)), c.size
    return None


@dataclass(slots=True)
class _Occurrence:
    place: Place
    key: ClassKey
    left: str  # up to three letters before, "^" first at a word start
    right: str  # up to three letters after, "$" last at a word end
    inside: bool  # letters on both sides, or a word start followed by two letters or more
    case: str  # "lower" after a lower-case letter, "upper" between capitals, else ""


@dataclass(slots=True)
class _Evidence:
    pages: Sequence[Sequence[Char]]
    suspects: list[dict[int, tuple[ClassKey, float]]]  # per page: char index → class, size
    widths: dict[str, dict[str, float]]  # font → letter → median advance in ems
    mapped: dict[str, set[str]]  # font → Swedish letters it prints with their own code
    pitch: dict[ClassKey, float]  # unmapped class → distance to the next glyph, in ems
    advances: dict[ClassKey, float]  # the same where the box is pdfium's one-em fallback
    words: Counter[str] | None = None  # the pages' words without a suspicious glyph, on demand

    def clean_words(self) -> Counter[str]:
        if self.words is None:
            self.words = Counter()
            for chars, found in zip(self.pages, self.suspects, strict=True):
                self.words.update(_clean_words(chars, found))
        return self.words


def _context(
    chars: Sequence[Char],
    i: int,
    size: float,
    suspect: dict[int, ClassKey],
    known: dict[ClassKey, str],
) -> tuple[str, str]:
    """Letters around a glyph: ``^`` / ``$`` where the word ends, nothing where unknown.

    A neighbouring suspicious glyph whose class is already `known` reads as its letters
    (brf_53536 "iden\\x00\\x00erades": ti, then a glyph that is fi or fl).
    """
    want = _ORDER - 1
    left, right = "", ""
    ended = True
    j, prev = i - 1, chars[i]
    while j >= 0 and len(left) < want:
        c = chars[j]
        text = _letters_at(chars, j, suspect, known)
        if not _adjacent(c, prev, size) or text is None:
            break
        if not text:
            ended = False  # an unknown glyph: the word goes on, its letters are unknown
            break
        left = text + left
        prev = c
        j -= 1
    if len(left) < want and ended:
        left = _BOW + left
    ended = True
    j, prev = i + 1, chars[i]
    while j < len(chars) and len(right) < want:
        c = chars[j]
        text = _letters_at(chars, j, suspect, known)
        if not _adjacent(prev, c, size) or text is None:
            break
        if not text:
            ended = False
            break
        right += text
        prev = c
        j += 1
    if len(right) < want and ended:
        right += _EOW
    # a ligature read in may overshoot; the model looks three letters back at most anyway
    return left[-want - 1 :].lower(), right[: want + 1].lower()


def _gather(pages: Sequence[Sequence[Char]]) -> _Evidence:
    """Letter and space widths per font, the glyphs that may be broken, the clean words."""
    widths: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    spaces: dict[str, Counter[int]] = defaultdict(Counter)
    candidates: list[dict[int, tuple[ClassKey, float]]] = []
    pitches: dict[ClassKey, list[float]] = defaultdict(list)
    for chars in pages:
        found: dict[int, tuple[ClassKey, float]] = {}
        for i, c in enumerate(chars):
            text = c.text
            if len(text) == 1 and text.isalpha():
                if c.size > 0:
                    widths[c.fontname][text].append((c.x1 - c.x0) / c.size)
                continue
            if text in SUSPECT_PUNCTUATION or text == " " or _is_unmapped(text):
                hit = _class_of(chars, i)
                # Spaces wider than any letter are gaps the backend filled, not glyphs.
                wide = text == " " and hit is not None and hit[0][2] > MAX_LETTER_EM * _WIDTH_STEPS
                if hit is not None and hit[1] > 0 and not wide:
                    found[i] = hit
                    if text == " ":
                        spaces[hit[0][0]][hit[0][2]] += 1
                    elif _is_unmapped(text) and i + 1 < len(chars):
                        n, size = chars[i + 1], hit[1]
                        if (
                            (_is_letter(n) or _is_unmapped(n.text))
                            and abs(c.bottom - n.bottom) <= 0.3 * size
                            and 0 < n.x0 - c.x0 <= size
                        ):
                            pitches[hit[0]].append((n.x0 - c.x0) / size)
        candidates.append(found)
    # An unmapped glyph's box is no advance: pdfium measures its outline (Calibri's tt 0.635
    # em in pdfium, 0.624 in pdfminer) or falls back to one em when the font has no width
    # (brf_271949 p. 13, "(cid:425)" is tt). The distance to the next glyph's origin is the
    # advance in both backends; the median sets word spaces aside.
    pitch = {key: statistics.median(v) for key, v in pitches.items()}
    advances = {key: v for key, v in pitch.items() if key[2] == _WIDTH_STEPS}
    if advances:
        pages = [
            _with_advances(chars, found, advances)
            for chars, found in zip(pages, candidates, strict=True)
        ]
    # A space as wide as the font's usual space is a space.
    usual = {font: counts.most_common(1)[0][0] for font, counts in spaces.items()}
    suspects = [
        {
            i: hit
            for i, hit in found.items()
            if hit[0][1] != " " or hit[0][2] > usual.get(hit[0][0], 0) * SPACE_EXCESS
        }
        for found in candidates
    ]
    # A wide space seen once is a gap pdfium filled (any width), not a glyph: it ends a word
    # like any space (brf_49369 p. 11 "KASSAFLÖDE" beside one is a clean word).
    once = Counter(hit[0] for found in suspects for hit in found.values() if hit[0][1] == " ")
    suspects = [
        {i: hit for i, hit in found.items() if hit[0][1] != " " or once[hit[0]] > 1}
        for found in suspects
    ]
    medians = {
        font: {ch: statistics.median(v) for ch, v in letters.items()}
        for font, letters in widths.items()
    }
    mapped = {
        font: {ch for ch in SWEDISH_LETTERS if len(letters.get(ch, ())) >= MIN_MAPPED}
        for font, letters in widths.items()
    }
    return _Evidence(pages, suspects, medians, mapped, pitch, advances)


def _with_advances(
    chars: Sequence[Char], found: dict[int, tuple[ClassKey, float]], advances: dict[ClassKey, float]
) -> Sequence[Char]:
    """The page with measured advances in place of one-em fallback boxes (same indices)."""
    fixed = [(i, hit) for i, hit in found.items() if hit[0] in advances]
    if not fixed:
        return chars
    out = list(chars)
    for i, (key, size) in fixed:
        out[i] = replace(out[i], x1=out[i].x0 + advances[key] * size)
    return out


def _letters_at(
    chars: Sequence[Char], j: int, suspect: dict[int, ClassKey], known: dict[ClassKey, str]
) -> str | None:
    """The letters a glyph stands for; "" for a suspicious glyph not yet known, None for no letter.

    A wide space not (yet) read as a letter is a word break: pdfium fills gaps with spaces as
    wide as the gap (brf_81732 p. 17 "Tomträ\x00 " must read as a word end).
    """
    if j in suspect:
        key = suspect[j]
        text = known.get(key, "")
        if key[1] == " " and not text:
            return None
        return "" if text == UNKNOWN else text
    c = chars[j]
    return c.text if _is_letter(c) else None


def _occurrences(evidence: _Evidence, known: dict[ClassKey, str]) -> list[_Occurrence]:
    """Every suspicious glyph with letters beside it, read with the `known` classes filled in."""
    out: list[_Occurrence] = []
    for page_index, (chars, found) in enumerate(
        zip(evidence.pages, evidence.suspects, strict=True)
    ):
        keys = {i: hit[0] for i, hit in found.items()}
        for i, (key, size) in found.items():
            left, right = _context(chars, i, size, keys, known)
            has_left, has_right = left not in ("", _BOW), right not in ("", _EOW)
            if not (has_left or has_right):
                continue  # nothing around it to judge by: a bullet, a lone mark
            inside = (has_left and has_right) or (left == _BOW and len(right) >= 2)
            case = _case_at(chars, i, size)
            out.append(_Occurrence((page_index, i), key, left, right, inside, case))
    return out


def _case_at(chars: Sequence[Char], i: int, size: float) -> str:
    """The case a letter here must have: lower after a lower-case letter, upper inside capitals."""
    before = chars[i - 1] if i > 0 and _adjacent(chars[i - 1], chars[i], size) else None
    after = chars[i + 1] if i + 1 < len(chars) and _adjacent(chars[i], chars[i + 1], size) else None
    if before is not None and _is_letter(before) and before.text.islower():
        return "lower"
    letters = [c.text for c in (before, after) if c is not None and _is_letter(c)]
    if (
        letters
        and all(t.isupper() for t in letters)
        and (before is None or _is_letter(before) or after is not None)
    ):
        return "upper"
    return ""


def _case_penalty(text: str, case: str) -> float:
    """An Ä after a lower-case letter or a ligature among capitals: next to impossible."""
    if case == "lower" and text[:1].isupper():
        return CASE_PENALTY
    if case == "upper" and text.islower():
        return CASE_PENALTY
    return 0.0


def _clean_words(
    chars: Sequence[Char], suspect: dict[int, tuple[ClassKey, float]]
) -> Iterator[str]:
    """The page's words that no suspicious glyph touches: its names and terms for the model."""
    start = None
    for i in range(len(chars) + 1):
        c = chars[i] if i < len(chars) else None
        if (
            c is not None
            and _is_letter(c)
            and start is not None
            and _adjacent(chars[i - 1], c, c.size or 8.0)
        ):
            continue
        if start is not None and i - start > 1 and start - 1 not in suspect and i not in suspect:
            yield "".join(ch.text for ch in chars[start:i]).lower()
        start = i if c is not None and _is_letter(c) else None


# --------------------------------------------------------------------------- decisions


def _candidates(
    text: str, width: float, letters: dict[str, float], mapped: set[str]
) -> list[tuple[str, float]]:
    """Replacements whose advance fits the glyph's, with a log prior from the fit."""
    fits: dict[str, tuple[float, str]] = {}  # lower case → (prior, replacement)
    for letter, base in SWEDISH_LETTERS.items():
        # A letter the font prints correctly elsewhere is not this glyph: Calibri's ff
        # ligature (0.595 em) is as wide as its Å (brf_53536 "si\x00rorna").
        expected = letters.get(base) if letter not in mapped else None
        if expected:
            ratio = width / expected
            if LETTER_RATIO[0] <= ratio <= LETTER_RATIO[1]:
                prior = -0.5 * ((ratio - 1.0) / 0.03) ** 2
                # The model reads lower case: of ä and Ä keep the one whose width fits better.
                if letter.lower() not in fits or prior > fits[letter.lower()][0]:
                    fits[letter.lower()] = (prior, letter)
    if text not in SUSPECT_PUNCTUATION and text != " ":  # a mark in place of a ligature: never seen
        for ligature in LIGATURES:
            parts = [letters.get(ch) or 0.0 for ch in ligature]
            if min(parts) > 0:  # every letter measured ("-12 Tf", a negative size, measures none)
                ratio = width / sum(parts)
                if LIGATURE_RATIO[0] <= ratio <= LIGATURE_RATIO[1]:
                    fits[ligature] = (-0.5 * ((ratio - 0.97) / 0.03) ** 2, ligature)
    return [(replacement, prior) for prior, replacement in fits.values()]


@dataclass(slots=True)
class _Verdict:
    key: ClassKey
    occurrences: list[_Occurrence]
    table: list[list[float]]  # per occurrence, per candidate: log-likelihood
    options: list[tuple[str, float]]  # candidate, prior; "" = keep the glyph as it is
    disguised: bool
    widths: dict[str, float]  # ligature candidate → its letters' summed advance

    def ranking(self, banned: set[str]) -> list[tuple[float, str]]:
        out = []
        for k, (text, prior) in enumerate(self.options):
            if text in banned:
                continue
            out.append((prior + sum(row[k] for row in self.table), text))
        return sorted(out, reverse=True)

    def twins(self, best: str) -> list[str]:
        """Other ligatures as wide as `best`: the class may hold both glyphs (fi and fl)."""
        if best not in self.widths:
            return []
        return [
            t
            for t, w in self.widths.items()
            if t != best and abs(w - self.widths[best]) <= TWIN_WIDTH * w
        ]

    def margin(self, banned: set[str]) -> tuple[str, float]:
        ranked = self.ranking(banned)
        if not ranked:
            return "", 0.0
        if len(ranked) == 1:  # nothing else fits its width: enough if seen more than once
            return ranked[0][1], MIN_MARGIN * 2 if len(self.occurrences) > 1 else 0.0
        return ranked[0][1], ranked[0][0] - ranked[1][0]


def _repaired_words(evidence: _Evidence, known: dict[ClassKey, str]) -> Iterator[str]:
    """Words whose every suspicious glyph has a confident reading: more text for the model.

    A font that loses a ligature loses it in every word, so the document's own "tt" words
    exist only through the repair (brf_271949 "titta" after "att").
    """
    for chars, found in zip(evidence.pages, evidence.suspects, strict=True):
        if not found:
            continue
        word: list[str] = []  # "" stands for a glyph without a confident reading
        repaired = False
        prev: Char | None = None
        for i, c in enumerate([*chars, None]):
            text: str | None = None
            if c is not None and i in found:
                reading = known.get(found[i][0], UNKNOWN)
                text = "" if reading == UNKNOWN else reading
            elif c is not None and _is_letter(c):
                text = c.text
            if text is not None and prev is not None and c is not None:
                size = found[i][1] if i in found else c.size or 8.0
                if _adjacent(prev, c, size):
                    word.append(text)
                    repaired = repaired or i in found
                    prev = c
                    continue
            if repaired and len(word) > 1 and all(word):
                yield "".join(word).lower()
            word, repaired, prev = (
                ([text], i in found, c) if text is not None else ([], False, None)
            )


def learn_repairs(pages: Sequence[Sequence[Char]]) -> RepairPlan:
    """The substitutions the pages' evidence supports (an empty plan when none)."""
    evidence = _gather(pages)
    if not any(evidence.suspects):
        return RepairPlan()
    first: list[_CharModel] = []  # built once, and only when some class has candidates

    def first_model() -> _CharModel:
        if not first:
            first.append(_CharModel(evidence.clean_words(), _base_model()))
        return first[0]

    plan = _plan(evidence, first_model, {})
    # Second reading: a glyph beside one repaired in the first now has letters on that side,
    # and the words repaired with confidence teach the model the document's spelling.
    known = {
        key: text for key, text in plan.classes.items() if text != UNKNOWN and key not in plan.mixed
    }
    if not known:
        return plan
    words = evidence.clean_words() + Counter(_repaired_words(evidence, known))
    model = _CharModel(words, _base_model())
    plan = _plan(evidence, lambda: model, known)
    _find_dropped(evidence, plan, model)
    return plan


def _find_dropped(evidence: _Evidence, plan: RepairPlan, model: _CharModel) -> None:
    """Letters printed through the space code right after a real space, which pdfium drops.

    pdfium keeps one of two consecutive spaces: brf_48663 p. 2 "Årsredovisningen  r" leaves a
    gap as wide as the ä that the font printed with its space code. Such a gap, as wide as a
    repaired space class of the next glyph's font, before letters the model reads better with
    the letter than without, gets the letter back. (Where the letter is a text object of its
    own, the pdfium backend puts the glyph back itself; inside one object only the gap tells.)
    """
    spaces: dict[str, list[tuple[float, ClassKey, str]]] = defaultdict(list)
    for key, text in plan.classes.items():
        if key[1] == " " and text != UNKNOWN:
            spaces[key[0]].append((key[2] / _WIDTH_STEPS, key, text))
    if not spaces:
        return
    known = {key: text for key, text in plan.classes.items() if text != UNKNOWN}
    for page_index, (chars, found) in enumerate(
        zip(evidence.pages, evidence.suspects, strict=True)
    ):
        keys = {i: hit[0] for i, hit in found.items()}
        found_gaps: list[tuple[int, ClassKey, str, int]] = []
        line_gaps: dict[int, list[float]] = defaultdict(list)
        for i in range(len(chars) - 1):
            c, n = chars[i], chars[i + 1]
            if c.text != " " or (i in found and found[i][0] in plan.classes):
                continue
            if n.size and abs(c.bottom - n.bottom) <= 0.3 * n.size:
                line_gaps[round(c.bottom)].append((n.x0 - c.x1) / n.size)
            if n.fontname not in spaces or not n.size or not _is_letter(n):
                continue
            size = n.size
            gap = (n.x0 - c.x1) / size
            if abs(c.bottom - n.bottom) > 0.3 * size or gap < DROPPED_MIN_EM:
                continue
            width, key, text = min(spaces[n.fontname], key=lambda s: abs(s[0] - gap))
            if abs(width - gap) > DROPPED_TOLERANCE_EM:
                continue
            _, right = _context(chars, i + 1, size, keys, known)
            right = n.text.lower() + right
            gain = model.logprob(_BOW + text.lower() + right) - model.logprob(_BOW + right)
            if gain + _case_penalty(text, "lower" if n.text.islower() else "") >= DROPPED_MIN_GAIN:
                found_gaps.append((i, key, text, round(c.bottom)))
        # Loose justification widens every gap of a line alike: a dropped letter widens one.
        for i, key, text, line in found_gaps:
            if statistics.median(line_gaps.get(line, [0.0])) <= DROPPED_MAX_LINE_GAP_EM:
                plan.inserts[(page_index, i)] = (key, text)


def _plan(
    evidence: _Evidence, model_of: Callable[[], _CharModel], known: dict[ClassKey, str]
) -> RepairPlan:
    """Score every class's candidates at every place it occurs, then decide."""
    plan = RepairPlan()
    by_class: dict[ClassKey, list[_Occurrence]] = defaultdict(list)
    for occ in _occurrences(evidence, known):
        by_class[occ.key].append(occ)
    verdicts: list[_Verdict] = []
    for key, occs in by_class.items():
        font, text, _ = key
        disguised = text == " " or text in SUSPECT_PUNCTUATION
        if disguised and sum(o.inside for o in occs) * 2 < len(occs):
            continue
        letters = evidence.widths.get(font, {})
        width = evidence.pitch.get(key, key[2] / _WIDTH_STEPS)
        if key in evidence.advances:
            plan.advances[key] = evidence.advances[key]
        options = _candidates(text, width, letters, evidence.mapped.get(font, set()))
        if not options:
            if not disguised:
                _give_up(plan, key)
            continue
        model = model_of()
        table = [
            [
                model.logprob(o.left + text.lower() + o.right) + _case_penalty(text, o.case)
                for text, _ in options
            ]
            for o in occs
        ]
        if disguised:
            # The glyph may be what it says: a mark or a space between two words.
            options.append(("", 0.0))
            for row, o in zip(table, occs, strict=True):
                row.append(model.logprob(o.left + _EOW) + model.logprob(_BOW + o.right))
        widths = {t: sum(letters[ch] for ch in t) for t, _ in options if t in LIGATURES}
        verdicts.append(_Verdict(key, occs, table, options, disguised, widths))
    _decide(verdicts, plan)
    return plan


def _decide(verdicts: list[_Verdict], plan: RepairPlan) -> None:
    """Strongest class first, again and again; one glyph per letter or ligature in a font.

    After each decision the others are weighed again without what it took: brf_81732 p. 13
    has its ff glyph only in "anska\\x00ning", where tt reads best, but tt is taken.
    """
    taken: dict[str, list[tuple[str, str, int]]] = defaultdict(list)  # font → text, glyph, width

    def banned_for(verdict: _Verdict) -> set[str]:
        # Another class of the same font took the letter: this glyph is another one, unless
        # it has the same code and width (two subsets of one font, or a rounding step apart).
        font, glyph, width_key = verdict.key
        return {
            t
            for t, g, w in taken[font]
            if g != glyph or abs(w - width_key) / _WIDTH_STEPS > DISTINCT_WIDTH_EM
        }

    remaining = list(verdicts)
    while remaining:
        weighed = [(v.margin(banned_for(v)), k) for k, v in enumerate(remaining)]
        (best, margin), k = max(weighed, key=lambda item: (item[0][1], -item[1]))
        verdict = remaining.pop(k)
        banned = banned_for(verdict)
        needed = MIN_MARGIN
        if verdict.disguised and sum(o.inside for o in verdict.occurrences) < MIN_DISGUISED:
            needed = MIN_MARGIN_RARE
        if best and margin >= needed and margin >= MIN_MEAN_MARGIN * len(verdict.occurrences):
            plan.classes[verdict.key] = best
            taken[verdict.key[0]].append((best, verdict.key[1], verdict.key[2]))
            twins = [t for t in verdict.twins(best) if t not in banned]
            if twins:  # the class may hold both glyphs: only each place's letters can tell
                plan.mixed.add(verdict.key)
                _decide_places(verdict, [best, *twins], best, plan, MIN_TWIN_MARGIN)
            continue
        if verdict.disguised:
            continue
        # No clear winner for the class: each place decides by its own letters, or stays U+FFFD.
        _give_up(plan, verdict.key)
        allowed = [text for text, _ in verdict.options if text and text not in banned]
        _decide_places(verdict, allowed, None, plan, MIN_LOCAL_MARGIN)


def _give_up(plan: RepairPlan, key: ClassKey) -> None:
    """An unmapped glyph nothing explains: U+FFFD for a control code; pdfminer's "(cid:NN)"
    stays as it is, the convention the layout stage reports."""
    if not key[1].startswith("(cid:"):
        plan.classes[key] = UNKNOWN


def _decide_places(
    verdict: _Verdict,
    allowed: list[str],
    default: str | None,
    plan: RepairPlan,
    min_margin: float,
) -> None:
    """Per place, the allowed candidate its letters favour by more than `min_margin`."""
    index = [k for k, (text, _) in enumerate(verdict.options) if text in allowed]
    for occ, row in zip(verdict.occurrences, verdict.table, strict=True):
        scored = sorted(
            ((row[k] + verdict.options[k][1], verdict.options[k][0]) for k in index), reverse=True
        )
        if not scored:
            continue
        if len(scored) == 1 or scored[0][0] - scored[1][0] > min_margin:
            if scored[0][1] != default:
                plan.places[occ.place] = scored[0][1]


# --------------------------------------------------------------------------- application


def apply_repairs(
    chars: list[Char], plan: RepairPlan, page_index: int = 0
) -> tuple[list[Char], Counter[tuple[ClassKey, str]]]:
    """New characters with the plan's replacements (the input list is not changed).

    Returns the characters (the same list when nothing changed) and the count per class and
    replacement.
    """
    used: Counter[tuple[ClassKey, str]] = Counter()
    if not plan:
        return chars, used
    texts = {key[1] for key in plan.classes}
    out: list[Char] = []
    for i, c in enumerate(chars):
        place = (page_index, i)
        if (c.text in texts or place in plan.places) and place not in plan.inserts:
            hit = _class_of(chars, i)
            if hit is not None:
                key, size = hit
                text = plan.places.get(place) or plan.classes.get(key)
                if text is not None and size:
                    used[(key, text)] += 1
                    advance = plan.advances.get(key)
                    out.extend(_replace(chars, i, text, key[0], size, advance))
                    continue
        out.append(c)
        insert = plan.inserts.get(place)
        if insert is not None and i + 1 < len(chars):
            key, text = insert
            n = chars[i + 1]
            used[(key, text)] += 1
            out.append(replace(n, text=text, x0=c.x1, x1=n.x0))
    return (out, used) if used else (chars, used)


def _replace(
    chars: Sequence[Char], i: int, text: str, font: str, size: float, advance: float | None
) -> list[Char]:
    """One char per letter, the glyph's advance split evenly (a ligature prints two letters)."""
    c = chars[i]
    if advance is not None:
        c = replace(c, x1=c.x0 + advance * size)
    if not c.fontname:  # a space carries no font: it printed with its neighbour's
        src = (
            chars[i - 1]
            if i > 0 and chars[i - 1].fontname == font
            else chars[min(i + 1, len(chars) - 1)]
        )
        c = replace(c, fontname=font, size=size, bold=src.bold, color=src.color)
    if len(text) == 1:
        return [replace(c, text=text)]
    step = (c.x1 - c.x0) / len(text)
    return [
        replace(c, text=ch, x0=c.x0 + k * step, x1=c.x0 + (k + 1) * step)
        for k, ch in enumerate(text)
    ]


def _may_be_broken(chars: Sequence[Char]) -> bool:
    """Cheap test before any work: an unmapped glyph, a mark or a wide space between letters."""
    last = len(chars) - 1
    for i, c in enumerate(chars):
        text = c.text
        if len(text) != 1:
            if text.startswith("(cid:"):
                return True
            continue
        if text.isalnum():
            continue
        if text < " " and text not in "\t\n\r":
            return True
        if (text == " " or text in SUSPECT_PUNCTUATION) and 0 < i < last:
            prev = chars[i - 1]
            if _is_letter(chars[i + 1]) and (
                text != " " or (prev.size and c.x1 - c.x0 > 0.3 * prev.size)
            ):
                return True
    return False


def repair_chars(chars: list[Char]) -> list[Char]:
    """Repair one page's characters from the evidence on that page alone."""
    if not _may_be_broken(chars):
        return chars
    repaired, _ = apply_repairs(chars, learn_repairs([chars]))
    return repaired


def repair_document(pages: Sequence[list[Char]]) -> tuple[list[list[Char]], list[Repair]]:
    """Learn the substitutions over all pages of a document and apply them to each page.

    Returns every page's characters (the same list object where nothing changed) and what was
    substituted, most frequent first, for a `text_repaired` warning.
    """
    if not any(_may_be_broken(chars) for chars in pages):
        return list(pages), []
    plan = learn_repairs(pages)
    out: list[list[Char]] = []
    used: Counter[tuple[ClassKey, str]] = Counter()
    for page_index, chars in enumerate(pages):
        repaired, counts = apply_repairs(chars, plan, page_index)
        used.update(counts)
        out.append(repaired)
    report = [
        Repair(font, glyph, width / _WIDTH_STEPS, text, n)
        for ((font, glyph, width), text), n in sorted(used.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return out, report


#: Public name of the cheap pre-test, for callers that decide what to keep for the document pass.
may_be_broken = _may_be_broken
