"""Reading-order lines from words, and offsets that map text back to boxes."""

from __future__ import annotations

import random

import pytest

from review_engine.ocr.layout import (
    PageDraft,
    _overlap_share,
    _Row,
    assemble,
    group_rows,
    lines_from_words,
)
from review_engine.ocr.primitives import OcrWord
from review_engine.ocr.tuning import get_tuning

LAYOUT = get_tuning().layout


def word(text: str, x0: float, y0: float, width: float | None = None, height: float = 20, glued: bool = False) -> OcrWord:
    return OcrWord(text, (x0, y0, x0 + (width or 10 * len(text)), y0 + height), 0.95, glued)


def test_ocr_layout_table_row_stays_one_line_with_tab_separated_cells():
    # cells of one row, slightly misaligned vertically, given out of order
    cells = [word("23.5%", 700, 103), word("EGFR", 100, 100), word("p.L858R", 400, 98)]
    below = [word("KRAS", 100, 140), word("p.G12C", 400, 141)]
    lines = lines_from_words(below + cells, LAYOUT)
    assert [line.text for line in lines] == ["EGFR\tp.L858R\t23.5%", "KRAS\tp.G12C"]


def _rows_by_every_share(words: list[OcrWord]) -> list[list[OcrWord]]:
    """group_rows as first written: each word's share computed against every row so far."""
    rows: list[_Row] = []
    for w in sorted(words, key=lambda w: (w.bbox[1] + w.bbox[3]) / 2):
        best = max(rows, key=lambda r: _overlap_share(r, w), default=None)
        if best is not None and _overlap_share(best, w) >= LAYOUT.row_overlap:
            best.add(w)
        else:
            rows.append(_Row(w.bbox[1], w.bbox[3], [w]))
    rows.sort(key=lambda r: r.top)
    return [sorted(r.words, key=lambda w: w.bbox[0]) for r in rows]


@pytest.mark.parametrize(
    "seed, spread",
    [
        # a tidy page: rows 30 px apart, words jittered a few pixels
        (1, 3), (2, 3),
        # a skewed or noisy scan: rows drift into each other
        (3, 12), (4, 20),
        # touching and zero-height boxes
        (5, 0),
    ],
)
def test_ocr_layout_group_rows_same_as_comparing_every_row(seed: int, spread: float) -> None:
    rng = random.Random(seed)
    words = [word(f"w{i}", rng.uniform(0, 2000), row * 30 + rng.uniform(-spread, spread), 40, rng.choice([0, 18, 20, 24, 45]))
             for i, row in enumerate(rng.randrange(60) for _ in range(400))]
    assert group_rows(words, LAYOUT) == _rows_by_every_share(words)


@pytest.mark.parametrize(
    "words, text",
    [
        # Latin words one space apart
        ([word("EGFR", 0, 0), word("p.L858R", 45, 0)], "EGFR p.L858R"),
        # a CJK run glued to a Latin token keeps no space
        ([word("第", 0, 0, 20), word("21", 20, 0, glued=True), word("外显子", 40, 0, 60, glued=True)], "第21外显子"),
        # CJK neighbours read as separate boxes but touching are joined without a space
        ([word("患者姓名", 0, 0, 80), word("：", 81, 0, 20), word("张伟", 102, 0, 40)], "患者姓名：张伟"),
    ],
)
def test_ocr_layout_line_text_spacing(words, text):
    assert [line.text for line in lines_from_words(words, LAYOUT)] == [text]


def test_ocr_layout_words_never_carry_separators():
    lines = lines_from_words([word("EGFR\nL858R", 0, 0), word("  ", 200, 0)], LAYOUT)
    assert [line.text for line in lines] == ["EGFR L858R"]


def test_ocr_layout_assemble_offsets_map_back_to_words_and_pages():
    page1 = PageDraft(1, 1000, 1000, "px", "ocr", lines_from_words([word("EGFR", 0, 0), word("L858R", 50, 0), word("阳性", 0, 40)], LAYOUT))
    page2 = PageDraft(2, 1000, 1000, "px", "ocr", lines_from_words([word("KRAS", 10, 10)], LAYOUT), to_page=lambda b: tuple(v / 2 for v in b))
    text, pages = assemble([page1, page2])
    assert text == "EGFR L858R\n阳性\fKRAS"
    words = [w for p in pages for w in p.words]
    assert all(text[w.start : w.end] == w.text for w in words)
    assert [w.page for w in words] == [1, 1, 1, 2]
    assert words[-1].bbox == (5.0, 5.0, 25.0, 15.0)  # page 2's boxes went through its to_page map
    assert pages[0].lines[0].bbox == (0, 0, 100, 20)
