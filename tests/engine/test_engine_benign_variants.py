"""End to end on an olaparib claim (ovarian cancer, first-line maintenance, BRCA mutation required): a BRCA2
change the report calls likely benign ('BRCA2 p.K3326* 可能良性') approved it as a BRCA mutation; it is no
finding now, so a person looks (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_engine.engine import get_engine

CLAIM = {
    "claim_id": "C-PARP", "patient": {"id": "ZY7", "name": "刘敏"},
    "diagnosis": {"icd10": ["C56"], "text": "卵巢高级别浆液性癌 IIIC期"}, "provider": {"id": "H1"},
    "service_date": "2026-10-01",
    "items": [{"item_id": "1", "kind": "drug", "name": "奥拉帕利", "drug": "olaparib", "line": 1,
               "setting": "maintenance"}],
    "documents": [{"doc_id": "d1", "kind": "genetic_report", "path": "d1.txt"}],
}


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, decision",
    [
        ("BRCA2 c.5946delT p.S1982Rfs*22 致病性变异", "approve"),
        ("BRCA2 c.9976A>T p.K3326* 可能良性", "route_mdt"),
        ("BRCA2 p.N372H  Benign", "route_mdt"),
    ],
)
def test_engine_olaparib_needs_a_pathogenic_brca_change(tmp_path: Path, row: str, decision: str) -> None:
    (tmp_path / "d1.txt").write_text(f"BRCA1/2基因检测报告\n姓名：刘敏 住院号：ZY7\n检测结果\n{row}\n", encoding="utf-8")
    item = get_engine().review(CLAIM, base_dir=tmp_path).items[0]
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]
