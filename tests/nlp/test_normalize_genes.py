"""Gene normalisation: curated report vocabulary first, HGNC symbols, unambiguous aliases only."""

from __future__ import annotations

import pytest

from review_engine.nlp.normalize.genes import gene_vocabulary


@pytest.mark.parametrize(
    "token, symbol",
    [
        ("HER2", "ERBB2"), ("HER-2", "ERBB2"), ("Her2", "ERBB2"), ("c-MET", "MET"), ("c-Met", "MET"), ("MET", "MET"),
        ("c-KIT", "KIT"), ("CD117", "KIT"), ("TRKA", "NTRK1"), ("PD-L1", "CD274"), ("EGFR", "EGFR"), ("ALK", "ALK"),
        ("ROS1", "ROS1"), ("p53", "TP53"), ("HER1", "EGFR"),
    ],
)
def test_genes_normalize_report_terms(token: str, symbol: str) -> None:
    assert gene_vocabulary().normalize(token) == symbol


@pytest.mark.parametrize("token", ["ER", "PR", "MSI", "TMB", "Met", "FISH", "NGS", "PCR", "NTRK", "Ki-67", "DNA", "VAF"])
def test_genes_normalize_refuses_non_genes(token: str) -> None:
    assert gene_vocabulary().normalize(token) is None


def test_genes_vocabulary_has_only_unambiguous_aliases() -> None:
    vocab = gene_vocabulary()
    assert not set(vocab.aliases) & vocab.symbols
    assert vocab.normalize("SLTM") == "SLTM" and vocab.aliases.get("MET") is None


def test_genes_find_splits_fusion_pair_but_not_hyphenated_symbol() -> None:
    hits = gene_vocabulary().find("EML4-ALK and HER-2")
    assert [(h.symbol, h.start, h.end) for h in hits] == [("EML4", 0, 4), ("ALK", 5, 8), ("ERBB2", 13, 18)]


@pytest.mark.parametrize(("token", "digit", "sibling"), [("BRCA1", "2", "BRCA2"), ("NTRK1", "3", "NTRK3"),
                                                          ("FGFR1", "4", "FGFR4"), ("ALK", "2", None), ("", "2", None)])
def test_a_bare_digit_names_a_numbered_genes_sibling(token: str, digit: str, sibling: str | None) -> None:
    assert gene_vocabulary().sibling(token, digit) == sibling
