"""Engine lines split into words: CJK runs, CJK punctuation, whitespace-separated Latin tokens."""

from __future__ import annotations

import pytest

from review_engine.ocr.primitives import OcrWord
from review_engine.ocr.segment import merge_cjk_runs, split_line, word_spans
from review_engine.ocr.tuning import get_tuning

SEGMENTATION = get_tuning().segmentation


@pytest.mark.parametrize(
    "line, words",
    [
        # Latin tokens keep HGVS, percentages and TNM whole
        ("EGFR c.2573T>G p.L858R 23.5%", ["EGFR", "c.2573T>G", "p.L858R", "23.5%"]),
        ("pT2aN1M0  MSI-H\tTMB 12.5", ["pT2aN1M0", "MSI-H", "TMB", "12.5"]),
        # CJK runs split from Latin/digit runs
        ("第21外显子", ["第", "21", "外显子"]),
        ("突变丰度23.5%", ["突变丰度", "23.5%"]),
        # CJK punctuation stands alone
        ("患者姓名：张伟", ["患者姓名", "：", "张伟"]),
        ("（阴性）", ["（", "阴性", "）"]),
        # nothing
        ("   ", []),
    ],
)
def test_ocr_segment_word_spans(line, words):
    assert [line[s:e] for s, e in word_spans(line)] == words


def test_ocr_segment_split_line_boxes_are_proportional_to_char_widths():
    # 4 CJK chars (2 units each) + "EGFR" (4 units) + no space: 12 units over 120 px
    words = split_line("检测结果EGFR", (0.0, 10.0, 120.0, 30.0), 0.9, SEGMENTATION)
    assert [(w.text, w.bbox, w.glued) for w in words] == [
        ("检测结果", (0.0, 10.0, 80.0, 30.0), False),
        ("EGFR", (80.0, 10.0, 120.0, 30.0), True),
    ]
    assert all(w.confidence == 0.9 for w in words)


def test_ocr_segment_space_separated_words_are_not_glued():
    words = split_line("KRAS p.G12C", (0.0, 0.0, 110.0, 10.0), 1.0, SEGMENTATION)
    assert [(w.text, w.glued) for w in words] == [("KRAS", False), ("p.G12C", False)]
    assert words[1].bbox[0] == pytest.approx(50.0)


def test_ocr_segment_merge_cjk_runs_joins_glued_characters():
    chars = [OcrWord("未", (0, 0, 10, 10), 0.9), OcrWord("检", (10, 0, 20, 10), 0.7, glued=True), OcrWord("EGFR", (30, 0, 60, 10), 1.0)]
    merged = merge_cjk_runs(chars)
    assert [(w.text, w.bbox) for w in merged] == [("未检", (0, 0, 20, 10)), ("EGFR", (30, 0, 60, 10))]
    assert merged[0].confidence == pytest.approx(0.8)
