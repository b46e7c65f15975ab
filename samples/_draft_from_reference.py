# ruff: noqa: E702, B007
"""One-off drafting aid: turn the reference text dump into a YAML skeleton.

This script was used once to produce the first draft of
``samples/arsbokslut-2025.yaml``; the YAML was then checked and corrected by
hand against the reference text (tables, goal tables, the internal-control
grid and the cash-flow statement were rewritten manually).  It is kept for
provenance only; ``build_samples.py`` never calls it and the YAML is the
source of truth.

Usage: ``python samples/_draft_from_reference.py REF.txt OUT.yaml``
"""

import re
import sys

import yaml

PAGE_HEADER = re.compile(r"^(Årsbokslut|2026-02-20|Sida \d+ \(\d+\))\s*$")
NUMBERED = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s+(\S.*?)\s*$")


def load(path):
    """Return [(lineno, text)] for non-empty, non-URL, non-page-header lines."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for no, raw in enumerate(fh, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("http"):
                continue
            if PAGE_HEADER.match(line.strip()):
                continue
            out.append((no, line))
    return out


def join_lines(lines):
    """Join wrapped lines; drop wrap hyphens, keep real ones (IT-, 20-, bygg- och)."""
    text = ""
    for line in lines:
        part = line.strip()
        if not text:
            text = part
            continue
        if text.endswith("-") and not text.endswith(" -"):
            before = text[-2] if len(text) > 1 else ""
            first = part.split(" ")[0]
            if first in ("och", "eller", "samt") or before.isupper() or before.isdigit():
                text += (" " if first in ("och", "eller", "samt") else "") + part
            else:
                text = text[:-1] + part
        else:
            text += " " + part
    return re.sub(r"\s+", " ", text).strip()


def paragraphs(items, width):
    """Split (lineno, text) items into paragraphs by gaps and short sentence ends."""
    paras, cur, prev_no = [], [], None
    for no, line in items:
        if cur and prev_no is not None and no - prev_no > 2:
            paras.append(cur)
            cur = []
        cur.append(line)
        stripped = line.rstrip()
        if stripped.endswith((".", ":", "!", "?")) and len(stripped) < width * 0.85:
            paras.append(cur)
            cur = []
        prev_no = no
    if cur:
        paras.append(cur)
    return [join_lines(p) for p in paras]


def main(ref, out):
    items = load(ref)
    blocks = []
    for no, line in items:
        blocks.append({"line": no, "text": line.strip()})
    with open(out, "w", encoding="utf-8") as fh:
        yaml.safe_dump(blocks, fh, allow_unicode=True, sort_keys=False, width=1000)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])


# ---------------------------------------------------------------------------
# Spec-driven drafting (second pass).  Line numbers refer to the reference dump.

FOCUS_AREAS = {
    "En innovativ och konkurrenskraftig delregion", "Strategisk kompetensförsörjning",
    "En cirkulär och hållbar framtid", "Hållbar samhällsplanering", "Kultursamverkan",
    "Övergripande", "Infrastruktur och kollektivtrafik", "Nära vård",
    "Omställning ny socialtjänstlag", "Kompetensförsörjning", "Digitalisering",
    "Fullföljda studier", "Psykisk hälsa", "Infrastruktur", "Kollektivtrafik",
}


def text_blocks(items, width=105):
    """Paragraphs and bullet/numbered lists from a run of body lines."""
    blocks, run = [], []
    list_items, list_kind = [], None

    def flush_run():
        for p in paragraphs(run, width):
            blocks.append({"type": "paragraph", "text": p})
        run.clear()

    def flush_list():
        nonlocal list_kind
        if list_items:
            blocks.append({"type": "list", "ordered": list_kind == "ol",
                           "items": [join_lines(i) for i in list_items]})
        list_items.clear()
        list_kind = None

    for no, line in items:
        s = line.strip()
        m_ol = re.match(r"^(\d+)\. (.*)$", s)
        if s.startswith(("• ", "•", "- ")) or m_ol:
            flush_run()
            kind = "ol" if m_ol else "ul"
            if list_kind and list_kind != kind:
                flush_list()
            list_kind = kind
            list_items.append([re.sub(r"^(•\s*|- )", "", s) if not m_ol else m_ol.group(2)])
            continue
        if list_items and not s[:1].isupper():
            list_items[-1].append(s)
            continue
        if list_items and list_kind and s[:1].isupper() and list_items[-1] and \
                not list_items[-1][-1].rstrip().endswith((".", ":")) and len(s) < 60 and False:
            continue
        flush_list()
        run.append((no, line))
    flush_list()
    flush_run()
    return blocks


def split_goals(items, short=36, width=78):
    """Heuristic goal-table splitter: short left-cell lines vs. long follow-up lines."""
    rows, state, goal, follow = [], "start", [], []
    prev = ""

    def close():
        if goal:
            rows.append({"goal": join_lines([g for _, g in goal]),
                         "followup": "\n\n".join(paragraphs(follow, width)),
                         "kind": "mål", "status": "TODO", "basis": "TODO",
                         "lines": [goal[0][0], (follow or goal)[-1][0]]})

    for no, line in items:
        s = line.strip()
        if s in FOCUS_AREAS and (state != "follow" or prev.endswith(".")):
            close()
            goal, follow = [], []
            rows.append({"focus_area_row": s})
            state = "start"
        elif state in ("start", "goal") and (len(s) <= short or state == "start") and \
                not (state == "goal" and len(s) > short):
            goal.append((no, line))
            state = "goal"
        elif state == "goal":
            follow.append((no, line))
            state = "follow"
        elif len(s) <= short and not s.endswith(".") and prev.endswith((".", ")")):
            close()
            goal, follow = [(no, line)], []
            state = "goal"
        else:
            follow.append((no, line))
        prev = s
    close()
    return rows


def rng(items, a, b):
    return [(n, t) for n, t in items if a <= n <= b]


def draft(ref):
    items = load(ref)
    heads = {}
    for no, line in items:
        m = NUMBERED.match(line)
        if m and re.match(r"^\s*\d+(\.\d+)*\.?\s+[A-ZÅÄÖ]", line) and no < 3580 \
                and "." in line.strip().split(" ")[0] and len(line.strip()) < 80:
            num = m.group(1)
            if line.strip().split(" ")[0].endswith(".") and "." not in num:
                # "1. Politisk representation" chapter headings vs numbered list items
                if no not in (1, 82, 737, 1756):
                    continue
            heads[no] = (num, m.group(2).strip(), num.count(".") + 1)
    return items, heads


if __name__ == "__main__" and len(sys.argv) > 3:
    pass


NUM_TOKEN = re.compile(r"^-?\d+(,\d+)?$")


def segmentations(tokens, n):
    """All ways to group Swedish-number tokens into n numbers (3-digit groups)."""
    res = []

    def rec(i, acc):
        if i == len(tokens):
            if len(acc) == n:
                res.append(list(acc))
            return
        if len(acc) >= n:
            return
        head = tokens[i]
        if not NUM_TOKEN.match(head):
            return
        j = i + 1
        while True:
            acc.append(" ".join(tokens[i:j]))
            rec(j, acc)
            acc.pop()
            if j < len(tokens) and re.match(r"^\d{3}(,\d+)?$", tokens[j]) and "," not in tokens[j - 1]:
                j += 1
            else:
                break

    rec(0, [])
    return res


def to_number(text):
    t = text.replace(" ", "").replace("\u2212", "-")
    if "," in t:
        return float(t.replace(",", "."))
    return int(t)


def parse_row(line, counts):
    """Split 'Label 48 018 43 028 1' into label + numbers, trying value counts."""
    toks = line.strip().split()
    for k in range(len(toks)):
        tail = toks[k:]
        if all(NUM_TOKEN.match(t) for t in tail) and tail:
            label = " ".join(toks[:k])
            for n in counts:
                segs = segmentations(tail, n)
                if len(segs) == 1:
                    return label, [to_number(s) for s in segs[0]], None
                if len(segs) > 1:
                    return label, [to_number(s) for s in segs[0]], segs
            return label, None, "noparse"
    return line.strip(), None, "nolabel"


def fin_rows(items, counts):
    rows = []
    for no, line in items:
        label, vals, amb = parse_row(line, counts)
        row = {"label": label, "values": vals}
        if amb:
            row["CHECK"] = str(amb)
        row["line"] = no
        rows.append(row)
    return rows


ROLE = re.compile(r"^(Ordförande|1e vice ordförande|2e vice ordförande|Ledamot|Ersättare|Adjungerad)\s+"
                  r"(.+?\([^)]*\))\s*(.*?)\s*((?:Tom|From) \d{6})?\s*$")
PERSON = re.compile(r"^(.+?\([^)]*\))\s*(.*?)\s*((?:Tom|From) \d{6})?\s*$")


def build_draft(ref):
    items, heads = draft(ref)
    out = []

    def H(no, number=None, title=None, level=None):
        if no in heads and number is None:
            number, title, level = heads[no]
        out.append({"type": "heading", "number": number, "title": title, "level": level})

    def T(a, b, width=105):
        out.extend(text_blocks(rng(items, a, b), width))

    def G(a, b, unit, header, short=36, width=78):
        out.append({"type": "goal_table", "unit": unit, "header": header,
                    "rows": split_goals(rng(items, a, b), short, width)})

    def F(a, b, kind, title, columns, unit="tkr", counts=(2, 3), note_col=False):
        rows = fin_rows(rng(items, a, b), list(counts))
        out.append({"type": "table", "kind": kind, "title": title, "unit": unit,
                    "columns": columns, "note_column": note_col, "rows": rows})

    yrs = [{"label": "2025", "type": "year", "year": 2025}, {"label": "2024", "type": "year", "year": 2024}]
    H(1); H(3); T(5, 9)
    roster = []
    for no, line in rng(items, 35, 81):
        m = ROLE.match(line.strip())
        roster.append([m.group(1), m.group(2), m.group(3), m.group(4) or ""])
    out.append({"type": "text_table", "title": None,
                "columns": ["Uppdrag", "Namn", "Kommun", "Anmärkning"], "rows": roster})
    H(12); T(14, 19)
    rev = []
    for no, line in rng(items, 21, 33):
        m = PERSON.match(line.strip())
        rev.append([m.group(1), m.group(2), m.group(3) or ""])
    out.append({"type": "text_table", "title": None,
                "columns": ["Revisor", "Kommun", "Anmärkning"], "rows": rev})
    H(82); H(84); T(86, 112); H(114); T(116, 130)
    H(132, None, "Ändamål med verksamheten", 4); T(134, 141)
    H(142); T(144, 170); H(171); T(173, 180); H(181); T(183, 200)
    out.append({"type": "MANUAL", "what": "financing text_table lines 203-269"})
    H(278); T(280, 343); H(344); T(346, 363); H(364); T(366, 368)
    H(369); T(371, 421); H(423); T(425, 428)
    out.append({"type": "MANUAL", "what": "balanskrav table 431-439"})
    H(442); T(443, 444); H(445); T(447, 451)
    out.append({"type": "MANUAL", "what": "investering table 453-457"})
    H(460); T(462, 464); H(466); T(468, 471)
    out.append({"type": "MANUAL", "what": "personal table 473-525"})
    H(528); T(530, 553)
    for a, b, t in [(554, 577, "En innovativ och konkurrenskraftig delregion"),
                    (578, 593, "Strategisk kompetensförsörjning"), (594, 616, "En cirkulär och hållbar framtid"),
                    (617, 646, "Hållbar samhällsplanering"), (647, 666, "Kultursamverkan"),
                    (667, 688, "Regional utveckling"), (689, 736, "Sociala välfärdens omställning")]:
        H(a, None, t, 3); T(a + 1, b)
    H(737); H(739)
    F(741, 797, "resultatrakning", "Resultaträkning total", yrs, note_col=True)
    for a, b in [(799, 837), (838, 881), (882, 933), (934, 975), (976, 1014), (1015, 1058),
                 (1059, 1097), (1098, 1139), (1140, 1178), (1179, 1222)]:
        H(a)
        F(a + 2, b, "resultatrakning", heads[a][1], yrs)
    H(1223)
    F(1225, 1273, "balansrakning", "Balansräkning", yrs, note_col=True)
    H(1274)
    out.append({"type": "MANUAL", "what": "noter 1276-1606"})
    H(1608)
    out.append({"type": "MANUAL", "what": "kassaflöde 1610-1681"})
    H(1683)
    out.append({"type": "MANUAL", "what": "driftredovisning 1685-1754"})
    H(1756); H(1758); T(1760, 1769); H(1770); T(1772, 1797)
    G(1802, 2019, "Grunduppdrag", ["", "Uppföljning 31 december"], short=30, width=80)
    H(2022, None, "Sammanfattande bedömning", 3); T(2024, 2046)
    H(2047); T(2049, 2052)
    H(2055, None, "Enhet Regional utveckling", 3)
    G(2058, 2931, "Regional utveckling", ["Mål/uppdrag", "Uppföljning 31 december"])
    H(2933, None, "Sammanfattande bedömning enhet regional utveckling", 4); T(2935, 3015)
    H(3016, None, "Enhet Välfärdsutveckling", 3)
    out.append({"type": "MANUAL", "what": "övergripande mål box 3017-3029"})
    G(3033, 3374, "Välfärdsutveckling", ["Mål/uppdrag", "Uppföljning 31 december"], short=24, width=82)
    for a, b, t in [(3376, 3392, "Nätverksarbete"), (3393, 3401, "Millennium"),
                    (3402, 3454, "Personal- och kompetensförsörjning"), (3455, 3481, "Suicid"),
                    (3482, 3489, "Hälso- och sjukvårdens beredskap")]:
        H(a, None, t, 4); T(a + 1, b)
    H(3490, None, "Sammanfattande bedömning enhet välfärdsutveckling", 4); T(3492, 3570)
    H(3571); T(3573, 3578)
    out.append({"type": "MANUAL", "what": "internkontrollplan 3581-3887"})
    out.append({"type": "appendix_title", "title": "Årsrapport Driftverksamheter",
                "subtitle": "Bilaga till Årsbokslut 2025"})
    H(3896, None, "Inledning", 2); T(3898, 3934)
    H(3936, None, "Business Region Borås", 2); T(3938, 3966)
    H(3968, None, "Mål och uppdrag 2025", 3)
    G(3972, 4312, "Business Region Borås", ["Mål och uppdrag", "Uppföljning 31 december"], short=30, width=82)
    H(4314, None, "Analys måluppfyllelse", 3); T(4316, 4399)
    H(4400, None, "Dataskyddsombud", 2); T(4402, 4409)
    H(4410, None, "Mål och uppdrag 2025", 3)
    G(4414, 4498, "Dataskyddsombud", ["Mål och uppdrag", "Uppföljning 31 december"], short=33, width=82)
    out.append({"type": "MANUAL", "what": "DSO mätetal 4500-4606"})
    H(4610, None, "Analys måluppfyllelse", 3); T(4612, 4635)
    H(4636, None, "Medarbetarcentrum", 2); T(4638, 4645)
    H(4646, None, "Mål och uppdrag 2025", 3)
    out.append({"type": "MANUAL", "what": "MC goals 4648-4698, mätetal 4700-4736"})
    H(4744, None, "Analys måluppfyllelse", 3); T(4746, 4803)
    H(4804, None, "Vård- och omsorgscollege Sjuhärad", 2); T(4806, 4815)
    out.append({"type": "MANUAL", "what": "VOC regionala mål 4816-4898, verksamhet 4900-5008"})
    H(5010, None, "Analys måluppfyllelse", 3); T(5012, 5035)
    H(5036, None, "Närvårdssamverkan Södra Älvsborg", 2); T(5038, 5055)
    H(5056, None, "Fokusområden 2025", 3); T(5058, 5062)
    out.append({"type": "MANUAL", "what": "NVS goals 5064-5106"})
    H(5108, None, "Analys måluppfyllelse", 3); T(5110, 5118)
    navet = [(5119, "Verksamhetsberättelse 2025", 2), (5168, "Hållbarhet", 3),
             (5208, "Tillgänglighetsarbete", 3), (5231, "Navet skola och förskola", 3),
             (5344, "Mobila skolprogram – uppsökande verksamhet", 4), (5368, "Digitala skolprogram", 4),
             (5402, "SamBio", 4), (5446, "Experimentlådor", 4), (5461, "Tekniktrappan", 4),
             (5488, "Drömstaden", 4), (5508, "Navet kompetens", 3), (5544, "AI-utbildningar", 4),
             (5559, "STEM-dagen", 4), (5570, "Navet mötesplats", 3), (5582, "Besöksmålet", 4),
             (5603, "Interna arbetet", 4), (5612, "Utökat utbud", 4),
             (5661, "Om inte besökaren kommer till Navet…", 4), (5687, "Konferenser", 4),
             (5707, "Lånekort", 4), (5723, "Kollo", 4), (5744, "Navet utvecklingsarena", 3),
             (5750, "Socialt hållbart föräldraskapsstöd", 4), (5772, "SciCo", 4),
             (5781, "DG7 – Destination Gymnasiet Sjuhärad", 4), (5802, "Navet drift", 3),
             (5804, "Ekonomi", 4), (5814, "Ökad finansieringsgrad", 4), (5834, "Nya samarbetsavtal", 4),
             (5836, "RISE Mätteknik", 5), (5846, "Borås Fågelklubb", 5), (5856, "Intern administration", 4),
             (5882, "Ny Strategisk plan 2026–2030", 4), (5910, "Kommunikation", 4),
             (5937, "Utställningarna", 4), (5972, "Avslutande ord", 3)]
    for i, (no, title, lvl) in enumerate(navet):
        end = navet[i + 1][0] - 1 if i + 1 < len(navet) else 5990
        H(no, None, title, lvl)
        out.extend(navet_blocks(ref, no + 1, end))
    return out


def navet_blocks(ref, a, b):
    """Navet's story uses blank lines between paragraphs; a bullet runs to the next blank line."""
    with open(ref, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    blocks, cur, bullets, in_bullet = [], [], [], False

    def flush_para():
        if cur:
            blocks.append({"type": "paragraph", "text": join_lines(cur)})
            cur.clear()

    def flush_list():
        if bullets:
            blocks.append({"type": "list", "ordered": False, "items": [join_lines(x) for x in bullets]})
            bullets.clear()

    for no in range(a, min(b, len(lines)) + 1):
        s = lines[no - 1].strip()
        if s.startswith("•"):
            flush_para()
            bullets.append([s.lstrip("• ").strip()])
            in_bullet = True
            continue
        if not s:
            flush_para()
            in_bullet = False
            continue
        if in_bullet:
            bullets[-1].append(s)
            continue
        flush_list()
        cur.append(s)
    flush_para()
    flush_list()
    return blocks


NOTE_HEAD = re.compile(r"^(\d{1,2}) ([A-ZÅÄÖ][^\d]*?)\s*(2025 2024)?\s*$")


def note_tables(items, a, b):
    """Draft the Noter tables (1..21) with footnotes; note 20's schedule is manual."""
    blocks, cur = [], None
    yrs = [{"label": "2025", "type": "year", "year": 2025}, {"label": "2024", "type": "year", "year": 2024}]
    pending = []
    for no, line in rng(items, a, b):
        s = line.strip()
        if s.startswith("Tkr 2025 2024"):
            continue
        m = NOTE_HEAD.match(s)
        if m and int(m.group(1)) <= 21 and not re.search(r"\d{3}", s[3:]):
            cur = {"type": "table", "kind": "not", "note_number": int(m.group(1)),
                   "title": m.group(2).strip(), "unit": "tkr", "columns": yrs, "rows": [], "footnotes": []}
            blocks.append(cur)
            continue
        if s.startswith("*"):
            if s not in cur["footnotes"]:
                cur["footnotes"].append(s)
            continue
        label, vals, amb = parse_row(s, [2])
        if vals is None and amb in ("nolabel", "noparse"):
            pending.append(s)
            if re.match(r"^-?[\d ]+$", s):
                pass
            continue
        if pending:
            label = " ".join(pending + ([label] if label else []))
            pending = []
        row = {"label": label, "values": vals, "line": no}
        if amb:
            row["CHECK"] = str(amb)
        cur["rows"].append(row)
    return blocks


def manual_goals(items, spec, unit, header, kind):
    """Goal rows from explicit (goal lines, follow-up lines) ranges or literal strings."""
    rows = []
    for g, f in spec:
        goal = g if isinstance(g, str) else join_lines([t for _, t in rng(items, *g)])
        if isinstance(f, str):
            follow = f
        else:
            follow = "\n\n".join(paragraphs(rng(items, *f), 60))
        rows.append({"goal": goal, "followup": follow, "kind": kind, "status": "TODO", "basis": "TODO"})
    return {"type": "goal_table", "unit": unit, "header": header, "rows": rows}


def auto_status(row):
    f = row["followup"]
    if re.search(r"(Målet|målet) är inte\s+uppfyllt|målet är inte uppfyllt", f):
        return "ej_uppfyllt", "explicit"
    if re.search(r"pågår och kommer att slutföras", f):
        return "delvis", "explicit"
    if re.search(r"(Målet|målet) är\s+uppfyllt|är slutfört", f):
        return "uppfyllt", "explicit"
    return "TODO", "TODO"
