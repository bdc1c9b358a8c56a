"""One opened input file, page by page: what can be read directly, and each page as an image."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Self

from PIL import Image

from review_engine.ocr.layout import PageDraft


class DocumentSource(ABC):
    """A sniffed, limit-checked file. Pages are numbered from 1."""

    media_type: str = ""
    units: str = "px"

    def __init__(self, path: str) -> None:
        self.path = path

    @property
    @abstractmethod
    def page_count(self) -> int: ...

    @abstractmethod
    def page_image(self, number: int) -> tuple[Image.Image, float]:
        """The page as an RGB image and the factor from page units to that image's pixels."""

    def direct_page(self, number: int) -> tuple[PageDraft | None, str]:
        """The page read without OCR (text layer, plain text), or None and why not ('' = always OCR)."""
        return None, ""

    def close(self) -> None:
        """Release file handles; sources are also context managers."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
