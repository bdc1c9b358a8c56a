"""Every rule family walked through approve, route and flag, in Chinese and English."""

from __future__ import annotations

import pytest
from review_scenarios import SCENARIOS

from review_engine.domain import ReviewResult
from review_engine.review import decide

CJK = ("\u4e00", "\u9fff")


def _has_cjk(text: str) -> bool:
    return any(CJK[0] <= ch <= CJK[1] for ch in text)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_review_scenario_decision_and_code(scenario, lang, graph, policy):
    claim = scenario.claim(lang)
    result = decide(claim, scenario.findings, scenario.unreadable, graph, policy)
    item = result.items[0]
    codes = [r.code for r in item.reasons]
    assert item.decision == scenario.decision, [(r.code, r.message) for r in item.reasons]
    assert scenario.code in codes


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_review_scenario_explanations_are_complete(scenario, graph, policy):
    results = {lang: decide(scenario.claim(lang), scenario.findings, scenario.unreadable, graph, policy)
               for lang in ("zh", "en")}
    for result in results.values():
        assert result.knowledge_version == graph.version
        for item in result.items:
            for reason in item.reasons:
                assert reason.knowledge_version == graph.version and reason.message
                assert reason.rule and reason.sources, reason
            if item.decision == "route_mdt":
                assert result.missing_documents, "every route_mdt says what would settle it"
    zh_reasons, en_reasons = results["zh"].items[0].reasons, results["en"].items[0].reasons
    for zh, en in zip(zh_reasons, en_reasons):
        assert _has_cjk(zh.message) and zh.message != en.message
    if results["en"].missing_documents:
        assert not _has_cjk(" ".join(results["en"].missing_documents))
        assert _has_cjk(" ".join(results["zh"].missing_documents))


@pytest.mark.parametrize("scenario", [s for s in SCENARIOS if s.decision == "approve" and s.findings],
                         ids=lambda s: s.id)
def test_review_approvals_carry_evidence_with_doc_ids(scenario, graph, policy):
    result = decide(scenario.claim("zh"), scenario.findings, {}, graph, policy)
    evidence = result.items[0].evidence
    assert evidence and all(e.doc_id for e in evidence)


def test_review_decision_fits_the_review_result_contract(graph, policy):
    scenario = SCENARIOS[0]
    decision = decide(scenario.claim("en"), scenario.findings, {}, graph, policy)
    result = ReviewResult(claim_id="C-TEST", decision=decision.decision, risk=decision.risk, priority=decision.priority,
                          items=decision.items, missing_documents=decision.missing_documents,
                          knowledge_version=decision.knowledge_version, engine_version="test")
    again = ReviewResult.model_validate_json(result.model_dump_json())
    assert again.model_dump() == result.model_dump()
    assert result.items[0].reasons[0].rule == "drug.osimertinib.nsclc.egfr_sensitizing.first_line"
