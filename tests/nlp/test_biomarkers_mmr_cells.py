"""MMR from per-protein IHC cells: an empty or dash cell is not a loss (issue 4: 'MLH1 - Retained' read as dMMR)."""

from __future__ import annotations

import pytest

from review_engine.nlp.recognizers import biomarkers


def _mmr(text: str) -> str | None:
    values = [m.value for m in biomarkers.find(text) if m.field == "biomarkers.mmr"]
    return values[0] if values else None


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        # A dash is the separator of a "protein - result" row, not the result.
        ("MLH1 - Retained\nMSH2 - Retained\nMSH6 - Retained\nPMS2 - Retained\n", "pMMR"),
        ("MLH1 — intact\nMSH2 — intact\nMSH6 — intact\nPMS2 — intact\n", "pMMR"),
        # An empty or dash cell leaves that protein unread: not all four retained, no loss -> null.
        ("MLH1\tRetained\nMSH2\tRetained\nMSH6\tRetained\nPMS2\t-\n", None),
        ("MLH1\tRetained\nMSH2\tRetained\nMSH6\tRetained\nPMS2\t\nKi-67\tnegative\n", None),
        ("MLH1 retained MSH2 retained MSH6 retained PMS2 -", None),
        # Explicit loss wording, or the bracketed IHC notation, is loss.
        ("MLH1\tRetained\nMSH2\tRetained\nMSH6\tRetained\nPMS2\tLoss\n", "dMMR"),
        ("MLH1 - Retained\nMSH2 - Retained\nMSH6 - Retained\nPMS2 - Absent\n", "dMMR"),
        ("MLH1(+) MSH2(+) MSH6(+) PMS2(-)", "dMMR"),
        ("MLH1 (+) MSH2 (+) MSH6 (+) PMS2 (-)", "dMMR"),
        ("MLH1：阳性 MSH2：阳性 MSH6：阳性 PMS2：阴性", "dMMR"),
        ("MLH1 表达缺失", "dMMR"),
        ("MLH1: negative; MSH2: intact", "dMMR"),
    ],
)
def test_mmr_cells_dash_or_empty_is_not_loss(text: str, expected: str | None) -> None:
    assert _mmr(text) == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        ("HER2\t4B5\t1+", "1+"),  # the clone alone in its column (IHC table), then the score
        ("HER2\t4B5\t2+ (Equivocal)", "2+"),
        ("HER2\tSP3\t0", "0"),
        ("HER2\t4B5\tScore 0", "0"),
        ("HER2\t4B5\tScore: 1+", "1+"),
        ("HER2\t4B5\t(3+)", "3+"),
        ("HER2   4B5   不确定（2+）", "2+"),
        ("HER2(3+)", "3+"),
    ],
)
def test_her2_ihc_table_row_with_clone(text: str, expected: str) -> None:
    assert [m.value for m in biomarkers.find(text) if m.field == "biomarkers.her2.ihc"] == [expected]
