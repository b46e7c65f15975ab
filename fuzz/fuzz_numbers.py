"""atheris harness for `extractor.tables.numbers.parse_number` (Swedish number cells).

Run from the repository root::

    python fuzz/fuzz_numbers.py -max_total_time=60
    python fuzz/fuzz_numbers.py -runs=20000             # bounded, as in the test suite

Checks, for any text: no exception; the result is None, an int or a finite float (never a
bool); the same input gives the same result; and a formatted integer ("1 234 567", "-84 146",
with the separators seen in reports) parses back to itself.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

with atheris.instrument_imports(include=["extractor"]):
    try:
        from extractor.tables.numbers import parse_number
    except ImportError:  # the table stage is not there yet: nothing to fuzz
        parse_number = None  # type: ignore[assignment]

_SEPARATORS = (" ", "\u00a0", "\u202f")


def _sv(n: int, sep: str) -> str:
    return ("-" if n < 0 else "") + f"{abs(n):,}".replace(",", sep)


def TestOneInput(data: bytes) -> None:  # noqa: N802 - the name atheris expects
    fdp = atheris.FuzzedDataProvider(data)
    if fdp.ConsumeBool():
        text = fdp.ConsumeUnicodeNoSurrogates(48)
        value = parse_number(text)
        assert value is None or (type(value) in (int, float)), (text, value)
        if isinstance(value, float):
            assert math.isfinite(value), (text, value)
        assert parse_number(text) == value, text  # deterministic, no hidden state
    else:
        n = fdp.ConsumeIntInRange(-(10**12), 10**12)
        sep = _SEPARATORS[fdp.ConsumeIntInRange(0, len(_SEPARATORS) - 1)]
        text = _sv(n, sep)
        assert parse_number(text) == n, (text, parse_number(text))


def main() -> None:
    if parse_number is None:
        print("SKIP: extractor.tables.numbers.parse_number is not importable yet")
        return
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
