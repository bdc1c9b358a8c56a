"""Properties of the decision layer over generated findings (hypothesis).

- lowering any finding's confidence never turns a decision into approve;
- removing a document never turns route_mdt/flag into approve;
- urgency (claim flag or critical wording) never changes a decision;
- a [U] rule never leads to flag.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from review_scenarios import DX, SCENARIOS, claim, genetic, history_test, pathology, variant

from review_engine.domain import Claim, DocumentFindings
from review_engine.knowledge_graph.schema import walk_leaves
from review_engine.review import decide

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SEVERITY = {"approve": 0, "route_mdt": 1, "flag": 2}

VARIANTS = st.sampled_from([
    ("EGFR", "L858R", "detected"), ("EGFR", "exon19del", "detected"), ("EGFR", "T790M", "detected"),
    ("EGFR", "T790M", "not_detected"), ("EGFR", "mutation", "not_detected"), ("EGFR", "A289V", "vus"),
    ("EGFR", "exon20ins", "detected"), ("ALK", "fusion", "detected"), ("ALK", "fusion", "not_detected"),
    ("ROS1", "fusion", "detected"), ("KRAS", "G12C", "detected"), ("KRAS", "mutation", "not_detected"),
    ("NRAS", "mutation", "not_detected"), ("MET", "exon14skipping", "detected"), ("BRAF", "V600E", "detected"),
    ("EGFR", "L858R", "indeterminate"), ("RET", "fusion", "detected"), ("BRCA2", "S1982fs", "detected"),
])


@st.composite
def nsclc_claims(draw, drugs: list[str]) -> tuple[Claim, list[DocumentFindings]]:
    picked = draw(st.lists(VARIANTS, min_size=0, max_size=3))
    confidences = draw(st.lists(st.floats(0.3, 1.0), min_size=len(picked), max_size=len(picked)))
    variants = [variant(g, a, s, confidence=c) for (g, a, s), c in zip(picked, confidences)]
    findings = [genetic(*variants)]
    if draw(st.booleans()):
        histology = draw(st.sampled_from(["adenocarcinoma", "squamous cell carcinoma", "small cell carcinoma"]))
        findings.append(pathology(histology, "lung", draw(st.sampled_from([None, "IB", "IIIA", "IVA"]))))
    item = {"item_id": "1", "kind": "drug", "drug": draw(st.sampled_from(drugs)),
            "line": draw(st.sampled_from([None, 1, 2, 3])),
            "setting": draw(st.sampled_from([None, "adjuvant", "first_line", "later_line"]))}
    items = [item]
    if draw(st.booleans()):
        genes = draw(st.sampled_from([["EGFR"], ["ALK", "ROS1"], ["EGFR", "ALK", "ROS1", "KRAS", "BRAF"]]))
        items.append({"item_id": "2", "kind": "test", "method": draw(st.sampled_from(["PCR", "NGS", "IHC", "FISH"])),
                      "genes": genes, "panel_size": draw(st.sampled_from([None, 68, 520]))})
    dx = draw(st.sampled_from([k for k in DX if k.startswith("nsclc")]))
    lang = draw(st.sampled_from(["zh", "en"]))
    docs = [(f.doc_id, f.kind) for f in findings]
    history = [history_test(["EGFR"], "PCR", "2026-07-03")] if draw(st.booleans()) else []
    return claim(items, lang=lang, dx=dx, documents=docs, history=history), findings


NSCLC_DRUGS = ["osimertinib", "gefitinib", "alectinib", "crizotinib", "aumolertinib", "furmonertinib", "dacomitinib",
               "afatinib", "savolitinib", "sintilimab", "pembrolizumab", "entrectinib", "larotrectinib"]


def _lowered(f: DocumentFindings, factor: float) -> DocumentFindings:
    variants = [v.model_copy(update={"evidence": v.evidence.model_copy(update={"confidence": v.evidence.confidence * factor})})
                if v.evidence else v for v in f.variants]
    fields = {k: e.model_copy(update={"confidence": e.confidence * factor}) for k, e in f.field_evidence.items()}
    ocr = f.ocr.model_copy(update={"mean_confidence": f.ocr.mean_confidence * factor})
    return f.model_copy(update={"variants": variants, "field_evidence": fields, "ocr": ocr})


@SETTINGS
@given(case=nsclc_claims(NSCLC_DRUGS), factor=st.floats(0.0, 1.0), which=st.integers(0, 1))
def test_review_lowering_confidence_never_creates_approve(case, factor, which, graph, policy):
    claim_, findings = case
    before = decide(claim_, findings, {}, graph, policy).decision
    index = min(which, len(findings) - 1)
    lowered = [(_lowered(f, factor) if i == index else f) for i, f in enumerate(findings)]
    after = decide(claim_, lowered, {}, graph, policy).decision
    assert not (after == "approve" and before != "approve")


@SETTINGS
@given(case=nsclc_claims(NSCLC_DRUGS), which=st.integers(0, 1))
def test_review_removing_a_document_never_creates_approve(case, which, graph, policy):
    claim_, findings = case
    before = decide(claim_, findings, {}, graph, policy).decision
    kept = [f for i, f in enumerate(findings) if i != min(which, len(findings) - 1)]
    after = decide(claim_, kept, {}, graph, policy).decision
    if before != "approve":
        assert after != "approve"


@SETTINGS
@given(case=nsclc_claims(NSCLC_DRUGS), critical=st.booleans())
def test_review_urgency_never_changes_a_decision(case, critical, graph, policy):
    claim_, findings = case
    before = decide(claim_, findings, {}, graph, policy)
    urgent_claim = claim_.model_copy(update={"urgent": True})
    marked = [f.model_copy(update={"critical": critical}) for f in findings]
    after = decide(urgent_claim, marked, {}, graph, policy)
    assert [i.decision for i in after.items] == [i.decision for i in before.items]
    assert after.priority == "urgent" and "URGENT" in [r.code for r in after.items[0].reasons]


U_ONLY_DRUGS = ["aumolertinib", "furmonertinib", "iruplinalkib", "taletrectinib", "gumarontinib", "larotrectinib"]


@SETTINGS
@given(case=nsclc_claims(U_ONLY_DRUGS))
def test_review_uncertain_rules_never_flag(case, graph, policy):
    claim_, findings = case
    result = decide(claim_, findings, {}, graph, policy)
    assert result.items[0].decision != "flag", [r.message for r in result.items[0].reasons]


@SETTINGS
@given(case=nsclc_claims(NSCLC_DRUGS))
def test_review_flags_never_cite_uncertain_rules(case, graph, policy):
    claim_, findings = case
    for item in decide(claim_, findings, {}, graph, policy).items:
        if item.decision == "flag" and item.item_id == "1":
            cited = [r.rule for r in item.reasons if r.rule in graph.drug_rules]
            assert all(graph.tag(rule) != "U" for rule in cited), cited


def test_review_u_only_drugs_have_only_u_rules(graph):
    for drug in U_ONLY_DRUGS:
        assert {r.tag for r in graph.raw.drugs[drug].rules} == {"U"}, drug


def test_review_scenarios_include_a_u_rule_route_that_a_k_rule_would_flag(graph, policy):
    by_id = {s.id: s for s in SCENARIOS}
    negative = by_id["osimertinib-egfr-not-detected-flag"].findings
    k = decide(by_id["osimertinib-egfr-not-detected-flag"].claim("zh"), negative, {}, graph, policy)
    u = decide(by_id["aumolertinib-U-rule-negative-routes"].claim("zh"), negative, {}, graph, policy)
    assert (k.decision, u.decision) == ("flag", "route_mdt")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_review_no_report_never_approves_any_drug(graph, policy, lang):
    """Absence of proof is never approval: every drug of the knowledge, claimed with no report at all."""
    for drug_id in graph.raw.drugs:
        for dx, icd in (("nsclc_iva", "nsclc"), ("breast_met", "breast"), ("crc_met", "crc")):
            claim_ = claim([{"item_id": "1", "kind": "drug", "drug": drug_id, "line": 2}], lang=lang, dx=dx, icd=icd)
            result = decide(claim_, [], {}, graph, policy)
            assert result.items[0].decision != "approve" or not _needs_report(graph, drug_id), (drug_id, dx)


def _needs_report(graph, drug_id: str) -> bool:
    """Drugs whose every rule needs a biomarker or histology, which only a report can give."""
    needs = {"alteration", "her2", "msi", "hormone_receptor", "pdl1.tps", "pdl1.cps"}
    return all(any(leaf.var in needs for leaf in walk_leaves(graph.trees[r.id])) for r in graph.raw.drugs[drug_id].rules)
