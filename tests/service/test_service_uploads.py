"""Upload limits and hostile files: refused with a clear 4xx, and nothing is stored."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
from PIL import Image
from sqlalchemy import func, select

from service.store.db import session_scope
from service.store.models import ClaimVersion


def png_bytes(size: tuple[int, int] = (40, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, format="PNG")
    return out.getvalue()


def jpeg_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, format="JPEG")
    return out.getvalue()


def zip_bomb(megabytes: int = 20) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("report.txt", b"\0" * (megabytes * 1024 * 1024))
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header promises width x height pixels (a decompression bomb's header)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    iend = struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND"))
    return b"\x89PNG\r\n\x1a\n" + chunk + iend


def stored_claims(client) -> int:
    with session_scope(client.app.state.config.database_url) as session:
        return session.execute(select(func.count()).select_from(ClaimVersion)).scalar_one()


HOSTILE = [
    # archives and executables
    ("docs/d1.zip", zip_bomb(), 415, "zip archive"),
    ("docs/d1.pdf", zip_bomb(1), 415, "zip archive"),
    ("docs/d1.pdf", b"MZ\x90\x00" + b"\x00" * 200, 415, "executable"),
    ("docs/d1.pdf", bytes(range(256)) * 4, 415, "not PDF"),
    # wrong type: the name says one thing, the bytes another
    ("docs/d1.pdf", png_bytes(), 415, "content is image/png"),
    ("docs/d1.txt", b"%PDF-1.4\n%%EOF\n", 415, "content is application/pdf"),
    # polyglots
    ("docs/d1.png", png_bytes() + zip_bomb(1), 415, "polyglot"),
    ("docs/d1.png", png_bytes() + b"trailing", 415, "polyglot"),
    ("docs/d1.jpg", jpeg_bytes() + b"<script>alert(1)</script>", 415, "polyglot"),
    ("docs/d1.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n" + zip_bomb(1) + b"%%EOF", 415, "polyglot"),
    # decompression bomb by header, and an empty file
    ("docs/d1.png", png_header_only(100_000, 100_000), 413, "too large"),
    ("docs/d1.txt", b"", 422, "empty"),
]


@pytest.mark.parametrize(("path", "data", "status", "says"), HOSTILE,
                         ids=[f"{i}-{h[0]}-{h[3]}" for i, h in enumerate(HOSTILE)])
def test_service_uploads_refuse_hostile_files(client, submit, claim_factory, path, data, status, says):
    claim, files = claim_factory(docs={path: data})
    response = submit(claim, files)
    assert response.status_code == status, response.text
    assert says in response.json()["detail"]
    assert path in response.json()["detail"]
    assert stored_claims(client) == 0


def test_service_uploads_accept_real_images(submit, claim_factory):
    claim, files = claim_factory(docs={"docs/d1.png": png_bytes(), "docs/d2.jpg": jpeg_bytes(),
                                       "docs/d3.txt": "EGFR 检测到"})
    assert submit(claim, files, wait=False).status_code == 202


def test_service_uploads_per_file_limit(client, submit, claim_factory):
    limit = client.app.state.config.max_file_bytes
    claim, files = claim_factory(docs={"docs/d1.txt": "a" * (limit + 1)})
    response = submit(claim, files)
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


def test_service_uploads_per_claim_limit(client, submit, claim_factory):
    config = client.app.state.config
    per_file = config.max_file_bytes - 10
    count = config.max_claim_bytes // per_file + 1
    claim, files = claim_factory(docs={f"docs/d{n}.txt": "a" * per_file for n in range(count)})
    response = submit(claim, files)
    assert response.status_code == 413
    assert "claim limit" in response.json()["detail"]
    assert stored_claims(client) == 0


BAD_CLAIMS = [
    ("not json", "{", "not valid JSON"),
    ("a list", "[]", "must be a JSON object"),
    ("no items", {"items": []}, "items"),
    ("bad date", {"service_date": "yesterday"}, "service_date"),
]


@pytest.mark.parametrize(("label", "change", "says"), BAD_CLAIMS, ids=[b[0] for b in BAD_CLAIMS])
def test_service_uploads_refuse_invalid_claims(submit, claim_factory, label, change, says):
    claim, files = claim_factory()
    body = change if isinstance(change, str) else {**claim, **change}
    response = submit(body, files)
    assert response.status_code == 422
    assert says in response.json()["detail"]


def test_service_uploads_file_and_document_must_pair(submit, claim_factory):
    claim, files = claim_factory()
    missing = submit(claim, {})
    assert missing.status_code == 422 and "no file uploaded for document d1" in missing.json()["detail"]
    extra = submit(claim, {**files, "docs/other.txt": b"x"})
    assert extra.status_code == 422 and "docs/other.txt" in extra.json()["detail"]


@pytest.mark.parametrize("path", ["../escape.txt", "/etc/passwd.txt", "docs/../../x.txt"])
def test_service_uploads_refuse_paths_outside_the_claim(submit, claim_factory, path):
    claim, files = claim_factory(docs={path: "EGFR"})
    response = submit(claim, files)
    assert response.status_code == 422
    assert "relative" in response.json()["detail"]


def test_service_uploads_without_claim_part(client, headers):
    response = client.post("/v1/claims", headers=headers("hospital"), files=[("files", ("a.txt", b"x"))])
    assert response.status_code == 422
    assert "claim" in response.json()["detail"]
