"""End to end on targeted lung-cancer drug claims: negatives worded as reports word them never approve (issue 4).
'ALK 融合：未见融合' (no fusion seen) approved alectinib, 'MET amplification: not amplified' and 'EGFR L858R was
not found' were read as detected too."""

from __future__ import annotations

import pytest

REPORT = "基因检测报告\n姓名：张伟 住院号：ZY20261234\n检测结果\n{row}\n"


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, drug",
    [
        ("ALK 融合：未见融合", "alectinib"),
        ("ALK fusion: no rearrangement identified", "alectinib"),
        ("The EGFR exon 19 deletion was not found. EGFR L858R was not found.", "osimertinib"),
        ("EGFR L858R突变（-），19外显子缺失突变（-）", "osimertinib"),
        # a yes/no detection column, and results the lab doubts
        ("基因  突变  是否检出\nEGFR  L858R  否\nEGFR  19del  否", "gefitinib"),
        ("Suspected EGFR L858R, confirmation pending.", "gefitinib"),
        ("EGFR 19del 阳性，建议复检", "gefitinib"),
        # a negated MSI-H was read as MSI-H (pembrolizumab's pan-tumour rule)
        ("MSI-H/dMMR: 阴性", "pembrolizumab"),
        ("微卫星高度不稳定（MSI-H）：未检出", "pembrolizumab"),
        ("非MSI-H", "pembrolizumab"),
        ("MSI检测结果：MSI-H（阴性）", "pembrolizumab"),
        # '无' as a key's whole value, a bare tier III, a cut line: each was detected by default
        ("EGFR L858R：无", "gefitinib"),
        ("Gene  Variant  VAF  Tier\nERBB2  p.V842I  12%  III", "trastuzumab_rezetecan"),
        ("EGFR L858R：阴性，19del", "gefitinib"),
        # a forward-reading negation as a key's whole value, and a result that points to a comment
        ("EGFR L858R突变：未发现", "gefitinib"),
        ("EGFR L858R：见备注", "gefitinib"),
        # negatives no rule read, and a list of the sites tested whose result is all negative
        ("EGFR L858R: not mutated", "gefitinib"),
        ("The sample is wild-type for EGFR L858R.", "gefitinib"),
        ("本次检测EGFR L858R、19del位点，结果均为阴性", "gefitinib"),
        ("患者未携带EGFR L858R突变", "gefitinib"),
        ("Mutations tested: EGFR L858R, exon 19 deletion. Result: Negative.", "gefitinib"),
        # a pertinent negative is a negative
        ("Pertinent negatives: EGFR L858R, ALK fusion", "gefitinib"),
        ("重要阴性结果：EGFR L858R、19del", "gefitinib"),
        # a value no rule reads is no positive
        ("EGFR L858R：质检未达标", "gefitinib"),
    ],
)
def test_engine_negative_wordings_never_approve(review_lung_report, row: str, drug: str) -> None:
    item = review_lung_report(REPORT.format(row=row), drug)
    assert item.decision != "approve", item.reasons


@pytest.mark.issue(4)
@pytest.mark.parametrize("line", ["EGFR L858R突变（疑似）", "不除外EGFR L858R突变", "EGFR L858R：阳性？"])
def test_engine_suspected_change_routes(review_lung_report, line: str) -> None:
    """A suspected change, one the report does not exclude, or a positive with a question mark is no result:
    each was read as detected and approved gefitinib."""
    report = "基因检测报告\n姓名：张伟 住院号：ZY20261234\n检测结果\n" + line + "\n"
    assert review_lung_report(report, "gefitinib").decision == "route_mdt"
