"""Decide what an uploaded file is from its bytes, never from its name, and refuse hostile ones.

Accepted: PDF, PNG, JPEG, TIFF and UTF-8 text (CONTRACT.md section 2). Refused: archives
(a zip bomb is never expanded: archives are not a document type), files whose name claims
another type, polyglots (a second format hidden after or inside the first), and images whose
header promises more pixels than the limit (decompression bombs), checked before decoding.
"""

from __future__ import annotations

import io
import struct
from pathlib import PurePosixPath

from PIL import Image

from review_engine.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    FileTooLargeError,
    ImageTooLargeError,
    UnsupportedFileTypeError,
)

# Leading bytes -> media type of the formats a claim document may be.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)
# Formats refused outright, named so the error says what was sent.
REFUSED_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!", "rar archive"),
    (b"BZh", "bzip2 archive"),
    (b"MZ", "executable"),
    (b"\x7fELF", "executable"),
    (b"GIF8", "GIF image"),
    (b"\xd0\xcf\x11\xe0", "OLE document"),
)
# Markers of a second format embedded in a binary document (polyglots).
EMBEDDED_MARKERS: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"<script", "HTML script"),
    (b"<html", "HTML page"),
    (b"<!doctype html", "HTML page"),
)
EXTENSIONS: dict[str, str] = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".txt": "text/plain",
    ".text": "text/plain",
}
TEXT_CONTROL_ALLOWED = {"\n", "\r", "\t", "\f"}


def sniff_media_type(name: str, data: bytes, max_image_pixels: int) -> str:
    """The media type of an acceptable document, or a BadInputError saying why it is refused."""
    if not data:
        raise EmptyDocumentError(name, "no bytes uploaded")
    media_type = _sniff(name, data)
    claimed = EXTENSIONS.get(PurePosixPath(name).suffix.lower())
    if claimed and claimed != media_type:
        raise UnsupportedFileTypeError(name, f"content is {media_type} but the name says {claimed}")
    if media_type != "text/plain":
        _refuse_polyglot(name, data, media_type)
    if media_type.startswith("image/"):
        _refuse_pixel_bomb(name, data, max_image_pixels)
    return media_type


def check_size(name: str, size: int, limit: int) -> None:
    if size > limit:
        raise FileTooLargeError(name, f"{size} bytes > limit {limit}")


def _sniff(name: str, data: bytes) -> str:
    for magic, label in REFUSED_SIGNATURES:
        if data.startswith(magic):
            raise UnsupportedFileTypeError(name, label)
    for magic, media_type in SIGNATURES:
        if data.startswith(magic):
            return media_type
    if _is_text(data):
        return "text/plain"
    raise UnsupportedFileTypeError(name, "not PDF, PNG, JPEG, TIFF or UTF-8 text")


def _is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(ch < " " and ch not in TEXT_CONTROL_ALLOWED for ch in text)


def _refuse_polyglot(name: str, data: bytes, media_type: str) -> None:
    lowered = data.lower()
    for marker, label in EMBEDDED_MARKERS:
        if marker in data or (marker.startswith(b"<") and marker in lowered):
            raise UnsupportedFileTypeError(name, f"{media_type} with an embedded {label} (polyglot)")
    if media_type == "image/png" and not _png_ends_at_iend(name, data):
        raise UnsupportedFileTypeError(name, "data after the PNG end chunk (polyglot)")


def _png_ends_at_iend(name: str, data: bytes) -> bool:
    position = 8
    while position + 12 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        chunk_type = data[position + 4 : position + 8]
        position += 12 + length
        if chunk_type == b"IEND":
            return position == len(data)
    raise CorruptDocumentError(name, "PNG chunks run past the end of the file")


def _refuse_pixel_bomb(name: str, data: bytes, max_pixels: int) -> None:
    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header only
            width, height = image.size
    except Image.DecompressionBombError as exc:
        raise ImageTooLargeError(name, str(exc)) from exc
    except Exception as exc:  # PIL raises many kinds for damaged headers
        raise CorruptDocumentError(name, f"image header unreadable: {type(exc).__name__}") from exc
    if width * height > max_pixels:
        raise ImageTooLargeError(name, f"{width}x{height} pixels > limit {max_pixels}")
