"""A value that is a status only as a key's whole value ('EGFR L858R：无', 'EGFR mutation: None', 'EGFR L858R: N/A'):
'EGFR L858R：无' was read as detected by default and approved gefitinib. Anywhere else such words are other
columns' values ('KRAS G12D  15%  无' under a drugs column) or other words ('无法评估'). Words that say a result
could not be read ('无法评估', 'not evaluable') leave the change indeterminate (issue 4)."""

from __future__ import annotations

import pytest
from status_reading import statuses

from review_engine.nlp.pipeline import Extractor


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "expected"), [
    ("EGFR L858R：无", {"L858R": "not_detected"}),
    ("KRAS G12C: none", {"G12C": "not_detected"}),
    ("EGFR基因突变：无", {"mutation": "not_detected"}),
    ("EGFR mutation: None", {"mutation": "not_detected"}),
    ("EGFR L858R：无，T790M：阳性", {"L858R": "not_detected", "T790M": "detected"}),
    ("EGFR L858R: N/A", {"L858R": "indeterminate"}),
    ("EGFR L858R：/", {"L858R": "indeterminate"}),
    ("EGFR L858R：不适用", {"L858R": "indeterminate"}),
    ("EGFR L858R：正常", {"L858R": "not_detected"}),
    ("EGFR L858R: normal", {"L858R": "not_detected"}),
    # a bare 0 has no unit: a count, a fraction or a kit's code; a person reads it
    ("EGFR L858R：0", {"L858R": "indeterminate"}),
    # not the whole value: another column's, or the start of other words
    ("KRAS G12D  15%  无", {"G12D": "detected"}),
    # (a value of words no rule reads: a person reads it, never the default 'detected')
    ("EGFR L858R：无 相关靶向药物", {"L858R": "indeterminate"}),
    # words that say the result could not be read
    ("EGFR L858R：无法评估", {"L858R": "indeterminate"}),
    ("EGFR L858R：无法判断", {"L858R": "indeterminate"}),
    ("EGFR L858R: not evaluable", {"L858R": "indeterminate"}),
    ("EGFR L858R: could not be determined", {"L858R": "indeterminate"}),
    # a literal that reads forward only, as the whole value: the key's ('EGFR L858R突变：未发现' approved gefitinib)
    ("EGFR L858R突变：未发现", {"L858R": "not_detected"}),
    ("EGFR L858R突变：未见", {"L858R": "not_detected"}),
    ("EGFR L858R：未在本样本中检出", {"L858R": "not_detected"}),
    ("EGFR mutation: no reportable alterations", {"mutation": "not_detected"}),
    ("EGFR L858R：未发现，T790M：检出", {"L858R": "not_detected", "T790M": "detected"}),
    # as before: it reaches forward to the change after it
    ("未发现EGFR L858R突变", {"L858R": "not_detected"}),
    # a result that points to a comment is none: a person reads the comment
    ("EGFR L858R: see comment", {"L858R": "indeterminate"}),
    ("EGFR L858R：见备注", {"L858R": "indeterminate"}),
])
def test_a_bare_value_after_a_key(variant_extractor: Extractor, text: str, expected: dict[str, str]) -> None:
    assert statuses(variant_extractor, text) == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "expected"), [
    # a kit's check and cross marks: '×' was read as detected by default
    ("EGFR L858R  ×", {"L858R": "not_detected"}),
    ("EGFR L858R  √", {"L858R": "detected"}),
    ("基因\t位点\t结果\nEGFR\tL858R\t×\nEGFR\t19del\t√", {"L858R": "not_detected", "exon19del": "detected"}),
])
def test_check_and_cross_marks(variant_extractor: Extractor, text: str, expected: dict[str, str]) -> None:
    assert statuses(variant_extractor, text) == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "expected"), [
    # a value of words no rule reads: a negative or a failed result no literal knows yet, never 'detected'
    ("EGFR L858R：质检未达标", {"L858R": "indeterminate"}),
    ("EGFR L858R：敏感突变", {"L858R": "indeterminate"}),
    ("EGFR L858R: sensitizing", {"L858R": "indeterminate"}),
    ("EGFR L858R：检测未完成，T790M：阳性", {"L858R": "indeterminate", "T790M": "detected"}),
    # a value that names the change, measures it or is a known column value says nothing against it
    ("EGFR L858R：错义突变", {"L858R": "detected"}),
    ("EGFR L858R: pathogenic", {"L858R": "detected"}),
    ("EGFR L858R: c.2573T>G", {"L858R": "detected"}),
    ("EGFR L858R：exon 21", {"L858R": "detected"}),
    ("EGFR L858R 突变：检出", {"L858R": "detected"}),
    ("EGFR：L858R", {"L858R": "detected"}),
    ("EGFR L858R：（阳）", {"L858R": "detected"}),
])
def test_a_value_no_rule_reads(variant_extractor: Extractor, text: str, expected: dict[str, str]) -> None:
    assert statuses(variant_extractor, text) == expected
