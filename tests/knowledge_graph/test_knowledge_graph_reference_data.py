"""Codes in the guideline files exist in the reference data they cite (OncoTree 2025-10-03,
ICD-10-CM FY2025, HGNC 2019): a typo in a code would silently never match a claim."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"reference data not present: {path}")
    return path


def _oncotree_codes(node: dict, out: set[str]) -> set[str]:
    out.add(node.get("code", ""))
    for child in (node.get("children") or {}).values():
        _oncotree_codes(child, out)
    return out


def test_knowledge_graph_oncotree_codes_exist(graph):
    tree = json.loads(_need(DATA / "oncotree" / "oncotree_2025_10_03.json").read_text(encoding="utf-8"))
    codes = _oncotree_codes(tree["TISSUE"], set())
    used = {code for cancer in graph.raw.cancers.cancers.values() for code in cancer.oncotree}
    assert used - codes == set()


def test_knowledge_graph_icd10_categories_exist(graph):
    path = _need(DATA / "icd10cm" / "icd10cm_2025_neoplasms_C00-D49.tsv")
    with path.open(encoding="utf-8") as handle:
        categories = {row["code"][:3] for row in csv.DictReader(handle, delimiter="\t")}
    used = {code for cancer in graph.raw.cancers.cancers.values() for code in cancer.icd10}
    used |= set(graph.raw.cancers.secondary_icd10)
    assert used - categories == set()


def test_knowledge_graph_gene_symbols_are_hgnc_approved(graph):
    path = _need(DATA / "hgnc" / "hgnc_symbols_slim_2019-01.tsv")
    with path.open(encoding="utf-8") as handle:
        approved = {row["symbol"] for row in csv.DictReader(handle, delimiter="\t")}
    assert set(graph.raw.genes.genes) - approved == set()


def test_knowledge_graph_liquid_biopsy_specimens_are_read_specimens(graph):
    """The specimens whose negatives exclude nothing are codes the extraction gives a report's specimen: one it
    never gives would leave every plasma negative proving a class absent."""
    import yaml

    vocabulary = Path(__file__).resolve().parents[2] / "knowledge" / "nlp" / "patient" / "report_info.yaml"
    read = set(yaml.safe_load(vocabulary.read_text(encoding="utf-8"))["specimen"]["values"])
    listed = set(graph.raw.alterations.negative_does_not_exclude_specimens)
    assert listed and listed <= read, listed - read
