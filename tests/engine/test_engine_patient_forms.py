"""End to end: a genetic report of another patient, printed on a form that justifies its labels with spaces
('姓  名：李 明', '住 院 号'), approved a gefitinib claim of 张伟; its name and ID were read as nothing (issue 4)."""

from __future__ import annotations

import pytest


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "header, decision",
    [
        ("姓  名：李 明\n住 院 号：ZY99999999", "flag"),  # name and ID both another patient's
        ("患者姓名 李明    性别 男", "route_mdt"),  # the name alone differs
        ("姓  名：张 伟\n住 院 号：ZY20261234", "approve"),  # the claim's patient
    ],
)
def test_engine_spaced_patient_labels_are_checked(review_lung_report, header: str, decision: str) -> None:
    report = f"EGFR基因突变检测报告\n{header}\n检测结果\nEGFR 21号外显子 L858R 阳性\n"
    item = review_lung_report(report, "gefitinib")
    assert item.decision == decision, item.reasons


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "header, decision",
    [
        # an English form writes the surname first with a comma, or last: the claim's 张伟 is 'Zhang Wei' there
        ("Name: ZHANG, WEI   Hospital No.: ZY20261234", "approve"),
        ("Patient: Wei Zhang  MRN: ZY20261234", "approve"),
        ("Patient: Li Ming  MRN: ZY20261234", "route_mdt"),
        # a report that names nobody cannot be tied to the claim's patient
        ("", "route_mdt"),
    ],
)
def test_engine_names_in_either_order(lung_drug_claim, tmp_path, header: str, decision: str) -> None:
    from review_engine.engine import get_engine

    (tmp_path / "d1.txt").write_text(f"EGFR gene mutation report\n{header}\nResults\nEGFR exon 21 L858R detected\n",
                                     encoding="utf-8")
    claim = lung_drug_claim("d1.txt", "gefitinib", 1, "C-NAMES")
    claim["patient"]["name"] = "Zhang Wei"
    (tmp_path / "d2.txt").write_text("Pathology report\nName: Zhang Wei  MRN: ZY20261234\n"
                                     "Diagnosis: right upper lobe, invasive adenocarcinoma\n", encoding="utf-8")
    item = get_engine().review(claim, base_dir=tmp_path).items[0]
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]
