"""A gene-level result whose words follow a word naming a kind of alteration is a result of that kind
('MET/ERBB2 amplification: not detected' is no 'MET mutation not detected', which would rule out MET exon 14
skipping on an amplification test) (issue 4)."""

from __future__ import annotations

import pytest

from review_engine.nlp.pipeline import Extractor


def _read(extractor: Extractor, text: str) -> list[tuple[str, str, str]]:
    return [(v.gene, v.alteration, v.status) for v in extractor.extract_text(text, kind="genetic_report").variants]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        ("MET/ERBB2 amplification: not detected",
         [("MET", "amplification", "not_detected"), ("ERBB2", "amplification", "not_detected")]),
        ("FGFR2/3 融合：阴性", [("FGFR2", "fusion", "not_detected"), ("FGFR3", "fusion", "not_detected")]),
        # a mutation word there too: the result speaks of mutations as well, read as the whole gene's
        ("EGFR 突变及扩增：阴性", [("EGFR", "mutation", "not_detected")]),
        ("KRAS：阴性", [("KRAS", "mutation", "not_detected")]),
    ],
)
def test_a_kind_word_before_the_status_names_the_result(production_extractor: Extractor, text: str,
                                                        expected: list) -> None:
    assert _read(production_extractor, text) == expected
