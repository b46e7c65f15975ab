"""Generate the synthetic goal follow-up sample ``malfoljning-symboler.pdf``.

The sample imitates an export from a Swedish planning system (Stratsys /
Hypergene style): goal tables where the assessment ("Bedömning") is given
ONLY as a coloured symbol - a vector circle, a vector rounded square or a
small embedded raster image - never as text. A colour legend on page 1 maps
colours to statuses; the symbol colours are deliberately off-standard so a
reader has to map them to the nearest legend colour.

The gold file ``malfoljning-symboler.gold.json`` is written from the same
data that drives the drawing (never by parsing the PDF).

Usage
-----
    python samples/make_symbols.py [--out DIR]

Output is deterministic: reportlab ``invariant=1``, the standard Helvetica
fonts (fixed metrics, so the layout does not depend on installed fonts) and
a fixed random seed.
"""

from __future__ import annotations

import argparse
import io
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen import canvas as rl_canvas

PDF_NAME = "malfoljning-symboler.pdf"
GOLD_NAME = "malfoljning-symboler.gold.json"
SEED = 20250
PAGE_W, PAGE_H = A4
MARGIN_X = 40.0
TOP_Y = 70.0  # below the running header
BOTTOM_Y = PAGE_H - 60.0  # above the running footer

FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"
FONT_SIZE = 9.0
LEADING = 11.0
CELL_PAD = 5.0

TITLE = "Målföljning 2025 – Kultur- och fritidsnämnden"
ORG = "Exempelby kommun"

# Off-standard shades on purpose: readers must map by nearest legend colour.
LEGEND = [
    {"label": "Uppfyllt", "status": "uppfyllt", "rgb": [58, 170, 53]},
    {"label": "Delvis uppfyllt", "status": "delvis", "rgb": [245, 184, 0]},
    {"label": "Ej uppfyllt", "status": "ej_uppfyllt", "rgb": [217, 38, 44]},
    {"label": "Ej bedömd / Ej påbörjad", "status": "ej_bedomd", "rgb": [160, 160, 160]},
]
STATUS_RGB = {item["status"]: tuple(item["rgb"]) for item in LEGEND}

GRID_GREY = (0.75, 0.75, 0.75)
HEADER_FILL = (0.16, 0.29, 0.45)
GROUP_FILL = (0.91, 0.93, 0.96)
BAR_OUTLINE = (0.55, 0.55, 0.55)
BAR_FILL = (0.27, 0.45, 0.66)

# Neutral comments: none of them reveals the assessment.
COMMENTS = [
    "Se analys i verksamhetsberättelsen.",
    "Uppföljning sker via kvartalsrapport.",
    "Mätning genomförd i november 2025.",
    "Underlag från medborgarundersökningen.",
    "Redovisas även i delårsrapporten.",
    "Nyckeltal hämtat från Kolada.",
    "Arbetet samordnas med barn- och utbildningsförvaltningen.",
    "Jämförelse görs med föregående års utfall.",
    "Dialog har förts med föreningsrådet under året.",
    "",
]

# (focus_area, goal, status) - Nämndmål, grouped by focus area, vector circles.
NAMNDMAL = [
    (
        "Fokusområde Livskvalitet och delaktighet",
        "Fler barn och unga ska delta i organiserad fritidsverksamhet",
        "delvis",
    ),
    (
        "Fokusområde Livskvalitet och delaktighet",
        "Invånarnas möjligheter till kulturupplevelser ska öka i hela kommunen",
        "uppfyllt",
    ),
    (
        "Fokusområde Livskvalitet och delaktighet",
        "Andelen invånare som är nöjda med kultur- och fritidsutbudet ska öka",
        "ej_bedomd",
    ),
    (
        "Fokusområde Hållbar samhällsutveckling",
        "Kultur- och fritidsnämndens verksamheter ska minska sin klimatpåverkan",
        "ej_uppfyllt",
    ),
    (
        "Fokusområde Hållbar samhällsutveckling",
        "Föreningslivet ska ges goda förutsättningar att utvecklas och nå fler målgrupper",
        "uppfyllt",
    ),
    (
        "Fokusområde Effektiv organisation",
        "Nämnden ska bedriva sin verksamhet inom tilldelad budgetram",
        "ej_uppfyllt",
    ),
    (
        "Fokusområde Effektiv organisation",
        "Sjukfrånvaron bland nämndens medarbetare ska minska",
        "delvis",
    ),
    (
        "Fokusområde Effektiv organisation",
        "Digitala tjänster ska utvecklas så att fler ärenden kan hanteras helt digitalt",
        "uppfyllt",
    ),
]

