"""Writes one rendered report in a file format: text-layer PDF, scans (PNG, JPEG, TIFF, image-only PDF), text."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from review_engine.corpus import scan
from review_engine.corpus.render import PageOut, Rendered

EXTENSIONS = {"pdf_text": ".pdf", "pdf_image": ".pdf", "png": ".png", "jpg": ".jpg", "tiff": ".tif", "txt": ".txt"}
SCAN_FORMATS = frozenset({"pdf_image", "png", "jpg", "tiff"})
SINGLE_PAGE_FORMATS = frozenset({"png", "jpg"})
SCAN_DPI = (200, 200, 240, 300)


@dataclass(frozen=True)
class Written:
    path: Path
    fmt: str
    dpi: int | None


def write(stem: Path, fmt: str, rendered: Rendered, pages: list[PageOut], rng: random.Random,
          seal: tuple[str, str], language: str) -> Written:
    """Write ``rendered`` as ``stem`` + the format's extension; scans are rasterised and degraded."""
    path = stem.with_suffix(EXTENSIONS[fmt])
    if fmt == "pdf_text":
        path.write_bytes(rendered.pdf)
        return Written(path, fmt, None)
    if fmt == "txt":
        path.write_text(rendered.text, encoding="utf-8")  # exact rendered text: spans.jsonl offsets apply to the file
        return Written(path, fmt, None)
    dpi = rng.choice(SCAN_DPI)
    images = scan_pages(rendered.pdf, pages, dpi, rng, seal, language)
    save_images(path, fmt, images, dpi, rng)
    return Written(path, fmt, dpi)


def scan_pages(pdf: bytes, pages: list[PageOut], dpi: int, rng: random.Random, seal: tuple[str, str], language: str) -> list[Image.Image]:
    """Rasterise and degrade every page; the page with the signature may get the red seal."""
    seal_text, seal_label = seal
    images = scan.rasterise(pdf, dpi)
    out = []
    for image, page in zip(images, pages):
        anchor = next((s for s in page.shapes if s[0] == "seal_anchor"), None)
        seal_img, at = None, None
        if anchor is not None and seal_text and rng.random() < (0.85 if language == "zh" else 0.25):
            diameter = int(1.55 * dpi)
            seal_img = scan.seal(seal_text, diameter, rng, seal_label)
            at = (int(anchor[1] * dpi / 72 + rng.uniform(-40, 40)), int(anchor[2] * dpi / 72 + rng.uniform(-30, 30)))
        out.append(scan.degrade(image, rng, seal_img, at))
    return out


def save_images(path: Path, fmt: str, images: list[Image.Image], dpi: int, rng: random.Random) -> None:
    quality = rng.randint(50, 75)
    if fmt == "png":
        scan.jpeg_roundtrip(images[0], rng.randint(45, 85)).save(path, "PNG", dpi=(dpi, dpi), compress_level=3)
    elif fmt == "jpg":
        images[0].save(path, "JPEG", quality=quality, dpi=(dpi, dpi))
    elif fmt == "tiff":
        images[0].save(path, "TIFF", save_all=True, append_images=images[1:], compression="jpeg", quality=quality, dpi=(dpi, dpi))
    else:
        path.write_bytes(image_pdf(images, dpi, quality))


def image_pdf(images: list[Image.Image], dpi: int, quality: int) -> bytes:
    """An image-only PDF (no text layer), one JPEG per page; no dates written, so it is reproducible."""
    buf = io.BytesIO()
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi), quality=quality,
                   title=None, creationDate=None, modDate=None)
    return buf.getvalue()


def write_unreadable(stem: Path, fmt: str, rng: random.Random, pdf: bytes) -> Written:
    """A document that exists but cannot be read: a truncated PDF, or a blank, smudged scan."""
    if fmt in ("pdf_text", "pdf_image"):
        path = stem.with_suffix(".pdf")
        path.write_bytes(pdf[: max(200, len(pdf) // 3)])
        return Written(path, "pdf_truncated", None)
    path = stem.with_suffix(".png")
    scan.blank_page(rng).save(path, "PNG")
    return Written(path, "png_blank", 200)
