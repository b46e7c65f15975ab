"""Numbered goal lists in running text: "Förbundets finansiella mål 2025 är: 1. … 2. …".

The intro sentence must name goals and end in a colon; a list introduced by "enligt följande
riktlinjer:" is not a goal list. The follow-up is the prose right after the list, up to the
next heading.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractor.goals.context import ProseBlock
from extractor.model.goal import GoalKind

_ITEM = regex.compile(r"^(?P<n>\d{1,2})[.)]\s+(?P<text>\S.*)$")
_INTRO = regex.compile(
    r"\b(?:mål|målen|målsättningar|målsättningarna|delmål|delmålen|uppdrag|uppdragen)\b"
    r"[^.!?]{0,80}?(?:är|var|lyder|följande|nedan)?\s*:\s*$",
    regex.IGNORECASE,
)
_FINANCIAL = regex.compile(r"\bfinansiell(?:a|t)?\b", regex.IGNORECASE)
#: How many prose blocks after the list may hold its follow-up.
FOLLOWUP_BLOCKS = 2


@dataclass(slots=True)
class ListGoal:
    text: str
    kind: GoalKind
    intro: str
    #: The prose blocks after the list, nearest first; the first that states a status decides.
    followups: list[str]
    page: int
    bbox: tuple[float, float, float, float]
    size: int  # number of goals in the list


def find_goal_lists(blocks: list[ProseBlock]) -> list[ListGoal]:
    """Goals from numbered lists whose intro names goals."""
    out: list[ListGoal] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        intro = _last_sentence(block.text)
        if not _INTRO.search(intro):
            i += 1
            continue
        items: list[ProseBlock] = []
        j = i + 1
        expected = 1
        while j < len(blocks):
            match = _ITEM.match(blocks[j].text)
            if not match or int(match.group("n")) != expected:
                break
            items.append(blocks[j])
            expected += 1
            j += 1
        if len(items) < 1:
            i += 1
            continue
        followups = [b.text for b in blocks[j : j + FOLLOWUP_BLOCKS] if not _ITEM.match(b.text)]
        kind = GoalKind.FINANSIELLT_MAL if _FINANCIAL.search(intro) else GoalKind.MAL
        for item in items:
            match = _ITEM.match(item.text)
            assert match is not None
            x0 = min(line.x0 for line in item.lines)
            x1 = max(line.x1 for line in item.lines)
            out.append(
                ListGoal(
                    match.group("text").strip(),
                    kind,
                    intro,
                    followups,
                    item.page,
                    (x0, item.top, x1, item.bottom),
                    len(items),
                )
            )
        i = j
    return out


def _last_sentence(text: str) -> str:
    parts = regex.split(r"(?<=[.!?])\s+(?=\p{Lu})", text.strip())
    return parts[-1] if parts else ""
