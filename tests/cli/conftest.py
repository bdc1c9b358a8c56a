"""Bad-input files of every kind the contract names, drawn when the tests start."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import pytest


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _bomb_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge image: decoding it would need gigabytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")


def _text_pdf(path: Path, text: str, encrypt: str | None = None) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=encrypt)
    c.setFont("Helvetica", 12)
    c.drawString(72, 720, text)
    c.showPage()
    c.save()


@pytest.fixture(scope="session")
def bad_files(tmp_path_factory) -> dict[str, Path]:
    """One file per bad-input kind: name -> path."""
    d = tmp_path_factory.mktemp("bad")
    good_pdf = d / "good.pdf"
    _text_pdf(good_pdf, "EGFR exon 19 deletion detected " * 3)
    files = {
        "corrupt_pdf": d / "corrupt.pdf",
        "truncated_pdf": d / "truncated.pdf",
        "encrypted_pdf": d / "encrypted.pdf",
        "zero_pages_pdf": d / "zero_pages.pdf",
        "unsupported_type": d / "report.pdf.zip",
        "disguised_type": d / "looks_like.png",
        "bomb_png": d / "bomb.png",
        "empty_text": d / "empty.txt",
        "blank_image": d / "blank.png",
        "not_utf8_text": d / "latin1.txt",
    }
    files["corrupt_pdf"].write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    files["truncated_pdf"].write_bytes(good_pdf.read_bytes()[: good_pdf.stat().st_size // 2])
    _text_pdf(files["encrypted_pdf"], "secret report", encrypt="s3cret")
    files["zero_pages_pdf"].write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
    files["unsupported_type"].write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    files["disguised_type"].write_bytes(b"\x7fELF\x02\x01\x01" + b"\x00" * 200)
    files["bomb_png"].write_bytes(_bomb_png(60000, 60000))
    files["empty_text"].write_bytes(b"")
    from PIL import Image

    Image.new("RGB", (800, 1000), "white").save(files["blank_image"])
    files["not_utf8_text"].write_bytes("Patient: Müller, Größe".encode("latin-1") + b"\xff\xfe")
    return files


@pytest.fixture()
def claim_with_document(tmp_path):
    """Write a claim (osimertinib, 1L NSCLC) naming one document; returns (claim path, docs dir)."""

    def make(doc_source: Path | None, doc_name: str = "d1.pdf") -> Path:
        docs = tmp_path / "docs"
        docs.mkdir(exist_ok=True)
        if doc_source is not None:
            (docs / doc_name).write_bytes(doc_source.read_bytes())
        claim = {
            "claim_id": "C-TEST-1",
            "patient": {"id": "P001", "name": "张伟", "sex": "M"},
            "diagnosis": {"icd10": ["C34.1"], "text": "右肺上叶腺癌 IVA期"},
            "provider": {"id": "H-0101"},
            "service_date": "2026-10-01",
            "items": [{"item_id": "1", "kind": "drug", "drug": "osimertinib", "line": 1}],
            "documents": [{"doc_id": "d1", "kind": "genetic_report", "path": f"docs/{doc_name}"}],
        }
        path = tmp_path / "claim.json"
        path.write_text(json.dumps(claim, ensure_ascii=False), encoding="utf-8")
        return path

    return make
