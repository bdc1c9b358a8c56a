"""GET /v1/audit/verify: check the hash chain (admin)."""

from __future__ import annotations

from fastapi import APIRouter

from service import audit
from service.api.deps import Admin, SessionDep
from service.api.schemas import AuditReport

router = APIRouter(prefix="/v1/audit", tags=["audit"])


@router.get("/verify", response_model=AuditReport, operation_id="verify_audit")
def verify_audit(session: SessionDep, _: Admin) -> AuditReport:
    report = audit.verify(session)
    return AuditReport(ok=report.ok, records=report.records, broken_seq=report.broken_seq, problem=report.problem)
