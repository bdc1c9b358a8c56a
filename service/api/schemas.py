"""Request and response shapes of the API (the Review result itself is review_engine.domain's)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field

from review_engine.domain import ReviewResult

PersonDecision = Literal["approve", "deny", "refer_mdt"]


class ClaimAccepted(BaseModel):
    claim_id: str
    version: int
    job_id: str
    state: str
    created: bool = Field(description="false when this exact submission was already stored")
    status_url: str


class JobPublic(BaseModel):
    id: str
    state: str
    attempts: int
    error: str | None = None


class DecisionCreate(BaseModel):
    decision: PersonDecision
    note: str = Field(min_length=1, max_length=4000)
    kind: Literal["final", "opinion"] = "final"


class DecisionPublic(BaseModel):
    id: int
    role: str
    kind: str
    decision: str
    note: str
    override: bool
    created_at: dt.datetime


class ClaimPublic(BaseModel):
    claim_id: str
    version: int
    versions: list[int]
    provider_id: str
    state: str
    submitted_at: dt.datetime
    claim: dict[str, Any]
    review: ReviewResult | None = None
    review_outcome: str | None = None
    job: JobPublic | None = None
    decisions: list[DecisionPublic] = Field(default_factory=list)
    final_decision: str | None = None


class QueueItemPublic(BaseModel):
    claim_id: str
    version: int
    provider_id: str
    state: str
    submitted_at: dt.datetime
    age_hours: float
    urgent: bool
    decision: str | None
    risk: str | None
    priority: str | None
    icd10: list[str]
    drugs: list[str]


class AuditReport(BaseModel):
    ok: bool
    records: int
    broken_seq: int | None = None
    problem: str | None = None

