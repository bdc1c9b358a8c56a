"""Graph queries: rules that could pay for an item, the path that explains them, names and classes."""

from __future__ import annotations

import pytest

from review_engine.domain import DocumentFindings, OcrSummary, Variant
from review_engine.review.biomarkers import in_class, read_gene


def test_knowledge_graph_rules_for_drug_in_cancer(graph):
    ids = {r.id for r in graph.rules_for_drug("osimertinib", "nsclc")}
    assert "drug.osimertinib.nsclc.egfr_sensitizing.first_line" in ids
    assert "drug.osimertinib.nsclc.egfr_t790m.after_tki" in ids
    assert graph.rules_for_drug("osimertinib", "breast") == []


def test_knowledge_graph_pan_tumour_rules_apply_to_every_cancer(graph):
    assert [r.id for r in graph.rules_for_drug("larotrectinib", "thyroid")] == ["drug.larotrectinib.solid.ntrk_fusion.advanced"]


def test_knowledge_graph_path_explains_rule(graph):
    path = graph.path("drug.osimertinib.nsclc.egfr_sensitizing.first_line")
    assert path[:2] == ["drug:osimertinib", "rule:drug.osimertinib.nsclc.egfr_sensitizing.first_line"]
    assert {"cancer:nsclc", "class:egfr_common", "gene:EGFR"} <= set(path)


@pytest.mark.parametrize(
    "name, drug",
    [("osimertinib", "osimertinib"), ("Tagrisso", "osimertinib"), ("甲磺酸奥希替尼片", "osimertinib"),
     ("泰瑞沙", "osimertinib"), ("阿来替尼", "alectinib"), ("Herceptin", "trastuzumab"), ("赫赛汀", "trastuzumab"),
     ("no such drug", None)],
)
def test_knowledge_graph_drug_names_zh_en_brand(graph, name, drug):
    assert graph.drug_id(name) == drug


@pytest.mark.parametrize("name, symbol", [("HER2", "ERBB2"), ("her-2", "ERBB2"), ("c-MET", "MET"), ("PD-L1", "CD274"),
                                          ("EGFR", "EGFR"), ("TRKA", "NTRK1")])
def test_knowledge_graph_gene_names(graph, name, symbol):
    assert graph.gene_symbol(name) == symbol


@pytest.mark.parametrize(
    "gene, alteration, kind, cls, member",
    [
        # EGFR sensitizing = exon19del, L858R, G719X, S768I, L861Q
        ("EGFR", "exon19del", "indel", "egfr_sensitizing", True),
        ("EGFR", "E746_A750del", "indel", "egfr_sensitizing", True),
        ("EGFR", "L747_P753delinsS", "indel", "egfr_common", True),
        ("EGFR", "G719S", "snv", "egfr_sensitizing", True),
        ("EGFR", "G719S", "snv", "egfr_common", False),
        ("EGFR", "T790M", "snv", "egfr_sensitizing", False),
        ("EGFR", "T790M", "snv", "egfr_t790m", True),
        ("EGFR", "A767_V769dup", "indel", "egfr_ex20ins", True),
        ("ALK", "fusion", "fusion", "alk_fusion", True),
        ("KRAS", "G12D", "snv", "ras_mutation", True),
        ("KRAS", "G12C", "snv", "kras_g12c", True),
        ("BRAF", "V600K", "snv", "braf_v600e", False),
        ("BRAF", "V600K", "snv", "braf_v600", True),
        ("MET", "exon14skipping", "splice", "met_ex14", True),
    ],
)
def test_knowledge_graph_alteration_classes(graph, gene, alteration, kind, cls, member):
    variant = Variant(gene=gene, alteration=alteration, kind=kind)
    assert in_class(variant, graph.raw.alterations.classes[cls]) is member


def test_knowledge_graph_uncertain_rules_are_tagged(graph):
    tags = {r.id: r.tag for r in graph.drug_rules.values()}
    assert tags["drug.aumolertinib.nsclc.egfr_t790m.after_tki"] == "U"
    assert tags["drug.gefitinib.nsclc.egfr_sensitizing.advanced"] == "S"


@pytest.mark.issue(4)
@pytest.mark.parametrize(("origin", "state"), [("germline", "pos"), ("somatic", "origin_other"), (None, "origin_other")])
def test_a_germline_class_needs_the_change_given_as_germline(graph, origin, state):
    variant = Variant(gene="BRCA2", alteration="S1982Rfs*22", kind="frameshift", status="detected", origin=origin)
    findings = DocumentFindings(doc_id="d1", kind="genetic_report", variants=[variant],
                                ocr=OcrSummary(engine="text", pages=1, mean_confidence=1.0))
    cls = graph.raw.alterations.classes["gbrca_mutation"]
    assert read_gene(findings, "BRCA2", cls, graph).state == state
    # the class without an origin takes the change whatever its origin
    assert read_gene(findings, "BRCA2", graph.raw.alterations.classes["brca_mutation"], graph).state == "pos"
    # every gBRCA rule of the drug lists reads the germline class
    gbrca_rules = [r for d in graph.raw.drugs.values() for r in d.rules if ".gbrca." in r.id]
    assert gbrca_rules and all("gbrca_mutation" in str(r.when) for r in gbrca_rules)
