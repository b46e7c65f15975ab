"""Every failure a user can cause ends as an `ArsbokError` with a stable code and exit status."""

from __future__ import annotations


class ArsbokError(Exception):
    """Base of all errors arsbok raises on purpose.

    Attributes
    ----------
    code : str
        Stable machine-readable code (used in errors.jsonl of bulk runs).
    exit_code : int
        Exit status of the CLI for this error.
    """

    code = "error"
    exit_code = 1

    def __init__(self, message: str, *, page: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.page = page

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[object, ...]:
        # Errors cross a process boundary (`extractor.limits.run_with_timeout`, bulk workers):
        # the default pickling of exceptions drops keyword-only arguments such as `page`.
        return (_rebuild, (type(self), self.message, self.page))


def _rebuild(cls: type[ArsbokError], message: str, page: int | None) -> ArsbokError:
    return cls(message, page=page)


class InternalError(ArsbokError):
    """An exception arsbok did not expect: a bug, whatever the input (please report it)."""

    code = "internal"
    exit_code = 1


class UsageError(ArsbokError):
    code = "usage"
    exit_code = 2


class NotPdfError(ArsbokError):
    code = "not_pdf"
    exit_code = 3


class HtmlNotPdfError(NotPdfError):
    """An HTML page saved as .pdf: the usual trace of a failed download (a 404 page)."""

    code = "html"


class EmptyFileError(ArsbokError):
    code = "empty"
    exit_code = 3


class DamagedPdfError(ArsbokError):
    code = "damaged"
    exit_code = 3


class EncryptedPdfError(ArsbokError):
    code = "encrypted"
    exit_code = 3


class ReaderCrashError(DamagedPdfError):
    """The PDF library died (a signal such as SIGSEGV) on this file, in an isolated child."""

    code = "crashed"
    exit_code = 3


class NoTextLayerError(ArsbokError):
    code = "no_text_layer"
    exit_code = 4


class OcrUnavailableError(NoTextLayerError):
    code = "ocr_unavailable"
    exit_code = 4


class TooLargeError(ArsbokError):
    code = "too_large"
    exit_code = 5


class TimeoutError_(ArsbokError):  # noqa: N801 - avoid shadowing the builtin TimeoutError
    code = "timeout"
    exit_code = 6


class MemoryLimitError(ArsbokError):
    code = "memory"
    exit_code = 7


def all_codes() -> dict[str, int]:
    """Every stable error code with its CLI exit status (for the README and bulk reports)."""
    out: dict[str, int] = {}
    todo: list[type[ArsbokError]] = [ArsbokError]
    while todo:
        cls = todo.pop()
        out[cls.code] = cls.exit_code
        todo.extend(cls.__subclasses__())
    return out


#: Exit codes of the CLI, documented in the README.
EXIT_CODES = {
    0: "ok",
    1: "internal error (a bug: please report it)",
    2: "usage error",
    3: "not a readable PDF (not a PDF, empty, damaged, crashed the reader, encrypted without password)",
    4: "no text layer and no OCR available",
    5: "too large (over --max-pages hard limit or file size limit)",
    6: "timed out (--timeout)",
    7: "memory limit exceeded",
    8: "bulk run finished, some files failed",
}
