"""Keyword-only reads and writes over the tables; no HTTP and no engine in here."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from review_engine.domain import Claim
from service.store.models import ClaimVersion, HumanDecision, Job, Review, StoredDocument, utcnow


@dataclass(frozen=True)
class NewDocument:
    doc_id: str
    kind: str
    path: str
    sha256: str
    media_type: str
    size: int


@dataclass
class QueueFilter:
    decision: str | None = None
    risk: str | None = None
    priority: str | None = None
    provider: str | None = None
    cancer: str | None = None
    drug: str | None = None
    min_age_hours: float | None = None
    max_age_hours: float | None = None
    states: tuple[str, ...] = ("queued", "running", "reviewed", "in_mdt")
    limit: int = 100
    offset: int = 0
    now: dt.datetime = field(default_factory=utcnow)


def fingerprint(claim_json: dict[str, Any], documents: list[NewDocument]) -> str:
    """Same claim JSON and same file contents -> same fingerprint (idempotent resubmission)."""
    from service.audit import canonical_json

    docs = sorted((d.doc_id, d.path, d.sha256) for d in documents)
    return hashlib.sha256(canonical_json([claim_json, docs]).encode("utf-8")).hexdigest()


def patient_key(claim: Claim) -> str | None:
    """The patient's id, hashed: history lookups never need the id itself."""
    return hashlib.sha256(claim.patient.id.encode("utf-8")).hexdigest() if claim.patient.id else None


def latest_version(session: Session, *, claim_id: str) -> ClaimVersion | None:
    stmt = select(ClaimVersion).where(ClaimVersion.claim_id == claim_id).order_by(ClaimVersion.version.desc())
    return session.execute(stmt.limit(1)).scalar_one_or_none()


def get_version(session: Session, *, claim_id: str, version: int) -> ClaimVersion | None:
    stmt = select(ClaimVersion).where(ClaimVersion.claim_id == claim_id, ClaimVersion.version == version)
    return session.execute(stmt).scalar_one_or_none()


def version_numbers(session: Session, *, claim_id: str) -> list[int]:
    stmt = select(ClaimVersion.version).where(ClaimVersion.claim_id == claim_id).order_by(ClaimVersion.version)
    return list(session.execute(stmt).scalars())


def add_claim_version(
    session: Session, *, claim: Claim, claim_json: dict[str, Any], documents: list[NewDocument],
    print_: str, version: int, token_id: int | None,
) -> tuple[ClaimVersion, Job]:
    """Insert a claim version with its documents and a queued job."""
    row = ClaimVersion(
        claim_id=claim.claim_id, version=version, provider_id=claim.provider.id, fingerprint=print_,
        claim_json=claim_json, patient_key=patient_key(claim), service_date=claim.service_date.isoformat(),
        urgent=claim.urgent, icd10=_joined(claim.diagnosis.icd10), drugs=_joined(i.drug for i in claim.items),
        state="queued", submitted_by=token_id,
    )
    session.add(row)
    session.flush()
    for doc in documents:
        session.add(StoredDocument(claim_pk=row.id, **doc.__dict__))
    job = Job(id=str(uuid.uuid4()), claim_pk=row.id, state="queued")
    session.add(job)
    session.flush()
    return row, job


def _joined(values: Any) -> str:
    clean = [v.strip() for v in values if v]
    return "," + ",".join(clean) + "," if clean else ""


def job_for(session: Session, *, claim_pk: int) -> Job | None:
    return session.execute(select(Job).where(Job.claim_pk == claim_pk)).scalar_one_or_none()


def review_for(session: Session, *, claim_pk: int) -> Review | None:
    return session.execute(select(Review).where(Review.claim_pk == claim_pk)).scalar_one_or_none()


def decisions_for(session: Session, *, claim_pk: int) -> list[HumanDecision]:
    stmt = select(HumanDecision).where(HumanDecision.claim_pk == claim_pk).order_by(HumanDecision.id)
    return list(session.execute(stmt).scalars())


