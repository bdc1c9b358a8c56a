"""The pages of one scanned document are OCR'd in parallel (settings ocr.page_workers) and
come back exactly as a one-page-at-a-time reading gives them, in page order."""

from __future__ import annotations

from pathlib import Path

from review_engine.ocr import DocumentReader
from review_engine.settings import get_settings

from .conftest import draw_page, write_image_pdf

PAGES = [
    ["第一页 Page one", "EGFR c.2573T>G p.L858R 23.5%"],
    ["第二页 Page two", "KRAS p.G12C 未检测到"],
    ["第三页 Page three", "ALK EML4-ALK 融合 阴性 TMB 12.5"],
]


def reader_with(page_workers: int) -> DocumentReader:
    settings = get_settings()
    ocr = settings.ocr.model_copy(update={"page_workers": page_workers})
    return DocumentReader(settings.model_copy(update={"ocr": ocr}))


def test_ocr_parallel_pages_match_a_serial_reading(tmp_path: Path):
    path = tmp_path / "scan.pdf"
    write_image_pdf(path, [draw_page(lines).image for lines in PAGES])
    serial = reader_with(1).read(path)
    parallel = reader_with(3).read(path)
    assert parallel.text == serial.text
    assert [(w.page, w.text, w.bbox) for w in parallel.words] == [
        (w.page, w.text, w.bbox) for w in serial.words
    ]
    assert [p.number for p in parallel.pages] == [1, 2, 3]
    for number, lines in enumerate(PAGES, start=1):
        page_text = " ".join(w.text for w in parallel.words if w.page == number)
        assert lines[1].split()[1] in page_text  # each page's own words stay on that page
