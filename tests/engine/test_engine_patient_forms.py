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
