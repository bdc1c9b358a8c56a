"""Result wordings of Chinese and English reports (issue 4): 'V600E 未突变' (not mutated), 'was not found', 'ALK
融合：未见融合', 'MET amplification: not amplified' and many more negatives were read as detected, and so were
equivocal and pending results."""

from __future__ import annotations

import pytest
from status_reading import statuses


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, expected",
    [
        ("BRAF V600E 未突变", {"V600E": "not_detected"}),
        ("EGFR L858R 突变，KRAS G12C 未突变", {"L858R": "detected", "G12C": "not_detected"}),
        ("EGFR L858R 低于检测下限", {"L858R": "not_detected"}),
        ("KRAS G12C below the limit of detection, NRAS Q61K detected", {"G12C": "not_detected", "Q61K": "detected"}),
        ("KRAS G12C: below the detection limit", {"G12C": "not_detected"}),
        # an equivocal result is no result: a person looks
        ("EGFR L858R 可疑阳性", {"L858R": "indeterminate"}),
        ("EGFR L858R 疑似阳性，建议复检", {"L858R": "indeterminate"}),
        ("EGFR L858R equivocal", {"L858R": "indeterminate"}),
        # a hotspot panel's 0.00% for a change it did not find was read as detected
        ("EGFR L858R 0.00%", {"L858R": "indeterminate"}),
        ("EGFR L858R 丰度：0.0%", {"L858R": "indeterminate"}),
        ("EGFR L858R  VAF 0%  Not detected", {"L858R": "not_detected"}),
        ("EGFR L858R 0.5%", {"L858R": "detected"}),
        # a fraction given only as below the assay's floor is no detection either
        ("EGFR T790M 突变丰度 <0.1%", {"T790M": "indeterminate"}),
        ("EGFR L858R VAF below 0.5%", {"L858R": "indeterminate"}),
        ("EGFR L858R：阴性（<0.1%）", {"L858R": "not_detected"}),
        ("EGFR L858R 阳性（丰度 15%），T790M <0.1%", {"L858R": "detected", "T790M": "indeterminate"}),
        # a borderline value or the grey zone of a PCR kit's cut-off was read as detected
        ("EGFR T790M：临界值", {"T790M": "indeterminate"}),
        ("EGFR T790M：灰区", {"T790M": "indeterminate"}),
        ("EGFR L858R 阳性，T790M 临界", {"L858R": "detected", "T790M": "indeterminate"}),
        ("EGFR L858R detected; T790M gray zone", {"L858R": "detected", "T790M": "indeterminate"}),
        ("EGFR T790M: borderline", {"T790M": "indeterminate"}),
        # a weak positive is a positive
        ("EGFR L858R 弱阳性", {"L858R": "detected"}),
        # negatives in running text and in cells, English
        ("The EGFR L858R mutation was not found.", {"L858R": "not_detected"}),
        ("There is no evidence of EGFR L858R.", {"L858R": "not_detected"}),
        ("EGFR L858R: Negative for mutation", {"L858R": "not_detected"}),
        ("EGFR L858R: Not present", {"L858R": "not_detected"}),
        ("EGFR L858R: Undetected", {"L858R": "not_detected"}),
        ("EGFR L858R: ruled out", {"L858R": "not_detected"}),
        # and Chinese
        ("EGFR L858R：不存在", {"L858R": "not_detected"}),
        ("EGFR L858R：未发现该突变", {"L858R": "not_detected"}),
        ("没有检测到EGFR L858R突变", {"L858R": "not_detected"}),
        ("EGFR L858R：（－）", {"L858R": "not_detected"}),
        # no result yet, or none to trust: a person looks
        ("EGFR L858R: pending", {"L858R": "indeterminate"}),
        ("EGFR L858R: QNS", {"L858R": "indeterminate"}),
        ("EGFR L858R: cannot be excluded", {"L858R": "indeterminate"}),
        ("EGFR L858R 待定", {"L858R": "indeterminate"}),
        ("EGFR L858R 不能排除", {"L858R": "indeterminate"}),
        ("EGFR L858R：-", {"L858R": "indeterminate"}),
        # '未检测' is 'not tested', one letter from '未检测到' (not detected)
        ("EGFR L858R：未检测", {"L858R": "indeterminate"}),
        ("EGFR L858R：未检测到", {"L858R": "not_detected"}),
        ("EGFR L858R 未检测到突变", {"L858R": "not_detected"}),
        ("未检测到EGFR L858R突变", {"L858R": "not_detected"}),
        # a result the lab itself doubts, or has not confirmed: a person looks (these were read as detected)
        ("Suspected EGFR L858R, confirmation pending.", {"L858R": "indeterminate"}),
        ("EGFR L858R possibly present", {"L858R": "indeterminate"}),
        ("EGFR L858R: not confirmed", {"L858R": "indeterminate"}),
        ("EGFR L858R 可能存在", {"L858R": "indeterminate"}),
        ("EGFR L858R 阳性，待确认", {"L858R": "indeterminate"}),
        ("EGFR 19del 阳性，建议复检", {"exon19del": "indeterminate"}),
        ("EGFR L858R detected (below LOD)", {"L858R": "indeterminate"}),
        ("Absence of EGFR L858R", {"L858R": "not_detected"}),
        # a suspected germline origin is an origin, not a doubted result
        ("BRCA2 c.5946delT, suspected germline", {"mutation": "detected"}),
        ("BRCA2 c.5946delT 疑似胚系", {"mutation": "detected"}),
    ],
)
def test_kit_result_wordings(variant_extractor, row: str, expected: dict[str, str]) -> None:
    assert statuses(variant_extractor, f"检测结果\n{row}\n") == expected


