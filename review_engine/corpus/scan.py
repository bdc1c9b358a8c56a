"""Turns rendered PDF pages into scans: rasterise, then age them the way scanners and phones do.

Degradations (each drawn per page from the document's rng): paper tint, a red institutional seal
over the signature, skew, uneven lighting, blur, sensor noise, optional greyscale, and JPEG
artefacts. Strength stays within what OCR still reads: the corpus is for measurement, and a page
meant to be unreadable is made so on purpose elsewhere.
"""

from __future__ import annotations

import io
import math
import random
from functools import lru_cache

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

from review_engine.corpus.style import CJK_FONT_PATH

SEAL_RED = (205, 30, 35)


def rasterise(pdf: bytes, dpi: int) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in doc]
    finally:
        doc.close()


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(CJK_FONT_PATH, size, index=0)


def seal(text: str, diameter: int, rng: random.Random, bottom: str) -> Image.Image:
    """A round red seal: double ring, the institution's name around the top, a star, a bottom line."""
    img = Image.new("RGBA", (diameter, diameter), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    r = diameter / 2
    ring = max(3, diameter // 40)
    draw.ellipse((ring, ring, diameter - ring, diameter - ring), outline=SEAL_RED + (255,), width=ring)
    _star(draw, r, r, r * 0.2)
    chars = list(text[:14])
    size = int(diameter * 0.12)
    span = math.radians(min(250, 18 * len(chars) + 40))
    for i, ch in enumerate(chars):
        angle = -math.pi / 2 - span / 2 + span * (i + 0.5) / len(chars)
        glyph = Image.new("RGBA", (size * 2, size * 2), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((size * 0.5, size * 0.4), ch, font=_font(size), fill=SEAL_RED + (255,))
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.BICUBIC)
        x = r + (r - size * 1.3) * math.cos(angle) - size
        y = r + (r - size * 1.3) * math.sin(angle) - size
        img.alpha_composite(glyph, (int(x), int(y)))
    w = draw.textlength(bottom, font=_font(int(size * 0.9)))
    draw.text((r - w / 2, r + r * 0.35), bottom, font=_font(int(size * 0.9)), fill=SEAL_RED + (255,))
    img = img.rotate(rng.uniform(-25, 25), resample=Image.BICUBIC)
    alpha = np.asarray(img.getchannel("A"), dtype=np.float32) * rng.uniform(0.55, 0.85)
    alpha *= np.random.default_rng(rng.randint(0, 2**31)).uniform(0.6, 1.0, alpha.shape)  # patchy ink
    img.putalpha(Image.fromarray(alpha.astype(np.uint8)))
    return img


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    pts = []
    for i in range(10):
        rad = r if i % 2 == 0 else r * 0.4
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    draw.polygon(pts, fill=SEAL_RED + (255,))


def degrade(page: Image.Image, rng: random.Random, seal_img: Image.Image | None, seal_at: tuple[int, int] | None) -> Image.Image:
    """One scanned/photographed page from a clean render (uint8 work where it can, for speed)."""
    if seal_img is not None and seal_at is not None:
        page = page.convert("RGBA")
        page.alpha_composite(seal_img, seal_at)
        page = page.convert("RGB")
    arr = _skew(np.asarray(page), rng.uniform(-2.2, 2.2))
    sigma = rng.choice([0.0, 0.4, 0.7, 1.0])
    if sigma:
        arr = cv2.GaussianBlur(arr, (0, 0), sigma)
    tint = np.array([rng.uniform(0.95, 1.0), rng.uniform(0.93, 0.99), rng.uniform(0.85, 0.96)], dtype=np.float32)
    out = arr.astype(np.float32)
    gain = _lighting(arr.shape[:2], rng)
    noise = np.empty(arr.shape[:2], np.float32)
    cv2.setRNGSeed(rng.randint(0, 2**31))
    cv2.randn(noise, 0.0, rng.uniform(1.5, 5.0))  # one noise plane for all channels: sensor grain, cheaply
    for c in range(3):
        out[..., c] = out[..., c] * gain * tint[c] + noise
    arr = cv2.convertScaleAbs(out)  # saturating cast to uint8
    if rng.random() < 0.3:
        arr = cv2.cvtColor(cv2.cvtColor(arr, cv2.COLOR_RGB2GRAY), cv2.COLOR_GRAY2RGB)
    return Image.fromarray(arr)


def _skew(arr: np.ndarray, degrees: float) -> np.ndarray:
    h, w = arr.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    border = tuple(int(v) for v in arr[5, 5])
    return cv2.warpAffine(arr, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=border)


def _lighting(shape: tuple[int, int], rng: random.Random) -> np.ndarray:
    """Uneven light: a linear falloff from one side plus a soft vignette (computed small, scaled up)."""
    h, w = shape
    small_h, small_w = max(2, h // 16), max(2, w // 16)
    ys, xs = np.mgrid[0:small_h, 0:small_w].astype(np.float32)
    angle = rng.uniform(0, 2 * math.pi)
    ramp = (xs / small_w - 0.5) * math.cos(angle) + (ys / small_h - 0.5) * math.sin(angle)
    light = 1.0 - rng.uniform(0.03, 0.18) * (ramp + 0.5)
    vignette = ((xs / small_w - 0.5) ** 2 + (ys / small_h - 0.5) ** 2) * rng.uniform(0.0, 0.25)
    return cv2.resize(np.clip(light - vignette, 0.6, 1.0), (w, h), interpolation=cv2.INTER_LINEAR)


def jpeg_roundtrip(img: Image.Image, quality: int) -> Image.Image:
    """JPEG artefacts for outputs saved losslessly (a scan that went through JPEG before PNG)."""
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


def blank_page(rng: random.Random, size: tuple[int, int] = (1654, 2339)) -> Image.Image:
    """A scan of an empty/illegible sheet: paper, noise and a smudge, no readable text."""
    nprng = np.random.default_rng(rng.randint(0, 2**31))
    arr = np.full((size[1], size[0], 3), 238, np.float32) + nprng.normal(0, 6, (size[1], size[0], 3))
    arr = cv2.GaussianBlur(arr, (0, 0), 3)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
