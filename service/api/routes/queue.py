"""GET /v1/queue: open claims for reviewers and the MDT panel, urgent first, then oldest."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from service.api.deps import SessionDep, Triage
from service.api.schemas import QueueItemPublic
from service.api.views import queue_item
from service.store import crud

router = APIRouter(prefix="/v1/queue", tags=["queue"])


@router.get("", response_model=list[QueueItemPublic], operation_id="list_queue")
def list_queue(
    session: SessionDep, _: Triage,
    decision: Literal["approve", "route_mdt", "flag"] | None = None,
    risk: Literal["low", "medium", "high"] | None = None,
    priority: Literal["urgent", "normal"] | None = None,
    provider: Annotated[str | None, Query(max_length=128)] = None,
    cancer: Annotated[str | None, Query(max_length=16, description="ICD-10 prefix, e.g. C34")] = None,
    drug: Annotated[str | None, Query(max_length=64, description="generic drug name")] = None,
    min_age_hours: Annotated[float | None, Query(ge=0, description="waiting at least this long")] = None,
    max_age_hours: Annotated[float | None, Query(ge=0, description="waiting at most this long")] = None,
    include_decided: bool = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[QueueItemPublic]:
    filters = crud.QueueFilter(decision=decision, risk=risk, priority=priority, provider=provider,
                               cancer=cancer, drug=drug, min_age_hours=min_age_hours,
                               max_age_hours=max_age_hours, limit=limit, offset=offset)
    if include_decided:
        filters.states = (*filters.states, "decided")
    return [queue_item(row) for row in crud.queue(session, filters=filters)]
