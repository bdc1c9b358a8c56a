"""Each input format is read into a ParsedDocument whose words map back to where they were drawn."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from review_engine.ocr import DocumentReader

from .conftest import (
    DRAW_DPI,
    KEY_TOKENS,
    REPORT_LINES,
    draw_page,
    find_evidence,
    overlaps,
    write_image_pdf,
    write_text_pdf,
)


def assert_offsets_hold(doc) -> None:
    for word in doc.words:
        assert doc.text[word.start : word.end] == word.text


def assert_key_tokens(doc) -> None:
    missing = [t for t in KEY_TOKENS if t not in doc.text]
    assert not missing, f"missing {missing} in {doc.text!r}"


def test_ocr_formats_text_layer_pdf_is_read_without_ocr(tmp_path: Path):
    boxes = write_text_pdf(tmp_path / "layer.pdf", REPORT_LINES)
    reader = DocumentReader()  # fresh: proves no engine gets loaded
    doc = reader.read(tmp_path / "layer.pdf", doc_id="d1")
    assert (doc.engine, doc.media_type, doc.units, doc.doc_id) == ("pdf_text_layer", "application/pdf", "pt", "d1")
    assert reader.engines.loaded() == []
    assert doc.pages[0].source == "text_layer" and doc.fallbacks == []
    assert doc.text.split("\n") == REPORT_LINES
    assert all(w.confidence >= 0.99 for w in doc.words)
    assert_offsets_hold(doc)
    for token in ("p.L858R", "23.5%", "张伟"):
        assert overlaps(find_evidence(doc, token).bbox, boxes[token if token != "张伟" else "患者姓名：张伟"])


def test_ocr_formats_image_only_pdf_is_ocred_in_points(reader, drawn_report, tmp_path: Path):
    write_image_pdf(tmp_path / "scan.pdf", [drawn_report.image])
    doc = reader.read(tmp_path / "scan.pdf")
    assert doc.engine == "rapidocr" and doc.units == "pt"
    assert doc.fallbacks == ["page 1: no text layer -> rapidocr"]
    page = doc.pages[0]
    assert (page.source, page.dpi) == ("ocr", DRAW_DPI)
    assert page.width == pytest.approx(drawn_report.image.width * 72 / DRAW_DPI, abs=1)
    assert_key_tokens(doc)
    assert_offsets_hold(doc)
    expected = tuple(v * 72 / DRAW_DPI for v in drawn_report.boxes["p.L858R"])
    assert overlaps(find_evidence(doc, "p.L858R").bbox, expected)


def test_ocr_formats_mixed_pdf_uses_text_layer_then_ocr(reader, drawn_report, tmp_path: Path):
    path = tmp_path / "mixed.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setFont("Helvetica", 14)
    for row, line in enumerate(["Pathology report", "Diagnosis: lung adenocarcinoma, pT2aN1M0"]):
        pdf.drawString(60, 760 - row * 28, line)
    pdf.showPage()
    size = (drawn_report.image.width * 72 / DRAW_DPI, drawn_report.image.height * 72 / DRAW_DPI)
    pdf.setPageSize(size)
    pdf.drawImage(ImageReader(drawn_report.image), 0, 0, *size)
    pdf.showPage()
    pdf.save()
    doc = reader.read(path)
    assert doc.engine == "pdf_text_layer+rapidocr"
    assert [p.source for p in doc.pages] == ["text_layer", "ocr"]
    assert doc.fallbacks == ["page 2: no text layer -> rapidocr"]
    assert doc.text.startswith("Pathology report\nDiagnosis: lung adenocarcinoma, pT2aN1M0\f")
    assert find_evidence(doc, "p.L858R").page == 2


@pytest.mark.parametrize("suffix, save_args", [("png", {}), ("jpg", {"quality": 90})])
def test_ocr_formats_images_are_ocred_in_pixels(reader, drawn_report, tmp_path: Path, suffix, save_args):
    path = tmp_path / f"report.{suffix}"
    drawn_report.image.save(path, **save_args)
    doc = reader.read(path)
    assert doc.units == "px" and doc.pages[0].width == drawn_report.image.width
    assert_key_tokens(doc)
    assert_offsets_hold(doc)
    for token in ("EGFR", "p.L858R", "23.5%"):
        assert overlaps(find_evidence(doc, token).bbox, drawn_report.boxes[token])


def test_ocr_formats_multipage_tiff_gives_one_page_per_frame(reader, drawn_report, tmp_path: Path):
    second = draw_page(["病理诊断：肺腺癌 PD-L1 TPS 60%"])
    path = tmp_path / "two.tiff"
    drawn_report.image.save(path, save_all=True, append_images=[second.image], compression="tiff_lzw")
    doc = reader.read(path)
    assert [p.number for p in doc.pages] == [1, 2]
    first, last = doc.text.split("\f")
    assert "p.L858R" in first and "60%" in last
    evidence = find_evidence(doc, "60%")
    assert evidence.page == 2 and overlaps(evidence.bbox, second.boxes["60%"])


def test_ocr_formats_text_file_is_read_verbatim_with_boxes(reader, tmp_path: Path):
    content = "检测结果：EGFR p.L858R 阳性\n\tVAF 23.5%\n"
    path = tmp_path / "report.dat"  # the extension means nothing: content decides
    path.write_text(content, encoding="utf-8")
    doc = reader.read(path)
    assert (doc.engine, doc.media_type, doc.units) == ("text", "text/plain", "px")
    assert doc.text == content
    assert_offsets_hold(doc)
    image, factor = reader.page_image(path, 1)
    x0, y0, x1, y1 = (v * factor for v in find_evidence(doc, "p.L858R").bbox)
    ink = image.convert("L").crop((int(x0), int(y0), int(x1), int(y1)))
    assert np.asarray(ink).min() < 100, "the word's box must cover the drawn word"


@pytest.mark.slow
def test_ocr_formats_short_text_layer_falls_back_to_ocr_and_says_why(tmp_path: Path):
    from review_engine.settings import OcrSettings, Settings

    write_text_pdf(tmp_path / "thin.pdf", REPORT_LINES, font_size=18)
    reader = DocumentReader(Settings(ocr=OcrSettings(min_text_layer_chars=10_000)))
    doc = reader.read(tmp_path / "thin.pdf")
    assert doc.engine == "rapidocr" and doc.pages[0].source == "ocr"
    assert len(doc.fallbacks) == 1 and doc.fallbacks[0].startswith("page 1: text layer too short (")
    assert doc.fallbacks[0].endswith(" chars) -> rapidocr")
    assert "p.L858R" in doc.text



@pytest.mark.parametrize(
    "source, confidences, notes",
    [
        ("ocr", [0.99, 0.95], []),
        ("ocr", [0.60, 0.70], ["page 1: low OCR confidence 0.65"]),
        ("text_layer", [0.60, 0.70], []),  # only OCR readings can be poor
        ("ocr", [], []),
    ],
)
def test_ocr_formats_low_confidence_pages_are_noted(source, confidences, notes):
    from review_engine.domain import Line, Page, Word
    from review_engine.ocr.reader import low_confidence_notes

    words = [Word(text="EGFR", bbox=(0, 0, 1, 1), confidence=c, page=1, start=5 * i, end=5 * i + 4) for i, c in enumerate(confidences)]
    page = Page(number=1, width=10, height=10, source=source, lines=[Line(text="", bbox=(0, 0, 1, 1), words=words, confidence=0.5)])
    assert low_confidence_notes([page], floor=0.85) == notes


def test_ocr_formats_transparent_png_is_read_on_white_paper(reader, tmp_path: Path):
    from PIL import Image

    from .conftest import draw_page

    drawn = draw_page(["EGFR p.L858R 23.5%"]).image.convert("L")
    # black ink on a fully transparent BLACK background: naive RGB conversion gives a black page
    transparent = Image.new("RGBA", drawn.size, (0, 0, 0, 0))
    transparent.putalpha(Image.eval(drawn, lambda v: 255 - v))
    path = tmp_path / "transparent.png"
    transparent.save(path)
    doc = reader.read(path)
    assert "p.L858R" in doc.text and "23.5%" in doc.text


@pytest.mark.parametrize("suffix", [".png", ".tiff"])
def test_ocr_formats_single_image_page_can_be_asked_for_twice(tmp_path: Path, suffix):
    # the decoded first frame is handed over, not copied: a second ask must decode it again, not fail
    from review_engine.ocr.loader import open_document
    from review_engine.ocr.tuning import get_tuning
    from review_engine.settings import load_settings

    from .conftest import draw_page

    path = tmp_path / f"page{suffix}"
    draw_page(["EGFR p.L858R 23.5%"]).image.save(path)
    with open_document(path, load_settings(), get_tuning()) as source:
        first, second = np.asarray(source.page_image(1)[0]), np.asarray(source.page_image(1)[0])
    assert first.shape == second.shape and np.array_equal(first, second)
