"""Numeric targets ("minst tre nyhetsbrev", "90 % ska vara nöjda", "Alla verksamheter (ca 75)")
against outcomes ("Två nyhetsbrev publicerade", "94 % nöjda", "74 av 75").

Works on plain sentence strings with `regex`; numbers follow Swedish format ("1 200",
"2,5") and number words up to "tjugo".
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extractor.model.goal import Status
from extractor.nlp.lang_sv import ALL_WORDS, MAX_WORDS, MIN_WORDS, NUMBER_WORDS

_NUM_WORDS_RE = "|".join(
    sorted((w for w in NUMBER_WORDS if w not in {"inget", "ingen", "inga"}), key=len, reverse=True)
)
#: A number: digits with Swedish thousands spaces and decimal comma, or a number word.
NUMBER = (
    rf"(?:\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+(?![\d,])|\d+(?:,\d+)?|(?i:\b(?:{_NUM_WORDS_RE})\b))"
)
_WORD = r"[\p{L}][\p{L}\-]*"

_PERCENT_RE = regex.compile(
    rf"(?:\b(?P<cue>{_WORD})\s+)?(?P<num>{NUMBER})\s*(?:%|procent\b)", regex.I
)
_OF_RE = regex.compile(
    rf"(?P<x>{NUMBER})\s+(?:av|utav)\s+(?:totalt\s+|samtliga\s+|de\s+)?(?P<y>{NUMBER})(?:\s+(?P<noun>{_WORD}))?",
    regex.I,
)
_ALL_RE = regex.compile(
    rf"\b(?P<all>{'|'.join(sorted(ALL_WORDS))})\s+(?:(?P<n1>{NUMBER})\s+)?(?P<noun>{_WORD})"
    rf"(?:\s*\(\s*(?:ca\.?|cirka|drygt|omkring|runt|ungefär)?\s*(?P<n2>{NUMBER})\s*(?:st\.?)?\s*\))?",
    regex.I,
)
_NONE_OF_RE = regex.compile(
    rf"\b(?:ingen|inget|inga)\s+(?:av|utav)\s+(?:de\s+|våra\s+)?(?P<noun>{_WORD})", regex.I
)
_COUNT_RE = regex.compile(
    rf"(?:\b(?P<cue>{_WORD})\s+)?(?P<num>{NUMBER})\s+(?P<w1>{_WORD})(?:\s+(?P<w2>{_WORD}))?",
    regex.I,
)
#: Words that mark a sentence as stating the target rather than the outcome.
_TARGET_CUES = regex.compile(
    r"\b(?:ska|skall|bör|målvärde\w*|målnivå\w*|mål:|målet är att|minst|lägst|högst|senast)\b",
    regex.I,
)
_NOT_NOUNS = frozenset(
    {
        "av",
        "och",
        "samt",
        "eller",
        "till",
        "på",
        "i",
        "per",
        "st",
        "stycken",
        "%",
        "procent",
        "kr",
        "tkr",
        "mnkr",
        "mkr",
        "år",
        "procentenheter",
        "gånger",
        "ggr",
        "under",
        "om",
        "med",
        "är",
        "var",
        "har",
        "ska",
        "skall",
        "hade",
        "blev",
        "kommer",
        "det",
        "de",
        "som",
    }
)


def parse_number(text: str) -> float | None:
    """Parse a Swedish number ("1 200", "2,5", "tre"); None when it is not one."""
    t = text.strip().lower()
    if t in NUMBER_WORDS:
        return float(NUMBER_WORDS[t])
    t = regex.sub(r"[ \u00a0\u202f]", "", t).replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


@dataclass
class Target:
    """A target read from the goal: a share, a count or "all of them"."""

    kind: str  # "percent", "count" or "all"
    value: float | None
    nouns: tuple[str, ...] = ()
    at_most: bool = False
    text: str = ""


@dataclass
class NumericVerdict:
    """The status the numbers give, with the sentences that gave it."""

    status: Status
    confidence: float
    evidence: str
    target_text: str
    details: list[str] = field(default_factory=list)


def _stem_match(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 5 or (n >= 4 and n >= 0.8 * min(len(a), len(b)))


def find_targets(goal: str) -> list[Target]:
    """Read the numeric targets of a goal text."""
    targets: list[Target] = []
    used: list[tuple[int, int]] = []
    for m in _ALL_RE.finditer(goal):
        n = m.group("n1") or m.group("n2")
        value = parse_number(n) if n else None
        noun = m.group("noun")
        if noun.lower() in _NOT_NOUNS:
            continue
        targets.append(Target("all", value, (noun,), text=m.group(0)))
        used.append(m.span())
    for m in _PERCENT_RE.finditer(goal):
        value = parse_number(m.group("num"))
        at_most = _is_ceiling(goal[: m.start("num")])
        targets.append(Target("percent", value, at_most=at_most, text=m.group(0)))
        used.append(m.span())
    for m in _COUNT_RE.finditer(goal):
        if any(s <= m.start("num") < e for s, e in used):
            continue
        cue = (m.group("cue") or "").lower()
        value = parse_number(m.group("num"))
        nouns = tuple(
            w for w in (m.group("w1"), m.group("w2")) if w and w.lower() not in _NOT_NOUNS
        )
        if value is None or not nouns or regex.fullmatch(r"(19|20)\d\d", m.group("num")):
            continue
        # A bare "en"/"ett" is an article ("minst en granskningsomgång" keeps it via the cue).
        if m.group("num").lower() in {"en", "ett"} and cue not in MIN_WORDS:
            continue
        at_most = cue in MAX_WORDS or _is_ceiling(goal[: m.start("num")])
        targets.append(Target("count", value, nouns, at_most=at_most, text=m.group(0)))
    return targets


#: Completion words that make "X av Y" a progress figure ("tolv av tolv träffar har hållits").
_DONE_RE = regex.compile(
    r"\b(?:genomför\w*|slutför\w*|klara?|klart|färdig\w*|hållits|hölls|deltagit|deltar|"
    r"anslutit\w*|anslutna|antagit|antagits|infört|införts|implementer\w*|leverer\w*|"
    r"publicer\w*|besvarat|lämnat\s+in|uppfyll\w*|uppnå\w*|nått|nådde|lanser\w*|"
    r"färdigställ\w*|utförts|utfört|tecknat|tecknats|etablerat\w*|öppnat\w*|"
    r"tagits\s+i\s+drift|utbildats|certifierats|digitaliserats)\b",
    regex.I,
)


_PAIR_TARGET_RE = regex.compile(
    rf"\bmål(?:värde|värdet|nivå|nivån|et)?\s*(?:är|var|på|om|för\s+året)?\s*:?\s*"
    rf"(?P<cue>minst|lägst|högst|max|maximalt)?\s*(?P<num>{NUMBER})\s*(?P<pct>%|procent)?",
    regex.I,
)
_PAIR_OUTCOME_RE = regex.compile(
    rf"\b(?:utfall(?:et)?|resultat(?:et)?|blev|uppgick\s+till|landade\s+på|låg\s+på|"
    rf"ligger\s+på|uppnådde|nådde)\s*:?\s*(?:till\s+)?(?P<num>{NUMBER})\s*(?P<pct>%|procent)?",
    regex.I,
)


def _paired(sentences: list[str]) -> NumericVerdict | None:
    """Target and outcome in one sentence: "Målvärde 90 %, utfall 72 %",
    "Utfallet blev 62 % mot målet 90 %"."""
    for sentence in sentences:
        t = _PAIR_TARGET_RE.search(sentence)
        if t is None:
            continue
        for o in _PAIR_OUTCOME_RE.finditer(sentence):
            if o.start("num") == t.start("num") or bool(o.group("pct")) != bool(t.group("pct")):
                continue
            target, outcome = parse_number(t.group("num")), parse_number(o.group("num"))
            if target is None or outcome is None or not target:
                continue
            cue = (t.group("cue") or "").lower()
            status = _percent_status(
                Target("percent", target, at_most=cue in {"högst", "max", "maximalt"}), outcome
            )
            return NumericVerdict(status, 0.7, sentence, t.group(0), [sentence])
    return None


#: Share words before "av" ("Hälften av de planerade utbildningarna genomfördes").
_SHARE_WORDS = {
    "hälften": 0.5,
    "en tredjedel": 1 / 3,
    "två tredjedelar": 2 / 3,
    "en fjärdedel": 0.25,
    "tre fjärdedelar": 0.75,
}
_SHARE_RE = regex.compile(rf"\b(?P<share>{'|'.join(_SHARE_WORDS)})\s+(?:utav|av)\b", regex.I)


def _share_done(sentences: list[str]) -> NumericVerdict | None:
    """Without a target, read "X av Y … genomförda" as the share of the work done."""
    for sentence in sentences:
        if not _DONE_RE.search(sentence):
            continue
        share = _SHARE_RE.search(sentence)
        if share is not None:
            status = _grade(_SHARE_WORDS[share.group("share").lower()])
            return NumericVerdict(status, 0.6, sentence, share.group(0), [sentence])
        for m in _OF_RE.finditer(sentence):
            if regex.match(r"\s*(?:%|procent)", sentence[m.end("y") :]):
                continue
            x, y = parse_number(m.group("x")), parse_number(m.group("y"))
            if x is None or not y or x > y or y < 2:
                continue
            status = _grade(x / y)
            return NumericVerdict(status, 0.65, sentence, m.group(0), [sentence])
    return None


_CEILING_VERBS = frozenset(
    {
        "understiga",
        "understiger",
        "underskrida",
        "sänkas",
        "minska",
        "sänka",
        "reducera",
        "reduceras",
        "minskas",
        "begränsas",
        "begränsa",
    }
)
_LOWER_THAN = frozenset({"lägre", "mindre", "färre", "kortare", "under"})
_EXCEED_VERBS = frozenset({"överstiga", "överskrida", "överstiger", "överskrider"})


def _is_ceiling(before: str) -> bool:
    """Whether the words before a target number make it a maximum ("högst 5 %",
    "ska understiga 5 %", "ska inte överstiga 5 %", "ska minska till 5 %")."""
    words = regex.findall(r"\p{L}+", before.lower())[-4:]
    if not words:
        return False
    if words[-1] in MAX_WORDS or any(w in _CEILING_VERBS for w in words):
        return True
    if len(words) >= 2 and words[-1] == "än" and words[-2] in _LOWER_THAN:
        return True  # "Sjukfrånvaron ska vara lägre än 5,5 %"
    return any(w in _EXCEED_VERBS for w in words) and any(w in {"inte", "ej"} for w in words)


def _grade(ratio: float) -> Status:
    if ratio >= 1.0 - 1e-9:
        return Status.UPPFYLLT
    return Status.DELVIS if ratio >= 0.5 else Status.EJ_UPPFYLLT


_UP_WORDS = r"öka|ökas|höjas|höja|förbättras|förbättra|stiga|växa|utökas"
_DOWN_WORDS = r"minska|minskas|sänkas|sänka|reduceras|reducera|sjunka|halveras"
#: A goal that only names a direction: "Antalet besökare ska öka", "Kostnaden ska minska".
#: One followed by a level ("ska minska till 5 %", "ska öka med 10 %") is a target instead.
_DIRECTION_GOAL_RE = regex.compile(
    rf"^(?P<subject>.*?)\b(?:ska|skall|bör)\s+(?:\p{{L}}+\s+)?"
    rf"(?:(?P<up>{_UP_WORDS})|(?P<down>{_DOWN_WORDS}))\b(?!\s+(?:till|med|från)\b)(?!\s*\d)",
    regex.I,
)
_MOVED_UP_RE = regex.compile(
    r"\b(?:ökade|ökat|ökar|ökats|steg|stigit|stiger|höjdes|höjts|förbättrades|förbättrats|"
    r"förbättrat|växte|vuxit)\b",
    regex.I,
)
_MOVED_DOWN_RE = regex.compile(
    r"\b(?:minskade|minskat|minskar|minskats|sjönk|sjunkit|sjunker|sänktes|sänkts|"
    r"försämrades|försämrats|reducerades|reducerats|halverats|halverades)\b",
    regex.I,
)
_GENERIC_SUBJECT_WORDS = frozenset(
    {"antalet", "andelen", "antal", "andel", "nivån", "graden", "totala", "genomsnittliga"}
)


def _direction(goal: str, sentences: list[str]) -> NumericVerdict | None:
    """Compare a direction goal ("ska öka") with the way the text says the figure moved."""
    m = _DIRECTION_GOAL_RE.search(goal)
    if m is None:
        return None
    subject = [
        w
        for w in regex.findall(r"\p{L}{4,}", m.group("subject"))
        if w.lower() not in _GENERIC_SUBJECT_WORDS
    ]
    if not subject:
        return None
    wanted_up = m.group("up") is not None
    for sentence in sentences:
        moves = [(x.start(), True) for x in _MOVED_UP_RE.finditer(sentence)]
        moves += [(x.start(), False) for x in _MOVED_DOWN_RE.finditer(sentence)]
        for at, up in sorted(moves):
            # The goal's own figure must be the subject of the verb, in the same clause.
            clause = regex.split(r"[,;:]|\b(?:men|medan|och|samt)\b", sentence[:at])[-1]
            words = regex.findall(r"\p{L}+", clause)
            if not any(_stem_match(w, n) for w in words for n in subject):
                continue
            after = sentence[at:].split(None, 2)[1:2]
            if regex.search(r"\b(?:inte|ej)\s*$", clause, regex.I) or (
                after and after[0].lower() in {"inte", "ej"}
            ):
                if up != wanted_up:
                    continue  # "kostnaden ökade inte" says little about "ska minska"
                status = Status.EJ_UPPFYLLT  # "antalet ökade inte" on an "ska öka" goal
            else:
                status = Status.UPPFYLLT if up == wanted_up else Status.EJ_UPPFYLLT
            return NumericVerdict(status, 0.65, sentence, m.group(0), [sentence])
    return None


def evaluate(goal: str | None, sentences: list[str]) -> NumericVerdict | None:
    """Compare the goal's targets (or targets stated in the text) with the outcomes."""
    outcome_sentences = sentences
    if goal:
        direction = _direction(goal, sentences)
        if direction is not None:
            return direction
    targets = find_targets(goal) if goal else []
    if not targets:
        paired = _paired(sentences)
        if paired is not None:
            return paired
        stated = [s for s in sentences if _TARGET_CUES.search(s)]
        for s in stated:
            targets.extend(find_targets(s))
        if not targets:
            return _share_done(sentences)
        outcome_sentences = [s for s in sentences if s not in stated]
    verdicts: list[tuple[Status, str, str]] = []
    for target in targets:
        found = _compare(target, outcome_sentences)
        if found is not None:
            verdicts.append((found[0], found[1], target.text))
    if not verdicts:
        return None
    order = {Status.EJ_UPPFYLLT: 0, Status.DELVIS: 1, Status.UPPFYLLT: 2}
    status, evidence, target_text = min(verdicts, key=lambda v: order[v[0]])
    # Report the whole sentence that sets the target, not just the matched words.
    source = goal if targets and goal and target_text in goal else " ".join(sentences)
    for part in regex.split(r"(?<=[.!?])\s+", source):
        if target_text in part:
            target_text = " ".join(part.split())
            break
    confidence = 0.75 if status is Status.UPPFYLLT else 0.7
    return NumericVerdict(status, confidence, evidence, target_text, [v[1] for v in verdicts])


