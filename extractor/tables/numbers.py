"""Swedish number format: "-84 146", "1 423 133", "6,86", "2,5 %", "(1 234)", "8 394*".

`parse_number` returns an int (no decimals printed) or a float, or None when the text is not a
number. `format_number` writes the Swedish format back; the two round-trip (property-tested).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

# Thousands separators seen in reports: space, no-break space, narrow/thin spaces.
_SEP = "[ \u00a0\u202f\u2009\u2007]"
# Minus as hyphen, U+2212 or en dash; parentheses for negatives; footnote marks after.
NUMBER = regex.compile(
    rf"""^
    (?P<open>\()?
    (?P<sign>[-−–+])?\s?
    (?P<int>\d{{1,3}}(?:{_SEP}{{1,2}}\d{{3}})+|\d+)
    (?:,(?P<dec>\d+))?
    (?P<close>\))?
    {_SEP}?(?P<pct>%)?
    (?P<marks>[*¹²³⁴⁵⁶⁷⁸⁹†‡]+|\s?\(\w\))?
    $""",
    regex.VERBOSE,
)
DASH_ONLY = regex.compile(r"^[-−–—]$")
_SPACES = regex.compile(_SEP)


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    value: int | float
    percent: bool = False
    footnote: str | None = None


def parse_number_full(text: str) -> ParsedNumber | None:
    """Parse one cell; None if it is not a Swedish number. A lone dash is not parsed here."""
    if not text:
        return None
    s = text.strip()
    if not s or len(s) > 40:
        return None
    m = NUMBER.match(s)
    if m is None:
        return None
    if bool(m.group("open")) != bool(m.group("close")):
        return None
    digits = _SPACES.sub("", m.group("int"))
    negative = m.group("sign") in ("-", "−", "–") or bool(m.group("open"))
    dec = m.group("dec")
    value: int | float
    if dec is not None:
        value = float(f"{digits}.{dec}")
    else:
        value = int(digits)
    if negative:
        value = -value
    marks = m.group("marks")
    return ParsedNumber(value=value, percent=bool(m.group("pct")), footnote=marks.strip() if marks else None)


def parse_number(text: str) -> int | float | None:
    """Parse a Swedish-formatted number; None when `text` is not one."""
    parsed = parse_number_full(text)
    return None if parsed is None else parsed.value


def is_dash(text: str) -> bool:
    """A lone dash: zero or empty, as the table's convention says."""
    return bool(DASH_ONLY.match(text.strip()))


def format_number(value: int | float, decimals: int | None = None, minus: str = "-") -> str:
    """Write a number the Swedish way: space thousands separator, decimal comma."""
    negative = value < 0
    if isinstance(value, int) and decimals is None:
        body = f"{abs(value):,}".replace(",", " ")
    else:
        places = 2 if decimals is None else decimals
        text = f"{abs(value):,.{places}f}"
        whole, _, frac = text.partition(".")
        body = whole.replace(",", " ") + ("," + frac if frac else "")
    return (minus if negative else "") + body
