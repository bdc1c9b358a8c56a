"""Per-exon negatives of a gene with a detected variant are not a gene-level not-detected finding (issue 4)."""

from __future__ import annotations

import pytest

REPORT = (
    "检测结果\n"
    "KRAS 2号外显子（第12、13密码子）\t突变（G12V）\n"
    "KRAS 3号外显子（第59、61密码子）\t未检测到突变\n"
    "NRAS 2号外显子（第12、13密码子）\t未检测到突变\n"
)


@pytest.mark.issue(4)
def test_exon_negative_of_positive_gene_is_dropped(variant_extractor) -> None:
    findings = variant_extractor.extract_text(REPORT, kind="genetic_report")
    assert sorted((v.gene, v.alteration, v.status) for v in findings.variants) == [
        ("KRAS", "G12V", "detected"), ("NRAS", "mutation", "not_detected")]
