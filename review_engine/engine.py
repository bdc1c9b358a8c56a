"""The orchestrator behind ``review()`` and ``extract()``: the only place that wires the layers.

One ``Engine`` per process holds the loaded OCR engines, the spaCy/ONNX pipeline and the
knowledge graph, so later calls never repeat the loading. A claim's story is a readable
sequence of named steps: load the claim, read each document (OCR), extract findings,
decide against the guideline graph, and time each step.
"""

from __future__ import annotations

import io
import json
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from review_engine import __version__
from review_engine.domain import (
    DECISION_RISK,
    Claim,
    DocumentFindings,
    HistoryClaim,
    ParsedDocument,
    ReviewResult,
    Timings,
    most_severe,
)
from review_engine.errors import BadInputError, ClaimValidationError, DocumentNotFoundError, Problem
from review_engine.settings import Settings, get_settings

log = logging.getLogger(__name__)


class _Stopwatch:
    """Milliseconds spent per named step."""

    def __init__(self) -> None:
        self.ms: dict[str, float] = {}

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.ms[name] = self.ms.get(name, 0.0) + (time.perf_counter() - start) * 1000


class Engine:
    """Loads each layer lazily, once, and runs claims and documents through them."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self._lock = threading.Lock()
        self._reader: Any = None
        self._extractor: Any = None
        self._graph: Any = None

    # ------------------------------------------------------------ layers, loaded once

    @property
    def reader(self):  # -> review_engine.ocr.DocumentReader
        with self._lock:
            if self._reader is None:
                from review_engine.ocr import DocumentReader

                self._reader = DocumentReader(self.settings)
            return self._reader

    @property
    def extractor(self):  # -> review_engine.nlp.pipeline.Extractor
        with self._lock:
            if self._extractor is None:
                from review_engine.nlp.pipeline import Extractor

                self._extractor = Extractor(self.settings)
            return self._extractor

    @property
    def graph(self):  # -> review_engine.knowledge_graph.KnowledgeGraph
        with self._lock:
            if self._graph is None:
                from review_engine.knowledge_graph import load_knowledge

                self._graph = load_knowledge()
            return self._graph

    def load(self) -> Engine:
        """Load every layer now (the service and batch call it before taking work), so that
        per-claim timings measure the work, not the one-time loading."""
        _ = self.reader, self.extractor, self.graph
        return self

    # ------------------------------------------------------------ public API

    def extract(
        self, path: str | Path, kind: str = "auto", doc_id: str = "", ocr_engine: str | None = None
    ) -> DocumentFindings:
        """OCR + extraction of one document, no decision. Bad input raises BadInputError."""
        parsed = self.reader.read(Path(path), doc_id=doc_id, engine=ocr_engine)
        return self.extractor.extract(parsed, kind=kind, doc_id=doc_id)

    def review(
        self,
        claim: str | Path | dict[str, Any] | Claim,
        base_dir: Path | None = None,
        history_extra: list[HistoryClaim] | None = None,
        ocr_engine: str | None = None,
    ) -> ReviewResult:
        """Full pre-review of one claim.

        Claim JSON that fails validation, or that names a document file that does not exist,
        raises BadInputError. A document that exists but cannot be read is still reviewed:
        the decision layer routes the items that need it (DOCUMENT_UNREADABLE).
        """
        self.load()
        watch = _Stopwatch()
        with watch.step("total"):
            parsed_claim, base = load_claim(claim, base_dir)
            if history_extra:
                parsed_claim = parsed_claim.model_copy(
                    update={"history": [*parsed_claim.history, *history_extra]}
                )
            findings, unreadable = self._read_documents(parsed_claim, base, watch, ocr_engine)
            with watch.step("decide"):
                from review_engine.review.decide import decide

                outcome = decide(parsed_claim, findings, unreadable, self.graph, self.settings.policy)
        decision = most_severe([item.decision for item in outcome.items])
        return ReviewResult(
            claim_id=parsed_claim.claim_id,
            decision=decision,
            risk=DECISION_RISK[decision],
            priority=outcome.priority,
            items=outcome.items,
            findings=findings,
            missing_documents=outcome.missing_documents,
            knowledge_version=outcome.knowledge_version,
            engine_version=__version__,
            timings_ms=Timings(**{k: round(v) for k, v in watch.ms.items()}),
        )

    def page_image_png(self, doc_path: str | Path, page: int, boxes: list[list[float]]) -> bytes:
        """The document page as PNG with the evidence boxes drawn (for reviewers and tests)."""
        image = self.reader.draw_evidence(Path(doc_path), page, boxes)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()

    # ------------------------------------------------------------ steps

    def _read_documents(
        self, claim: Claim, base: Path, watch: _Stopwatch, ocr_engine: str | None
    ) -> tuple[list[DocumentFindings], dict[str, str]]:
        findings: list[DocumentFindings] = []
        unreadable: dict[str, str] = {}
        for ref in claim.documents:
            path = base / ref.path
            try:
                with watch.step("ocr"):
                    parsed: ParsedDocument = self.reader.read(path, doc_id=ref.doc_id, engine=ocr_engine)
            except BadInputError as exc:
                # The file exists (checked at load) but cannot be read: review goes on and the
                # decision layer routes every item that needed this document.
                log.warning("document %s unreadable: %s", ref.doc_id, exc.message)
                unreadable[ref.doc_id] = exc.message
                continue
            with watch.step("extract"):
                findings.append(self.extractor.extract(parsed, kind=ref.kind, doc_id=ref.doc_id))
        return findings, unreadable


def load_claim(claim: str | Path | dict[str, Any] | Claim, base_dir: Path | None = None) -> tuple[Claim, Path]:
    """Parse and validate a claim; check that every document it names exists.

    Returns the claim and the folder its document paths are relative to.
    """
    source = "<claim>"
    if isinstance(claim, Claim):
        parsed, base = claim, base_dir or Path.cwd()
    else:
        if isinstance(claim, (str, Path)):
            path = Path(claim)
            source = str(path)
            data = _read_claim_json(path)
            base = base_dir or path.resolve().parent
        else:
            data, base = claim, base_dir or Path.cwd()
        try:
            parsed = Claim.model_validate(data)
        except ValidationError as exc:
            raise ClaimValidationError(source, _first_validation_error(exc)) from exc
    for ref in parsed.documents:
        if not (base / ref.path).is_file():
            raise DocumentNotFoundError(str(base / ref.path), f"named by {source} as {ref.doc_id}")
    return parsed, base


def _read_claim_json(path: Path) -> Any:
    if not path.is_file():
        raise DocumentNotFoundError(str(path))
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ClaimValidationError(str(path), f"not UTF-8 ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise BadInputError(str(path), f"{exc.msg} at line {exc.lineno}", Problem.INVALID_JSON) from exc


def _first_validation_error(exc: ValidationError) -> str:
    errors = exc.errors()
    first = errors[0]
    where = ".".join(str(p) for p in first["loc"]) or "claim"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {first['msg']}{more}"


_ENGINE: Engine | None = None
_ENGINE_LOCK = threading.Lock()


def get_engine() -> Engine:
    """The process-wide engine: models and OCR engines load once and are reused."""
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            _ENGINE = Engine()
        return _ENGINE
