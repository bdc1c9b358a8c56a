"""English NGS summaries that rule out a list of genes ('No clinically significant alterations were identified in
EGFR, ALK, ROS1, BRAF, KRAS.', 'No pathogenic variants were detected in BRCA1 or BRCA2.') were read as nothing:
a claim needing the negative went to a person (issue 4)."""

from __future__ import annotations

import pytest

from review_engine.nlp.pipeline import Extractor


def _read(extractor: Extractor, text: str) -> set[tuple[str, str, str]]:
    return {(v.gene, v.alteration, v.status) for v in extractor.extract_text(text, kind="genetic_report").variants}


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        ("No clinically significant alterations were identified in EGFR, ALK, ROS1, BRAF, KRAS.",
         {(g, "mutation", "not_detected") for g in ("EGFR", "ALK", "ROS1", "BRAF", "KRAS")}),
        ("No pathogenic variants were detected in BRCA1 or BRCA2.",
         {("BRCA1", "mutation", "not_detected"), ("BRCA2", "mutation", "not_detected")}),
        # the negative ends at 'but' and at a sentence's end
        ("No clinically significant alterations were identified in EGFR, but KRAS G12C was detected.",
         {("EGFR", "mutation", "not_detected"), ("KRAS", "G12C", "detected")}),
        ("No actionable mutations in EGFR; KRAS G12C detected.",
         {("EGFR", "mutation", "not_detected"), ("KRAS", "G12C", "detected")}),
    ],
)
def test_english_summary_negatives(variant_extractor: Extractor, text: str, expected: set) -> None:
    assert _read(variant_extractor, text) == expected
