"""Negative results no rule read, so the change kept the default 'detected' (issue 4): 'not mutated', 'no mutation
identified', 'wild-type for', 'No mutations were detected in EGFR exons 18-21 (including L858R)', '结果均为阴性' after a
list of tested sites, '未见异常', '检测不到', '非突变型', '无该突变', '未携带', '（阴）', and a list of the mutations
tested whose result stands in another sentence."""

from __future__ import annotations

import pytest
from status_reading import statuses


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        ("EGFR L858R: no mutation identified", {"L858R": "not_detected"}),
        ("EGFR L858R: not mutated", {"L858R": "not_detected"}),
        ("EGFR L858R: unmutated", {"L858R": "not_detected"}),
        ("EGFR L858R: non-mutated", {"L858R": "not_detected"}),
        ("The sample is wild-type for EGFR L858R.", {"L858R": "not_detected"}),
        ("No mutations were detected in EGFR exons 18-21 (including L858R).", {"L858R": "not_detected"}),
        ("本次检测EGFR L858R、T790M位点，结果均为阴性", {"L858R": "not_detected", "T790M": "not_detected"}),
        ("EGFR L858R：未见异常", {"L858R": "not_detected"}),
        ("EGFR L858R：未见明显异常", {"L858R": "not_detected"}),
        ("EGFR L858R 检测不到", {"L858R": "not_detected"}),
        ("EGFR L858R：非突变型", {"L858R": "not_detected"}),
        ("EGFR L858R 无该突变", {"L858R": "not_detected"}),
        ("EGFR L858R 未发生突变", {"L858R": "not_detected"}),
        ("患者未携带EGFR L858R突变", {"L858R": "not_detected"}),
        ("EGFR L858R：（阴）", {"L858R": "not_detected"}),
        ("EGFR L858R：（阳）", {"L858R": "detected"}),
        # the mutations a test looked for, its result in the next sentence: a person reads it, never 'detected'
        ("Mutations tested: EGFR L858R, T790M. Result: Negative.", {"L858R": "indeterminate", "T790M": "indeterminate"}),
        ("Mutations tested: EGFR L858R, T790M\nResult: Negative", {"L858R": "not_detected", "T790M": "not_detected"}),
        # 'all negative' speaks of the list before it, not of a change another result was given for
        ("EGFR L858R 阳性，KRAS G12C、NRAS Q61K 均为阴性",
         {"L858R": "detected", "G12C": "not_detected", "Q61K": "not_detected"}),
        ("EGFR L858R detected; the sample is wild-type for KRAS G12C.", {"L858R": "detected", "G12C": "not_detected"}),
        # ... nor of the next gene's change ('携带' there is one letter from '未携带', and '是否携带' is no result: a
        # person reads it)
        ("患者未携带KRAS G12C突变，携带EGFR L858R突变", {"G12C": "not_detected", "L858R": "indeterminate"}),
    ],
)
def test_negatives_no_rule_read(variant_extractor, text: str, expected: dict[str, str]) -> None:
    assert statuses(variant_extractor, text) == expected
