"""Variant notations read to canonical values (CONTRACT.md section 3), zh and en, with status bands."""

from __future__ import annotations

import pytest

CASES = [
    # detected
    ("EGFR p.L858R 阳性", "EGFR", "L858R", "detected"),
    ("EGFR p.Leu858Arg", "EGFR", "L858R", "detected"),
    ("EGFR p.(Leu858Arg)", "EGFR", "L858R", "detected"),
    ("EGFR p.(L858R)", "EGFR", "L858R", "detected"),
    ("EGFR L858R", "EGFR", "L858R", "detected"),
    ("EGFR Leu858Arg", "EGFR", "L858R", "detected"),
    ("EGFR c.2573T>G", "EGFR", "L858R", "detected"),
    ("EGFR c.2369C>T（第20外显子）", "EGFR", "T790M", "detected"),
    ("KRAS c.34G>T", "KRAS", "G12C", "detected"),
    ("BRAF c.1799T>A", "BRAF", "V600E", "detected"),
    ("EGFR p.E746_A750del", "EGFR", "E746_A750del", "detected"),
    ("EGFR p.Glu746_Ala750del", "EGFR", "E746_A750del", "detected"),
    ("EGFR p.Ala767_Val769dup", "EGFR", "A767_V769dup", "detected"),
    ("EGFR p.H773_V774insNPH", "EGFR", "H773_V774insNPH", "detected"),
    ("EGFR p.His773_Val774insAsnProHis", "EGFR", "H773_V774insNPH", "detected"),
    ("EGFR p.L747_P753delinsS", "EGFR", "L747_P753delinsS", "detected"),
    ("TP53 p.Arg97ProfsTer23", "TP53", "R97Pfs*23", "detected"),
    ("BRCA1 p.W24*", "BRCA1", "W24*", "detected"),
    ("BRCA1 p.Trp24Ter", "BRCA1", "W24*", "detected"),
    ("BRCA1 W24X", "BRCA1", "W24*", "detected"),
    ("APC p.Glu1309stop", "APC", "E1309*", "detected"),
    ("APC p.E1309stop", "APC", "E1309*", "detected"),
    ("EGFR 19号外显子缺失", "EGFR", "exon19del", "detected"),
    ("EGFR 第19外显子缺失突变", "EGFR", "exon19del", "detected"),
    ("EGFR exon 19 deletion", "EGFR", "exon19del", "detected"),
    ("EGFR 19del", "EGFR", "exon19del", "detected"),
    ("EGFR ex19del", "EGFR", "exon19del", "detected"),
    ("EGFR E19del", "EGFR", "exon19del", "detected"),
    ("EGFR exon 20 insertion", "EGFR", "exon20ins", "detected"),
    ("EGFR 20号外显子插入", "EGFR", "exon20ins", "detected"),
    ("MET 14号外显子跳跃突变", "MET", "exon14skipping", "detected"),
    ("MET exon 14 skipping", "MET", "exon14skipping", "detected"),
    ("MET c.3028+1G>T", "MET", "exon14skipping", "detected"),
    ("METex14 skipping", "MET", "exon14skipping", "detected"),
    ("HER2 p.A775_G776insYVMA", "ERBB2", "A775_G776insYVMA", "detected"),
    ("EGFR 基因突变 阳性", "EGFR", "mutation", "detected"),
    # not detected
    ("EGFR T790M 未检出", "EGFR", "T790M", "not_detected"),
    ("未检测到 EGFR L858R 突变", "EGFR", "L858R", "not_detected"),
    ("KRAS 野生型", "KRAS", "mutation", "not_detected"),
    ("KRAS wild-type", "KRAS", "mutation", "not_detected"),
    ("BRAF V600E negative", "BRAF", "V600E", "not_detected"),
    ("BRAF V600E not detected", "BRAF", "V600E", "not_detected"),
    ("EGFR | L858R | 外显子21 | - | 阴性", "EGFR", "L858R", "not_detected"),
    # VUS
    ("ATM p.Ser707Pro 意义未明", "ATM", "S707P", "vus"),
    ("KEAP1 p.G333C variant of uncertain significance", "KEAP1", "G333C", "vus"),
    ("BRCA2 p.Asp2723His VUS", "BRCA2", "D2723H", "vus"),
    # indeterminate
    ("EGFR L858R 检测失败", "EGFR", "L858R", "indeterminate"),
    ("EGFR T790M: insufficient sample", "EGFR", "T790M", "indeterminate"),
]


