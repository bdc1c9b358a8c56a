"""Engines for the service tests, importable by a server subprocess (PYTHONPATH = repo root).

``default_engine`` is the real ``review_engine.engine.get_engine()``. ``slow_engine`` (the real
engine after a deliberate pause) and ``crashing_engine`` are the job functions of the timeout and
worker-crash tests.
"""

from __future__ import annotations

import functools
import json
import os
import time
from pathlib import Path
from typing import Any

from review_engine.domain import ReviewResult


@functools.lru_cache(maxsize=1)
def default_engine() -> Any:
    """The library's real engine: a broken engine must fail the service tests, never be replaced."""
    from review_engine.engine import get_engine

    return get_engine()


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
