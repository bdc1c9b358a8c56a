"""A gene's bare digits name its siblings ('BRCA1/2', 'FGFR1/2/3'): a result for all of them (issue 4).
'BRCA1/2：未检测到致病性突变' gave BRCA1 alone, so an olaparib claim lacked BRCA2's negative."""

from __future__ import annotations

import pytest

from review_engine.nlp.pipeline import Extractor
from review_engine.nlp.recognizers import genes_tested


def _read(extractor: Extractor, text: str) -> list[tuple[str, str, str]]:
    return [(v.gene, v.alteration, v.status) for v in extractor.extract_text(text, kind="genetic_report").variants]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        ("BRCA1/2：未检测到致病性突变", [("BRCA1", "mutation", "not_detected"), ("BRCA2", "mutation", "not_detected")]),
        ("BRCA1/2 pathogenic variants: not detected",
         [("BRCA1", "mutation", "not_detected"), ("BRCA2", "mutation", "not_detected")]),
        ("FGFR1/2/3 未检测到突变", [("FGFR1", "mutation", "not_detected"), ("FGFR2", "mutation", "not_detected"),
                                 ("FGFR3", "mutation", "not_detected")]),
        # a word between the token and the status: the other genes' digits stood between them (BRCA1, FGFR1
        # and FGFR2 were read as nothing)
        ("BRCA1/2突变：阴性", [("BRCA1", "mutation", "not_detected"), ("BRCA2", "mutation", "not_detected")]),
        ("BRCA1/2 胚系突变：未检出", [("BRCA1", "mutation", "not_detected"), ("BRCA2", "mutation", "not_detected")]),
        # an amplification test's negative rules out amplification, not every mutation of the genes
        ("FGFR1/2/3 扩增：阴性", [("FGFR1", "amplification", "not_detected"), ("FGFR2", "amplification", "not_detected"),
                               ("FGFR3", "amplification", "not_detected")]),
        # a positive for the pair names no gene: nothing is read, the claim goes to a person
        ("BRCA1/2突变：阳性", []),
    ],
)
def test_stem_digits_name_sibling_genes(production_extractor: Extractor, text: str, expected: list) -> None:
    assert _read(production_extractor, text) == expected


@pytest.mark.issue(4)
def test_stem_digit_genes_stand_at_their_digits() -> None:
    mentions = genes_tested.find("BRCA1/2")
    assert [(m.value, m.start, m.end) for m in mentions] == [("BRCA1", 0, 5), ("BRCA2", 6, 7)]
    # each reads its status words from the written token's end
    assert [m.attrs["anchor"] for m in mentions] == [(0, 7), (6, 7)]


@pytest.mark.issue(4)
@pytest.mark.parametrize("text", ["KRAS G12C/D", "p.G12C/12D", "EGFR 19/21", "HER2 3+/2+", "HER2/3+"])
def test_digits_after_no_numbered_gene_name_nothing(text: str) -> None:
    assert all(m.pattern == genes_tested.PATTERN and m.attrs["via"] != "stem_digit" for m in genes_tested.find(text))
