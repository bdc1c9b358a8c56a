"""Each kind of bad input raises its own error, with a one-line message naming the file."""

from __future__ import annotations

import struct
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from review_engine import errors
from review_engine.ocr import DocumentReader
from review_engine.settings import LimitsSettings, Settings

from .conftest import REPORT_LINES, write_text_pdf


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def make_bomb_png(path: Path, side: int = 50_000) -> None:
    """A small, complete PNG whose header promises side x side pixels (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    body = zlib.compress(b"\x00" * 1024)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", body) + _png_chunk(b"IEND", b""))


def make_text_pdf(path: Path) -> None:
    write_text_pdf(path, REPORT_LINES)


def make_truncated_pdf(path: Path) -> None:
    make_text_pdf(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def make_truncated_png(path: Path) -> None:
    Image.new("RGB", (400, 300), "white").save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 40])


def make_corrupt_png(path: Path) -> None:
    Image.new("RGB", (400, 300), "white").save(path)
    data = bytearray(path.read_bytes())
    data[40:80] = b"\xff" * 40  # the image data is damaged, the file is complete
    path.write_bytes(bytes(data))


def make_corrupt_pdf(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage\xff" * 50 + b"\n%%EOF\n")


def make_encrypted_pdf(path: Path) -> None:
    pdf = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    pdf.drawString(72, 720, "EGFR p.L858R")
    pdf.save()


def make_zero_page_pdf(path: Path) -> None:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(bytes(out))


def make_blank_png(path: Path) -> None:
    Image.new("RGB", (800, 600), "white").save(path)


def make_two_page_pdf(path: Path) -> None:
    pdf = canvas.Canvas(str(path))
    for page in range(2):
        pdf.drawString(72, 720, f"Page {page + 1}: EGFR p.L858R detected in the tumour sample")
        pdf.showPage()
    pdf.save()


BadInput = tuple[str, Callable[[Path], None], type[errors.BadInputError], dict]

CASES: list[BadInput] = [
    # missing or unknown
    ("missing.pdf", lambda p: None, errors.DocumentNotFoundError, {}),
    ("archive.pdf", lambda p: p.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4), errors.UnsupportedFileTypeError, {}),
    # damaged
    ("cut.pdf", make_truncated_pdf, errors.TruncatedDocumentError, {}),
    ("cut.png", make_truncated_png, errors.TruncatedDocumentError, {}),
    ("damaged.png", make_corrupt_png, errors.CorruptDocumentError, {}),
    ("damaged.pdf", make_corrupt_pdf, errors.CorruptDocumentError, {}),
    ("locked.pdf", make_encrypted_pdf, errors.EncryptedPdfError, {}),
    # nothing to read
    ("nothing.pdf", make_zero_page_pdf, errors.ZeroPagesError, {}),
    ("zero.txt", lambda p: p.write_bytes(b""), errors.EmptyDocumentError, {}),
    ("spaces.txt", lambda p: p.write_text(" \n\t\n", encoding="utf-8"), errors.EmptyDocumentError, {}),
    ("blank.png", make_blank_png, errors.EmptyDocumentError, {}),
    # over the limits
    ("big.pdf", make_text_pdf, errors.FileTooLargeError, {"max_file_bytes": 1000}),
    ("big.txt", lambda p: p.write_text("EGFR " * 100, encoding="utf-8"), errors.FileTooLargeError, {"max_text_bytes": 100}),
    ("bomb.png", make_bomb_png, errors.ImageTooLargeError, {}),
    ("pages.pdf", make_two_page_pdf, errors.TooManyPagesError, {"max_pages": 1}),
    # wrong encoding
    ("gbk.txt", lambda p: p.write_bytes("检测结果：EGFR 突变阳性".encode("gbk")), errors.BadInputError, {}),
]


@pytest.mark.parametrize("name, make, error, limits", CASES, ids=[c[0] for c in CASES])
def test_ocr_bad_input_raises_its_error_naming_the_file(reader, tmp_path: Path, name, make, error, limits):
    path = tmp_path / name
    make(path)
    if limits:
        reader = DocumentReader(Settings(limits=LimitsSettings(**limits)))
    with pytest.raises(error) as caught:
        reader.read(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message


def test_ocr_bad_input_non_utf8_text_says_so(reader, tmp_path: Path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("检测结果：EGFR 突变阳性".encode("gbk"))
    with pytest.raises(errors.BadInputError) as caught:
        reader.read(path)
    assert caught.value.problem is errors.Problem.NOT_UTF8


def test_ocr_bad_input_decompression_bomb_is_refused_fast(reader, tmp_path: Path):
    path = tmp_path / "bomb.png"
    make_bomb_png(path, side=200_000)  # 40 gigapixels if decoded
    started = time.process_time()
    with pytest.raises(errors.ImageTooLargeError, match="bomb"):
        reader.read(path)
    assert time.process_time() - started < 1.0


def test_ocr_bad_input_tiff_with_too_many_frames_is_refused(tmp_path: Path):
    path = tmp_path / "many.tiff"
    frames = [Image.new("L", (64, 64), 255) for _ in range(3)]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    with pytest.raises(errors.TooManyPagesError):
        DocumentReader(Settings(limits=LimitsSettings(max_pages=2))).read(path)
