"""Scores one document's findings and one claim's decisions against gold (pure functions).

Variants are matched on (HGNC gene, canonical alteration); status is scored on matched pairs.
A field is compared when gold or prediction has a value (both empty says nothing about the
engine). Decisions are compared per claim and per item; an *unsafe approval* is a predicted
``approve`` where gold is not ``approve``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from review_engine.domain import DocumentFindings, ReviewResult
from review_engine.evaluation.tallies import Prf, Tally

STAGING_FIELDS = ("t", "n", "m", "stage")
BIOMARKER_FIELDS = ("msi", "mmr", "tmb", "pdl1.tps", "pdl1.cps", "pdl1.clone", "her2.ihc", "her2.fish",
                    "er.status", "pr.status", "ki67")
PATIENT_FIELDS = ("name", "id", "sex", "age")
TMB_TOLERANCE = 0.05
"""TMB values are read from print; equal to the printed precision."""


@dataclass
class ExtractionTallies:
    """The extraction figures, for one document or summed over many."""

    variants: Prf = field(default_factory=Prf)
    detected_variants: Prf = field(default_factory=Prf)
    status: Tally = field(default_factory=Tally)
    staging: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in STAGING_FIELDS})
    histology: Tally = field(default_factory=Tally)
    site: Tally = field(default_factory=Tally)
    biomarkers: Tally = field(default_factory=Tally)
    patient: Tally = field(default_factory=Tally)

    def merge(self, other: ExtractionTallies) -> None:
        self.variants += other.variants
        self.detected_variants += other.detected_variants
        for name in ("status", "histology", "site", "biomarkers", "patient"):
            getattr(self, name).__iadd__(getattr(other, name))
        for name, tally in other.staging.items():
            self.staging[name] += tally

    def tallies_dict(self) -> dict:
        return {
            "variants": self.variants.as_dict(), "detected_variants": self.detected_variants.as_dict(),
            "status": self.status.as_dict(),
            "staging": {k: v.as_dict() for k, v in self.staging.items()},
            "histology": self.histology.as_dict(), "site": self.site.as_dict(),
            "biomarkers": self.biomarkers.as_dict(), "patient": self.patient.as_dict(),
        }


@dataclass
class DocumentScore(ExtractionTallies):
    missing: bool = False
    """The engine returned no findings for this document."""
    errors: list[str] = field(default_factory=list)
    """One line per disagreement, for the report's error listing."""


def normalise(value: Any) -> Any:
    """Compare text as a reviewer would: NFKC (full-width), spaces removed, case folded."""
    if isinstance(value, str):
        return unicodedata.normalize("NFKC", value).replace(" ", "").casefold()
    return value


def variant_key(v: Any) -> tuple[str, str]:
    alteration = (v.alteration or "").strip()
    alteration = alteration.removeprefix("p.")
    return (v.gene or "").strip().upper(), alteration


def score_document(gold: DocumentFindings, predicted: DocumentFindings | None) -> DocumentScore:
    score = DocumentScore()
    if predicted is None:
        score.missing = True
        predicted = DocumentFindings(doc_id=gold.doc_id, ocr=gold.ocr.model_copy(update={"engine": "none"}))
    _score_variants(score, gold, predicted)
    for name in STAGING_FIELDS:
        _compare(score, score.staging[name], f"staging.{name}", getattr(gold.staging, name), getattr(predicted.staging, name))
    _compare(score, score.histology, "histology", gold.histology, predicted.histology)
    _compare(score, score.site, "primary_site", gold.primary_site, predicted.primary_site)
    for path in BIOMARKER_FIELDS:
        _compare(score, score.biomarkers, f"biomarkers.{path}", _get(gold.biomarkers, path), _get(predicted.biomarkers, path))
    for name in PATIENT_FIELDS:
        _compare(score, score.patient, f"patient.{name}", getattr(gold.patient, name), getattr(predicted.patient, name))
    return score


def _score_variants(score: DocumentScore, gold: DocumentFindings, predicted: DocumentFindings) -> None:
    gold_by_key = {variant_key(v): v for v in gold.variants}
    pred_by_key = {variant_key(v): v for v in predicted.variants}
    for key, g in gold_by_key.items():
        p = pred_by_key.get(key)
        if p is None:
            score.variants.fn += 1
            score.errors.append(f"missed variant {key[0]} {key[1]} ({g.status})")
            continue
        score.variants.tp += 1
        score.status.add(p.status == g.status)
        if p.status != g.status:
            score.errors.append(f"status of {key[0]} {key[1]}: gold {g.status}, predicted {p.status}")
    for key, p in pred_by_key.items():
        if key not in gold_by_key:
            score.variants.fp += 1
            score.errors.append(f"spurious variant {key[0]} {key[1]} ({p.status})")
    gold_hits = {k for k, v in gold_by_key.items() if v.status == "detected"}
    pred_hits = {k for k, v in pred_by_key.items() if v.status == "detected"}
    score.detected_variants += Prf(len(gold_hits & pred_hits), len(pred_hits - gold_hits), len(gold_hits - pred_hits))


def _get(obj: Any, path: str) -> Any:
    for part in path.split("."):
        if obj is None:
            return None
        obj = getattr(obj, part, None)
    return obj


def _compare(score: DocumentScore, tally: Tally, name: str, gold: Any, predicted: Any) -> None:
    if gold is None and predicted is None:
        return
    ok = _equal(name, gold, predicted)
    tally.add(ok)
    if not ok:
        score.errors.append(f"{name}: gold {gold!r}, predicted {predicted!r}")


def _equal(name: str, gold: Any, predicted: Any) -> bool:
    if gold is None or predicted is None:
        return False
    if name == "biomarkers.tmb" or isinstance(gold, float):
        try:
            return abs(float(gold) - float(predicted)) <= TMB_TOLERANCE
        except (TypeError, ValueError):
            return False
    return normalise(gold) == normalise(predicted)


# ------------------------------------------------------------------ claims


@dataclass
class ClaimScore:
    claim_id: str
    gold_decision: str
    predicted_decision: str | None
    items: list[tuple[str, str, str | None]] = field(default_factory=list)
    """(item_id, gold decision, predicted decision)"""
    codes: Tally = field(default_factory=Tally)
    """Gold reason codes found among the predicted item's codes."""
    unsafe_items: list[str] = field(default_factory=list)
    error: str | None = None
    priority_ok: bool | None = None
    """Predicted priority equals gold's (None when gold gives no priority)."""

    @property
    def correct(self) -> bool:
        return self.predicted_decision == self.gold_decision

    @property
    def unsafe(self) -> bool:
        return self.predicted_decision == "approve" and self.gold_decision != "approve"


def score_claim(claim_id: str, gold: dict, predicted: ReviewResult | None, error: str | None = None) -> ClaimScore:
    """Compare a claim's gold decisions (gold.json) with a review result (None when the engine failed)."""
    score = ClaimScore(claim_id, gold["decision"], predicted.decision if predicted else None, error=error)
    if gold.get("priority"):
        score.priority_ok = bool(predicted) and predicted.priority == gold["priority"]
    by_id = {i.item_id: i for i in predicted.items} if predicted else {}
    for item_id, g in gold["items"].items():
        p = by_id.get(item_id)
        score.items.append((item_id, g["decision"], p.decision if p else None))
        predicted_codes = {r.code for r in p.reasons} if p else set()
        for code in g.get("codes", []):
            score.codes.add(code in predicted_codes)
        if p is not None and p.decision == "approve" and g["decision"] != "approve":
            score.unsafe_items.append(item_id)
    return score
