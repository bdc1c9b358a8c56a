"""The scorer on known outputs with known errors: every count below is worked out by hand."""

from __future__ import annotations

import pytest

from review_engine.domain import (
    DocumentFindings,
    ItemResult,
    OcrSummary,
    Reason,
    ReviewResult,
    Staging,
    Variant,
)
from review_engine.evaluation.scoring import normalise, score_claim, score_document


def _doc(variants=(), staging=None, **fields) -> DocumentFindings:
    return DocumentFindings(doc_id="d1", ocr=OcrSummary(engine="test", pages=1, mean_confidence=1.0),
                            variants=list(variants), staging=staging or Staging(), **fields)


def _v(gene: str, alteration: str, status: str = "detected") -> Variant:
    return Variant(gene=gene, alteration=alteration, status=status)


def _result(decision: str, items: dict[str, tuple[str, list[str]]]) -> ReviewResult:
    return ReviewResult(
        claim_id="C1", decision=decision, risk="low", knowledge_version="k", engine_version="e",
        items=[ItemResult(item_id=i, decision=d, reasons=[Reason(code=c, message="m") for c in codes]) for i, (d, codes) in items.items()],
    )


GOLD_VARIANTS = [_v("EGFR", "L858R"), _v("KRAS", "mutation", "not_detected"), _v("TP53", "R273H")]


@pytest.mark.parametrize(
    "predicted, tp, fp, fn, status_ok, status_total, det_tp, det_fp, det_fn",
    [
        # perfect
        (GOLD_VARIANTS, 3, 0, 0, 3, 3, 2, 0, 0),
        # one missed, one spurious
        ([_v("EGFR", "L858R"), _v("KRAS", "mutation", "not_detected"), _v("ALK", "fusion")], 2, 1, 1, 2, 2, 1, 1, 1),
        # right variant, wrong status: matched on (gene, alteration), status scored apart
        ([_v("EGFR", "L858R", "not_detected"), _v("KRAS", "mutation", "not_detected"), _v("TP53", "R273H")], 3, 0, 0, 2, 3, 1, 0, 1),
        # 'p.' prefix and lower-case gene still match the canonical key
        ([_v("egfr", "p.L858R"), _v("KRAS", "mutation", "not_detected"), _v("TP53", "R273H")], 3, 0, 0, 3, 3, 2, 0, 0),
        # nothing predicted
        ([], 0, 0, 3, 0, 0, 0, 0, 2),
    ],
)
def test_scoring_variants_counts(predicted, tp, fp, fn, status_ok, status_total, det_tp, det_fp, det_fn):
    score = score_document(_doc(GOLD_VARIANTS), _doc(predicted))
    assert (score.variants.tp, score.variants.fp, score.variants.fn) == (tp, fp, fn)
    assert (score.status.correct, score.status.total) == (status_ok, status_total)
    assert (score.detected_variants.tp, score.detected_variants.fp, score.detected_variants.fn) == (det_tp, det_fp, det_fn)


def test_scoring_prf_values():
    score = score_document(_doc(GOLD_VARIANTS), _doc([_v("EGFR", "L858R"), _v("ALK", "fusion")]))
    assert score.variants.precision == pytest.approx(0.5)
    assert score.variants.recall == pytest.approx(1 / 3)
    assert score.variants.f1 == pytest.approx(0.4)


@pytest.mark.parametrize(
    "predicted, expected",
    [
        # exact
        (Staging(prefix="p", t="T2a", n="N1", m="M0", stage="IIB"), {"t": (1, 1), "n": (1, 1), "m": (1, 1), "stage": (1, 1)}),
        # wrong N, M missing
        (Staging(prefix="p", t="T2a", n="N2", stage="IIB"), {"t": (1, 1), "n": (0, 1), "m": (0, 1), "stage": (1, 1)}),
        # nothing read
        (Staging(), {"t": (0, 1), "n": (0, 1), "m": (0, 1), "stage": (0, 1)}),
    ],
)
def test_scoring_staging_exact_match(predicted, expected):
    gold = _doc(staging=Staging(prefix="p", t="T2a", n="N1", m="M0", stage="IIB"))
    score = score_document(gold, _doc(staging=predicted))
    assert {k: (v.correct, v.total) for k, v in score.staging.items()} == expected


