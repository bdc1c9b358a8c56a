"""Status words of an earlier result, and status words that disagree (``status_time`` in the ConText rules).

Follow-up reports quote the last test next to this one's result. The nearest status word used to win, so an
earlier 'detected' was read as this test's result: 'EGFR L858R (previously detected in 2024) is no longer
detected' approved gefitinib. Words that give two results with nothing to settle them ('detected at a VAF below
the reportable threshold') leave the change indeterminate: a person looks.
"""

from __future__ import annotations

import pytest
from status_reading import statuses

from review_engine.nlp.pipeline import Extractor

EARLIER_AND_CURRENT = [
    # this report's words decide; the dated ones report the earlier test
    ("EGFR L858R (previously detected in 2024) is no longer detected.", "L858R", "not_detected"),
    ("EGFR L858R (detected on 2024-03-01) was not identified in this plasma sample.", "L858R", "not_detected"),
    ("EGFR L858R was detected in the 2022 biopsy and has since cleared.", "L858R", "not_detected"),
    ("EGFR T790M  Detected  (prior: Not detected)", "T790M", "detected"),
    # the colon of a bracketed note made '阳性' lead a list forward, past its own change
    ("EGFR L858R  阳性（前次检测：阴性）", "L858R", "detected"),
    ("EGFR L858R：2024年检出，本次未检出", "L858R", "not_detected"),
    # only the earlier result is given: no result of this report's own
    ("EGFR T790M: detected in 2023; not detected in this specimen.", "T790M", "indeterminate"),
    ("EGFR L858R was detected previously; it was not detected today.", "L858R", "indeterminate"),
    ("EGFR T790M 曾检测到，本次未检测到", "T790M", "indeterminate"),
    ("EGFR L858R 前次检测阳性", "L858R", "indeterminate"),
]


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "change", "status"), EARLIER_AND_CURRENT)
def test_words_of_an_earlier_result_never_decide_this_reports(production_extractor: Extractor, text: str, change: str,
                                                               status: str) -> None:
    assert statuses(production_extractor, text)[change] == status


DISAGREEING = [
    "EGFR L858R was detected at a VAF below the reportable threshold and is not reported.",
    "EGFR L858R was detected at a frequency below the validated reporting threshold (0.5%).",
    "EGFR L858R detected below the reporting limit; not reported.",
    "EGFR L858R突变丰度低于报告阈值，不予报告",
]


@pytest.mark.issue(4)
@pytest.mark.parametrize("text", DISAGREEING)
def test_disagreeing_words_leave_the_change_for_a_person(production_extractor: Extractor, text: str) -> None:
    assert statuses(production_extractor, text) == {"L858R": "indeterminate"}


