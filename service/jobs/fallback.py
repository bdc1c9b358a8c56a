"""The Review result written when the engine could not give one: always route_mdt, never approve."""

from __future__ import annotations

from typing import Any

from review_engine import __version__
from review_engine.domain import DECISION_RISK, ItemResult, Reason, ReviewResult
from review_engine.errors import ReasonCode

# The job runner's own outcomes, catalogued with the other reason codes.
REVIEW_TIMEOUT = ReasonCode.REVIEW_TIMEOUT.value
REVIEW_FAILED = ReasonCode.REVIEW_FAILED.value
DOCUMENT_UNREADABLE = "DOCUMENT_UNREADABLE"

MESSAGES: dict[str, dict[str, str]] = {
    REVIEW_TIMEOUT: {
        "en": "Automatic pre-review did not finish within {detail}; a person must review this item.",
        "zh": "自动预审未在{detail}内完成，需人工审核。",
    },
    REVIEW_FAILED: {
        "en": "Automatic pre-review failed ({detail}); a person must review this item.",
        "zh": "自动预审失败（{detail}），需人工审核。",
    },
    DOCUMENT_UNREADABLE: {
        "en": "A document could not be read ({detail}); a person must review this item.",
        "zh": "文件无法读取（{detail}），需人工审核。",
    },
}


def routed_result(claim_json: dict[str, Any], code: str, detail: str) -> ReviewResult:
    """Every item routed to a person with ``code``; the claim's urgency is kept."""
    language = "zh" if _has_cjk(claim_json) else "en"
    message = MESSAGES[code][language].format(detail=detail)
    items = [
        ItemResult(item_id=str(item.get("item_id", "?")), decision="route_mdt",
                   reasons=[Reason(code=code, message=message, rule=f"service.{code.lower()}")])
        for item in claim_json.get("items", [])
    ]
    return ReviewResult(
        claim_id=str(claim_json.get("claim_id", "")), decision="route_mdt", risk=DECISION_RISK["route_mdt"],
        priority="urgent" if claim_json.get("urgent") else "normal", items=items,
        knowledge_version="unknown", engine_version=__version__,
    )


def _has_cjk(value: Any) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in str(value))
