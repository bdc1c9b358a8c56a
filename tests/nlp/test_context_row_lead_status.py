"""Single-spaced rows (issue 4): a status cell between the gene and the change answers for the change as a
cell does ('NRAS 阴性 - p.Gln61Lys' was read as detected)."""

from __future__ import annotations

import pytest


def _statuses(extractor, text: str) -> dict[str, str]:
    return {v.alteration: v.status for v in extractor.extract_text(text, kind="genetic_report").variants}


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "rows, expected",
    [
        # not detected: a status literal that reads backward only, before the change
        ("NRAS 阴性 - p.Gln61Lys\n", {"Q61K": "not_detected"}),
        ("NRAS 阴性 p.Gln61Lys\n", {"Q61K": "not_detected"}),
        ("NRAS Negative p.Q61K\n", {"Q61K": "not_detected"}),
        ("EGFR 未检出 Exon 20 p.T790M\n", {"T790M": "not_detected"}),
        ("NRAS 阴性 - p.Gln61Lys\nEGFR 阳性 - p.Leu858Arg\n", {"Q61K": "not_detected", "L858R": "detected"}),
        # another change between the literal and the gene: the literal is that change's
        ("EGFR L858R 阳性 T790M 阴性\n", {"L858R": "detected", "T790M": "not_detected"}),
        # cells as before
        ("NRAS  阴性  -  p.Gln61Lys\n", {"Q61K": "not_detected"}),
    ],
)
def test_status_between_gene_and_change_answers_for_the_change(variant_extractor, rows: str, expected) -> None:
    assert _statuses(variant_extractor, f"Results\n{rows}") == expected

