"""Corpus-level targets: language and scan mix of the default 2,000-document plan; AJCC tables."""

from __future__ import annotations

import pytest

from review_engine.corpus.case import stage_group
from review_engine.corpus.generate import plan_corpus
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


@pytest.mark.parametrize(
    "table, t, n, m, stage",
    [
        # lung (GUIDELINE_FACTS 4.3)
        ("lung", "T1a", "N0", "M0", "IA1"), ("lung", "T2a", "N0", "M0", "IB"), ("lung", "T2b", "N0", "M0", "IIA"),
        ("lung", "T3", "N0", "M0", "IIB"), ("lung", "T2a", "N1", "M0", "IIB"), ("lung", "T4", "N1", "M0", "IIIA"),
        ("lung", "T3", "N2", "M0", "IIIB"), ("lung", "T4", "N3", "M0", "IIIC"), ("lung", "T2a", "N2", "M1b", "IVA"),
        ("lung", "T3", "N0", "M1c", "IVB"),
        # breast
        ("breast", "T2", "N0", "M0", "IIA"), ("breast", "T3", "N1", "M0", "IIIA"), ("breast", "T2", "N3", "M0", "IIIC"),
        # colorectum
        ("colorectum", "T3", "N0", "M0", "IIA"), ("colorectum", "T4b", "N0", "M0", "IIC"), ("colorectum", "T1", "N2a", "M0", "IIIA"),
        ("colorectum", "T4a", "N2a", "M0", "IIIC"), ("colorectum", "T3", "N1b", "M1c", "IVC"),
        # stomach (pathological)
        ("stomach", "T4a", "N0", "M0", "IIB"), ("stomach", "T3", "N3b", "M0", "IIIC"), ("stomach", "T4b", "N0", "M0", "IIIA"),
    ],
)
def test_corpus_stage_tables_follow_ajcc8(table, t, n, m, stage):
    assert stage_group(table, t, n, m) == stage
