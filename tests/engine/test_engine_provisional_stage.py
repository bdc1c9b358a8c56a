"""End to end: a stage written as not yet established ('IV期（待排）', 'IV期？', 'stage IIIA (pending PET-CT)')
in a report or in the claim's diagnosis neither approves nor flags a drug whose rule needs the stage: a person
decides (STAGE_MISSING, the marker's words as evidence). A settled stage beside it still decides (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_engine.engine import get_engine

GENETIC = "EGFR基因突变检测报告\n姓名：张伟 住院号：ZY20261234\n检测结果\nEGFR 21号外显子 L858R 阳性\n"
PATHOLOGY = "病理诊断报告\n姓名：张伟 住院号：ZY20261234\n病理诊断：（右肺上叶）浸润性腺癌\n{staging}\n"


def _claim(diagnosis: str, setting: str | None) -> dict:
    item = {"item_id": "1", "kind": "drug", "name": "奥希替尼", "drug": "osimertinib", "line": 1}
    if setting:
        item = {**item, "setting": setting}
        del item["line"]
    return {
        "claim_id": "C-PROV", "patient": {"id": "ZY20261234", "name": "张伟"},
        "diagnosis": {"icd10": ["C34.1"], "text": diagnosis}, "provider": {"id": "H1"},
        "service_date": "2026-10-01", "items": [item],
        "documents": [{"doc_id": "d1", "kind": "genetic_report", "path": "d1.txt"},
                      {"doc_id": "d2", "kind": "pathology_report", "path": "d2.txt"}],
    }


def _review(tmp_path: Path, staging: str, diagnosis: str = "右肺上叶腺癌", setting: str | None = None):
    (tmp_path / "d1.txt").write_text(GENETIC, encoding="utf-8")
    (tmp_path / "d2.txt").write_text(PATHOLOGY.format(staging=staging), encoding="utf-8")
    return get_engine().review(_claim(diagnosis, setting), base_dir=tmp_path).items[0]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "staging, decision",
    [
        ("临床分期：IV期", "approve"),
        ("临床分期：IV期（待排）", "route_mdt"),
        ("临床分期：IV期？", "route_mdt"),
        ("临床分期：疑似IV期", "route_mdt"),
        ("Clinical stage: IV (pending PET-CT)", "route_mdt"),
        ("临床分期：cT2aN2M1b（待查）", "route_mdt"),
        # a settled stage in the report outranks its provisional one
        ("临床分期：IV期（待排）\n病理分期：IVA期", "approve"),
    ],
)
def test_engine_first_line_osimertinib_waits_for_a_settled_stage(tmp_path: Path, staging: str, decision: str) -> None:
    item = _review(tmp_path, staging)
    codes = [r.code for r in item.reasons]
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]
    if decision == "route_mdt":
        assert "STAGE_MISSING" in codes
        assert any("not yet established" in r.message or "尚未确定" in r.message for r in item.reasons)


@pytest.mark.issue(4)
def test_engine_provisional_stage_outside_the_rule_is_no_flag(tmp_path: Path) -> None:
    # adjuvant osimertinib covers IB-IIIA; 'IV期（待排）' may still turn out IIIA: a person, not a denial
    item = _review(tmp_path, "临床分期：IV期（待排）", diagnosis="右肺上叶腺癌 根治术后", setting="adjuvant")
    assert item.decision == "route_mdt", [(r.code, r.message) for r in item.reasons]


@pytest.mark.issue(4)
@pytest.mark.parametrize("diagnosis, decision", [("右肺上叶腺癌 IV期", "approve"), ("右肺上叶腺癌 IV期？", "route_mdt"),
                                                 ("右肺上叶腺癌 IV期（待排）", "route_mdt"),
                                                 ("lung adenocarcinoma, stage IV (pending PET-CT)", "route_mdt")])
def test_engine_claim_diagnosis_with_a_provisional_stage_routes(tmp_path: Path, diagnosis: str, decision: str) -> None:
    item = _review(tmp_path, "", diagnosis=diagnosis)
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]


@pytest.mark.issue(4)
@pytest.mark.parametrize("diagnosis, decision", [("右肺上叶腺癌 无远处转移", "route_mdt"),
                                                 ("右肺上叶腺癌 骨转移待排", "route_mdt"),
                                                 ("右肺上叶腺癌伴脑转移", "approve")])
def test_engine_claim_stage_words_negated_or_named(tmp_path: Path, diagnosis: str, decision: str) -> None:
    # 'no distant metastasis' was read as 'metastatic' and approved first-line osimertinib
    item = _review(tmp_path, "", diagnosis=diagnosis)
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]


@pytest.mark.issue(4)
@pytest.mark.parametrize("diagnosis, decision", [("右肺上叶腺癌4期", "approve"), ("右肺上叶腺癌 四期", "approve"),
                                                 ("lung adenocarcinoma, stage 4", "approve"),
                                                 ("右肺上叶腺癌 4期（待排）", "route_mdt"),
                                                 ("右肺上叶腺癌 一期切除术后", "route_mdt")])
def test_engine_claim_stage_in_numerals_decides(tmp_path: Path, diagnosis: str, decision: str) -> None:
    # '4期' was no stage: first-line osimertinib routed for want of one
    item = _review(tmp_path, "", diagnosis=diagnosis)
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "staging, diagnosis, setting, decision",
    [
        # a range settles no stage: the claim's 'III-IV期' was read as IV and approved first-line osimertinib
        ("", "右肺腺癌 III-IV期", None, "route_mdt"),
        ("临床分期：IIIB期或IV期", "右肺上叶腺癌", None, "route_mdt"),
        # 'IIIA-IIIB期' was read as IIIB and flagged adjuvant osimertinib (IB-IIIA) as stage not eligible
        ("病理分期：IIIA-IIIB期", "右肺腺癌 根治术后", "adjuvant", "route_mdt"),
        ("病理分期：IIIA期", "右肺腺癌 根治术后", "adjuvant", "approve"),
    ],
)
def test_engine_a_stage_range_waits_for_a_settled_stage(tmp_path: Path, staging: str, diagnosis: str,
                                                        setting: str | None, decision: str) -> None:
    item = _review(tmp_path, staging, diagnosis, setting)
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]
