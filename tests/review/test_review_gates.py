"""Gates 1-3 in detail: readability thresholds, identity normalisation, site versus ICD-10."""

from __future__ import annotations

import pytest
from review_scenarios import L858R, PATH, claim, drug, genetic, lab_test, pathology

from review_engine.review import decide
from review_engine.review.gates import normalise_identity, same_name


def _codes(result) -> list[str]:
    return [r.code for r in result.items[0].reasons]


def _decide(graph, policy, items, findings, unreadable=None, **claim_args):
    docs = [(f.doc_id, f.kind) for f in findings] + [(d, k) for d, k in (claim_args.pop("extra_docs", []))]
    return decide(claim(items, documents=docs, **claim_args), findings, unreadable or {}, graph, policy)


@pytest.mark.parametrize(
    "ocr, decision",
    [
        # mean confidence or text density below the calibrated thresholds: unreadable
        ({"mean_confidence": 0.41, "chars_per_page": 900}, "route_mdt"),
        ({"mean_confidence": 0.95, "chars_per_page": 12}, "route_mdt"),
        ({"mean_confidence": 0.95, "chars_per_page": 12, "engine": "pdf_text_layer+rapidocr"}, "route_mdt"),
        # at or above both thresholds: read normally
        ({"mean_confidence": 0.60, "chars_per_page": 40}, "approve"),
        # a short text layer or text file is short, not illegible: density gates OCR'd pages only
        ({"mean_confidence": 1.0, "chars_per_page": 12, "engine": "text"}, "approve"),
        ({"mean_confidence": 0.99, "chars_per_page": 12, "engine": "pdf_text_layer"}, "approve"),
    ],
)
def test_review_gate1_ocr_thresholds(graph, policy, ocr, decision):
    report = genetic(L858R, ocr={"engine": "rapidocr", "pages": 1, **ocr})
    result = _decide(graph, policy, [drug("osimertinib")], [report, PATH])
    assert result.items[0].decision == decision
    assert ("DOCUMENT_UNREADABLE" in _codes(result)) == (decision == "route_mdt")


def test_review_gate1_unneeded_document_is_noted_without_effect(graph, policy):
    result = _decide(graph, policy, [lab_test(["EGFR"])], [PATH], unreadable={"d9": "file is corrupt"},
                     extra_docs=[("d9", "imaging_report")])
    assert result.items[0].decision == "approve"
    assert "DOCUMENT_UNREADABLE" in _codes(result)


def test_review_gate1_listed_document_without_findings_routes(graph, policy):
    result = _decide(graph, policy, [drug("osimertinib")], [PATH], extra_docs=[("d1", "genetic_report")])
    assert result.items[0].decision == "route_mdt" and "DOCUMENT_UNREADABLE" in _codes(result)


@pytest.mark.parametrize(
    "claimed, reported, same",
    [("张伟", "张 伟", True), ("P001", "Ｐ００１", True), ("Zhang Wei", "zhang  wei", True), ("张伟", "李四", False)],
)
def test_review_gate2_identity_normalisation(claimed, reported, same):
    assert (normalise_identity(claimed) == normalise_identity(reported)) is same


@pytest.mark.parametrize(
    "claimed, reported, same",
    [("Zhang Wei", "ZHANG, WEI", True), ("Zhang Wei", "Wei Zhang", True), ("Zhangwei", "Zhang Wei", True),
     ("张伟", "张 伟", True), ("阿卜杜·热合曼", "阿卜杜热合曼", True), ("张伟", "伟张", False),
     ("Zhang Wei", "Zhang Wen", False), ("Zhang Wei", None, None)],
)
def test_review_gate2_names_in_either_order(claimed, reported, same):
    assert same_name(claimed, reported) is same


@pytest.mark.parametrize(
    "patient, decision",
    [
        ({"name": "张伟", "id": "P001"}, "approve"),
        ({"name": "张 伟", "id": "Ｐ００１"}, "approve"),
        ({"name": "李四", "id": "ZY999"}, "flag"),
        ({"name": "李四", "id": "P001"}, "route_mdt"),
        ({"name": "李四", "id": None}, "route_mdt"),
        # a report naming nobody cannot be tied to this patient: a person looks (PATIENT_UNVERIFIED)
        ({"name": None, "id": None}, "route_mdt"),
        ({"name": "  ", "id": ""}, "route_mdt"),
    ],
)
def test_review_gate2_patient_identity(graph, policy, patient, decision):
    report = genetic(L858R, patient=patient)
    result = _decide(graph, policy, [drug("osimertinib")], [report, PATH])
    assert result.items[0].decision == decision


def test_review_gate2_weakly_read_name_routes_instead_of_flagging(graph, policy):
    report = genetic(L858R, patient={"name": "李四", "id": "ZY999"},
                     field_evidence={"patient.name": {"page": 1, "bbox": [0, 0, 1, 1], "text": "李四", "confidence": 0.3}})
    result = _decide(graph, policy, [drug("osimertinib")], [report, PATH])
    assert result.items[0].decision == "route_mdt" and "PATIENT_MISMATCH" in _codes(result)


@pytest.mark.parametrize(
    "icd, site, histology, decision",
    [
        (["C34.1"], "lung", "adenocarcinoma", "approve"),
        (["C34.1"], "breast", "invasive ductal carcinoma", "flag"),
        (["C34.1"], None, "invasive ductal carcinoma", "flag"),
        (["C34.1"], "liver", "hepatocellular carcinoma", "flag"),
        # a secondary-site code next to the primary is not a contradiction
        (["C78.7", "C34.1"], "lung", "adenocarcinoma", "approve"),
    ],
)
def test_review_gate3_site_against_icd10(graph, policy, icd, site, histology, decision):
    result = _decide(graph, policy, [drug("osimertinib")], [genetic(L858R), pathology(histology, site, "IVA")], icd=icd)
    assert result.items[0].decision == decision
    assert ("DIAGNOSIS_MISMATCH" in _codes(result)) == (decision == "flag")


def test_review_panel_excess_names_the_genes_the_indication_needs(graph, policy):
    result = _decide(graph, policy, [lab_test([], method="NGS", panel_size=520)], [PATH], lang="en")
    message = next(r.message for r in result.items[0].reasons if r.code == "PANEL_EXCESS")
    assert "520" in message and "EGFR" in message and "ALK" in message


def test_review_claim_decision_is_most_severe_item(graph, policy):
    items = [drug("osimertinib", item_id="1"), lab_test(["EGFR"], method="IHC", item_id="2")]
    result = _decide(graph, policy, items, [genetic(L858R), PATH])
    assert [i.decision for i in result.items] == ["approve", "flag"]
    assert result.decision == "flag" and result.risk == "high"
