"""Corpus-level targets: language and scan mix of the default 2,000-document plan."""

from __future__ import annotations

from review_engine.corpus.generator import plan_corpus
from review_engine.corpus.plan import PlanOptions, is_scan


def test_corpus_default_plan_meets_the_mix_targets():
    plans = plan_corpus(7, 2000, 600, PlanOptions())
    docs = [(p.language, d.fmt) for p in plans for d in p.docs]
    assert len(plans) >= 600 and len(docs) >= 2000
    assert sum(lang == "zh" for lang, _ in docs) / len(docs) >= 0.35
    assert sum(is_scan(fmt) for _, fmt in docs) / len(docs) >= 0.40
    assert {p.split for p in plans} == {"train", "dev", "test"}


def test_corpus_plan_respects_split_fractions():
    plans = plan_corpus(3, 0, 400, PlanOptions(split_fractions=(1.0, 0.0, 0.0)))
    assert {p.split for p in plans} == {"train"}
