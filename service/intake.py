"""Receiving a claim: validate it, check its files, store everything durably, create its job.

Order matters for "nothing uploaded is lost": files go to the content-addressed store (fsynced)
and the claim, documents, job and audit record commit in one transaction, all before the
caller is answered. The same claim id with the same JSON and files is the same submission;
anything else under that id is a new version, and the old one is kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from fastapi import UploadFile
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from review_engine.domain import Claim
from review_engine.errors import ClaimValidationError
from review_engine.settings import get_settings
from service import audit, sniff
from service.auth import Principal
from service.config import ServiceConfig
from service.store import crud
from service.store.db import session_scope
from service.store.files import FileStore
from service.store.models import ClaimVersion, Job

READ_CHUNK = 1024 * 1024


class ClaimConflictError(Exception):
    """The claim id is taken by another provider's claim (answered 409, naming nothing of it)."""


class ProviderMismatchError(Exception):
    """A hospital submitted a claim for a provider that is not its own."""


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


@dataclass(frozen=True)
class Submission:
    claim: ClaimVersion
    job: Job
    created: bool


async def read_upload(upload: UploadFile, limit: int) -> bytes:
    """An uploaded part's bytes, refused as soon as it passes ``limit``."""
    chunks, size = [], 0
    while chunk := await upload.read(READ_CHUNK):
        size += len(chunk)
        sniff.check_size(upload.filename or "upload", size, limit)
        chunks.append(chunk)
    return b"".join(chunks)


def parse_claim(raw: str | bytes) -> tuple[Claim, dict[str, Any]]:
    """The claim part as a validated Claim and as the JSON object it came from."""
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ClaimValidationError("claim", f"not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ClaimValidationError("claim", "must be a JSON object")
    try:
        return Claim.model_validate(data), data
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "claim"
        raise ClaimValidationError("claim", f"{where}: {first['msg']}") from exc


def check_documents(claim: Claim, uploads: list[Upload], config: ServiceConfig) -> list[tuple[Any, Upload, str]]:
    """Pair each document with exactly one upload named by its path; sniff and size each file."""
    if len(claim.documents) > config.max_documents:
        raise ClaimValidationError("claim", f"{len(claim.documents)} documents > limit {config.max_documents}")
    by_name: dict[str, Upload] = {}
    for upload in uploads:
        if upload.filename in by_name:
            raise ClaimValidationError(upload.filename, "uploaded twice")
        by_name[upload.filename] = upload
    paths = {ref.path for ref in claim.documents}
    extra = sorted(set(by_name) - paths)
    if extra:
        raise ClaimValidationError(extra[0], "file is not named by any documents[].path")
    limit_pixels = get_settings().limits.max_image_pixels
    checked = []
    for ref in claim.documents:
        _check_safe_path(ref.path)
        upload = by_name.get(ref.path)
        if upload is None:
            raise ClaimValidationError(ref.path, f"no file uploaded for document {ref.doc_id}")
        sniff.check_size(ref.path, len(upload.data), config.max_file_bytes)
        checked.append((ref, upload, sniff.sniff_media_type(ref.path, upload.data, limit_pixels)))
    return checked


def _check_safe_path(path: str) -> None:
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or "\\" in path or not pure.parts:
        raise ClaimValidationError(path, "document path must be relative, without '..'")


def store_files(checked: list[tuple[Any, Upload, str]], files: FileStore) -> list[crud.NewDocument]:
    return [
        crud.NewDocument(doc_id=ref.doc_id, kind=ref.kind, path=ref.path, sha256=files.put(upload.data),
                         media_type=media_type, size=len(upload.data))
        for ref, upload, media_type in checked
    ]


def submit(
    session: Session, *, claim: Claim, claim_json: dict[str, Any], documents: list[crud.NewDocument],
    principal: Principal,
) -> Submission:
    """Record the submission (or find the identical earlier one). Commits."""
    if not principal.sees_provider(claim.provider.id):
        raise ProviderMismatchError(claim.provider.id)
    print_ = crud.fingerprint(claim_json, documents)
    for _ in range(3):  # a concurrent submission of the same id takes the version number: retry
        try:
            result = _submit_once(session, claim, claim_json, documents, principal, print_)
            session.commit()
            return result
        except IntegrityError:
            session.rollback()
    raise ClaimConflictError(claim.claim_id)


async def receive(
    raw_claim: str, uploads: list[Upload], *, config: ServiceConfig, files: FileStore, principal: Principal
) -> tuple[Claim, Submission]:
    """The whole intake, for the API and the upload page: validate, store files, record (commits)."""
    claim, claim_json = parse_claim(raw_claim)
    checked = check_documents(claim, uploads, config)
    documents = await run_in_threadpool(store_files, checked, files)
    submission = await run_in_threadpool(_record, config.database_url, claim, claim_json, documents, principal)
    return claim, submission


def _record(url: str, claim: Claim, claim_json: dict[str, Any], documents: list[crud.NewDocument],
            principal: Principal) -> Submission:
    with session_scope(url) as session:
        return submit(session, claim=claim, claim_json=claim_json, documents=documents, principal=principal)


def _submit_once(
    session: Session, claim: Claim, claim_json: dict[str, Any], documents: list[crud.NewDocument],
    principal: Principal, print_: str,
) -> Submission:
    latest = crud.latest_version(session, claim_id=claim.claim_id)
    if latest is not None and latest.provider_id != claim.provider.id:
        raise ClaimConflictError(claim.claim_id)
    if latest is not None and latest.fingerprint == print_:
        job = crud.job_for(session, claim_pk=latest.id)
        if job is not None:  # every version is inserted with its job
            return Submission(latest, job, created=False)
    version = latest.version + 1 if latest else 1
    row, job = crud.add_claim_version(
        session, claim=claim, claim_json=claim_json, documents=documents, print_=print_,
        version=version, token_id=principal.token_id,
    )
    audit.append(session, actor=principal.actor, action="claim.submitted", subject=f"claim:{claim.claim_id}",
                 payload={"version": version, "fingerprint": print_, "job_id": job.id,
                          "documents": {d.doc_id: d.sha256 for d in documents}})
    return Submission(row, job, created=True)
