"""The job function: review one stored claim version, exactly once.

Safe to run twice (a redelivered Celery message, a recovered in-process job): the result is
written under a conditional update of the job row plus unique constraints on the review,
so the second finisher writes nothing. A review that runs past the timeout, or a job that
keeps crashing, ends as ``route_mdt`` with a reason: never ``approve``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import update

from review_engine.domain import DocumentFindings, HistoryClaim, ReviewResult
from review_engine.errors import BadInputError
from service import audit
from service.config import ServiceConfig
from service.engine_port import load_engine
from service.jobs import fallback
from service.metrics import observe_review
from service.store import crud
from service.store.db import session_scope
from service.store.files import FileStore
from service.store.models import ClaimVersion, Job, Review, utcnow

log = logging.getLogger("service.jobs")
LEASE_GRACE_S = 30.0


class RetryableJobError(Exception):
    """The job failed in a way another attempt may fix; the queue should run it again."""


@dataclass(frozen=True)
class JobInput:
    claim_pk: int
    claim_json: dict[str, Any]
    documents: list[tuple[str, str]]  # (path, sha256)
    history: list[dict[str, Any]]
    attempt: int


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def run_job(job_id: str, config: ServiceConfig) -> str:
    """Run one job to its end; returns what happened (done, already_done, duplicate, missing)."""
    job_input = _start(job_id, config)
    if isinstance(job_input, str):
        return job_input
    if job_input.attempt > config.job_max_attempts:
        detail = f"{job_input.attempt - 1} attempts"
        return _finish(job_id, config, fallback.routed_result(job_input.claim_json, fallback.REVIEW_FAILED, detail), "failed")
    started = time.perf_counter()
    result, outcome = _review_with_timeout(job_input, config)
    observe_review(time.perf_counter() - started, outcome)
    return _finish(job_id, config, result, outcome)


def _start(job_id: str, config: ServiceConfig) -> JobInput | str:
    with session_scope(config.database_url) as session:
        job = session.get(Job, job_id, with_for_update=True)
        if job is None:
            return "missing"
        if job.state == "done":
            return "already_done"
        claim = session.get(ClaimVersion, job.claim_pk)
        now = utcnow()
        job.state, job.attempts, job.started_at, job.worker = "running", job.attempts + 1, now, worker_name()
        job.lease_until = now + dt.timedelta(seconds=config.job_timeout_s + LEASE_GRACE_S)
        claim.state = "running"
        log.info("job started", extra={"job_id": job_id, "claim_pk": claim.id, "attempt": job.attempts})
        return JobInput(
            claim_pk=claim.id, claim_json=claim.claim_json,
            documents=[(d.path, d.sha256) for d in claim.documents],
            history=crud.patient_history(session, claim=claim), attempt=job.attempts,
        )


def _review_with_timeout(job_input: JobInput, config: ServiceConfig) -> tuple[ReviewResult, str]:
    """Run the engine in a helper thread so a stuck review cannot hold the job forever."""
    box: dict[str, Any] = {}
    thread = threading.Thread(target=_review_into, args=(job_input, config, box), daemon=True)
    thread.start()
    thread.join(config.job_timeout_s)
    if thread.is_alive():
        detail = f"{config.job_timeout_s:g} s"
        log.warning("review timed out", extra={"claim_pk": job_input.claim_pk})
        return fallback.routed_result(job_input.claim_json, fallback.REVIEW_TIMEOUT, detail), "timeout"
    if "error" in box:
        return _result_for_error(job_input, config, box["error"])
    return box["result"], "reviewed"


def _review_into(job_input: JobInput, config: ServiceConfig, box: dict[str, Any]) -> None:
    try:
        box["result"] = review_claim(job_input, config)
    except BaseException as exc:  # noqa: BLE001 (handed to the job thread, which records the failure and decides)
        box["error"] = exc


def review_claim(job_input: JobInput, config: ServiceConfig) -> ReviewResult:
    """Copy the claim's documents to a scratch folder and run the engine on them."""
    engine = load_engine(config.engine_factory)
    files = FileStore(config.files_dir)
    with tempfile.TemporaryDirectory(prefix="review-job-") as scratch:
        base = Path(scratch)
        for path, sha256 in job_input.documents:
            files.materialize(sha256, base / path)
        history = [_history_claim(h) for h in job_input.history]
        result = engine.review(job_input.claim_json, base_dir=base, history_extra=history or None)
    return ReviewResult.model_validate(result.model_dump(mode="json"))


def _history_claim(stored: dict[str, Any]) -> HistoryClaim:
    """An earlier claim in the engine's history form. Its findings come from an earlier review, written by the
    engine of its day: one that no longer validates is left out (logged), since it would fail every review of the
    patient; the claim then counts with what its items state (its test read as claimed). A claim whose own items
    do not validate still fails the review: left out, its test could not be seen as repeated."""
    findings = []
    for found in stored.get("findings", []):
        try:
            findings.append(DocumentFindings.model_validate(found))
        except ValidationError as exc:
            log.warning("earlier review's findings unreadable, left out",
                        extra={"claim_id": stored.get("claim_id"), "errors": exc.error_count()})
    return HistoryClaim.model_validate({**stored, "findings": findings})


def _result_for_error(job_input: JobInput, config: ServiceConfig, error: BaseException) -> tuple[ReviewResult, str]:
    if isinstance(error, BadInputError):
        result = fallback.routed_result(job_input.claim_json, fallback.DOCUMENT_UNREADABLE, error.message)
        return result, "failed"
    log.error("review failed", extra={"claim_pk": job_input.claim_pk, "error": type(error).__name__})
    if job_input.attempt < config.job_max_attempts:
        raise RetryableJobError(type(error).__name__) from error
    detail = f"{type(error).__name__} after {job_input.attempt} attempts"
    return fallback.routed_result(job_input.claim_json, fallback.REVIEW_FAILED, detail), "failed"


def _finish(job_id: str, config: ServiceConfig, result: ReviewResult, outcome: str) -> str:
    """Write the result once: only the finisher that flips the job to done writes anything."""
    with session_scope(config.database_url) as session:
        flipped = session.execute(
            update(Job).where(Job.id == job_id, Job.state != "done")
            .values(state="done", finished_at=utcnow(), error=None if outcome == "reviewed" else outcome)
        ).rowcount
        if flipped != 1:
            return "duplicate"
        job = session.get(Job, job_id)
        claim = session.get(ClaimVersion, job.claim_pk)
        payload = result.model_dump(mode="json")
        session.add(Review(job_id=job_id, claim_pk=claim.id, result_json=payload, decision=result.decision,
                           outcome=outcome, worker=worker_name()))
        claim.state = "reviewed"
        claim.decision, claim.risk, claim.priority = result.decision, result.risk, result.priority
        audit.append(session, actor=f"engine:{worker_name()}", action="review.completed",
                     subject=f"claim:{claim.claim_id}",
                     payload={"version": claim.version, "job_id": job_id, "decision": result.decision,
                              "outcome": outcome, "knowledge_version": result.knowledge_version})
    log.info("job finished", extra={"job_id": job_id, "outcome": outcome, "decision": result.decision})
    return "done"


def mark_for_retry(job_id: str, config: ServiceConfig, error: str) -> None:
    with session_scope(config.database_url) as session:
        session.execute(update(Job).where(Job.id == job_id, Job.state == "running")
                        .values(state="queued", error=error, lease_until=None))
