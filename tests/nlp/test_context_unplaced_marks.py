"""Marks after a change that no table places ('EGFR L858R (-)', 'EGFR p.L858R <0.1% 2000x - -'): a mark that
only says a status is read as it; a dash, which may also be an empty VAF, depth or tier cell, sends the change
to a person. Both were read as detected (issue 4)."""

from __future__ import annotations

import pytest
from status_reading import statuses


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        # bracketed marks and 'ND' say one status only
        ("EGFR L858R (-)\n", {"L858R": "not_detected"}),
        ("EGFR L858R（-）\n", {"L858R": "not_detected"}),
        ("EGFR 21号外显子 L858R (+)\n", {"L858R": "detected"}),
        ("EGFR p.L858R 2000x ND\n", {"L858R": "not_detected"}),
        # a dash alone, or dashes after measures: a status or empty cells, no one can tell
        ("EGFR p.L858R -\n", {"L858R": "indeterminate"}),
        ("EGFR p.L858R <0.1% 2000x - -\n", {"L858R": "indeterminate"}),
        ("EGFR\tp.L858R\t-\n", {"L858R": "indeterminate"}),
        ("EGFR p.L858R 23.5% -\n", {"L858R": "indeterminate"}),
        # marks that disagree
        ("EGFR L858R (+) (-)\n", {"L858R": "indeterminate"}),
        # the dash answers for the change before it only, not for the next gene's change
        ("EGFR L858R - KRAS G12C (+)\n", {"L858R": "indeterminate", "G12C": "detected"}),
        # words that are no column value: the dash is punctuation, the default holds
        ("EGFR 19del - sensitive to gefitinib\n", {"exon19del": "detected"}),
        ("EGFR p.L858R 23.5%\n", {"L858R": "detected"}),
        # a header row that names the columns (none a status) places the dash: an empty cell
        ("Gene Variant VAF Tier\nEGFR p.L858R 23.5% -\n", {"L858R": "detected"}),
        ("基因 突变 丰度 等级\nEGFR p.L858R 23.5% -\n", {"L858R": "detected"}),
        ("Gene\tVariant\tVAF\tTier\nEGFR\tp.L858R\t23.5%\t-\n", {"L858R": "detected"}),
        # a row above is no header, whatever column names its words hold ('mutation', 'tier'): the dash is unplaced
        (("Gene Protein change Transcript Detection result Clinical significance\n"
          "PIK3CA p.H1047R NM_006218.4 Mutation detected Tier II\nNRAS Q61K NM_002524.5 - -\n"),
         {"H1047R": "detected", "Q61K": "indeterminate"}),
        # a status literal still decides: the dash before it is another cell
        ("EGFR p.L858R - Not detected\n", {"L858R": "not_detected"}),
        ("EGFR p.L858R - 阳性\n", {"L858R": "detected"}),
    ],
)
def test_marks_after_a_change_no_table_places(variant_extractor, text: str, expected: dict[str, str]) -> None:
    assert statuses(variant_extractor, f"Results\n{text}") == expected


@pytest.mark.issue(4)
def test_unplaced_dash_says_why_in_the_evidence(variant_extractor) -> None:
    (variant,) = variant_extractor.extract_text("Results\nEGFR p.L858R <0.1% 2000x - -\n", kind="genetic_report").variants
    words = variant.evidence.status_words
    assert words is not None and words.text == "- -"
    assert "empty VAF" in words.how and "a person must look" in words.how


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, expected",
    [
        # a word naming the change stands between it and its mark: '突变' says no status beside '（-）'
        ("EGFR L858R突变（-）", {"L858R": "not_detected"}),
        ("EGFR L858R 突变 (-)", {"L858R": "not_detected"}),
        ("EGFR 19外显子缺失突变（-）", {"exon19del": "not_detected"}),
        ("EGFR exon 19 deletion (-)", {"exon19del": "not_detected"}),
        ("EGFR L858R突变（+）", {"L858R": "detected"}),
        ("EGFR L858R突变（-），19外显子缺失突变（-）", {"L858R": "not_detected", "exon19del": "not_detected"}),
        ("EGFR L858R 突变 -", {"L858R": "indeterminate"}),
        # the naming word alone still says detected, as a kit writes it
        ("EGFR L858R 突变", {"L858R": "detected"}),
    ],
)
@pytest.mark.parametrize("extractor", ["variant_extractor", "production_extractor"])
def test_marks_after_a_word_naming_the_change(request, extractor: str, row: str, expected: dict[str, str]) -> None:
    # the production pipeline's tagger reads 'EGFR L858R突变' whole as well: that reading ended the slot of
    # 'L858R' before its mark, and the change was read as detected
    assert statuses(request.getfixturevalue(extractor), f"检测结果\n{row}\n") == expected
