"""The whole flow in one place: the ordered stages and their timings."""

from __future__ import annotations

import time
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import extractor
from extractor.errors import ArsbokError, InternalError, MemoryLimitError
from extractor.limits import deadline_alarm
from extractor.model import Document, RunInfo, Source
from extractor.settings import Settings
from extractor.stages.furniture import find_furniture
from extractor.stages.layout import read_layout
from extractor.stages.load import load
from extractor.stages.metadata import find_metadata
from extractor.stages.sections import find_sections
from extractor.state import DocumentState

Stage = Callable[[DocumentState], DocumentState]


def _tables(state: DocumentState) -> DocumentState:
    if not state.settings.tables:
        return state
    from extractor.stages.tables import find_tables

    return find_tables(state)


def _goals(state: DocumentState) -> DocumentState:
    if not state.settings.goals:
        return state
    from extractor.stages.goals import find_goals

    return find_goals(state)


#: The pipeline, in order. Tables come before sections so table rows stay out of paragraphs.
STAGES: list[tuple[str, Stage]] = [
    ("load", load),
    ("layout", read_layout),
    ("furniture", find_furniture),
    ("tables", _tables),
    ("sections", find_sections),
    ("metadata", find_metadata),
    ("goals", _goals),
]

_LIBRARIES = ("pypdfium2", "pdfplumber", "camelot-py", "spacy", "pydantic", "regex")


def library_versions() -> dict[str, str]:
    out = {}
    for name in _LIBRARIES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            continue
    return out


def warm_up() -> None:
    """Import the lazily loaded stages and build the spaCy pipelines now, not in the first file.

    Bulk workers call it once (1.7 s on the reference machine: camelot, spaCy, pypdfium2, the
    status pipeline and the goal classifier), so a file's `seconds` is its own work.
    """
    import camelot  # noqa: F401
    import pypdfium2  # noqa: F401

    import extractor.stages.goals  # noqa: F401
    import extractor.stages.tables  # noqa: F401
    from extractor.nlp.status import get_pipeline
    from extractor.nlp.textcat import load_classifier

    get_pipeline()
    load_classifier()


def run_pipeline(path: str | Path, settings: Settings) -> Document:
    path = Path(path)
    placeholder = Document(source=Source(file_name=path.name, sha256="", page_count=0))
    state = DocumentState(path=path, settings=settings, document=placeholder)
    if settings.timeout:
        state.deadline = time.monotonic() + settings.timeout
    timings: dict[str, float] = {}
    name = "start"
    # Issue 8: the alarm enforces the timeout inside a long stage too; the except clauses make
    # sure nothing but an ArsbokError leaves the API (anything else is a bug, reported as such).
    timeout_message = f"{path.name}: gave up after {settings.timeout or 0:g} s (--timeout)"
    try:
        with deadline_alarm(settings.timeout, timeout_message):
            for name, stage in STAGES:
                started = time.perf_counter()
                state = stage(state)
                timings[name] = round(time.perf_counter() - started, 4)
                state.check_deadline()
    except ArsbokError:
        raise
    except MemoryError:
        raise MemoryLimitError(f"{path.name}: out of memory in the {name} stage") from None
    except Exception as exc:
        detail = (str(exc).splitlines() or [""])[0][:200]
        raise InternalError(
            f"{path.name}: internal error in the {name} stage ({type(exc).__name__}: {detail})"
        ) from exc
    state.document.run = RunInfo(
        arsbok_version=extractor.__version__,
        backend=settings.backend,
        settings=settings.public_dict(),
        libraries=library_versions(),
        stage_seconds=timings,
    )
    return state.document
