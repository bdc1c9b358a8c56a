"""End to end on PARP-inhibitor claims whose rule needs a germline BRCA mutation (GUIDELINE_FACTS: olaparib and
talazoparib in HER2-negative metastatic breast cancer, gBRCA): a BRCA change the report gives as somatic, or with
no origin, approved them as if germline. It now routes to a person; a germline one approves, a germline test's
negative refutes (issue 4)."""

from __future__ import annotations

import pytest

PATHOLOGY = ("病理诊断报告\n姓名：王芳 住院号：ZY20265678\n病理诊断：（左乳）浸润性导管癌\n"
             "免疫组化：ER（+，90%），PR（+，60%），HER2（1+）\n")
GENETIC = "基因检测报告\n姓名：王芳 住院号：ZY20265678\n检测结果\n{row}\n"



@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, decision, code",
    [
        ("BRCA2 c.5946delT（p.S1982Rfs*22）胚系致病突变", "approve", "INDICATED"),
        ("Germline: BRCA2 p.S1982Rfs*22 pathogenic", "approve", "INDICATED"),
        ("BRCA2 c.5946delT（p.S1982Rfs*22）体细胞突变（丰度 35%）", "route_mdt", "BIOMARKER_MISSING"),
        ("BRCA2 p.S1982Rfs*22 致病突变", "route_mdt", "BIOMARKER_MISSING"),
        # a germline origin still to be verified is none yet
        ("BRCA2 p.S1982Rfs*22 致病突变（胚系来源待验证）", "route_mdt", "BIOMARKER_MISSING"),
        ("BRCA2 p.S1982Rfs*22 pathogenic (possible germline; confirmatory testing recommended)", "route_mdt",
         "BIOMARKER_MISSING"),
        ("BRCA1/2 胚系检测：阴性", "flag", "BIOMARKER_NEGATIVE"),
    ],
)
def test_engine_olaparib_in_breast_cancer_needs_a_germline_brca_change(review_drug_claim, row: str, decision: str,
                                                                       code: str) -> None:
    item = review_drug_claim({"genetic_report": GENETIC.format(row=row), "pathology_report": PATHOLOGY}, "olaparib",
                             "C50.9", "左乳浸润性导管癌 IV期 骨转移", line=2, patient=("ZY20265678", "王芳"))
    assert (item.decision, [r.code for r in item.reasons]) == (decision, [code]), [r.message for r in item.reasons]
    if decision == "route_mdt":
        assert any("胚系" in r.message or "germline" in r.message for r in item.reasons)


HEREDITARY = "遗传性肿瘤基因检测报告\n姓名：王芳 住院号：ZY20265678\n样本类型：{specimen}\n检测结果\n{row}\n"


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "specimen, row, decision",
    [
        # a hereditary panel on blood: its title gives the change its origin (it routed as one of no origin)
        ("外周血", "BRCA2 c.5946delT（p.S1982Rfs*22） 杂合 致病性变异", "approve"),
        # on plasma it read tumour DNA: the title proves no germline origin
        ("血浆", "BRCA2 c.5946delT（p.S1982Rfs*22） 杂合 致病性变异", "route_mdt"),
        # the row's own words still decide
        ("外周血", "BRCA2 c.5946delT（p.S1982Rfs*22） 体细胞变异", "route_mdt"),
    ],
)
def test_engine_a_hereditary_panels_title_gives_its_changes_their_origin(review_drug_claim, specimen: str, row: str,
                                                                         decision: str) -> None:
    report = HEREDITARY.format(specimen=specimen, row=row)
    item = review_drug_claim({"genetic_report": report, "pathology_report": PATHOLOGY}, "olaparib", "C50.9",
                             "左乳浸润性导管癌 IV期 骨转移", line=2, patient=("ZY20265678", "王芳"))
    assert item.decision == decision, [r.message for r in item.reasons]
