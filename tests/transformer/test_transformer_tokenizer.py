"""The corpus tokenizer: one token per CJK character, digits split, exact offsets, stable ids."""

from __future__ import annotations

import pytest

from training.tokenizer_train import train_tokenizer

CORPUS = ["检测结果：EGFR 基因 p.L858R 突变", "Result: EGFR exon 19 deletion detected", "KRAS p.G12C 阳性"] * 3


@pytest.mark.parametrize(
    "text, tokens",
    [
        # each CJK character is a token
        ("基因突变", ["基", "因", "突", "变"]),
        # frequent Latin words whole, digits one by one
        ("EGFR p.L858R", ["EGFR", "p", ".", "L", "8", "5", "8", "R"]),
        # an unseen word falls back to character pieces
        ("GRE", ["G", "##R", "##E"]),
    ],
)
def test_tokenizer_splits(text: str, tokens: list[str]) -> None:
    tokenizer = train_tokenizer(CORPUS, vocab_size=500, min_frequency=1)
    assert tokenizer.encode(text, add_special_tokens=False).tokens == tokens


@pytest.mark.parametrize("text", ["检测结果：EGFR 基因 p.L858R 突变", "  Result:\tEGFR  exon 19 deletion", "ＥＧＦＲ 阳性"])
def test_tokenizer_offsets_index_the_original_text(text: str) -> None:
    tokenizer = train_tokenizer(CORPUS, vocab_size=500, min_frequency=1)
    encoding = tokenizer.encode(text, add_special_tokens=False)
    for token, (start, end) in zip(encoding.tokens, encoding.offsets):
        if token != "[UNK]":
            assert text[start:end] == token.removeprefix("##")


def test_tokenizer_is_the_same_on_every_run() -> None:
    first = train_tokenizer(CORPUS, vocab_size=500, min_frequency=1).to_str()
    assert all(train_tokenizer(CORPUS, vocab_size=500, min_frequency=1).to_str() == first for _ in range(3))
