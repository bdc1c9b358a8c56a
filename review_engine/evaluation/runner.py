"""Walks a folder of labelled cases, runs the engine on each claim and scores it.

A case is a folder with ``claim.json`` and ``gold.json`` (the corpus layout; an insurer can drop
in their own). ``gold.json`` holds ``decision``, ``items`` ({item_id: {decision, codes}}) and
``findings`` ({doc_id: DocumentFindings}); ``documents`` (format and pages per doc) and
``language`` are optional and inferred from the claim when absent.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from review_engine.domain import Claim, DocumentFindings, ReviewResult
from review_engine.evaluation.aggregate import Evaluation
from review_engine.evaluation.scoring import score_claim, score_document

log = logging.getLogger(__name__)

Reviewer = Callable[[Path], ReviewResult]


def find_cases(root: Path) -> list[Path]:
    """Every folder under ``root`` (or ``root`` itself) holding claim.json and gold.json, sorted."""
    return sorted(p.parent for p in Path(root).rglob("claim.json") if (p.parent / "gold.json").is_file())


def engine_reviewer() -> Reviewer:
    from review_engine.engine import get_engine

    engine = get_engine()
    return lambda claim_path: engine.review(str(claim_path))


def evaluate(cases: Iterable[Path], review: Reviewer, progress: Callable[[int, Path], None] | None = None) -> Evaluation:
    evaluation = Evaluation()
    for n, case_dir in enumerate(cases, 1):
        claim = _read(case_dir / "claim.json")
        gold = _read(case_dir / "gold.json")
        start = time.perf_counter()
        result, error = None, None
        try:
            result = review(case_dir / "claim.json")
        except Exception as exc:  # noqa: BLE001 (the eval's edge: an engine failure is scored as a wrong answer)
            error = f"{type(exc).__name__}: {exc}"
            log.warning("%s: engine failed: %s", case_dir, error)
        evaluation.seconds += time.perf_counter() - start
        score_case(evaluation, case_dir.name, claim, gold, result, error)
        if progress:
            progress(n, case_dir)
    return evaluation


def score_case(evaluation: Evaluation, name: str, claim: dict, gold: dict, result: ReviewResult | None,
               error: str | None = None) -> None:
    """Add one case's document and decision scores to ``evaluation`` (pure: no engine, no files)."""
    meta = gold.get("documents", {})
    paths = {d["doc_id"]: d["path"] for d in claim.get("documents", [])}
    language = gold.get("language") or Claim.model_validate(claim).language
    predicted = {f.doc_id: f for f in result.findings} if result else {}
    formats = []
    for doc_id, raw in gold.get("findings", {}).items():
        fmt = meta.get(doc_id, {}).get("format") or _suffix_format(paths.get(doc_id, ""))
        formats.append(fmt)
        doc_score = score_document(DocumentFindings.model_validate(raw), predicted.get(doc_id))
        evaluation.add_document(doc_score, language, fmt, f"{name}/{doc_id}")
    formats += [meta.get(d, {}).get("format") or _suffix_format(paths.get(d, "")) for d in gold.get("unreadable_documents", [])]
    evaluation.pages += _pages(meta, gold, result)
    evaluation.add_claim(score_claim(claim.get("claim_id", name), gold, result, error), language, formats)


def _pages(meta: dict, gold: dict, result: ReviewResult | None) -> int:
    if meta:
        return sum(int(m.get("pages") or 0) for m in meta.values())
    if result:
        return sum(f.ocr.pages for f in result.findings)
    return sum(int(f.get("ocr", {}).get("pages") or 0) for f in gold.get("findings", {}).values())


def _suffix_format(path: str) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"jpeg": "jpg", "tif": "tiff", "pdf": "pdf"}.get(suffix, suffix or "unknown")


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
