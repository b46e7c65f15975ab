"""Layout helpers for the sample-report builder: fonts, hyphenation, number format."""

import re
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path("/usr/share/fonts/truetype/liberation")

# Liberation fonts are metric-compatible with Times/Helvetica and carry å/ä/ö;
# the standard-14 fonts are the fallback (WinAnsi also covers Swedish).
FONTS = {"body": "Times-Roman", "body_bold": "Times-Bold", "body_italic": "Times-Italic",
         "head": "Helvetica-Bold", "sans": "Helvetica"}


def register_fonts():
    """Register embeddable TTF fonts if present; return the font-name mapping."""
    wanted = {"body": "LiberationSerif-Regular.ttf", "body_bold": "LiberationSerif-Bold.ttf",
              "body_italic": "LiberationSerif-Italic.ttf", "head": "LiberationSans-Bold.ttf",
              "sans": "LiberationSans-Regular.ttf"}
    if all((FONT_DIR / f).exists() for f in wanted.values()):
        for key, fname in wanted.items():
            name = "Ars" + key.title().replace("_", "")
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / fname)))
            FONTS[key] = name
        from reportlab.lib.fonts import addMapping
        addMapping(FONTS["body"], 0, 0, FONTS["body"])
        addMapping(FONTS["body"], 1, 0, FONTS["body_bold"])
        addMapping(FONTS["body"], 0, 1, FONTS["body_italic"])
        addMapping(FONTS["body"], 1, 1, FONTS["body_bold"])
    return FONTS


# Swedish compounds are hyphenated at deliberately chosen morpheme boundaries:
# a first element (often ending in the linking -s) followed by a longer tail.
FIRST_ELEMENTS = sorted([
    "kompetens", "utvecklings", "samverkans", "verksamhets", "försörjnings", "etablerings",
    "näringslivs", "välfärds", "medlems", "finansierings", "investerings", "informations",
    "arbets", "utbildnings", "hållbarhets", "samhälls", "kommunal", "region", "digitaliserings",
    "infrastruktur", "transport", "kultur", "projekt", "yrkes", "personal", "förbunds",
    "omställnings", "innovations", "ledarskaps", "dataskydds", "organisations", "planerings",
    "samordnings", "uppföljnings", "expansions", "styr", "grund", "kunskaps", "erfarenhets",
    "marknadsförings", "skol", "elev", "natur", "energi", "miljö", "klimat", "besöks",
    "nätverks", "chefs", "karriär", "forsknings", "tillväxt", "student", "lärar",
], key=len, reverse=True)
SHY = "\u00ad"


def hyphenate_word(word):
    """Insert one soft hyphen after a known first element of a long compound."""
    if len(word) < 13 or not word.isalpha():
        return word
    low = word.lower()
    for first in FIRST_ELEMENTS:
        if low.startswith(first) and len(word) - len(first) >= 5:
            return word[:len(first)] + SHY + word[len(first):]
    return word


def hyphenate(text):
    """Soft-hyphenate long compounds in running text (tags untouched)."""
    return re.sub(r"[A-Za-zÅÄÖåäöÉé]{13,}", lambda m: hyphenate_word(m.group(0)), text)


# Real (visible) hyphens that must end a line somewhere in the document, so that
# dehyphenation is tested both ways: "IT-" + "upphandlingar", "2021-" + "2030".
# The first occurrence whose natural line is nearly full gets a line break after
# its hyphen; a nearly-full line keeps justification looking natural.
FORCED_BREAKS = {"it": r"\bIT-(?=upphandlingar)", "year": r"(?<!\d)20\d\d-(?=20\d\d\b)"}


def line_slack(markup, style, width, marker):
    """Slack (pt) of the line that ends with ``marker``, or None if none does."""
    from reportlab.platypus import Paragraph
    para = Paragraph(markup, style)
    para.wrap(width, 1e6)
    for line in para.blPara.lines:
        words = getattr(line, "words", None)
        text = "".join(getattr(w, "text", "") for w in words) if words is not None else " ".join(line[1])
        if text.rstrip().endswith(marker):
            return line.extraSpace if hasattr(line, "extraSpace") else line[0]
    return None


def force_breaks(markup, used, style=None, width=None):
    """Break after a visible hyphen of a FORCED_BREAKS pattern when the line stays nearly full."""
    if style is None:
        return markup
    for name, pattern in FORCED_BREAKS.items():
        if name in used:
            continue
        for m in re.finditer(pattern, markup):
            cand = markup[:m.end()] + "<br/>" + markup[m.end():]
            slack = line_slack(cand, style, width, m.group(0))
            if slack is not None and slack < 0.22 * width:
                used.add(name)
                markup = cand
                break
    return markup


def esc(text):
    """Escape text for reportlab's mini-markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fmt_number(value):
    """Swedish number format: space thousands separator, decimal comma."""
    if value is None:
        return ""
    if isinstance(value, float):
        text = repr(value)
        whole, _, frac = text.partition(".")
    else:
        whole, frac = str(value), ""
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    out = sign + " ".join(groups)
    return out + ("," + frac if frac else "")
