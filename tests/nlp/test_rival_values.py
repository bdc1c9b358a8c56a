"""A biomarker the report gives two values for, both as trusted, keeps the first and names the other in
``rival_values`` (and a warning), so the decision layer can weigh both (issue 4)."""

from __future__ import annotations

from review_engine.nlp.pipeline import Extractor


def test_a_second_her2_score_is_kept_as_a_rival(production_extractor: Extractor) -> None:
    found = production_extractor.extract_text("病理诊断报告\n免疫组化（A1）：HER2(3+)\n免疫组化（A2）：HER2(1+)\n")
    kept = found.biomarkers.her2.ihc
    assert kept in ("3+", "1+")
    assert found.rival_values == {"biomarkers.her2.ihc": [{"3+": "1+", "1+": "3+"}[kept]]}
    assert any("conflicting values for biomarkers.her2.ihc" in w for w in found.warnings)


def test_the_same_value_twice_and_other_fields_have_no_rivals(production_extractor: Extractor) -> None:
    found = production_extractor.extract_text("病理诊断报告\n免疫组化：HER2(3+)\n免疫组化（复核）：HER2(3+)\n")
    assert found.rival_values == {}
