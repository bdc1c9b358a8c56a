"""A change named as its test is no result (issue 4). Single-analyte reports print the change in their title or
test item and the result on a line that names no gene: 'BRAF V600E突变检测报告' ... '检测结果：阴性'. The change was
left 'detected' by default, so a negative report approved dabrafenib. Now the result line below gives its status,
and with none it is indeterminate."""

from __future__ import annotations

import pytest
from status_reading import statuses

from review_engine.nlp.pipeline import Extractor


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        ("BRAF V600E突变检测报告\n姓名：张伟\n检测结果：阴性\n", {"V600E": "not_detected"}),
        ("BRAF V600E突变检测报告\n检测结果：阴性（未检测到突变）\n", {"V600E": "not_detected"}),
        ("EGFR T790M突变检测\n结果：阳性\n", {"T790M": "detected"}),
        ("EGFR T790M突变检测\n检测结果：阳性（丰度0.5%）\n", {"T790M": "detected"}),
        ("检测项目：EGFR T790M\n检测方法：ARMS-PCR\n检测结果：未检出\n", {"T790M": "not_detected"}),
        ("KRAS G12C mutation testing\nResult: Not detected.\n", {"G12C": "not_detected"}),
        ("Test: BRAF V600E mutation analysis\nResult: Not detected\n", {"V600E": "not_detected"}),
        # no result line, or one for the change named after it: a person looks
        ("BRAF V600E突变检测报告\n", {"V600E": "indeterminate"}),
        ("检测项目：EGFR T790M\n检测项目：KRAS G12C\n检测结果：阴性\n", {"T790M": "indeterminate", "G12C": "not_detected"}),
        ("BRAF V600E突变检测报告\n检测结果：见附表\n", {"V600E": "indeterminate"}),
    ],
)
def test_a_change_named_as_its_test_takes_the_result_line_below(production_extractor: Extractor, text: str,
                                                                expected: dict[str, str]) -> None:
    assert statuses(production_extractor, text) == expected


@pytest.mark.issue(4)
def test_the_evidence_is_the_result_line(production_extractor: Extractor) -> None:
    (variant,) = production_extractor.extract_text("BRAF V600E突变检测报告\n检测结果：阴性\n", kind="genetic_report").variants
    assert variant.evidence.status_words is not None
    assert variant.evidence.status_words.text == "阴性"
    assert "names the test" in variant.evidence.status_words.how


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        # the words beside a change that are no test's name keep the default
        ("EGFR L858R 突变\n", {"L858R": "detected"}),
        ("检出EGFR L858R突变\n", {"L858R": "detected"}),
        ("EGFR L858R  c.2573T>G  23.5%\n", {"L858R": "detected"}),
    ],
)
def test_changes_that_are_not_test_names_stay(production_extractor: Extractor, text: str,
                                              expected: dict[str, str]) -> None:
    assert statuses(production_extractor, text) == expected
