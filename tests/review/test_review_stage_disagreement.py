"""A report whose stated stage group lies outside the group its own T, N and M give is a disagreement a person
settles (issue 4): 'pT2aN0M0 IA期' (T2a N0 M0 is IB) was read as IA alone, and the stage decides adjuvant drugs."""

from __future__ import annotations

import pytest
from review_scenarios import claim, drug, genetic, pathology, variant

from review_engine.review import decide

L858R = variant("EGFR", "L858R", exon=21)


def _adjuvant_osimertinib(graph, policy, stage: str, t: str, n: str, m: str, dx: str = "nsclc_ib_resected"):
    report = pathology("adenocarcinoma", "lung", stage, staging={"stage": stage, "t": t, "n": n, "m": m})
    items = decide(claim([drug("osimertinib", line=None, setting="adjuvant")], "zh", dx=dx),
                   [genetic(L858R), report], {}, graph, policy).items
    return items[0]


@pytest.mark.issue(4)
def test_review_stated_stage_against_its_own_tnm_routes(graph, policy) -> None:
    item = _adjuvant_osimertinib(graph, policy, "IA", "T2a", "N0", "M0")
    assert item.decision == "route_mdt", [(r.code, r.message) for r in item.reasons]
    assert any("IA（d2） / T2a N0 M0（d2）" in r.message for r in item.reasons), [r.message for r in item.reasons]
    # one reason per rule, each naming its rule (two rules gave the same message twice)
    assert len({r.message for r in item.reasons}) == len(item.reasons)
    assert all(r.rule in r.message for r in item.reasons if r.code == "CONFLICTING_FINDINGS")


@pytest.mark.issue(4)
@pytest.mark.parametrize("stage, t, n, m", [("IB", "T2a", "N0", "M0"), ("IB", "T2", "N0", "M0")])
def test_review_stated_stage_that_its_tnm_allows_decides(graph, policy, stage: str, t: str, n: str, m: str) -> None:
    item = _adjuvant_osimertinib(graph, policy, stage, t, n, m)
    assert item.decision == "approve", [(r.code, r.message) for r in item.reasons]


@pytest.mark.issue(4)
def test_review_report_stage_against_the_claims_names_both(graph, policy) -> None:
    # the message read 'stage IIIA (d2) in  vs  in the claim': each reading now names where it was read
    report = pathology("adenocarcinoma", "lung", "IIIA")
    item = decide(claim([drug("osimertinib", line=None, setting="adjuvant")], "zh", dx="nsclc_ia1_resected"),
                  [genetic(L858R), report], {}, graph, policy).items[0]
    assert item.decision == "route_mdt"
    assert any("IIIA（d2） / IA1（申请诊断）" in r.message for r in item.reasons), [r.message for r in item.reasons]
