"""POST /v1/claims (store + pre-review) and GET /v1/claims/{claim_id}."""

from __future__ import annotations

import asyncio
import time
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from review_engine.domain import ReviewResult
from service import intake
from service.api.deps import ConfigDep, FilesDep, QueueDep, SessionDep, Submitter, ClaimReader
from service.api.schemas import ClaimAccepted, ClaimPublic
from service.api.views import claim_public, visible_claim
from service.jobs.runner import LEASE_GRACE_S
from service.store import crud
from service.store.db import session_scope

router = APIRouter(prefix="/v1/claims", tags=["claims"])
WAIT_POLL_S = 0.2
READ_CHUNK = 1024 * 1024


@router.post(
    "", status_code=status.HTTP_202_ACCEPTED, operation_id="submit_claim",
    responses={200: {"model": ReviewResult, "description": "with ?wait=true: the Review result"},
               202: {"model": ClaimAccepted}},
)
async def submit_claim(
    request: Request, config: ConfigDep, files_store: FilesDep, queue: QueueDep, principal: Submitter,
    claim: Annotated[str, Form(description="the claim JSON (CONTRACT.md section 2)")],
    files: Annotated[list[UploadFile], File(description="one part per document; filename = its path")] = [],  # noqa: B006
    wait: Annotated[bool, Query(description="answer with the Review result when it is ready")] = False,
) -> JSONResponse:
    parsed, claim_json = intake.parse_claim(claim)
    uploads = [intake.Upload(f.filename or "", await _read_limited(f, config.max_file_bytes)) for f in files]
    checked = intake.check_documents(parsed, uploads, config)
    documents = await run_in_threadpool(intake.store_files, checked, files_store)
    submission = await run_in_threadpool(_record, config.database_url, parsed, claim_json, documents, principal)
    if submission.created or submission.job.state == "queued":
        queue.submit(submission.job.id)
    if wait:
        result = await _wait_for_review(config.database_url, submission.claim.id, config.job_timeout_s)
        if result is not None:
            return JSONResponse(result)
    accepted = ClaimAccepted(
        claim_id=submission.claim.claim_id, version=submission.claim.version, job_id=submission.job.id,
        state=submission.job.state, created=submission.created,
        status_url=str(request.url_for("get_claim", claim_id=submission.claim.claim_id)),
    )
    return JSONResponse(accepted.model_dump(mode="json"), status_code=status.HTTP_202_ACCEPTED)


async def _read_limited(upload: UploadFile, limit: int) -> bytes:
    from service.sniff import check_size

    chunks, size = [], 0
    while chunk := await upload.read(READ_CHUNK):
        size += len(chunk)
        check_size(upload.filename or "upload", size, limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _record(url: str, parsed, claim_json, documents, principal) -> intake.Submission:  # noqa: ANN001
    with session_scope(url) as session:
        return intake.submit(session, claim=parsed, claim_json=claim_json, documents=documents,
                             principal=principal)


async def _wait_for_review(url: str, claim_pk: int, timeout_s: float) -> dict | None:
    deadline = time.monotonic() + timeout_s + LEASE_GRACE_S
    while time.monotonic() < deadline:
        review = await run_in_threadpool(_review_json, url, claim_pk)
        if review is not None:
            return review
        await asyncio.sleep(WAIT_POLL_S)
    return None


def _review_json(url: str, claim_pk: int) -> dict | None:
    with session_scope(url) as session:
        review = crud.review_for(session, claim_pk=claim_pk)
        return review.result_json if review else None


@router.get("/{claim_id}", response_model=ClaimPublic, operation_id="get_claim")
def get_claim(
    claim_id: str, session: SessionDep, principal: ClaimReader,
    version: Annotated[int | None, Query(ge=1, description="an earlier version; newest if absent")] = None,
) -> ClaimPublic:
    return claim_public(session, visible_claim(session, principal, claim_id, version))
