"""End to end on a cetuximab claim for a colon cancer with liver metastases: the pathology report's liver biopsy
('（肝脏）转移性腺癌，考虑肠道来源') is a metastasis, no other disease, and a RAS report that says all its genes
are wild type ('KRAS、NRAS、BRAF 均未检测到突变') proves RAS wild type. The claim was flagged as a diagnosis
mismatch, with KRAS and NRAS read as untested (issue 4)."""

from __future__ import annotations

import pytest


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
def test_engine_liver_metastasis_of_a_colon_cancer(review_drug_claim, ras: str, pathology: str, decision: str) -> None:
    documents = {"genetic_report": f"RAS/BRAF基因检测报告\n姓名：张伟 住院号：ZY1\n检测结果：{ras}\n",
                 "pathology_report": f"病理诊断报告\n姓名：张伟 住院号：ZY1\n病理诊断：{pathology}\n"}
    item = review_drug_claim(documents, "cetuximab", "C18.7", "乙状结肠腺癌 肝转移 IV期", patient=("ZY1", "张伟"))
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]
