"""The report's own counts of goals ("27 av 28 uppfyllda och ett delvis uppfyllt") and
unit-level summary sentences ("Bedömningen är att samtliga mål är uppfyllda")."""

from __future__ import annotations

import regex

from extractor.model.goal import StatedTotal, Status
from extractor.nlp.numeric import NUMBER, parse_number

_STATUS_RE = regex.compile(
    r"(?P<neg>\b(?:inte|ej|icke)\s+(?:(?:är|har|var|blev|bedöms|anses)\s+)?"
    r"(?:(?:vara|bli|som)\s+)?(?:(?P<full>helt|fullt|fullständigt)\s+)?)?"
    r"(?P<part>\b(?:delvis|till\s+(?:stor|viss|en)\s+del|i\s+huvudsak)\s+)?"
    r"\b(?:uppfyll(?:da|t|ts|des|d|s)|uppnå(?:dda|tt|tts|ddes|dd|s)|nådda|nåtts|nått|nåddes)\b"
    r"(?P<post>\s+(?:delvis|inte|ej)\b)?",
    regex.I,
)
_NUM_RE = regex.compile(
    rf"(?<![\p{{L}}\d])(?P<num>{NUMBER})(?!\s*(?:%|procent|kr|tkr|mnkr|mkr))", regex.I
)
_GOAL_NOUN_RE = regex.compile(
    r"\b(?:mål|målen|delmål|delmålen|uppdrag|uppdragen|mätetal|mätetalen|målsättningar|målsättningarna|"
    r"indikatorer|indikatorerna|nyckeltal|nyckeltalen|aktiviteter|aktiviteterna|åtaganden|åtagandena)\b",
    regex.I,
)
_ALL_RE = regex.compile(r"\b(?:samtliga|alla)\b", regex.I)
_ALL_BEFORE_RE = regex.compile(r"\b(?:samtliga|alla)\s+(?:de\s+)?$", regex.I)
#: Words allowed between a count and its status ("21 mål är uppfyllda", "ett är delvis …").
_FILLER = frozenset(
    {
        "är",
        "har",
        "var",
        "blev",
        "bedöms",
        "bedömdes",
        "anses",
        "som",
        "vara",
        "bli",
        "av",
        "dessa",
        "de",
        "och",
        "mål",
        "målen",
        "uppdrag",
        "uppdragen",
        "delmål",
        "delmålen",
        "mätetal",
        "mätetalen",
        "specifika",
        "uppsatta",
        "satta",
        "verksamhetsmässiga",
        "finansiella",
        "prioriterade",
        "övergripande",
        "strategiska",
        "helt",
        "under",
        "året",
        "totalt",
        "sammanlagt",
        "aktiviteter",
        "indikatorer",
        "nyckeltal",
        "målsättningar",
        "åtaganden",
        "att",
        "hittills",
        "också",
        "även",
        "nu",
        "redan",
        "kunnat",
        "kan",
        "betraktas",
        "fullt",
        "ut",
        "mätbara",
        "samtliga",
        "alla",
    }
)
_SENT_RE = regex.compile(r"(?<=[.!?])\s+(?=[\p{Lu}\d])|\n\s*\n")


def _status_of(m: regex.Match) -> Status:
    if m.group("part") or m.group("full") or (m.group("post") or "").strip().lower() == "delvis":
        return Status.DELVIS
    if m.group("neg") or (m.group("post") or "").strip().lower() in {"inte", "ej"}:
        return Status.EJ_UPPFYLLT
    return Status.UPPFYLLT


def _words_between(text: str) -> list[str]:
    return regex.findall(r"[\p{L}]+", text.lower())


def split_plain(text: str) -> list[str]:
    """A light sentence split used where the spaCy pipeline is not needed."""
    from extractor.nlp.status import split_sentences

    return split_sentences(text)


def parse_stated_totals(text: str) -> list[StatedTotal]:
    """Return the goal counts the text states itself, one `StatedTotal` per sentence."""
    sentences = split_plain(text)
    results: list[StatedTotal] = []
    for index, sentence in enumerate(sentences):
        previous = sentences[index - 1] if index else ""
        if not _GOAL_NOUN_RE.search(sentence) and not _GOAL_NOUN_RE.search(previous):
            continue
        total = _parse_sentence(sentence, previous)
        if total is not None:
            results.append(total)
    return results


def _parse_sentence(sentence: str, previous: str) -> StatedTotal | None:
    counts: dict[Status, int] = {}
    total: int | None = None
    everything = False
    used: set[int] = set()
    numbers = list(_NUM_RE.finditer(sentence))
    for m in _STATUS_RE.finditer(sentence):
        status = _status_of(m)
        candidate = None
        for n in reversed(numbers):
            if n.end() > m.start() or n.start() in used:
                continue
            between = _words_between(sentence[n.end() : m.start()])
            if all(w in _FILLER for w in between) and len(between) <= 8:
                candidate = n
            break
        if candidate is not None:
            value = parse_number(candidate.group("num"))
            if value is None:
                continue
            used.add(candidate.start())
            if status is Status.UPPFYLLT and _ALL_BEFORE_RE.search(sentence[: candidate.start()]):
                # "Samtliga 28 mål är uppfyllda": 28 is the total, all of them met.
                total = int(value)
                everything = True
                continue
            # "27 av 28 uppfyllda": the count is the number before "av".
            before = sentence[: candidate.start()]
            of = regex.search(rf"(?P<x>{NUMBER})\s+(?:av|utav)\s+$", before, regex.I)
            if of is not None:
                x = parse_number(of.group("x"))
                if x is not None:
                    total = int(value)
                    value = x
                    used.add(of.start())
            counts[status] = counts.get(status, 0) + int(value)
            continue
        window = sentence[max(0, m.start() - 80) : m.start()]
        all_m = list(_ALL_RE.finditer(window))
        if all_m and status is Status.UPPFYLLT:
            between = _words_between(window[all_m[-1].end() :])
            if all(w in _FILLER or parse_number(w) is not None for w in between):
                everything = True
    if not counts and not everything:
        return None
    if total is None:
        m = regex.search(
            rf"\b(?:av|utav)\s+(?:de\s+|totalt\s+)?(?P<n>{NUMBER})\s+\p{{L}}*(?:mål|uppdrag)",
            sentence,
            regex.I,
        )
        if m is not None:
            n = parse_number(m.group("n"))
            total = int(n) if n is not None else None
    if everything and not counts:
        if total is None:
            total = _count_in(sentence) or _count_in(previous)
        return StatedTotal(text=sentence, uppfyllt=total, delvis=0, ej_uppfyllt=0, total=total)
    return StatedTotal(
        text=sentence,
        uppfyllt=counts.get(Status.UPPFYLLT),
        delvis=counts.get(Status.DELVIS),
        ej_uppfyllt=counts.get(Status.EJ_UPPFYLLT),
        total=total,
    )


def _count_in(sentence: str) -> int | None:
    """Read "sex specifika mål och uppdrag" / "samtliga 28 mål" as a goal count."""
    m = regex.search(
        rf"(?P<n>{NUMBER})\s+(?:\p{{L}}+\s+){{0,2}}?(?:mål|uppdrag|mätetal|delmål|målsättningar)\b",
        sentence,
        regex.I,
    )
    if m is None:
        return None
    n = parse_number(m.group("n"))
    if n is None or regex.fullmatch(r"(19|20)\d\d", m.group("n")):
        return None
    return int(n)
