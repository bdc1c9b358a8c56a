"""Protein changes OCR garbled on degraded scans, read only where the row makes it safe (issue 4).

Three kinds, each recorded in the finding's evidence: a three-letter code with an l/I confusion or
a stray dot ('p.lle1175Leu', 'p.(L.ys470Cys)'); a one-letter reference residue OCR lost or read as a
digit ('1337W'), read only where the row's cDNA (its codon) or the gene's hotspot table decides it;
and a gene glued to its cDNA ('PIK3CAc.1633G>A'), which gave the change after it to the gene before.
The rows below are synthetic.
"""

from __future__ import annotations

import pytest
from cpu_budget import cpu_seconds


def _variants(extractor, text: str) -> list[tuple[str, str]]:
    return [(v.gene, v.alteration) for v in extractor.extract_text(text, kind="genetic_report").variants]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected, repair_part",
    [
        ("ATM\tc.2572T>C\tp.lle858Thr\t21.0%", ("ATM", "I858T"), "lle->Ile"),
        ("ATM p.IIe858Thr", ("ATM", "I858T"), "IIe->Ile"),
        ("CHEK2\tc.1100G>T\tp.(Ser367L.eu)\t0.31", ("CHEK2", "S367L"), "stray '.' dropped in L.eu"),
        ("PALB2 p.(G.ly518Cys)", ("PALB2", "G518C"), "stray '.'"),
    ],
)
def test_variants_three_letter_code_ocr_repaired(variant_extractor, text: str, expected: tuple, repair_part: str) -> None:
    variants = variant_extractor.extract_text(text, kind="genetic_report").variants
    found = [v for v in variants if (v.gene, v.alteration) == expected]
    assert found and any(repair_part in r for r in found[0].evidence.repairs)
    assert found[0].hgvs_p and found[0].hgvs_p.startswith("p.")


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text",
    [
        "ATM p.Abc858Thr",      # no amino-acid code after repair
        "ATM p.lle858Xyz",      # the new residue is no code either
        "ATM p.L..eu858Thr",    # two dots are no stray dot
        "ATM lle858Thr",        # no 'p.': not a protein position
        "see p.lle858Thr",      # no gene on the line
    ],
)
def test_variants_three_letter_garble_left_unread(variant_extractor, text: str) -> None:
    assert not [a for _, a in _variants(variant_extractor, text) if a not in ("mutation",)]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected, repair_part",
    [
        # c.1552 is codon 518: the leading '1' of '1518W' is the reference residue I
        ("PALB2\tc.1552A>T\t1518W\t33.0%", ("PALB2", "I518W"), "1->I in reference residue"),
        ("PALB2\tc.1552A>T\tp.1518W", ("PALB2", "I518W"), "1->I in reference residue"),
        # EGFR's hotspot table has one change at 790 to M
        ("EGFR\tp.790M\t12.5%", ("EGFR", "T790M"), "restored from the hotspot table"),
        ("EGFR p.5768I detected", ("EGFR", "S768I"), "5->S in reference residue"),
    ],
)
def test_variants_lost_reference_residue_decided_by_row(variant_extractor, text: str, expected: tuple, repair_part: str) -> None:
    variants = variant_extractor.extract_text(text, kind="genetic_report").variants
    assert [(v.gene, v.alteration) for v in variants] == [expected]
    assert any(repair_part in r for r in variants[0].evidence.repairs)


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text",
    [
        "PALB2\tc.4552A>T\t1518W",       # codon 1518: '1518W' lost its residue, which nothing names
        "STK11\tc.3394C>T\tp.1132G",     # codon 1132, no hotspot there: the residue is unknown
        "KRAS 12D detected",             # no 'p.' and no cDNA: '12D' is no protein position
        "EGFR 790M detected",
        "EGFR\tc.2573T>G\t1790M",        # the hotspot cDNA is L858R: the row says no T790M
        "EGFR c.2573T>G p.(T790M)".replace("T790M", "1790M"),
        "see p.790M",                    # no gene on the line
    ],
)
def test_variants_lost_reference_residue_left_unread(variant_extractor, text: str) -> None:
    found = _variants(variant_extractor, text)
    assert not [a for _, a in found if a[0].isdigit() or a in ("T790M", "I518W", "I1132G", "G12D", "I790M")]


@pytest.mark.issue(4)
def test_variants_gene_glued_to_its_cdna(variant_extractor) -> None:
    variants = variant_extractor.extract_text("KRAS c.35G>T G12V; PIK3CAc.3140A>G H1047R", kind="genetic_report").variants
    assert sorted((v.gene, v.alteration) for v in variants) == [("KRAS", "G12V"), ("PIK3CA", "H1047R")]
    glued = next(v for v in variants if v.gene == "PIK3CA")
    assert glued.hgvs_c == "c.3140A>G" and any("space inserted after PIK3CA" in r for r in glued.evidence.repairs)


@pytest.mark.issue(4)
@pytest.mark.parametrize("text", ["XYZQc.3140A>G H1047R", "ab c.3140A>G", "12c.3140A>G"])
def test_variants_glued_cdna_needs_a_gene_before_it(variant_extractor, text: str) -> None:
    assert _variants(variant_extractor, text) == []


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "unit",
    ["PALB2 c.1552A>T 1518W ", "ATM p.lle858Thr p.(L.ys470Cys) ", "PIK3CAc.3140A>G ", "1518W", "p.lle8"],
)
def test_variants_ocr_protein_repairs_megabyte_line_under_one_second(variant_extractor, unit: str) -> None:
    text = unit * (1_000_000 // len(unit))
    variant_extractor.extract_text(text[:2000])
    assert cpu_seconds(lambda: variant_extractor.extract_text(text)) < 1.0
