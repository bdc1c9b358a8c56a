"""One fusion result for several genes, as PCR kits and panels print it (issue 4). 'ALK/ROS1 fusion: positive'
was read as a ROS1 fusion and 'ROS1/ALK/RET融合：阳性' as a RET fusion: the result does not say which gene is
fused. 'NTRK1/2/3融合：未检测到' gave NTRK1 alone, as a 'mutation'. A test's name ('ALK融合基因检测报告') was
read as a detected fusion."""

from __future__ import annotations

import pytest

from review_engine.nlp.pipeline import Extractor


def _fusions(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    found = extractor.extract_text(text, kind="genetic_report").variants
    return [(v.gene, v.status) for v in found if v.alteration == "fusion"]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        # a positive for the group says no gene: each is indeterminate, a person looks
        ("ALK/ROS1 fusion: positive", [("ALK", "indeterminate"), ("ROS1", "indeterminate")]),
        ("ROS1/ALK/RET融合：阳性", [("ROS1", "indeterminate"), ("ALK", "indeterminate"), ("RET", "indeterminate")]),
        ("NTRK1/2/3融合：阳性", [("NTRK1", "indeterminate"), ("NTRK2", "indeterminate"), ("NTRK3", "indeterminate")]),
        # a negative for the group rules out every gene
        ("NTRK1/2/3融合：未检测到", [("NTRK1", "not_detected"), ("NTRK2", "not_detected"), ("NTRK3", "not_detected")]),
        ("NTRK1/2/3 fusion: not detected", [("NTRK1", "not_detected"), ("NTRK2", "not_detected"),
                                            ("NTRK3", "not_detected")]),
        ("NTRK1、NTRK2、NTRK3融合：阴性", [("NTRK1", "not_detected"), ("NTRK2", "not_detected"),
                                         ("NTRK3", "not_detected")]),
        ("ALK or ROS1 rearrangement: not detected", [("ALK", "not_detected"), ("ROS1", "not_detected")]),
        # a named fusion beside a group keeps its own result
        ("检测结果：EML4-ALK融合阳性，ROS1/RET融合阴性", [("ALK", "detected"), ("ROS1", "not_detected"),
                                                  ("RET", "not_detected")]),
    ],
)
def test_one_result_for_a_list_of_genes(production_extractor: Extractor, text: str,
                                        expected: list[tuple[str, str]]) -> None:
    assert _fusions(production_extractor, text) == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text",
    ["ALK融合基因检测报告", "ALK融合基因检测", "ALK fusion gene testing", "ALK/ROS1/RET融合基因检测"],
)
def test_a_tests_name_is_no_fusion(production_extractor: Extractor, text: str) -> None:
    assert _fusions(production_extractor, text) == []


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "expected"), [("ALK融合基因：阳性", [("ALK", "detected")]),
                                                ("RET融合基因 阴性", [("RET", "not_detected")])])
def test_a_fusion_gene_result_stays(production_extractor: Extractor, text: str, expected: list) -> None:
    assert _fusions(production_extractor, text) == expected
