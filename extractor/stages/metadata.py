"""Organisation, org number, report type, fiscal year and report date, from the text."""

from __future__ import annotations

from collections import Counter

import regex

from extractor.model import ReportType
from extractor.state import DocumentState

ORG_NUMBER = regex.compile(r"(?<!\d)(\d{6})\s?[-–]\s?(\d{4})(?!\d)")
ORG_NUMBER_LABEL = regex.compile(r"org(?:anisations)?\.?\s*(?:nr|nummer)\.?:?", regex.IGNORECASE)
REPORT_TYPES = [
    (ReportType.DELARSRAPPORT, regex.compile(r"del[åa]rs(?:rapport|bokslut)", regex.IGNORECASE)),
    (ReportType.ARSBOKSLUT, regex.compile(r"[åa]rsbokslut", regex.IGNORECASE)),
    (ReportType.ARSREDOVISNING, regex.compile(r"[åa]rsredovisning", regex.IGNORECASE)),
    (ReportType.VERKSAMHETSBERATTELSE, regex.compile(r"verksamhetsber[äa]ttelse|[åa]rsredog[öo]relse", regex.IGNORECASE)),
]
# Legal forms that end or start Swedish organisation names.
ORG_NAME = regex.compile(
    r"((?:Bostadsrättsföreningen|Bostadsrättsförening|Brf|HSB:?s? Bostadsrättsförening|Riksbyggens Bostadsrättsförening)\s+[\p{L}\d][\p{L}\d .&'-]{1,60}?"
    r"|[\p{Lu}][\p{L}\d&'-]*(?:\s+[\p{L}\d&'-]+){0,5}\s+(?:kommunalförbund|kommun|region|stad|Stad|landsting))"
    r"(?=\s*(?:,|\.|\n|$|\s+(?:org|får|avger|har|med|\d)))",
)
FISCAL_YEAR = regex.compile(r"(?:räkenskapsåret|verksamhetsåret|årsbokslut|årsredovisning(?:en)?(?:\s+för)?|år)\s+((?:19|20)\d\d)\b", regex.IGNORECASE)
PERIOD = regex.compile(r"((?:19|20)\d\d)-01-01\s*[-–]\s*((?:19|20)\d\d)-12-31")
ISO_DATE = regex.compile(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b")
_TRIM = regex.compile(r"[\s,.;:]+$")


def find_metadata(state: DocumentState) -> DocumentState:
    meta = state.document.metadata
    first_pages = [p for p in state.pages if p.number <= 4]
    head_text = "\n".join(line.text for p in first_pages for line in p.lines)
    furniture_text = "\n".join(f.text for f in state.document.furniture if f.page <= 6)
    all_text = head_text + "\n" + furniture_text

    meta.org_number = _find_org_number(state, all_text)
    meta.organisation = _find_organisation(all_text)
    meta.report_type = _find_report_type(head_text + "\n" + furniture_text)
    meta.fiscal_year = _find_fiscal_year(all_text)
    meta.report_date = _find_report_date(state, meta.fiscal_year)
    return state


def _find_org_number(state: DocumentState, text: str) -> str | None:
    labelled = []
    for line in text.splitlines():
        if ORG_NUMBER_LABEL.search(line):
            m = ORG_NUMBER.search(line[ORG_NUMBER_LABEL.search(line).end():])
            if m:
                labelled.append(f"{m.group(1)}-{m.group(2)}")
    if labelled:
        return Counter(labelled).most_common(1)[0][0]
    # Unlabelled: a number in the org-number form that is not a date span like "2023-2024"
    for m in ORG_NUMBER.finditer(text):
        first = m.group(1)
        if first[0] in "2789" and not first.startswith(("19", "20")):
            return f"{first}-{m.group(2)}"
    return None


def _find_organisation(text: str) -> str | None:
    counts: Counter[str] = Counter()
    order: dict[str, int] = {}
    for i, m in enumerate(ORG_NAME.finditer(text)):
        name = _TRIM.sub("", " ".join(m.group(1).split()))
        if len(name) < 5:
            continue
        counts[name] += 1
        order.setdefault(name, i)
    if not counts:
        return None
    # Prefer the formal name ("Bostadsrättsföreningen X") over the short form ("Brf X").
    def score(name: str) -> tuple[int, int, int]:
        formal = name.startswith("Bostadsrättsförening") or "kommunalförbund" in name
        return (counts[name] + (2 if formal else 0), len(name), -order[name])
    return max(counts, key=score)


def _find_report_type(text: str) -> ReportType:
    best = None
    for kind, pattern in REPORT_TYPES:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[1]):
            best = (kind, m.start())
    return best[0] if best else ReportType.OTHER


def _find_fiscal_year(text: str) -> int | None:
    years: Counter[int] = Counter()
    for m in PERIOD.finditer(text):
        if m.group(1) == m.group(2):
            years[int(m.group(1))] += 3
    for m in FISCAL_YEAR.finditer(text):
        years[int(m.group(1))] += 2
    if not years:
        return None
    return years.most_common(1)[0][0]


def _find_report_date(state: DocumentState, fiscal_year: int | None) -> str | None:
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
