"""GET /v1/claims/{claim_id}/documents/{doc_id}/pages/{n}: the page as PNG with evidence boxes.

Rendering is slow (rasterising a PDF page), so each picture is cached by document hash, page
and boxes under ``REVIEW_ENGINE_HOME/cache``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from review_engine.errors import BadInputError
from service.api.deps import ClaimReader, ConfigDep, FilesDep, SessionDep
from service.api.views import visible_claim
from service.engine_port import load_engine
from service.evidence import boxes_on, parse_box
from service.store import crud
from service.store.files import FileStore

router = APIRouter(prefix="/v1/claims", tags=["documents"])


@router.get(
    "/{claim_id}/documents/{doc_id}/pages/{n}", operation_id="page_image",
    responses={200: {"content": {"image/png": {}}, "description": "the page with evidence boxes"}},
    response_class=Response,
)
async def page_image(
    claim_id: str, doc_id: str, n: Annotated[int, PathParam(ge=1, le=10_000)],
    session: SessionDep, principal: ClaimReader, config: ConfigDep, files: FilesDep,
    box: Annotated[str | None, Query(description="draw only this box: x0,y0,x1,y1")] = None,
    version: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    claim = visible_claim(session, principal, claim_id, version)
    document = next((d for d in claim.documents if d.doc_id == doc_id), None)
    if document is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no document {doc_id} in claim {claim_id}")
    boxes = _boxes(session, claim.id, doc_id, n, box)
    cache = config.home / "cache" / "pages" / _cache_key(document.sha256, n, boxes)
    if not cache.exists():
        png = await run_in_threadpool(_render, files, document.sha256, document.path, n, boxes, config)
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(png)
    return Response(cache.read_bytes(), media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


def _boxes(session, claim_pk: int, doc_id: str, page: int, box: str | None) -> list[list[float]]:
    if box:
        try:
            return [parse_box(box)]
        except ValueError as exc:
            raise HTTPException(422, f"box: {exc}") from exc
    review = crud.review_for(session, claim_pk=claim_pk)
    return boxes_on(review.result_json, doc_id, page) if review else []


def _cache_key(sha256: str, page: int, boxes: list[list[float]]) -> str:
    digest = hashlib.sha256(repr(boxes).encode()).hexdigest()[:16]
    return f"{sha256}-{page}-{digest}.png"


def _render(files: FileStore, sha256: str, path: str, page: int, boxes: list[list[float]], config) -> bytes:
    source = config.home / "cache" / "docs" / (sha256 + PurePosixPath(path).suffix.lower())
    if not source.exists():
        files.materialize(sha256, source)
    try:
        return load_engine(config.engine_factory).page_image_png(Path(source), page, boxes)
    except (BadInputError, IndexError, ValueError) as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no page {page} in this document") from exc
