"""A change no words gave a status, in a report whose results say the gene has no mutation, is no positive
(issue 4). Negative EGFR reports explain what the test looks for: 'EGFR L858R突变患者可从EGFR-TKI治疗中获益'
beside '检测结果：未检测到EGFR基因突变'. The negative was dropped as being about the gene's other exons, and the
explanation's L858R, 'detected' by default, approved gefitinib."""

from __future__ import annotations

import pytest

from review_engine.nlp.pipeline import Extractor


def _variants(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    return [(v.alteration, v.status) for v in extractor.extract_text(text, kind="genetic_report").variants]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text",
    [
        "检测结果：未检测到EGFR基因突变\n结果解读\nEGFR 19del和L858R突变是最常见的EGFR敏感突变，携带者可从吉非替尼获益。\n",
        "检测结果：未检测到EGFR基因突变\nEGFR L858R突变患者可从EGFR-TKI治疗中获益。\n",
        "Result: No EGFR mutation detected.\nPatients with EGFR L858R or exon 19 deletion respond to gefitinib.\n",
    ],
)
def test_an_explanation_beside_a_negative_is_no_positive(production_extractor: Extractor, text: str) -> None:
    found = dict(_variants(production_extractor, text))
    assert found["mutation"] == "not_detected"
    assert "detected" not in {status for alteration, status in found.items() if alteration != "mutation"}


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text",
    [
        # a negative of the gene's other changes says nothing against the change the report names
        "检测结果\nEGFR L858R 突变 丰度23%\nEGFR 其他位点 未检测到突变\n",
        "检测结果\nEGFR  L858R  23.5%\nEGFR其余外显子未检测到突变\n",
        "Results\nEGFR L858R  VAF 23%\nNo other EGFR mutations detected\n",
        "检测结果\nEGFR L858R 突变\n未检测到EGFR其他突变\n",
        "检测结果\nEGFR L858R 突变\nEGFR other mutations: not detected\n",
        # nor does an exon's negative
        "检测结果\nEGFR L858R 突变 丰度23%\nEGFR 20号外显子 未检测到突变\n",
    ],
)
def test_a_named_change_beside_a_negative_of_the_others_stays_detected(production_extractor: Extractor,
                                                                       text: str) -> None:
    assert ("L858R", "detected") in _variants(production_extractor, text)


@pytest.mark.issue(4)
def test_a_gene_with_a_worded_positive_keeps_its_explanations_reading(production_extractor: Extractor) -> None:
    # the report names EGFR E746_A750del in words; the explanation's '19号外显子缺失' only repeats it, whatever a
    # later 'EGFR wild-type' (another report's words on the same page) says of the gene
    text = ("检测结果\nEGFR | c.2235_2249del p.E746_A750del | 第19外显子 | 18.2% | 阳性\n"
            "EGFR 19号外显子缺失为EGFR-TKI敏感突变。\nKRAS G12C is a target for sotorasib. EGFR wild-type.\n")
    found = _variants(production_extractor, text)
    assert ("E746_A750del", "detected") in found
    assert "indeterminate" not in {status for _, status in found}
