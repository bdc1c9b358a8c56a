"""Report language: Chinese when enough CJK characters, English otherwise."""

from __future__ import annotations

import re
from typing import Literal

from review_engine.nlp import load_knowledge

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def is_cjk(ch: str) -> bool:
    """A CJK unified ideograph (the characters of Chinese report text)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def detect_language(text: str) -> Literal["zh", "en"]:
    """'zh' when CJK characters are a large enough share of the letters (thresholds: pipeline.json)."""
    rules = load_knowledge("pipeline.json")["language"]
    sample = text[: rules["sample_chars"]]  # the head of a report says its language; bounded time
    cjk = len(_CJK.findall(sample))
    latin = len(_LATIN.findall(sample))
    ratio = cjk / max(cjk + latin, 1)
    enough = cjk >= rules["min_cjk_chars"] or ratio >= rules["short_text_ratio"]
    return "zh" if ratio >= rules["min_cjk_ratio"] and enough else "en"
