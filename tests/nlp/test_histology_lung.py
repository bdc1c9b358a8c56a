"""Histology and primary site of lung reports as OCR wraps their lines. Wording is our own, of a
pattern met in the TCGA development reports (never copied)."""

from __future__ import annotations

import pytest

from review_engine.nlp.recognizers import histology


@pytest.mark.parametrize(
    ("text", "term"),
    [
        # a line wrapped after a space: the break is read as a second space
        (
            "Diagnosis: poorly differentiated squamous cell \ncarcinoma of the left lower lobe",
            "squamous cell carcinoma",
        ),
        ("Diagnosis: squamous  cell carcinoma, keratinizing", "squamous cell carcinoma"),
    ],
)
def test_histology_lung_term_read_across_a_wrapped_line(text: str, term: str) -> None:
    assert term in {m.value for m in histology.find(text) if m.field == "histology"}


def test_histology_lung_wrapped_term_ties_the_organ_to_the_tumour() -> None:
    text = (
        "Excised skin: seborrhoeic keratosis of the skin. Skin lesion, 0.7 cm.\n"
        "Diagnosis: large-cell squamous cell \ncarcinoma of the left lower lobe of the lung."
    )
    assert histology.primary_site(text) == "lung"


def test_histology_lung_words_far_apart_are_no_term() -> None:
    # four spaces or more are a column gap, not a wrapped line
    assert not [m for m in histology.find("squamous cell     carcinoma") if m.field == "histology"]
