"""The words that decided a variant's status, as evidence: where they are and how sure OCR was of them.

ConText records the span of the words that set a change's status (``status_span``: its trigger, table
cell, status slot or section header, or the words after a change left 'detected' by default). OCR that
turns a negative into a positive ('未检出' read '检出', 'not detected' read 'detected') leaves text no rule
can doubt, so the finding's confidence takes the lowest of its own words' and these words' confidence:
a status word the OCR engine was unsure of puts the finding under the approval floor.

A dropped run can also come back at full confidence (faint ink: the recogniser never saw the '未'). On
an OCR'd page the boxes can still show it before a positive word: a gap inside its cell that the text
does not show, or a cell that starts later than its left-aligned column does. Either lowers the status
words' confidence to ``dropped_run_confidence`` (``knowledge/nlp/pipeline.json``, with the measurement
that chose the limits), and the note says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import Any

from review_engine.domain import StatusWords, Word
from review_engine.nlp.mentions import Mention
from review_engine.nlp.word_index import WordIndex

POSITIVE = "detected"


@dataclass(frozen=True)
class DropLimits:
    """When a positive status word's boxes say OCR dropped a run before it (in line heights)."""

    max_gap_heights: float
    """a gap inside the word's cell wider than this, where the text shows at most a space"""
    column_shift_heights: float
    """the word opens a cell that starts this much later than its left-aligned column"""
    align_heights: float
    """cells of a column start (or centre) within this of each other to count as aligned"""
    min_column_cells: int
    """aligned cells on other lines a column needs before its left edge says anything"""
    column_window_heights: float
    """the cells on other lines that start within this of the word's start make its column"""
    dropped_run_confidence: float
    """the status words' confidence where a run looks dropped"""

    @classmethod
    def of(cls, config: dict[str, Any]) -> DropLimits:
        return cls(float(config["max_gap_heights"]), float(config["column_shift_heights"]),
                   float(config["align_heights"]), int(config["min_column_cells"]),
                   float(config["column_window_heights"]), float(config["dropped_run_confidence"]))


class StatusEvidence:
    """Builds a mention's ``StatusWords`` from the document's words."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.limits = DropLimits.of(config)

    def words(self, index: WordIndex, mention: Mention) -> StatusWords | None:
        """The status words of a variant or status-bearing gene mention (None where ConText recorded none
        or no word is there)."""
        span = mention.attrs.get("status_span")
        found = index.evidence_for(*span) if span else None
        if found is None:
            return None
        notes: list[str] = []
        if _status(mention) == POSITIVE:
            for start, end in filter(None, (span, mention.attrs.get("status_lead"))):
                notes += self.dropped_before(index, start, end)
        confidence = min(found.confidence, self.limits.dropped_run_confidence) if notes else found.confidence
        return StatusWords(page=found.page, bbox=found.bbox, text=found.text, confidence=confidence,
                           how=str(mention.attrs.get("status_how", "")), notes=notes)

    def dropped_before(self, index: WordIndex, start: int, end: int) -> list[str]:
        """Why the boxes say a run was dropped before the words at ``[start, end)`` (empty: they do not).
        Only OCR'd pages: a text layer and plain text have no drops."""
        words = index.words_in(start, end)
        if not words or index.source(words[0].page) != "ocr":
            return []
        first, height = words[0], words[0].bbox[3] - words[0].bbox[1]
        if height <= 0:
            return []
        before = index.previous(first)
        if before is not None and "\t" not in index.doc.text[before.end:first.start]:
            gap = (first.bbox[0] - before.bbox[2]) / height
            if gap > self.limits.max_gap_heights:
                return [(f"a gap of {gap:.2f} line heights before '{first.text}' that the text does not show: "
                        "OCR may have dropped words there")]
            return []
        shift = self._column_shift(index, first, height)
        if shift is not None and shift > self.limits.column_shift_heights:
            return [(f"'{first.text}' starts {shift:.2f} line heights after the left edge of its column: "
                    "OCR may have dropped words there")]
        return []

    def _column_shift(self, index: WordIndex, word: Word, height: float) -> float | None:
        """How much later than its left-aligned column the cell ``word`` opens starts (in line heights);
        None where the column is not left-aligned, too short, or centred on the word."""
        window = self.limits.column_window_heights * height
        peers = [w for w in index.cell_openers(word.page) if w.start != word.start and abs(w.bbox[0] - word.bbox[0]) <= window]
        tolerance = self.limits.align_heights * height
        left = median(w.bbox[0] for w in peers) if peers else 0.0
        aligned = [w for w in peers if abs(w.bbox[0] - left) <= tolerance]
        if len(aligned) < self.limits.min_column_cells:
            return None
        centre = median(_centre(w) for w in aligned)
        if all(abs(_centre(w) - centre) <= tolerance for w in aligned) and abs(_centre(word) - centre) <= tolerance:
            return None  # equal cells, centred like the word: a centred column, not a late start
        return (word.bbox[0] - left) / height


def _centre(word: Word) -> float:
    return (word.bbox[0] + word.bbox[2]) / 2


def _status(mention: Mention) -> str | None:
    if isinstance(mention.value, dict):
        return mention.value.get("status")
    return mention.attrs.get("status")
