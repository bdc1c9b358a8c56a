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


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "line, expected",
    [
        # an exon list covers its exons, not the whole gene: 'exons 2 and 3' read as a whole-gene negative proved
        # extended RAS (exons 2, 3 and 4) to a cetuximab claim
        ("KRAS 第2、3外显子 未检测到突变", {("KRAS", 2), ("KRAS", 3)}),
        ("KRAS 2、3号外显子\t阴性", {("KRAS", 2), ("KRAS", 3)}),
        ("KRAS exons 2 and 3: no mutation detected", {("KRAS", 2), ("KRAS", 3)}),
        ("KRAS (exon 2, 3, 4) Negative", {("KRAS", 2), ("KRAS", 3), ("KRAS", 4)}),
        ("NRAS exons 2-4: no mutation detected", {("NRAS", 2), ("NRAS", 3), ("NRAS", 4)}),
        ("NRAS 第2~4外显子 未检出", {("NRAS", 2), ("NRAS", 3), ("NRAS", 4)}),
        ("NRAS 外显子2/3 阴性", {("NRAS", 2), ("NRAS", 3)}),
        # genes that share the exons named after the last of them
        ("KRAS/NRAS 2、3、4号外显子 未检测到突变", {(g, e) for g in ("KRAS", "NRAS") for e in (2, 3, 4)}),
        ("KRAS and NRAS (exons 2, 3, 4): Negative", {(g, e) for g in ("KRAS", "NRAS") for e in (2, 3, 4)}),
        # a dash then a number is no range that climbs: the first exon alone, the narrower reading
        ("KRAS exon 3 - 0.0% 阴性", {("KRAS", 3)}),
        # the word 'gene' between the gene and its exon
        ("KRAS基因第2外显子：未检测到突变", {("KRAS", 2)}),
        ("EGFR基因18-21外显子：未检测到突变", {("EGFR", e) for e in (18, 19, 20, 21)}),
        # codons: the exons whose every codon is named (exon 3 is codons 59 and 61); a result for codons that
        # cover no exon whole is none for the gene
        ("KRAS 第12、13密码子 野生型", {("KRAS", 2)}),
        ("KRAS codons 12 and 13: no mutation detected", {("KRAS", 2)}),
        ("KRAS (codons 12, 13, 61): wild type", {("KRAS", 2)}),
        ("NRAS codons 12, 13, 59, 61, 117 and 146: no mutation detected", {("NRAS", e) for e in (2, 3, 4)}),
        ("BRAF 第600密码子 野生型", {("BRAF", 15)}),
        ("KRAS第12密码子 野生型", set()),
        ("BRAF 第464密码子 野生型", set()),
        # one exon, and the whole gene
        ("KRAS exon 2 (codons 12, 13) Negative", {("KRAS", 2)}),
        ("KRAS 未检测到突变", {("KRAS", None)}),
    ],
)
def test_gene_level_negative_keeps_the_exons_it_covers(variant_extractor, line: str, expected: set) -> None:
    findings = variant_extractor.extract_text("检测结果\n" + line + "\n", kind="genetic_report")
    assert {(v.gene, v.exon) for v in findings.variants} == expected
    assert {v.status for v in findings.variants} <= {"not_detected"}
