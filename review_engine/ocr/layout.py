"""Reading-order lines from words, and the document text with every word's offsets.

Words are grouped into rows by vertical overlap, so a table row stays ONE line
(its cells joined by tabs), and sorted left to right. Lines are joined by "\\n",
pages by "\\f", and each Word keeps ``start``/``end`` such that
``doc.text[w.start:w.end] == w.text``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import median
from typing import Literal

from review_engine.domain import BBox, Line, Page, Word
from review_engine.ocr.primitives import OcrWord
from review_engine.ocr.segment import needs_no_space
from review_engine.ocr.tuning import LayoutTuning

LINE_SEPARATOR = "\n"
PAGE_SEPARATOR = "\f"
COLUMN_SEPARATOR = "\t"
_FORBIDDEN = str.maketrans({"\n": " ", "\f": " ", "\r": " ", "\t": " ", "\v": " "})


def _identity(box: BBox) -> BBox:
    return box


@dataclass
class LineDraft:
    """One reading-order line: its text and each word with its offset in that text."""

    text: str
    words: list[tuple[OcrWord, int]]


@dataclass
class PageDraft:
    """A page ready for assembly; ``to_page`` maps reading-frame boxes to page units."""

    number: int
    width: float
    height: float
    units: Literal["px", "pt"]
    source: Literal["text_layer", "ocr", "text"]
    lines: list[LineDraft]
    dpi: float | None = None
    rotation: int = 0
    skew: float = 0.0
    to_page: Callable[[BBox], BBox] = field(default=_identity)


@dataclass
class _Row:
    top: float
    bottom: float
    words: list[OcrWord] = field(default_factory=list)

    def add(self, word: OcrWord) -> None:
        n = len(self.words)
        self.top = (self.top * n + word.bbox[1]) / (n + 1)
        self.bottom = (self.bottom * n + word.bbox[3]) / (n + 1)
        self.words.append(word)


def clean_word(word: OcrWord) -> OcrWord | None:
    """Words never carry the separators the document text is built from."""
    text = word.text.translate(_FORBIDDEN).strip()
    if not text:
        return None
    return word if text == word.text else OcrWord(text, word.bbox, word.confidence, word.glued)


def _overlap_share(row: _Row, word: OcrWord) -> float:
    overlap = min(row.bottom, word.bbox[3]) - max(row.top, word.bbox[1])
    smaller = min(row.bottom - row.top, word.height)
    return overlap / smaller if smaller > 0 else 0.0


def group_rows(words: list[OcrWord], tuning: LayoutTuning) -> list[list[OcrWord]]:
    """Rows of words that overlap vertically, top to bottom, each sorted left to right.

    A word joins the row it overlaps most (the first such row), when that share reaches
    ``row_overlap``; rows it does not overlap at all are skipped before the share is worked out
    (their share is never positive), which keeps a dense page's 400 words cheap."""
    rows: list[_Row] = []
    for word in sorted(words, key=lambda w: (w.bbox[1] + w.bbox[3]) / 2):
        top, bottom = word.bbox[1], word.bbox[3]
        overlapping = [r for r in rows if r.bottom > top and r.top < bottom]
        best = max(overlapping, key=lambda r: _overlap_share(r, word), default=None)
        if best is not None and _overlap_share(best, word) >= tuning.row_overlap:
            best.add(word)
        else:
            rows.append(_Row(word.bbox[1], word.bbox[3], [word]))
    rows.sort(key=lambda r: r.top)
    # A stable sort keeps the engine's order for words at the same x (glued splits).
    return [sorted(r.words, key=lambda w: w.bbox[0]) for r in rows]


def _separator(left: OcrWord, right: OcrWord, height: float, tuning: LayoutTuning) -> str:
    gap = right.bbox[0] - left.bbox[2]
    if gap > tuning.column_gap_heights * height:
        return COLUMN_SEPARATOR
    if right.glued and gap <= tuning.glue_gap_heights * height:
        return ""
    if needs_no_space(left.text, right.text) and gap <= tuning.glue_gap_heights * height:
        return ""
    return " "


def join_row(row: list[OcrWord], tuning: LayoutTuning) -> LineDraft:
    height = median(w.height for w in row) or 1.0
    parts: list[str] = []
    placed: list[tuple[OcrWord, int]] = []
    cursor = 0
    for i, word in enumerate(row):
        if i:
            sep = _separator(row[i - 1], word, height, tuning)
            parts.append(sep)
            cursor += len(sep)
        placed.append((word, cursor))
        parts.append(word.text)
        cursor += len(word.text)
    return LineDraft("".join(parts), placed)


def lines_from_words(words: list[OcrWord], tuning: LayoutTuning) -> list[LineDraft]:
    cleaned = [c for c in (clean_word(w) for w in words) if c is not None]
    return [join_row(row, tuning) for row in group_rows(cleaned, tuning)]


def _union(boxes: list[BBox]) -> BBox:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _weighted_confidence(words: list[Word]) -> float:
    total = sum(len(w.text) for w in words) or 1
    return sum(w.confidence * len(w.text) for w in words) / total


def _build_line(draft: LineDraft, page: PageDraft, offset: int) -> Line:
    words = [
        Word(
            text=w.text,
            bbox=_rounded(page.to_page(w.bbox)),
            confidence=min(1.0, max(0.0, w.confidence)),
            page=page.number,
            start=offset + at,
            end=offset + at + len(w.text),
        )
        for w, at in draft.words
    ]
    box = _union([w.bbox for w in words]) if words else (0.0, 0.0, 0.0, 0.0)
    return Line(text=draft.text, bbox=box, words=words, confidence=_weighted_confidence(words))


def _rounded(box: BBox) -> BBox:
    return tuple(round(v, 2) for v in box)  # type: ignore[return-value]


def assemble(drafts: list[PageDraft]) -> tuple[str, list[Page]]:
    """The document text and its pages, every word carrying its offsets into that text."""
    chunks: list[str] = []
    pages: list[Page] = []
    offset = 0
    for index, draft in enumerate(drafts):
        if index:
            chunks.append(PAGE_SEPARATOR)
            offset += len(PAGE_SEPARATOR)
        lines: list[Line] = []
        for line_index, line_draft in enumerate(draft.lines):
            if line_index:
                chunks.append(LINE_SEPARATOR)
                offset += len(LINE_SEPARATOR)
            lines.append(_build_line(line_draft, draft, offset))
            chunks.append(line_draft.text)
            offset += len(line_draft.text)
        pages.append(_page(draft, lines))
    return "".join(chunks), pages


def _page(draft: PageDraft, lines: list[Line]) -> Page:
    return Page(
        number=draft.number,
        width=round(draft.width, 2),
        height=round(draft.height, 2),
        units=draft.units,
        source=draft.source,
        dpi=draft.dpi,
        rotation=draft.rotation,
        skew=round(draft.skew, 2),
        lines=lines,
    )
