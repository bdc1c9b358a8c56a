"""Pages drawn when the test run starts, with known text and known word boxes.

Every fixture says what it draws. OCR engines load once per session (``reader``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from review_engine.ocr import DocumentReader

FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
PDF_FONT = "WQYZenHei"
DRAW_DPI = 200  # the drawn pixel pages stand for scans at this dpi (= settings.ocr.dpi)

REPORT_LINES = [
    "基因检测报告 Genetic Testing Report",
    "患者姓名：张伟 性别：男 年龄：63岁",
    "EGFR c.2573T>G p.L858R 突变丰度 23.5%",
    "KRAS p.G12C 未检测到 检测方法 NGS",
]
# Tokens a reviewer needs; the OCR'd pages must give each back verbatim.
KEY_TOKENS = ["EGFR", "c.2573T>G", "p.L858R", "23.5%", "KRAS", "p.G12C", "张伟", "NGS"]

BBoxPx = tuple[float, float, float, float]


@dataclass
class DrawnPage:
    """A drawn page image and the pixel box of each whitespace token drawn on it."""

    image: Image.Image
    boxes: dict[str, BBoxPx] = field(default_factory=dict)


def draw_page(lines: list[str], font_size: int = 40, width: int = 1400, margin: int = 70) -> DrawnPage:
    """Black text on white, one line per entry; cells separated by "|" are drawn as table columns."""
    font = ImageFont.truetype(FONT_PATH, font_size)
    line_height = int(font_size * 1.9)
    image = Image.new("RGB", (width, margin * 2 + line_height * len(lines)), "white")
    pen = ImageDraw.Draw(image)
    page = DrawnPage(image)
    for row, line in enumerate(lines):
        y = margin + row * line_height
        cells = line.split("|")
        column_width = (width - 2 * margin) / len(cells)
        for col, cell in enumerate(cells):
            _draw_cell(pen, font, cell.strip(), margin + col * column_width, y, page.boxes)
    return page


def _draw_cell(pen: ImageDraw.ImageDraw, font: ImageFont.FreeTypeFont, text: str, x: float, y: float, boxes: dict) -> None:
    pen.text((x, y), text, font=font, fill="black")
    start = 0
    for token in text.split(" "):
        left = x + font.getlength(text[:start])
        box = pen.textbbox((left, y), token, font=font)
        boxes.setdefault(token, tuple(float(v) for v in box))
        start += len(token) + 1


def rotate_box(box: BBoxPx, angle: int, size: tuple[int, int]) -> BBoxPx:
    """Where a box lands after ``Image.rotate(angle, expand=True)`` (counter-clockwise)."""
    w, h = size
    x0, y0, x1, y1 = box
    if angle == 90:
        return (y0, w - x1, y1, w - x0)
    if angle == 180:
        return (w - x1, h - y1, w - x0, h - y0)
    if angle == 270:
        return (h - y1, x0, h - y0, x1)
    return box


def overlaps(a: tuple, b: tuple) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def find_evidence(doc, token: str):
    """Evidence of the first occurrence of ``token`` in the document text."""
    start = doc.text.find(token)
    assert start >= 0, f"{token!r} not in {doc.text!r}"
    return doc.evidence_for(start, start + len(token))


def write_text_pdf(path: Path, lines: list[str], font_size: float = 14) -> dict[str, BBoxPx]:
    """A one-page PDF with a real text layer; returns each token's box in points (top-left origin)."""
    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(PDF_FONT, FONT_PATH, subfontIndex=0))
    width, height = 595.0, 842.0
    pdf = canvas.Canvas(str(path), pagesize=(width, height))
    pdf.setFont(PDF_FONT, font_size)
    boxes: dict[str, BBoxPx] = {}
    for row, line in enumerate(lines):
        baseline = height - 80 - row * font_size * 2
        pdf.drawString(60, baseline, line)
        start = 0
        for token in line.split(" "):
            x0 = 60 + pdfmetrics.stringWidth(line[:start], PDF_FONT, font_size)
            x1 = x0 + pdfmetrics.stringWidth(token, PDF_FONT, font_size)
            boxes.setdefault(token, (x0, height - baseline - font_size * 0.8, x1, height - baseline + font_size * 0.2))
            start += len(token) + 1
    pdf.showPage()
    pdf.save()
    return boxes


def write_image_pdf(path: Path, pages: list[Image.Image], dpi: int = DRAW_DPI, **canvas_args) -> None:
    """A PDF whose pages are only pictures (a scan): no text layer at all."""
    pdf = canvas.Canvas(str(path), **canvas_args)
    for image in pages:
        size = (image.width * 72 / dpi, image.height * 72 / dpi)
        pdf.setPageSize(size)
        pdf.drawImage(ImageReader(image), 0, 0, *size)
        pdf.showPage()
    pdf.save()


@pytest.fixture(scope="session")
def reader() -> DocumentReader:
    """One reader for the session, as the service keeps one per process (engines load once)."""
    return DocumentReader()


@pytest.fixture(scope="session")
def drawn_report() -> DrawnPage:
    """A short mixed Chinese/English report page with known word boxes."""
    return draw_page(REPORT_LINES)


@pytest.fixture(scope="session")
def pages_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ocr_pages")


@pytest.fixture(scope="session")
def report_png(drawn_report: DrawnPage, pages_dir: Path) -> Path:
    """The drawn report page saved as PNG (a phone photo or scan as submitted)."""
    path = pages_dir / "report.png"
    drawn_report.image.save(path)
    return path
