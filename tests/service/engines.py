"""Engines for the service tests, importable by a server subprocess (PYTHONPATH = repo root).

``default_engine`` is the real ``review_engine.engine.get_engine()`` whenever it can review a
tiny text claim; until the library's layers land it falls back to ``TextEngine``, a stand-in
that reads UTF-8 text documents (the brief allows it until the engine is available).
``slow_engine`` and ``crashing_engine`` are the deliberately slow / crashing job functions
of the timeout and worker-crash tests.
"""

from __future__ import annotations

import functools
import io
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from review_engine import __version__
from review_engine.domain import Claim, DocumentFindings, Evidence, ItemResult, OcrSummary, Reason, ReviewResult

LINE_HEIGHT, PAGE_WIDTH, MARGIN = 24, 800, 20


class TextEngine:
    """Reads text documents; an item is 'approve' if a document says APPROVE, 'flag' if FLAG."""

    def review(self, claim: Any, base_dir: Path | None = None, history_extra: list | None = None) -> ReviewResult:
        parsed = Claim.model_validate(claim)
        texts = {ref.doc_id: (Path(base_dir) / ref.path).read_text(encoding="utf-8") for ref in parsed.documents}
        decision = "route_mdt"
        if any("FLAG" in t for t in texts.values()):
            decision = "flag"
        elif texts and all("APPROVE" in t for t in texts.values()):
            decision = "approve"
        evidence = [Evidence(doc_id=d, page=1, bbox=[MARGIN, MARGIN, PAGE_WIDTH - MARGIN, MARGIN + LINE_HEIGHT],
                             text=t.splitlines()[0] if t else "", confidence=0.99) for d, t in texts.items()]
        items = [ItemResult(item_id=i.item_id, decision=decision, evidence=evidence,
                            reasons=[Reason(code="NO_RULE", message="stand-in engine", rule="test.stand_in")])
                 for i in parsed.items]
        findings = [DocumentFindings(doc_id=d, ocr=OcrSummary(engine="text", pages=1, mean_confidence=1.0))
                    for d in texts]
        return ReviewResult(claim_id=parsed.claim_id, decision=decision,
                            risk={"approve": "low", "route_mdt": "medium", "flag": "high"}[decision],
                            priority="urgent" if parsed.urgent else "normal", items=items, findings=findings,
                            knowledge_version="test", engine_version=__version__)

    def page_image_png(self, doc_path: Path, page: int, boxes: list[list[float]]) -> bytes:
        lines = Path(doc_path).read_text(encoding="utf-8").split("\f")[page - 1].splitlines() or [""]
        image = Image.new("RGB", (PAGE_WIDTH, MARGIN * 2 + LINE_HEIGHT * len(lines)), "white")
        draw = ImageDraw.Draw(image)
        for n, line in enumerate(lines):
            draw.text((MARGIN, MARGIN + n * LINE_HEIGHT), line, fill="black")
        for box in boxes:
            draw.rectangle(box, outline=(255, 0, 0), width=3)
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()


@functools.lru_cache(maxsize=1)
def real_engine_usable() -> bool:
    """True when the library's engine reviews a tiny text claim end to end."""
    try:
        from review_engine.engine import get_engine

        with tempfile.TemporaryDirectory() as folder:
            (Path(folder) / "d1.txt").write_text("EGFR L858R detected\n", encoding="utf-8")
            get_engine().review(_tiny_claim(), base_dir=Path(folder))
        return True
    except Exception:
        return False


def _tiny_claim() -> dict[str, Any]:
    return {"claim_id": "probe", "patient": {"id": "P"}, "provider": {"id": "H"}, "service_date": "2026-10-01",
            "items": [{"item_id": "1", "kind": "drug", "drug": "osimertinib"}],
            "documents": [{"doc_id": "d1", "kind": "genetic_report", "path": "d1.txt"}]}


@functools.lru_cache(maxsize=1)
def default_engine() -> Any:
    if real_engine_usable():
        from review_engine.engine import get_engine

        return get_engine()
    return TextEngine()


class SlowEngine:
    """Sleeps REVIEW_ENGINE_TEST_SLEEP_S before each review, then asks the default engine."""

    def __init__(self) -> None:
        self.sleep_s = float(os.environ.get("REVIEW_ENGINE_TEST_SLEEP_S", "3"))
        marker = os.environ.get("REVIEW_ENGINE_TEST_MARKER_DIR")
        self.marker_dir = Path(marker) if marker else None

    def review(self, claim: Any, base_dir: Path | None = None, history_extra: list | None = None) -> ReviewResult:
        if self.marker_dir:  # one file per review started, so a test can see it began and count runs
            self.marker_dir.mkdir(parents=True, exist_ok=True)
            (self.marker_dir / f"started-{os.getpid()}-{time.time_ns()}").write_text(json.dumps(claim["claim_id"]))
        time.sleep(self.sleep_s)
        return default_engine().review(claim, base_dir=base_dir, history_extra=history_extra)

    def page_image_png(self, doc_path: Path, page: int, boxes: list[list[float]]) -> bytes:
        return default_engine().page_image_png(doc_path, page, boxes)


class CrashingEngine:
    def review(self, claim: Any, base_dir: Path | None = None, history_extra: list | None = None) -> ReviewResult:
        raise RuntimeError("deliberate crash")

    def page_image_png(self, doc_path: Path, page: int, boxes: list[list[float]]) -> bytes:
        raise RuntimeError("deliberate crash")


def slow_engine() -> SlowEngine:
    return SlowEngine()


def crashing_engine() -> CrashingEngine:
    return CrashingEngine()
