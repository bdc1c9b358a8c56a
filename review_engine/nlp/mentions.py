"""The one shape every recognizer returns: a scored, explained span of the report text.

Recognizers never build findings themselves; ``findings.py`` turns mentions into
``DocumentFindings`` and maps each span back to OCR boxes for its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Mention:
    field: str
    """What was found: 'variant', 'staging.t', 'staging.stage', 'biomarkers.pdl1.tps', 'patient.name',
    'histology', 'primary_site', 'report.date', 'genes_tested', 'critical', ..."""
    value: Any
    """The normalised value (a canonical string/number, or a dict for a variant)."""
    start: int
    """Character span of the supporting text in the report text."""
    end: int
    score: float
    """Recognizer's confidence in [0, 1], before OCR confidence is applied."""
    pattern: str
    """Name of the pattern or model that produced it, e.g. 'tnm_compact (strong)'."""
    repairs: tuple[str, ...] = ()
    """OCR repairs applied to read it, e.g. ('O->0 in T2O',)."""
    attrs: dict[str, Any] = field(default_factory=dict)
    """Anything else the assembler needs (derived=True, section='results', ...)."""


OFFSET_ATTRS = frozenset({"anchor", "gene_span", "status_span", "status_lead", "kit_group"})
"""``Mention.attrs`` keys whose values are ``(start, end)`` offsets into the same text as the mention's:
whatever moves a mention to other offsets moves these too."""


def replace_mention(mention: Mention, **changes: Any) -> Mention:
    """``dataclasses.replace`` for a Mention, less its look at the dataclass fields on every call (a
    dense page copies a few hundred mentions per extraction, through ConText and the model combination)."""
    return Mention(**{**mention.__dict__, **changes})
