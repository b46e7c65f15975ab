"""Broken and hostile PDFs, made from good ones: shared by the tests and the fuzz harnesses.

Byte-level mutators take ``(data, rng)`` and return new bytes; they are deterministic for a
seeded `random.Random`. Structural builders write a hostile file with pikepdf. Nothing here
imports arsbok: the harnesses and tests decide what to run on the result.
"""

from __future__ import annotations

import random
import re
import warnings
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf

Mutator = Callable[[bytes, random.Random], bytes]


# --- byte level -----------------------------------------------------------------------------


def truncate(data: bytes, rng: random.Random) -> bytes:
    """Cut the file at a random offset (a half-finished download)."""
    return data[: rng.randrange(1, max(2, len(data)))]


def truncate_tail(data: bytes, rng: random.Random) -> bytes:
    """Cut the last few hundred bytes: trailer and xref gone, body intact."""
    return data[: max(1, len(data) - rng.randrange(1, min(len(data), 600)))]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    """Overwrite 1 to 32 bytes with random values."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 32)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def flip_bits(data: bytes, rng: random.Random) -> bytes:
    """Flip single bits (a bad disk or a bad transfer)."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def zero_block(data: bytes, rng: random.Random) -> bytes:
    """Zero a block of 1 to 4096 bytes (a sparse file, a lost disk sector)."""
    start = rng.randrange(len(data))
    size = rng.randint(1, 4096)
    end = min(len(data), start + size)
    return data[:start] + bytes(end - start) + data[end:]


def delete_block(data: bytes, rng: random.Random) -> bytes:
    """Remove a block: every byte offset after it (the xref) is now wrong."""
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 2048) :]


def duplicate_block(data: bytes, rng: random.Random) -> bytes:
    """Insert a copy of a block elsewhere (objects defined twice, offsets off)."""
    start = rng.randrange(len(data))
    block = data[start : start + rng.randint(1, 2048)]
    at = rng.randrange(len(data))
    return data[:at] + block + data[at:]


#: Tokens that matter to a PDF parser; replacing one with another breaks structure, not bytes.
_TOKENS = [
    b"obj", b"endobj", b"stream", b"endstream", b"xref", b"trailer", b"startxref", b"R",
    b"<<", b">>", b"[", b"]", b"/Kids", b"/Count", b"/Length", b"/Filter", b"/FlateDecode",
    b"/Contents", b"/MediaBox", b"/Font", b"/Type", b"/Page", b"/Pages", b"/Root", b"null",
    b"-1", b"0", b"999999999", b"1e308", b"-0.0", b"BT", b"ET", b"Tj", b"TJ", b"Tf", b"Td",
    b"Tm", b"cm", b"q", b"Q", b"re", b"f", b"S", b"Do", b"(", b")",
]  # fmt: skip


def swap_token(data: bytes, rng: random.Random) -> bytes:
    """Replace a PDF token where it occurs with another one (structure-aware damage)."""
    out = data
    for _ in range(rng.randint(1, 8)):
        old = rng.choice(_TOKENS)
        positions = [mt.start() for mt in re.finditer(re.escape(old), out)]
        if not positions:
            continue
        at = rng.choice(positions)
        out = out[:at] + rng.choice(_TOKENS) + out[at + len(old) :]
    return out


def remove_xref(data: bytes, rng: random.Random | None = None) -> bytes:
    """Blank the cross-reference table (or stream pointer): readers must rebuild it."""
    out = bytearray(data)
    start = data.rfind(b"\nxref")
    end = data.rfind(b"trailer")
    if 0 <= start < end:
        out[start + 1 : end] = b" " * (end - start - 1)
    sx = data.rfind(b"startxref")
    if sx >= 0:
        out[sx : sx + 9] = b"         "
    return bytes(out)


def html_as_pdf(data: bytes | None = None, rng: random.Random | None = None) -> bytes:
    """What a web server returns instead of the report: an error page saved as .pdf."""
    return (
        b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n"
        b"<body><h1>Sidan kunde inte hittas</h1><p>%PDF is not here.</p></body></html>\n"
    )


