"""End to end: a report that gives a biomarker two values, both as trusted ('HER2(3+)' for one block and
'HER2(1+)' for another, 'TPS 60%' and 'TPS 5%'), holds both readings, as two reports would, and goes to a
person where they disagree on the decision (POLICY 3.6: CONFLICTING_FINDINGS). The value ranked first won and
the other was only a warning: one block's 3+ approved trastuzumab (issue 4)."""

from __future__ import annotations

import pytest

BREAST = "病理诊断报告\n姓名：张伟 住院号：ZY20261234\n病理诊断：（左乳）浸润性导管癌\n{stains}\n"
LUNG = "病理诊断报告\n姓名：张伟 住院号：ZY20261234\n病理诊断：（右肺上叶）浸润性腺癌\n{stains}\n"
GENETIC = ("基因检测报告\n姓名：张伟 住院号：ZY20261234\n样本类型：组织\n检测结果\n"
           "EGFR基因：未检测到突变\nALK融合：阴性\nROS1融合：阴性\nMSI状态：MSS\n")


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    ("stains", "decision"),
    [
        ("免疫组化（A1）：HER2(3+)\n免疫组化（A2）：HER2(1+)", "route_mdt"),
        # values that agree on the category decide: the same score twice, two ER shares both positive
        ("免疫组化：HER2(3+)\n免疫组化（复核）：HER2(3+)", "approve"),
        ("免疫组化：ER(+,90%)，PR(+,60%)，HER2(3+)\n复核：ER(+,80%)", "approve"),
    ],
)
def test_engine_two_her2_scores_in_one_report(review_drug_claim, stains: str, decision: str) -> None:
    item = review_drug_claim({"pathology_report": BREAST.format(stains=stains)}, "trastuzumab", "C50.9",
                             "左乳浸润性导管癌 IV期 肝转移")
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]
    if decision == "route_mdt":
        assert item.reasons[0].code == "CONFLICTING_FINDINGS"
        assert "阳性" in item.reasons[0].message and "低表达" in item.reasons[0].message
        # one report's two readings: the message does not speak of documents
        assert "检测结果不一致" in item.reasons[0].message and "各文件" not in item.reasons[0].message


@pytest.mark.issue(4)
@pytest.mark.parametrize(("stains", "decision"), [("PD-L1（22C3）TPS：60%\nPD-L1（22C3）TPS：<1%", "route_mdt"),
                                                  # both above the rule's 1 %: they agree on the decision
                                                  ("PD-L1（22C3）TPS：60%\nPD-L1（22C3）TPS：5%", "approve")])
def test_engine_two_pdl1_scores_in_one_report(review_drug_claim, stains: str, decision: str) -> None:
    documents = {"pathology_report": LUNG.format(stains=stains), "genetic_report": GENETIC}
    item = review_drug_claim(documents, "pembrolizumab", "C34.1", "右肺腺癌 IV期")
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]


GENETIC_EGFR = "基因检测报告\n姓名：张伟 住院号：ZY20261234\n样本类型：组织\n检测结果：\nEGFR L858R 突变 阳性 丰度12%\n"


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    ("staging", "decision"),
    [
        # two stage groups that cannot both be true: the first read approved adjuvant osimertinib on IB
        ("病理分期：pT2aN0M0，IB期\n临床分期：IV期", "route_mdt"),
        ("分期：IB期\n结论：IV期", "route_mdt"),
        # one stage group, or two that overlap, decide
        ("病理分期：pT2aN0M0，IB期", "approve"),
    ],
)
def test_engine_two_stage_groups_in_one_report(review_drug_claim, staging: str, decision: str) -> None:
    pathology = LUNG.format(stains=staging)
    item = review_drug_claim({"pathology_report": pathology, "genetic_report": GENETIC_EGFR}, "osimertinib", "C34.1",
                             "右肺腺癌术后辅助治疗", setting="adjuvant")
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]
    if decision == "route_mdt":
        assert {r.code for r in item.reasons} == {"CONFLICTING_FINDINGS"}
