"""Deterministic edits that derive the SYNTHETIC 2024 edition from the 2025 data.

Every edit is listed in the returned ``edits`` list (written to the 2024 gold)
and documented in ``samples/README.md``.  Nothing here is random.
"""

import copy
from collections import Counter

# (unit, goal prefix, new status, old sentence, new sentence)
STATUS_EDITS = [
    ("Regional utveckling", "Tillsammans med kommunerna formulera", "uppfyllt",
     "Uppdraget pågår och kommer att slutföras under våren 2026.", "Uppdraget är slutfört."),
    ("Regional utveckling", "Utlysa medel för kulturprojekt", "ej_uppfyllt",
     "Målet är uppfyllt.", "Målet är inte uppfyllt."),
    ("Regional utveckling", "Stimulera omställningen till ett fossiloberoende", "delvis",
     "Målet är uppfyllt.", "Målet är delvis uppfyllt."),
    ("Regional utveckling", "Samordna prioriteringar av inspel", "delvis",
     "Målet är uppfyllt.", "Målet är delvis uppfyllt."),
    ("Välfärdsutveckling", "Sjuhärads kommuner har ett delregionalt forum", "ej_uppfyllt",
     "Målet är uppfyllt.", "Målet är inte uppfyllt."),
    ("Dataskyddsombud", "Alla verksamheter (ca 75)", "delvis",
     "Målet är uppfyllt.", "Målet är delvis uppfyllt."),
    ("Vård- och omsorgscollege Sjuhärad", "Kvalitetsutveckling av stödstruktur", "uppfyllt",
     "Frågan har inte prioriterats av deltagarna och målet är inte uppfyllt.",
     "Frågan har prioriterats av deltagarna och målet är uppfyllt."),
]
REWORDS = [
    ("Regional utveckling", "Utlysa medel till förstudier inom regional utveckling",
     "Utlysa medel till förstudier inom området regional utveckling"),
    ("Business Region Borås", "Marknadsföra delregionen genom ett gemensamt erbjudande i det investeringsfrämjande arbetet",
     "Marknadsföra delregionen genom ett samlat erbjudande i det investeringsfrämjande arbetet"),
    ("Dataskyddsombud", "Marknadsföra och genomföra relevanta utbildningar inom dataskydd",
     "Marknadsföra och genomföra aktuella utbildningar inom dataskydd"),
]
REMOVED = [("Regional utveckling", "Gemensam digitalisering Sjuhärad"),
           ("Business Region Borås", "Vara en aktiv part i arbetet med omställningen till en cirkulär textilvärdekedja")]
# (unit, insert after goal prefix, row)
ADDED = [
    ("Regional utveckling", "Utlysa medel till förstudier", {
        "goal": "Ta fram en gemensam kommunikationsplan för förbundet",
        "followup": "En kommunikationsplan har tagits fram tillsammans med kommunernas kommunikatörer och "
                    "förankrats i Direktionen. Målet är uppfyllt.",
        "kind": "mål", "status": "uppfyllt", "basis": "explicit"}),
    ("Dataskyddsombud", "Bedriva omvärldsbevakning", {
        "goal": "Genomföra en översyn av avtalen för DSO-tjänsten",
        "followup": "Översynen är genomförd och reviderade avtal gäller från 2025. Målet är uppfyllt.",
        "kind": "mål", "status": "uppfyllt", "basis": "explicit"}),
]
NUM_SV = {0: "inget", 1: "ett", 2: "två", 3: "tre", 4: "fyra", 5: "fem", 6: "sex"}


def goal_counts(goals):
    """Status counts of a list of gold goals."""
    return dict(Counter(g["status"] for g in goals))


def _rows_since(rows, idx, direction):
    out = []
    rng = range(idx - 1, -1, -1) if direction < 0 else range(idx + 1, len(rows))
    for j in rng:
        r = rows[j]
        if r.get("is_total") or r.get("is_heading"):
            break
        out.append(r)
    return out


def recompute_totals(rows, col):
    """Recompute total rows of one value column from the table's sum rules."""
    for i, r in enumerate(rows):
        if not r.get("is_total") or r.get("check") is False:
            continue
        parts = []
        for ref in r.get("sum_of", ["@above"]):
            if ref == "@above":
                parts += _rows_since(rows, i, -1)
            elif ref == "@below":
                parts += _rows_since(rows, i, +1)
            else:
                parts += [x for x in rows[:i] if x["label"] == ref][-1:]
        r["values"][col] = sum((p["values"][col] or 0) for p in parts)


def _invent(v):
    # A previous year roughly 4 % lower, rounded to whole tkr; keeps signs and zeros.
    if v is None:
        return None
    return int(round(v * 0.96))


