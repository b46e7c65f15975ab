"""Build the kommunalförbund sample reports and their gold files.

``python samples/build_samples.py [--out DIR]`` writes, deterministically,
``arsbokslut-2025.pdf``, ``arsbokslut-2024.pdf`` (synthetic previous year),
``arsbokslut-2025-scanned.pdf`` and a ``.gold.json`` for each.  All content
comes from ``samples/arsbokslut-2025.yaml``; the gold is written from the same
data (never by parsing a PDF), with the page numbers reportlab actually used.
"""

import argparse
import copy
import json
import sys
from pathlib import Path

import yaml
from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _edits import apply_2024_edits, goal_counts  # noqa: E402
from _layout import esc, fmt_number, force_breaks, hyphenate, register_fonts  # noqa: E402
from _scan import make_scanned  # noqa: E402

DATA = HERE / "arsbokslut-2025.yaml"
F = register_fonts()

BODY = ParagraphStyle("body", fontName=F["body"], fontSize=10.5, leading=13.5, alignment=TA_JUSTIFY,
                      spaceAfter=6, embeddedHyphenation=1, uriWasteReduce=0.3, justifyBreaks=1)
BULLET = ParagraphStyle("bullet", parent=BODY, leftIndent=14, bulletIndent=4, spaceAfter=2,
                        bulletFontName=F["body"])
BULLET2 = ParagraphStyle("bullet2", parent=BULLET, leftIndent=28, bulletIndent=18)
H_STYLES = {
    1: ParagraphStyle("h1", fontName=F["head"], fontSize=16, leading=20, spaceBefore=6, spaceAfter=10),
    2: ParagraphStyle("h2", fontName=F["head"], fontSize=14, leading=18, spaceBefore=10, spaceAfter=6),
    3: ParagraphStyle("h3", fontName=F["head"], fontSize=12, leading=15, spaceBefore=8, spaceAfter=4),
    4: ParagraphStyle("h4", fontName=F["head"], fontSize=11, leading=14, spaceBefore=6, spaceAfter=3),
    5: ParagraphStyle("h5", fontName=F["head"], fontSize=10.5, leading=13, spaceBefore=4, spaceAfter=2),
}
CELL = ParagraphStyle("cell", fontName=F["body"], fontSize=9.5, leading=11.5, alignment=TA_LEFT,
                      embeddedHyphenation=1)
CELL_J = ParagraphStyle("cellj", parent=CELL, alignment=TA_JUSTIFY, spaceAfter=4, justifyBreaks=1)
CELL_B = ParagraphStyle("cellb", parent=CELL, fontName=F["body_bold"])
CELL_H = ParagraphStyle("cellh", parent=CELL, fontName=F["head"], fontSize=9.5)
NUM = ParagraphStyle("num", parent=CELL, alignment=TA_RIGHT)
NUM_B = ParagraphStyle("numb", parent=NUM, fontName=F["body_bold"])
GRID = ParagraphStyle("grid", fontName=F["sans"], fontSize=8.5, leading=10.2)
GRID_H = ParagraphStyle("gridh", parent=GRID, fontName=F["head"])
SHADE = colors.Color(0.85, 0.89, 0.94)
FOCUS_SHADE = colors.Color(0.93, 0.95, 0.97)
RULE = colors.Color(0.55, 0.55, 0.55)

PORTRAIT_W = A4[0] - 50 * mm


class Marked(Paragraph):
    """Paragraph that remembers a gold key so afterFlowable can record its page."""

    def __init__(self, text, style, key=None, **kw):
        super().__init__(text, style, **kw)
        self.gold_key = key

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        for i, part in enumerate(parts):
            part.gold_key = self.gold_key if i == 0 else None
        return parts


