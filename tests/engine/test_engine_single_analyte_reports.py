"""End to end: a single-analyte report names its change in the title and gives the result on a line that names no
gene (issue 4). 'BRAF V600E突变检测报告' ... '检测结果：阴性' approved dabrafenib: the title was read as a detected
change."""

from __future__ import annotations

import pytest

REPORT = "{title}\n姓名：张伟 住院号：ZY20261234\n检测方法：ARMS-PCR\n检测结果：{result}\n"


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "title, result, drug, decision, code",
    [
        # dabrafenib's NSCLC rule rests on an unverified source: its negative routes, with the reason
        ("BRAF V600E突变检测报告", "阴性", "dabrafenib", "route_mdt", "BIOMARKER_NEGATIVE"),
        ("BRAF V600E突变检测报告", "阳性", "dabrafenib", "approve", "INDICATED"),
        ("EGFR T790M突变检测报告", "未检出", "osimertinib", "flag", "BIOMARKER_NEGATIVE"),
        ("EGFR T790M突变检测报告", "见附页", "osimertinib", "route_mdt", "BIOMARKER_MISSING"),
    ],
)
def test_engine_single_analyte_report(review_lung_report, title: str, result: str, drug: str, decision: str,
                                      code: str) -> None:
    item = review_lung_report(REPORT.format(title=title, result=result), drug, line=2 if drug == "osimertinib" else 1)
    assert item.decision == decision, item.reasons
    assert code in [r.code for r in item.reasons]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "report",
    [
        ("EGFR基因突变检测报告\n姓名：张伟 住院号：ZY20261234\n本试剂盒可检测EGFR L858R、T790M、19del等29种突变\n"
        "检测结果：未检测到EGFR基因突变\n"),
        ("EGFR mutation report\n姓名：张伟 住院号：ZY20261234\nThis assay covers EGFR L858R, T790M and exon 19 deletions.\n"
        "Result: No EGFR mutation detected.\n"),
    ],
)
def test_engine_a_kit_reports_coverage_sentence_is_no_positive(review_lung_report, report: str) -> None:
    # the sentence of what the kit can find, with no methods header, approved gefitinib on a negative report
    item = review_lung_report(report, "gefitinib")
    assert (item.decision, item.reasons[0].code) == ("flag", "BIOMARKER_NEGATIVE"), item.reasons


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "tail",
    [
        "结果解读\nEGFR 19del和L858R突变是最常见的EGFR敏感突变，携带者可从吉非替尼获益。\n",
        "EGFR L858R突变患者可从EGFR-TKI治疗中获益。\n",
    ],
)
def test_engine_an_explanation_in_a_negative_report_is_no_positive(review_lung_report, tail: str) -> None:
    report = "EGFR基因突变检测报告\n姓名：张伟 住院号：ZY20261234\n检测结果：未检测到EGFR基因突变\n" + tail
    item = review_lung_report(report, "gefitinib")
    assert (item.decision, item.reasons[0].code) == ("flag", "BIOMARKER_NEGATIVE"), item.reasons


@pytest.mark.issue(4)
def test_engine_a_named_change_beside_a_negative_of_the_others_approves(review_lung_report) -> None:
    report = "EGFR基因突变检测报告\n姓名：张伟 住院号：ZY20261234\n检测结果\nEGFR L858R 突变 丰度23%\nEGFR 其他位点 未检测到突变\n"
    assert review_lung_report(report, "gefitinib").decision == "approve"