def _compare(target: Target, sentences: list[str]) -> tuple[Status, str] | None:
    for sentence in sentences:
        if target.kind in {"all", "percent"}:
            for m in _OF_RE.finditer(sentence):
                x, y = parse_number(m.group("x")), parse_number(m.group("y"))
                if x is None or not y or x > y:
                    continue
                if target.kind == "percent":
                    if target.value is None:
                        continue
                    return _percent_status(target, 100.0 * x / y), sentence
                return _grade(x / y), sentence
        if target.kind == "all":
            for m in _NONE_OF_RE.finditer(sentence):
                # "Ingen av skolorna har tagit fram en plan" under "Alla skolor ska …"
                if any(_stem_match(m.group("noun"), n) for n in target.nouns):
                    return Status.EJ_UPPFYLLT, sentence
            for m in _ALL_RE.finditer(sentence):
                if any(_stem_match(m.group("noun"), n) for n in target.nouns):
                    return Status.UPPFYLLT, sentence
            if target.value:
                count = _count_for(target, sentence)
                if count is not None:
                    return _grade(count / target.value), sentence
        elif target.kind == "percent" and target.value is not None:
            for m in _PERCENT_RE.finditer(sentence):
                value = parse_number(m.group("num"))
                if value is not None:
                    return _percent_status(target, value), sentence
        elif target.kind == "count" and target.value:
            count = _count_for(target, sentence)
            if count is not None:
                if target.at_most:
                    met = count <= target.value
                else:
                    # "Minst tre träffar" with two held is a missed target, not a partial
                    # one; a substitute or "nära målet" in the text is for the rules.
                    met = count >= target.value
                return (Status.UPPFYLLT if met else Status.EJ_UPPFYLLT), sentence
    return None


def _count_for(target: Target, sentence: str) -> float | None:
    of_spans = [m.span() for m in _OF_RE.finditer(sentence)]
    for m in _COUNT_RE.finditer(sentence):
        if any(s <= m.start("num") < e for s, e in of_spans):
            continue
        words = [w for w in (m.group("w1"), m.group("w2")) if w]
        if any(_stem_match(w, n) for w in words for n in target.nouns):
            return parse_number(m.group("num"))
    return None


def _percent_status(target: Target, value: float) -> Status:
    """A level target ("minst 90 %", "högst 5 %") is met or missed; how close a miss came
    is left to the text ("nära målet" reads as delvis through the rules)."""
    assert target.value is not None
    if target.at_most:
        return Status.UPPFYLLT if value <= target.value else Status.EJ_UPPFYLLT
    return Status.UPPFYLLT if value >= target.value else Status.EJ_UPPFYLLT
