"""OCR one page image: find which way is up, remove skew, read, keep the best reading."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from review_engine.ocr.engines import OcrEngine
from review_engine.ocr.orientation import Frame, frame_for, rotation_candidates
from review_engine.ocr.primitives import OcrWord
from review_engine.ocr.tuning import OrientationTuning

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageOcr:
    """Words in the corrected frame, the frame that maps them back, and the reading's quality."""

    words: list[OcrWord]
    frame: Frame
    engine: str

    @property
    def confident_chars(self) -> float:
        return sum(w.confidence * len(w.text) for w in self.words)

    @property
    def confidence(self) -> float:
        chars = sum(len(w.text) for w in self.words)
        return self.confident_chars / chars if chars else 0.0


def read_page_image(image: np.ndarray, engine: OcrEngine, tuning: OrientationTuning, deskew: bool) -> PageOcr:
    """The best reading over the likely page turns: upside-down text reads with low confidence."""
    candidates, ink = rotation_candidates(image, tuning)
    best: PageOcr | None = None
    for rotation in candidates[: tuning.max_attempts]:
        frame = frame_for(image, rotation, ink, tuning, deskew)
        reading = PageOcr(engine.recognize(frame.apply(image)), frame, engine.name)
        log.debug("page read turned %s skew %.2f: confidence %.3f", rotation, frame.skew, reading.confidence)
        if best is None or reading.confident_chars > best.confident_chars:
            best = reading
        if not reading.words or reading.confidence >= tuning.retry_below_confidence:
            break
    assert best is not None  # candidates is never empty and max_attempts >= 1
    return best
