"""The patient recognizer: name, patient/hospital ID (never a pathology number), sex, age."""

from __future__ import annotations

import time
from typing import Any

import pytest

from review_engine.nlp.recognizers import patient


def _values(text: str, field: str) -> list[Any]:
    return [m.value for m in patient.find(text) if m.field == field]


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # name
        ("姓名：张伟", "patient.name", "张伟"),
        ("姓 名: 欧阳娜娜  性别: 女", "patient.name", "欧阳娜娜"),
        ("姓名：张伟性别：男", "patient.name", "张伟"),
        # bilingual labels and an English label over a Chinese name were read as no name
        ("姓名/Name: 张伟  住院号/Hospital No.: ZY20261234", "patient.name", "张伟"),
        ("Name: 张伟  ID: ZY20261234", "patient.name", "张伟"),
        ("Patient Name: 李 明  MRN: 1234", "patient.name", "李明"),
        ("患者姓名：李小明 年龄：45岁", "patient.name", "李小明"),
        ("Name: ZHANG Wei", "patient.name", "ZHANG Wei"),
        ("Patient: Smith, John", "patient.name", "Smith, John"),
        ("Patient Name: O'Brien, Mary A.", "patient.name", "O'Brien, Mary A."),
        # id
        ("住院号：ZY20261234", "patient.id", "ZY20261234"),
        ("病案号 10086", "patient.id", "10086"),
        ("ID号：A123456", "patient.id", "A123456"),
        ("门诊号：MZ-778899", "patient.id", "MZ-778899"),
        ("MRN: 12345678", "patient.id", "12345678"),
        ("Patient ID: P001", "patient.id", "P001"),
        ("Med. Rec. #: 998877", "patient.id", "998877"),
        # sex
        ("性别：男", "patient.sex", "M"),
        ("性 别: 女", "patient.sex", "F"),
        ("Sex: F", "patient.sex", "F"),
        ("Gender: Male", "patient.sex", "M"),
        ("患者，女，58岁", "patient.sex", "F"),
        ("63-year-old female", "patient.sex", "F"),
        # age
        ("年龄：63岁", "patient.age", 63),
        ("Age: 63 y", "patient.age", 63),
        ("AGE 71", "patient.age", 71),
        ("患者，女，58岁", "patient.age", 58),
        ("a 63 year old male", "patient.age", 63),
    ],
)
def test_patient_reads(text: str, field: str, value: Any) -> None:
    assert _values(text, field) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "病理号：P2026-001",  # the specimen's number, not the patient's
        "病理编号：B20261234",
        "标本号：S-0099",
        "Accession #: S26-12345",
        "报告编号：R2026-0001",
    ],
)
def test_patient_id_is_never_a_specimen_or_report_number(text: str) -> None:
    assert _values(text, "patient.id") == []


def test_patient_header_line() -> None:
    text = "姓名：张伟 性别：男 年龄：63岁 住院号：ZY20261234 病理号：P2026-001"
    found = {m.field: m.value for m in patient.find(text)}
    assert found == {
        "patient.name": "张伟",
        "patient.sex": "M",
        "patient.age": 63,
        "patient.id": "ZY20261234",
    }


@pytest.mark.parametrize("text", ["Name:\nSex:\nAge:", "年龄：200岁", "Name: sex", "性别：未知"])
def test_patient_empty_or_impossible_fields_are_not_read(text: str) -> None:
    assert patient.find(text) == []


HOSTILE = [
    "a" * 1_000_000,
    "姓名：" * 330_000,
    "Age: " * 200_000,
    "1" * 1_000_000,
    "中" * 1_000_000,
    "Name: Ab " * 110_000,
    "1岁" * 500_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:12]))
def test_patient_hostile_line_is_fast(text: str) -> None:
    patient.find(
        "姓名：张伟 性别：男 年龄：63岁 住院号：ZY1"
    )  # knowledge loads once per process, not per call
    started = time.process_time()
    patient.find(text)
    assert time.process_time() - started < 1.0


@pytest.mark.issue(4)
def test_patient_name_drops_tab_before_next_label() -> None:
    assert _values("Patient: Linda Martin\tSex: Female", "patient.name") == ["Linda Martin"]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text",
    [
        "Report R2624708 Page 1 of 2",
        "Mean coverage depth 1320x >= 500x",
        "Stage 2 disease",
        "Input 654 ng, usage 3 runs",
    ],
)
def test_patient_no_age_inside_other_words(text: str) -> None:
    assert _values(text, "patient.age") == []


@pytest.mark.issue(4)
def test_patient_age_label_still_read() -> None:
    assert _values("Gender: Female Age: 61 y", "patient.age") == [61]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        # a printed form justifies its labels and names with spaces; each was read as nothing, and a report of
        # another patient passed the same-patient check
        ("姓  名：李 明\n住 院 号：ZY123456\n", {"name": "李明", "id": "ZY123456"}),
        ("姓  名：李  明    性  别：男    年  龄：56岁\n", {"name": "李明", "sex": "M", "age": 56}),
        # no colon before a wide gap
        ("患者姓名 李明    性别 男    年龄 56\n病案号 123456\n", {"name": "李明", "id": "123456", "sex": "M", "age": 56}),
        # a contiguous name stops at its space: the sex after it is no part of it
        ("姓名：李明 男 56岁\n", {"name": "李明", "sex": "M", "age": 56}),
        ("姓名：欧阳明明 住院号：ZY1234\n", {"name": "欧阳明明", "id": "ZY1234"}),
    ],
)
def test_patient_fields_of_spaced_forms(text: str, expected: dict) -> None:
    found = {m.field.removeprefix("patient."): m.value for m in patient.find(text)}
    assert found == expected
