"""The mixed tokenizer keeps HGVS, fusion and TNM runs whole and its offsets are exact."""

from __future__ import annotations

import pytest
import spacy

from review_engine.nlp.tokenizer import MixedTokenizer, split_words


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("xx")
    nlp.tokenizer = MixedTokenizer(nlp.vocab)
    return nlp


@pytest.mark.parametrize(
    "text, whole",
    [
        ("EGFR p.L858R 阳性", "p.L858R"),
        ("c.2573T>G（第21外显子）", "c.2573T>G"),
        ("检出 p.(Glu746_Ala750del) 缺失", "p.(Glu746_Ala750del)"),
        ("EML4::ALK 融合", "EML4::ALK"),
        ("分期 pT2aN1M0", "pT2aN1M0"),
        ("MET c.3028+1G>T", "c.3028+1G>T"),
        ("丰度23.5%", "23.5%"),
        ("ERBB2 p.A775_G776insYVMA", "p.A775_G776insYVMA"),
    ],
)
def test_tokenizer_keeps_run_whole(nlp, text: str, whole: str) -> None:
    assert whole in [t.text for t in nlp(text)]


@pytest.mark.parametrize("text", ["第21外显子", "检测结果"])
def test_tokenizer_splits_chinese_per_character(nlp, text: str) -> None:
    tokens = [t.text for t in nlp(text) if not t.text.isdigit()]
    assert all(len(t) == 1 for t in tokens)


@pytest.mark.parametrize(
    "text",
    ["EGFR  c.2573T>G\n\nKRAS\tG12C ", " 前导空格", "a\u3000b（c）", "", "\n", "x  ", "全角ＡＢＣ１２３"],
)
def test_tokenizer_offsets_are_exact(nlp, text: str) -> None:
    doc = nlp(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx:token.idx + len(token.text)] == token.text


def test_tokenizer_split_words_round_trip() -> None:
    text = "EGFR | L858R | 外显子21 | 23.5% | 阳性"
    words, spaces = split_words(text)
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces)) == text