def test_scoring_fields_both_empty_are_not_counted():
    score = score_document(_doc(), _doc())
    assert score.histology.total == score.site.total == score.biomarkers.total == 0
    assert all(t.total == 0 for t in score.staging.values())


def test_scoring_spurious_staging_counts_against_the_engine():
    score = score_document(_doc(), _doc(staging=Staging(t="T1a")))
    assert (score.staging["t"].correct, score.staging["t"].total) == (0, 1)


@pytest.mark.parametrize(
    "gold, predicted, ok",
    [
        ("adenocarcinoma", "Adenocarcinoma", True),
        ("张伟", "张 伟", True),
        ("ZY2026001", "ＺＹ２０２６００１", True),  # full-width digits and letters from OCR
        ("adenocarcinoma", "squamous cell carcinoma", False),
    ],
)
def test_scoring_normalise_text(gold, predicted, ok):
    assert (normalise(gold) == normalise(predicted)) is ok


def test_scoring_biomarkers_and_patient():
    gold = _doc(histology="adenocarcinoma", primary_site="lung")
    gold.biomarkers.tmb, gold.biomarkers.msi = 4.2, "MSS"
    gold.biomarkers.pdl1.tps = 60.0
    gold.patient.name, gold.patient.age = "张伟", 63
    pred = _doc(histology="adenocarcinoma", primary_site="breast")
    pred.biomarkers.tmb, pred.biomarkers.msi = 4.2, "MSI-H"
    pred.biomarkers.pdl1.tps = 60.0
    pred.patient.name, pred.patient.age = "张伟", 36
    score = score_document(gold, pred)
    assert (score.biomarkers.correct, score.biomarkers.total) == (2, 3)
    assert (score.patient.correct, score.patient.total) == (1, 2)
    assert (score.histology.correct, score.site.correct, score.site.total) == (1, 0, 1)
    assert any("primary_site" in e for e in score.errors)


def test_scoring_missing_document_counts_every_gold_field_as_missed():
    score = score_document(_doc(GOLD_VARIANTS, histology="adenocarcinoma"), None)
    assert score.missing and score.variants.fn == 3 and score.histology.total == 1 and score.histology.correct == 0


GOLD_CLAIM = {"decision": "flag", "items": {"1": {"decision": "flag", "codes": ["BIOMARKER_NEGATIVE"]},
                                             "2": {"decision": "approve", "codes": ["INDICATED"]}}}


@pytest.mark.parametrize(
    "result, correct, unsafe, unsafe_items, codes",
    [
        # right on every item
        (_result("flag", {"1": ("flag", ["BIOMARKER_NEGATIVE"]), "2": ("approve", ["INDICATED"])}), True, False, [], (2, 2)),
        # the flag item approved: an unsafe auto-approval at item and claim level
        (_result("approve", {"1": ("approve", ["INDICATED"]), "2": ("approve", ["INDICATED"])}), False, True, ["1"], (1, 2)),
        # routed instead of flagged: wrong, but not unsafe
        (_result("route_mdt", {"1": ("route_mdt", ["LOW_CONFIDENCE"]), "2": ("approve", ["INDICATED"])}), False, False, [], (1, 2)),
        # engine failed
        (None, False, False, [], (0, 2)),
    ],
)
def test_scoring_claim_decisions(result, correct, unsafe, unsafe_items, codes):
    score = score_claim("C1", GOLD_CLAIM, result, error=None if result else "boom")
    assert score.correct is correct
    assert score.unsafe is unsafe
    assert score.unsafe_items == unsafe_items
    assert (score.codes.correct, score.codes.total) == codes


@pytest.mark.parametrize("gold_priority, predicted_priority, ok", [("urgent", "urgent", True), ("urgent", "normal", False), (None, "urgent", None)])
def test_scoring_claim_priority(gold_priority, predicted_priority, ok):
    gold = dict(GOLD_CLAIM, **({"priority": gold_priority} if gold_priority else {}))
    result = _result("flag", {"1": ("flag", ["BIOMARKER_NEGATIVE"]), "2": ("approve", ["INDICATED"])})
    result.priority = predicted_priority
    assert score_claim("C1", gold, result).priority_ok is ok
