"""OCR-noise augmentation: noisy copies keep every span on the same (noisy) words."""

from __future__ import annotations

import difflib
import random
from pathlib import Path

import yaml

from training.ocr_noise import OcrNoise, noisy_copies, noisy_copy, noisy_text
from training.spans_data import Entity, SpanDocument

REPO = Path(__file__).resolve().parents[2]
NOISE = OcrNoise.from_recipe(
    yaml.safe_load((REPO / "training" / "ner.yaml").read_text(encoding="utf-8"))["augmentation"][
        "ocr_noise"
    ]
)
TEXT = (
    "Gene\tAlteration\tVAF\nEGFR\tp.L858R (c.2573T>G)\t23.5%\nKRAS\tG12C\t11.0%\nStage IIIB, pT2aN1M0\n"
    * 5
)


def _document() -> SpanDocument:
    entities = []
    for needle, label in (
        ("EGFR", "GENE"),
        ("p.L858R", "PROTEIN_CHANGE"),
        ("KRAS", "GENE"),
        ("IIIB", "STAGE"),
    ):
        start = -1
        while (start := TEXT.find(needle, start + 1)) >= 0:
            entities.append(Entity(start, start + len(needle), label))
    return SpanDocument("d", TEXT, sorted(entities, key=lambda e: e.start), {"language": "en"})


def test_noisy_copy_moves_every_span_with_its_words() -> None:
    document = _document()
    copies = [noisy_copy(document, random.Random(seed), NOISE) for seed in range(30)]
    assert any(c.text != document.text for c in copies)
    for copy in copies:
        assert len(copy.entities) == len(document.entities) and copy.meta["format"] == "ocr_noise"
        for old, new in zip(document.entities, copy.entities):
            original, noisy = document.text[old.start : old.end], copy.text[new.start : new.end]
            assert new.label == old.label
            # the noisy span is the same word read with a few errors, never a neighbour's text
            assert abs(len(noisy) - len(original)) <= 2 and "\t" not in noisy and "\n" not in noisy
            assert difflib.SequenceMatcher(None, original, noisy).ratio() > 0.2


def test_noisy_text_makes_the_confusions_of_the_table_only() -> None:
    noise = OcrNoise(confusions={"0": ["O"]}, rate_range=(1.0, 1.0), space_drop=0.0, char_drop=0.0)
    text, moved = noisy_text("G12C 100%", random.Random(1), noise)
    assert text == "G12C 1OO%" and moved == list(range(10))
    dropping = OcrNoise(confusions={}, rate_range=(1.0, 1.0), space_drop=1.0, char_drop=0.0)
    text, moved = noisy_text("EGFR L858R", random.Random(1), dropping)
    assert (
        text == "EGFRL858R" and moved[5] == 4 and moved[-1] == 9
    )  # the change starts where it now is


def test_noisy_copies_are_reproducible_and_sized_by_the_fraction() -> None:
    documents = [SpanDocument(f"d{i}", TEXT, [], {}) for i in range(200)]
    first, again = noisy_copies(documents, 0.5, 7, NOISE), noisy_copies(documents, 0.5, 7, NOISE)
    assert [d.text for d in first] == [d.text for d in again] and 70 < len(first) < 130
    assert [d.text for d in noisy_copies(documents, 0.5, 8, NOISE)] != [d.text for d in first]
