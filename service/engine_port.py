"""The one door to the library's engine: ``review_engine.engine.get_engine`` unless configured.

``REVIEW_ENGINE_ENGINE_FACTORY`` ('module:callable') swaps it, which the tests use for a
deliberately slow or crashing engine; everything else always goes through the real one.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any, Protocol


class ReviewEngine(Protocol):
    def review(self, claim: Any, base_dir: Any = None, history_extra: list | None = None) -> Any: ...

    def page_image_png(self, doc_path: Any, page: int, boxes: list[list[float]]) -> bytes: ...


@lru_cache(maxsize=4)
def load_engine(factory: str) -> ReviewEngine:
    """Import and call the factory once per process (models load once)."""
    module_name, _, attribute = factory.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attribute or "get_engine")()