# unit -> symbol style for Verksamhetsmål (why: real exports mix icon sets).
VM_STYLE = {
    "Verksamhetsområde Bibliotek": ("image", "circle"),
    "Verksamhetsområde Kulturskola": ("image", "circle"),
    "Verksamhetsområde Fritid och ungdom": ("vector", "rounded_square"),
    "Verksamhetsområde Idrott och anläggningar": ("image", "circle"),
}

VERKSAMHETSMAL = [
    (
        "Verksamhetsområde Bibliotek",
        "Antalet fysiska och digitala utlån per invånare ska öka jämfört med föregående år",
        "uppfyllt",
    ),
    (
        "Verksamhetsområde Bibliotek",
        "Biblioteket ska erbjuda läsfrämjande insatser till samtliga förskolor i kommunen",
        "delvis",
    ),
    (
        "Verksamhetsområde Bibliotek",
        "Meröppet bibliotek ska införas i ytterligare två kommundelar",
        "ej_uppfyllt",
    ),
    (
        "Verksamhetsområde Bibliotek",
        "Minst 85 procent av besökarna ska uppleva att de får hjälp med digitala frågor",
        "ej_bedomd",
    ),
    (
        "Verksamhetsområde Kulturskola",
        "Kulturskolans kö ska minska till under 150 elever",
        "ej_uppfyllt",
    ),
    (
        "Verksamhetsområde Kulturskola",
        "Andelen flickor och pojkar i kulturskolans kurser ska vara jämnt fördelad",
        "delvis",
    ),
    (
        "Verksamhetsområde Kulturskola",
        "Kulturskolan ska erbjuda avgiftsfria prova-på-aktiviteter under alla skollov",
        "uppfyllt",
    ),
    (
        "Verksamhetsområde Fritid och ungdom",
        "Fritidsgårdarnas öppettider ska anpassas efter ungdomarnas önskemål",
        "uppfyllt",
    ),
    (
        "Verksamhetsområde Fritid och ungdom",
        "Minst 60 procent av besökarna på fritidsgårdarna ska vara delaktiga i planeringen "
        "av verksamheten",
        "ej_bedomd",
    ),
    (
        "Verksamhetsområde Fritid och ungdom",
        "Feriearbete ska erbjudas till samtliga sökande ungdomar i åldern 16–17 år",
        "delvis",
    ),
    (
        "Verksamhetsområde Fritid och ungdom",
        "Andelen flickor bland fritidsgårdarnas besökare ska öka",
        "ej_uppfyllt",
    ),
    (
        "Verksamhetsområde Idrott och anläggningar",
        "Beläggningsgraden i kommunens idrottshallar ska uppgå till minst 80 procent "
        "under vardagskvällar",
        "delvis",
    ),
    (
        "Verksamhetsområde Idrott och anläggningar",
        "Energiförbrukningen i Ängens simhall ska minska med 5 procent jämfört med 2024",
        "ej_uppfyllt",
    ),
    (
        "Verksamhetsområde Idrott och anläggningar",
        "Samtliga elever i årskurs 2 ska erbjudas simundervisning",
        "uppfyllt",
    ),
    (
        "Verksamhetsområde Idrott och anläggningar",
        "Tillgängligheten till spontanidrottsplatser för personer med funktionsnedsättning "
        "ska förbättras",
        "ej_bedomd",
    ),
]

AKT_STYLE = {
    "Verksamhetsområde Bibliotek": "vector",
    "Verksamhetsområde Kulturskola": "vector",
    "Verksamhetsområde Fritid och ungdom": "image",
    "Verksamhetsområde Idrott och anläggningar": "image",
}

