"""A genetic report whose result for the drug's change failed, is doubtful or lies below the assay's limit of
detection sends the claim to a person: each of these rows approved gefitinib, read as detected by default (issue 4)."""

from __future__ import annotations

import pytest

REPORT = "基因检测报告\n姓名：张伟 住院号：ZY20261234\n检测结果\n{row}\n"


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row",
    [
        "EGFR L858R 样本质量不合格，未出结果",
        "EGFR L858R：质控不合格",
        "EGFR L858R: no call",
        "EGFR L858R: invalid",
        "EGFR L858R (±)",
        "EGFR L858R：+/-",
        "EGFR L858R 突变丰度 0.5%，低于检测限",
        "EGFR L858R was detected at 0.5%, below the limit of detection.",
    ],
)
def test_no_trustworthy_result_does_not_approve(review_lung_report, row: str) -> None:
    result = review_lung_report(REPORT.format(row=row), "gefitinib")
    assert result.decision != "approve", result.reasons


@pytest.mark.issue(4)
def test_a_plain_positive_still_approves(review_lung_report) -> None:
    """The same report with a positive result: the rules above take nothing from it."""
    result = review_lung_report(REPORT.format(row="EGFR L858R 突变丰度 12.5%，阳性"), "gefitinib")
    assert result.decision == "approve", result.reasons
