"""End to end: a biomarker result the report quotes from an earlier or outside test ('HER2：3+（既往外院）') is no
result of this report, so it never approves a drug that needs it; the report's own result still does (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_engine.engine import get_engine

PATHOLOGY = ("病理诊断报告\n姓名：王芳 住院号：ZY20265678\n病理诊断：（左乳）浸润性导管癌\n免疫组化：ER（-），PR（-），"
             "{her2}，Ki-67（+，约30%）\n")


def _claim() -> dict:
    return {
        "claim_id": "C-HER2", "patient": {"id": "ZY20265678", "name": "王芳"},
        "diagnosis": {"icd10": ["C50.9"], "text": "左乳浸润性导管癌 IV期 肝转移"}, "provider": {"id": "H1"},
        "service_date": "2026-10-01",
        "items": [{"item_id": "1", "kind": "drug", "name": "曲妥珠单抗", "drug": "trastuzumab", "line": 1}],
        "documents": [{"doc_id": "d1", "kind": "pathology_report", "path": "d1.txt"}],
    }


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "her2, decision",
    [
        ("HER2（3+）", "approve"),
        ("HER2：3+（既往外院）", "route_mdt"),
        ("HER2 (3+, outside hospital 2023)", "route_mdt"),
        ("既往HER2（3+）", "route_mdt"),
        # this report's own reading of outside slides is its result
        ("外院会诊：HER2（3+）", "approve"),
    ],
)
def test_engine_trastuzumab_needs_this_reports_her2(tmp_path: Path, her2: str, decision: str) -> None:
    (tmp_path / "d1.txt").write_text(PATHOLOGY.format(her2=her2), encoding="utf-8")
    item = get_engine().review(_claim(), base_dir=tmp_path).items[0]
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "her2, decision",
    [
        ("HER2（1+）", "flag"),
        ("HER2（2+）", "route_mdt"),
        # a range of scores: '1+~2+' was read as 1+ and flagged trastuzumab, though a 2+ needs ISH first;
        # '2+~3+' must not approve as 3+ either: a person reads it
        ("HER2（1+~2+）", "route_mdt"),
        ("HER2（2+~3+）", "route_mdt"),
        ("HER2（2+，部分3+）", "route_mdt"),
    ],
)
def test_engine_trastuzumab_with_a_range_of_her2_scores_routes(tmp_path: Path, her2: str, decision: str) -> None:
    (tmp_path / "d1.txt").write_text(PATHOLOGY.format(her2=her2), encoding="utf-8")
    item = get_engine().review(_claim(), base_dir=tmp_path).items[0]
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]
