"""review-engine: pre-review of precision-oncology insurance claims.

    import review_engine
    result = review_engine.review("path/to/claim.json")
    findings = review_engine.extract("report.pdf", kind="auto")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from review_engine.domain import DocumentFindings, ReviewResult


def review(claim: "str | dict[str, Any]", **options: Any) -> "ReviewResult":
    """Full pre-review of one claim (a path to claim.json or a dict in the claim form)."""
    from review_engine.engine import get_engine

    return get_engine().review(claim, **options)


def extract(path: str, kind: str = "auto", **options: Any) -> "DocumentFindings":
    """OCR + extraction of one document, no decision."""
    from review_engine.engine import get_engine

    return get_engine().extract(path, kind=kind, **options)


__all__ = ["review", "extract", "__version__"]
