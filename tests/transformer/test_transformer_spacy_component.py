"""The review_transformer spaCy component contributes the model's Mentions and spans."""

from __future__ import annotations

from pathlib import Path

import spacy

from review_engine.nlp.mentions import Mention
from review_engine.nlp.transformer import read_config, register_spacy_factory


def test_transformer_spacy_component_contributes_mentions_and_spans(tiny_model: Path) -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe(register_spacy_factory(), config={"model_dir": str(tiny_model)})
    doc = nlp("检测结果：EGFR 基因 p.L858R 突变，临床分期 IVA 期。")
    mentions = doc._.model_mentions
    assert mentions and all(isinstance(m, Mention) for m in mentions)
    version = read_config(tiny_model).version  # the recipe's, whatever model version it is at
    assert all(m.pattern == f"ner_model:{version}" and 0.0 <= m.score <= 1.0 for m in mentions)
    assert [(m.field, m.value) for m in mentions if m.attrs["label"] == "STAGE"] == [("staging.stage", "IVA")]
    spans = doc.spans["ner_model"]
    assert len(spans) == len(mentions)
    assert all(span.start_char <= m.start and m.end <= span.end_char for span, m in zip(spans, mentions))


def test_transformer_spacy_factory_registers_once() -> None:
    assert register_spacy_factory() == register_spacy_factory() == "review_transformer"
    assert "review_transformer" in spacy.registry.factories.get_all()
