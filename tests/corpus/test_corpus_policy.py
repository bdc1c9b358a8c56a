"""Claims' gold decisions follow POLICY.md for every scenario the generator writes.

Each scenario is built (not rendered) in both languages with several seeds; the checks read only
the claim and the gold findings, the way a reviewer would verify the gold by hand.
"""

from __future__ import annotations

import datetime as dt

import pytest

from review_engine.corpus.build import build_case
from review_engine.corpus.plan import PlanOptions, plan_case, scenarios
from review_engine.domain import Claim, DocumentFindings, most_severe

EGFR_SENSITIZING = {"L858R", "exon19del", "E746_A750del", "L747_P753delinsS"}
ADVANCED = {"IVA", "IVB", "IVC", "IV"}
ORGAN_BY_ICD = {"C34": "lung", "C50": "breast", "C18": "colorectum", "C20": "colorectum", "C16": "stomach"}
CASES = [(s["id"], lang, seed) for s in scenarios() for lang in ("zh", "en") for seed in (1, 2)]


def _built(scenario_id: str, language: str, seed: int):
    plan = plan_case(seed, 0, PlanOptions(forced={"scenario": scenario_id, "language": language}))
    built = build_case(plan, seed)
    findings = [DocumentFindings.model_validate(f) for f in built.gold["findings"].values()]
    return Claim.model_validate(built.claim), built.gold, findings


def _detected(findings, gene: str) -> set[str]:
    return {v.alteration for f in findings for v in f.variants if v.gene == gene and v.status == "detected"}


# A liquid biopsy's negative excludes nothing (GUIDELINE_FACTS 1.2): a gold decision that rests on a negative needs
# it from another specimen.
LIQUID = {"plasma", "blood"}


def _not_detected(findings, gene: str) -> set[str]:
    return {v.alteration for f in findings if f.report.specimen not in LIQUID
            for v in f.variants if v.gene == gene and v.status == "not_detected"}


def _stages(claim: Claim, findings) -> set[str]:
    stages = {f.staging.stage for f in findings if f.staging.stage}
    text = claim.diagnosis.text or ""
    stages |= {s for s in ("IVA", "IVB", "IVC", "IV", "IA1", "IA2") if f" {s}" in text or f"{s}期" in text}
    return stages


TEST_GENES_BY_ORGAN = {"lung": {"EGFR"}, "colorectum": {"KRAS", "NRAS"}, "breast": {"ERBB2"}, "stomach": {"ERBB2"}}


def _check_test(code: str, item, claim: Claim, findings: list[DocumentFindings]) -> bool:
    organ = ORGAN_BY_ICD[claim.diagnosis.icd10[0][:3]]
    if code == "INDICATED":
        covers = item.method == "NGS" or bool(set(item.genes) & TEST_GENES_BY_ORGAN[organ])
        needs_stage = organ not in ("breast", "stomach")
        return covers and (not needs_stage or bool(_stages(claim, findings) & ADVANCED)) and (item.panel_size or 0) <= 100
    if code == "NON_INDICATED_TEST":
        return organ == "breast" and "EGFR" in item.genes
    if code == "PANEL_EXCESS":
        return (item.panel_size or 0) > 100
    if code == "DUPLICATE_TEST":
        return any(h.method == item.method and set(h.genes) == set(item.genes)
                   and (claim.service_date - hc.service_date).days <= 180 and hc.decision == "approve"
                   for hc in claim.history for h in hc.items)
    raise AssertionError(f"no check for test code {code}")


