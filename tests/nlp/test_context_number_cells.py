"""ConText across a table row's number cells: a VAF, depth or transcript between a change and its status cell
is no sentence end. Regression: the English row 'KRAS<TAB>p.G12C<TAB>0.0%<TAB>Not detected' was read as
detected (the '.' of '0.0%' ended the scope of 'not detected'), which a claim for a KRAS G12C drug could
have carried to an approval."""

from __future__ import annotations

import pytest
from status_reading import statuses

from review_engine.nlp.context import _terminators

HEADER = "Results\nGene\tVariant\tAbundance\tDepth\tResult\n"


@pytest.mark.parametrize(
    "row, alteration, status",
    [
        ("KRAS\tp.G12C\t0.0%\t1523\tNot detected", "G12C", "not_detected"),
        ("KRAS\tp.G12C\t0.0%\t1,523\tNegative", "G12C", "not_detected"),  # a thousands separator too
        ("BRAF\tp.V600E\t0.05%\t2,311\tWild type", "V600E", "not_detected"),
        ("KRAS   NM_004985.5   p.G12C   Negative", "G12C", "not_detected"),  # a transcript's version
        ("EGFR\tp.L858R\t12.5%\t2,311\tDetected", "L858R", "detected"),
    ],
)
def test_number_cells_do_not_cut_a_row_from_its_status(variant_extractor, row: str, alteration: str,
                                                      status: str) -> None:
    assert statuses(variant_extractor, HEADER + row + "\n")[alteration] == status


def test_a_sentence_end_still_ends_the_scope(variant_extractor) -> None:
    # '5.1%' is a number; the full stop after 'not detected' is a sentence end: T790M's own 'detected' decides it
    text = "Results\nKRAS p.G12D 0.0% not detected. EGFR p.T790M 5.1% detected.\n"
    assert statuses(variant_extractor, text) == {"G12D": "not_detected", "T790M": "detected"}


def test_a_word_terminator_is_a_whole_word(variant_extractor) -> None:
    text = "Results\nKRAS p.G12C not detected, but EGFR p.L858R detected\n"
    assert statuses(variant_extractor, text) == {"G12C": "not_detected", "L858R": "detected"}


@pytest.mark.parametrize(
    "terms, between, ends",
    [
        ((".", ";"), "\t0.0%\t1523\t", False),
        ((".", ";"), " detected. EGFR ", True),
        ((".", ";"), " 12.", True),  # a full stop right after a number still ends the sentence
        ((",",), "\t1,523\t", False),
        ((",",), " KRAS, ", True),
        (("but",), " attributed to ", False),  # a word terminator ends a scope as a whole word only
        (("but",), " But EGFR ", True),
    ],
)
def test_terminators(terms: tuple[str, ...], between: str, ends: bool) -> None:
    assert bool(_terminators(terms).search(between)) is ends
