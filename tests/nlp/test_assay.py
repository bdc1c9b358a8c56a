"""Changes a report read by immunostain carry method 'IHC' (assay.py, assay.yaml): a mutation-specific antibody
reads a protein, not the gene. 'BRAF V600E(VE1)(+)' among a pathology report's stains approved dabrafenib for
lung cancer, where GUIDELINE_FACTS accepts BRAF V600E by IHC only in anaplastic thyroid cancer (issue 4)."""

from __future__ import annotations

import pytest

from review_engine.nlp.pipeline import Extractor


def _methods(extractor: Extractor, text: str) -> dict[str, str | None]:
    return {f"{v.gene} {v.alteration}": v.method for v in extractor.extract_text(text).variants}


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the section of stains, an antibody clone, the stain named on the line, the words of a stained protein
        ("病理诊断报告\n免疫组化结果：TTF-1(+)，NapsinA(+)，BRAF V600E(VE1)(+)，ALK(D5F3)(-)",
         {"BRAF V600E": "IHC", "ALK fusion": "IHC"}),
        ("Immunohistochemistry: BRAF V600E (VE1): positive", {"BRAF V600E": "IHC"}),
        ("EGFR L858R (clone 43B2): positive", {"EGFR L858R": "IHC"}),
        ("病理诊断报告\nBRAF V600E突变蛋白（+）", {"BRAF V600E": "IHC"}),
        ("病理诊断报告\n免疫组化：\nCK7(+)\nBRAF V600E(+)", {"BRAF V600E": "IHC"}),
        # a molecular method named after the stains: its changes are the gene's
        ("病理诊断报告\n免疫组化：CK7(+)；分子检测：EGFR L858R突变阳性", {"EGFR L858R": None}),
        ("病理诊断报告\n免疫组化：\nCK7(+)\nBRAF V600E(+)\n分子病理：\nEGFR L858R突变阳性",
         {"BRAF V600E": "IHC", "EGFR L858R": None}),
        # a genetic report's result names no stain
        ("基因检测报告\n检测结果：\nBRAF V600E 突变 阳性 丰度12%", {"BRAF V600E": None}),
        ("Genetic test report\nResults: EGFR L858R detected (VAF 12%)", {"EGFR L858R": None}),
    ],
)
def test_a_change_read_by_immunostain_carries_method_ihc(production_extractor: Extractor, text: str,
                                                         expected: dict[str, str | None]) -> None:
    assert _methods(production_extractor, text) == expected
