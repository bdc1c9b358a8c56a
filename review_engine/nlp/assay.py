"""Which changes a report read by immunostain: 'BRAF V600E（VE1）（+）' in a pathology report's stains.

A mutation-specific antibody reads a protein, not the gene: GUIDELINE_FACTS accepts it for ALK (D5F3, 5A4,
equivalent to FISH) and for BRAF V600E only in anaplastic thyroid cancer, and not for EGFR. The change keeps
its reading and carries method 'IHC'; the decision layer asks for a molecular test where the guideline does
(review/biomarkers.py). The words are data (``assay.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from review_engine.nlp import load_knowledge
from review_engine.nlp.mentions import Mention
from review_engine.nlp.sections import Section


@dataclass(frozen=True)
class _Words:
    sections: frozenset[str]
    labels: re.Pattern[str]
    molecular: re.Pattern[str]
    after: re.Pattern[str]
    back: int


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = load_knowledge("assay.yaml")
    return _Words(frozenset(data["sections"]), re.compile(data["labels"], re.IGNORECASE),
                  re.compile(data["molecular"], re.IGNORECASE), re.compile(data["after"], re.IGNORECASE),
                  int(data["back"]))


def immunostain(text: str, change: Mention, section: Section | None) -> str | None:
    """The words that show ``change`` (a variant mention in ``section``) was read by immunostain, or None: an
    antibody clone or protein words right after the change or its gene, or an immunostain named before it on its
    line or its section's, with no molecular method named between ('免疫组化：CK7(+)；分子检测：EGFR L858R突变')."""
    words = _words()
    start, end = change.attrs.get("anchor", (change.start, change.end))
    gene_end = change.attrs.get("gene_span", (None, None))[1]
    for at in (end, gene_end):
        if at is not None and (found := words.after.match(text, at)):
            return found.group().strip()
    back = max(0, start - words.back)
    line_start = max(text.rfind("\n", back, start) + 1, back)
    if named := list(words.labels.finditer(text, line_start, start)):
        by, since = named[-1].group(), named[-1].end()
    elif section is not None and section.category in words.sections:
        by, since = f"section {section.category} '{section.header}'", max(section.body_start, back)
    else:
        return None
    return None if words.molecular.search(text, since, start) else by
