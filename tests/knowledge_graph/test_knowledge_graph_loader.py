"""Loading validates shapes and references; every problem names its file and line."""

from __future__ import annotations

import re
import time

import pytest

from review_engine.errors import KnowledgeError
from review_engine.knowledge_graph import load_knowledge
from review_engine.knowledge_graph.checks import check_references
from review_engine.knowledge_graph.graph import KnowledgeGraph
from review_engine.knowledge_graph.loader import read_folder

OSI_1L = "drug.osimertinib.nsclc.egfr_sensitizing.first_line"


def test_knowledge_graph_version_names_edition_and_content_hash(graph):
    assert re.fullmatch(r"2026\.11-[0-9a-f]{7}", graph.version)


def test_knowledge_graph_loads_under_one_second(guidelines_copy):
    start = time.process_time()
    raw = read_folder(guidelines_copy)
    check_references(raw)
    KnowledgeGraph(raw)
    assert time.process_time() - start < 1.0


def test_knowledge_graph_load_is_cached_per_path(graph):
    assert load_knowledge() is graph


def test_knowledge_graph_edit_changes_version(graph, guidelines_copy):
    path = guidelines_copy / "drugs_nsclc.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    assert load_knowledge(guidelines_copy).version != graph.version


def test_knowledge_graph_breadth(graph):
    drugs_with_rules = [d for d, drug in graph.raw.drugs.items() if drug.rules]
    assert len(drugs_with_rules) >= 60
    cancers_with_tests = {c for r in graph.test_rules.values() for c in r.cancers}
    assert {"nsclc", "breast", "colorectal", "gastric", "melanoma", "ovarian", "prostate", "pancreatic", "gist",
            "biliary", "thyroid", "*"} <= cancers_with_tests


def test_knowledge_graph_every_rule_has_provenance(graph):
    for rule_id, rule in [*graph.drug_rules.items(), *graph.test_rules.items()]:
        assert rule_id.startswith(("drug.", "test.")) and rule.sources and rule.tag in "SKU", rule_id
        assert rule.jurisdiction


@pytest.mark.parametrize(
    "file, old, new, problem",
    [
        # YAML syntax
        ("drugs_nsclc.yaml", "drugs:\n", "drugs:\n  : [\n", "invalid YAML"),
        # shape: a rule without a tag
        ("drugs_nsclc.yaml", "        tag: S\n", "", "tag"),
        # references
        ("drugs_nsclc.yaml", "sources: [nrdl_2025, csco_nsclc, cn_label]", "sources: [nrdl_2099]", "unknown source"),
        ("drugs_nsclc.yaml", "value: egfr_common}, {use: advanced}, {use: first_line}]}",
         "value: egfr_common}, {use: advanced}, {var: mood, op: in, value: [x]}]}", "undeclared variable"),
        ("drugs_nsclc.yaml", "{var: alteration, op: detected, value: egfr_t790m}",
         "{var: alteration, op: ge, value: egfr_t790m}", "operator"),
        ("drugs_nsclc.yaml", "{var: alteration, op: detected, value: alk_fusion}",
         "{var: alteration, op: detected, value: alk_fusoin}", "not a valid alteration_class"),
        ("drugs_nsclc.yaml", "{use: nsclc_histology}", "{use: lung_histology}", "unknown macro"),
        # methods: known ones, on an alteration leaf only
        ("drugs_other.yaml", "value: braf_v600e, methods: [IHC]}", "value: braf_v600e, methods: [ELISA]}", "methods"),
        ("drugs_other.yaml", "{var: histology, op: in, value: [anaplastic_thyroid]}",
         "{var: histology, op: in, value: [anaplastic_thyroid], methods: [IHC]}", "methods"),
        ("drugs_nsclc.yaml", "id: drug.erlotinib.nsclc.egfr_sensitizing.advanced",
         "id: drug.gefitinib.nsclc.egfr_sensitizing.advanced", "duplicate rule id"),
        ("tests.yaml", "covers: [EGFR]\n", "covers: [EGFRX]\n", "unknown gene"),
        ("manifest.yaml", "  - tests.yaml", "  - tests_missing.yaml", "does not exist"),
    ],
)
def test_knowledge_graph_errors_name_file_and_line(guidelines_copy, file, old, new, problem):
    path = guidelines_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(guidelines_copy)
    error = info.value
    assert problem in error.problem
    assert error.file.endswith(file if "missing" not in new else "tests_missing.yaml")
    if file != "manifest.yaml":
        assert error.line is not None and error.line > 0
        assert f":{error.line}:" in str(error)
