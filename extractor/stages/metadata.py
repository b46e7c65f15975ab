"""Organisation, org number, report type, fiscal year and report date, from the text.

Chain: `collect_texts → find_org_number → find_organisation → find_report_type →
find_fiscal_year → find_report_date`. Every keyword pattern also matches a text layer whose
å/ä/ö map to punctuation (brf_48663: "Bostadsr"ttsf!reningen", "!rsredovisning"): the
letters å/ä/ö in a pattern accept any of those stand-ins (see `fuzzy`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from extractor.model import ReportType
from extractor.state import DocumentState

#: What a broken font puts where å, ä or ö should be (brf_48663, brf_52576).
_BROKEN_VOWEL = r"[åäöÅÄÖ!\"#$%&'\\ ]"


def fuzzy(pattern: str) -> str:
    """A regex source where every å/ä/ö (either case) also matches a broken-glyph stand-in."""
    return regex.sub(r"[åäöÅÄÖ]", lambda _: _BROKEN_VOWEL, pattern)


ORG_NUMBER = regex.compile(r"(?<![\d-])(\d{6})\s?[-–]\s?(\d{4})(?![\d-])")
ORG_NUMBER_LABEL = regex.compile(
    r"\borg(?:anisations)?\.?\s*(?:nr|nummer)\.?\s*:?", regex.IGNORECASE
)
REPORT_TYPES = [
    (
        ReportType.DELARSRAPPORT,
        regex.compile(fuzzy(r"del(?:å|a)rs(?:rapport|bokslut)"), regex.IGNORECASE),
    ),
    (ReportType.ARSBOKSLUT, regex.compile(fuzzy(r"(?:å|a)rsbokslut"), regex.IGNORECASE)),
    (ReportType.ARSREDOVISNING, regex.compile(fuzzy(r"(?:å|a)rsredovisning"), regex.IGNORECASE)),
    (
        ReportType.VERKSAMHETSBERATTELSE,
        regex.compile(
            fuzzy(r"verksamhetsber(?:ä|a)ttelse|(?:å|a)rsredog(?:ö|o)relse"), regex.IGNORECASE
        ),
    ),
]
# Legal forms that start a housing cooperative's name: "Brf X", "Bostadsrättsföreningen X",
# "HSB bostadsrättsförening X", "Riksbyggens Bostadsrättsförening X".
_LEGAL_FORM = fuzzy(
    r"(?:(?:HSB:?s?|Riksbyggens|SBC)\s+)?(?:bostadsrättsföreningen|bostadsrättsförening|brf)"
)
LEGAL_FORM_NAME = regex.compile(rf"^{_LEGAL_FORM}(?:\s+\S+){{1,7}}$", regex.IGNORECASE)
LEGAL_FORM_ONLY = regex.compile(rf"^{_LEGAL_FORM}$", regex.IGNORECASE)
# "Styrelsen för Brf X, med säte i ..., får härmed avge årsredovisning": the formal sentence
# every BRF annual report opens with; the name ends at the first of these stops.
BOARD_SENTENCE = regex.compile(
    fuzzy(
        r"styrelsen\s+för\s+(?P<name>.{3,80}?)\s*(?:,|\s+med\s+säte|\s+org\b|\s+\d{6}|\s+får\s+härmed|\s+avger)"
    ),
    regex.IGNORECASE,
)
PUBLIC_NAME = regex.compile(
    r"\b([\p{Lu}][\p{L}\d&'-]*(?:\s+[\p{L}\d&'-]+){0,4}\s+(?:kommunalförbund|kommun|region|landsting|Stad)|Region\s+\p{Lu}\p{L}+|\p{Lu}\p{L}+regionen)\b"
)
_MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
# "2022-07-01 - 2023-06-30", "2023-01-01—2023-12-31": the fiscal year is the ending year.
ISO_PERIOD = regex.compile(
    r"((?:19|20)\d\d)-(\d\d)-(\d\d)\s*(?:[-–—]|till|t\.o\.m\.?)\s*((?:19|20)\d\d)-(\d\d)-(\d\d)"
)
# "1 januari - 31 december 2021", "1 juli 2022 – 30 juni 2023".
TEXT_PERIOD = regex.compile(
    rf"\b\d{{1,2}}\s+(?:{_MONTHS})(?:\s+((?:19|20)\d\d))?\s*[-–—]\s*\d{{1,2}}\s+(?:{_MONTHS})\s+((?:19|20)\d\d)\b",
    regex.IGNORECASE,
)
FISCAL_YEAR = regex.compile(
    fuzzy(
        r"(?:räkenskapsåret|verksamhetsåret|årsbokslut|årsredovisning(?:en)?(?:\s+för)?|"
        r"årsredogörelse(?:n)?|delårsrapport|årsrapport(?:\s+för)?)\s*:?\s+((?:19|20)\d\d)(?!-\d\d-\d\d)(?:\s*[-–/]\s*((?:19|20)\d\d))?\b"
    ),
    regex.IGNORECASE,
)
ISO_DATE = regex.compile(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b")
_TRIM = regex.compile(r"[\s,.;:]+$")
_SPACES = regex.compile(r"\s+")
#: The pages where a report names itself: cover, title page, the board's opening sentence.
FIRST_PAGES = 4


@dataclass(slots=True)
class TextLine:
    """One line of text with where it came from: page, font size, and whether it is furniture."""

    text: str
    page: int
    size: float
    furniture: bool = False


def collect_texts(state: DocumentState) -> list[TextLine]:
    """Lines of the first pages (body and running headers), in reading order."""
    out: list[TextLine] = []
    for page in state.pages:
        if page.number > FIRST_PAGES:
            break
        for line in page.lines:
            out.append(TextLine(line.text, page.number, line.size))
    for item in state.document.furniture:
        if item.page <= FIRST_PAGES + 2:
            out.append(TextLine(item.text, item.page, 0.0, furniture=True))
    return out


def find_metadata(state: DocumentState) -> DocumentState:
    meta = state.document.metadata
    lines = collect_texts(state)
    text = "\n".join(t.text for t in lines)
    meta.org_number = find_org_number(lines)
    meta.organisation = find_organisation(lines)
    meta.report_type = find_report_type(lines)
    meta.fiscal_year = find_fiscal_year(text)
    meta.report_date = find_report_date(state, meta.fiscal_year)
    return state


def find_org_number(lines: list[TextLine]) -> str | None:
    """A labelled number ("Org.nr 769625-8248") wins; else the first number in the org form."""
    labelled: Counter[str] = Counter()
    for t in lines:
        label = ORG_NUMBER_LABEL.search(t.text)
        if label:
            m = ORG_NUMBER.search(t.text, label.end())
            if m:
                labelled[f"{m.group(1)}-{m.group(2)}"] += 1
    if labelled:
        return labelled.most_common(1)[0][0]
    for t in lines:
        for m in ORG_NUMBER.finditer(t.text):
            first = m.group(1)
            # Legal persons have a third digit >= 2 ("769625"); dates like "202312" do not pass.
            if first[2] >= "2" and not first.startswith(("19", "20")):
                return f"{first}-{m.group(2)}"
    return None


def _clean_name(name: str) -> str:
    name = _TRIM.sub("", _SPACES.sub(" ", name).strip())
    # A broken text layer spells the legal form "Bostadsr"ttsf!reningen": write it right, the
    # rest of the name is kept as printed.
    m = regex.match(_LEGAL_FORM, name, regex.IGNORECASE)
    if m:
        head = m.group(0)
        for proper in ("Bostadsrättsföreningen", "Bostadsrättsförening"):
            tail = regex.search(fuzzy(proper) + "$", head, regex.IGNORECASE)
            if tail and not tail.group(0).isalpha():
                name = head[: tail.start()] + proper + name[len(head) :]
                break
    return name


def find_organisation(lines: list[TextLine]) -> str | None:
    """The organisation's name from the board's sentence, the cover and the running header.

    A name line counts only when the whole line is the name: text laid over other text
    (brf_52476: "Brf Smultronst7ä6ll9 e6 t") or a legal form inside a sentence
    ("Bostadsrättsföreningen ingår, ...") is not a name.
    """
    votes: Counter[str] = Counter()
    spelling: dict[str, str] = {}

    def vote(name: str, weight: int) -> None:
        name = _clean_name(name)
        if len(name) < 5 or not LEGAL_FORM_NAME.match(name) and weight < 3:
            return
        key = name.casefold()
        votes[key] += weight
        spelling.setdefault(key, name)

    sizes = sorted((t.size for t in lines if not t.furniture), reverse=True)
    big = sizes[min(len(sizes) - 1, 5)] if sizes else 0.0
    for i, t in enumerate(lines):
        for m in BOARD_SENTENCE.finditer(t.text):
            if regex.match(_LEGAL_FORM, m.group("name"), regex.IGNORECASE):
                vote(m.group("name"), 4)
        text = _SPACES.sub(" ", t.text).strip()
        if LEGAL_FORM_ONLY.match(text) and i + 1 < len(lines) and lines[i + 1].page == t.page:
            # brf_198532 cover: "Bostadsrättsföreningen" above "Björk och Plaza" in the same size.
            nxt = lines[i + 1]
            if abs(nxt.size - t.size) < 0.5 and len(nxt.text.split()) <= 5:
                text = f"{text} {nxt.text.strip()}"
        if not LEGAL_FORM_NAME.match(text) or any(ch.isdigit() for ch in text.split(" ", 1)[1][:1]):
            continue
        if t.furniture:
            vote(text, 1)
        elif t.page <= 2 and t.size >= big:
            vote(text, 3)  # the cover title
        else:
            vote(text, 1)
    if votes:
        return spelling[max(votes, key=lambda k: (votes[k], -len(k)))]
    # Public sector: "Göteborgs Stad", "Västra Götalandsregionen", "X kommun".
    # The name on the cover outweighs member municipalities listed inside the report
    # (arsbokslut-2025: "Marks kommun" seven times in the board list on p. 3).
    public: Counter[str] = Counter()
    for t in lines:
        weight = 10 if (not t.furniture and t.page <= 2 and t.size >= big) else 1
        for m in PUBLIC_NAME.finditer(t.text):
            public[_clean_name(m.group(1))] += weight
    return public.most_common(1)[0][0] if public else None


def find_report_type(lines: list[TextLine]) -> ReportType:
    """The kind named first in the largest type on the first pages (the title), else first in text."""
    ordered = sorted(
        (t for t in lines if not t.furniture and t.page <= 2),
        key=lambda t: -t.size,
    )
    for t in ordered[:8]:
        for kind, pattern in REPORT_TYPES:
            if pattern.search(t.text):
                return kind
    text = "\n".join(t.text for t in lines)
    best: tuple[ReportType, int] | None = None
    for kind, pattern in REPORT_TYPES:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[1]):
            best = (kind, m.start())
    return best[0] if best else ReportType.OTHER


def find_fiscal_year(text: str) -> int | None:
    """The ending year of a printed period, else the year after "räkenskapsåret" and the like."""
    years: Counter[int] = Counter()
    for m in ISO_PERIOD.finditer(text):
        start, end = int(m.group(1)), int(m.group(4))
        months = (end - start) * 12 + int(m.group(5)) - int(m.group(2))
        if 9 <= months <= 18:  # a (possibly extended) fiscal year, not a loan term
            years[end] += 3
    for m in TEXT_PERIOD.finditer(text):
        years[int(m.group(2))] += 3
    for m in FISCAL_YEAR.finditer(text):
        # "Årsredovisning 2022 - 2023" (brf_79568): a split year ends in the second one.
        years[int(m.group(2) or m.group(1))] += 2
    if not years:
        return None
    return max(years, key=lambda y: (years[y], y))


def find_report_date(state: DocumentState, fiscal_year: int | None) -> str | None:
    """A date after the fiscal year, printed in running headers or on the cover."""
    candidates: Counter[str] = Counter()
    texts = [f.text for f in state.document.furniture] + [
        line.text for p in state.pages if p.number <= 2 for line in p.lines
    ]
    for text in texts:
        for m in ISO_DATE.finditer(text):
            year = int(m.group(1))
            if fiscal_year is None or year > fiscal_year:
                candidates[m.group(0)] += 1
    if not candidates:
        return None
    return candidates.most_common(1)[0][0]