def _shift_year_table(t):
    years = [c.get("year") for c in t["columns"]]
    if years != [2025, 2024]:
        return False
    t["columns"] = [{"label": "2024", "type": "year", "year": 2024}, {"label": "2023", "type": "year", "year": 2023}]
    for r in t["rows"]:
        old24 = r["values"][1]
        r["values"] = [old24, _invent(old24)]
    recompute_totals(t["rows"], 1)
    if t["kind"] == "balansrakning":
        by = {r["label"]: r for r in t["rows"]}
        assets = by["Summa tillgångar"]["values"][1]
        by["Eget kapital"]["values"][1] = 12569  # = Ingående eget kapital 2024 (note 19)
        rest = assets - by["Eget kapital"]["values"][1] - by["Avsättningar"]["values"][1]
        by["Kortfristiga skulder"]["values"][1] = rest
        recompute_totals(t["rows"], 1)
    return True


def _link_2023(d):
    """Make the invented 2023 column agree across statements where the report links them."""
    tabs = {b["title"]: b for b in d["blocks"] if b["type"] == "table"}

    def row(title, label):
        return next(r for r in tabs[title]["rows"] if r["label"] == label)

    result_2023 = row("Resultaträkning total", "Årets resultat")["values"][1]
    before_2023 = row("Resultaträkning total", "Resultat före extraordinära poster")["values"][1]
    cash_end_2023 = row("Kassaflödesanalys", "Likvida medel vid årets början")["values"][0]  # = 2024 opening
    # Balansräkning 2023: closing values known from the 2025 report's notes and cash flow.
    row("Balansräkning", "Maskiner och inventarier")["values"][1] = 3409  # note 15, Ingående balans 2024
    row("Balansräkning", "Kassa och bank")["values"][1] = cash_end_2023
    row("Balansräkning", "Därav årets resultat")["values"][1] = result_2023
    recompute_totals(tabs["Balansräkning"]["rows"], 1)
    by = {r["label"]: r for r in tabs["Balansräkning"]["rows"]}
    by["Kortfristiga skulder"]["values"][1] = (by["Summa tillgångar"]["values"][1] - by["Eget kapital"]["values"][1]
                                               - by["Avsättningar"]["values"][1])
    recompute_totals(tabs["Balansräkning"]["rows"], 1)
    # Kassaflödesanalys 2023 starts from the 2023 result and ends at the 2023 closing cash.
    kf = tabs["Kassaflödesanalys"]["rows"]
    row("Kassaflödesanalys", "Årets resultat före extraordinära poster")["values"][1] = before_2023
    recompute_totals(kf, 1)
    flow = row("Kassaflödesanalys", "Årets kassaflöde")["values"][1]
    row("Kassaflödesanalys", "Likvida medel vid årets slut")["values"][1] = cash_end_2023
    row("Kassaflödesanalys", "Likvida medel vid årets början")["values"][1] = cash_end_2023 - flow
    # Notes 15 and 19 close at the 2023 balance-sheet values.
    n15 = tabs["Maskiner och inventarier"]["rows"]
    inv, dep = n15[1]["values"][1], n15[2]["values"][1]
    n15[0]["values"][1] = 3409 - inv - dep
    recompute_totals(n15, 1)
    n19 = tabs["Eget kapital"]["rows"]
    n19[1]["values"][1] = result_2023
    n19[0]["values"][1] = by["Eget kapital"]["values"][1] - result_2023
    recompute_totals(n19, 1)


