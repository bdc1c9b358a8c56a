"""The new residue OCR read as a digit ('S7681' for S768I) is repaired only for a curated hotspot (issue 4)."""

from __future__ import annotations

import pytest


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        ("EGFR\tExon 20 S7681\tNegative", [("EGFR", "S768I", "not_detected")]),
        ("EGFR S768l 阳性", [("EGFR", "S768I", "detected")]),
        ("KRAS A1461 detected", []),  # A146I is no hotspot: the digit run stays a number
        ("EGFR 20 2021 detected", []),
    ],
)
def test_variants_ocr_alt_residue_hotspot_only(variant_extractor, text: str, expected: list) -> None:
    findings = variant_extractor.extract_text(text, kind="genetic_report")
    found = [(v.gene, v.alteration, v.status) for v in findings.variants if v.alteration != "mutation"]
    assert found == expected
    assert all("OCR" in v.evidence.repairs[0] for v in findings.variants if v.alteration == "S768I")
