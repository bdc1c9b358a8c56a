"""UTF-8 text files: read as they are, and drawn on a deterministic grid so evidence has boxes.

The grid uses a monospace CJK face: a Latin character takes one cell, a wide
(CJK) character two, a tab advances to the next tab stop. The boxes in the
ParsedDocument and the drawing from ``page_image`` come from the same grid.
"""

from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from review_engine.errors import BadInputError, Problem
from review_engine.ocr.layout import LineDraft, PageDraft
from review_engine.ocr.primitives import OcrWord
from review_engine.ocr.segment import is_wide, word_spans
from review_engine.ocr.source import DocumentSource
from review_engine.ocr.tuning import TextRenderTuning


def decode_text(path: str, raw: bytes) -> str:
    """UTF-8 (with or without BOM) with normalised newlines; anything else is refused."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInputError(path, f"invalid byte at offset {exc.start}", problem=Problem.NOT_UTF8) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def paginate(text: str, lines_per_page: int) -> list[list[str]]:
    """Pages split at form feeds, and long pages every ``lines_per_page`` lines."""
    pages: list[list[str]] = []
    for chunk in text.split("\f"):
        lines = chunk.split("\n")
        pages.extend(lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page))
    return pages


def columns(line: str, tab_size: int) -> list[int]:
    """The grid column where each character starts, plus the end column."""
    cols = [0]
    for ch in line:
        col = cols[-1]
        cols.append((col // tab_size + 1) * tab_size if ch == "\t" else col + (2 if is_wide(ch) else 1))
    return cols


class TextSource(DocumentSource):
    media_type = "text/plain"
    units = "px"

    def __init__(self, path: str, raw: bytes, tuning: TextRenderTuning) -> None:
        super().__init__(path)
        self.tuning = tuning
        self._pages = paginate(decode_text(path, raw), tuning.lines_per_page)

    @property
    def page_count(self) -> int:
        return len(self._pages)

    @property
    def _cell(self) -> float:
        return self.tuning.font_size / 2

    @property
    def _line_height(self) -> float:
        return self.tuning.font_size * self.tuning.line_spacing

    def _size(self, lines: list[str]) -> tuple[float, float]:
        widest = max((columns(line, self.tuning.tab_size)[-1] for line in lines), default=0)
        margin = 2 * self.tuning.margin
        return margin + max(widest, 1) * self._cell, margin + max(len(lines), 1) * self._line_height

    def _line(self, line: str, row: int) -> LineDraft:
        cols = columns(line, self.tuning.tab_size)
        top = self.tuning.margin + row * self._line_height
        words = []
        for start, end in word_spans(line):
            x0 = self.tuning.margin + cols[start] * self._cell
            x1 = self.tuning.margin + cols[end] * self._cell
            words.append((OcrWord(line[start:end], (x0, top, x1, top + self.tuning.font_size), 1.0), start))
        return LineDraft(line, words)

    def _draft(self, number: int) -> PageDraft:
        lines = self._pages[number - 1]
        width, height = self._size(lines)
        drafts = [self._line(line, row) for row, line in enumerate(lines)]
        return PageDraft(number, width, height, "px", "text", drafts)

    def direct_page(self, number: int) -> tuple[PageDraft | None, str]:
        return self._draft(number), ""

    def page_image(self, number: int) -> tuple[Image.Image, float]:
        draft = self._draft(number)
        image = Image.new("RGB", (round(draft.width), round(draft.height)), "white")
        pen = ImageDraw.Draw(image)
        font = _font(self.tuning.font_path, self.tuning.font_index, self.tuning.font_size)
        for line in draft.lines:
            for word, _ in line.words:
                pen.text((word.bbox[0], word.bbox[1]), word.text, font=font, fill="black")
        return image, 1.0


@lru_cache(maxsize=4)
def _font(path: str, index: int, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(path, size, index=index)
    except OSError:  # no CJK font installed: boxes stay right, glyphs may be missing
        return ImageFont.load_default(size)
