"""Open the file: check it is a readable PDF, hash it, count pages, read document info."""

from __future__ import annotations

import hashlib
import mmap
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractor.errors import (
    DamagedPdfError,
    EmptyFileError,
    EncryptedPdfError,
    HtmlNotPdfError,
    NotPdfError,
    TooLargeError,
    UsageError,
)
from extractor.model import Document, Source
from extractor.state import DocumentState

#: PDF readers accept the header anywhere in the first KiB (PDF 32000-1, Annex H).
HEADER_WINDOW = 1024


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def open_pdf(path: Path, password: str | None) -> pdfium.PdfDocument:
    """Open with pdfium, mapping its failures to arsbok errors."""
    try:
        return pdfium.PdfDocument(str(path), password=password or None)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        # pdfium's last-error code is global and some failures (an empty page tree) set none,
        # so the code can be stale from an earlier file: believe "password" only when the
        # file has an /Encrypt dictionary (always in the clear, in the trailer or xref stream).
        encrypted = code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY) and (
            _search(path, _ENCRYPT)
        )
        if encrypted and code == pdfium_c.FPDF_ERR_PASSWORD:
            if password:
                raise EncryptedPdfError(f"{path.name}: wrong password") from None
            raise EncryptedPdfError(
                f"{path.name}: encrypted PDF needs a password (use --password)"
            ) from None
        if encrypted:
            raise EncryptedPdfError(f"{path.name}: unsupported security handler") from None
        if has_empty_page_tree(path):
            raise EmptyFileError(f"{path.name}: the PDF has no pages") from None
        reason = _reason(exc) if code not in _STALE_PRONE else "pdfium cannot read it"
        raise DamagedPdfError(f"{path.name}: damaged PDF ({reason})") from None


#: Codes that, on a file without /Encrypt, are left over from an earlier file.
_STALE_PRONE = (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY, pdfium_c.FPDF_ERR_SUCCESS)


def _reason(exc: pdfium.PdfiumError) -> str:
    # pypdfium2 appends "(PDFium: Success)" when pdfium set no error code: noise for a user.
    return str(exc).replace(" (PDFium: Success)", "").rstrip(".") or "pdfium cannot read it"


_ENCRYPT = re.compile(rb"/Encrypt(?![a-zA-Z])")
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_ZERO_COUNT = re.compile(rb"/Count\s+0(?![0-9.])")


def _search(path: Path, pattern: re.Pattern[bytes]) -> bool:
    try:
        with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return pattern.search(data) is not None
    except (OSError, ValueError):
        return False


def has_empty_page_tree(path: Path) -> bool:
    """True when the file shows a page tree with /Count 0 and no page object at all.

    A heuristic on the raw bytes, used only to name the error of a file pdfium refused (pdfium
    refuses a PDF without pages): page objects hidden in compressed object streams are
    invisible here, but so is their /Count.
    """
    return _search(path, _ZERO_COUNT) and not _search(path, _PAGE_OBJECT)


def check_file(path: Path, max_file_mb: float) -> None:
    if not path.exists():
        raise UsageError(f"{path}: no such file")
    if not path.is_file():
        raise UsageError(f"{path}: not a file")
    size = path.stat().st_size
    if size == 0:
        raise EmptyFileError(f"{path.name}: empty file (0 bytes)")
    if size > max_file_mb * 1024 * 1024:
        raise TooLargeError(
            f"{path.name}: {size / 1e6:.0f} MB is over the {max_file_mb:g} MB limit"
        )
    try:
        with path.open("rb") as f:
            head = f.read(HEADER_WINDOW)
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    if not head.strip(b"\x00"):
        raise NotPdfError(f"{path.name}: not a PDF (starts with zero bytes: an unfinished copy?)")
    if b"%PDF-" not in head:
        if b"<html" in head.lower() or b"<!doctype" in head.lower():
            raise HtmlNotPdfError(f"{path.name}: not a PDF but an HTML page (a failed download?)")
        raise NotPdfError(f"{path.name}: not a PDF (no %PDF- header)")


def load(state: DocumentState) -> DocumentState:
    path = state.path
    settings = state.settings
    check_file(path, settings.max_file_mb)
    pdf = open_pdf(path, settings.password)
    try:
        page_count = len(pdf)
        producer = (pdf.get_metadata_dict().get("Producer") or "").strip() or None
    except pdfium.PdfiumError as exc:
        raise DamagedPdfError(f"{path.name}: damaged PDF ({_reason(exc)})") from None
    finally:
        pdf.close()
    if page_count == 0:
        raise EmptyFileError(f"{path.name}: the PDF has no pages")
    wanted = settings.pages or list(range(1, page_count + 1))
    outside = [p for p in wanted if p > page_count]
    if outside:
        raise UsageError(f"{path.name}: page {outside[0]} is out of range (1-{page_count})")
    state.document = Document(
        source=Source(
            file_name=path.name,
            sha256=sha256_file(path),
            page_count=page_count,
            producer=producer,
        )
    )
    # Warn only now: a warning given before is lost with the placeholder document.
    if len(wanted) > settings.max_pages:
        state.warn(
            "pages_cut",
            f"read only the first {settings.max_pages} of {len(wanted)} pages (--max-pages)",
        )
        wanted = wanted[: settings.max_pages]
    state.page_numbers = wanted
    return state
