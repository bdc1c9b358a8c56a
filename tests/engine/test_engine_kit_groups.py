"""End to end on a claim: a kit row that answers for several KRAS hotspots with one positive result never
approves a G12C-specific drug; the claim routes to a person (issue 4)."""

from __future__ import annotations

import pytest

from review_engine.engine import get_engine

KIT = "KRAS基因突变检测报告\n姓名：张伟 住院号：ZY20261234\n检测结果\n基因\t突变位点\t检测结果\n{row}\n"


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, decision",
    [
        # the kit names G12C alone: approved
        ("KRAS\tG12C\t阳性", "approve"),
        # one positive result for the group: which change is present is unknown, a person must look
        ("KRAS\tG12C/G12D/G12V\t阳性", "route_mdt"),
        # the group negative: no G12C
        ("KRAS\tG12C/G12D/G12V\t阴性", "flag"),
    ],
)
def test_engine_positive_kit_group_routes_a_g12c_drug(
    tmp_path, lung_drug_claim, row: str, decision: str
) -> None:
    (tmp_path / "d1.txt").write_text(KIT.format(row=row), encoding="utf-8")
    result = get_engine().review(
        lung_drug_claim("d1.txt", "sotorasib", 2, "C-KIT"), base_dir=tmp_path
    )
    assert result.items[0].decision == decision, result.items[0].reasons
