"""A PD-L1 score given only as below a bound above the assay's negative ('TPS 50%以下', 'TPS <50%') is no score:
the claim goes to a person, where it had approved (read as 50) or flagged (read as 0) pembrolizumab."""

from __future__ import annotations

import pytest

PATHOLOGY = "病理诊断报告\n姓名：张伟 住院号：ZY20261234\n病理诊断：（右肺上叶）浸润性腺癌\n免疫组化：PD-L1（22C3）TPS：{tps}\n"
GENETIC = ("基因检测报告\n姓名：张伟 住院号：ZY20261234\n样本类型：组织\n检测结果\n"
           "EGFR基因：未检测到突变\nALK融合：阴性\nROS1融合：阴性\nMSI状态：MSS\n")


def review_pembrolizumab(review_drug_claim, tps: str):
    documents = {"pathology_report": PATHOLOGY.format(tps=tps), "genetic_report": GENETIC}
    return review_drug_claim(documents, "pembrolizumab", "C34.1", "右肺腺癌 IV期")


@pytest.mark.parametrize("tps", ["50%以下", "<50%", "≤1%"])
def test_pdl1_upper_bound_routes(review_drug_claim, tps: str) -> None:
    result = review_pembrolizumab(review_drug_claim, tps)
    assert result.decision == "route_mdt", result.reasons
    assert "BIOMARKER_MISSING" in [r.code for r in result.reasons]


@pytest.mark.parametrize("tps, decision", [("60%", "approve"), ("<1%", "flag"), ("低于1%", "flag")])
def test_pdl1_scores_and_the_negative_still_decide(review_drug_claim, tps: str, decision: str) -> None:
    assert review_pembrolizumab(review_drug_claim, tps).decision == decision


TNBC = ("病理诊断报告\n姓名：张伟 住院号：ZY20261234\n病理诊断：（左乳）浸润性导管癌\n"
        "免疫组化：ER（-），PR（-），HER2（0），MLH1（+），MSH2（+），MSH6（+），PMS2（+），PD-L1（22C3）CPS：{cps}\n")


@pytest.mark.parametrize(
    "cps, decision",
    [
        # a floor below the rule's threshold leaves it unsettled: 'CPS≥1' was read as 1 and flagged pembrolizumab
        # for triple-negative breast cancer (CPS >= 10), which the report does not say
        ("≥1", "route_mdt"),
        ("1以上", "route_mdt"),
        ("≥10", "approve"),
        ("15", "approve"),
        ("5", "flag"),
    ],
)
def test_pdl1_floor_meets_only_thresholds_at_or_below_it(review_drug_claim, cps: str, decision: str) -> None:
    item = review_drug_claim({"pathology_report": TNBC.format(cps=cps)}, "pembrolizumab", "C50.9",
                             "左乳三阴性乳腺癌 IV期 肝转移")
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]


@pytest.mark.issue(4)
def test_pdl1_range_with_a_unit_on_both_ends_is_a_range(review_drug_claim) -> None:
    # 'TPS：0%-49%' read as 0 alone and flagged pembrolizumab (TPS >= 1 %); the range leaves it unsettled
    result = review_pembrolizumab(review_drug_claim, "0%-49%")
    assert result.decision == "route_mdt", [(r.code, r.message) for r in result.reasons]


@pytest.mark.issue(4)
@pytest.mark.parametrize("tps", ["60%（染色失败）", "60% (invalid)", "60%？", "60%, pending pathologist review"])
def test_pdl1_score_the_report_does_not_stand_by_routes(review_drug_claim, tps: str) -> None:
    """A score whose stain failed or that the report doubts approved pembrolizumab as the score itself."""
    result = review_pembrolizumab(review_drug_claim, tps)
    assert result.decision == "route_mdt", result.reasons
