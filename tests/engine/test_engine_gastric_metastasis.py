"""End to end on a gastric trastuzumab claim: the claim's diagnosis names a distant metastasis ('胃癌伴腹膜转移'),
which is the metastatic setting the rule needs. The peritoneum was read as a second cancer site and no stage word,
and the claim routed for want of a stage (issue 4)."""

from __future__ import annotations

import pytest

PATHOLOGY = "病理诊断报告\n姓名：张伟 住院号：ZY20261234\n病理诊断：（胃窦）低分化腺癌\n免疫组化：HER2（3+）\n"



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
def test_engine_gastric_trastuzumab_reads_a_peritoneal_metastasis(review_drug_claim, diagnosis: str, decision: str) -> None:
    item = review_drug_claim({"pathology_report": PATHOLOGY}, "trastuzumab", "C16.9", diagnosis)
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]
