"""End to end: an alectinib claim on the ALK immunostain a pathology report prints (GUIDELINE_FACTS 1.1: IHC with
D5F3 or 5A4 is equivalent to FISH). 'ALK(D5F3)(+)' gave no finding, and the claim routed as if ALK was untested;
'ALK(D5F3)(-)' did too (issue 4)."""

from __future__ import annotations

import pytest

REPORT = "病理报告\n姓名：张伟 住院号：ZY20261234\n{row}\n"


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, decision, code",
    [
        ("免疫组化：ALK(D5F3)(+)，TTF-1(+)", "approve", "INDICATED"),
        ("免疫组化：ALK(D5F3)(-)", "flag", "BIOMARKER_NEGATIVE"),
        # stains named without a result, or a stain of no equivalent clone: a person looks
        ("免疫组化染色：ALK(D5F3)、ROS1、PD-L1", "route_mdt", "BIOMARKER_MISSING"),
        ("免疫组化：CD30(+)，ALK(+)", "route_mdt", "BIOMARKER_MISSING"),
    ],
)
def test_engine_alk_immunostain_decides_alectinib(review_lung_report, row: str, decision: str, code: str) -> None:
    item = review_lung_report(REPORT.format(row=row), "alectinib")
    assert (item.decision, item.reasons[0].code) == (decision, code), item.reasons


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "report, drug",
    [
        # the title names the test; the result names no gene: no ALK fusion was read from the title any more
        ("ALK融合基因检测报告\n姓名：张伟 住院号：ZY20261234\n检测方法：RT-PCR\n检测结果：阴性\n", "alectinib"),
        # one positive for a kit's genes does not say which is fused
        ("基因检测报告\n姓名：张伟 住院号：ZY20261234\n检测结果\nROS1/ALK/RET融合：阳性\n", "alectinib"),
        ("基因检测报告\n姓名：张伟 住院号：ZY20261234\n检测结果\nALK/ROS1 fusion: positive\n", "crizotinib"),
    ],
)
def test_engine_a_fusion_no_report_names_never_approves(review_lung_report, report: str, drug: str) -> None:
    item = review_lung_report(report, drug)
    assert item.decision != "approve", item.reasons
