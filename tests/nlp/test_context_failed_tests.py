"""A result the test could not give (a failed quality control, no call, an invalid run), a doubtful plus-minus,
and a fraction below the assay's limit of detection after a comma. Each was read as detected by default, or the
change was lost as a coverage sentence, and gefitinib approved on several (issue 4)."""

from __future__ import annotations

import pytest
from status_reading import statuses


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        # the sample or the run failed quality control: no result to trust
        ("EGFR L858R 样本质量不合格，未出结果", {"L858R": "indeterminate"}),
        ("EGFR L858R：DNA质量不合格", {"L858R": "indeterminate"}),
        ("EGFR L858R：质控不合格", {"L858R": "indeterminate"}),
        ("EGFR L858R：检测未通过质控", {"L858R": "indeterminate"}),
        ("EGFR L858R：扩增失败", {"L858R": "indeterminate"}),
        ("EGFR L858R：肿瘤细胞含量不足", {"L858R": "indeterminate"}),
        ("EGFR L858R：结果无效，建议重新送检", {"L858R": "indeterminate"}),
        ("EGFR L858R: QC fail", {"L858R": "indeterminate"}),
        ("EGFR L858R: no result", {"L858R": "indeterminate"}),
        ("EGFR L858R: no call", {"L858R": "indeterminate"}),
        ("EGFR L858R: invalid", {"L858R": "indeterminate"}),
        ("EGFR L858R: test not performed", {"L858R": "indeterminate"}),
        ("EGFR L858R: uninformative (DNA degraded)", {"L858R": "indeterminate"}),
        ("EGFR L858R: amplification failure", {"L858R": "indeterminate"}),
        # the failure of one change's test says nothing of the next gene's result
        ("EGFR L858R 阳性；KRAS G12C：扩增失败", {"L858R": "detected", "G12C": "indeterminate"}),
        ("EGFR L858R detected; KRAS G12C: no call", {"L858R": "detected", "G12C": "indeterminate"}),
        ("ALK IHC not performed. EGFR L858R detected.", {"mutation": "indeterminate", "L858R": "detected"}),
        # the laboratory gives the result for reference only, or for research use: no result to pay on
        ("EGFR L858R 阳性（仅供参考）", {"L858R": "indeterminate"}),
        ("EGFR 19del：结果仅供参考", {"exon19del": "indeterminate"}),
        ("EGFR L858R detected (for reference only)", {"L858R": "indeterminate"}),
        ("EGFR L858R detected (for research use only)", {"L858R": "indeterminate"}),
        # a plus-minus is a doubtful result, as in a kit's or a stain's grading
        ("EGFR L858R (±)", {"L858R": "indeterminate"}),
        ("EGFR L858R（±）", {"L858R": "indeterminate"}),
        ("EGFR L858R (+/-)", {"L858R": "indeterminate"}),
        ("EGFR T790M：+/-", {"T790M": "indeterminate"}),
        ("EGFR T790M：±", {"T790M": "indeterminate"}),
        ("EGFR T790M：+-", {"T790M": "indeterminate"}),
        ("EGFR L858R (+)", {"L858R": "detected"}),
        # below the limit of detection after a comma: the clause still speaks of the change
        ("EGFR L858R 突变丰度 0.5%，低于检测下限", {"L858R": "not_detected"}),
        ("EGFR L858R 突变丰度 0.5%，低于检测限", {"L858R": "not_detected"}),
        ("EGFR L858R 突变丰度 0.5%，低于检出限", {"L858R": "not_detected"}),
        ("EGFR L858R 0.5%，未达检测下限", {"L858R": "not_detected"}),
        ("EGFR L858R (VAF 0.5%), below the limit of detection", {"L858R": "not_detected"}),
        ("EGFR L858R 0.5%, below the validated limit of detection", {"L858R": "not_detected"}),
        # detected, and below the limit of detection: the words disagree, a person looks
        ("EGFR L858R was detected at 0.5%, below the limit of detection.", {"L858R": "indeterminate"}),
        # the limit speaks of the change it follows, not of one before another change
        ("EGFR L858R 阳性，T790M 0.1%，低于检测下限", {"L858R": "detected", "T790M": "not_detected"}),
        ("KRAS G12C 15%, NRAS Q61K below the limit of detection", {"G12C": "detected", "Q61K": "not_detected"}),
    ],
)
def test_failed_doubtful_and_floor_results(variant_extractor, text: str, expected: dict[str, str]) -> None:
    assert statuses(variant_extractor, text) == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text",
    ["EGFR L858R 阳性（肿瘤细胞含量约5%，可能存在假阴性）", "EGFR L858R detected (tumor content 10%; false negatives possible)",
     "EGFR L858R detected, tumour cellularity: 30%"],
)
def test_the_samples_tumour_content_is_no_allele_fraction(variant_extractor, text: str) -> None:
    """The tumour content beside a change was shown as its VAF."""
    (variant,) = variant_extractor.extract_text(text, kind="genetic_report").variants
    assert (variant.status, variant.vaf) == ("detected", None)
