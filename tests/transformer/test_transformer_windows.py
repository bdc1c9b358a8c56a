"""Long texts are read in overlapping windows; offsets stay exact across window seams."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from review_engine.nlp.transformer import (
    ModelConfig,
    TransformerTagger,
    decode_bio,
    owned_ranges,
    plan_windows,
    read_config,
)


@pytest.mark.parametrize(
    "n_tokens, length, overlap, windows",
    [
        (0, 8, 2, []),
        (5, 8, 2, [(0, 5)]),
        (8, 8, 2, [(0, 8)]),
        (9, 8, 2, [(0, 8), (1, 9)]),
        (20, 8, 2, [(0, 8), (6, 14), (12, 20)]),
        (21, 8, 2, [(0, 8), (6, 14), (12, 20), (13, 21)]),
    ],
)
def test_transformer_windows_plan(n_tokens: int, length: int, overlap: int, windows: list) -> None:
    assert plan_windows(n_tokens, length, overlap) == windows


@pytest.mark.parametrize("n_tokens", [1, 47, 48, 49, 100, 333])
def test_transformer_windows_owned_ranges_partition_the_tokens(n_tokens: int) -> None:
    windows = plan_windows(n_tokens, 48, 16)
    owned = owned_ranges(windows)
    assert [t for left, right in owned for t in range(left, right)] == list(range(n_tokens))
    assert all(start <= left and right <= end for (start, end), (left, right) in zip(windows, owned))


@pytest.mark.parametrize(
    "tags, spans",
    [
        # B then I: one span
        (["O", "B-GENE", "I-GENE", "O"], [("GENE", 1, 2)]),
        # an I without its B still opens a span
        (["I-TNM", "I-TNM", "O"], [("TNM", 0, 1)]),
        # a label change closes the span
        (["B-GENE", "I-STAGE", "B-GENE"], [("GENE", 0, 0), ("STAGE", 1, 1), ("GENE", 2, 2)]),
        # a span running to the end of the text
        (["O", "B-VAF", "I-VAF"], [("VAF", 1, 2)]),
        (["O", "O"], []),
    ],
)
def test_transformer_decode_bio(tags: list[str], spans: list[tuple]) -> None:
    decoded = decode_bio(tags, np.linspace(0.5, 1.0, len(tags)))
    assert [(s.label, s.first_token, s.last_token) for s in decoded] == spans


class TokenEchoSession:
    """A stand-in for the network whose output for a token depends on that token only, so
    that reading in windows must give exactly what reading the whole text at once gives."""

    def __init__(self, tags: int, marked: set[int]) -> None:
        self.tags, self.marked = tags, marked

    def run(self, _outputs: object, feeds: dict[str, np.ndarray]) -> list[np.ndarray]:
        ids = feeds["input_ids"]
        logits = np.zeros((*ids.shape, self.tags), dtype=np.float32)
        logits[..., 0] = 1.0
        logits[..., 1] = np.isin(ids, list(self.marked)) * 2.0
        return [logits]


def echo_tagger(model: Path, length: int) -> TransformerTagger:
    shipped = TransformerTagger(model)
    shipped.load()
    config: ModelConfig = read_config(model).model_copy(update={"window_length": length, "window_overlap": 6})
    marked = {shipped._tokenizer.token_to_id(token) for token in ("E", "##GFR", "EGFR") if shipped._tokenizer.token_to_id(token)}
    return TransformerTagger.from_parts(TokenEchoSession(len(config.tags), marked), shipped._tokenizer, config)


def test_transformer_windows_seams_do_not_change_predictions(tiny_model: Path) -> None:
    text = "检测结果：EGFR 基因 p.L858R 突变，临床分期 IVA 期。\n" * 12
    whole = echo_tagger(tiny_model, length=10_000).predict(text)
    windowed = echo_tagger(tiny_model, length=16).predict(text)
    assert len(whole) == 12
    assert [(m.start, m.end, m.field) for m in windowed] == [(m.start, m.end, m.field) for m in whole]


def test_transformer_windows_offsets_index_the_original_text(tiny_model: Path) -> None:
    sentence = "检测结果：EGFR 基因 p.L858R 突变，临床分期 IVA 期。\n"
    text = sentence * 20  # several windows of the tiny model's 48 tokens
    mentions = TransformerTagger(tiny_model).predict(text)
    assert mentions, "the tiny model should find entities in its own template"
    assert all(text[m.start:m.end] == m.value and m.value == m.value.strip() for m in mentions)
    stages = [m for m in mentions if m.attrs["label"] == "STAGE"]
    expected_starts = {i * len(sentence) + sentence.index("IVA") for i in range(20)}
    # The tiny model may miss one near a window edge; whatever it finds must sit exactly on a stage.
    assert len(stages) >= 18
    assert {m.start for m in stages} <= expected_starts
    assert {m.value for m in stages} == {"IVA"}
