"""Waiting for a job's review (``?wait=true``, the upload page): polls the store, so it works
whichever process (pool thread or Celery worker) runs the job."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from fastapi.concurrency import run_in_threadpool

from service.jobs.runner import LEASE_GRACE_S
from service.store import crud
from service.store.db import session_scope

POLL_S = 0.2


async def wait_for_review(url: str, claim_pk: int, timeout_s: float) -> dict[str, Any] | None:
    """The stored Review result of a claim version, or None if none came within the job's lease."""
    deadline = time.monotonic() + timeout_s + LEASE_GRACE_S
    while time.monotonic() < deadline:
        review = await run_in_threadpool(_review_json, url, claim_pk)
        if review is not None:
            return review
        await asyncio.sleep(POLL_S)
    return None


def _review_json(url: str, claim_pk: int) -> dict[str, Any] | None:
    with session_scope(url) as session:
        review = crud.review_for(session, claim_pk=claim_pk)
        return review.result_json if review else None
