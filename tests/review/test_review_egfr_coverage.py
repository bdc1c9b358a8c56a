"""EGFR-negative is a statement about every sensitising mutation (GUIDELINE_FACTS 1.2: ex19del, L858R, G719X, S768I,
L861Q; exons 18 to 21). 'EGFR L858R not detected' alone leaves exon 19 deletions untested: it approved a domestic
PD-1 drug whose label needs EGFR-negative NSCLC, and flagged gefitinib as a drug without its biomarker."""

from __future__ import annotations

import pytest
from review_scenarios import claim, drug, genetic, pathology, variant

from review_engine.review import decide

ALK_NEGATIVE = variant("ALK", "fusion", "not_detected", kind="fusion")


def _item(graph, policy, name: str, *variants: dict):
    findings = [genetic(*variants), pathology("adenocarcinoma", "lung")]
    return decide(claim([drug(name)], "zh"), findings, {}, graph, policy).items[0]


def _codes(item) -> list[tuple[str, str]]:
    return [(r.code, r.message) for r in item.reasons]


@pytest.mark.issue(4)
@pytest.mark.parametrize("negatives, decision", [
    # one hotspot: exons 18, 19 and 20 untested
    ([variant("EGFR", "L858R", "not_detected", exon=21)], "route_mdt"),
    ([variant("EGFR", "L858R", "not_detected", exon=21), variant("EGFR", "exon19del", "not_detected", exon=19)],
     "route_mdt"),
    # an ARMS kit's sensitising hotspots cover exons 18 to 21
    ([variant("EGFR", "G719X", "not_detected", exon=18), variant("EGFR", "exon19del", "not_detected", exon=19),
      variant("EGFR", "S768I", "not_detected", exon=20), variant("EGFR", "L858R", "not_detected", exon=21),
      variant("EGFR", "L861Q", "not_detected", exon=21)], "approve"),
    # the whole gene
    ([variant("EGFR", "mutation", "not_detected", kind="mutation")], "approve"),
])
def test_review_egfr_negative_needs_exons_18_to_21(graph, policy, negatives: list[dict], decision: str) -> None:
    item = _item(graph, policy, "sintilimab", *negatives, ALK_NEGATIVE)
    assert item.decision == decision, _codes(item)
    if decision == "route_mdt":
        assert any(code == "BIOMARKER_MISSING" and "EGFR L858R" in message for code, message in _codes(item))


@pytest.mark.issue(4)
def test_review_egfr_tki_after_one_hotspot_negative_routes_not_flags(graph, policy) -> None:
    # the patient may carry an exon 19 deletion the report never tested: a person looks, not a flag
    item = _item(graph, policy, "gefitinib", variant("EGFR", "L858R", "not_detected", exon=21), ALK_NEGATIVE)
    assert item.decision == "route_mdt", _codes(item)
