"""The report-info recognizer: report date (ISO), lab, method, panel size, specimen, critical wording."""

from __future__ import annotations

import time
from typing import Any

import pytest

from review_engine.nlp.recognizers import report_info


def _values(text: str, field: str) -> list[Any]:
    return [m.value for m in report_info.find(text) if m.field == field]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("报告日期：2026-09-20", "2026-09-20"),
        ("报告日期：2026年9月20日", "2026-09-20"),
        ("报告时间: 2026/9/20", "2026-09-20"),
        ("签发日期：2026.09.20", "2026-09-20"),
        ("Report Date: Sep 20, 2026", "2026-09-20"),
        ("Date of Report: 20 Sep 2026", "2026-09-20"),
        ("Reported: 09/20/2026", "2026-09-20"),
        ("Report date: September 20, 2026", "2026-09-20"),
    ],
)
def test_report_info_date(text: str, value: str) -> None:
    assert _values(text, "report.date") == [value]


@pytest.mark.parametrize(
    "text",
    [
        "采样日期：2026-09-01",
        "收样日期：2026-09-01",
        "Date of Birth: 1961-04-02",
        "报告日期：2026-02-30",
    ],
)
def test_report_info_other_dates_are_not_the_report_date(text: str) -> None:
    assert [m for m in report_info.find(text) if m.field == "report.date" and m.score > 0.6] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("检测方法：ARMS-PCR", "PCR"),
        ("检测方法：高通量测序（NGS）", "NGS"),
        ("本检测采用二代测序技术", "NGS"),
        ("Methodology: next-generation sequencing", "NGS"),
        ("免疫组织化学染色", "IHC"),
        ("荧光原位杂交（FISH）", "FISH"),
        ("MSI-PCR", "MSI-PCR"),
        ("全外显子测序", "WES"),
    ],
)
def test_report_info_method(text: str, value: str) -> None:
    found = report_info.find(text)
    best = max((m for m in found if m.field == "report.method"), key=lambda m: m.score)
    assert best.value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("68基因检测", 68),
        ("520-gene panel", 520),
        ("a panel of 520 genes", 520),
        ("覆盖 425 个基因", 425),
        ("肺癌 8 基因检测", None),
        ("EGFR基因突变", None),
    ],
)
def test_report_info_panel_size(text: str, value: int | None) -> None:
    assert _values(text, "report.panel_size") == ([value] if value else [])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("样本类型：血浆", "plasma"),
        ("样本类型：FFPE组织切片", "tissue"),
        ("Specimen type: plasma (cfDNA)", "plasma"),
        ("Specimen: FFPE tissue block", "tissue"),
        ("送检样本：胸腔积液", "pleural_effusion"),
        ("外周血ctDNA", "plasma"),
        ("样本类型：外周血", "blood"),
        ("标本类型：血液", "blood"),
        ("Specimen: Blood", "blood"),
        # the normal blood a tissue panel sequences beside the tumour is not the specimen tested: the review reads
        # a blood specimen as a liquid biopsy, whose negatives exclude nothing
        ("样本类型：外周血（对照）、组织（FFPE）", "tissue"),
        ("样本类型：肿瘤组织；外周血白细胞（对照）", "tissue"),
        ("Specimen: Peripheral blood (normal control), FFPE block", "tissue"),
        ("Specimen: FFPE tumor tissue; matched normal blood", "tissue"),
    ],
)
def test_report_info_specimen(text: str, value: str) -> None:
    best = max(
        (m for m in report_info.find(text) if m.field == "report.specimen"), key=lambda m: m.score
    )
    assert best.value == value


def test_report_info_normal_control_alone_is_no_specimen() -> None:
    assert _values("样本类型：外周血（对照）", "report.specimen") == []


@pytest.mark.parametrize("text", ["科室：血液肿瘤科", "Tumor shows blood vessel invasion"])
def test_report_info_blood_words_outside_a_specimen_label_are_no_specimen(text: str) -> None:
    assert _values(text, "report.specimen") == []


def test_report_info_ihc_is_a_method_not_a_tissue_specimen() -> None:
    assert _values("免疫组织化学染色", "report.specimen") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("检测机构：某某医学检验实验室", "某某医学检验实验室"),
        ("北京某某医学检验实验室出具", "北京某某医学检验实验室"),
        ("Laboratory: Acme Genomics  Report Date: 2026-09-20", "Acme Genomics"),
    ],
)
def test_report_info_lab(text: str, value: str) -> None:
    assert value in _values(text, "report.lab")


@pytest.mark.parametrize(
    ("text", "critical"),
    [
        ("【危急值】", True),
        ("CRITICAL VALUE: notify", True),
        ("危重患者", True),
        ("常规报告", False),
    ],
)
def test_report_info_critical(text: str, critical: bool) -> None:
    assert bool(_values(text, "critical")) is critical


HOSTILE = [
    "a" * 1_000_000,
    "报告日期：" * 200_000,
    "Date: " * 200_000,
    "1" * 1_000_000,
    "中" * 1_000_000,
    "基因" * 500_000,
    "pcr " * 250_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:12]))
def test_report_info_hostile_line_is_fast(text: str) -> None:
    report_info.find(
        "报告日期：2026-09-20 检测方法：NGS 68基因 样本类型：血浆 危急值"
    )  # knowledge loads once per process, not per call
    started = time.process_time()
    report_info.find(text)
    assert time.process_time() - started < 1.0


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text", ["Signed Out: 01 Mar 2026", "Sign-out date: 01 Mar 2026", "Signed out on 01-Mar-2026"]
)
def test_report_info_signed_out_date(text: str) -> None:
    assert [m.value for m in report_info.find(text) if m.field == "report.date"] == ["2026-03-01"]
