"""A change the report classifies as benign or likely benign ('BRCA2 p.K3326* 可能良性', 'BRCA2 p.N372H Benign') is
no finding: it was read as a detected BRCA2 mutation, on which an olaparib claim could be approved. It rules
nothing out either; the findings say why it was left out (issue 4)."""

from __future__ import annotations

import pytest

from review_engine.nlp.pipeline import Extractor


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, kept, left_out",
    [
        ("体细胞变异：BRCA2 p.K3326* 可能良性", set(), {"BRCA2 K3326*"}),
        ("BRCA2 p.N372H  Benign", set(), {"BRCA2 N372H"}),
        ("良性/可能良性变异：BRCA2 N372H", set(), {"BRCA2 N372H"}),
        ("BRCA2 p.K3326* Likely benign; BRCA1 p.E23fs Pathogenic", {("BRCA1", "E23fs", "detected")}, {"BRCA2 K3326*"}),
        ("EGFR L858R 阳性；TP53 P72R 良性", {("EGFR", "L858R", "detected")}, {"TP53 P72R"}),
        # pathogenic ones stay findings
        ("BRCA2 c.5946delT p.S1982Rfs*22 胚系 致病", {("BRCA2", "S1982Rfs*22", "detected")}, set()),
    ],
)
def test_a_benign_change_is_no_finding(production_extractor: Extractor, text: str, kept: set, left_out: set) -> None:
    findings = production_extractor.extract_text(text, kind="genetic_report")
    assert {(v.gene, v.alteration, v.status) for v in findings.variants} == kept
    for change in left_out:
        assert any(w.startswith(change) and "benign" in w for w in findings.warnings)


@pytest.mark.issue(4)
def test_benign_is_no_garbled_negative(variant_extractor: Extractor) -> None:
    # '良性' is one letter from '阴性': the status-slot reader must not read it as a negative
    findings = variant_extractor.extract_text("BRAF V600E 良性", kind="genetic_report")
    assert findings.variants == []
    assert not any("阴性" in w for w in findings.warnings)
