"""Sums document and claim scores by group (all, language, format) into the eval's figures."""

from __future__ import annotations

from dataclasses import dataclass, field

from review_engine.evaluation.scoring import ClaimScore, DocumentScore, ExtractionTallies
from review_engine.evaluation.tallies import Tally

DECISIONS = ("approve", "route_mdt", "flag")
SCAN_FORMATS = frozenset({"pdf_image", "png", "jpg", "jpeg", "tiff", "tif", "png_blank"})


@dataclass
class ExtractionTotals(ExtractionTallies):
    documents: int = 0
    missing: int = 0

    def add(self, s: DocumentScore) -> None:
        self.documents += 1
        self.missing += int(s.missing)
        self.merge(s)

    def as_dict(self) -> dict:
        return {"documents": self.documents, "missing": self.missing, **self.tallies_dict()}


@dataclass
class DecisionTotals:
    claims: Tally = field(default_factory=Tally)
    items: Tally = field(default_factory=Tally)
    codes: Tally = field(default_factory=Tally)
    priority: Tally = field(default_factory=Tally)
    confusion: dict[str, dict[str, int]] = field(default_factory=lambda: {g: {p: 0 for p in DECISIONS + ("error",)} for g in DECISIONS})
    unsafe: list[dict] = field(default_factory=list)
    should_approve: int = 0
    auto_approved: int = 0
    errors: int = 0

    def add(self, s: ClaimScore) -> None:
        self.claims.add(s.correct)
        self.confusion[s.gold_decision][s.predicted_decision or "error"] += 1
        self.errors += int(s.error is not None)
        self.codes += s.codes
        if s.priority_ok is not None:
            self.priority.add(s.priority_ok)
        for _, gold, predicted in s.items:
            self.items.add(gold == predicted)
        if s.gold_decision == "approve":
            self.should_approve += 1
            self.auto_approved += int(s.predicted_decision == "approve")
        if s.unsafe or s.unsafe_items:
            self.unsafe.append({"claim_id": s.claim_id, "gold": s.gold_decision, "predicted": s.predicted_decision,
                                "items": s.unsafe_items})

    @property
    def auto_approval_rate(self) -> float | None:
        return self.auto_approved / self.should_approve if self.should_approve else None

    def as_dict(self) -> dict:
        rate = self.auto_approval_rate
        return {
            "claims": self.claims.as_dict(), "items": self.items.as_dict(), "reason_codes": self.codes.as_dict(),
            "priority": self.priority.as_dict(),
            "confusion": self.confusion, "unsafe_approvals": self.unsafe,
            "auto_approval_rate": None if rate is None else round(rate, 4),
            "should_approve": self.should_approve, "engine_errors": self.errors,
        }


@dataclass
class Evaluation:
    extraction: dict[str, ExtractionTotals] = field(default_factory=dict)
    decisions: dict[str, DecisionTotals] = field(default_factory=dict)
    seconds: float = 0.0
    pages: int = 0
    document_errors: list[dict] = field(default_factory=list)

    def add_document(self, score: DocumentScore, language: str, fmt: str, where: str) -> None:
        for group in ("all", f"language={language}", f"format={fmt}"):
            self.extraction.setdefault(group, ExtractionTotals()).add(score)
        if score.errors:
            self.document_errors.append({"document": where, "errors": score.errors})

    def add_claim(self, score: ClaimScore, language: str, formats: list[str]) -> None:
        kind = "scan" if any(f in SCAN_FORMATS for f in formats) else "digital"
        for group in ("all", f"language={language}", f"documents={kind}"):
            self.decisions.setdefault(group, DecisionTotals()).add(score)

    def as_dict(self) -> dict:
        return {
            "extraction": {k: v.as_dict() for k, v in sorted(self.extraction.items(), key=_group_order)},
            "decisions": {k: v.as_dict() for k, v in sorted(self.decisions.items(), key=_group_order)},
            "seconds": round(self.seconds, 2), "pages": self.pages,
            "seconds_per_page": round(self.seconds / self.pages, 3) if self.pages else None,
            "document_errors": self.document_errors,
        }


def _group_order(item: tuple[str, object]) -> tuple[int, str]:
    return (0 if item[0] == "all" else 1, item[0])
