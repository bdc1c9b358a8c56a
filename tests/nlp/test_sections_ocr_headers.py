"""Headers as OCR reads them, and gene lists a not-detected header does not govern (issue 4).

The scanned 56-gene report of the calibration corpus: 'Negative Results: ... (None detected)' was
an inline header whose section ran on over the VUS header OCR read as 'Ivus' and the unrecognised
'Genes Assayed' list, turning 56 covered genes into not-detected findings and leaving genes_tested empty.
"""

from __future__ import annotations

import pytest

from review_engine.nlp.sections import detect_sections

COVERAGE = "EGFR ALK ROS1 KRAS NRAS BRAF MET RET ERBB2 NTRK1 NTRK2 NTRK3 PIK3CA TP53 BRCA1 BRCA2 PTEN AKT1"
SCANNED_REPORT = (
    "Results\n"
    "Gene\tcDNA Change\tProtein Change\tExon\tAllele Frequency\n"
    "TP53\tc.743G>A\tp.Arg248Gln\t7\t0.309\n"
    "Negative Results: ALK, ROS1, KRAS, BRAF, MET, RET, ERBB2 (None detected)\n"
    "Ivus\n"
    "None reported.\n"
    "I Germline Findings\n"
    "No pathogenic or likely pathogenic germline variants were identified in the genes analysed.\n"
    "Genomic Signatures\n"
    "Biomarker\tResult\n"
    "TMB\t4.8 mut/Mb\n"
    "{header}\n"
    f"{COVERAGE}\n"
    "CDKN2A FGFR1 FGFR2 FGFR3 IDH1 IDH2 KIT PDGFRA MAP2K1 NF1\n"
    "Methods and Limitations\n"
    "Hybrid-capture based next-generation sequencing of tumor DNA was performed.\n"
)
NEGATIVE = {"ALK", "ROS1", "KRAS", "BRAF", "MET", "RET", "ERBB2"}


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "header, category",
    [
        ("Ivus", "vus"), ("I Germline Findings", "germline"), ("|Results", "results"), ("l Methods", "methods"),
        ("Genes  Tested", "genes_covered"), ("GENES ASSAYED", "genes_covered"), ("Genes Assayed", "genes_covered"),
        ("检 测 基 因 列 表", "genes_covered"), ("ＲＥＳＵＬＴＳ：", "results"), ("丨检测结果", "results"),
        ("Immunohistochemistry", "ihc"), ("Interpretation", "interpretation"),
    ],
)
def test_sections_ocr_header_variants(header: str, category: str) -> None:
    assert [s.category for s in detect_sections(f"{header}\nbody line\n")] == [category]


@pytest.mark.issue(4)
def test_sections_inline_negative_list_stops_at_next_line_that_is_not_a_list() -> None:
    text = "Negative Results: ALK, ROS1 (None detected)\nNone reported.\nEGFR ALK ROS1 KRAS\n"
    section = detect_sections(text)[0]
    assert section.category == "not_detected" and section.end == text.index("None reported")


@pytest.mark.issue(4)
def test_sections_inline_negative_list_runs_on_over_a_wrapped_list() -> None:
    text = "未检出变异基因：EGFR、ALK、\nROS1、KRAS\n检测方法\n"
    assert detect_sections(text)[0].end == text.index("检测方法")


@pytest.mark.issue(4)
@pytest.mark.parametrize("header", ["Genes Assayed", "Panel Coverage"])  # a known header, and one no vocabulary has
def test_sections_coverage_list_is_never_not_detected(variant_extractor, header: str) -> None:
    findings = variant_extractor.extract_text(SCANNED_REPORT.format(header=header), kind="genetic_report")
    not_detected = {v.gene for v in findings.variants if v.status == "not_detected"}
    assert not_detected == NEGATIVE
    assert [v.gene for v in findings.variants if v.status == "detected"] == ["TP53"]
    if header == "Genes Assayed":
        assert set(COVERAGE.split()) <= set(findings.genes_tested)


@pytest.mark.issue(4)
def test_sections_bare_list_after_a_table_is_not_governed(variant_extractor) -> None:
    # A not-detected header reaches its own table, but not a bare symbol run after the table.
    text = ("Genes with no alterations detected\nGene\tExons tested\nKRAS\t2,3,4\n"
            "Sequencing covered the genes below.\nEGFR ALK ROS1 BRAF\n")
    findings = variant_extractor.extract_text(text, kind="genetic_report")
    assert {v.gene for v in findings.variants if v.status == "not_detected"} == {"KRAS"}


@pytest.mark.issue(4)
def test_sections_governed_bare_list_is_not_detected(variant_extractor) -> None:
    text = "未检测到突变的基因\nEGFR ALK ROS1\nKRAS NRAS BRAF\n检测方法\nNGS\n"
    findings = variant_extractor.extract_text(text, kind="genetic_report")
    assert {v.gene for v in findings.variants if v.status == "not_detected"} == {"EGFR", "ALK", "ROS1", "KRAS", "NRAS", "BRAF"}


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "header",
    ["意义未明变异（VUS）", "胚系变异检测结果", "Variants of uncertain significance (VUS)"],
)
def test_sections_gloss_or_suffix_is_not_inline_content(header: str) -> None:
    # Only 'header: content' on one line is an inline list; a gloss or a suffix keeps the table below.
    text = f"{header}\n基因\t核苷酸变化\t丰度\nCHEK2\tc.2579T>A\t0.465\n"
    assert detect_sections(text)[0].end == len(text)
