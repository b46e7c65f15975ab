"""atheris harness: mutated PDFs through `extractor.extract`; only an `ArsbokError` may leave it.

Run from the repository root (a seed corpus of small PDFs is in fuzz/seeds/; libFuzzer
writes new inputs into the FIRST folder, so give it a scratch one before the seeds)::

    mkdir -p /tmp/arsbok-corpus
    python fuzz/fuzz_extract.py -max_total_time=60 -max_len=65536 -dict=fuzz/pdf.dict \
        /tmp/arsbok-corpus fuzz/seeds
    python fuzz/fuzz_extract.py -runs=500 -dict=fuzz/pdf.dict /tmp/arsbok-corpus fuzz/seeds

A finding is any other exception (and `InternalError`, arsbok's "this is a bug"), a hang past
libFuzzer's ``-timeout`` or a crash; libFuzzer writes the input to ``crash-*``/``timeout-*``.
Python code of `extractor` is instrumented for coverage; pdfium is not (it is a binary wheel).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

with atheris.instrument_imports(include=["extractor"]):
    # The pipeline imports some stages lazily: import them here so they are instrumented too.
    import extractor
    import extractor.pipeline
    import extractor.stages.goals
    import extractor.stages.tables  # noqa: F401
    from extractor.errors import ArsbokError, InternalError

_TMP = Path(tempfile.mkdtemp(prefix="arsbok-fuzz-"))
_PATH = _TMP / "input.pdf"
#: OCR off: a mutation that destroys the text layer would otherwise fuzz Tesseract, slowly.
OPTIONS = {"ocr": "never", "timeout": 10.0}


def TestOneInput(data: bytes) -> None:  # noqa: N802 - the name atheris expects
    _PATH.write_bytes(data)
    try:
        extractor.extract(_PATH, **OPTIONS)
    except InternalError:
        raise  # an unexpected exception inside the pipeline: a bug (its __cause__ says where)
    except ArsbokError:
        pass  # the contract: a known failure with a code


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    try:
        atheris.Fuzz()
    finally:
        _PATH.unlink(missing_ok=True)
        os.rmdir(_TMP)


if __name__ == "__main__":
    main()
