"""Fusions in every notation (gene = driver kinase, partner set) and copy-number changes."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text, gene, partner",
    [
        ("EML4-ALK 融合 阳性", "ALK", "EML4"),
        ("EML4::ALK fusion detected", "ALK", "EML4"),
        ("EML4(exon13)-ALK(exon20)", "ALK", "EML4"),
        ("EML4 (exon 13) - ALK (exon 20) fusion", "ALK", "EML4"),
        ("检测到ALK融合", "ALK", None),
        ("ALK rearrangement", "ALK", None),
        ("ALK重排", "ALK", None),
        ("KIF5B-RET", "RET", "KIF5B"),
        ("CD74-ROS1 融合", "ROS1", "CD74"),
        ("ETV6-NTRK3 fusion", "NTRK3", "ETV6"),
        ("FGFR3-TACC3 fusion", "FGFR3", "TACC3"),
    ],
)
def test_fusions_notation(variant_extractor, text: str, gene: str, partner: str | None) -> None:
    fusions = [v for v in variant_extractor.extract_text(text, kind="genetic_report").variants if v.alteration == "fusion"]
    assert [(v.gene, v.partner, v.status) for v in fusions] == [(gene, partner, "detected")]


@pytest.mark.parametrize("text", ["HER-2 (3+)", "PD-L1 22C3", "ALK融合检测（FISH）"])
def test_fusions_not_read(variant_extractor, text: str) -> None:
    assert not [v for v in variant_extractor.extract_text(text, kind="genetic_report").variants if v.alteration == "fusion"]


def test_fusions_negated(variant_extractor) -> None:
    variants = variant_extractor.extract_text("ALK 融合 未检出", kind="genetic_report").variants
    assert [(v.gene, v.alteration, v.status) for v in variants] == [("ALK", "fusion", "not_detected")]


@pytest.mark.parametrize(
    "text, gene, alteration, copy_number",
    [
        ("MET 扩增", "MET", "amplification", None),
        ("HER2 基因扩增", "ERBB2", "amplification", None),
        ("ERBB2 amplification, copy number 12", "ERBB2", "amplification", 12.0),
        ("MET copy number 8.2", "MET", "amplification", 8.2),
        ("MET CN: 7.5", "MET", "amplification", 7.5),
        ("CDKN2A 纯合缺失", "CDKN2A", "deletion", None),
        ("CDKN2A homozygous deletion", "CDKN2A", "deletion", None),
    ],
)
def test_copy_number_read(variant_extractor, text: str, gene: str, alteration: str, copy_number: float | None) -> None:
    variants = variant_extractor.extract_text(text, kind="genetic_report").variants
    assert [(v.gene, v.alteration, v.copy_number) for v in variants] == [(gene, alteration, copy_number)]


def test_copy_number_low_value_is_not_amplification(variant_extractor) -> None:
    assert variant_extractor.extract_text("MET copy number 2.1", kind="genetic_report").variants == []
