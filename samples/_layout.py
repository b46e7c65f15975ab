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
    "arbets", "utbildnings", "hållbarhets", "samhälls", "kommun", "region", "digitaliserings",
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
