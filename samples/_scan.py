"""Image-only 'scanned' variant of a sample PDF (no text layer at all)."""

import time

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

DPI = 200
SEED = 20260220
FIXED_DATE = time.strptime("2026-02-20 12:00:00", "%Y-%m-%d %H:%M:%S")


def pick_pages(gold):
    """Pages to scan: RR total, Balansräkning, one unit RR and two goal-table pages."""
    tables = gold["tables"]
    rr = next(t for t in tables if t["title"] == "Resultaträkning total")
    br = next(t for t in tables if t["kind"] == "balansrakning")
    unit_rr = next(t for t in tables if t["title"] == "Resultaträkning Navet science center")
    goal_pages = sorted({g["page"] for g in gold["goals"] if g["unit"] == "Regional utveckling"})
    pages = {rr["page_start"], br["page_start"], unit_rr["page_start"], goal_pages[0], goal_pages[1]}
    return sorted(pages)


def degrade(img, rng, angle):
    """Grey-scale, slight rotation, speckle noise: a plausible office scan."""
    grey = img.convert("L")
    rotated = grey.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    arr = np.asarray(rotated, dtype=np.int16)
    noise = rng.normal(0, 5, arr.shape)
    speck = rng.random(arr.shape) < 0.0008
    arr = np.clip(arr + noise, 0, 255)
    arr[speck] = 40
    return Image.fromarray(arr.astype(np.uint8), mode="L")


def make_scanned(src_pdf, gold, out_pdf):
    """Render selected pages to images and wrap them in a new PDF; return its gold."""
    pages = pick_pages(gold)
    rng = np.random.default_rng(SEED)
    pdf = pdfium.PdfDocument(str(src_pdf))
    images = []
    for pno in pages:
        page = pdf[pno - 1]
        img = page.render(scale=DPI / 72).to_pil()
        angle = float(rng.uniform(-0.8, 0.8))
        images.append(degrade(img, rng, angle))
    pdf.close()
    # Pillow writes one JPEG image per page and no fonts or text operators;
    # fixed dates keep the file byte-stable.
    images[0].save(str(out_pdf), format="PDF", save_all=True, append_images=images[1:], resolution=DPI,
                   quality=50, title="Årsbokslut 2025 (skannad)", author="Boråsregionen Sjuhärads kommunalförbund",
                   creationDate=FIXED_DATE, modDate=FIXED_DATE)
    return subset_gold(gold, pages, out_pdf.name)


def subset_gold(gold, pages, name):
    """The part of the gold on the scanned pages, renumbered 1..n."""
    remap = {p: i + 1 for i, p in enumerate(pages)}
    out = {"file": name, "synthetic": gold["synthetic"], "metadata": dict(gold["metadata"]),
           "source_pages": pages, "sections": [], "tables": [], "goals": [], "stated_totals": []}
    out["sections"] = [dict(s, page=remap[s["page"]]) for s in gold["sections"] if s["page"] in remap]
    for t in gold["tables"]:
        if t["page_start"] in remap and t["page_end"] in remap:
            rows = [dict(r, page=remap[r["page"]]) for r in t["rows"]]
            out["tables"].append(dict(t, rows=rows, page_start=remap[t["page_start"]],
                                      page_end=remap[t["page_end"]]))
    out["goals"] = [dict(g, page=remap[g["page"]]) for g in gold["goals"] if g["page"] in remap]
    out["stated_totals"] = [dict(s, page=remap[s["page"]]) for s in gold["stated_totals"] if s["page"] in remap]
    return out
