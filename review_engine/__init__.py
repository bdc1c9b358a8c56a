"""review-engine: pre-review of precision-oncology insurance claims.

import review_engine
result = review_engine.review("path/to/claim.json")
findings = review_engine.extract("report.pdf", kind="auto")
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from review_engine.domain import DocumentFindings, ReviewResult


def review(claim: str | dict[str, Any], **options: Any) -> ReviewResult:
    """Full pre-review of one claim (a path to claim.json or a dict in the claim form)."""
    from review_engine.engine import get_engine

    return get_engine().review(claim, **options)


def extract(path: str, kind: str = "auto", **options: Any) -> DocumentFindings:
    """OCR + extraction of one document, no decision."""
    from review_engine.engine import get_engine

    return get_engine().extract(path, kind=kind, **options)


__all__ = ["__version__", "extract", "review"]


class _Package(ModuleType):
    """This package's module. The import system sets a package's attribute to each subpackage it loads,
    so loading the decision layer (``review_engine.review``, on the first review) replaced the function
    ``review_engine.review`` with that module and the second call failed ("'module' object is not
    callable"). The functions of the API keep their names; the subpackage stays importable by its dotted
    name (``from review_engine.review import decide``), which reads ``sys.modules``."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in __all__ and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