MUTATORS: dict[str, Mutator] = {
    "truncate": truncate,
    "truncate_tail": truncate_tail,
    "flip_bytes": flip_bytes,
    "flip_bits": flip_bits,
    "zero_block": zero_block,
    "delete_block": delete_block,
    "duplicate_block": duplicate_block,
    "swap_token": swap_token,
    "remove_xref": remove_xref,
}


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One or two random mutators applied to ``data``; returns (names, result)."""
    names = [rng.choice(sorted(MUTATORS)) for _ in range(rng.choice((1, 1, 1, 2)))]
    out = data
    for name in names:
        out = MUTATORS[name](out, rng) if out else out
    return "+".join(names), out


# --- small seeds ----------------------------------------------------------------------------


def page_subset(src: Path, pages: list[int], dest: Path, *, uncompressed: bool = False) -> Path:
    """Copy 1-based ``pages`` of ``src`` to ``dest`` (small seeds from the corpus).

    ``uncompressed`` writes content streams in the clear, so byte mutations hit operators and
    numbers (text and geometry) instead of Flate data that merely fails to inflate.
    """
    with pikepdf.open(src) as pdf, pikepdf.new() as out:
        for n in pages:
            out.pages.append(pdf.pages[n - 1])
        out.remove_unreferenced_resources()
        out.save(
            dest,
            compress_streams=not uncompressed,
            stream_decode_level=pikepdf.StreamDecodeLevel.generalized
            if uncompressed
            else pikepdf.StreamDecodeLevel.none,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            deterministic_id=True,
        )
    return dest


# --- hostile structures ---------------------------------------------------------------------


def one_page(pdf: pikepdf.Pdf, content: bytes, font: bool = True) -> pikepdf.Page:
    resources = pikepdf.Dictionary()
    if font:
        resources.Font = pikepdf.Dictionary(
            F1=pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
            )
        )
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 595, 842],
        Resources=resources,
        Contents=pdf.make_stream(content),
    )
    return pdf.pages.append(pikepdf.Page(page)) or pdf.pages[-1]


#: Longer than the 20 characters under which a page counts as having no text layer.
LONG_TEXT = "Årsredovisning 2024 för Brf Exempel: resultaträkning och balansräkning"


def text_ops(text: str, x: float = 72, y: float = 770, size: float = 11) -> bytes:
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"BT /F1 {size:g} Tf {x:g} {y:g} Td ({safe}) Tj ET\n".encode("cp1252", "replace")


def write_nested_q(dest: Path, depth: int = 100_000) -> Path:
    """A content stream with ``depth`` nested ``q`` (save graphics state) before the text."""
    with pikepdf.new() as pdf:
        one_page(pdf, b"q " * depth + text_ops(LONG_TEXT) + b"Q " * depth)
        pdf.save(dest)
    return dest


def write_flate_bomb(dest: Path, inflated_mb: int = 512) -> Path:
    """A page whose content stream inflates from ~0.5 MB to ``inflated_mb`` MiB of spaces."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    body = text_ops(LONG_TEXT) + b"".join(comp.compress(chunk) for _ in range(inflated_mb))
    body += comp.flush()
    with pikepdf.new() as pdf:
        page = one_page(pdf, b"")
        stream = pikepdf.Stream(pdf, b"")
        # Hand-compressed data under a FlateDecode filter: pikepdf stores it as is.
        stream.write(body, filter=pikepdf.Name.FlateDecode)
        page.obj.Contents = stream
        pdf.save(dest)
    return dest


