"""End to end on a claim: a kit row that answers for several KRAS hotspots with one positive result never
approves a G12C-specific drug; the claim routes to a person (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_engine.engine import get_engine

PATHOLOGY = "病理诊断报告\n姓名：张伟 住院号：ZY20261234\n病理诊断：（右肺上叶）浸润性腺癌\n"
KIT = "KRAS基因突变检测报告\n姓名：张伟 住院号：ZY20261234\n检测结果\n基因\t突变位点\t检测结果\n{row}\n"


def _claim(tmp_path: Path, row: str) -> dict:
    (tmp_path / "d1.txt").write_text(KIT.format(row=row), encoding="utf-8")
    (tmp_path / "d2.txt").write_text(PATHOLOGY, encoding="utf-8")
    return {"claim_id": "C-KIT", "patient": {"id": "ZY20261234", "name": "张伟"},
            "diagnosis": {"icd10": ["C34.1"], "text": "右肺上叶腺癌 IVA期（cT3N2M1a）"}, "provider": {"id": "H1"},
            "service_date": "2026-10-01", "items": [{"item_id": "1", "kind": "drug", "name": "靶向药",
                                                     "drug": "sotorasib", "line": 2}],
            "documents": [{"doc_id": "d1", "kind": "genetic_report", "path": "d1.txt"},
                          {"doc_id": "d2", "kind": "pathology_report", "path": "d2.txt"}]}


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
def test_engine_positive_kit_group_routes_a_g12c_drug(tmp_path, row: str, decision: str) -> None:
    result = get_engine().review(_claim(tmp_path, row), base_dir=tmp_path)
    assert result.items[0].decision == decision, result.items[0].reasons
