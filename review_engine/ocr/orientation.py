"""Page rotation (0/90/180/270) and small skew: estimate, correct, and map boxes back.

Both estimates work on a binarised thumbnail. Lines of text running across the
page make the row profile alternate sharply between ink and gaps, so the angle
with the sharpest row profile is the skew. Whether text runs across or down the
page (0/180 vs 90/270) comes from smearing the ink each way (``text_runs_down``).
Which of 0/180 (or 90/270) is upright is decided later by the OCR confidence
(``page_ocr.py``), which needs no extra model.

Boxes found in the corrected (upright, deskewed) frame are mapped back to the
original image, so evidence is drawn on the page as it was submitted.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from review_engine.domain import BBox
from review_engine.ocr.tuning import OrientationTuning

_MIN_BLOB = 3  # thumbnail pixels: smaller blobs are specks, not characters
_PROJECTION_CELLS = 4_000_000  # angles x ink pixels projected at once: bounds memory on an all-ink page


@dataclass(frozen=True)
class Frame:
    """How a page image was turned before OCR: quarter turns (counter-clockwise), then skew."""

    width: int
    height: int
    rotation: int = 0
    skew: float = 0.0

    def apply(self, image: np.ndarray) -> np.ndarray:
        turned = np.rot90(image, self.rotation // 90) if self.rotation else image
        if not self.skew:
            return np.ascontiguousarray(turned)
        h, w = turned.shape[:2]
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), self.skew, 1.0)
        return cv2.warpAffine(turned, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))

    def to_original(self, box: BBox) -> BBox:
        """A box in the corrected frame as the axis-aligned box covering it in the original image."""
        corners = np.array([[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]]], dtype=float)
        if self.skew:
            tw, th = self._turned_size()
            matrix = cv2.getRotationMatrix2D((tw / 2, th / 2), self.skew, 1.0)
            inverse = cv2.invertAffineTransform(matrix)
            corners = corners @ inverse[:, :2].T + inverse[:, 2]
        corners = self._unturn(corners)
        xs = np.clip(corners[:, 0], 0, self.width)
        ys = np.clip(corners[:, 1], 0, self.height)
        return (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))

    def _turned_size(self) -> tuple[int, int]:
        return (self.height, self.width) if self.rotation in (90, 270) else (self.width, self.height)

    def _unturn(self, pts: np.ndarray) -> np.ndarray:
        x, y = pts[:, 0], pts[:, 1]
        w, h = self.width, self.height
        if self.rotation == 90:  # np.rot90 k=1: new(x, y) came from old(w - y, x)
            return np.stack([w - y, x], axis=1)
        if self.rotation == 180:
            return np.stack([w - x, h - y], axis=1)
        if self.rotation == 270:  # k=3: new(x, y) came from old(y, h - x)
            return np.stack([y, h - x], axis=1)
        return pts


def ink_thumbnail(image: np.ndarray, tuning: OrientationTuning) -> np.ndarray:
    """A binarised thumbnail with ink = 1.0, longest side ``analysis_side``."""
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
    scale = tuning.analysis_side / max(gray.shape)
    if scale < 1:
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink.astype(np.float32)


def profile_sharpness(ink: np.ndarray, angles: np.ndarray) -> np.ndarray:
    """How sharply the row profile alternates after turning the ink by each of ``angles`` degrees.

    Each ink pixel is projected onto the rows of the turned page (the forward map of
    ``cv2.getRotationMatrix2D`` about the centre; pixels turned off the page drop out), which
    counts the same rows as warping the thumbnail once per angle at a fraction of the cost:
    the skew search scores about 45 angles per page.
    """
    h, w = ink.shape
    ys, xs = np.nonzero(ink)
    dx = (xs - w / 2).astype(np.float32)
    dy = (ys - h / 2).astype(np.float32)
    chunk = max(1, _PROJECTION_CELLS // max(1, xs.size))
    scores = []
    for start in range(0, len(angles), chunk):
        radians = np.radians(np.asarray(angles[start : start + chunk], dtype=np.float32))
        rows = np.rint(np.outer(-np.sin(radians), dx) + np.outer(np.cos(radians), dy) + h / 2).astype(np.int64)
        on_page = (rows >= 0) & (rows < h)
        rows += np.arange(len(radians))[:, None] * h  # one bincount for all angles of the chunk
        profiles = np.bincount(rows[on_page], minlength=len(radians) * h).reshape(len(radians), h) / w
        scores.append(np.mean(np.diff(profiles, axis=1) ** 2, axis=1) if h > 1 else np.zeros(len(radians)))
    return np.concatenate(scores) if scores else np.zeros(0)


def estimate_skew(ink: np.ndarray, tuning: OrientationTuning) -> float:
    """The turn (degrees, counter-clockwise) that makes the text lines horizontal."""
    if not ink.any():
        return 0.0  # a blank page has no lines to straighten
    limit, coarse, fine = tuning.max_skew_degrees, tuning.coarse_step_degrees, tuning.fine_step_degrees
    best = _best_angle(ink, np.arange(-limit, limit + coarse / 2, coarse))
    best = _best_angle(ink, np.arange(best - coarse, best + coarse + fine / 2, fine))
    return round(best, 2) if abs(best) >= tuning.min_skew_degrees else 0.0


def _best_angle(ink: np.ndarray, angles: np.ndarray) -> float:
    return float(angles[int(np.argmax(profile_sharpness(ink, angles)))])


def text_runs_down(ink: np.ndarray, tuning: OrientationTuning) -> bool:
    """True when the text runs down the page (scanned turned by 90 or 270 degrees).

    Smearing ink along the text direction by about half a character merges the
    characters of a line into a few blobs; smearing it across the lines leaves
    them apart. So the direction whose smear leaves fewer blobs is the text's.
    """
    ink8 = (ink > 0).astype(np.uint8)
    reach = max(2, round(_char_size(ink8) * tuning.smear_chars))
    across = _blob_count(cv2.dilate(ink8, np.ones((1, reach), np.uint8)))
    down = _blob_count(cv2.dilate(ink8, np.ones((reach, 1), np.uint8)))
    return across > down * tuning.direction_ratio


def _blob_count(ink8: np.ndarray) -> int:
    return int(cv2.connectedComponents(ink8, connectivity=8)[0]) - 1


def _char_size(ink8: np.ndarray) -> float:
    """A typical character's size in the thumbnail: the 75th percentile of blob extents."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink8, connectivity=8)
    extents = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT])
    extents = extents[extents >= _MIN_BLOB]
    return float(np.percentile(extents, 75)) if extents.size else float(_MIN_BLOB)


def rotation_candidates(image: np.ndarray, tuning: OrientationTuning) -> tuple[list[int], np.ndarray]:
    """Quarter turns to try, most likely first, and the ink thumbnail used to decide."""
    ink = ink_thumbnail(image, tuning)
    return ([90, 270, 0, 180] if text_runs_down(ink, tuning) else [0, 180, 90, 270]), ink


def frame_for(image: np.ndarray, rotation: int, ink: np.ndarray, tuning: OrientationTuning, deskew: bool) -> Frame:
    """The frame that turns ``image`` by ``rotation`` and then removes its skew."""
    h, w = image.shape[:2]
    skew = 0.0
    if deskew:
        turned_ink = np.ascontiguousarray(np.rot90(ink, rotation // 90)) if rotation else ink
        skew = estimate_skew(turned_ink, tuning)
    return Frame(width=w, height=h, rotation=rotation, skew=skew)
