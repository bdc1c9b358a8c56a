"""OCR repairs are made only where the position makes them safe, and every one is recorded."""

from __future__ import annotations

import pytest

from review_engine.nlp.normalize.hgvs import three_to_one
from review_engine.nlp.normalize.ocr_repair import (
    edit_distance,
    fold_width,
    repair_amino_acid,
    repair_digits,
    residue_for_digit,
)


@pytest.mark.parametrize(
    "text, gene, alteration, repair_part",
    [
        ("EGFR T79OM", "EGFR", "T790M", "O->0"),
        ("EGFR L8S8R", "EGFR", "L858R", "S->5"),
        ("EGFR Ll858R".replace("Ll", "L"), "EGFR", "L858R", None),
        ("KRA5 G12C", "KRAS", "G12C", "KRA5->KRAS"),
        ("EGFP L858R", "EGFR", "L858R", "EGFP->EGFR"),
        ("EGFRL858R", "EGFR", "L858R", "space inserted"),
        ("IDHI (R132H)", "IDH1", "R132H", "IDHI->IDH1"),
        ("ＥＧＦＲ　ｐ．Ｌ８５８Ｒ", "EGFR", "L858R", "full-width"),
    ],
)
def test_ocr_repair_variant(variant_extractor, text: str, gene: str, alteration: str, repair_part: str | None) -> None:
    variants = variant_extractor.extract_text(text, kind="genetic_report").variants
    assert [(v.gene, v.alteration) for v in variants] == [(gene, alteration)]
    repairs = variants[0].evidence.repairs
    assert (not repairs) if repair_part is None else any(repair_part in r for r in repairs)


@pytest.mark.parametrize("text", ["SOS1 TOTAL", "XRAS G12C", "the LOSS of"])
def test_ocr_repair_not_guessed(variant_extractor, text: str) -> None:
    assert variant_extractor.extract_text(text, kind="genetic_report").variants == []


def test_ocr_repair_lowers_confidence(variant_extractor) -> None:
    clean = variant_extractor.extract_text("EGFR T790M", kind="genetic_report").variants[0]
    noisy = variant_extractor.extract_text("EGFR T79OM", kind="genetic_report").variants[0]
    assert noisy.evidence.confidence < clean.evidence.confidence


def test_ocr_repair_fold_keeps_length() -> None:
    text = "ＥＧＦＲ（第２１外显子）：２３．５％"
    assert len(fold_width(text)) == len(text)
    assert fold_width(text) == "EGFR(第21外显子):23.5%"


def test_ocr_repair_digits() -> None:
    assert repair_digits("79O") == ("790", ("O->0 in 79O",))


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "token, expected",
    [
        ("Ile", ("Ile", ())),
        ("lle", ("Ile", ("lle->Ile (l/I confusion in an amino-acid code)",))),
        ("IIe", ("Ile", ("IIe->Ile (l/I confusion in an amino-acid code)",))),
        ("L.ys", ("Lys", ("stray '.' dropped in L.ys",))),
        ("Lys.", None),   # a dot at the end is punctuation, not inside the code
        ("L..ys", None),
        ("Abc", None),
        ("Leuk", None),
    ],
)
def test_ocr_repair_amino_acid_code(token: str, expected: tuple | None) -> None:
    assert repair_amino_acid(token, frozenset(three_to_one())) == expected


@pytest.mark.issue(4)
def test_ocr_repair_residue_for_digit_only_amino_acids() -> None:
    assert (residue_for_digit("1"), residue_for_digit("5"), residue_for_digit("8"), residue_for_digit("0")) == ("I", "S", None, None)


@pytest.mark.issue(4)
@pytest.mark.parametrize("a, b, limit, distance", [("wthut", "without", 3, 2), ("genes", "genes", 1, 0),
                                                   ("detected", "tested", 5, 3), ("abc", "abcdefgh", 2, 3)])
def test_ocr_repair_edit_distance_bounded(a: str, b: str, limit: int, distance: int) -> None:
    assert edit_distance(a, b, limit) == distance
