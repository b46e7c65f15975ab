"""Regenerate fuzz/seeds/: small PDFs (under 40 KB each) for the atheris harnesses.

    python fuzz/make_seeds.py

The pages of samples/malfoljning-symboler.pdf one by one (as stored and with uncompressed
content streams) and a few small hostile structures from `mutations`.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import mutations  # noqa: E402

SAMPLE = HERE.parent / "samples" / "malfoljning-symboler.pdf"


def main() -> None:
    out = HERE / "seeds"
    out.mkdir(exist_ok=True)
    for page in range(1, 5):
        mutations.page_subset(SAMPLE, [page], out / f"symbols_p{page}.pdf")
        mutations.page_subset(SAMPLE, [page], out / f"symbols_p{page}_plain.pdf", uncompressed=True)
    mutations.write_self_referencing_kids(out / "symbols_p4.pdf", out / "self_kids.pdf")
    mutations.write_self_referencing_form(out / "self_form.pdf")
    mutations.write_nested_q(out / "nested_q.pdf", 2000)
    mutations.write_weird_boxes(out / "weird_boxes.pdf")
    mutations.write_zero_pages(out / "zero_pages.pdf")
    (out / "no_xref.pdf").write_bytes(mutations.remove_xref((out / "symbols_p1.pdf").read_bytes()))
    for path in sorted(out.iterdir()):
        print(f"{path.name}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
