"""End to end on a claim: an EGFR TKI whose report row ends in marks no table places never approves on the
default 'detected' (issue 4): '(-)' is a negative result, a dash after the measures goes to a person."""

from __future__ import annotations

import pytest

REPORT = "EGFR基因突变检测报告\n姓名：张伟 住院号：ZY20261234\n检测结果\n{row}\n"


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, decision, reading",
    [
        ("EGFR 21号外显子 p.L858R 23.5% 阳性", "approve", "检出EGFR L858R"),
        # a dash after the VAF and depth: a negative result or empty cells; it approved
        ("EGFR 21号外显子 p.L858R <0.1% 2000x - -", "route_mdt", "结果不确定"),
        # a bracketed minus is a negative result; it approved. L858R alone leaves exons 18 to 20 and the exon 19
        # deletions untested, so a person looks (the drug lacked its biomarker: a flag, before EGFR coverage)
        ("EGFR 21号外显子 p.L858R (-)", "route_mdt", "仅报告EGFR L858R未检出"),
        # '突变' names the change before its mark; read as detected, it approved
        ("EGFR 21号外显子 L858R突变（-）", "route_mdt", "仅报告EGFR L858R未检出"),
    ],
)
def test_engine_marks_no_table_places_never_approve(review_lung_report, row: str, decision: str, reading: str) -> None:
    item = review_lung_report(REPORT.format(row=row), "gefitinib", 1, "C-MARKS")
    assert item.decision == decision, item.reasons
    assert any(reading in reason.message for reason in item.reasons), item.reasons


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "rows",
    [
        # dashes before the change on a row with no status, another row of the table holding one: it approved
        "KRAS 检出 1,523 p.Gly12Cys c.34G>T\nEGFR - - 1523 p.Leu858Arg c.2573T>G",
        # a Tier III cell after the status cell, both among the cells the change is read from: it approved
        "EGFR c.2573T>G Detected Tier III p.Leu858Arg",
        # 'N/A  Wild type' read as one garbled word that reached only the gene: it approved
        "KRAS  23.5%  阳性  p.G12C\nEGFR  N/A  Wild type  p.L858R",
        # a status opening the row, cells between outrunning its scope: it approved
        "NM_005228.5 No mutation Exon 21 c.2573T>G - EGFR p.Leu858Arg\nNM_004985.5 Mutant Exon 2 c.34G>T KRAS p.G12C",
    ],
)
def test_engine_status_cells_among_a_rows_cells_never_approve(review_lung_report, rows: str) -> None:
    item = review_lung_report(REPORT.format(row=rows), "gefitinib", 1, "C-CELLS")
    assert item.decision == "route_mdt", item.reasons
