"""Open an input file: check it exists and its size, sniff its type from magic bytes, open it.

The extension is never trusted. Each kind of bad input raises its own error from
``review_engine.errors`` with a one-line message naming the file.
"""

from __future__ import annotations

from pathlib import Path

from review_engine.errors import (
    DocumentNotFoundError,
    EmptyDocumentError,
    FileTooLargeError,
    TruncatedDocumentError,
    UnsupportedFileTypeError,
)
from review_engine.ocr.images import ImageSource
from review_engine.ocr.pdf import PdfSource
from review_engine.ocr.plaintext import TextSource
from review_engine.ocr.source import DocumentSource
from review_engine.ocr.tuning import OcrTuning
from review_engine.settings import LimitsSettings, Settings

PDF, PNG, JPEG, TIFF, TEXT = "application/pdf", "image/png", "image/jpeg", "image/tiff", "text/plain"

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
)
# How each format ends when it is complete; a file cut short lacks it.
_TRAILERS: dict[str, tuple[bytes, int]] = {PDF: (b"%%EOF", 2048), PNG: (b"IEND", 64), JPEG: (b"\xff\xd9", 64)}
_PDF_HEADER_WINDOW = 1024  # readers accept junk before "%PDF-" within the first kilobyte
_BINARY_CONTROL_SHARE = 0.10  # above this share of control bytes a non-UTF-8 file is binary, not text


def check_file(path: Path, limits: LimitsSettings) -> int:
    """The file's size in bytes, once it is known to exist and be within the limit."""
    if not path.is_file():
        raise DocumentNotFoundError(str(path))
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise FileTooLargeError(str(path), f"{size} bytes > {limits.max_file_bytes}")
    if size == 0:
        raise EmptyDocumentError(str(path))
    return size


def sniff(path: Path, head: bytes) -> str:
    """The media type from the first bytes; unknown binary raises UnsupportedFileTypeError."""
    for magic, media_type in _MAGIC:
        if head.startswith(magic):
            return media_type
    if b"%PDF-" in head[:_PDF_HEADER_WINDOW]:
        return PDF
    if _looks_like_text(head):
        return TEXT
    raise UnsupportedFileTypeError(str(path), f"unrecognised content starting {head[:8].hex(' ')}")


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls <= _BINARY_CONTROL_SHARE * max(len(head), 1)


def check_complete(path: Path, media_type: str, size: int) -> None:
    """A PDF without '%%EOF', a PNG without IEND or a JPEG without its end marker was cut short."""
    if media_type not in _TRAILERS:
        return
    marker, window = _TRAILERS[media_type]
    with path.open("rb") as handle:
        handle.seek(max(0, size - window))
        tail = handle.read()
    if marker not in tail:
        raise TruncatedDocumentError(str(path), f"no {marker.decode('latin-1')!r} end marker")


def open_document(path: str | Path, settings: Settings, tuning: OcrTuning) -> DocumentSource:
    """Open ``path`` as the source its content says it is."""
    path = Path(path)
    size = check_file(path, settings.limits)
    with path.open("rb") as handle:
        head = handle.read(_PDF_HEADER_WINDOW)
    media_type = sniff(path, head)
    if media_type == TEXT:
        return _open_text(path, size, settings.limits, tuning)
    check_complete(path, media_type, size)
    if media_type == PDF:
        return PdfSource(str(path), settings, tuning)
    return ImageSource(str(path), media_type, settings.limits)


def _open_text(path: Path, size: int, limits: LimitsSettings, tuning: OcrTuning) -> TextSource:
    if size > limits.max_text_bytes:
        raise FileTooLargeError(str(path), f"{size} bytes > {limits.max_text_bytes} for a text file")
    raw = path.read_bytes()
    if not _looks_like_text(raw[: 64 * 1024]):
        raise UnsupportedFileTypeError(str(path), "binary content")
    return TextSource(str(path), raw, tuning.text_render)


def media_type_of(path: str | Path) -> str:
    """The sniffed media type of an existing file (no limits applied)."""
    path = Path(path)
    if not path.is_file():
        raise DocumentNotFoundError(str(path))
    with path.open("rb") as handle:
        return sniff(path, handle.read(_PDF_HEADER_WINDOW))


