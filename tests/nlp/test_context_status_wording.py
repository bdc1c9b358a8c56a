"""Result wordings of Chinese and English kits (issue 4): 'V600E 未突变' (not mutated) was read as detected, and
so were an equivocal result and one below the assay's limit of detection."""

from __future__ import annotations

import pytest
from status_reading import statuses


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, expected",
    [
        ("BRAF V600E 未突变", {"V600E": "not_detected"}),
        ("EGFR L858R 突变，KRAS G12C 未突变", {"L858R": "detected", "G12C": "not_detected"}),
        ("EGFR L858R 低于检测下限", {"L858R": "not_detected"}),
        ("KRAS G12C below the limit of detection, NRAS Q61K detected", {"G12C": "not_detected", "Q61K": "detected"}),
        ("KRAS G12C: below the detection limit", {"G12C": "not_detected"}),
        # an equivocal result is no result: a person looks
        ("EGFR L858R 可疑阳性", {"L858R": "indeterminate"}),
        ("EGFR L858R 疑似阳性，建议复检", {"L858R": "indeterminate"}),
        ("EGFR L858R equivocal", {"L858R": "indeterminate"}),
        # a weak positive is a positive
        ("EGFR L858R 弱阳性", {"L858R": "detected"}),
    ],
)
def test_kit_result_wordings(variant_extractor, row: str, expected: dict[str, str]) -> None:
    assert statuses(variant_extractor, f"检测结果\n{row}\n") == expected


@pytest.mark.issue(4)
def test_not_mutated_covers_a_gene_list(variant_extractor) -> None:
    found = variant_extractor.extract_text("检测结果\nKRAS、NRAS、BRAF 未突变\n", kind="genetic_report").variants
    assert {(v.gene, v.status) for v in found} == {("KRAS", "not_detected"), ("NRAS", "not_detected"),
                                                   ("BRAF", "not_detected")}
