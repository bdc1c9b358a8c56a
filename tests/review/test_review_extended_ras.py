"""RAS wild-type for anti-EGFR antibodies is extended RAS (GUIDELINE_FACTS 1.4): negatives of named hotspots prove
it only where their exons cover KRAS and NRAS exons 2, 3 and 4; otherwise a person looks, told which exons are
missing. 'KRAS G12C not detected, NRAS Q61K not detected' approved cetuximab."""

from __future__ import annotations

import pytest
from review_scenarios import claim, drug, genetic, pathology, variant

from review_engine.review import decide


def _review(graph, policy, lang: str, *variants: dict):
    findings = [genetic(*variants), pathology("adenocarcinoma", "colorectum")]
    return decide(claim([drug("cetuximab")], lang, dx="crc_met", icd="crc"), findings, {}, graph, policy).items[0]


@pytest.mark.issue(4)
def test_review_extended_ras_names_the_exons_left_untested(graph, policy) -> None:
    item = _review(graph, policy, "en", variant("KRAS", "G12C", "not_detected", exon=2),
                   variant("NRAS", "Q61K", "not_detected", exon=3))
    assert item.decision == "route_mdt"
    message = " ".join(r.message for r in item.reasons if r.code == "BIOMARKER_MISSING")
    assert "KRAS G12C" in message and "exons 2, 3, 4" in message


@pytest.mark.issue(4)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_review_extended_ras_a_whole_gene_negative_covers_every_exon(graph, policy, lang: str) -> None:
    # 'KRAS 未检测到突变' states the whole gene; beside it, a hotspot's negative changes nothing
    item = _review(graph, policy, lang, variant("KRAS", "mutation", "not_detected", kind="mutation"),
                   variant("KRAS", "G12C", "not_detected", exon=2),
                   variant("NRAS", "mutation", "not_detected", kind="mutation"))
    assert item.decision == "approve", [(r.code, r.message) for r in item.reasons]


@pytest.mark.issue(4)
def test_review_extended_ras_a_mutation_still_flags(graph, policy) -> None:
    # a detected RAS mutation excludes the drug whatever else was tested
    item = _review(graph, policy, "en", variant("KRAS", "G12D", exon=2), variant("NRAS", "Q61K", "not_detected", exon=3))
    assert item.decision == "flag"


@pytest.mark.issue(4)
def test_review_an_exon_negative_says_nothing_of_a_change_in_another_exon(graph, policy) -> None:
    # cetuximab beta's NRDL rule needs BRAF V600E absent too; 'BRAF exon 11: no mutation' leaves exon 15 untested
    # and proved it, the item approved
    ras = [variant(g, "mutation", "not_detected", kind="mutation") for g in ("KRAS", "NRAS")]
    item = decide(claim([drug("cetuximab_beta")], "en", dx="crc_met", icd="crc"),
                  [genetic(*ras, variant("BRAF", "mutation", "not_detected", kind="mutation", exon=11)),
                   pathology("adenocarcinoma", "colorectum")], {}, graph, policy).items[0]
    assert item.decision == "route_mdt", [(r.code, r.message) for r in item.reasons]
    # the exon that holds V600 proves it
    item = decide(claim([drug("cetuximab_beta")], "en", dx="crc_met", icd="crc"),
                  [genetic(*ras, variant("BRAF", "mutation", "not_detected", kind="mutation", exon=15)),
                   pathology("adenocarcinoma", "colorectum")], {}, graph, policy).items[0]
    assert item.decision == "approve", [(r.code, r.message) for r in item.reasons]
