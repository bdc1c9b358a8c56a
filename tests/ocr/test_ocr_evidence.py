"""Page images and evidence drawing line up with the ParsedDocument's boxes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from review_engine.ocr.pdf import garbage_ratio

from .conftest import DRAW_DPI, REPORT_LINES, find_evidence, write_text_pdf


def _red(image, box) -> int:
    x0, y0, x1, y1 = (round(v) for v in box)
    pixels = np.asarray(image)[y0 : y1 + 1, x0 : x1 + 1]
    return int(((pixels[..., 0] > 180) & (pixels[..., 1] < 60)).sum())


def test_ocr_evidence_pdf_page_image_factor_converts_points_to_pixels(reader, tmp_path: Path):
    path = tmp_path / "layer.pdf"
    write_text_pdf(path, REPORT_LINES)
    image, factor = reader.page_image(path, 1)
    assert factor == pytest.approx(DRAW_DPI / 72)
    assert image.size == (round(595 * factor), round(842 * factor))


def test_ocr_evidence_draw_evidence_outlines_the_word(reader, report_png: Path, drawn_report):
    doc = reader.read(report_png)
    evidence = find_evidence(doc, "p.L858R")
    drawn = reader.draw_evidence(report_png, evidence.page, [evidence.bbox])
    assert drawn.size == drawn_report.image.size
    assert _red(drawn, evidence.bbox) > 0
    assert _red(drawn_report.image, evidence.bbox) == 0


def test_ocr_evidence_page_out_of_range_is_refused(reader, report_png: Path):
    with pytest.raises(ValueError, match="no page 3"):
        reader.page_image(report_png, 3)


@pytest.mark.parametrize(
    "chars, ratio",
    [
        (list("EGFR p.L858R"), 0.0),
        (["(cid:12)", "(cid:13)", "A", "B"], 0.5),
        (["\ufffd", "\ue000", "a", " "], 2 / 3),
        ([], 0.0),
    ],
)
def test_ocr_evidence_text_layer_garbage_ratio(chars, ratio):
    assert garbage_ratio(chars) == pytest.approx(ratio)


def test_ocr_evidence_pdf_pages_render_safely_from_many_threads(reader, tmp_path: Path):
    from concurrent.futures import ThreadPoolExecutor

    paths = []
    for i in range(4):
        paths.append(tmp_path / f"layer{i}.pdf")
        write_text_pdf(paths[-1], REPORT_LINES[i:] + REPORT_LINES[:i])
    serial = [np.asarray(reader.page_image(p, 1)[0]) for p in paths]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(lambda p: np.asarray(reader.page_image(p, 1)[0]), paths * 2))
    assert all((a == b).all() for a, b in zip(serial * 2, parallel))


def test_ocr_evidence_unknown_engine_is_refused_before_reading(reader, tmp_path: Path):
    from review_engine.errors import NotAvailableError

    path = tmp_path / "layer.pdf"
    write_text_pdf(path, REPORT_LINES)
    with pytest.raises(NotAvailableError, match="unknown OCR engine 'easyocr'"):
        reader.read(path, engine="easyocr")
