"""POST /v1/claims (store + pre-review) and GET /v1/claims/{claim_id}."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile, status
from fastapi.responses import JSONResponse

from review_engine.domain import ReviewResult
from service import intake
from service.api.deps import ClaimReader, ConfigDep, FilesDep, QueueDep, SessionDep, Submitter
from service.api.schemas import ClaimAccepted, ClaimPublic
from service.api.views import claim_public, visible_claim
from service.jobs.waiting import wait_for_review

router = APIRouter(prefix="/v1/claims", tags=["claims"])


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
    uploads = [intake.Upload(f.filename or "", await intake.read_upload(f, config.max_file_bytes)) for f in files]
    _, submission = await intake.receive(claim, uploads, config=config, files=files_store, principal=principal)
    if submission.created or submission.job.state == "queued":
        queue.submit(submission.job.id)
    if wait:
        result = await wait_for_review(config.database_url, submission.claim.id, config.job_timeout_s)
        if result is not None:
            return JSONResponse(result)
    accepted = ClaimAccepted(
        claim_id=submission.claim.claim_id, version=submission.claim.version, job_id=submission.job.id,
        state=submission.job.state, created=submission.created,
        status_url=str(request.url_for("get_claim", claim_id=submission.claim.claim_id)),
    )
    return JSONResponse(accepted.model_dump(mode="json"), status_code=status.HTTP_202_ACCEPTED)


@router.get("/{claim_id}", response_model=ClaimPublic, operation_id="get_claim")
def get_claim(
    claim_id: str, session: SessionDep, principal: ClaimReader,
    version: Annotated[int | None, Query(ge=1, description="an earlier version; newest if absent")] = None,
) -> ClaimPublic:
    return claim_public(session, visible_claim(session, principal, claim_id, version))
