"""A report's list of pertinent negatives ('Pertinent negatives: KRAS G12C, BRAF V600E', '重要阴性结果') and its
genes with no reportable alterations are negatives, and a polymorphism is benign: each was read as detected (or as
the VUS section above it), and gefitinib approved on 'Pertinent negatives: EGFR L858R, ALK fusion' (issue 4)."""

from __future__ import annotations

import pytest
from status_reading import statuses


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Pertinent negatives: KRAS G12C, BRAF V600E, ALK fusion",
         {"G12C": "not_detected", "V600E": "not_detected", "fusion": "not_detected"}),
        ("Pertinent Negatives\nKRAS G12C\nBRAF V600E", {"G12C": "not_detected", "V600E": "not_detected"}),
        ("重要阴性结果：KRAS G12C、BRAF V600E", {"G12C": "not_detected", "V600E": "not_detected"}),
        ("Relevant negative results\nKRAS G12C", {"G12C": "not_detected"}),
        # the findings after the list are read as findings
        ("Pertinent negatives: KRAS G12C, BRAF V600E\nGenomic findings: EGFR L858R",
         {"G12C": "not_detected", "V600E": "not_detected", "L858R": "detected"}),
        ("Pertinent Negatives\nKRAS G12C\n\nGENOMIC FINDINGS\nEGFR L858R", {"G12C": "not_detected", "L858R": "detected"}),
        # genes with no reportable alterations after a VUS section are negatives, not VUS
        ("VARIANTS OF UNKNOWN SIGNIFICANCE\nERBB2 V842I\nGENES WITH NO REPORTABLE ALTERATIONS\nKRAS, NRAS",
         {"V842I": "vus", "mutation": "not_detected"}),
        # a polymorphism is benign: no finding
        ("KRAS G12C - germline polymorphism", {}),
        ("TP53 P72R：多态性位点", {}),
        ("EGFR L858R detected; TP53 P72R polymorphism", {"L858R": "detected"}),
    ],
)
def test_pertinent_negatives_and_polymorphisms(variant_extractor, text: str, expected: dict[str, str]) -> None:
    assert statuses(variant_extractor, text) == expected
