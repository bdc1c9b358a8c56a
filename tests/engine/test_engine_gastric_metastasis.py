"""End to end on a gastric trastuzumab claim: the claim's diagnosis names a distant metastasis ('胃癌伴腹膜转移'),
which is the metastatic setting the rule needs. The peritoneum was read as a second cancer site and no stage word,
and the claim routed for want of a stage (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_engine.engine import get_engine

PATHOLOGY = "病理诊断报告\n姓名：张伟 住院号：ZY20261234\n病理诊断：（胃窦）低分化腺癌\n免疫组化：HER2（3+）\n"


def _claim(diagnosis: str) -> dict:
    return {
        "claim_id": "C-GASTRIC", "patient": {"id": "ZY20261234", "name": "张伟"},
        "diagnosis": {"icd10": ["C16.9"], "text": diagnosis}, "provider": {"id": "H1"},
        "service_date": "2026-10-01",
        "items": [{"item_id": "1", "kind": "drug", "name": "曲妥珠单抗", "drug": "trastuzumab", "line": 1}],
        "documents": [{"doc_id": "d1", "kind": "pathology_report", "path": "d1.txt"}],
    }


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "diagnosis, decision",
    [
        ("胃癌伴腹膜转移", "approve"),
        ("gastric adenocarcinoma with peritoneal carcinomatosis", "approve"),
        ("胃癌 IV期", "approve"),
        # no stage, or the metastasis negated: a person looks
        ("胃癌", "route_mdt"),
        ("胃癌 无腹膜转移", "route_mdt"),
    ],
)
def test_engine_gastric_trastuzumab_reads_a_peritoneal_metastasis(tmp_path: Path, diagnosis: str, decision: str) -> None:
    (tmp_path / "d1.txt").write_text(PATHOLOGY, encoding="utf-8")
    item = get_engine().review(_claim(diagnosis), base_dir=tmp_path).items[0]
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]