def apply_2024_edits(data):
    """Return (data_2024, edits) derived deterministically from the 2025 data."""
    d = copy.deepcopy(data)
    edits = []
    md = d["metadata"]
    md.update({"fiscal_year": 2024, "report_date": "2025-02-20", "title": "Årsbokslut 2024"})
    edits.append({"type": "metadata", "change": "fiscal_year 2024, report_date 2025-02-20, title Årsbokslut 2024"})
    for b in d["blocks"]:
        if b["type"] == "heading" and "2025" in b["title"]:
            b["title"] = b["title"].replace("2025", "2024")
        if b["type"] == "appendix_title":
            b["title"] = b["title"].replace("2025", "2024")
            if b.get("subtitle"):
                b["subtitle"] = b["subtitle"].replace("2025", "2024")
        if b["type"] == "goal_table":
            b["header"] = [h.replace("2025", "2024") for h in b["header"]]
        if b["type"] == "grid":
            b["title"] = b["title"].replace("2025", "2024")
    edits.append({"type": "headings", "change": "'2025' -> '2024' in headings, appendix titles and goal-table headers"})
    for b in d["blocks"]:
        if b["type"] != "table":
            continue
        if _shift_year_table(b):
            continue
        if b["kind"] == "driftredovisning":
            b["columns"] = [{"label": "Utfall 2023*", "type": "period", "year": 2023},
                            {"label": "Utfall 2024*", "type": "period", "year": 2024},
                            {"label": "Budget 2024", "type": "budget", "year": 2024},
                            {"label": "Avvikelse budget", "type": "deviation", "year": None}]
            for r in b["rows"]:
                u24, bud = r["values"][0], r["values"][2]
                r["values"] = [_invent(u24), u24, bud, u24 - bud]
            recompute_totals(b["rows"], 0)
            b["footnotes"] = ["*Inkl. interna poster på 7 332 tkr för 2024"]
        elif b["kind"] == "nyckeltal":
            b["columns"] = b["columns"][:2]
            for r in b["rows"]:
                r["values"] = r["values"][:2]
        elif b["kind"] == "balanskravsresultat":
            b["columns"] = [{"label": "", "type": "year", "year": 2024}]
            b["rows"][0]["values"] = [511]
            b["rows"][2]["values"] = [511]
    _link_2023(d)
    edits.append({"type": "tables", "change": "statements show 2024 (= the 2024 column of the 2025 report) and an "
                                              "invented 2023 column (2024 x 0.96, totals recomputed, balance identity "
                                              "kept via Kortfristiga skulder); personnel table drops 2025; "
                                              "driftredovisning shifted one year; balanskravsresultat 511"})
    tables = [b for b in d["blocks"] if b["type"] == "goal_table"]

    def find(unit, prefix):
        for t in tables:
            if t["unit"] != unit:
                continue
            for r in t["rows"]:
                if "goal" in r and r["goal"].startswith(prefix):
                    return t, r
        raise KeyError((unit, prefix))

    for unit, prefix, new, old_s, new_s in STATUS_EDITS:
        t, r = find(unit, prefix)
        assert old_s in r["followup"], (unit, prefix)
        edits.append({"type": "status", "unit": unit, "goal": r["goal"], "from": r["status"], "to": new,
                      "followup_from": old_s, "followup_to": new_s})
        r["followup"] = r["followup"].replace(old_s, new_s)
        r["status"], r["basis"] = new, "explicit"
    for unit, old, new in REWORDS:
        t, r = find(unit, old)
        r["goal"] = new
        edits.append({"type": "reworded", "unit": unit, "goal_2025": old, "goal_2024": new})
    for unit, goal in REMOVED:
        t, r = find(unit, goal)
        t["rows"].remove(r)
        edits.append({"type": "only_2025", "unit": unit, "goal": goal})
    for unit, after, row in ADDED:
        t, r = find(unit, after)
        t["rows"].insert(t["rows"].index(r) + 1, dict(row))
        edits.append({"type": "only_2024", "unit": unit, "goal": row["goal"]})
    # the financial-goal statement quotes the closing equity: 13 471 tkr (2025) -> 13 080 tkr (2024)
    old_eq, new_eq = "uppgår till 13 471 tkr", "uppgår till 13 080 tkr"
    for b in d["blocks"]:
        if b["type"] == "paragraph" and old_eq in b["text"]:
            b["text"] = b["text"].replace(old_eq, new_eq)
        if b["type"] == "goal_list":
            b["followup"] = b["followup"].replace(old_eq, new_eq)
    for st in d["stated_totals"]:
        st["text"] = st["text"].replace(old_eq, new_eq)
    edits.append({"type": "text", "change": "financial-goal statement: 'uppgår till 13 471 tkr' -> "
                                            "'uppgår till 13 080 tkr' (closing equity 2024)"})
    # stated totals follow the edited statuses; the printed sentences change with them
    for st in d["stated_totals"]:
        units, kinds = st["match"]["units"], st["match"].get("kinds")
        gs = [r for t in tables if t["unit"] in units for r in t["rows"] if "goal" in r
              and (not kinds or r["kind"] in kinds)]
        if kinds:
            continue
        c = Counter(r["status"] for r in gs)
        new = {"uppfyllt": c["uppfyllt"], "delvis": c["delvis"], "ej_uppfyllt": c["ej_uppfyllt"], "total": len(gs)}
        if all(st[k] == v for k, v in new.items()):
            continue
        old_text = st["text"]
        if st["scope"].startswith("Förbundet"):
            text = (f"När det gäller de mål och uppdrag som sattes för 2024 är {new['uppfyllt']} av {new['total']} "
                    f"uppfyllda, {NUM_SV[new['delvis']]} delvis uppfyllda och {NUM_SV[new['ej_uppfyllt']]} "
                    "ej uppfyllda.")
        elif st["scope"] == "Enhet Regional utveckling":
            text = (f"Bedömningen är att {new['uppfyllt']} mål är uppfyllda under året, att {NUM_SV[new['delvis']]} "
                    f"är delvis uppfyllda och att {NUM_SV[new['ej_uppfyllt']]} inte är uppfyllt.")
        elif st["scope"] == "Enhet Välfärdsutveckling":
            text = ("Utifrån den nulägesanalys som gjordes under hösten 2023 formulerades sex specifika mål och "
                    f"uppdrag för 2024. Bedömningen är att {NUM_SV[new['uppfyllt']]} uppfyllts under året och att "
                    f"{NUM_SV[new['ej_uppfyllt']]} inte uppfyllts.")
        else:
            raise ValueError(st["scope"])
        n_hits = 0
        for b in d["blocks"]:
            if b["type"] == "paragraph" and old_text in b["text"]:
                b["text"] = b["text"].replace(old_text, text)
                n_hits += 1
        assert n_hits == 1, st["scope"]
        edits.append({"type": "stated_total", "scope": st["scope"], "text_2025": old_text, "text_2024": text})
        st.update(new)
        st["text"] = text
    return d, edits
