"""HGVS protein changes in canonical one-letter form and three-letter hgvs_p."""

from __future__ import annotations

import pytest

from review_engine.nlp.normalize.hgvs import (
    cdna_codon,
    exon_for_protein,
    hotspot_for_cdna,
    hotspot_references,
    protein_change,
    splice_event_for_cdna,
)


@pytest.mark.parametrize(
    "groups, letters, alteration, hgvs_p, kind",
    [
        ({"ref": "Leu", "pos": "858", "op": "Arg", "alt": "Arg"}, 3, "L858R", "p.Leu858Arg", "snv"),
        ({"ref": "W", "pos": "24", "op": "*", "alt": "*"}, 1, "W24*", "p.Trp24Ter", "nonsense"),
        ({"ref": "W", "pos": "24", "op": "X", "alt": "X"}, 1, "W24*", "p.Trp24Ter", "nonsense"),
        ({"ref": "Glu", "pos": "746", "ref2": "Ala", "pos2": "750", "op": "del"}, 3, "E746_A750del", "p.Glu746_Ala750del", "deletion"),
        ({"ref": "H", "pos": "773", "ref2": "V", "pos2": "774", "op": "insNPH", "ins2": "NPH"}, 1, "H773_V774insNPH", "p.His773_Val774insAsnProHis", "insertion"),
        ({"ref": "Arg", "pos": "97", "op": "ProfsTer23", "fsalt": "Pro", "fsn": "23"}, 3, "R97Pfs*23", "p.Arg97ProfsTer23", "frameshift"),
        ({"ref": "Leu", "pos": "54", "op": "=", "alt": "="}, 3, "L54=", "p.Leu54=", "synonymous"),
    ],
)
def test_hgvs_protein_change_canonical(groups: dict, letters: int, alteration: str, hgvs_p: str, kind: str) -> None:
    change = protein_change(groups, letters)
    assert change is not None and (change.alteration, change.hgvs_p, change.kind) == (alteration, hgvs_p, kind)


def test_hgvs_insertion_needs_two_flanks() -> None:
    assert protein_change({"ref": "H", "pos": "773", "op": "insN", "ins2": "N"}, 1) is None


@pytest.mark.parametrize(
    "gene, cdna, protein, exon",
    [("EGFR", "c.2573T>G", "L858R", 21), ("EGFR", "c.2369C>T", "T790M", 20), ("KRAS", "c.34G>T", "G12C", 2), ("BRAF", "c.1799T>A", "V600E", 15)],
)
def test_hgvs_hotspots(gene: str, cdna: str, protein: str, exon: int) -> None:
    assert hotspot_for_cdna(gene, cdna) == {"protein": protein, "exon": exon}
    assert exon_for_protein(gene, protein) == exon


def test_hgvs_splice_event() -> None:
    assert splice_event_for_cdna("MET", "c.3028+1G>T") == "exon14skipping"
    assert splice_event_for_cdna("EGFR", "c.3028+1G>T") is None


@pytest.mark.issue(4)
@pytest.mark.parametrize("cdna, codon", [("c.1009T>G", 337), ("c.1008T>G", 336), ("c.1A>G", 1), ("c.2235_2249del", 745),
                                         ("c.3028+1G>T", None), ("c.-5A>G", None), ("c.*12A>G", None)])
def test_hgvs_cdna_codon(cdna: str, codon: int | None) -> None:
    assert cdna_codon(cdna) == codon


@pytest.mark.issue(4)
def test_hgvs_hotspot_references() -> None:
    assert hotspot_references("EGFR", "790", "M") == ["T"]
    assert hotspot_references("EGFR", "790", "Q") == []
    assert hotspot_references("NOTAGENE", "12", "D") == []


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "gene, alteration, exon",
    [
        ("EGFR", "L858R", 21),  # curated
        ("KRAS", "A146T", 4),  # placed by its codon (GUIDELINE_FACTS 1.4: codons 117 and 146 are exon 4)
        ("NRAS", "K117N", 4),
        ("NRAS", "A59T", 3),
        ("TP53", "P72R", None),  # a codon we do not place
    ],
)
def test_exon_for_protein_falls_back_to_the_codon(gene: str, alteration: str, exon: int | None) -> None:
    assert exon_for_protein(gene, alteration) == exon
