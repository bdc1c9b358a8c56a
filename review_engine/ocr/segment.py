"""Split engine text lines into words and estimate each word's box.

A "word" is a run of CJK characters, a single CJK punctuation mark, or a
whitespace-separated Latin/digit token ("p.L858R", "23.5%"). RapidOCR returns one
box per text line; the words' boxes are estimated in proportion to character
widths, CJK characters counting about twice a Latin one.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Literal

from review_engine.domain import BBox
from review_engine.ocr.primitives import OcrWord
from review_engine.ocr.tuning import SegmentationTuning

CharClass = Literal["space", "cjk", "cjk_punct", "latin"]

# Unicode blocks whose characters are full width and written without spaces.
_CJK_RANGES = (
    (0x3040, 0x30FF),  # kana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x2FA1F),  # CJK extensions B-F and supplement
)
_CJK_PUNCT_RANGES = ((0x3000, 0x303F), (0xFF00, 0xFF0F), (0xFF1A, 0xFF20), (0xFF3B, 0xFF40), (0xFF5B, 0xFF65))


@lru_cache(maxsize=8192)  # a page repeats a few hundred characters thousands of times
def char_class(ch: str) -> CharClass:
    if ch.isspace():
        return "space"
    code = ord(ch)
    if any(lo <= code <= hi for lo, hi in _CJK_PUNCT_RANGES):
        return "cjk_punct"
    if any(lo <= code <= hi for lo, hi in _CJK_RANGES):
        return "cjk"
    return "latin"


@lru_cache(maxsize=8192)
def is_wide(ch: str) -> bool:
    """Full-width characters (CJK, full-width forms) take about two Latin cells."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def word_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``[start, end)`` of the words of one line of text."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    previous: CharClass = "space"
    for i, ch in enumerate(text):
        cls = char_class(ch)
        boundary = cls != previous or cls == "cjk_punct"
        if boundary and start is not None:
            spans.append((start, i))
            start = None
        if cls != "space" and start is None:
            start = i
        previous = cls
    if start is not None:
        spans.append((start, len(text)))
    return spans


def char_units(text: str, tuning: SegmentationTuning) -> list[float]:
    return [tuning.cjk_width if is_wide(ch) else tuning.latin_width for ch in text]


def split_line(text: str, bbox: BBox, confidence: float, tuning: SegmentationTuning) -> list[OcrWord]:
    """Words of one engine line, each with a box proportional to its characters' widths."""
    units = char_units(text, tuning)
    total = sum(units)
    if total <= 0:
        return []
    x0, y0, x1, y1 = bbox
    scale = (x1 - x0) / total
    offsets = [0.0]
    for u in units:
        offsets.append(offsets[-1] + u)
    words: list[OcrWord] = []
    previous_end: int | None = None
    for start, end in word_spans(text):
        box = (x0 + offsets[start] * scale, y0, x0 + offsets[end] * scale, y1)
        glued = previous_end is not None and previous_end == start
        words.append(OcrWord(text[start:end], box, confidence, glued))
        previous_end = end
    return words


def merge_cjk_runs(words: list[OcrWord]) -> list[OcrWord]:
    """Join glued neighbours that are both CJK runs into one word (Tesseract reads char by char)."""
    merged: list[OcrWord] = []
    for word in words:
        last = merged[-1] if merged else None
        if last and word.glued and _all_cjk(last.text) and _all_cjk(word.text):
            box = (last.bbox[0], min(last.bbox[1], word.bbox[1]), word.bbox[2], max(last.bbox[3], word.bbox[3]))
            weight = len(last.text) + len(word.text)
            conf = (last.confidence * len(last.text) + word.confidence * len(word.text)) / weight
            merged[-1] = OcrWord(last.text + word.text, box, conf, last.glued)
        else:
            merged.append(word)
    return merged


def _all_cjk(text: str) -> bool:
    return all(char_class(ch) == "cjk" for ch in text)


def needs_no_space(left: str, right: str) -> bool:
    """CJK text is written without spaces: two tokens meeting at a CJK character are glued."""
    return char_class(left[-1]) in ("cjk", "cjk_punct") or char_class(right[0]) in ("cjk", "cjk_punct")
