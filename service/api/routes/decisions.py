"""POST /v1/claims/{claim_id}/decisions: a reviewer's or MDT member's decision with a note."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status

from service.api.deps import SessionDep, Triage
from service.api.schemas import DecisionCreate, DecisionPublic
from service.api.views import visible_claim
from service.decisions import DecisionRefusedError, record_decision

router = APIRouter(prefix="/v1/claims", tags=["decisions"])


@router.post("/{claim_id}/decisions", response_model=DecisionPublic, status_code=status.HTTP_201_CREATED,
             operation_id="record_decision")
def post_decision(claim_id: str, body: DecisionCreate, session: SessionDep, principal: Triage) -> DecisionPublic:
    claim = visible_claim(session, principal, claim_id)
    try:
        row = record_decision(session, claim=claim, principal=principal, decision=body.decision,
                              note=body.note, kind=body.kind)
    except DecisionRefusedError as exc:
        raise HTTPException(exc.status, str(exc)) from exc
    return DecisionPublic(id=row.id, role=row.role, kind=row.kind, decision=row.decision, note=row.note,
                          override=row.override, created_at=row.created_at)
