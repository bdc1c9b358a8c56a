"""GET /healthz (liveness and store reachability) and GET /metrics (Prometheus)."""

from __future__ import annotations

from fastapi import APIRouter, Response
from sqlalchemy import text

from service.api.deps import SessionDep
from service.metrics import render

router = APIRouter(tags=["operations"])


@router.get("/healthz", operation_id="healthz")
def healthz(session: SessionDep) -> dict[str, str]:
    session.execute(text("SELECT 1"))
    return {"status": "ok"}


@router.get("/metrics", operation_id="metrics", response_class=Response)
def metrics() -> Response:
    return Response(render(), media_type="text/plain; version=0.0.4")