class Doc(BaseDocTemplate):
    """Document that records on which page each keyed flowable or table row lands."""

    def __init__(self, path, edition, **kw):
        super().__init__(str(path), **kw)
        self.edition = edition
        self.pages = {}
        portrait = Frame(25 * mm, 20 * mm, A4[0] - 50 * mm, A4[1] - 45 * mm, id="p", leftPadding=0,
                         rightPadding=0, topPadding=0, bottomPadding=0)
        land = Frame(15 * mm, 15 * mm, A4[1] - 30 * mm, A4[0] - 40 * mm, id="l", leftPadding=0,
                     rightPadding=0, topPadding=0, bottomPadding=0)
        title = Frame(25 * mm, 25 * mm, A4[0] - 50 * mm, A4[1] - 50 * mm, id="t")
        self.addPageTemplates([
            PageTemplate("title", [title], onPage=self._no_header, pagesize=A4),
            PageTemplate("main", [portrait], onPage=self._header_main, pagesize=A4),
            PageTemplate("appendix", [portrait], onPage=self._header_appendix, pagesize=A4),
            PageTemplate("landscape", [land], onPage=self._header_land, pagesize=landscape(A4)),
        ])

    def beforeDocument(self):
        # multiBuild runs several passes; only the last pass's pages count.
        self.pages = {}

    def _no_header(self, c, doc):
        c._ars_header = None

    def _draw(self, c, left, width, height):
        c.saveState()
        c.setFont(F["sans"], 9)
        y = height - 14 * mm
        c.drawString(25 * mm if width < 700 else 15 * mm, y, left)
        c.drawCentredString(width / 2, y, self.edition["date"])
        c.setStrokeColor(RULE)
        c.setLineWidth(0.4)
        c.line(25 * mm if width < 700 else 15 * mm, y - 2.5 * mm, width - (25 * mm if width < 700 else 15 * mm),
               y - 2.5 * mm)
        c.restoreState()
        c._ars_header = (width, y)

    def _header_main(self, c, doc):
        self._draw(c, "Årsbokslut", A4[0], A4[1])

    def _header_appendix(self, c, doc):
        self._draw(c, "Årsrapport Driftverksamheter", A4[0], A4[1])

    def _header_land(self, c, doc):
        self._draw(c, self.edition["icp_title"], A4[1], A4[0])

    def afterFlowable(self, flowable):
        page = self.page
        key = getattr(flowable, "gold_key", None)
        if key is not None:
            self.pages.setdefault(key, page)
            if isinstance(key, tuple) and key[0] == "toc":
                self.notify("TOCEntry", (key[1], key[2], page))
        if isinstance(flowable, Table):
            for row in flowable._cellvalues:
                cell = row[0]
                if isinstance(cell, (list, tuple)):
                    cell = cell[0] if cell else None
                k = getattr(cell, "gold_key", None)
                if k is not None:
                    self.pages.setdefault(k, page)


