"""Document kind for kind='auto' and report language."""

from __future__ import annotations

import re
import string

import pytest

from review_engine.nlp.classify import _ASCII_OF, _CASE_ODD, _kinds, classify_document, vote
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
    "text",
    [
        # mixed case, both scripts
        "Next-Generation SEQUENCING panel: EGFR exon 19 del, vaf 12%; 基因检测 二代测序 突变丰度",
        "病理诊断：腺癌 免疫组化 HER2 (2+) Gross Description; c.2573T>G p.L858R",
        # a term inside a longer one, and terms glued together
        "sequencingsequencing NGSNGS exonexon",
        "",
    ],
)
def test_classify_vote_same_terms_as_case_insensitive_scan(text: str) -> None:
    kinds, _ = _kinds()
    expected = {kind: tuple(sorted({m.group().lower() for m in t.pattern.finditer(text)})) for kind, t in kinds.items()}
    assert {v.kind: v.terms for v in vote(text)} == expected


@pytest.mark.parametrize(
    "text, term",
    [
        # letters case-insensitive matching equates with ASCII ones count as those
        ("\u017fequencing", "sequencing"),
        ("NG\u017f", "ngs"),
        ("MR\u0130", "mri"),
        ("\u0131mpression", "impression"),
        ("\u212a", None),
    ],
)
def test_classify_vote_reads_case_odd_letters_as_ascii(text: str, term: str | None) -> None:
    terms = {t for v in vote(text) for t in v.terms}
    assert (term in terms) if term else not terms


def test_classify_case_odd_characters_are_every_one_the_regex_engine_equates_with_ascii() -> None:
    every = "".join(chr(cp) for cp in range(128, 0x110000) if not 0xD800 <= cp <= 0xDFFF)
    equated = {ch: letter for letter in string.ascii_lowercase for ch in re.findall(letter, every, re.IGNORECASE)}
    assert equated == _ASCII_OF
    assert set(_CASE_ODD.pattern.strip("[]")) == set(equated)


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
