"""``DocumentReader``: file -> ParsedDocument, keeping its OCR engines loaded between files."""

from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from PIL import Image

from review_engine.domain import BBox, Page, ParsedDocument
from review_engine.errors import EmptyDocumentError, NotAvailableError
from review_engine.ocr.engines import ENGINES, OcrEngine, OcrEngineProvider
from review_engine.ocr.layout import PageDraft, assemble, lines_from_words
from review_engine.ocr.loader import open_document
from review_engine.ocr.page_ocr import read_page_image
from review_engine.ocr.render import draw_boxes
from review_engine.ocr.source import DocumentSource
from review_engine.ocr.tuning import OcrTuning, get_tuning
from review_engine.settings import Settings, get_settings

log = logging.getLogger(__name__)


class DocumentReader:
    """Reads PDFs, images and text files into ParsedDocuments; one per process is enough."""

    def __init__(self, settings: Settings | None = None, tuning: OcrTuning | None = None) -> None:
        self.settings = settings or get_settings()
        self.tuning = tuning or get_tuning()
        self.engines = OcrEngineProvider(self.settings.ocr, self.tuning)
        Image.MAX_IMAGE_PIXELS = self.settings.limits.max_image_pixels  # PIL's own bomb guard, same limit

    def read(self, path: str | Path, doc_id: str = "", engine: str | None = None) -> ParsedDocument:
        """Read every page: text layer or plain text where possible, OCR with ``engine`` otherwise."""
        engine_name = engine or self.settings.ocr.engine
        if engine_name not in ENGINES:
            raise NotAvailableError(f"unknown OCR engine {engine_name!r}; known: {', '.join(sorted(ENGINES))}")
        with open_document(path, self.settings, self.tuning) as source:
            drafts, fallbacks, engines_used = self._read_pages(source, engine_name)
        text, pages = assemble(drafts)
        if not text.strip():
            raise EmptyDocumentError(str(path))
        return ParsedDocument(
            path=str(path),
            doc_id=doc_id,
            media_type=source.media_type,
            engine="+".join(engines_used),
            pages=pages,
            text=text,
            warnings=low_confidence_notes(pages, self.tuning.orientation.retry_below_confidence),
            fallbacks=fallbacks,
        )

    def _read_pages(self, source: DocumentSource, engine_name: str) -> tuple[list[PageDraft], list[str], list[str]]:
        drafts: dict[int, PageDraft] = {}
        to_ocr: list[int] = []
        fallbacks: list[str] = []
        for number in range(1, source.page_count + 1):
            draft, why_not = source.direct_page(number)
            if draft is not None:
                drafts[number] = draft
                continue
            to_ocr.append(number)
            if why_not:
                fallbacks.append(f"page {number}: {why_not} -> {engine_name}")
                log.info("%s: page %d: %s -> %s", source.path, number, why_not, engine_name)
        if to_ocr:
            drafts.update(self._ocr_pages(source, to_ocr, self.engines.get(engine_name)))
        ordered = [drafts[n] for n in sorted(drafts)]
        return ordered, fallbacks, _engine_names(source, ordered, engine_name)

    def _ocr_pages(self, source: DocumentSource, numbers: list[int], engine: OcrEngine) -> dict[int, PageDraft]:
        """OCR pages in parallel threads (onnxruntime and tesseract release the GIL); the
        source itself (pdfium, a TIFF's frame pointer) is not thread-safe, so rendering is serial."""
        render_lock = threading.Lock()

        def work(number: int) -> PageDraft:
            with render_lock:
                image, factor = source.page_image(number)
            return self._ocr_page(source, number, image, factor, engine)

        workers = min(len(numbers), self.settings.ocr.page_workers or os.cpu_count() or 1)
        if workers <= 1:
            return {n: work(n) for n in numbers}
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr-page") as pool:
            return dict(zip(numbers, pool.map(work, numbers)))

    def _ocr_page(self, source: DocumentSource, number: int, image: Image.Image, factor: float, engine: OcrEngine) -> PageDraft:
        reading = read_page_image(np.asarray(image), engine, self.tuning.orientation, self.settings.ocr.deskew)
        frame = reading.frame

        def to_page(box: BBox) -> BBox:
            x0, y0, x1, y1 = frame.to_original(box)
            return (x0 / factor, y0 / factor, x1 / factor, y1 / factor)

        return PageDraft(
            number=number,
            width=image.width / factor,
            height=image.height / factor,
            units="pt" if source.units == "pt" else "px",
            source="ocr",
            lines=lines_from_words(reading.words, self.tuning.layout),
            dpi=self.settings.ocr.dpi if source.units == "pt" else None,
            rotation=frame.rotation,
            skew=frame.skew,
            to_page=to_page,
        )

    def page_image(self, path: str | Path, page_number: int) -> tuple[Image.Image, float]:
        """The page as an image and the factor from the ParsedDocument's box units to its pixels."""
        with open_document(path, self.settings, self.tuning) as source:
            _check_page(source, page_number)
            return source.page_image(page_number)

    def draw_evidence(self, path: str | Path, page_number: int, boxes: list[list[float]]) -> Image.Image:
        """The page image with each box (in the document's units) drawn as a red rectangle."""
        image, factor = self.page_image(path, page_number)
        return draw_boxes(image, [[v * factor for v in box] for box in boxes], self.tuning.evidence)


def low_confidence_notes(pages: list[Page], floor: float) -> list[str]:
    """OCR'd pages that still read poorly after trying each page turn, one note per page."""
    notes = []
    for page in pages:
        words = page.words
        chars = sum(len(w.text) for w in words)
        confidence = sum(w.confidence * len(w.text) for w in words) / chars if chars else 0.0
        if page.source == "ocr" and chars and confidence < floor:
            notes.append(f"page {page.number}: low OCR confidence {confidence:.2f}")
    return notes


def _check_page(source: DocumentSource, page_number: int) -> None:
    if not 1 <= page_number <= source.page_count:
        raise ValueError(f"{source.path}: no page {page_number} (pages 1-{source.page_count})")


def _engine_names(source: DocumentSource, drafts: list[PageDraft], engine_name: str) -> list[str]:
    """'pdf_text_layer', 'rapidocr', 'text' or a mix in page order, each once."""
    label = {"text_layer": "pdf_text_layer", "text": "text", "ocr": engine_name}
    names: list[str] = []
    for draft in drafts:
        if label[draft.source] not in names:
            names.append(label[draft.source])
    return names
