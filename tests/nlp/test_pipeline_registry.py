"""The full recognizer registry of knowledge/nlp/pipeline.json: every module loads and feeds the findings."""

from __future__ import annotations

import importlib

import pytest

from review_engine.nlp import load_knowledge

REGISTRY = load_knowledge("pipeline.json")["recognizers"]


@pytest.mark.parametrize("module", REGISTRY)
def test_registry_module_has_find(module: str) -> None:
    assert callable(importlib.import_module(module).find)


def test_registry_fields_ranked_by_section(production_extractor) -> None:
    text = "结果解读\n提示分期 pT3N2M0\n病理分期\npT2aN1M0\n"
    doc = production_extractor.process(text)
    sections = {m.attrs.get("section") for m in doc._.review_mentions if m.field.startswith("staging")}
    assert {"interpretation", "staging"} <= sections
    assert production_extractor.extract_text(text).staging.t == "T2a"


def test_registry_zh_report_end_to_end(production_extractor, zh_report_text: str) -> None:
    findings = production_extractor.extract_text(zh_report_text, doc_id="d1")
    assert findings.patient.name == "李华" and findings.patient.sex == "F"
    assert ("EGFR", "E746_A750del", "detected") in {(v.gene, v.alteration, v.status) for v in findings.variants}
    assert "patient.name" in findings.field_evidence and findings.field_evidence["patient.name"].text
