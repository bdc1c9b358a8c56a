"""A kit row that answers for several hotspots with one result (issue 4): a positive result does not say which
change is present, so every member is indeterminate; a negative one says none of them is."""

from __future__ import annotations

import pytest

HEADER = "Results\nGene  Variant  Result\n"


def _statuses(extractor, text: str) -> dict[tuple[str, str], str]:
    return {(v.gene, v.alteration): v.status for v in extractor.extract_text(text, kind="genetic_report").variants}


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        # positive: every member of the group is indeterminate
        (HEADER + "NRAS  Q61K/Q61R  +\n", {("NRAS", "Q61K"): "indeterminate", ("NRAS", "Q61R"): "indeterminate"}),
        (
            "检测结果\n基因\t突变位点\t检测结果\nKRAS\tG12C/G12D/G12V\t阳性\n",
            {("KRAS", "G12C"): "indeterminate", ("KRAS", "G12D"): "indeterminate", ("KRAS", "G12V"): "indeterminate"},
        ),
        ("检测结果\nKRAS G12C/G12D/G12V 阳性\n", {("KRAS", "G12C"): "indeterminate", ("KRAS", "G12D"): "indeterminate",
                                           ("KRAS", "G12V"): "indeterminate"}),
        ("Results\nKRAS  p.G12C/p.G12D  Detected\n", {("KRAS", "G12C"): "indeterminate", ("KRAS", "G12D"): "indeterminate"}),
        ("KRAS G12C或G12D突变阳性\n", {("KRAS", "G12C"): "indeterminate", ("KRAS", "G12D"): "indeterminate"}),
        # an exon event and a protein change in one group: both were read detected
        ("检测项目：EGFR 19del/L858R\n检测结果：阳性\n", {("EGFR", "exon19del"): "indeterminate",
                                                    ("EGFR", "L858R"): "indeterminate"}),
        ("Results\nEGFR  exon 19 deletion / L858R  Detected\n", {("EGFR", "exon19del"): "indeterminate",
                                                                ("EGFR", "L858R"): "indeterminate"}),
        ("EGFR 19del/L858R：阴性\n", {("EGFR", "exon19del"): "not_detected", ("EGFR", "L858R"): "not_detected"}),
        # the other members written as bare residues: the one change read is indeterminate
        ("Results\nKRAS  G12C/D/V  Positive\n", {("KRAS", "G12C"): "indeterminate"}),
        # negative: the kit says none of them is present
        (
            "检测结果\n基因\t突变位点\t检测结果\nKRAS\tG12C/G12D/G12V\t阴性\nEGFR\tL858R\t阳性\n",
            {("KRAS", "G12C"): "not_detected", ("KRAS", "G12D"): "not_detected", ("KRAS", "G12V"): "not_detected",
             ("EGFR", "L858R"): "detected"},
        ),
        (HEADER + "NRAS  Q61K/Q61R  -\nEGFR  L858R  +\n", {("NRAS", "Q61K"): "not_detected",
                                                       ("NRAS", "Q61R"): "not_detected", ("EGFR", "L858R"): "detected"}),
        # no group: one change written twice, a cDNA and its change, a row of its own
        ("Results\nEGFR  p.L858R/p.Leu858Arg  阳性\n", {("EGFR", "L858R"): "detected"}),
        ("Results\nKRAS  c.34G>T/p.G12C  Detected\n", {("KRAS", "G12C"): "detected"}),
        (HEADER + "NRAS  Q61K  +\nNRAS  Q61R  -\n", {("NRAS", "Q61K"): "detected", ("NRAS", "Q61R"): "not_detected"}),
    ],
)
def test_kit_group_positive_is_indeterminate_negative_is_not_detected(variant_extractor, text: str, expected) -> None:
    assert _statuses(variant_extractor, text) == expected


@pytest.mark.issue(4)
def test_kit_group_reason_is_in_the_status_evidence(variant_extractor) -> None:
    variant = variant_extractor.extract_text(HEADER + "NRAS  Q61K/Q61R  +\n", kind="genetic_report").variants[0]
    assert variant.evidence.status_words.text == "+"
    assert "kit group 'Q61K/Q61R'" in variant.evidence.status_words.how


@pytest.mark.issue(4)
def test_extract_leaves_a_positive_kit_group_indeterminate(tmp_path) -> None:
    # end to end: a KRAS G12C/G12D/G12V kit row marked '阳性' read every member detected (a sotorasib claim,
    # G12C-specific, could have been approved on it)
    import review_engine

    report = tmp_path / "kit.txt"
    report.write_text("KRAS 突变检测报告\n检测结果\n基因\t突变位点\t检测结果\nKRAS\tG12C/G12D/G12V\t阳性\n",
                      encoding="utf-8")
    statuses = {v.alteration: v.status for v in review_engine.extract(str(report)).variants}
    assert statuses == {"G12C": "indeterminate", "G12D": "indeterminate", "G12V": "indeterminate"}


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "rows, expected",
    [
        # a header-less kit table: the column marked both '+' and '-' is its result column
        ("NRAS  Q61K  +\nEGFR  L858R  -\n", {("NRAS", "Q61K"): "detected", ("EGFR", "L858R"): "not_detected"}),
        (
            "NRAS  Q61K/Q61R  +\nEGFR  L858R  -\n",
            {("NRAS", "Q61K"): "indeterminate", ("NRAS", "Q61R"): "indeterminate", ("EGFR", "L858R"): "not_detected"},
        ),
        ("NRAS  Q61K  -  +\nEGFR  L858R  -  -\n", {("NRAS", "Q61K"): "detected", ("EGFR", "L858R"): "not_detected"}),
        # a '-' in a column no '+' marks (a VAF): no status column, and the dash may be an empty VAF or a
        # negative result: a person looks (it was read as detected)
        ("NRAS  Q61K  12%\nEGFR  L858R  -\n", {("NRAS", "Q61K"): "detected", ("EGFR", "L858R"): "indeterminate"}),
    ],
)
def test_header_less_kit_column_marked_both_ways(variant_extractor, rows: str, expected) -> None:
    assert _statuses(variant_extractor, f"Results\n{rows}") == expected
