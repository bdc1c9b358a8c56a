"""What one gate or rule family says about one item, and how verdicts combine."""

from __future__ import annotations

from dataclasses import dataclass, field

from review_engine.domain import DECISION_SEVERITY, Evidence, Reason, most_severe


@dataclass
class Verdict:
    decision: str
    reasons: list[Reason] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def combine(verdicts: list[Verdict]) -> Verdict:
    """Most severe decision; reasons, evidence and missing documents in gate order, without repeats."""
    decision = most_severe([v.decision for v in verdicts])
    reasons = [r for v in verdicts for r in v.reasons]
    evidence: list[Evidence] = []
    for e in (e for v in verdicts for e in v.evidence):
        if e not in evidence:
            evidence.append(e)
    missing: list[str] = []
    for m in (m for v in verdicts if DECISION_SEVERITY[v.decision] >= 1 or v.decision == decision for m in v.missing):
        if m not in missing:
            missing.append(m)
    return Verdict(decision, reasons, evidence, missing)
