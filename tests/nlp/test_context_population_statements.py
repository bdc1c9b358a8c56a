"""A status word followed by a word for a group of patients speaks of that group, not of this report's result:
'RAS野生型患者可考虑西妥昔单抗治疗' in a report's drug notes was read as this patient's RAS negatives, and
'patients with KRAS wild-type tumours may benefit from cetuximab' as a KRAS negative (issue 4). What such a
statement names is no finding; the report's own results stand."""

from __future__ import annotations

import pytest

from review_engine.nlp.pipeline import Extractor


def _read(extractor: Extractor, text: str) -> set[tuple[str, str, str]]:
    return {(v.gene, v.alteration, v.status) for v in extractor.extract_text(text, kind="genetic_report").variants}


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        ("用药提示：KRAS、NRAS野生型患者可从西妥昔单抗获益。", set()),
        ("结果解读：BRCA1/2突变阴性的患者不推荐使用奥拉帕利。", set()),
        ("Interpretation: patients with KRAS wild-type tumours may benefit from cetuximab.", set()),
        ("EGFR L858R阳性患者可选择吉非替尼。", set()),
        ("EGFR阴性者不推荐EGFR-TKI。", set()),
        # the report's own results beside such a statement stand
        ("检测结果\nKRAS G12D 突变（丰度 15%）\n用药提示：RAS野生型患者可考虑西妥昔单抗治疗。",
         {("KRAS", "G12D", "detected")}),
        ("检测结果：KRAS野生型\n用药提示：KRAS野生型患者可从西妥昔单抗获益",
         {("KRAS", "mutation", "not_detected")}),
        # a patient word after a clause break is no group: the result is this patient's
        ("KRAS、NRAS均为野生型，患者可考虑西妥昔单抗", {("KRAS", "mutation", "not_detected"),
                                              ("NRAS", "mutation", "not_detected")}),
        ("KRAS基因：野生型（患者未检出突变）", {("KRAS", "mutation", "not_detected")}),
    ],
)
def test_a_statement_about_a_group_of_patients_is_no_result(production_extractor: Extractor, text: str,
                                                           expected: set) -> None:
    assert _read(production_extractor, text) == expected
