"""The status each change of a genetic report is read with: the shared check of the ConText tests."""

from __future__ import annotations

from review_engine.nlp.pipeline import Extractor


def statuses(extractor: Extractor, text: str) -> dict[str, str]:
    """Change (alteration) -> status, over the report's variant findings."""
    return {v.alteration: v.status for v in extractor.extract_text(text, kind="genetic_report").variants}
