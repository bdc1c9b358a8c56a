"""PDF files: the text layer where it is present and sane, otherwise pages rendered for OCR.

Boxes for PDF pages are always in PDF points (``units="pt"``), also for OCR'd pages.
"""

from __future__ import annotations

import logging
import threading
import unicodedata

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException
from PIL import Image

from review_engine.errors import (
    CorruptDocumentError,
    EncryptedPdfError,
    ImageTooLargeError,
    TooManyPagesError,
    ZeroPagesError,
)
from review_engine.ocr.layout import PageDraft, lines_from_words
from review_engine.ocr.primitives import OcrWord
from review_engine.ocr.segment import split_line, word_spans
from review_engine.ocr.source import DocumentSource
from review_engine.ocr.tuning import OcrTuning
from review_engine.settings import Settings

log = logging.getLogger(__name__)
POINTS_PER_INCH = 72.0
# PDFium is not thread-safe, not even across documents: a service thread pool reading
# several PDFs at once must take turns on it.
PDFIUM_LOCK = threading.RLock()


def garbage_ratio(chars: list[str]) -> float:
    """Share of glyphs without a real character: '(cid:N)', U+FFFD, private-use or control."""
    def bad(text: str) -> bool:
        return text.startswith("(cid:") or any(ch == "\ufffd" or unicodedata.category(ch) in ("Co", "Cc") for ch in text)

    visible = [c for c in chars if c.strip()]
    return sum(bad(c) for c in visible) / len(visible) if visible else 0.0


class PdfSource(DocumentSource):
    media_type = "application/pdf"
    units = "pt"

    def __init__(self, path: str, settings: Settings, tuning: OcrTuning) -> None:
        super().__init__(path)
        self.settings = settings
        self.tuning = tuning
        # pdfminer first: it tells encrypted from damaged reliably (pdfium's error state is
        # process-global and can still name an earlier file's password problem).
        self._plumber = self._open_plumber()
        self._pages = self._count_pages()
        self._pdfium = self._open_pdfium()

    def _count_pages(self) -> int:
        try:
            count = len(self._plumber.pages)
        except Exception as exc:  # a broken page tree
            self._plumber.close()
            raise CorruptDocumentError(self.path, f"page tree: {type(exc).__name__}") from exc
        if count == 0:
            self._plumber.close()
            raise ZeroPagesError(self.path)
        if count > self.settings.limits.max_pages:
            self._plumber.close()
            raise TooManyPagesError(self.path, f"{count} > {self.settings.limits.max_pages}")
        return count

    def _open_pdfium(self) -> pdfium.PdfDocument:
        try:
            with PDFIUM_LOCK:
                document = pdfium.PdfDocument(self.path)
        except pdfium.PdfiumError as exc:
            self._plumber.close()
            raise CorruptDocumentError(self.path, "the renderer cannot open it") from exc
        if len(document) != self._pages:
            log.warning("%s: pdfium sees %d pages, pdfminer %d", self.path, len(document), self._pages)
            self._pages = min(self._pages, len(document))
        return document

    def _open_plumber(self) -> pdfplumber.PDF:
        """pdfminer refuses owner-password PDFs with some crypto: those count as encrypted too."""
        try:
            return pdfplumber.open(self.path)
        except Exception as exc:  # pdfplumber wraps pdfminer's errors; pdfminer raises bare ones too
            raise self._open_error(exc) from exc

    def _open_error(self, exc: Exception) -> CorruptDocumentError | EncryptedPdfError:
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "encrypt" in str(cause).lower():
            return EncryptedPdfError(self.path)
        detail = str(cause).splitlines()[0] if str(cause) else type(cause).__name__
        return CorruptDocumentError(self.path, f"PDF structure: {detail[:120]}")

    @property
    def page_count(self) -> int:
        return self._pages

    def page_size(self, number: int) -> tuple[float, float]:
        with PDFIUM_LOCK:
            width, height = self._pdfium[number - 1].get_size()
        return float(width), float(height)

    def page_image(self, number: int) -> tuple[Image.Image, float]:
        scale = self.settings.ocr.dpi / POINTS_PER_INCH
        width, height = self.page_size(number)
        pixels = int(width * scale) * int(height * scale)
        if pixels > self.settings.limits.max_image_pixels:
            raise ImageTooLargeError(self.path, f"page {number} renders to {pixels} pixels at {self.settings.ocr.dpi} dpi")
        try:
            with PDFIUM_LOCK:
                image = self._pdfium[number - 1].render(scale=scale).to_pil().convert("RGB")
        except pdfium.PdfiumError as exc:
            raise CorruptDocumentError(self.path, f"page {number} cannot be rendered") from exc
        return image, scale

    def direct_page(self, number: int) -> tuple[PageDraft | None, str]:
        try:
            page = self._plumber.pages[number - 1]
            chars = [c["text"] for c in page.chars]
        except Exception as exc:  # noqa: BLE001 (a damaged content stream raises anything: fall back to OCR, never crash)
            return None, f"text layer unreadable ({type(exc).__name__})"
        if page.rotation % 360:  # pdfplumber and pdfium disagree on turned pages' coordinates
            return None, f"text layer on a page turned {page.rotation % 360} degrees"
        visible = sum(1 for c in chars if c.strip())
        if visible < self.settings.ocr.min_text_layer_chars:
            return None, "no text layer" if visible == 0 else f"text layer too short ({visible} chars)"
        ratio = garbage_ratio(chars)
        if ratio > self.tuning.text_layer.max_garbage_ratio:
            return None, f"text layer unusable ({ratio:.0%} unmapped glyphs)"
        words = self._text_layer_words(page)
        width, height = self.page_size(number)
        lines = lines_from_words(words, self.tuning.layout)
        return PageDraft(number, width, height, "pt", "text_layer", lines), ""

    def _text_layer_words(self, page: pdfplumber.page.Page) -> list[OcrWord]:
        confidence = self.tuning.text_layer.text_layer_confidence
        words: list[OcrWord] = []
        for item in page.extract_words(return_chars=True, expand_ligatures=False):
            words.extend(_split_with_chars(item, confidence, self.tuning))
        return words

    def close(self) -> None:
        self._plumber.close()
        with PDFIUM_LOCK:
            self._pdfium.close()


def _split_with_chars(item: dict, confidence: float, tuning: OcrTuning) -> list[OcrWord]:
    """Split a pdfplumber word at CJK/Latin boundaries, using the exact character boxes."""
    text: str = item["text"]
    chars = item.get("chars") or []
    box = (float(item["x0"]), float(item["top"]), float(item["x1"]), float(item["bottom"]))
    if len(chars) != len(text):
        return split_line(text, box, confidence, tuning.segmentation)
    words: list[OcrWord] = []
    for i, (start, end) in enumerate(word_spans(text)):
        part = chars[start:end]
        sub = (min(c["x0"] for c in part), box[1], max(c["x1"] for c in part), box[3])
        words.append(OcrWord(text[start:end], tuple(map(float, sub)), confidence, glued=i > 0))  # type: ignore[arg-type]
    return words
