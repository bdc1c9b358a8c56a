"""A parsed document's words indexed by their offsets in its text: spans map to words, boxes and lines."""

from __future__ import annotations

import bisect

from review_engine.domain import Evidence, ParsedDocument, Word


class WordIndex:
    """``ParsedDocument.evidence_for`` in O(log n) per span: the words sorted by offset, indexed once."""

    def __init__(self, doc: ParsedDocument) -> None:
        self.doc = doc
        self.words = sorted(doc.words, key=lambda w: w.start)
        self._ends = [w.end for w in self.words]
        self._starts = [w.start for w in self.words]
        self._sources = {page.number: page.source for page in doc.pages}
        self._openers: dict[int, list[Word]] = {}

    def words_in(self, start: int, end: int) -> list[Word]:
        """The words overlapping ``[start, end)`` on the page of the first of them."""
        first = bisect.bisect_right(self._ends, start)
        last = bisect.bisect_left(self._starts, end)
        words = [w for w in self.words[first:last] if w.start < end and w.end > start]
        return [w for w in words if w.page == words[0].page] if words else []

    def previous(self, word: Word) -> Word | None:
        """The word before ``word`` on its line (None at the line's start)."""
        index = bisect.bisect_left(self._starts, word.start)
        if index == 0:
            return None
        before = self.words[index - 1]
        between = self.doc.text[before.end:word.start]
        return None if before.page != word.page or "\n" in between or "\f" in between else before

    def cell_openers(self, page: int) -> list[Word]:
        """The words that open a line or a table cell (a tab before them) on ``page``, built once per page."""
        if page not in self._openers:
            lines = next((p.lines for p in self.doc.pages if p.number == page), [])
            self._openers[page] = [w for line in lines for i, w in enumerate(line.words)
                                   if i == 0 or "\t" in self.doc.text[line.words[i - 1].end:w.start]]
        return self._openers[page]

    def source(self, page: int) -> str | None:
        """How a page was read: 'ocr', 'text_layer' or 'text'."""
        return self._sources.get(page)

    def min_confidence(self, start: int, end: int) -> float | None:
        """The OCR confidence of the span's least certain word (None when no word is there)."""
        words = self.words_in(start, end)
        return min(w.confidence for w in words) if words else None

    def evidence_for(self, start: int, end: int) -> Evidence | None:
        """Same result as ``ParsedDocument.evidence_for(start, end)``."""
        words = self.words_in(start, end)
        if not words:
            return None
        page = words[0].page
        box = (min(w.bbox[0] for w in words), min(w.bbox[1] for w in words),
               max(w.bbox[2] for w in words), max(w.bbox[3] for w in words))
        return Evidence(page=page, bbox=[round(v, 1) for v in box], text=self.doc.text[start:end],
                        confidence=round(min(w.confidence for w in words), 4))
