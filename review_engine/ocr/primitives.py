"""What every reading path (OCR engine, PDF text layer, plain text) hands to the layout step."""

from __future__ import annotations

from dataclasses import dataclass, replace

from review_engine.domain import BBox


@dataclass(frozen=True)
class OcrWord:
    """One word as read, its box in the pixels (or points) of the image it was read from.

    ``glued`` says the word followed the previous word of the same source line with no
    space between them (a CJK run next to a Latin token: "第21外显子"), so the line is
    rebuilt without inventing a space.
    """

    text: str
    bbox: BBox
    confidence: float
    glued: bool = False

    def scaled(self, factor: float) -> OcrWord:
        return replace(self, bbox=tuple(v * factor for v in self.bbox))  # type: ignore[arg-type]

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]

