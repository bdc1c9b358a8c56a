"""Document kind for kind='auto' and report language."""

from __future__ import annotations

import pytest

from review_engine.nlp.classify import classify_document, vote
from review_engine.nlp.language import detect_language


@pytest.mark.parametrize(
    "text, kind",
    [
        ("基因检测报告 高通量测序（NGS） EGFR 外显子19缺失 突变丰度 12%", "genetic_report"),
        ("Next-generation sequencing report: KRAS mutation, VAF 30%", "genetic_report"),
        ("病理诊断：（右肺上叶）浸润性腺癌。免疫组化：TTF-1(+)。大体所见：灰白组织", "pathology_report"),
        ("SURGICAL PATHOLOGY REPORT. Gross description: lobectomy. Final diagnosis: adenocarcinoma", "pathology_report"),
        ("胸部CT平扫+增强扫描 影像所见：右肺上叶结节", "imaging_report"),
        ("发票 金额 1200 元", "other"),
    ],
)
def test_classify_document_kind(text: str, kind: str) -> None:
    assert classify_document(text) == kind


def test_classify_vote_explains() -> None:
    best = vote("NGS report, VAF 30%")[0]
    assert best.kind == "genetic_report" and "ngs" in best.terms


@pytest.mark.parametrize(
    "text, language",
    [
        ("检测结果：EGFR p.L858R 阳性，突变丰度 23.5%", "zh"),
        ("EGFR 阳性", "zh"),
        ("Results: EGFR p.L858R detected, VAF 23.5%", "en"),
        ("Patient name 张伟. Results: EGFR p.L858R detected in the tumour sample at 23.5% allele frequency.", "en"),
        ("", "en"),
    ],
)
def test_language_detect(text: str, language: str) -> None:
    assert detect_language(text) == language