# (unit, activity, status, progress percent, show percent as text)
AKTIVITETER = [
    (
        "Verksamhetsområde Bibliotek",
        "Genomföra sommarlovsläsning för barn 6–12 år",
        "uppfyllt",
        100.0,
        True,
    ),
    (
        "Verksamhetsområde Bibliotek",
        "Ta fram förslag till ny biblioteksplan för 2026–2029",
        "delvis",
        65.0,
        False,
    ),
    (
        "Verksamhetsområde Bibliotek",
        "Införa självbetjäning för utlån och återlämning på Östra biblioteket",
        "ej_bedomd",
        0.0,
        True,
    ),
    (
        "Verksamhetsområde Bibliotek",
        "Utöka samarbetet med studieförbunden kring digital delaktighet för äldre",
        "delvis",
        55.0,
        True,
    ),
    (
        "Verksamhetsområde Kulturskola",
        "Starta kursverksamhet i dans på tre landsbygdsskolor",
        "delvis",
        40.0,
        True,
    ),
    (
        "Verksamhetsområde Kulturskola",
        "Digitalisera anmälan och köhantering till kulturskolan",
        "uppfyllt",
        100.0,
        False,
    ),
    (
        "Verksamhetsområde Kulturskola",
        "Inventera kulturskolans lokaler och instrumentbestånd",
        "ej_uppfyllt",
        30.0,
        True,
    ),
    (
        "Verksamhetsområde Fritid och ungdom",
        "Genomföra ungdomsenkät om fritidsvanor och inflytande (Lupp)",
        "uppfyllt",
        100.0,
        True,
    ),
    (
        "Verksamhetsområde Fritid och ungdom",
        "Utveckla samverkan med socialtjänsten kring fältverksamhet kvällstid",
        "ej_uppfyllt",
        25.0,
        False,
    ),
    (
        "Verksamhetsområde Fritid och ungdom",
        "Öppna en mötesplats för unga i Västerby",
        "ej_bedomd",
        0.0,
        False,
    ),
    (
        "Verksamhetsområde Fritid och ungdom",
        "Införa digital närvaroregistrering på samtliga fritidsgårdar",
        "uppfyllt",
        100.0,
        True,
    ),
    (
        "Verksamhetsområde Idrott och anläggningar",
        "Byta till LED-belysning i Storhallen och på konstgräsplanen",
        "delvis",
        80.0,
        True,
    ),
    (
        "Verksamhetsområde Idrott och anläggningar",
        "Revidera riktlinjer för föreningsbidrag",
        "ej_uppfyllt",
        15.0,
        True,
    ),
    (
        "Verksamhetsområde Idrott och anläggningar",
        "Upprusta motionsspåret vid Hälsans stig",
        "ej_bedomd",
        0.0,
        True,
    ),
    (
        "Verksamhetsområde Idrott och anläggningar",
        "Genomföra tillgänglighetsinventering av kommunens idrottsanläggningar",
        "uppfyllt",
        100.0,
        False,
    ),
]

INTRO = (
    "Rapporten är en export från kommunens planerings- och uppföljningssystem och "
    "redovisar kultur- och fritidsnämndens målföljning per den 31 december 2025. "
    "Nämndmålen utgår från kommunfullmäktiges fokusområden och bryts ned i "
    "verksamhetsmål och aktiviteter för respektive verksamhetsområde. Bedömningen "
    "görs av ansvarig chef och redovisas med en färgsymbol enligt teckenförklaringen nedan. "
    "Fördjupade analyser finns i nämndens verksamhetsberättelse."
)
LEGEND_NOTE = (
    "Symbolens form saknar betydelse; bedömningen anges enbart med färg. "
    "Samma färger används för aktiviteternas status."
)
AKT_INTRO = (
    "Aktiviteterna är beslutade i nämndens verksamhetsplan 2025. Färdiggraden anges i "
    "procent av planerad omfattning och rapporteras av aktivitetsansvarig."
)
# Per-unit analysis texts shown under each unit's goals; general on purpose so
# they never give away the status of an individual goal.
UNIT_ANALYSIS = {
    "Verksamhetsområde Bibliotek": "Biblioteken har haft fler besök än under något år sedan 2019. Arbetet med "
    "läsfrämjande insatser har skett i samverkan med förskolorna och med stöd av "
    "statliga medel från Kulturrådet. Införandet av meröppet har påverkats av "
    "upphandlingen av passersystem.",
    "Verksamhetsområde Kulturskola": "Efterfrågan på kulturskolans kurser är fortsatt hög, framför allt inom musik och "
    "dans. Under hösten har ett arbete påbörjats med att se över avgifter, "
    "lokaler och lärartjänster för att kunna ta emot fler elever.",
    "Verksamhetsområde Fritid och ungdom": "Fritidsgårdarna har under året arbetat med ungdomsråd och regelbundna "
    "enkäter. Sommarens feriearbeten genomfördes i samarbete med kommunens "
    "arbetsmarknadsenhet och lokala föreningar. Besöksstatistiken redovisas per "
    "kön och åldersgrupp i bilaga.",
    "Verksamhetsområde Idrott och anläggningar": "Anläggningarna har haft hög beläggning under vinterhalvåret. Energiåtgärderna i "
    "simhallen har senarelagts på grund av leveransproblem, och uppföljningen av "
    "energiförbrukningen baseras på avläsningar till och med november.",
}