def write_flate_bomb_text(dest: Path, inflated_mb: int = 64) -> Path:
    """A content stream that inflates to ``inflated_mb`` MiB of real text operators."""
    line = text_ops("Nettoomsättning 1 234 567 -89 012") * 1
    reps = (inflated_mb << 20) // len(line)
    comp = zlib.compressobj(9)
    data = b"".join(comp.compress(line * 1024) for _ in range(reps // 1024)) + comp.flush()
    with pikepdf.new() as pdf:
        page = one_page(pdf, b"")
        stream = pikepdf.Stream(pdf, b"")
        stream.write(data, filter=pikepdf.Name.FlateDecode)
        page.obj.Contents = stream
        pdf.save(dest)
    return dest


def write_self_referencing_kids(src: Path, dest: Path) -> Path:
    """A page tree whose /Kids contains the tree node itself (an infinite tree)."""
    with pikepdf.open(src) as pdf:
        root_pages = pdf.Root.Pages
        kids = root_pages.Kids
        kids.append(root_pages)
        root_pages.Count = int(root_pages.Count) + 1
        pdf.save(dest, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return dest


def write_self_referencing_form(dest: Path) -> Path:
    """A form XObject that draws itself (infinite recursion for a naive renderer)."""
    with pikepdf.new() as pdf:
        page = one_page(pdf, text_ops(LONG_TEXT) + b"q /Fm1 Do Q\n")
        form = pikepdf.Stream(pdf, b"0 0 10 10 re f /Fm1 Do\n")
        form.Type = pikepdf.Name.XObject
        form.Subtype = pikepdf.Name.Form
        form.BBox = [0, 0, 100, 100]
        form_ref = pdf.make_indirect(form)
        form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm1=form_ref))
        page.obj.Resources.XObject = pikepdf.Dictionary(Fm1=form_ref)
        pdf.save(dest)
    return dest


def write_deep_array(dest: Path, depth: int = 50_000) -> Path:
    """An object nested ``depth`` arrays deep (stack exhaustion in recursive parsers)."""
    with pikepdf.new() as pdf:
        one_page(pdf, text_ops(LONG_TEXT))
        pdf.save(dest)
    data = dest.read_bytes()
    # Splice the deep array into the page dictionary by hand: pikepdf refuses such depth.
    deep = b"/Deep " + b"[" * depth + b"]" * depth + b" "
    data = data.replace(b"/Type /Page", deep + b"/Type /Page", 1)
    dest.write_bytes(data)
    return dest


def write_many_chars(dest: Path, count: int = 200_000) -> Path:
    """One page with ``count`` single-character show operations stacked in one place."""
    ops = [b"BT /F1 1 Tf "]
    for i in range(count):
        ops.append(
            b"%d %d Td (x) Tj " % (i % 500 + 20, i % 700 + 20) if i % 1000 == 0 else b"(8) Tj "
        )
    ops.append(b"ET\n")
    with pikepdf.new() as pdf:
        one_page(pdf, b"".join(ops))
        pdf.save(dest)
    return dest


def write_weird_boxes(dest: Path) -> Path:
    """Pages with a zero, negative, inverted and enormous MediaBox, and odd rotations."""
    boxes = [
        ([0, 0, 0, 0], 0),
        ([0, 0, -595, -842], 0),
        ([595, 842, 0, 0], 90),
        ([0, 0, 14400, 14400], 0),
        ([0, 0, 1e-3, 1e-3], 270),
        ([-1e9, -1e9, 1e9, 1e9], 0),
        ([0, 0, 595, 842], 45),
    ]
    with pikepdf.new() as pdf:
        for box, rotate in boxes:
            page = one_page(
                pdf, text_ops("Not 12 Kassaflödesanalys 2024 2023") + b"0 0 1e30 1e30 re S\n"
            )
            page.obj.MediaBox = box
            page.obj.Rotate = rotate
        pdf.save(dest)
    return dest


#: Text placed with degenerate, huge and mirrored matrices and font sizes: float32 overflow
#: in pdfium gives inf (and inf - inf = nan) in the char boxes that the layout code sorts.
WEIRD_TEXT_OPS = [
    b"BT /F1 0 Tf 72 700 Td (noll storlek pa texten har) Tj ET",
    b"BT /F1 -12 Tf 72 680 Td (negativ storlek pa texten har) Tj ET",
    b"BT /F1 1000000 Tf 72 660 Td (enorm) Tj ET",
    b"BT /F1 12 Tf 0 0 0 0 72 640 Tm (degenererad matris har) Tj ET",
    b"BT /F1 12 Tf 1e38 0 0 1e38 1e38 1e38 Tm (oandligt langt bort) Tj ET",
    b"BT /F1 12 Tf -1 0 0 -1 300 300 Tm (spegelvand text har) Tj ET",
    b"BT /F1 12 Tf 0 Tz 72 600 Td (ingen bredd alls pa tecknen) Tj ET",
    b"BT /F1 12 Tf 72 580 Td 99999 Tc (stort teckenavstand) Tj ET",
    b"BT /F1 12 Tf 72 560 Td [(a) -1e9 (b) 1e9 (c)] TJ ET",
    b"BT /F1 12 Tf 3 Tr 72 540 Td (osynlig text i lager tre) Tj ET",
    b"BT /F1 12 Tf 72 520 Td (\000\001\002\177\377 kontrolltecken) Tj ET",
    b"q 1e38 0 0 1e38 0 0 cm 0 0 1 1 re f Q",
    b"q 0 0 0 0 0 0 cm 0 0 100 100 re S Q",
    b"BT /F1 12 Tf 72 500 Td (Nettoomsattning 1 234 567 -89 012) Tj ET",
]


def write_weird_text(dest: Path) -> Path:
    """One page with every entry of `WEIRD_TEXT_OPS`, and one page per entry."""
    with pikepdf.new() as pdf:
        one_page(pdf, b"\n".join(WEIRD_TEXT_OPS) + b"\n")
        for ops in WEIRD_TEXT_OPS:
            one_page(pdf, ops + b"\n" + text_ops(LONG_TEXT, y=100))
        pdf.save(dest)
    return dest


def write_grid(dest: Path, lines: int = 500) -> Path:
    """A page ruled with ``lines`` horizontal and ``lines`` vertical lines, a number per cell
    row: the worst case for table detection from ruling lines (intersections grow as n^2)."""
    ops = [b"0.1 w"]
    step_x, step_y = 500 / lines, 740 / lines
    for i in range(lines + 1):
        ops.append(b"%.3f 50 m %.3f 790 l S" % (50 + i * step_x, 50 + i * step_x))
        ops.append(b"50 %.3f m 550 %.3f l S" % (50 + i * step_y, 50 + i * step_y))
    for i in range(0, lines, max(1, lines // 60)):
        ops.append(text_ops(f"Rad {i} 1 234 5 678", x=52, y=51 + i * step_y, size=4).strip())
    with pikepdf.new() as pdf:
        one_page(pdf, b"\n".join(ops) + b"\n")
        pdf.save(dest)
    return dest


def write_huge_blank_page(dest: Path, side: float = 14400) -> Path:
    """One page without text, ``side`` points square (14400 is the PDF maximum): OCR at 300 dpi
    would render 60000 x 60000 pixels (3.6 GB in grey)."""
    with pikepdf.new() as pdf:
        page = one_page(pdf, b"0 0 100 100 re f\n", font=False)
        page.obj.MediaBox = [0, 0, side, side]
        pdf.save(dest)
    return dest


def write_zero_pages(dest: Path) -> Path:
    """A valid PDF with an empty page tree."""
    with pikepdf.new() as pdf:
        pdf.save(dest)
    return dest


def write_concatenated(sources: list[Path], dest: Path, pages: int) -> Path:
    """A ``pages``-page PDF made by repeating the pages of ``sources`` (big-file benchmark)."""
    with pikepdf.new() as out:
        opened = [pikepdf.open(s) for s in sources]
        try:
            while len(out.pages) < pages:
                for pdf in opened:
                    for page in pdf.pages:
                        if len(out.pages) >= pages:
                            break
                        out.pages.append(page)
            with warnings.catch_warnings():
                # Form widgets of the sources are not carried over: harmless for reading text.
                warnings.simplefilter("ignore")
                out.save(dest)
        finally:
            for pdf in opened:
                pdf.close()
    return dest


def write_unreadable_page(src: Path, dest: Path, page: int) -> Path:
    """A copy of ``src`` where page ``page`` (1-based) has a broken content stream and no
    resources, so that reading it fails or yields nothing while the other pages stay good."""
    with pikepdf.open(src) as pdf:
        target = pdf.pages[page - 1].obj
        target.Contents = pdf.make_stream(
            b"BT /F9 12 Tf (\x00\xff) Tj ET ] ] >> endstream BI ID \xff\xfe"
        )
        del target.Resources
        target.MediaBox = pikepdf.Array([0, 0, 0, 0])
        pdf.save(dest)
    return dest
