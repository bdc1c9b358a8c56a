"""End to end on targeted lung-cancer drug claims: a follow-up report's quote of the earlier test is not this
test's result, and a result its own words contradict is not one to pay on (issue 4). 'EGFR L858R (previously
detected in 2024) is no longer detected' approved gefitinib: the nearer 'detected' was read as the result."""

from __future__ import annotations

import pytest

REPORT = "基因检测报告\n姓名：张伟 住院号：ZY20261234\n检测结果\n{row}\n"


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, drug",
    [
        ("EGFR L858R (previously detected in 2024) is no longer detected.", "gefitinib"),
        ("EGFR T790M: detected in 2023; not detected in this specimen.", "osimertinib"),
        ("EGFR T790M 曾检测到，本次未检测到", "osimertinib"),
        ("EGFR L858R was detected at a VAF below the reportable threshold and is not reported.", "gefitinib"),
        ("EGFR L858R突变丰度低于报告阈值，不予报告", "gefitinib"),
        # a result marked as an outside or earlier test's ('（外院）') approved gefitinib
        ("EGFR L858R：阳性（外院）", "gefitinib"),
        ("既往EGFR L858R阳性", "gefitinib"),
        ("EGFR L858R: detected (outside hospital, 2023)", "gefitinib"),
    ],
)
def test_engine_follow_up_and_unreported_results_never_approve(review_lung_report, row: str, drug: str) -> None:
    item = review_lung_report(REPORT.format(row=row), drug, line=2 if drug == "osimertinib" else 1)
    assert item.decision != "approve", item.reasons


@pytest.mark.issue(4)
def test_engine_follow_up_report_of_a_cleared_mutation_asks_for_the_sensitising_exons(review_lung_report) -> None:
    # the cleared L858R is read as not detected; that alone does not rule out the other sensitising exons
    item = review_lung_report(REPORT.format(row="EGFR L858R (previously detected in 2024) is no longer detected."),
                              "gefitinib")
    assert (item.decision, [r.code for r in item.reasons][:1]) == ("route_mdt", ["BIOMARKER_MISSING"])
    assert "L858R未检出" in item.reasons[0].message


@pytest.mark.issue(4)
def test_engine_current_result_beside_an_earlier_negative_approves(review_lung_report) -> None:
    item = review_lung_report(REPORT.format(row="EGFR L858R  阳性（前次检测：阴性）"), "gefitinib")
    assert item.decision == "approve", item.reasons


@pytest.mark.issue(4)
def test_engine_t790m_quoted_from_the_clinical_history_never_approves_osimertinib(review_lung_report) -> None:
    report = "基因检测报告\n姓名：张伟 住院号：ZY20261234\n临床信息：患者2023年检出EGFR T790M突变\n检测结果\nEGFR C797S 检出\n"
    item = review_lung_report(report, "osimertinib", line=2)
    assert item.decision != "approve", item.reasons


@pytest.mark.issue(4)
def test_engine_an_outside_negative_never_flags(review_lung_report) -> None:
    # 'EGFR T790M：阴性（外院）' read as this report's negative flagged second-line osimertinib; an outside result
    # asks a person
    item = review_lung_report(REPORT.format(row="EGFR T790M：阴性（外院）"), "osimertinib", line=2)
    assert item.decision == "route_mdt", item.reasons