def patient_history(session: Session, *, claim: ClaimVersion) -> list[dict[str, Any]]:
    """Earlier claims of the same patient that the store knows, in the claim's history form."""
    if not claim.patient_key:
        return []
    stmt = select(ClaimVersion).where(
        ClaimVersion.patient_key == claim.patient_key, ClaimVersion.claim_id != claim.claim_id,
        ClaimVersion.service_date <= claim.service_date, _is_latest(),
    )
    history = []
    for other in session.execute(stmt).scalars():
        body = other.claim_json
        review = review_for(session, claim_pk=other.id)
        history.append({
            "claim_id": other.claim_id, "service_date": other.service_date,
            "items": body.get("items", []), "decision": _history_decision(other),
            # what its reports read: the review layer takes an earlier test's specimen and result from them
            "findings": review.result_json.get("findings", []) if review is not None else [],
        })
    return history


def _history_decision(row: ClaimVersion) -> str:
    # A person's final word wins over the engine's recommendation; without one, only an
    # auto-approval is paid. Anything else is still under review: "pending" (the decision layer
    # routes a repeat of a pending test to a person instead of flagging it or paying both).
    if row.final_decision == "approve":
        return "approve"
    if row.final_decision == "deny":
        return "flag"
    return "approve" if row.decision == "approve" else "pending"


def _is_latest():
    newest = (
        select(ClaimVersion.claim_id, func.max(ClaimVersion.version).label("v"))
        .group_by(ClaimVersion.claim_id).subquery()
    )
    return select(newest.c.claim_id).where(
        and_(newest.c.claim_id == ClaimVersion.claim_id, newest.c.v == ClaimVersion.version)
    ).exists()


def queue(session: Session, *, filters: QueueFilter) -> list[ClaimVersion]:
    """Open claims, urgent first, then oldest first."""
    stmt = select(ClaimVersion).where(_is_latest(), ClaimVersion.state.in_(filters.states))
    stmt = stmt.where(*_filter_clauses(filters))
    urgent_first = case((ClaimVersion.priority == "urgent", 0), (ClaimVersion.urgent.is_(True), 0), else_=1)
    stmt = stmt.order_by(urgent_first, ClaimVersion.submitted_at, ClaimVersion.id)
    return list(session.execute(stmt.limit(filters.limit).offset(filters.offset)).scalars())


def _filter_clauses(f: QueueFilter) -> list[Any]:
    clauses: list[Any] = []
    for column, value in ((ClaimVersion.decision, f.decision), (ClaimVersion.risk, f.risk),
                          (ClaimVersion.provider_id, f.provider)):
        if value:
            clauses.append(column == value)
    if f.priority == "urgent":
        clauses.append((ClaimVersion.priority == "urgent") | ClaimVersion.urgent.is_(True))
    elif f.priority == "normal":
        clauses.append((ClaimVersion.priority != "urgent") & ClaimVersion.urgent.is_(False))
    if f.cancer:
        clauses.append(ClaimVersion.icd10.like(f"%,{f.cancer.upper()}%"))
    if f.drug:
        clauses.append(ClaimVersion.drugs.like(f"%,{f.drug.strip().lower()},%"))
    if f.min_age_hours is not None:
        clauses.append(ClaimVersion.submitted_at <= f.now - dt.timedelta(hours=f.min_age_hours))
    if f.max_age_hours is not None:
        clauses.append(ClaimVersion.submitted_at >= f.now - dt.timedelta(hours=f.max_age_hours))
    return clauses


def job_counts(session: Session) -> dict[str, int]:
    stmt = select(Job.state, func.count()).group_by(Job.state)
    return {state: count for state, count in session.execute(stmt)}


def decision_counts(session: Session) -> dict[tuple[str, str], int]:
    """(source, decision) -> count: the engine's reviews and people's decisions."""
    counts: dict[tuple[str, str], int] = {}
    for decision, count in session.execute(select(Review.decision, func.count()).group_by(Review.decision)):
        counts[("engine", decision)] = count
    stmt = select(HumanDecision.decision, func.count()).group_by(HumanDecision.decision)
    for decision, count in session.execute(stmt):
        counts[("person", decision)] = count
    return counts
