"""End to end on an adjuvant osimertinib claim (stage IB to IIIA after resection): the stage a pathology report
gives decides it, and a report that gives two stagings or a stage its own TNM contradicts never approves on the
wrong one (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_engine.engine import get_engine

GENETIC = "EGFR基因突变检测报告\n姓名：张伟 住院号：ZY20261234\n检测结果\nEGFR 21号外显子 L858R 阳性\n"
PATHOLOGY = "病理诊断报告\n姓名：张伟 住院号：ZY20261234\n病理诊断：（右肺上叶）浸润性腺癌，{staging}\n"


def _claim() -> dict:
    return {
        "claim_id": "C-ADJ", "patient": {"id": "ZY20261234", "name": "张伟"},
        "diagnosis": {"icd10": ["C34.1"], "text": "右肺上叶腺癌 根治术后"}, "provider": {"id": "H1"},
        "service_date": "2026-10-01",
        "items": [{"item_id": "1", "kind": "drug", "name": "奥希替尼", "drug": "osimertinib", "setting": "adjuvant"}],
        "documents": [{"doc_id": "d1", "kind": "genetic_report", "path": "d1.txt"},
                      {"doc_id": "d2", "kind": "pathology_report", "path": "d2.txt"}],
    }


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "staging, decision",
    [
        ("pT2aN0M0，IB期", "approve"),
        # the clinician's cT2 (IB) read first; the specimen's pT1c N0 M0 is IA3, outside IB to IIIA
        ("临床分期cT2N0M0 病理分期pT1cN0M0", "flag"),
        # a stated stage its own TNM contradicts (T2a N0 M0 is IB): a person settles it
        ("pT2aN0M0，IA期", "route_mdt"),
    ],
)
def test_engine_adjuvant_osimertinib_follows_the_specimens_stage(tmp_path: Path, staging: str, decision: str) -> None:
    (tmp_path / "d1.txt").write_text(GENETIC, encoding="utf-8")
    (tmp_path / "d2.txt").write_text(PATHOLOGY.format(staging=staging), encoding="utf-8")
    item = get_engine().review(_claim(), base_dir=tmp_path).items[0]
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]
