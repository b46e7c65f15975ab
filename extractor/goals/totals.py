"""The report's own goal counts, given a scope and checked against the goals found.

A stated total covers the first of these goal sets whose size matches its total (or the
first at all when it states no total): the unit the sentence or its heading names, the
financial goals when it speaks of financial goals, the goals of the section it stands in,
then the goals of any section whose title the sentence echoes ("mål och uppdrag som sattes
för 2025" → "4.3 Mål och uppdrag 2025") or whose goals add up to the total.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from extractor.model.goal import Goal, GoalKind, StatedTotal, Status

_FINANCIAL = regex.compile(r"\bfinansiell", regex.IGNORECASE)
_WORD = regex.compile(r"\p{L}{3,}|\d{4}")
#: Counts in a sentence ("21", "ett", "två"); "en" is left out, it is mostly an article.
_COUNT_WORD = regex.compile(
    r"(?<![\d,.])\d{1,3}(?![\d,.%])|\b(?:ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv)\b",
    regex.IGNORECASE,
)


@dataclass(slots=True)
class Scope:
    name: str
    goals: list[Goal]
    reason: str


def normalise(text: str) -> str:
    return " ".join(regex.findall(r"[\p{L}\d]+", (text or "").lower()))


def counts(goals: list[Goal]) -> Counter[Status]:
    return Counter(g.status for g in goals)


def candidate_scopes(
    sentence: str,
    heading_path: list[str],
    goals: list[Goal],
    section_goals: list[tuple[str, list[Goal]]],
    own_section: tuple[str, list[Goal]] | None,
) -> list[Scope]:
    """Goal sets a stated total may cover, most specific first."""
    scopes: list[Scope] = []
    text = normalise(sentence + " " + " ".join(heading_path[-1:]))
    units: dict[str, list[Goal]] = {}
    for g in goals:
        if g.unit:
            units.setdefault(g.unit, []).append(g)
    for unit, members in sorted(units.items(), key=lambda kv: -len(kv[0])):
        if normalise(unit) and f" {normalise(unit)} " in f" {text} ":
            scopes.append(Scope(unit, members, "unit"))
    if _FINANCIAL.search(sentence):
        financial = [g for g in goals if g.kind is GoalKind.FINANSIELLT_MAL]
        if financial:
            scopes.append(Scope("Finansiella mål", financial, "kind"))
    if own_section is not None and own_section[1]:
        scopes.append(Scope(own_section[0], own_section[1], "section"))
    words = set(_WORD.findall(sentence.lower()))
    echoed = []
    for title, members in section_goals:
        if not members:
            continue
        title_words = set(_WORD.findall(title.lower()))
        overlap = len(words & title_words) / max(len(title_words), 1)
        echoed.append((overlap, title, members))
    for overlap, title, members in sorted(echoed, key=lambda e: -e[0]):
        scopes.append(Scope(title, members, "echo" if overlap >= 0.5 else "count"))
    if goals:
        scopes.append(Scope("Dokumentet", goals, "document"))
    return scopes


def complete(total: StatedTotal) -> None:
    """Fill what a count implies: "21 mål är uppfyllda och ett delvis" totals 22, none unmet;
    "27 av 28 uppfyllda och ett delvis" leaves no goal unmet."""
    parts = [total.uppfyllt, total.delvis, total.ej_uppfyllt]
    if all(p is None for p in parts) or (total.uppfyllt is None and total.total is None):
        return
    stated = sum(p is not None for p in parts) + (total.total is not None)
    if len(_COUNT_WORD.findall(total.text)) != stated:
        return  # a count the parser did not place ("och att ett inte är uppfyllt"): no guessing
    given = sum(p or 0 for p in parts)
    if total.total is None:
        total.total = given
    if total.total == given:
        total.uppfyllt = total.uppfyllt or 0
        total.delvis = total.delvis or 0
        total.ej_uppfyllt = total.ej_uppfyllt or 0


def choose_scope(total: StatedTotal, scopes: list[Scope]) -> Scope | None:
    """The first scope whose size matches the stated total; else the first specific one."""
    if not scopes:
        return None
    if total.total is not None:
        for scope in scopes:
            if len(scope.goals) == total.total:
                return scope
        specific = [s for s in scopes if s.reason in ("unit", "kind", "section")]
        return specific[0] if specific else None
    specific = [s for s in scopes if s.reason in ("unit", "kind", "section", "echo")]
    return specific[0] if specific else None


def reconcile(total: StatedTotal, scope: Scope) -> tuple[bool, str]:
    """Compare the stated counts with the goals' statuses; returns (agrees, a description)."""
    found = counts(scope.goals)
    n = len(scope.goals)
    says_all = (
        total.total is None
        and total.uppfyllt is None
        and not total.delvis
        and not total.ej_uppfyllt
    )
    if says_all:
        # "samtliga mål är uppfyllda": the count is the scope's size.
        total.uppfyllt = n
        total.total = n
        total.delvis = total.delvis or 0
        total.ej_uppfyllt = total.ej_uppfyllt or 0
    stated = {
        Status.UPPFYLLT: total.uppfyllt,
        Status.DELVIS: total.delvis,
        Status.EJ_UPPFYLLT: total.ej_uppfyllt,
    }
    agrees = total.total is None or total.total == n
    for status, value in stated.items():
        if value is not None and value != found.get(status, 0):
            agrees = False
    desc_stated = ", ".join(f"{k.value} {v}" for k, v in stated.items() if v is not None) + (
        f", totalt {total.total}" if total.total is not None else ""
    )
    desc_found = ", ".join(f"{s.value} {found.get(s, 0)}" for s in stated) + f", totalt {n}"
    return agrees, f"stated {desc_stated}; found {desc_found}"