def _check(code: str, item, claim: Claim, gold: dict, findings: list[DocumentFindings]) -> bool:
    """Do the claim and its gold findings prove what `code` says for this item? (one policy clause each)"""
    if item.kind == "test" and code not in ("PATIENT_MISMATCH", "DIAGNOSIS_MISMATCH", "DOCUMENT_UNREADABLE"):
        return _check_test(code, item, claim, findings)
    drug = item.drug
    if code == "INDICATED" and drug in ("osimertinib",):
        line = item.line
        needed = EGFR_SENSITIZING if line == 1 else {"T790M"}
        return bool(_detected(findings, "EGFR") & needed) and bool(_stages(claim, findings) & ADVANCED)
    if code == "INDICATED" and drug in ("alectinib", "crizotinib"):
        return bool(_detected(findings, "ALK") | _detected(findings, "ROS1")) and bool(_stages(claim, findings) & ADVANCED)
    if code == "INDICATED" and drug == "trastuzumab":
        her2 = [f.biomarkers.her2 for f in findings]
        return any(h.ihc == "3+" or h.fish == "amplified" for h in her2)
    if code == "INDICATED" and drug == "cetuximab":
        return {"mutation"} <= _not_detected(findings, "KRAS") and {"mutation"} <= _not_detected(findings, "NRAS")
    if code == "BIOMARKER_NEGATIVE" and drug == "osimertinib":
        if item.line == 1:
            return not _detected(findings, "EGFR") and bool(_not_detected(findings, "EGFR"))
        return "T790M" in _not_detected(findings, "EGFR") and "T790M" not in _detected(findings, "EGFR")
    if code == "BIOMARKER_NEGATIVE" and drug == "trastuzumab":
        return all(f.biomarkers.her2.ihc in ("0", "1+") or f.biomarkers.her2.fish == "not_amplified" for f in findings if f.biomarkers.her2.ihc)
    if code == "BIOMARKER_NEGATIVE" and drug == "cetuximab":
        return bool(_detected(findings, "KRAS") | _detected(findings, "NRAS"))
    if code == "BIOMARKER_MISSING":
        her2 = [f.biomarkers.her2 for f in findings if f.biomarkers.her2.ihc]
        egfr_vus_only = not _detected(findings, "EGFR") and any(v.gene == "EGFR" and v.status == "vus" for f in findings for v in f.variants)
        no_genetic = all(f.kind != "genetic_report" for f in findings)
        return egfr_vus_only or no_genetic or any(h.ihc == "2+" and h.fish is None for h in her2)
    if code == "STAGE_MISSING":
        return not _stages(claim, findings)
    if code == "STAGE_NOT_ELIGIBLE":
        return bool(_stages(claim, findings) & {"IA1", "IA2"}) and item.setting == "adjuvant"
    if code == "PATIENT_MISMATCH":
        return any(f.patient.name != claim.patient.name and f.patient.id != claim.patient.id for f in findings)
    if code == "DIAGNOSIS_MISMATCH":
        organ = ORGAN_BY_ICD[claim.diagnosis.icd10[0][:3]]
        return any(f.primary_site and f.primary_site != organ for f in findings)
    if code == "LINE_NOT_ELIGIBLE":
        return drug == "dacomitinib" and (item.line or 1) >= 2
    if code == "CONFLICTING_FINDINGS":
        return bool(_detected(findings, "EGFR")) and any(
            f.kind == "genetic_report" and not {v.alteration for v in f.variants if v.gene == "EGFR" and v.status == "detected"}
            and bool(_not_detected([f], "EGFR")) for f in findings)
    if code == "NO_RULE":
        return drug == "thymalfasin"
    if code == "DOCUMENT_UNREADABLE":
        return bool(gold["unreadable_documents"])
    raise AssertionError(f"no check for {code}")


@pytest.mark.parametrize("scenario_id, language, seed", CASES)
def test_corpus_gold_decisions_follow_policy(scenario_id, language, seed):
    claim, gold, findings = _built(scenario_id, language, seed)
    assert gold["decision"] == most_severe([i["decision"] for i in gold["items"].values()])
    assert set(gold["items"]) == {i.item_id for i in claim.items}
    items = {i.item_id: i for i in claim.items}
    for item_id, item in gold["items"].items():
        for code in item["codes"]:
            assert _check(code, items[item_id], claim, gold, findings), (scenario_id, item_id, code)


def test_corpus_claims_never_hold_a_biomarker_only_in_their_text():
    """POLICY 2: a biomarker is never taken from the claim's text alone, so the generator never writes one there."""
    for scenario_id, language, seed in CASES[::3]:
        claim, _, _ = _built(scenario_id, language, seed)
        assert not any(g in (claim.diagnosis.text or "") for g in ("EGFR", "ALK", "HER2", "KRAS", "L858R"))


def test_corpus_urgent_cases_say_so_in_the_claim_or_a_report():
    """POLICY 6: urgent priority comes from the claim's flag or critical wording in a document."""
    for seed in range(40):
        plan = plan_case(seed, 0, PlanOptions(forced={"urgent": True}))
        built = build_case(plan, seed)
        critical = any(f["critical"] for f in built.gold["findings"].values())
        assert built.gold["priority"] == "urgent"
        assert built.claim["urgent"] or critical


def test_corpus_history_dates_precede_the_claim():
    for scenario_id, language, seed in CASES:
        claim, _, _ = _built(scenario_id, language, seed)
        assert all(h.service_date < claim.service_date for h in claim.history)
        assert claim.service_date >= dt.date(2026, 1, 1)
