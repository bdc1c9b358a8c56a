"""A stage or TNM the report gives as not yet established ('IV期（待排）', 'IV期？', 'stage IIIA (pending
PET-CT)', '疑似IV期') is read and marked provisional (staging.stage_provisional); a settled reading beside it
wins (issue 4)."""

from __future__ import annotations

import pytest

from review_engine.nlp.pipeline import Extractor

EXTRACTOR = Extractor()


def _staging(text: str):
    return EXTRACTOR.extract_text(text, kind="pathology_report").staging


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, stage, provisional",
    [
        ("临床分期：IV期", "IV", False),
        ("临床诊断：右肺腺癌 IV期（待排）", "IV", True),
        ("临床分期：IV期(待确认)", "IV", True),
        ("右肺腺癌IV期？", "IV", True),
        ("临床分期：疑似IV期", "IV", True),
        ("Clinical stage: IIIA (pending PET-CT)", "IIIA", True),
        ("Stage IV, presumed", "IV", True),
        ("presumed stage IV lung adenocarcinoma", "IV", True),
        ("Clinical stage: IIIA (to be confirmed)", "IIIA", True),
        # a marker about something else on the line is not about the stage
        ("临床分期：IV期，骨转移待排", "IV", False),
        ("Stage IIIA. Brain metastasis suspected.", "IIIA", False),
        # a range, alternatives or a floor settle no stage: 'III-IV期' was read as III, 'IIIA-IIIB期' as IIIB
        ("临床分期：III-IV期", "III", True),
        ("分期：Ⅲ～Ⅳ期", "III", True),
        ("Stage III/IV", "III", True),
        ("分期：IIIA-IIIB期", "IIIB", True),
        ("分期：IIIB期或IV期", "IIIB", True),
        ("分期：至少IIIB期", "IIIB", True),
        ("肺癌 cT2aN2M1a IVA期", "IVA", False),
        ("pT2aN0M0, IB期", "IB", False),
        # a settled stage in the report outranks its provisional one, whichever comes first
        ("临床分期：IV期（待排）\n病理分期：IVA期", "IVA", False),
        ("病理分期：IIIA期\n临床分期：IV期（待排）", "IIIA", False),
    ],
)
def test_staging_marks_a_provisional_stage(text: str, stage: str, provisional: bool) -> None:
    found = _staging(text)
    assert (found.stage, found.stage_provisional) == (stage, provisional)


@pytest.mark.issue(4)
def test_staging_provisional_tnm_marks_the_stage_it_gives() -> None:
    found = _staging("临床分期：cT2aN2M1b（待查）")
    assert (found.t, found.m, found.stage_provisional) == ("T2a", "M1b", True)


@pytest.mark.issue(4)
def test_staging_provisional_mark_has_evidence() -> None:
    findings = EXTRACTOR.extract_text("临床诊断：右肺腺癌 IV期（待排）", kind="pathology_report")
    assert "IV期" in findings.field_evidence["staging.stage_provisional"].text
