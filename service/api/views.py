"""Turning stored rows into the API's shapes, and finding a claim the caller may see."""

from __future__ import annotations

from fastapi import HTTPException, status
from sqlalchemy.orm import Session

from review_engine.domain import ReviewResult
from service.api.schemas import ClaimPublic, DecisionPublic, JobPublic, QueueItemPublic
from service.auth import Principal
from service.store import crud
from service.store.models import ClaimVersion, utcnow


def visible_claim(session: Session, principal: Principal, claim_id: str, version: int | None = None) -> ClaimVersion:
    """The claim (newest version unless asked), or 404 if absent or another tenant's."""
    row = (crud.get_version(session, claim_id=claim_id, version=version) if version
           else crud.latest_version(session, claim_id=claim_id))
    if row is None or not principal.sees_provider(row.provider_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no claim {claim_id}")
    return row


def claim_public(session: Session, row: ClaimVersion) -> ClaimPublic:
    review = crud.review_for(session, claim_pk=row.id)
    job = crud.job_for(session, claim_pk=row.id)
    return ClaimPublic(
        claim_id=row.claim_id, version=row.version,
        versions=crud.version_numbers(session, claim_id=row.claim_id), provider_id=row.provider_id,
        state=row.state, submitted_at=row.submitted_at, claim=row.claim_json,
        review=ReviewResult.model_validate(review.result_json) if review else None,
        review_outcome=review.outcome if review else None,
        job=JobPublic(id=job.id, state=job.state, attempts=job.attempts, error=job.error) if job else None,
        decisions=[DecisionPublic(id=d.id, role=d.role, kind=d.kind, decision=d.decision, note=d.note,
                                  override=d.override, created_at=d.created_at)
                   for d in crud.decisions_for(session, claim_pk=row.id)],
        final_decision=row.final_decision,
    )


def queue_item(row: ClaimVersion) -> QueueItemPublic:
    submitted = row.submitted_at if row.submitted_at.tzinfo else row.submitted_at.replace(tzinfo=utcnow().tzinfo)
    return QueueItemPublic(
        claim_id=row.claim_id, version=row.version, provider_id=row.provider_id, state=row.state,
        submitted_at=submitted, age_hours=round((utcnow() - submitted).total_seconds() / 3600, 2),
        urgent=row.urgent or row.priority == "urgent", decision=row.decision, risk=row.risk,
        priority=row.priority, icd10=[c for c in row.icd10.split(",") if c],
        drugs=[d for d in row.drugs.split(",") if d],
    )
