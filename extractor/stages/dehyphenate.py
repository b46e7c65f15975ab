"""Join words hyphenated across line breaks, keeping real hyphens.

Decided from the word forms alone: a hyphen after an abbreviation, acronym or number
("IT-", "EU-", "2021-") is a real one; so is a hyphen before "och"/"eller"/"samt"
("drift- och underhåll"), or before a capitalised word or a digit. Otherwise a lower-case
letter, hyphen, line break, lower-case letter is a line-break hyphen: "kompetens-" +
"utveckling" → "kompetensutveckling".

A soft hyphen at a line end (U+00AD, or U+0002 where a font maps it so: goteborg-
stadsrevisionen 2024 "bola\x02" + "gets") always joins, without a hyphen.
"""

from __future__ import annotations

import regex

_TAIL = regex.compile(r"(\S+)-$")
_SOFT_HYPHENS = ("\u00ad", "\x02")
_CONJUNCTIONS = {"och", "eller", "samt", "resp", "respektive", "som", "till", "&"}


def is_line_break_hyphen(before: str, after: str) -> bool:
    """Decide whether "before-" at a line end and "after" at the next line start are one word.

    Parameters
    ----------
    before : str
        The word at the end of the line, with its trailing hyphen.
    after : str
        The first word of the next line.
    """
    if not before.endswith("-") or len(before) < 3 or not after:
        return False
    stem = before[:-1]
    head = after.rstrip(".,;:!?)")
    if not head:
        return False  # the next line starts with punctuation only ("-" + ".")
    if head.lower() in _CONJUNCTIONS:
        return False
    last = stem[-1]
    first = head[0]
    if not last.isalpha() or not first.isalpha():
        return False  # "2021-" + "2030", "-" + "5"
    if not first.islower():
        return False  # "Borås-" + "Stad" style names keep their hyphen
    # Acronym or abbreviation before the hyphen: "IT-", "EU-", "VGR-", "e-"
    letters = regex.sub(r"[^\p{L}]", "", stem)
    if len(letters) <= 1:
        return False
    if letters.isupper():
        return False
    if stem[-1].isupper():
        return False
    # A hyphen inside the stem already ("Sjuhärads-kommun-") suggests a compound written with
    # hyphens; joining would still be right only if the tail is lower case.
    return last.islower()


def join_lines(lines: list[str]) -> str:
    """Join the text lines of one paragraph, repairing line-break hyphenation."""
    out = ""
    for text in lines:
        text = text.strip()
        if not text:
            continue
        if not out:
            out = text
            continue
        if out.endswith(_SOFT_HYPHENS):
            out = out[:-1] + text
            continue
        match = _TAIL.search(out)
        if match:
            before = match.group(1) + "-"
            after = text.split(" ", 1)[0]
            if is_line_break_hyphen(before, after):
                out = out[:-1] + text
                continue
            if after.lower().rstrip(".,;:") in _CONJUNCTIONS:
                out = out + " " + text  # "drift- och underhåll" keeps hyphen and space
            else:
                out = out + text  # real hyphen, no space: "IT-upphandlingar", "2021-2030"
            continue
        out = out + " " + text
    return out
