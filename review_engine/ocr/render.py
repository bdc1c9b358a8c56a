"""Drawing evidence boxes on page images (the reviewer's view of where a finding came from)."""

from __future__ import annotations

from PIL import Image, ImageDraw

from review_engine.ocr.tuning import EvidenceTuning


def draw_boxes(image: Image.Image, boxes: list[list[float]], style: EvidenceTuning) -> Image.Image:
    """A copy of ``image`` with each box (in this image's pixels) outlined."""
    out = image.convert("RGB").copy()
    pen = ImageDraw.Draw(out)
    for box in boxes:
        x0, y0, x1, y1 = box
        pen.rectangle([min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)], outline=tuple(style.box_color), width=style.box_width)
    return out