SUMMARY = [
    "Nämndens samlade bedömning är att arbetet under 2025 har bedrivits i enlighet med "
    "verksamhetsplanen, men att resultaten varierar mellan verksamhetsområdena. "
    "Besöksutvecklingen på biblioteken och inom föreningslivet har varit stark, medan "
    "arbetet med kulturskolans kö och med energieffektivisering i anläggningarna tar "
    "längre tid än planerat.",
    "Flera mått bygger på medborgarundersökningen som genomförs vartannat år. För de mål "
    "där nytt underlag saknas har bedömning inte gjorts, och uppföljningen återkommer i "
    "delårsrapporten 2026.",
    "Förvaltningen fortsätter under 2026 att utveckla målstyrningen med färre och tydligare "
    "mål samt nyckeltal som kan följas över tid och jämföras med andra kommuner.",
]


@dataclass
class Block:
    """One vertical piece of the flow layout."""

    height: float
    draw: Callable[[Renderer, float], None]
    kind: str = "para"
    table: TableSpec | None = None
    keep_with_next: bool = False


@dataclass
class TableSpec:
    """Column layout of one table; the header repeats after a page break."""

    headers: list[tuple[str, float, float]]  # (label, x0, x1)
    header_height: float = 18.0


@dataclass
class Renderer:
    """Holds the canvas state and collects gold rows while drawing."""

    canvas: rl_canvas.Canvas
    page: int = 1
    gold: list[dict] = field(default_factory=list)
    legend_boxes: list[dict] = field(default_factory=list)


def status_colour(status: str) -> tuple[float, float, float]:
    """Return the reportlab 0-1 RGB fill for a status."""
    r, g, b = STATUS_RGB[status]
    return (r / 255.0, g / 255.0, b / 255.0)


def circle_png(rgb: tuple[int, int, int], px: int = 40) -> ImageReader:
    """Build an anti-aliased RGBA circle in memory (no files)."""
    scale = 4
    big = Image.new("RGBA", (px * scale, px * scale), (255, 255, 255, 0))
    draw = ImageDraw.Draw(big)
    pad = scale * 2
    draw.ellipse((pad, pad, px * scale - pad - 1, px * scale - pad - 1), fill=rgb + (255,))
    small = big.resize((px, px), Image.LANCZOS)
    buf = io.BytesIO()
    small.save(buf, format="PNG", optimize=False)
    buf.seek(0)
    return ImageReader(Image.open(buf))


def to_rl(top: float) -> float:
    """Convert a top-origin y coordinate to reportlab's bottom origin."""
    return PAGE_H - top


def draw_text_lines(
    c: rl_canvas.Canvas,
    lines: list[str],
    x: float,
    top: float,
    font: str = FONT,
    size: float = FONT_SIZE,
    leading: float = LEADING,
) -> None:
    """Draw lines whose first baseline sits one font size below ``top``."""
    c.setFont(font, size)
    for i, line in enumerate(lines):
        c.drawString(x, to_rl(top + size + i * leading - 1.5), line)


def wrap(text: str, width: float, font: str = FONT, size: float = FONT_SIZE) -> list[str]:
    """Wrap text into lines fitting ``width`` points."""
    return simpleSplit(text, font, size, width) if text else []


def paragraph_block(
    text: str,
    font: str = FONT,
    size: float = 9.5,
    leading: float = 12.5,
    space_after: float = 8.0,
    keep_with_next: bool = False,
) -> Block:
    """A wrapped body-text paragraph."""
    lines = wrap(text, PAGE_W - 2 * MARGIN_X, font, size)

    def draw(r: Renderer, top: float) -> None:
        r.canvas.setFillColorRGB(0, 0, 0)
        draw_text_lines(r.canvas, lines, MARGIN_X, top, font, size, leading)

    return Block(len(lines) * leading + space_after, draw, "para", keep_with_next=keep_with_next)


