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


class UsageError(ArsbokError):
    code = "usage"
    exit_code = 2


class NotPdfError(ArsbokError):
    code = "not_pdf"
    exit_code = 3


class EmptyFileError(ArsbokError):
    code = "empty"
    exit_code = 3


class DamagedPdfError(ArsbokError):
    code = "damaged"
    exit_code = 3


class EncryptedPdfError(ArsbokError):
    code = "encrypted"
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


#: Exit codes of the CLI, documented in the README.
EXIT_CODES = {
    0: "ok",
    1: "internal error (a bug: please report it)",
    2: "usage error",
    3: "not a readable PDF (not a PDF, empty, damaged, encrypted without password)",
    4: "no text layer and no OCR available",
    5: "too large (over --max-pages hard limit or file size limit)",
    6: "timed out (--timeout)",
    7: "memory limit exceeded",
    8: "bulk run finished, some files failed",
}
