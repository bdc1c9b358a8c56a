"""Section detection and its consequence: a gene only in a genes-covered list is not a finding."""

from __future__ import annotations

import pytest

from review_engine.nlp.sections import SectionIndex, detect_sections


@pytest.mark.parametrize(
    "header, category",
    [
        ("一、检测结果", "results"), ("检测结果（Results）", "results"), ("Results", "results"), ("RESULTS:", "results"),
        ("二、未检测到突变的基因", "not_detected"), ("Genes with no alterations detected", "not_detected"),
        ("意义未明的变异", "vus"), ("Variants of uncertain significance", "vus"), ("胚系变异", "germline"),
        ("Germline findings", "germline"), ("检测基因列表", "genes_covered"), ("Genes tested", "genes_covered"),
        ("检测方法", "methods"), ("病理诊断：腺癌", "diagnosis"), ("免疫组化", "ihc"), ("结果解读", "interpretation"),
        ("声明", "disclaimer"), ("患者信息", "patient_info"),
    ],
)
def test_sections_header_category(header: str, category: str) -> None:
    text = f"{header}\nbody line\n"
    sections = detect_sections(text)
    assert [s.category for s in sections] == [category]
    assert SectionIndex(sections).category_at(text.index("body")) == category


@pytest.mark.parametrize("line", ["结果显示EGFR突变阳性，建议靶向治疗", "The results of this test were reviewed by a pathologist"])
def test_sections_sentence_is_not_header(line: str) -> None:
    assert detect_sections(line + "\n") == []


def test_sections_list_section_ends_after_max_lines() -> None:
    text = "检测基因\n" + "EGFR ALK\n" * 30
    section = detect_sections(text)[0]
    assert section.end < len(text)


def test_sections_genes_covered_list_is_not_a_finding(variant_extractor) -> None:
    text = "检测基因：EGFR, ALK, ROS1, KRAS\n检测结果\nKRAS G12C 阳性\n"
    findings = variant_extractor.extract_text(text, kind="genetic_report")
    assert [(v.gene, v.alteration) for v in findings.variants] == [("KRAS", "G12C")]
    assert findings.genes_tested == ["EGFR", "ALK", "ROS1", "KRAS"]


def test_sections_methods_mentions_are_coverage(variant_extractor) -> None:
    text = "检测方法\nARMS-PCR 检测 EGFR 19del、L858R、T790M\n检测结果\n未检测到突变\n"
    findings = variant_extractor.extract_text(text, kind="genetic_report")
    assert findings.variants == [] and findings.genes_tested == ["EGFR"]


def test_sections_inline_field_ends_with_its_line() -> None:
    text = "检测方法：PCR 检测项目：EGFR\n19号外显子缺失 检出\n"
    section = detect_sections(text)[0]
    assert section.category == "methods" and section.end == text.index("19号")


def test_sections_inline_list_runs_on() -> None:
    text = "检测基因：EGFR ALK\nROS1 KRAS\n"
    assert detect_sections(text)[0].end == len(text)
