"""The service's tables (SQLAlchemy 2). Alembic migrations in ``service/migrations`` create them.

A claim id can have several versions (a hospital resubmits with new documents): every version
is kept, the newest is the one reviewed and shown. Columns the queue filters on are copied out
of the claim JSON when it is stored, so filtering never parses JSON.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: DateTime(timezone=True), dict: JSON}


class ClaimVersion(Base):
    __tablename__ = "claim_versions"
    __table_args__ = (UniqueConstraint("claim_id", "version", name="uq_claim_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[str] = mapped_column(String(128), index=True)
    version: Mapped[int]
    provider_id: Mapped[str] = mapped_column(String(128), index=True)
    fingerprint: Mapped[str] = mapped_column(String(64), doc="sha256 of claim JSON + document hashes")
    claim_json: Mapped[dict]
    patient_key: Mapped[str | None] = mapped_column(String(64), index=True, doc="sha256 of patient.id")
    service_date: Mapped[str] = mapped_column(String(10))
    urgent: Mapped[bool] = mapped_column(default=False)
    icd10: Mapped[str] = mapped_column(String(512), default="", doc="',C34.1,C78.0,' for LIKE filters")
    drugs: Mapped[str] = mapped_column(String(1024), default="", doc="',osimertinib,' for LIKE filters")
    state: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("api_tokens.id"))
    submitted_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    # The engine's recommendation, copied from the review for the queue's filters.
    decision: Mapped[str | None] = mapped_column(String(16), index=True)
    risk: Mapped[str | None] = mapped_column(String(8))
    priority: Mapped[str | None] = mapped_column(String(8))
    final_decision: Mapped[str | None] = mapped_column(String(16))

    documents: Mapped[list[StoredDocument]] = relationship(
        back_populates="claim", order_by="StoredDocument.id", lazy="selectin"
    )


class StoredDocument(Base):
    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("claim_pk", "doc_id", name="uq_document"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_pk: Mapped[int] = mapped_column(ForeignKey("claim_versions.id"), index=True)
    doc_id: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(32))
    path: Mapped[str] = mapped_column(String(512))
    sha256: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]

    claim: Mapped[ClaimVersion] = relationship(back_populates="documents")


class Job(Base):
    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    claim_pk: Mapped[int] = mapped_column(ForeignKey("claim_versions.id"), unique=True)
    state: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    started_at: Mapped[dt.datetime | None]
    lease_until: Mapped[dt.datetime | None] = mapped_column(doc="a running job past this is presumed dead")
    finished_at: Mapped[dt.datetime | None]
    worker: Mapped[str | None] = mapped_column(String(128))
    error: Mapped[str | None] = mapped_column(Text)


class Review(Base):
    """The engine's result for one claim version: written once (unique job), never updated."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id"), unique=True)
    claim_pk: Mapped[int] = mapped_column(ForeignKey("claim_versions.id"), unique=True)
    result_json: Mapped[dict]
    decision: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str] = mapped_column(String(16), doc="reviewed, timeout or failed")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    worker: Mapped[str | None] = mapped_column(String(128))


class HumanDecision(Base):
    """A reviewer's or MDT member's decision or opinion, with a note."""

    __tablename__ = "human_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_pk: Mapped[int] = mapped_column(ForeignKey("claim_versions.id"), index=True)
    token_id: Mapped[int] = mapped_column(ForeignKey("api_tokens.id"))
    role: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16), doc="opinion or final")
    decision: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text)
    override: Mapped[bool] = mapped_column(default=False, doc="final decision differs from the engine's")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, doc="sha256 of the token; never the token")
    prefix: Mapped[str] = mapped_column(String(16), doc="first characters, to tell tokens apart in audit")
    role: Mapped[str] = mapped_column(String(16))
    provider_id: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None]


class AuditRecord(Base):
    """One append-only, hash-chained audit entry (see service/audit.py)."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(32), doc="ISO-8601 UTC, hashed as written")
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(256))
    payload: Mapped[str] = mapped_column(Text, doc="canonical JSON, hashed as written")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The chain's head (count and last hash): deleting the newest records breaks the match."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(default=0)
    last_hash: Mapped[str] = mapped_column(String(64))