@pytest.mark.parametrize("text, gene, alteration, status", CASES)
def test_variants_notation_reads_canonical(variant_extractor, text: str, gene: str, alteration: str, status: str) -> None:
    found = {(v.gene, v.alteration): v.status for v in variant_extractor.extract_text(text, kind="genetic_report").variants}
    assert found.get((gene, alteration)) == status, found


@pytest.mark.parametrize(
    "text, field, value",
    [
        ("EGFR c.2573T>G p.L858R（第21外显子） 23.5%", "vaf", 0.235),
        ("EGFR L858R VAF: 0.12", "vaf", 0.12),
        ("EGFR c.2573T>G p.L858R（第21外显子） 23.5%", "exon", 21),
        ("EGFR c.2573T>G p.L858R", "hgvs_c", "c.2573T>G"),
        ("EGFR p.L858R", "hgvs_p", "p.Leu858Arg"),
        ("KRAS p.G12C exon 2 Tier I", "tier", "I"),
        ("TP53 p.R175H Ⅲ类变异", "tier", "III"),
        # OCR wrote the tier 'II' as 'ⅡI': the last letter alone is no reading of it (it was tier I)
        ("EGFR p.L858R ⅡI类变异", "tier", None),
        ("BRCA2 c.5946delT germline", "origin", "germline"),
        ("BRCA2 p.S1982fs 胚系", "origin", "germline"),
    ],
)
def test_variants_attribute_read(variant_extractor, text: str, field: str, value: object) -> None:
    variants = variant_extractor.extract_text(text, kind="genetic_report").variants
    assert variants and getattr(variants[0], field) == value


@pytest.mark.parametrize(
    "text",
    [
        "EGFR基因突变检测（ARMS-PCR）",   # a test name, not a finding
        "EGFR mutation detection kit (PCR)",  # a kit title: it was read as 'EGFR mutation detected'
        "KRAS mutation assay",
        "BRAF mutation panel (NGS)",
        "EGFR基因突变试剂盒",
        "p.L858R",                          # no gene anywhere
        "pT2aN1M0 stage IIB",               # TNM is not a protein change
        "ER 90% PR 60%",                    # biomarkers, not genes
        "PD-L1 TPS 60%",
        "ICD C34.1",
    ],
)
def test_variants_nothing_read(variant_extractor, text: str) -> None:
    assert variant_extractor.extract_text(text, kind="genetic_report").variants == []


SINGLE_GENE_KIT = """EGFR基因突变检测报告
检测结果
检测项目\t结果
19号外显子缺失突变（19-Del，19种）\t未检出
21号外显子L858R点突变\t检测到突变
18号外显子G719X点突变（3种）\t未检出
"""


def test_variants_single_gene_kit_rows(variant_extractor) -> None:
    """An ARMS kit report names its gene once; its rows name only the change."""
    found = {v.alteration: (v.gene, v.status, v.exon) for v in variant_extractor.extract_text(SINGLE_GENE_KIT).variants}
    assert found == {"exon19del": ("EGFR", "not_detected", 19), "L858R": ("EGFR", "detected", 21),
                     "G719X": ("EGFR", "not_detected", 18)}


@pytest.mark.parametrize(
    "text, vaf",
    [
        ("ALK\tFusion\tEML4-ALK fusion\t46.00%", 0.46),      # fusion row
        ("TP53\t错义突变\tc.743G>A p.R248Q\t0.242", 0.242),   # unlabelled fraction column
        ("ALK - EML4-ALK融合 0.528", 0.528),                 # '-' is an empty cell, not a fusion
        # a FISH count of cells is a share of nuclei, not of alleles: it was shown as the fusion's VAF
        ("ALK基因重排（FISH：阳性，分离信号比例 35%）", None),
        ("ROS1基因重排 FISH 阳性，阳性细胞比例：20%", None),
        ("ALK rearrangement positive by FISH (split signals in 35% of tumor cells)", None),
        ("EML4-ALK 融合 丰度 35%", 0.35),
    ],
)
def test_variants_row_vaf(variant_extractor, text: str, vaf: float) -> None:
    variants = variant_extractor.extract_text(text, kind="genetic_report").variants
    assert [v.vaf for v in variants] == [vaf]


def test_variants_gene_not_split_into_change(variant_extractor) -> None:
    # "ARID1A" must not read as gene "ARI" with change "D1A"
    variants = variant_extractor.extract_text("ARID1A\tc.1528C>G\tp.N510D\t0.230", kind="genetic_report").variants
    assert [(v.gene, v.alteration) for v in variants] == [("ARID1A", "N510D")]
