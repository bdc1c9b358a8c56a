"""OCR-noise augmentation: copies of training documents with the character errors scans bring.

The generator's text is clean; OCR of a poor scan is not (``KRA5``, ``p.G12O``, ``BRCAI``,
``Wid rype``, ``EGFRL858R``). A model that never saw such text tags it worse exactly where the
rules need help. Each noisy copy substitutes confusable characters (the table in ``ner.yaml``,
``augmentation.confusions``), drops some spaces and a few characters, and moves every labelled
span with the text, so the copy is labelled as exactly as the original.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from training.spans_data import Entity, SpanDocument


@dataclass(frozen=True)
class OcrNoise:
    """How much noise one copy gets; ``rate`` is drawn per document from ``rate_range``."""

    confusions: dict[str, list[str]] = field(default_factory=dict)
    """character -> characters OCR reads it as"""
    rate_range: tuple[float, float] = (0.02, 0.08)
    """share of confusable characters that are swapped"""
    space_drop: float = 0.3
    """chance a space is dropped, relative to ``rate``"""
    char_drop: float = 0.1
    """chance any other character is dropped, relative to ``rate``"""

    @classmethod
    def from_recipe(cls, recipe: dict) -> OcrNoise:
        return cls(
            confusions={k: list(v) for k, v in recipe["confusions"].items()},
            rate_range=tuple(recipe["rate_range"]),
            space_drop=float(recipe["space_drop"]),
            char_drop=float(recipe["char_drop"]),
        )


def noisy_text(text: str, rng: random.Random, noise: OcrNoise) -> tuple[str, list[int]]:
    """``text`` with OCR-like errors, and for every position of ``text`` (and its end) the
    position it moved to, so that spans can follow."""
    rate = rng.uniform(*noise.rate_range)
    out: list[str] = []
    moved: list[int] = []
    length = 0
    for ch in text:
        moved.append(length)
        draw = rng.random()
        if ch in noise.confusions and draw < rate:
            ch = rng.choice(noise.confusions[ch])
        elif draw < rate * (
            noise.space_drop if ch == " " else 0.0 if ch in "\n\t" else noise.char_drop
        ):
            continue  # a space or a faint character OCR did not see
        out.append(ch)
        length += len(ch)
    moved.append(length)
    return "".join(out), moved


def noisy_copy(document: SpanDocument, rng: random.Random, noise: OcrNoise) -> SpanDocument:
    """A labelled copy of ``document`` as OCR of a poor scan would read it."""
    text, moved = noisy_text(document.text, rng, noise)
    entities = [Entity(moved[e.start], moved[e.end], e.label) for e in document.entities]
    return SpanDocument(
        f"{document.doc_id}~ocr",
        text,
        [e for e in entities if e.end > e.start],
        {**document.meta, "format": "ocr_noise"},
    )


def noisy_copies(
    documents: list[SpanDocument], fraction: float, seed: int, noise: OcrNoise
) -> list[SpanDocument]:
    """Noisy copies of a ``fraction`` of ``documents`` (which ones, and their noise, from ``seed``)."""
    rng = random.Random(f"ocr-noise/{seed}")
    return [noisy_copy(d, rng, noise) for d in documents if rng.random() < fraction]