def heading_block(text: str, size: float = 13.0, space_before: float = 6.0) -> Block:
    """A section heading kept together with what follows."""

    def draw(r: Renderer, top: float) -> None:
        c = r.canvas
        c.setFillColorRGB(*HEADER_FILL)
        c.setFont(FONT_BOLD, size)
        c.drawString(MARGIN_X, to_rl(top + space_before + size), text)
        c.setFillColorRGB(0, 0, 0)

    return Block(space_before + size + 9.0, draw, "heading", keep_with_next=True)


def table_header_block(spec: TableSpec) -> Block:
    """The dark column-header band of a table."""

    def draw(r: Renderer, top: float) -> None:
        c = r.canvas
        x0, x1 = spec.headers[0][1], spec.headers[-1][2]
        c.setFillColorRGB(*HEADER_FILL)
        c.rect(x0, to_rl(top + spec.header_height), x1 - x0, spec.header_height, stroke=0, fill=1)
        c.setFillColorRGB(1, 1, 1)
        c.setFont(FONT_BOLD, FONT_SIZE)
        for label, cx0, _cx1 in spec.headers:
            c.drawString(cx0 + CELL_PAD, to_rl(top + 12.5), label)
        c.setFillColorRGB(0, 0, 0)

    return Block(spec.header_height, draw, "table_header", table=spec, keep_with_next=True)


def group_block(spec: TableSpec, label: str) -> Block:
    """A unit / focus-area header row spanning the table width."""
    height = 17.0

    def draw(r: Renderer, top: float) -> None:
        c = r.canvas
        x0, x1 = spec.headers[0][1], spec.headers[-1][2]
        c.setFillColorRGB(*GROUP_FILL)
        c.rect(x0, to_rl(top + height), x1 - x0, height, stroke=0, fill=1)
        c.setFillColorRGB(*HEADER_FILL)
        c.setFont(FONT_BOLD, FONT_SIZE)
        c.drawString(x0 + CELL_PAD, to_rl(top + 11.8), label)
        c.setFillColorRGB(0, 0, 0)

    return Block(height, draw, "group", table=spec, keep_with_next=True)


