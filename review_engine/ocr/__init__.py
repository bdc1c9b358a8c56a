"""The OCR layer: file -> ParsedDocument (see ``DocumentReader``)."""

from review_engine.ocr.reader import DocumentReader

__all__ = ["DocumentReader"]
