"""A status that leads a list after a colon answers for the list ('未检测到突变的位点：KRAS G12C；BRAF V600E'); a
status with a change between it and the colon is the previous change's own, and the colon the next one's
('EGFR L858R：阴性 T790M：阳性'): read as a lead, it swapped the two results. A status right after a change's
colon or bracket is that change's value, not another change's (issue 4)."""

from __future__ import annotations

import pytest
from status_reading import statuses

from review_engine.nlp.pipeline import Extractor


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "expected"), [
    ("EGFR L858R：阴性 T790M：阳性", {"L858R": "not_detected", "T790M": "detected"}),
    ("EGFR L858R：阳性 T790M：阴性", {"L858R": "detected", "T790M": "not_detected"}),
    ("EGFR L858R：阳性  T790M：阴性", {"L858R": "detected", "T790M": "not_detected"}),
    ("EGFR 19del：阳性  L858R：阴性", {"exon19del": "detected", "L858R": "not_detected"}),
    ("EGFR L858R: negative T790M: positive", {"L858R": "not_detected", "T790M": "detected"}),
    ("KRAS G12C：未检出 BRAF V600E：检出", {"G12C": "not_detected", "V600E": "detected"}),
    # a bracketed value after each change: the later change's is not the earlier one's
    ("EGFR L858R（突变型）  T790M（野生型）", {"L858R": "detected", "T790M": "not_detected"}),
    ("EGFR L858R（野生型）  T790M（突变型）", {"L858R": "not_detected", "T790M": "detected"}),
    # a result word no rule reads right after a change is its own value: the status after the next change is
    # that one's (19del was read not detected)
    ("EGFR 19del 检出，T790M 未检出", {"exon19del": "detected", "T790M": "not_detected"}),
    ("EGFR L858R 突变 T790M 未检出", {"L858R": "detected", "T790M": "not_detected"}),
    ("KRAS G12C 未检出 BRAF V600E 检出", {"G12C": "not_detected", "V600E": "detected"}),
    ("未检出 KRAS G12C、BRAF V600E 突变", {"G12C": "not_detected", "V600E": "not_detected"}),
    ("EGFR L858R 突变阴性", {"L858R": "not_detected"}),
    # one value for a list of changes still answers for each
    ("EGFR 19del（丰度 12%）、L858R（丰度 5%）：阳性", {"exon19del": "detected", "L858R": "detected"}),
    # the leads that stay: words, not a change, before the colon
    ("Hotspots not detected: KRAS G12C, G12D; NRAS Q61K; BRAF V600E",
     {"G12C": "not_detected", "G12D": "not_detected", "Q61K": "not_detected", "V600E": "not_detected"}),
    ("未检测到突变的位点：KRAS G12C；BRAF V600E", {"G12C": "not_detected", "V600E": "not_detected"}),
])
def test_a_status_before_the_next_change_is_no_list_lead(variant_extractor: Extractor, text: str,
                                                         expected: dict[str, str]) -> None:
    assert statuses(variant_extractor, text) == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize("text", ["KRAS、NRAS、BRAF 均未检测到突变", "KRAS、NRAS、BRAF基因均为野生型",
                                  "KRAS, NRAS and BRAF genes: all wild-type"])
def test_a_gene_list_result_said_of_all_of_them(variant_extractor: Extractor, text: str) -> None:
    found = {(v.gene, v.status) for v in variant_extractor.extract_text(text, kind="genetic_report").variants}
    assert found == {("KRAS", "not_detected"), ("NRAS", "not_detected"), ("BRAF", "not_detected")}


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "expected"), [
    # the line gives each change its result as a value and the last one has none (the line was cut, or its cell
    # lost): T790M was 'detected' by default
    ("EGFR L858R：阴性，T790M", {"L858R": "not_detected", "T790M": "indeterminate"}),
    ("EGFR L858R：阴性，T790M：", {"L858R": "not_detected", "T790M": "indeterminate"}),
    ("EGFR L858R 阴性；T790M", {"L858R": "not_detected", "T790M": "indeterminate"}),
    ("EGFR L858R: negative, T790M", {"L858R": "not_detected", "T790M": "indeterminate"}),
    # words of its own after it: the default stays
    ("EGFR L858R 阴性；T790M 12.5%", {"L858R": "not_detected", "T790M": "detected"}),
    ("EGFR L858R突变阳性，同时伴有T790M突变", {"L858R": "detected", "T790M": "detected"}),
    # no change on the line has a value: a list of changes found
    ("检出变异：EGFR L858R，T790M", {"L858R": "detected", "T790M": "detected"}),
    ("EGFR L858R：阳性，T790M：阴性", {"L858R": "detected", "T790M": "not_detected"}),
])
def test_a_change_without_the_value_its_neighbours_have_is_indeterminate(variant_extractor: Extractor, text: str,
                                                                         expected: dict[str, str]) -> None:
    assert statuses(variant_extractor, text) == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "expected"), [
    # genes listed before the one a kind word follows share its word and its result (MET was read as nothing;
    # ALK and ROS1 as indeterminate)
    ("MET、ERBB2扩增：阴性", {("MET", "amplification", "not_detected"), ("ERBB2", "amplification", "not_detected")}),
    ("MET/ERBB2 amplification: not detected",
     {("MET", "amplification", "not_detected"), ("ERBB2", "amplification", "not_detected")}),
    ("ALK、ROS1融合及MET扩增：阴性", {("ALK", "fusion", "not_detected"), ("ROS1", "fusion", "not_detected"),
                                 ("MET", "amplification", "not_detected")}),
    ("检出MET、ERBB2扩增", {("MET", "amplification", "detected"), ("ERBB2", "amplification", "detected")}),
    # a copy number belongs to the gene it stands beside; a change between is no list
    ("MET（拷贝数 8.2）、ERBB2扩增", {("MET", "amplification", "detected"), ("ERBB2", "amplification", "detected")}),
    ("EGFR L858R、MET扩增", {("EGFR", "L858R", "detected"), ("MET", "amplification", "detected")}),
])
def test_listed_genes_share_the_kind_word_after_them(variant_extractor: Extractor, text: str, expected: set) -> None:
    found = {(v.gene, v.alteration, v.status) for v in variant_extractor.extract_text(text, kind="genetic_report").variants}
    assert found == expected


@pytest.mark.issue(4)
def test_a_listed_gene_takes_no_copy_number_of_the_next(variant_extractor: Extractor) -> None:
    variants = variant_extractor.extract_text("检出MET、ERBB2扩增（拷贝数 12）", kind="genetic_report").variants
    assert {(v.gene, v.copy_number) for v in variants} == {("MET", None), ("ERBB2", 12.0)}


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "expected"), [
    ("ALK融合 EML4-ALK 阳性", [("ALK", "EML4", "detected")]),
    ("NTRK1融合 TPM3-NTRK1 阳性", [("NTRK1", "TPM3", "detected")]),
])
def test_a_change_named_then_given_with_its_value_is_one_finding(variant_extractor: Extractor, text: str,
                                                                 expected: list) -> None:
    # the value after it is its own detail's, no neighbour's: an indeterminate ALK fusion stood beside the
    # detected EML4-ALK
    found = [(v.gene, v.partner, v.status) for v in variant_extractor.extract_text(text, kind="genetic_report").variants]
    assert found == expected
