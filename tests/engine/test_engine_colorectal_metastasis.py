"""End to end on a cetuximab claim for a colon cancer with liver metastases: the pathology report's liver biopsy
('（肝脏）转移性腺癌，考虑肠道来源') is a metastasis, no other disease, and a RAS report that says all its genes
are wild type ('KRAS、NRAS、BRAF 均未检测到突变') proves RAS wild type. The claim was flagged as a diagnosis
mismatch, with KRAS and NRAS read as untested (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_engine.engine import get_engine

CLAIM = {
    "claim_id": "C-CRC", "patient": {"id": "ZY1", "name": "张伟"},
    "diagnosis": {"icd10": ["C18.7"], "text": "乙状结肠腺癌 肝转移 IV期"}, "provider": {"id": "H1"},
    "service_date": "2026-10-01",
    "items": [{"item_id": "1", "kind": "drug", "name": "西妥昔单抗", "drug": "cetuximab", "line": 1}],
    "documents": [{"doc_id": "d1", "kind": "genetic_report", "path": "d1.txt"},
                  {"doc_id": "d2", "kind": "pathology_report", "path": "d2.txt"}],
}


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "ras, pathology, decision",
    [
        ("KRAS、NRAS、BRAF 均未检测到突变", "（肝脏）转移性腺癌，考虑肠道来源", "approve"),
        ("KRAS、NRAS、BRAF 均未检测到突变", "（肝脏）转移性腺癌，符合结肠来源", "approve"),
        ("KRAS G12D 阳性；NRAS、BRAF 均未检测到突变", "（肝脏）转移性腺癌，考虑肠道来源", "flag"),
        # a primary liver cancer is another disease
        ("KRAS、NRAS、BRAF 均未检测到突变", "（肝脏）肝细胞癌", "flag"),
    ],
)
def test_engine_liver_metastasis_of_a_colon_cancer(tmp_path: Path, ras: str, pathology: str, decision: str) -> None:
    (tmp_path / "d1.txt").write_text(f"RAS/BRAF基因检测报告\n姓名：张伟 住院号：ZY1\n检测结果：{ras}\n", encoding="utf-8")
    (tmp_path / "d2.txt").write_text(f"病理诊断报告\n姓名：张伟 住院号：ZY1\n病理诊断：{pathology}\n", encoding="utf-8")
    item = get_engine().review(CLAIM, base_dir=tmp_path).items[0]
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]
