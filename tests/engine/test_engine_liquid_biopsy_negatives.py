"""A liquid biopsy rules a change in, not out (GUIDELINE_FACTS 1.2: negative plasma does not exclude; T790M:
negative plasma -> tissue). A negative read from a plasma or blood ctDNA report proves no class absent: the item
routes and asks for a tissue test; a positive counts as any positive does; a germline class's blood test stands."""

from __future__ import annotations

import pytest

PATIENT = "姓名：张伟 住院号：ZY20261234\n"
LUNG = "病理诊断报告\n" + PATIENT + "病理诊断：（右肺上叶）浸润性腺癌\n"
COLON = "病理诊断报告\n" + PATIENT + "病理诊断：（乙状结肠）中分化腺癌\n"


def genetic(specimen: str, results: str) -> str:
    return f"基因检测报告\n{PATIENT}样本类型：{specimen}\n检测方法：NGS\n检测结果\n{results}\n"


def lung(review_drug_claim, report: str, drug: str, line: int = 1, whole: bool = False):
    return review_drug_claim({"genetic_report": report, "pathology_report": LUNG}, drug, "C34.1",
                             "右肺上叶腺癌 IVA期（cT3N2M1a）", line=line, whole=whole)


@pytest.mark.parametrize("specimen", ["血浆ctDNA", "外周血", "外周血血浆（ctDNA）"])
def test_plasma_negative_routes_for_a_tissue_test(review_drug_claim, specimen: str) -> None:
    """It flagged gefitinib (BIOMARKER_NEGATIVE) on a plasma result."""
    claim = lung(review_drug_claim, genetic(specimen, "EGFR基因：未检测到突变"), "gefitinib", whole=True)
    result = claim.items[0]
    assert result.decision == "route_mdt", result.reasons
    assert [r.code for r in result.reasons] == ["BIOMARKER_MISSING"]
    assert "液体活检阴性不能排除" in result.reasons[0].message
    assert any("组织基因检测" in m for m in claim.missing_documents), claim.missing_documents


def test_tissue_negative_still_flags(review_drug_claim) -> None:
    result = lung(review_drug_claim, genetic("组织（FFPE）", "EGFR基因：未检测到突变"), "gefitinib")
    assert result.decision == "flag" and result.reasons[0].code == "BIOMARKER_NEGATIVE", result.reasons


def test_tissue_test_with_a_blood_control_is_a_tissue_test(review_drug_claim) -> None:
    """The normal blood a tissue panel sequences beside the tumour is not its specimen."""
    result = lung(review_drug_claim, genetic("外周血（对照）、组织（FFPE）", "EGFR基因：未检测到突变"), "gefitinib")
    assert result.decision == "flag", result.reasons


def test_plasma_t790m_negative_after_tki_routes(review_drug_claim) -> None:
    """Second-line osimertinib with T790M not detected in plasma: re-biopsy, not a denial (it flagged)."""
    report = genetic("血浆ctDNA", "EGFR 19del：阳性 丰度 2.1%\nEGFR T790M：未检出")
    result = lung(review_drug_claim, report, "osimertinib", line=2)
    assert result.decision == "route_mdt", result.reasons
    assert "BIOMARKER_MISSING" in [r.code for r in result.reasons]


def test_plasma_positive_approves(review_drug_claim) -> None:
    result = lung(review_drug_claim, genetic("血浆ctDNA", "EGFR L858R：阳性 丰度 3.4%"), "gefitinib")
    assert result.decision == "approve", result.reasons


def test_plasma_negative_beside_tissue_positive_is_no_conflict(review_drug_claim) -> None:
    """Plasma missing what tissue found is what a liquid biopsy does: the tissue positive decides (it routed as
    CONFLICTING_FINDINGS)."""
    documents = {"genetic_report": genetic("血浆ctDNA", "EGFR基因：未检测到突变"),
                 "pathology_report": LUNG + "分子病理：EGFR L858R突变：阳性\n"}
    result = review_drug_claim(documents, "gefitinib", "C34.1", "右肺上叶腺癌 IVA期（cT3N2M1a）")
    assert result.decision == "approve", result.reasons


def test_plasma_ras_wild_type_does_not_approve_cetuximab(review_drug_claim) -> None:
    """RAS wild-type is a negative: from plasma it does not prove RAS wild-type, and cetuximab approved on it."""
    report = genetic("血浆ctDNA", "KRAS基因：野生型\nNRAS基因：野生型\nBRAF V600E：未检出")
    claim = review_drug_claim({"genetic_report": report, "pathology_report": COLON}, "cetuximab", "C18.7",
                              "乙状结肠腺癌 IV期 肝转移", whole=True)
    assert claim.items[0].decision == "route_mdt", claim.items[0].reasons
    assert any("组织基因检测" in m for m in claim.missing_documents), claim.missing_documents


def test_germline_blood_negative_still_refutes_gbrca(review_drug_claim) -> None:
    """A germline test reads the patient's own DNA from blood: its negative stands for the gBRCA class."""
    report = genetic("外周血", "BRCA1/2胚系突变检测：未检测到胚系致病性突变\nBRCA1：阴性（胚系）\nBRCA2：阴性（胚系）")
    breast = "病理诊断报告\n" + PATIENT + "病理诊断：（左乳）浸润性导管癌\nER（-），PR（-），HER2（0）\n"
    result = review_drug_claim({"genetic_report": report, "pathology_report": breast}, "olaparib", "C50.9",
                               "左乳浸润性导管癌 IV期 骨转移", line=2)
    assert result.decision == "flag", result.reasons