@pytest.mark.issue(4)
def test_not_mutated_covers_a_gene_list(variant_extractor) -> None:
    found = variant_extractor.extract_text("检测结果\nKRAS、NRAS、BRAF 未突变\n", kind="genetic_report").variants
    assert {(v.gene, v.status) for v in found} == {("KRAS", "not_detected"), ("NRAS", "not_detected"),
                                                   ("BRAF", "not_detected")}


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, expected",
    [
        # a negative that names what was not found is a result for that alteration, not for every change in the
        # gene ('MET 未见扩增' says nothing of MET exon 14 skipping)
        ("ALK 融合：未见融合", ("ALK", "fusion", "not_detected")),
        ("ALK fusion: no rearrangement identified", ("ALK", "fusion", "not_detected")),
        ("ALK：未发生重排", ("ALK", "fusion", "not_detected")),
        ("MET 未见扩增", ("MET", "amplification", "not_detected")),
        ("MET 扩增：未扩增", ("MET", "amplification", "not_detected")),
        ("MET amplification: not amplified", ("MET", "amplification", "not_detected")),
        # a copy-number value after the status widened the words ConText read the status beside
        ("ERBB2 amplification: Not detected (copy number 2.1)", ("ERBB2", "amplification", "not_detected")),
        ("ERBB2 amplification (copy number 12.5)", ("ERBB2", "amplification", "detected")),
    ],
)
def test_negatives_that_name_the_alteration(variant_extractor, row: str, expected: tuple[str, str, str]) -> None:
    found = variant_extractor.extract_text(f"检测结果\n{row}\n", kind="genetic_report").variants
    assert [(v.gene, v.alteration, v.status) for v in found] == [expected]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "sentence, expected",
    [
        # narrative conclusions: each was read as detected
        ("Neither KRAS G12C nor NRAS Q61K was detected.", {"G12C": "not_detected", "Q61K": "not_detected"}),
        ("The specimen was tested for EGFR L858R; the result was negative.", {"L858R": "not_detected"}),
        ("本次检测未在该样本中检测到EGFR基因L858R突变。", {"L858R": "not_detected"}),
        ("本次检测EGFR L858R突变丰度低于0.1%，判定为阴性。", {"L858R": "not_detected"}),
        ("受检者EGFR L858R突变不能确定，建议重新取样检测。", {"L858R": "indeterminate"}),
        # a positive beside them stays one
        ("EGFR L858R detected; KRAS G12C not detected, nor NRAS Q61K.",
         {"L858R": "detected", "G12C": "not_detected", "Q61K": "not_detected"}),
    ],
)
def test_narrative_conclusions(variant_extractor, sentence: str, expected: dict[str, str]) -> None:
    assert statuses(variant_extractor, f"结论\n{sentence}\n") == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, status",
    [
        # a copy number below an amplification's least (variant_patterns.json amplification_min_copy_number)
        # contradicts the word: a person looks
        ("ERBB2 amplification (copy number 2.1)", "indeterminate"),
        ("MET 扩增 拷贝数 3.2", "indeterminate"),
        ("ERBB2 amplification (copy number 12.5)", "detected"),
        ("MET 扩增", "detected"),
        ("ERBB2 amplification: Not detected (copy number 2.1)", "not_detected"),
    ],
)
def test_amplification_with_too_few_copies(variant_extractor, row: str, status: str) -> None:
    (variant,) = variant_extractor.extract_text(f"检测结果\n{row}\n", kind="genetic_report").variants
    assert variant.status == status


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "table",
    [
        "基因  突变  是否检出\nEGFR  L858R  否\nKRAS  G12C  是\n",
        "基因 突变 是否检出\nEGFR L858R 否\nKRAS G12C 是\n",
        "Gene  Change  Detected?\nEGFR  L858R  No\nKRAS  G12C  Yes\n",
    ],
)
def test_a_yes_no_detection_column(variant_extractor, table: str) -> None:
    # '否' (no) under '是否检出' (detected or not) was read as detected
    assert statuses(variant_extractor, f"检测结果\n{table}") == {"L858R": "not_detected", "G12C": "detected"}


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, expected",
    [
        # a suspected or not-excluded change, or a result with a question mark, is no result: each was detected
        ("EGFR L858R突变（疑似）", {"L858R": "indeterminate"}),
        ("疑似EGFR L858R突变，建议复检", {"L858R": "indeterminate"}),
        ("EGFR L858R 疑似突变", {"L858R": "indeterminate"}),
        ("不除外EGFR L858R突变", {"L858R": "indeterminate"}),
        ("EGFR L858R：阳性？", {"L858R": "indeterminate"}),
        ("EGFR L858R (possible)", {"L858R": "indeterminate"}),
        ("EGFR L858R (suspected)", {"L858R": "indeterminate"}),
        ("EGFR L858R: positive?", {"L858R": "indeterminate"}),
        ("EGFR L858R 阳性；疑似T790M", {"L858R": "detected", "T790M": "indeterminate"}),
        # a suspected germline origin leaves the change found, its origin unsettled: the words '疑似' at the head
        # of '疑似胚系' are no status of their own
        ("BRCA2 p.S1982fs 疑似胚系", {"S1982fs": "detected"}),
        ("BRCA2 p.S1982fs，不除外胚系来源", {"S1982fs": "detected"}),
        ("BRCA2 p.S1982fs possible germline", {"S1982fs": "detected"}),
        ("EGFR L858R detected, possible benefit from osimertinib", {"L858R": "detected"}),
    ],
)
def test_context_suspected_changes_are_indeterminate(variant_extractor, row: str, expected: dict) -> None:
    assert statuses(variant_extractor, row) == expected