def draw_symbol(
    r: Renderer, status: str, style: str, shape: str, cx: float, cy_top: float, size: float
) -> list[float]:
    """Draw a status symbol centred at (cx, cy_top); return its top-origin bbox."""
    c = r.canvas
    half = size / 2.0
    if style == "image":
        c.drawImage(IMAGES[status], cx - half, to_rl(cy_top + half), size, size, mask="auto")
    elif shape == "rounded_square":
        c.setFillColorRGB(*status_colour(status))
        c.roundRect(cx - half, to_rl(cy_top + half), size, size, size * 0.25, stroke=0, fill=1)
    else:
        c.setFillColorRGB(*status_colour(status))
        c.circle(cx, to_rl(cy_top), half, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    return [
        round(cx - half, 2),
        round(cy_top - half, 2),
        round(cx + half, 2),
        round(cy_top + half, 2),
    ]


def row_separator(c: rl_canvas.Canvas, spec: TableSpec, y_top: float) -> None:
    """Thin grey rule below a table row."""
    c.setStrokeColorRGB(*GRID_GREY)
    c.setLineWidth(0.5)
    c.line(spec.headers[0][1], to_rl(y_top), spec.headers[-1][2], to_rl(y_top))
    c.setStrokeColorRGB(0, 0, 0)


def goal_row_block(spec: TableSpec, record: dict, comment: str, style: str, shape: str) -> Block:
    """A goal row: goal text | status symbol | neutral comment."""
    (_, gx0, gx1), (_, bx0, bx1), (_, kx0, kx1) = spec.headers
    goal_lines = wrap(record["goal"], gx1 - gx0 - 2 * CELL_PAD)
    comment_lines = wrap(comment, kx1 - kx0 - 2 * CELL_PAD)
    n = max(len(goal_lines), len(comment_lines), 1)
    height = n * LEADING + 2 * CELL_PAD + 2.0

    def draw(r: Renderer, top: float) -> None:
        c = r.canvas
        draw_text_lines(c, goal_lines, gx0 + CELL_PAD, top + CELL_PAD + 1.0)
        c.setFillColorRGB(0.25, 0.25, 0.25)
        draw_text_lines(c, comment_lines, kx0 + CELL_PAD, top + CELL_PAD + 1.0, size=8.5)
        c.setFillColorRGB(0, 0, 0)
        bbox = draw_symbol(
            r, record["status"], style, shape, (bx0 + bx1) / 2.0, top + height / 2.0, 11.0
        )
        row_separator(c, spec, top + height)
        r.gold.append(dict(record, symbol=style, shape=shape, page=r.page, symbol_bbox=bbox))

    return Block(height, draw, "row", table=spec)


def activity_row_block(spec: TableSpec, record: dict, style: str, show_pct: bool) -> Block:
    """An activity row: text | status symbol | progress bar (+ maybe percent)."""
    (_, ax0, ax1), (_, sx0, sx1), (_, fx0, _fx1) = spec.headers
    lines = wrap(record["goal"], ax1 - ax0 - 2 * CELL_PAD)
    height = max(len(lines), 1) * LEADING + 2 * CELL_PAD + 2.0

    def draw(r: Renderer, top: float) -> None:
        c = r.canvas
        draw_text_lines(c, lines, ax0 + CELL_PAD, top + CELL_PAD + 1.0)
        mid = top + height / 2.0
        bbox = draw_symbol(r, record["status"], style, "circle", (sx0 + sx1) / 2.0, mid, 10.0)
        bar_x, bar_w, bar_h = fx0 + CELL_PAD, 100.0, 8.0
        c.setFillColorRGB(*BAR_FILL)
        if record["progress"] > 0:
            c.rect(
                bar_x,
                to_rl(mid + bar_h / 2.0),
                bar_w * record["progress"] / 100.0,
                bar_h,
                stroke=0,
                fill=1,
            )
        c.setStrokeColorRGB(*BAR_OUTLINE)
        c.setLineWidth(0.6)
        c.rect(bar_x, to_rl(mid + bar_h / 2.0), bar_w, bar_h, stroke=1, fill=0)
        c.setFillColorRGB(0, 0, 0)
        if show_pct:
            c.setFont(FONT, 8.5)
            c.drawString(bar_x + bar_w + 6.0, to_rl(mid + 3.0), f"{record['progress']:.0f} %")
        row_separator(c, spec, top + height)
        r.gold.append(dict(record, symbol=style, shape="circle", page=r.page, symbol_bbox=bbox))

    return Block(height, draw, "row", table=spec)


def analysis_block(spec: TableSpec, text: str) -> Block:
    """A full-width 'Analys' text row closing a unit group."""
    x0, x1 = spec.headers[0][1], spec.headers[-1][2]
    lines = wrap("Analys: " + text, x1 - x0 - 2 * CELL_PAD, "Helvetica-Oblique", 8.5)
    height = len(lines) * 10.5 + 2 * CELL_PAD + 2.0

    def draw(r: Renderer, top: float) -> None:
        c = r.canvas
        c.setFillColorRGB(0.25, 0.25, 0.25)
        draw_text_lines(
            c, lines, x0 + CELL_PAD, top + CELL_PAD + 1.0, "Helvetica-Oblique", 8.5, 10.5
        )
        c.setFillColorRGB(0, 0, 0)
        row_separator(c, spec, top + height)

    return Block(height, draw, "row", table=spec)


def legend_block() -> Block:
    """The colour legend box on page 1."""
    height = 62.0

    def draw(r: Renderer, top: float) -> None:
        c = r.canvas
        c.setStrokeColorRGB(*GRID_GREY)
        c.setLineWidth(0.6)
        c.rect(
            MARGIN_X,
            to_rl(top + height - 6.0),
            PAGE_W - 2 * MARGIN_X,
            height - 6.0,
            stroke=1,
            fill=0,
        )
        c.setFillColorRGB(0, 0, 0)
        c.setFont(FONT_BOLD, 9.5)
        c.drawString(MARGIN_X + 8.0, to_rl(top + 15.0), "Teckenförklaring")
        x = MARGIN_X + 14.0
        cy = top + 29.0
        for item in LEGEND:
            bbox = draw_symbol(r, item["status"], "vector", "circle", x, cy, 11.0)
            r.legend_boxes.append({"page": r.page, "symbol_bbox": bbox})
            c.setFont(FONT, FONT_SIZE)
            c.drawString(x + 10.0, to_rl(cy + 3.2), item["label"])
            x += 20.0 + c.stringWidth(item["label"], FONT, FONT_SIZE) + 28.0
        c.setFillColorRGB(0.3, 0.3, 0.3)
        c.setFont(FONT, 8.0)
        c.drawString(MARGIN_X + 8.0, to_rl(top + 47.0), LEGEND_NOTE)
        c.setFillColorRGB(0, 0, 0)

    return Block(height + 8.0, draw, "legend")


def title_block() -> Block:
    """Report title and metadata line."""

    def draw(r: Renderer, top: float) -> None:
        c = r.canvas
        c.setFillColorRGB(*HEADER_FILL)
        c.setFont(FONT_BOLD, 18)
        c.drawString(MARGIN_X, to_rl(top + 18), TITLE)
        c.setFillColorRGB(0.3, 0.3, 0.3)
        c.setFont(FONT, 9)
        c.drawString(
            MARGIN_X,
            to_rl(top + 34),
            f"{ORG} · Uppföljningsperiod 2025-01-01 – 2025-12-31 · Rapport: Målföljning nämnd",
        )
        c.setFillColorRGB(0, 0, 0)

    return Block(48.0, draw, "title")


def page_break_block() -> Block:
    """Force the next block onto a new page."""
    return Block(0.0, lambda r, top: None, "pagebreak")


def build_blocks() -> list[Block]:
    """Turn the data tables into a flat list of layout blocks."""
    rng = random.Random(SEED)
    content_x1 = PAGE_W - MARGIN_X

    def goal_cols(first: str) -> TableSpec:
        return TableSpec(
            [
                (first, MARGIN_X, 330.0),
                ("Bedömning", 330.0, 398.0),
                ("Kommentar", 398.0, content_x1),
            ]
        )

    blocks = [title_block(), paragraph_block(INTRO), legend_block()]

    blocks.append(heading_block("1. Nämndmål"))
    spec = goal_cols("Nämndmål")
    blocks.append(table_header_block(spec))
    current = None
    for focus, goal, status in NAMNDMAL:
        if focus != current:
            blocks.append(group_block(spec, focus))
            current = focus
        record = {
            "unit": None,
            "focus_area": focus,
            "kind": "mål",
            "table_header": "Nämndmål",
            "goal": goal,
            "status": status,
            "basis": "symbol",
            "progress": None,
        }
        blocks.append(goal_row_block(spec, record, rng.choice(COMMENTS), "vector", "circle"))
    blocks.append(Block(10.0, lambda r, top: None, "spacer"))

    blocks.append(page_break_block())
    blocks.append(heading_block("2. Verksamhetsmål"))
    blocks.append(
        paragraph_block(
            "Verksamhetsmålen redovisas per verksamhetsområde. Varje verksamhetsmål är "
            "kopplat till ett eller flera av nämndmålen ovan.",
            keep_with_next=True,
        )
    )
    spec = goal_cols("Verksamhetsmål")
    blocks.append(table_header_block(spec))
    current = None
    for unit, goal, status in VERKSAMHETSMAL:
        if unit != current:
            if current is not None:
                blocks.append(analysis_block(spec, UNIT_ANALYSIS[current]))
            blocks.append(group_block(spec, unit))
            current = unit
        style, shape = VM_STYLE[unit]
        record = {
            "unit": unit,
            "focus_area": None,
            "kind": "mål",
            "table_header": "Verksamhetsmål",
            "goal": goal,
            "status": status,
            "basis": "symbol",
            "progress": None,
        }
        blocks.append(goal_row_block(spec, record, rng.choice(COMMENTS), style, shape))
    blocks.append(analysis_block(spec, UNIT_ANALYSIS[current]))
    blocks.append(Block(10.0, lambda r, top: None, "spacer"))

    blocks.append(heading_block("3. Aktiviteter"))
    blocks.append(paragraph_block(AKT_INTRO, keep_with_next=True))
    spec = TableSpec(
        [
            ("Aktivitet", MARGIN_X, 335.0),
            ("Status", 335.0, 385.0),
            ("Färdiggrad", 385.0, content_x1),
        ]
    )
    blocks.append(table_header_block(spec))
    current = None
    for unit, act, status, progress, show_pct in AKTIVITETER:
        if unit != current:
            blocks.append(group_block(spec, unit))
            current = unit
        record = {
            "unit": unit,
            "focus_area": None,
            "kind": "aktivitet",
            "table_header": "Aktivitet",
            "goal": act,
            "status": status,
            "basis": "symbol",
            "progress": progress,
        }
        blocks.append(activity_row_block(spec, record, AKT_STYLE[unit], show_pct))

    blocks.append(page_break_block())
    blocks.append(heading_block("4. Sammanfattande analys"))
    for text in SUMMARY:
        blocks.append(paragraph_block(text))
    return blocks


def paginate(blocks: list[Block]) -> list[list[tuple[Block, float]]]:
    """Assign each block a page and a top coordinate.

    Table headers are repeated when a table continues on a new page, and
    ``keep_with_next`` chains never end at the bottom of a page.
    """
    pages: list[list[tuple[Block, float]]] = [[]]
    y = TOP_Y
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == "pagebreak":
            pages.append([])
            y = TOP_Y
            i += 1
            continue
        needed, j = block.height, i
        while blocks[j].keep_with_next and j + 1 < len(blocks):
            j += 1
            needed += blocks[j].height
        if y + needed > BOTTOM_Y and pages[-1]:
            pages.append([])
            y = TOP_Y
            if block.kind in ("row", "group") and block.table is not None:
                header = table_header_block(block.table)
                pages[-1].append((header, y))
                y += header.height
        pages[-1].append((block, y))
        y += block.height
        i += 1
    return pages


def draw_page_frame(c: rl_canvas.Canvas, page: int, total: int) -> None:
    """Running header and footer, as in planning-system exports."""
    c.setFillColorRGB(0.35, 0.35, 0.35)
    c.setFont(FONT, 8)
    c.drawString(MARGIN_X, to_rl(36), f"{ORG} – Kultur- och fritidsnämnden")
    c.drawRightString(PAGE_W - MARGIN_X, to_rl(36), "Målföljning 2025")
    c.setStrokeColorRGB(*GRID_GREY)
    c.setLineWidth(0.5)
    c.line(MARGIN_X, to_rl(42), PAGE_W - MARGIN_X, to_rl(42))
    c.line(MARGIN_X, to_rl(PAGE_H - 44), PAGE_W - MARGIN_X, to_rl(PAGE_H - 44))
    c.drawString(MARGIN_X, to_rl(PAGE_H - 32), "Utskriven 2026-01-20 från Stratsys")
    c.drawRightString(PAGE_W - MARGIN_X, to_rl(PAGE_H - 32), f"Sida {page} av {total}")
    c.setFillColorRGB(0, 0, 0)
    c.setStrokeColorRGB(0, 0, 0)


IMAGES = {status: circle_png(rgb) for status, rgb in STATUS_RGB.items()}


def build(out_dir: Path) -> tuple[Path, Path]:
    """Write the PDF and its gold JSON into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf_path = out_dir / PDF_NAME
    gold_path = out_dir / GOLD_NAME
    c = rl_canvas.Canvas(str(pdf_path), pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(TITLE)
    c.setAuthor(ORG)
    c.setCreator("arsbok samples/make_symbols.py")
    renderer = Renderer(c)
    pages = paginate(build_blocks())
    for number, placed in enumerate(pages, start=1):
        renderer.page = number
        draw_page_frame(c, number, len(pages))
        for block, top in placed:
            block.draw(renderer, top)
        c.showPage()
    c.save()

    legend = [dict(item, **box) for item, box in zip(LEGEND, renderer.legend_boxes, strict=True)]
    gold = {
        "file": PDF_NAME,
        "synthetic": True,
        "pages": len(pages),
        "progress_unit": "percent",
        "legend": legend,
        "goals": renderer.gold,
    }
    gold_path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return pdf_path, gold_path


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent,
        help="output directory (default: samples/)",
    )
    args = parser.parse_args()
    pdf_path, gold_path = build(args.out)
    print(f"wrote {pdf_path} ({pdf_path.stat().st_size} bytes) and {gold_path}")


if __name__ == "__main__":
    main()