def make_canvas_class():
    """Canvas that writes 'Sida N (M)' once the total page count is known."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *a, **kw):
            kw["invariant"] = 1
            super().__init__(*a, **kw)
            self._saved = []
            self._ars_header = None

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()
            self._ars_header = None

        def save(self):
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                hdr = self._ars_header
                if hdr:
                    width, y = hdr
                    margin = 25 * mm if width < 700 else 15 * mm
                    self.setFont(F["sans"], 9)
                    self.drawRightString(width - margin, y, f"Sida {self._pageNumber} ({total})")
                super().showPage()
            super().save()

    return NumberedCanvas


# ---------------------------------------------------------------------------
# Flowable construction


class Builder:
    """Turn the YAML blocks into flowables and collect gold skeleton records."""

    def __init__(self, doc_data, edition):
        self.d = doc_data
        self.ed = edition
        self.story = []
        self.sections, self.tables, self.goals, self.stated = [], [], [], []
        self.cur_section = None
        self.in_appendix = False
        self.key_n = 0
        self.forced = set()

    def key(self, kind):
        self.key_n += 1
        return (kind, self.key_n)

    def para(self, text, style=BODY, key=None):
        return Marked(force_breaks(hyphenate(esc(text)), self.forced, style, PORTRAIT_W), style, key)

    def build(self):
        md = self.d["metadata"]
        s = self.story
        s.append(Spacer(1, 70 * mm))
        s.append(Paragraph(esc(md["title"]), ParagraphStyle("t", fontName=F["head"], fontSize=30, leading=36)))
        s.append(Spacer(1, 8 * mm))
        s.append(Paragraph(esc(md["organisation"]), ParagraphStyle("o", fontName=F["sans"], fontSize=16,
                                                                  leading=20)))
        s.append(Spacer(1, 4 * mm))
        s.append(Paragraph(esc(md["report_date"]), ParagraphStyle("d", fontName=F["sans"], fontSize=12)))
        s.append(NextPageTemplate("main"))
        s.append(PageBreak())
        s.append(Paragraph("Innehållsförteckning", H_STYLES[1]))
        toc = TableOfContents(dotsMinLevel=0)
        toc.levelStyles = [
            ParagraphStyle("toc0", fontName=F["head"], fontSize=10.5, leading=14, leftIndent=0,
                           firstLineIndent=0, spaceBefore=4),
            ParagraphStyle("toc1", fontName=F["body"], fontSize=10, leading=12.5, leftIndent=14,
                           firstLineIndent=0),
            ParagraphStyle("toc2", fontName=F["body"], fontSize=9.5, leading=12, leftIndent=28,
                           firstLineIndent=0),
        ]
        s.append(toc)
        s.append(PageBreak())
        first_heading = True
        for block in self.d["blocks"]:
            getattr(self, "b_" + block["type"])(block, first_heading)
            if block["type"] == "heading":
                first_heading = False
        return s

    # -- blocks
    def b_heading(self, b, first):
        level = b["level"]
        text = ((b["number"] + " ") if b["number"] else "") + b["title"]
        if level == 1 and not first and not self.in_appendix:
            self.story.append(PageBreak())
        if b["number"]:
            self.cur_section = b["number"]
        k = ("toc", min(level - 1, 2), text, self.key_n + 1) if (level <= 3 and not (
            self.in_appendix and level > 2)) else self.key("h")
        if k[0] == "toc":
            self.key_n += 1
        self.sections.append({"number": b["number"], "title": b["title"], "level": level, "_key": k})
        self.story.append(CondPageBreak(30 * mm))
        self.story.append(Marked(esc(text), H_STYLES[min(level, 5)], k))

    def b_paragraph(self, b, first):
        k = self.key("p")
        self.story.append(self.para(b["text"], BODY, k))
        for st in self.d["stated_totals"]:
            if st["text"] in b["text"] and "_key" not in st:
                st["_key"] = k

    def b_list(self, b, first):
        start = b.get("start", 1)
        for i, item in enumerate(b["items"]):
            bullet = f"{start + i}." if b.get("ordered") else b.get("bullet", "•")
            style = BULLET2 if b.get("level") else BULLET
            self.story.append(Paragraph(hyphenate(esc(item)), style, bulletText=bullet))
        self.story.append(Spacer(1, 4))

    def b_goal_list(self, b, first):
        k = self.key("gl")
        for i, item in enumerate(b["items"]):
            p = Marked(hyphenate(esc(item)), BULLET, k if i == 0 else None)
            p.bulletText = f"{i + 1}."
            self.story.append(p)
            self.goals.append({"unit": b["unit"], "focus_area": None, "kind": b["kind"], "goal": item,
                               "followup": b["followup"], "status": b["status"], "basis": b["basis"],
                               "_key": k})
        self.story.append(Spacer(1, 4))

    def b_text_table(self, b, first):
        cols = b.get("columns")
        widths = [w * PORTRAIT_W for w in (b.get("widths") or [1.0 / len(b["rows"][0])] * len(b["rows"][0]))]
        data = []
        if cols:
            data.append([Paragraph(esc(c), CELL_H) for c in cols])
        for row in b["rows"]:
            cells = []
            for c in row:
                parts = [p for p in str(c).split("\n\n")]
                cells.append([Paragraph(hyphenate(esc(p)).replace("\n", "<br/>"), CELL_J) for p in parts])
            data.append(cells)
        t = Table(data, colWidths=widths, repeatRows=1 if cols else 0, hAlign="LEFT")
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                               ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))
        self.story.append(t)
        self.story.append(Spacer(1, 8))

    def b_table(self, b, first):
        cols = b["columns"]
        note_col = bool(b.get("note_column"))
        ncol = len(cols)
        label_w = PORTRAIT_W * (0.52 if ncol <= 2 else 0.40)
        rest = PORTRAIT_W - label_w - (12 * mm if note_col else 0)
        widths = [label_w] + [rest / ncol] * ncol + ([12 * mm] if note_col else [])
        header = [Paragraph(esc(b.get("header_label", "Tkr") or ""), CELL_H)]
        header += [Paragraph(esc(c["label"]).replace(" ", "<br/>") if ncol > 3 else esc(c["label"]),
                             ParagraphStyle("hr", parent=CELL_H, alignment=TA_RIGHT)) for c in cols]
        if note_col:
            header.append(Paragraph("Not", ParagraphStyle("hn", parent=CELL_H, alignment=TA_RIGHT)))
        data = [header]
        style = [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
                 ("TOPPADDING", (0, 0), (-1, -1), 1.2), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
                 ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
        rec = {"kind": b["kind"], "title": b["title"], "section": None if self.in_appendix else self.cur_section,
               "unit": b.get("unit"), "note_number": b.get("note_number"),
               "columns": [dict(c) for c in cols] + ([{"label": "Not", "type": "note", "year": None}]
                                                     if note_col else []),
               "rows": []}
        suffix = b.get("value_suffix", "")
        cap_key = None
        if b["kind"] == "not" or b.get("caption"):
            cap_key = self.key("cap")
            cap = f"{b['note_number']} {b['title']}" if b["kind"] == "not" else b["caption"]
            caption = Marked(esc(cap), ParagraphStyle("cap", fontName=F["head"], fontSize=10, leading=13,
                                                      spaceBefore=6, spaceAfter=2), cap_key)
        for i, r in enumerate(b["rows"], start=1):
            k = self.key("r")
            bold = r.get("is_total") or r.get("is_heading")
            indent = 10 * r.get("level", 0)
            lab = Marked(hyphenate(esc(r["label"])), ParagraphStyle("l", parent=CELL_B if bold else CELL,
                                                                    leftIndent=indent), k)
            vals = [Paragraph(esc(fmt_number(v) + (suffix if v is not None else "")), NUM_B if bold else NUM)
                    for v in r["values"]]
            row = [lab] + vals
            if note_col:
                row.append(Paragraph(esc(r.get("note") or ""), NUM))
            data.append(row)
            if r.get("is_total"):
                style.append(("LINEABOVE", (1, i), (ncol, i), 0.4, RULE))
            rec["rows"].append({"label": r["label"], "values": list(r["values"]), "note": r.get("note"),
                                "is_total": bool(r.get("is_total")), "is_heading": bool(r.get("is_heading")),
                                "level": r.get("level", 0), "_key": k})
        rec["_cap"] = cap_key
        t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT", splitByRow=1)
        t.setStyle(TableStyle(style))
        flow = [t]
        if cap_key:
            flow = [caption, t]
        if len(b["rows"]) <= 30:
            # keep small statements and notes on one page (with their heading), as printed reports do
            need = (len(b["rows"]) + 3) * 13.5
            st = self.story
            if len(st) >= 2 and isinstance(st[-1], Marked) and st[-1].style.name in ("h2", "h3", "h4") \
                    and isinstance(st[-2], CondPageBreak):
                st[-2] = CondPageBreak(need + 30)
            else:
                st.append(CondPageBreak(need))
        self.story.extend(flow)
        for fn in b.get("footnotes", []):
            self.story.append(Paragraph(esc(fn), ParagraphStyle("fn", parent=CELL, fontSize=8.5)))
        self.story.append(Spacer(1, 8))
        self.tables.append(rec)

    def b_goal_table(self, b, first):
        # One table per focus area (header row repeated on continuation pages) so that a
        # shaded focus-area row never ends up alone at the bottom of a page.
        groups, cur = [], []
        for r in b["rows"]:
            if "focus_area_row" in r and cur:
                groups.append(cur)
                cur = []
            cur.append(r)
        if cur:
            groups.append(cur)
        st = self.story
        if len(st) >= 2 and isinstance(st[-1], Marked) and st[-1].style.name in ("h2", "h3", "h4") \
                and isinstance(st[-2], CondPageBreak):
            st[-2] = CondPageBreak(160)  # keep the heading with the first goal rows
        focus = None
        for gi, group in enumerate(groups):
            focus = self._goal_group(b, group, focus)
            if gi + 1 < len(groups):
                self.story.append(CondPageBreak(110))
        self.story.append(Spacer(1, 10))

    def _goal_group(self, b, rows, focus):
        w = [PORTRAIT_W * 0.31, PORTRAIT_W * 0.69]
        data = [[Paragraph(esc(h), CELL_H) for h in b["header"]]]
        style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                 ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE), ("LINEABOVE", (0, 0), (-1, 0), 0.3, RULE),
                 ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                 ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
        for r in rows:
            i = len(data)
            if "focus_area_row" in r:
                focus = r["focus_area_row"]
                data.append([Paragraph(esc(focus), CELL_B), ""])
                style += [("SPAN", (0, i), (1, i)), ("BACKGROUND", (0, i), (1, i), FOCUS_SHADE)]
                continue
            k = self.key("g")
            paras = r["followup"].split("\n\n")
            cells = [Paragraph(force_breaks(hyphenate(esc(p)).replace("\n", "<br/>"), self.forced, CELL_J,
                                            PORTRAIT_W * 0.69 - 8), CELL_J)
                     for p in paras]
            data.append([Marked(hyphenate(esc(r["goal"])).replace("\n", "<br/>"), CELL, k), cells])
            self.goals.append({"unit": b["unit"], "focus_area": focus, "kind": r["kind"], "goal": r["goal"],
                               "followup": " ".join(p.replace("\n", " ") for p in paras),
                               "status": r["status"], "basis": r["basis"], "_key": k})
        t = Table(data, colWidths=w, repeatRows=1, splitByRow=1, hAlign="LEFT")
        t.setStyle(TableStyle(style))
        self.story.append(t)
        return focus

    def b_appendix_title(self, b, first):
        self.in_appendix = True
        k = ("toc", 0, b["title"], self.key_n + 1)
        self.key_n += 1
        self.sections.append({"number": None, "title": b["title"], "level": 1, "_key": k})
        if b.get("landscape"):
            self.story.append(NextPageTemplate("landscape"))
            self.story.append(PageBreak())
            self.story.append(Marked(esc(b["title"]), H_STYLES[1], k))
            # the plan's printed title line continues with the organisation name
            self.story.append(Paragraph(esc(self.d["metadata"]["organisation"]),
                                        ParagraphStyle("ao", fontName=F["sans"], fontSize=11, leading=14)))
            self.story.append(Spacer(1, 4))
            return
        self.story.append(NextPageTemplate("title"))
        self.story.append(PageBreak())
        self.story.append(Spacer(1, 70 * mm))
        self.story.append(Marked(esc(b["title"]), ParagraphStyle("at", fontName=F["head"], fontSize=26,
                                                                leading=32), k))
        self.story.append(Spacer(1, 6 * mm))
        self.story.append(Paragraph(esc(b["subtitle"]), ParagraphStyle("as", fontName=F["sans"], fontSize=14)))
        self.story.append(NextPageTemplate("appendix"))
        self.story.append(PageBreak())

    def b_grid(self, b, first):
        width = A4[1] - 30 * mm
        for line in b.get("intro", []):
            self.story.append(Paragraph(esc(line), ParagraphStyle("gi", parent=GRID, fontSize=9.5, leading=12)))
        self.story.append(Spacer(1, 6))
        data = [[Paragraph(esc(c), GRID_H) for c in b["columns"]]]
        style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                 ("BACKGROUND", (0, 0), (-1, 0), SHADE)]
        for r in b["rows"]:
            i = len(data)
            if isinstance(r, dict):
                data.append([Paragraph(esc(r["group"]), GRID_H)] + [""] * (len(b["columns"]) - 1))
                style += [("SPAN", (0, i), (-1, i)), ("BACKGROUND", (0, i), (-1, i), colors.Color(0.93, 0.93, 0.93))]
            else:
                data.append([Paragraph(hyphenate(esc(c)).replace("\n", "<br/>"), GRID) for c in r])
        t = Table(data, colWidths=[w * width for w in b["widths"]], repeatRows=1, splitByRow=1, hAlign="LEFT")
        t.setStyle(TableStyle(style))
        self.story.append(t)

    def MANUAL(self, b, first):  # pragma: no cover - guard against unfinished data
        raise ValueError(f"unfinished MANUAL block in data: {b!r}")


def build_pdf(data, path, edition):
    """Render one edition; return the gold dict (with page numbers)."""
    data = copy.deepcopy(data)
    builder = Builder(data, edition)
    story = builder.build()
    md = data["metadata"]
    doc = Doc(path, edition, pagesize=A4, title=md["title"], author=md["organisation"],
              subject=f"{md['title']} {md['organisation']}", creator="arsbok samples/build_samples.py",
              producer="reportlab", invariant=1, initialFontName=F["body"])
    doc.multiBuild(story, canvasmaker=make_canvas_class())
    pages = doc.pages
    gold = {"file": path.name, "synthetic": edition["synthetic"],
            "metadata": {k: md[k] for k in ("organisation", "org_number", "report_type", "fiscal_year",
                                            "report_date")},
            "sections": [], "tables": [], "goals": [], "stated_totals": []}
    for s in builder.sections:
        gold["sections"].append({"number": s["number"], "title": s["title"], "level": s["level"],
                                 "page": pages[s["_key"]]})
    for t in builder.tables:
        rows = []
        for r in t["rows"]:
            r = dict(r)
            r["page"] = pages[r.pop("_key")]
            rows.append(r)
        ps = [r["page"] for r in rows] + ([pages[t["_cap"]]] if t["_cap"] else [])
        gold["tables"].append({"kind": t["kind"], "title": t["title"], "section": t["section"], "unit": t["unit"],
                               "page_start": min(ps), "page_end": max(ps), "note_number": t["note_number"],
                               "columns": t["columns"], "rows": rows})
    for g in builder.goals:
        g = dict(g)
        g["page"] = pages[g.pop("_key")]
        gold["goals"].append(g)
    for st in data["stated_totals"]:
        gold["stated_totals"].append({"scope": st["scope"], "text": st["text"], "uppfyllt": st["uppfyllt"],
                                      "delvis": st["delvis"], "ej_uppfyllt": st["ej_uppfyllt"],
                                      "total": st["total"], "page": pages[st["_key"]]})
    return gold


def write_json(obj, path):
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(obj, fh, ensure_ascii=False, indent=1)
        fh.write("\n")


def load_data():
    with open(DATA, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(HERE), help="output directory (default: samples/)")
    ap.add_argument("--skip-scan", action="store_true", help="do not build the scanned PDF")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    data = load_data()
    ed25 = {"date": data["metadata"]["report_date"], "synthetic": False, "icp_title": "Internkontrollplan 2025"}
    gold25 = build_pdf(data, out / "arsbokslut-2025.pdf", ed25)
    write_json(gold25, out / "arsbokslut-2025.gold.json")
    data24, edits = apply_2024_edits(data)
    ed24 = {"date": data24["metadata"]["report_date"], "synthetic": True, "icp_title": "Internkontrollplan 2024"}
    gold24 = build_pdf(data24, out / "arsbokslut-2024.pdf", ed24)
    gold24["edits"] = edits
    write_json(gold24, out / "arsbokslut-2024.gold.json")
    if not args.skip_scan:
        gold_sc = make_scanned(out / "arsbokslut-2025.pdf", gold25, out / "arsbokslut-2025-scanned.pdf")
        write_json(gold_sc, out / "arsbokslut-2025-scanned.gold.json")
    for name, gold in (("2025", gold25), ("2024", gold24)):
        print(f"{name}: sections={len(gold['sections'])} tables={len(gold['tables'])} "
              f"goals={len(gold['goals'])} status={goal_counts(gold['goals'])}")


if __name__ == "__main__":
    main()
