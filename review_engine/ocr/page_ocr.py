"""OCR one page image: find which way is up, remove skew, read, keep the best reading.

The first turn tried comes from the projection profile (``orientation.py``); the
reading itself then says whether it was right: upside-down text reads with low
confidence, sideways text gives tall word boxes. Each retry is one more OCR pass,
so upright pages (nearly all) are read once.
"""

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
    def chars(self) -> int:
        return sum(len(w.text) for w in self.words)

    @property
    def confidence(self) -> float:
        return sum(w.confidence * len(w.text) for w in self.words) / self.chars if self.chars else 0.0

    def sideways_share(self, tall_ratio: float) -> float:
        tall = sum(len(w.text) for w in self.words if (w.bbox[3] - w.bbox[1]) > tall_ratio * (w.bbox[2] - w.bbox[0]))
        return tall / self.chars if self.chars else 0.0

    def score(self, tuning: OrientationTuning) -> float:
        """Confident characters, halved for a sideways reading."""
        sideways = self.sideways_share(tuning.tall_ratio) > tuning.sideways_share
        return self.confidence * self.chars * (0.5 if sideways else 1.0)


def _next_turns(rotation: int, reading: PageOcr, tuning: OrientationTuning) -> list[int]:
    if reading.sideways_share(tuning.tall_ratio) > tuning.sideways_share:
        return [(rotation + 90) % 360, (rotation + 270) % 360]
    return [(rotation + 180) % 360]


def _good(reading: PageOcr, tuning: OrientationTuning) -> bool:
    return reading.confidence >= tuning.retry_below_confidence and reading.sideways_share(tuning.tall_ratio) <= tuning.sideways_share


def read_page_image(image: np.ndarray, engine: OcrEngine, tuning: OrientationTuning, deskew: bool) -> PageOcr:
    """The best reading over at most ``max_attempts`` page turns."""
    candidates, ink = rotation_candidates(image, tuning)
    queue = [candidates[0]]
    readings: dict[int, PageOcr] = {}
    while queue and len(readings) < tuning.max_attempts:
        rotation = queue.pop(0)
        frame = frame_for(image, rotation, ink, tuning, deskew)
        reading = PageOcr(engine.recognize(frame.apply(image)), frame, engine.name)
        readings[rotation] = reading
        log.debug("page turned %s, skew %.2f: confidence %.3f", rotation, frame.skew, reading.confidence)
        if not reading.words or _good(reading, tuning):
            break
        queue = [t for t in _next_turns(rotation, reading, tuning) + queue if t not in readings]
    return max(readings.values(), key=lambda r: r.score(tuning))
