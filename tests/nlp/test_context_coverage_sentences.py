"""A sentence that says what a test can find is coverage, not a finding (issue 4). Without a methods header,
'本试剂盒可检测EGFR L858R、T790M、19del等29种突变' was read as three detected changes, and a negative kit report
approved gefitinib."""

from __future__ import annotations

import pytest

from review_engine.nlp.pipeline import Extractor


def _read(extractor: Extractor, text: str) -> tuple[list[tuple[str, str]], list[str]]:
    found = extractor.extract_text(text, kind="genetic_report")
    return [(v.alteration, v.status) for v in found.variants], found.genes_tested


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text",
    [
        "本检测覆盖EGFR L858R、T790M、19del等位点",
        "本试剂盒可检测EGFR L858R、T790M、19del等29种突变",
        "This assay covers EGFR L858R, T790M and exon 19 deletions.",
        "Detectable mutations include EGFR L858R and T790M.",
        "The panel detects KRAS G12C, G12D and G13D.",
        "Sensitivity for EGFR L858R is 1%.",
        "EGFR L858R 检测下限 1%",
        # a figure in the sentence is the test's floor, never the last change's fraction
        "本试剂盒可检测EGFR L858R、T790M、19del等29种突变，灵敏度可达1%",
        "This assay covers EGFR L858R, T790M and exon 19 deletions with a sensitivity down to 1%",
        "可检测EGFR L858R、T790M，最低检出限为 1%",
        "本试剂盒可检测EGFR L858R、T790M，灵敏度1%",
        # figures after changes with a cue that gives none of its own: the figures are the limits
        "This assay covers EGFR L858R (1%), T790M (0.5%)",
        "EGFR L858R 1% T790M 0.5% (limit of detection)",
        "Limit of detection: EGFR L858R 1%, T790M 1%",
    ],
)
def test_coverage_sentences_are_no_findings(production_extractor: Extractor, text: str) -> None:
    variants, genes_tested = _read(production_extractor, text)
    assert variants == []
    assert genes_tested  # the genes are coverage, as under a genes-covered header


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        # a depth column is no coverage cue, and a sentence break ends one
        ("EGFR L858R突变，丰度23.5%，覆盖深度2000×", [("L858R", "detected")]),
        ("本检测覆盖50个基因。检出EGFR L858R突变", [("L858R", "detected")]),
        ("The assay covers 50 genes. EGFR L858R was found.", [("L858R", "detected")]),
        # status words in the sentence still decide
        ("EGFR L858R detected (VAF 0.5%, LOD 0.1%)", [("L858R", "detected")]),
        # a change's own allele frequency with the limit of that measurement: a result (was no finding)
        ("EGFR L858R 15% (LOD 0.1%)", [("L858R", "detected")]),
        ("EGFR L858R 15% (LOD 0.1%), T790M 0.2% (LOD 0.1%)", [("L858R", "detected"), ("T790M", "detected")]),
        ("EGFR L858R 15.2%（检测下限 1%）", [("L858R", "detected")]),
    ],
)
def test_results_beside_coverage_words_stay(production_extractor: Extractor, text: str,
                                            expected: list[tuple[str, str]]) -> None:
    assert _read(production_extractor, text)[0] == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize("text", ["EGFR T790M: not detected (limit of detection 0.1%)", "EGFR T790M：未检出（检测下限 0.1%）",
                                  "EGFR T790M：未检出（检测下限0.1%）", "EGFR T790M: not detected (LOD 0.1%)"])
def test_an_assay_limit_is_no_allele_fraction(production_extractor: Extractor, text: str) -> None:
    # the limit was read as the change's VAF (0.1%): a reviewer saw a fraction for a change not found
    (variant,) = production_extractor.extract_text(text, kind="genetic_report").variants
    assert (variant.status, variant.vaf) == ("not_detected", None)
