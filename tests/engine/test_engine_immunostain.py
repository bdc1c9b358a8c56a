"""End to end: a change read by a mutation-specific immunostain decides only where the guideline accepts IHC
(GUIDELINE_FACTS 1.2: ALK IHC equivalent to FISH, EGFR IHC not for selection; BRAF V600E by IHC only in
anaplastic thyroid cancer). 'BRAF V600E(VE1)(+)' in a lung pathology report approved dabrafenib (issue 4)."""

from __future__ import annotations

import pytest

HEAD = "病理诊断报告\n姓名：张伟 住院号：ZY20261234\n"
LUNG = HEAD + "病理诊断：（右肺上叶）浸润性腺癌，pT2aN2M1a，IVA期\n免疫组化结果：TTF-1(+)，NapsinA(+)，{stain}\n"


@pytest.mark.issue(4)
@pytest.mark.parametrize(("stain", "drug"), [("BRAF V600E(VE1)(+)", "dabrafenib"), ("BRAF V600E(VE1)(+)", "trametinib"),
                                             ("EGFR L858R(43B2)(+)", "gefitinib")])
def test_engine_a_stain_the_guideline_does_not_accept_asks_for_a_molecular_test(review_drug_claim, stain: str,
                                                                                drug: str) -> None:
    result = review_drug_claim({"pathology_report": LUNG.format(stain=stain)}, drug, "C34.1", "肺腺癌 IVA期", whole=True)
    item = result.items[0]
    assert (item.decision, item.reasons[0].code) == ("route_mdt", "BIOMARKER_MISSING"), item.reasons
    assert "免疫组化" in item.reasons[0].message
    assert any("分子检测" in d for d in result.missing_documents)


@pytest.mark.issue(4)
def test_engine_an_alk_stain_decides_as_fish_does(review_drug_claim) -> None:
    item = review_drug_claim({"pathology_report": LUNG.format(stain="ALK(D5F3)(+)")}, "crizotinib", "C34.1", "肺腺癌 IVA期")
    assert item.decision == "approve", item.reasons


@pytest.mark.issue(4)
def test_engine_braf_v600e_by_stain_in_anaplastic_thyroid_cancer_approves(review_drug_claim) -> None:
    report = HEAD + "病理诊断：（甲状腺）未分化癌\n免疫组化结果：BRAF V600E(VE1)(+)\n"
    item = review_drug_claim({"pathology_report": report}, "dabrafenib", "C73", "甲状腺未分化癌")
    assert item.decision == "approve", item.reasons


@pytest.mark.issue(4)
def test_engine_the_same_change_by_a_molecular_test_approves(review_drug_claim) -> None:
    genetic = HEAD + "基因检测报告\n检测方法：NGS\n检测结果：\nBRAF V600E 突变 阳性 丰度12%\n"
    pathology = HEAD + "病理诊断：（右肺上叶）浸润性腺癌，pT2aN2M1a，IVA期\n免疫组化结果：BRAF V600E(VE1)(+)\n"
    item = review_drug_claim({"genetic_report": genetic, "pathology_report": pathology}, "dabrafenib", "C34.1",
                             "肺腺癌 IVA期")
    assert item.decision == "approve", item.reasons