@pytest.mark.issue(4)
def test_the_evidence_shows_every_word_that_disagrees(production_extractor: Extractor) -> None:
    (variant,) = production_extractor.extract_text(DISAGREEING[0], kind="genetic_report").variants
    words = variant.evidence.status_words
    assert words is not None
    assert words.text == "detected at a VAF below the reportable threshold"
    assert "DISAGREEING_WORDS" in words.how


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "expected"), [
    ("Compared with the prior test, EGFR L858R is now undetectable.", {"L858R": "not_detected"}),
    ("ctDNA EGFR L858R clearance was observed.", {"L858R": "not_detected"}),
])
def test_monitoring_wordings_of_a_change_gone(production_extractor: Extractor, text: str, expected: dict[str, str]) -> None:
    assert statuses(production_extractor, text) == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "expected"), [
    # words on both sides of a change are left to distance and priority: '检测到' is 'tested' here
    ("检测到KRAS G12C阴性", {"G12C": "not_detected"}),
    # a word past another change speaks of that one
    ("EGFR L858R detected, T790M not detected", {"L858R": "detected", "T790M": "not_detected"}),
    ("EGFR L858R detected in the current sample; T790M previously detected, now not detected.",
     {"L858R": "detected", "T790M": "not_detected"}),
    # a report's own date and a date column date nothing
    ("2024年3月1日检测：EGFR L858R 检出", {"L858R": "detected"}),
    ("EGFR  L858R  阳性  2024年3月1日", {"L858R": "detected"}),
    ("EGFR L858R 阳性 2024年3月1日", {"L858R": "detected"}),
    ("EGFR L858R detected (VAF 12%, 2000 reads)", {"L858R": "detected"}),
    # a status that leads a list may still name the list in brackets
    ("未检测到突变的位点（热点）：KRAS G12C；BRAF V600E", {"G12C": "not_detected", "V600E": "not_detected"}),
])
def test_readings_that_stay(production_extractor: Extractor, text: str, expected: dict[str, str]) -> None:
    assert statuses(production_extractor, text) == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "expected"), [
    # the clinical information a report quotes gives an earlier test's result, whatever its words
    ("临床信息：患者2023年检出EGFR T790M突变，奥希替尼治疗后进展\n检测结果\nEGFR C797S 检出\n",
     {"T790M": "indeterminate", "C797S": "detected"}),
    ("临床信息：患者既往EGFR 19del阳性，吉非替尼治疗后进展\n检测结果\nEGFR T790M 未检出\n",
     {"exon19del": "indeterminate", "T790M": "not_detected"}),
    ("Clinical history: EGFR T790M detected in 2023, treated with osimertinib.\nResults\nEGFR C797S detected\n",
     {"T790M": "indeterminate", "C797S": "detected"}),
    ("Prior testing: KRAS G12C negative\nResults\nEGFR L858R detected\n",
     {"G12C": "indeterminate", "L858R": "detected"}),
    # this report's own reading of the change outranks the quote
    ("临床信息：患者既往EGFR 19del阳性\n检测结果\nEGFR 19del 阳性\nEGFR T790M 检出\n",
     {"exon19del": "detected", "T790M": "detected"}),
])
def test_the_clinical_information_a_report_quotes_is_no_result_of_its_own(production_extractor: Extractor, text: str,
                                                                          expected: dict[str, str]) -> None:
    assert statuses(production_extractor, text) == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        # a biomarker quoted in the clinical information is another report's: no finding, a warning
        ("临床信息：外院免疫组化HER2(3+)\n病理诊断：（左乳）浸润性导管癌\n", {}),
        ("Clinical history: MSI-H colon cancer (outside report).\nDiagnosis: adenocarcinoma\n", {}),
        # this report's own result is read
        ("临床信息：外院HER2(1+)\n免疫组化：HER2(3+)\n", {"her2": {"ihc": "3+"}}),
    ],
)
def test_a_biomarker_quoted_in_the_clinical_information_is_no_result(production_extractor: Extractor, text: str,
                                                                      expected: dict) -> None:
    found = production_extractor.extract_text(text, kind="pathology_report")
    assert found.biomarkers.model_dump(exclude_none=True, exclude_defaults=True) == expected
    if not expected:
        assert any("quoted in the clinical_history section" in w for w in found.warnings)


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "expected"), [
    # a result marked as an earlier or outside test's (earlier_result.yaml) is no result of this report
    ("EGFR L858R：阳性（外院）", {"L858R": "indeterminate"}),
    # the mark in a bracket after the result's own bracket ('（阳性）（外院）' was this report's positive); an outside
    # consultation's reading ('外院会诊') is this report's
    ("EGFR L858R（阳性）（外院）", {"L858R": "indeterminate"}),
    ("EGFR L858R（阳性）（外院会诊）", {"L858R": "detected"}),
    ("EGFR L858R突变阳性（外院检测）", {"L858R": "indeterminate"}),
    ("EGFR 19del/L858R：阴性（外院）", {"exon19del": "indeterminate", "L858R": "indeterminate"}),
    ("EGFR L858R: detected (outside hospital, 2023)", {"L858R": "indeterminate"}),
    ("EGFR L858R（外院）：阳性", {"L858R": "indeterminate"}),
    ("既往EGFR L858R阳性", {"L858R": "indeterminate"}),
    # only the marked change: the next line, and a change after a clause break, are this report's
    ("EGFR L858R：阳性\nKRAS G12C：阴性（外院）", {"L858R": "detected", "G12C": "indeterminate"}),
    ("既往检测EGFR L858R阴性，本次检测EGFR T790M阳性", {"L858R": "indeterminate", "T790M": "detected"}),
    ("既往EGFR L858R阳性，本次检测未检出", {"L858R": "not_detected"}),
    # a marked bracket with a result of its own is the earlier result beside this one
    ("EGFR L858R：阳性（既往外院：阴性）", {"L858R": "detected"}),
    ("EGFR L858R detected (previously not detected, 2022)", {"L858R": "detected"}),
    ("EGFR L858R (previously not detected): detected", {"L858R": "detected"}),
])
def test_a_change_marked_as_an_earlier_or_outside_result(production_extractor: Extractor, text: str,
                                                        expected: dict[str, str]) -> None:
    assert statuses(production_extractor, text) == expected
