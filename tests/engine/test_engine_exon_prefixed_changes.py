"""A change written after its exon number ('21L858R') decides a claim as the change itself does."""

from __future__ import annotations

REPORT = "基因检测报告\n姓名：张伟 住院号：ZY20261234\n检测结果\n{line}\n"


def test_exon_prefixed_positive_approves_its_drug(review_lung_report) -> None:
    """'EGFR 21L858R突变：阳性' read nothing, and gefitinib routed for want of its biomarker."""
    result = review_lung_report(REPORT.format(line="EGFR 21L858R突变：阳性"), "gefitinib")
    assert result.decision == "approve", result.reasons


def test_exon_prefixed_negatives_are_not_the_whole_gene(review_lung_report) -> None:
    """Three named negatives ('EGFR 18G719X、20S768I、21L861Q：阴性', once read as the whole gene negative) beside
    a detected 19del leave the 19del deciding."""
    report = REPORT.format(line="EGFR 19del：阳性\nEGFR 18G719X、20S768I、21L861Q：阴性")
    result = review_lung_report(report, "gefitinib")
    assert result.decision == "approve", result.reasons
