"""decide() on the labelled corpus's planned cases (gold findings, no rendering or OCR) agrees with the
corpus's gold decisions and reason codes, written per POLICY.md by the corpus generator."""

from __future__ import annotations

import pytest

from review_engine.domain import Claim, DocumentFindings
from review_engine.review import decide

corpus_generate = pytest.importorskip("review_engine.corpus.generator")
corpus_build = pytest.importorskip("review_engine.corpus.build")
corpus_plan = pytest.importorskip("review_engine.corpus.plan")


def _findings(gold: dict) -> list[DocumentFindings]:
    stored = gold["findings"].values() if isinstance(gold["findings"], dict) else gold["findings"]
    return [f if isinstance(f, DocumentFindings) else DocumentFindings.model_validate(f) for f in stored]


def test_review_agrees_with_corpus_gold(graph, policy):
    plans = corpus_generate.plan_corpus(7, 600, 600, corpus_plan.PlanOptions())
    disagreements = []
    for plan in plans:
        built = corpus_build.build_case(plan, 7)
        unreadable = set(built.gold.get("unreadable_documents") or [])
        findings = [f for f in _findings(built.gold) if f.doc_id not in unreadable]
        result = decide(Claim.model_validate(built.claim), findings, {d: "unreadable" for d in unreadable}, graph, policy)
        for item in result.items:
            expected = built.gold["items"][item.item_id]
            codes = {r.code for r in item.reasons}
            if item.decision != expected["decision"] or not set(expected.get("codes", [])) <= codes:
                disagreements.append((built.gold["scenario"], item.item_id, expected, item.decision, sorted(codes)))
    assert not disagreements, disagreements[:5]
