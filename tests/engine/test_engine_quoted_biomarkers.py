"""End to end: a biomarker result the report quotes from an earlier or outside test ('HER2：3+（既往外院）') is no
result of this report, so it never approves a drug that needs it; the report's own result still does (issue 4)."""

from __future__ import annotations

import pytest

PATHOLOGY = ("病理诊断报告\n姓名：王芳 住院号：ZY20265678\n病理诊断：（左乳）浸润性导管癌\n免疫组化：ER（-），PR（-），"
             "{her2}，Ki-67（+，约30%）\n")


def _review(review_drug_claim, her2: str):
    return review_drug_claim({"pathology_report": PATHOLOGY.format(her2=her2)}, "trastuzumab", "C50.9",
                             "左乳浸润性导管癌 IV期 肝转移", patient=("ZY20265678", "王芳"))


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "her2, decision",
    [
        ("HER2（3+）", "approve"),
        ("HER2：3+（既往外院）", "route_mdt"),
        ("HER2 (3+, outside hospital 2023)", "route_mdt"),
        ("既往HER2（3+）", "route_mdt"),
        # this report's own reading of outside slides is its result
        ("外院会诊：HER2（3+）", "approve"),
        # a marker that ends the line above marks nothing on this one ('$' matched before the line break)
        ("既往\nHER2（3+）", "approve"),
        # the mark in a bracket after the result's own bracket: it approved
        ("HER2（3+）（外院）", "route_mdt"),
        ("HER2（3+）（外院会诊）", "approve"),
    ],
)
def test_engine_trastuzumab_needs_this_reports_her2(review_drug_claim, her2: str, decision: str) -> None:
    item = _review(review_drug_claim, her2)
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "her2, decision",
    [
        ("HER2（1+）", "flag"),
        ("HER2（2+）", "route_mdt"),
        # a range of scores: '1+~2+' was read as 1+ and flagged trastuzumab, though a 2+ needs ISH first;
        # '2+~3+' must not approve as 3+ either: a person reads it
        ("HER2（1+~2+）", "route_mdt"),
        ("HER2（2+~3+）", "route_mdt"),
        ("HER2（2+，部分3+）", "route_mdt"),
    ],
)
def test_engine_trastuzumab_with_a_range_of_her2_scores_routes(review_drug_claim, her2: str, decision: str) -> None:
    item = _review(review_drug_claim, her2)
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "her2, decision",
    [
        # a score given for a few cells only is no HER2 score (ASCO/CAP: more than 10 % of the tumour cells):
        # 'HER2（3+，约5%）' approved trastuzumab
        ("HER2（3+，约5%）", "route_mdt"),
        ("HER2（3+，局灶）", "route_mdt"),
        ("HER2：3+（<10%肿瘤细胞）", "route_mdt"),
        ("HER2（3+，约90%）", "approve"),
    ],
)
def test_engine_trastuzumab_with_her2_in_few_cells_routes(review_drug_claim, her2: str, decision: str) -> None:
    item = _review(review_drug_claim, her2)
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]


@pytest.mark.issue(4)
@pytest.mark.parametrize("her2, decision", [("HER2（4B5）（3+）", "approve"), ("HER2（4B5）（1+）", "flag")])
def test_engine_trastuzumab_reads_her2_past_its_antibody_clone(review_drug_claim, her2: str, decision: str) -> None:
    """'HER2（4B5）（3+）' was read as nothing: trastuzumab routed for want of HER2, and a 1+ never flagged."""
    item = _review(review_drug_claim, her2)
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "her2, decision",
    [
        # a score of the in-situ component is no score of the invasive carcinoma: the DCIS's 3+ approved
        # trastuzumab beside the invasive carcinoma's 1+
        ("浸润性癌：HER2(1+)；导管原位癌成分：HER2(3+)", "flag"),
        ("导管原位癌区HER2(3+)，浸润癌区HER2(1+)", "flag"),
        ("HER2（3+，原位癌）", "route_mdt"),
        ("HER2(3+)（导管原位癌）", "route_mdt"),
        ("HER2: 3+ (in the DCIS component only)", "route_mdt"),
        # the diagnosis names the DCIS beside the invasive carcinoma: the stains are the invasive carcinoma's
        ("伴导管原位癌\nHER2(3+)", "approve"),
        # in situ hybridisation is ISH, no component
        ("HER2 (2+), FISH (in situ hybridization): amplified", "approve"),
    ],
)
def test_engine_trastuzumab_reads_the_invasive_carcinomas_her2(review_drug_claim, her2: str, decision: str) -> None:
    item = _review(review_drug_claim, her2)
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]


@pytest.mark.issue(4)
def test_engine_the_dcis_score_beside_the_invasive_one_never_approves(review_drug_claim) -> None:
    report = ("病理诊断报告\n姓名：王芳 住院号：ZY20265678\n病理诊断：（左乳）浸润性导管癌\n"
              "免疫组化：浸润性癌：HER2(1+)；导管原位癌成分：HER2(3+)\n")
    item = review_drug_claim({"pathology_report": report}, "trastuzumab", "C50.9", "左乳浸润性导管癌 IV期 肝转移",
                             patient=("ZY20265678", "王芳"))
    assert item.decision == "flag", [(r.code, r.message) for r in item.reasons]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "her2, decision",
    [
        # a control slide's score is the assay's check, not the tumour's: it approved trastuzumab
        ("HER2 3+（对照）", "route_mdt"),
        ("HER2 (3+, positive control)", "route_mdt"),
        ("HER2阳性对照（3+），肿瘤HER2（1+）", "flag"),
        # a sentence on the controls beside the tumour's own score marks nothing
        ("HER2（3+），对照切片染色良好", "approve"),
        ("HER2（3+），阳性对照3+", "approve"),
    ],
)
def test_engine_trastuzumab_never_reads_a_control_slides_her2(review_drug_claim, her2: str, decision: str) -> None:
    item = _review(review_drug_claim, her2)
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "her2",
    [
        # the stain failed or the report doubts its score: trastuzumab approved on each
        "HER2（3+），质控不合格",
        "HER2 3+（染色失败，建议重做）",
        "HER2：3+？",
        "HER2 IHC 3+ (indeterminate)",
    ],
)
def test_engine_trastuzumab_needs_a_her2_the_report_stands_by(review_drug_claim, her2: str) -> None:
    item = _review(review_drug_claim, her2)
    assert item.decision != "approve", [(r.code, r.message) for r in item.reasons]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "her2, decision",
    [
        # 'HER2 - 3+' was read as 0 and flagged trastuzumab; the result word before the bracket hid the 3+
        ("HER2 - 3+", "approve"),
        ("HER2：阳性（3+）", "approve"),
        # a shorthand '+' is no 1+ (it flagged trastuzumab): no score, a person reads it
        ("HER2+", "route_mdt"),
    ],
)
def test_engine_trastuzumab_reads_her2_beside_separators(review_drug_claim, her2: str, decision: str) -> None:
    item = _review(review_drug_claim, her2)
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]
