"""benchmarks/extraction_diff.py: the findings that differ between two extractions of a corpus, document by
document (the check that found a session's change reading detected 19del rows as not detected)."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest
from benchmark_script import load_benchmark


@pytest.fixture(scope="module")
def diff() -> ModuleType:
    return load_benchmark("extraction_diff")


def test_differences_name_the_variants_each_side_alone_reads(diff: ModuleType) -> None:
    base = {"d1": {"variants": [["EGFR", "exon19del", "", 19, "detected", "0.1"]], "histology": "adenocarcinoma"},
            "d2": {"variants": [], "histology": None}}
    head = {"d1": {"variants": [["EGFR", "exon19del", "", 19, "not_detected", "0.1"]], "histology": "adenocarcinoma"},
            "d2": {"variants": [], "histology": None}, "d3": {"variants": [], "histology": None}}
    lines = diff.differences(base, head)
    assert lines == [
        ("d1 variants: base only [['EGFR', 'exon19del', '', 19, 'detected', '0.1']]; "
        "head only [['EGFR', 'exon19del', '', 19, 'not_detected', '0.1']]"),
        "d3: only in head",
    ]
    assert diff.differences(base, base) == []


def test_extract_corpus_reads_each_text_by_its_layout(diff: ModuleType, tmp_path: Path) -> None:
    split = tmp_path / "test"
    split.mkdir()
    docs = [{"doc_id": "c1/d1", "layout": "genetic_ngs", "text": "检测结果\nEGFR L858R 阳性\n"},
            {"doc_id": "c1/d2", "layout": "pathology_zh", "text": "病理诊断：（右肺上叶）浸润性腺癌\n"},
            {"doc_id": "c1/d3", "layout": "genetic_ngs", "text": ""}]
    (split / "spans.jsonl").write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs),
                                       encoding="utf-8")
    found = diff.extract_corpus(tmp_path)
    assert set(found) == {"c1/d1", "c1/d2"}
    assert found["c1/d1"]["variants"] == [["EGFR", "L858R", "", 21, "detected", "None", "None", "somatic"]]
    assert found["c1/d2"]["histology"] == "adenocarcinoma"
