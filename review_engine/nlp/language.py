"""Report language: Chinese when enough CJK characters, English otherwise."""

from __future__ import annotations

from typing import Literal

from review_engine.nlp import load_knowledge


def is_cjk(ch: str) -> bool:
    """A CJK unified ideograph (the characters of Chinese report text)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def detect_language(text: str) -> Literal["zh", "en"]:
    """'zh' when CJK characters reach both the count and the ratio of pipeline.json."""
    rules = load_knowledge("pipeline.json")["language"]
    cjk = sum(1 for ch in text if is_cjk(ch))
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    dense = cjk * 2 >= sum(1 for ch in text if not ch.isspace())  # a short, mostly Chinese text
    if cjk < rules["min_cjk_chars"] and not dense:
        return "en"
    return "zh" if cjk / max(cjk + latin, 1) >= rules["min_cjk_ratio"] else "en"
