"""Shared claims for the engine's end-to-end tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# One patient's pathology report: lung adenocarcinoma, the diagnosis the lung drug rules ask for.
PATHOLOGY = "病理诊断报告\n姓名：张伟 住院号：ZY20261234\n病理诊断：（右肺上叶）浸润性腺癌\n"


@pytest.fixture
def lung_drug_claim(tmp_path: Path) -> Callable[..., dict]:
    """A claim for one targeted lung-cancer drug whose genetic report is ``genetic`` (a file under
    ``tmp_path`` the test writes) beside the patient's pathology report (``d2.txt``, written here);
    review it with ``base_dir=tmp_path``."""
    (tmp_path / "d2.txt").write_text(PATHOLOGY, encoding="utf-8")

    def claim(genetic: str, drug: str, line: int, claim_id: str) -> dict:
        return {
            "claim_id": claim_id,
            "patient": {"id": "ZY20261234", "name": "张伟"},
            "diagnosis": {"icd10": ["C34.1"], "text": "右肺上叶腺癌 IVA期（cT3N2M1a）"},
            "provider": {"id": "H1"},
            "service_date": "2026-10-01",
            "items": [
                {"item_id": "1", "kind": "drug", "name": "靶向药", "drug": drug, "line": line}
            ],
            "documents": [
                {"doc_id": "d1", "kind": "genetic_report", "path": genetic},
                {"doc_id": "d2", "kind": "pathology_report", "path": "d2.txt"},
            ],
        }

    return claim


@pytest.fixture
def review_lung_report(tmp_path: Path, lung_drug_claim: Callable[..., dict]) -> Callable[..., Any]:
    """Review one targeted lung-cancer drug claim whose genetic report is ``report`` (text); the first item's
    result (decision and reasons)."""
    from review_engine.engine import get_engine

    def review(report: str, drug: str, line: int = 1, claim_id: str = "C-E2E") -> Any:
        (tmp_path / "d1.txt").write_text(report, encoding="utf-8")
        return get_engine().review(lung_drug_claim("d1.txt", drug, line, claim_id), base_dir=tmp_path).items[0]

    return review


@pytest.fixture
def review_drug_claim(tmp_path: Path) -> Callable[..., Any]:
    """Review a one-drug claim whose documents are ``documents`` (kind -> text, written under ``tmp_path`` as
    d1.txt, d2.txt ... in order); the first item's result (decision and reasons), or with ``whole`` the claim's
    result (missing documents too)."""
    from review_engine.engine import get_engine

    def review(documents: dict[str, str], drug: str, icd10: str, diagnosis: str, *, line: int = 1,
               patient: tuple[str, str] = ("ZY20261234", "张伟"), claim_id: str = "C-E2E", whole: bool = False,
               setting: str | None = None) -> Any:
        listed = []
        for number, (kind, text) in enumerate(documents.items(), 1):
            (tmp_path / f"d{number}.txt").write_text(text, encoding="utf-8")
            listed.append({"doc_id": f"d{number}", "kind": kind, "path": f"d{number}.txt"})
        claim = {
            "claim_id": claim_id, "patient": {"id": patient[0], "name": patient[1]},
            "diagnosis": {"icd10": [icd10], "text": diagnosis}, "provider": {"id": "H1"},
            "service_date": "2026-10-01",
            # a setting ('adjuvant') stands for the line
            "items": [{"item_id": "1", "kind": "drug", "name": drug, "drug": drug,
                       **({"setting": setting} if setting else {"line": line})}],
            "documents": listed,
        }
        result = get_engine().review(claim, base_dir=tmp_path)
        return result if whole else result.items[0]

    return review
