"""ConText on result-table rows: a status cell answers for its row, whatever lies between (issue 4 sweep)."""

from __future__ import annotations

import pytest

from review_engine.nlp.context import context_engine


def _statuses(extractor, text: str) -> dict[str, str]:
    return {
        v.alteration: v.status for v in extractor.extract_text(text, kind="genetic_report").variants
    }


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, alteration",
    [
        # not detected: the status cell lies beyond its literal's running-text scope ('WT' reaches 10 characters)
        ("EGFR  Exon 21  c.2573T>G  p.L858R  2000x  -  WT", "L858R"),
        ("EGFR\tExon 21\tc.2573T>G\tp.Leu858Arg\t2000x\tTier I\t45%\tWT", "L858R"),
        # a cell between holds a terminator of the literal in running text (',' ends 'wild type')
        (
            "KRAS\tp.Gly12Cys\tNM_004985.5\t2000x\t-\tN/A\tsignificance unknown, see note\tWild type",
            "G12C",
        ),
        # '|' separates cells as a tab does ('no mutation' reads forward only in running text)
        ("EGFR | p.Leu858Arg | 2000x | WT", "L858R"),
        ("NRAS | Exon 3 | p.Gln61Lys | 2000x | No mutation", "Q61K"),
    ],
)
def test_status_cell_answers_for_its_row_beyond_running_text_scope(
    variant_extractor, row: str, alteration: str
) -> None:
    assert _statuses(variant_extractor, f"Results\n{row}\n")[alteration] == "not_detected"


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, expected",
    [
        # detected: the nearer cell of the same gene's two changes still wins
        (
            "EGFR\tL858R\tDetected\tT790M\tNot detected",
            {"L858R": "detected", "T790M": "not_detected"},
        ),
        # another gene's change between a cell and a change stops the cell (no crossing)
        (
            "EGFR\tL858R\tDetected\tKRAS\tG12C\tNot detected",
            {"L858R": "detected", "G12C": "not_detected"},
        ),
    ],
)
def test_status_cell_stays_with_its_own_change(
    variant_extractor, row: str, expected: dict[str, str]
) -> None:
    assert _statuses(variant_extractor, f"Results\n{row}\n") == expected


def test_pipe_separates_table_cells() -> None:
    text = "| KRAS | p.G12C | Negative |"
    cells = [text[a:b] for a, b in context_engine()._cell_spans(text, 0, len(text))]
    assert cells == ["KRAS", "p.G12C", "Negative", ""]
