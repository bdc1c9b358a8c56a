"""A change a report files under Tier III (AMP/ASCO/CAP: unknown clinical significance; '（III类）' in Chinese
reports) is a VUS, not a detected actionable change: 'Tier III: ERBB2 V842I' was read as detected, and a drug
needing an ERBB2 mutation could be approved on it. Tier I and II stay detected (issue 4)."""

from __future__ import annotations

import pytest
from status_reading import statuses

from review_engine.nlp.pipeline import Extractor


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "expected"), [
    ("ERBB2 V842I (Tier III)", {"V842I": "vus"}),
    ("Tier III: ERBB2 V842I", {"V842I": "vus"}),
    ("ERBB2 V842I（III类）", {"V842I": "vus"}),
    ("ERBB2 V842I\tTier III", {"V842I": "vus"}),
    ("EGFR L858R  Tier I  VAF 12%\nERBB2 V842I  Tier III  VAF 8%", {"L858R": "detected", "V842I": "vus"}),
    # Tier II is one letter from Tier III: no garbled form of it
    ("EGFR L858R  Tier II  VAF 12%\nERBB2 V842I  Tier III  VAF 8%", {"L858R": "detected", "V842I": "vus"}),
    ("EGFR L858R (Tier IA); TP53 R273H (Tier III)", {"L858R": "detected", "R273H": "vus"}),
    ("EGFR L858R  I类  12%\nERBB2 V842I  III类  8%\nKRAS G12C  II类  5%",
     {"L858R": "detected", "V842I": "vus", "G12C": "detected"}),
])
def test_tier_three_is_uncertain_significance(variant_extractor: Extractor, text: str, expected: dict[str, str]) -> None:
    assert statuses(variant_extractor, text) == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "expected"), [
    # a bare tier under the table's tier column: 'III' was read as detected by default
    ("Gene  Variant  VAF  Tier\nERBB2  p.V842I  12%  III\nEGFR  p.L858R  20%  IA",
     {"V842I": "vus", "L858R": "detected"}),
    ("基因\t变异\t丰度\t变异分级\nERBB2\tp.V842I\t12%\tⅢ\nEGFR\tp.L858R\t20%\tI", {"V842I": "vus", "L858R": "detected"}),
    ("Gene  Variant  VAF  Tier  Result\nERBB2  p.V842I  12%  III  Detected", {"V842I": "vus"}),
    # a Tier IV change is benign or likely benign: no finding
    ("Gene  Variant  VAF  Tier\nBRCA2  p.K3326*  48%  IV\nEGFR  p.L858R  20%  I", {"L858R": "detected"}),
    # an evidence level is no tier: level 3 is no VUS
    ("Gene  Variant  VAF  Level\nERBB2  p.V842I  12%  3", {"V842I": "detected"}),
    # the row lost a cell: the last column is still the tier
    ("Gene  Variant  VAF  Tier\nERBB2  p.V842I  III", {"V842I": "vus"}),
    ("Gene  Variant  Tier  VAF\nERBB2  p.V842I  12%", {"V842I": "detected"}),
    # a negative stays negative
    ("Gene  Variant  Result  Tier\nERBB2  p.V842I  Not detected  III", {"V842I": "not_detected"}),
])
def test_a_tier_column_names_the_category(variant_extractor: Extractor, text: str, expected: dict[str, str]) -> None:
    assert statuses(variant_extractor, text) == expected
