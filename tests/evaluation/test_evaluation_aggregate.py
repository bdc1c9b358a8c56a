"""Aggregation by group, the confusion matrix, auto-approval rate and the printed tables."""

from __future__ import annotations

import json

from review_engine.domain import (
    DocumentFindings,
    ItemResult,
    OcrSummary,
    Reason,
    ReviewResult,
    Variant,
)
from review_engine.evaluation import table
from review_engine.evaluation.aggregate import Evaluation
from review_engine.evaluation.runner import evaluate, find_cases, score_case

CLAIM = {
    "claim_id": "C-1", "patient": {"id": "P1", "name": "张伟"}, "provider": {"id": "H1"}, "service_date": "2026-10-01",
    "diagnosis": {"icd10": ["C34.1"], "text": "右肺腺癌"},
    "items": [{"item_id": "1", "kind": "drug", "drug": "osimertinib", "line": 1}],
    "documents": [{"doc_id": "d1", "kind": "genetic_report", "path": "docs/d1.png"}],
}


def _gold(decision: str) -> dict:
    findings = DocumentFindings(doc_id="d1", ocr=OcrSummary(engine="gold", pages=2, mean_confidence=1.0),
                                variants=[Variant(gene="EGFR", alteration="L858R")])
    return {"decision": decision, "items": {"1": {"decision": decision, "codes": []}},
            "findings": {"d1": findings.model_dump(mode="json")}}


def _result(decision: str, alteration: str = "L858R") -> ReviewResult:
    findings = DocumentFindings(doc_id="d1", ocr=OcrSummary(engine="rapidocr", pages=2, mean_confidence=0.9),
                                variants=[Variant(gene="EGFR", alteration=alteration)])
    return ReviewResult(claim_id="C-1", decision=decision, risk="low", knowledge_version="k", engine_version="e",
                        items=[ItemResult(item_id="1", decision=decision, reasons=[Reason(code="INDICATED", message="m")])],
                        findings=[findings])


def _evaluation() -> Evaluation:
    ev = Evaluation()
    score_case(ev, "a", CLAIM, _gold("approve"), _result("approve"))
    score_case(ev, "b", CLAIM, _gold("flag"), _result("approve", "T790M"))
    score_case(ev, "c", CLAIM, _gold("approve"), _result("route_mdt"))
    return ev


def test_aggregate_decisions_and_confusion():
    report = _evaluation().as_dict()["decisions"]["all"]
    assert report["claims"] == {"correct": 1, "total": 3, "accuracy": round(1 / 3, 4)}
    assert report["confusion"]["approve"] == {"approve": 1, "route_mdt": 1, "flag": 0, "error": 0}
    assert report["confusion"]["flag"]["approve"] == 1
    assert report["auto_approval_rate"] == 0.5
    assert [u["claim_id"] for u in report["unsafe_approvals"]] == ["C-1"]


def test_aggregate_groups_by_language_and_format_from_the_claim():
    ev = _evaluation().as_dict()
    # no "language"/"documents" in this gold: language from the claim text, format from the file suffix
    assert set(ev["extraction"]) == {"all", "language=zh", "format=png"}
    assert set(ev["decisions"]) == {"all", "language=zh", "documents=scan"}
    variants = ev["extraction"]["all"]["variants"]
    assert (variants["tp"], variants["fp"], variants["fn"]) == (2, 1, 1)
    assert ev["pages"] == 6  # from the predicted findings when gold has no document metadata


def test_aggregate_tables_name_every_figure():
    report = _evaluation().as_dict()
    text = table.render(report)
    for needle in ("var F1", "status", "stage", "histology", "biomarker", "patient", "decision acc",
                   "auto-approve", "Confusion", "Unsafe auto-approvals: 1", "Seconds per page"):
        assert needle in text
    markdown = table.render(report, markdown=True).splitlines()
    assert sum(line.startswith("|---") for line in markdown) == 3  # extraction, decisions, confusion


def test_aggregate_runner_walks_cases_and_records_engine_failures(tmp_path):
    for name, decision in (("case-a", "approve"), ("case-b", "flag")):
        case = tmp_path / "test" / name
        case.mkdir(parents=True)
        (case / "claim.json").write_text(json.dumps(CLAIM, ensure_ascii=False), encoding="utf-8")
        (case / "gold.json").write_text(json.dumps(_gold(decision)), encoding="utf-8")

    def reviewer(claim_path):
        if claim_path.parent.name == "case-b":
            raise RuntimeError("OCR crashed")
        return _result("approve")

    cases = find_cases(tmp_path)
    assert [c.name for c in cases] == ["case-a", "case-b"]
    report = evaluate(cases, reviewer).as_dict()["decisions"]["all"]
    assert report["engine_errors"] == 1
    assert report["confusion"]["flag"]["error"] == 1
    assert report["unsafe_approvals"] == []
