"""A row that opens with its change, its gene in the next cell (issue 4): 'p.L858R  EGFR  Detected' was not read
at all (the change stood before any gene and was dropped: a missed positive)."""

from __future__ import annotations

import pytest


def _read(extractor, rows: str) -> dict[tuple[str, str], str]:
    found = extractor.extract_text(f"Results\n{rows}", kind="genetic_report").variants
    return {(v.gene, v.alteration): v.status for v in found}


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "rows, expected",
    [
        # the change opens the row, the gene in the next cell
        (
            "p.L858R  EGFR  Detected\np.G12C  KRAS  Not detected\n",
            {("EGFR", "L858R"): "detected", ("KRAS", "G12C"): "not_detected"},
        ),
        ("p.Leu858Arg\tEGFR\t45%\tDetected\n", {("EGFR", "L858R"): "detected"}),
        ("c.34G>T p.G12C KRAS 阴性\n", {("KRAS", "G12C"): "not_detected"}),
        ("p.L858R  EGFR  -\np.G12C  KRAS  Detected\n", {("EGFR", "L858R"): "not_detected", ("KRAS", "G12C"): "detected"}),
        # the row's cells after the gene are the change's (its own gene between them and it)
        ("p.L858R EGFR Exon 21 1523 No mutation\n", {("EGFR", "L858R"): "not_detected"}),
        # a status between the changes: not read as a row that opens with its change (it stood where no rule reached)
        ("c.2573T>G 未检出 p.Leu858Arg EGFR\n", {("EGFR", "mutation"): "not_detected"}),
        # a gene with a change of its own keeps it; words before the change: no row that opens with it
        ("p.L858R  EGFR  T790M  Detected\n", {("EGFR", "T790M"): "detected"}),
        ("Sample 12 p.L858R EGFR Detected\n", {}),
        # column values before the change (a transcript, depth or VAF column first): the row still opens with it;
        # the change was dropped, and a transcript table's positive row gave no finding
        (
            "NM_004985.5 p.G12C KRAS No mutation\nNM_002524.5 p.Q61K NRAS Positive\n",
            {("KRAS", "G12C"): "not_detected", ("NRAS", "Q61K"): "detected"},
        ),
        ("2000x 23.5% p.Q61K NRAS Detected\n", {("NRAS", "Q61K"): "detected"}),
        ("Exon 3 p.Q61K NRAS Detected\n", {("NRAS", "Q61K"): "detected"}),
        ("1523 p.Q61K NRAS 阴性\n", {("NRAS", "Q61K"): "not_detected"}),
        # a table's cell bars between the cells: the detected row gave no finding
        (
            "p.L858R | EGFR | Detected\np.G12C | KRAS | Not detected\n",
            {("EGFR", "L858R"): "detected", ("KRAS", "G12C"): "not_detected"},
        ),
        ("| NM_005228.5 | p.L858R | EGFR | Detected |\n", {("EGFR", "L858R"): "detected"}),
        # a cell between the change and its gene is none of these: no row that opens with its change
        ("| p.L858R | 12% | EGFR | Detected |\n", {}),
    ],
)
def test_variants_row_opening_with_its_change(variant_extractor, rows: str, expected) -> None:
    assert _read(variant_extractor, rows) == expected


@pytest.mark.issue(4)
def test_variants_row_opening_with_its_change_evidence_spans_the_row(variant_extractor) -> None:
    (variant,) = variant_extractor.extract_text("Results\np.L858R  EGFR  Detected\n", kind="genetic_report").variants
    assert variant.evidence.text == "p.L858R  EGFR"
