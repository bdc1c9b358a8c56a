"""Server-rendered pages: sign-in, reviewer queue, case page, MDT panel, hospital upload.

The pages call the same store, intake and decision functions as the API; the token travels
in an HttpOnly, SameSite=Strict cookie set at sign-in (and sign-ins are audited).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Annotated, Any
from urllib.parse import quote

import yaml
from fastapi import APIRouter, Depends, FastAPI, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from review_engine.errors import BadInputError
from service import audit, intake
from service.api.deps import TOKEN_COOKIE, ConfigDep, FilesDep, QueueDep, SessionDep, get_principal
from service.api.views import claim_public, queue_item, visible_claim
from service.auth import Principal, authenticate
from service.decisions import ALLOWED, DecisionRefusedError, record_decision
from service.evidence import item_boxes
from service.jobs.waiting import wait_for_review
from service.store import crud
from service.store.db import session_scope

WEB_DIR = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
router = APIRouter(prefix="/web", include_in_schema=False)
LANG_COOKIE = "review_engine_lang"
LANGUAGES = ("zh", "en")


@lru_cache(maxsize=1)
def texts() -> dict[str, dict[str, str]]:
    return yaml.safe_load((WEB_DIR / "i18n.yaml").read_text(encoding="utf-8"))


def language(request: Request) -> str:
    chosen = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    return "en" if request.headers.get("accept-language", "zh").lower().startswith("en") else "zh"


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = language(request)
    response = templates.TemplateResponse(request, name, {"t": texts()[lang], "lang": lang, **context},
                                          status_code=status)
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie(LANG_COOKIE, lang, samesite="strict")
    return response


def web_principal(request: Request, config: ConfigDep) -> Principal:
    """The signed-in user; a missing or bad cookie sends the browser to the sign-in page."""
    try:
        return get_principal(request, config)
    except HTTPException as exc:
        raise HTTPException(303, "sign in", headers={"Location": "/web/login"}) from exc


WebUser = Annotated[Principal, Depends(web_principal)]


def _require(principal: Principal, *roles: str) -> None:
    if principal.role not in roles:
        raise HTTPException(403, f"role {principal.role} may not open this page")


@router.get("/login")
def login_page(request: Request) -> HTMLResponse:
    return render(request, "login.html", principal=None)


@router.post("/login")
def login(request: Request, token: Annotated[str, Form()], session: SessionDep) -> Response:
    principal = authenticate(session, token.strip())
    client = request.client.host if request.client else "unknown"
    if principal is None:
        audit.append(session, actor=f"anonymous@{client}", action="auth.failed", subject="web:login", payload={})
        session.commit()
        return render(request, "login.html", status=401, principal=None, error="invalid token / 令牌无效")
    audit.append(session, actor=principal.actor, action="auth.login", subject="web:login", payload={"client": client})
    home = "/web/upload" if principal.role == "hospital" else "/web/queue" if principal.role != "admin" else "/docs"
    response = RedirectResponse(home, status_code=303)
    response.set_cookie(TOKEN_COOKIE, token.strip(), httponly=True, samesite="strict")
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/web/login", status_code=303)
    response.delete_cookie(TOKEN_COOKIE)
    return response


@router.get("/queue")
def queue_page(
    request: Request, session: SessionDep, principal: WebUser,
    decision: str = "", risk: str = "", priority: str = "", provider: str = "", cancer: str = "",
    drug: str = "", min_age_hours: Annotated[str, Query()] = "",
) -> HTMLResponse:
    _require(principal, "reviewer", "mdt")
    filters = crud.QueueFilter(decision=decision or None, risk=risk or None, priority=priority or None,
                               provider=provider or None, cancer=cancer or None, drug=drug or None,
                               min_age_hours=_float_or_none(min_age_hours))
    rows = [queue_item(row) for row in crud.queue(session, filters=filters)]
    return render(request, "queue.html", principal=principal, rows=rows, filters=filters)


def _float_or_none(value: str) -> float | None:
    try:
        return float(value) if value.strip() else None
    except ValueError:
        return None


@router.get("/claims/{claim_id}")
def case_page(request: Request, claim_id: str, session: SessionDep, principal: WebUser) -> HTMLResponse:
    _require(principal, "hospital", "reviewer", "mdt")
    return _render_case(request, session, principal, claim_id, mode="case")


@router.get("/claims/{claim_id}/mdt")
def mdt_page(request: Request, claim_id: str, session: SessionDep, principal: WebUser) -> HTMLResponse:
    _require(principal, "reviewer", "mdt")
    return _render_case(request, session, principal, claim_id, mode="mdt")


def _render_case(request: Request, session, principal: Principal, claim_id: str, mode: str,
                 error: str | None = None, status: int = 200) -> HTMLResponse:
    claim = claim_public(session, visible_claim(session, principal, claim_id)).model_dump()
    kind = "opinion" if mode == "mdt" and principal.role == "mdt" else "final"
    choices = sorted(ALLOWED.get((principal.role, kind), set()) | ALLOWED.get((principal.role, "final"), set()))
    return render(request, "case.html", status=status, principal=principal, claim=claim, mode=mode, error=error,
                  documents=_documents(claim), boxes_by_item=_boxes_by_item(claim),
                  can_decide=principal.role in ("reviewer", "mdt") and claim["state"] in ("reviewed", "in_mdt"),
                  decision_choices=choices)


def _documents(claim: dict[str, Any]) -> list[dict[str, Any]]:
    pages = {f["doc_id"]: f["ocr"]["pages"] for f in (claim["review"] or {}).get("findings", [])}
    base = f"/v1/claims/{quote(claim['claim_id'], safe='')}/documents"
    return [{"doc_id": d["doc_id"], "kind": d.get("kind", "auto"), "url": f"{base}/{quote(d['doc_id'], safe='')}/pages",
             "pages": range(1, max(1, pages.get(d["doc_id"], 1)) + 1)}
            for d in claim["claim"].get("documents", [])]


def _boxes_by_item(claim: dict[str, Any]) -> dict[str, list]:
    review = claim["review"]
    if not review:
        return {}
    return {item["item_id"]: item_boxes(review, item) for item in review["items"]}


@router.post("/claims/{claim_id}/decisions")
def post_decision_form(
    request: Request, claim_id: str, session: SessionDep, principal: WebUser,
    decision: Annotated[str, Form()], note: Annotated[str, Form()], kind: Annotated[str, Form()] = "final",
    mode: Annotated[str, Form()] = "case",
) -> Response:
    _require(principal, "reviewer", "mdt")
    claim = visible_claim(session, principal, claim_id)
    try:
        if not note.strip():
            raise DecisionRefusedError("a note is required", status=422)
        record_decision(session, claim=claim, principal=principal, decision=decision, note=note.strip(), kind=kind)
    except DecisionRefusedError as exc:
        session.rollback()
        return _render_case(request, session, principal, claim_id, mode, error=str(exc), status=exc.status)
    suffix = "/mdt" if mode == "mdt" else ""
    return RedirectResponse(f"/web/claims/{quote(claim_id, safe='')}{suffix}", status_code=303)


@router.get("/upload")
def upload_page(request: Request, principal: WebUser) -> HTMLResponse:
    _require(principal, "hospital", "reviewer")
    return render(request, "upload.html", principal=principal)


@router.post("/upload")
async def upload(
    request: Request, config: ConfigDep, files_store: FilesDep, queue: QueueDep, principal: WebUser,
    claim: Annotated[str, Form()], files: Annotated[list[UploadFile], Form()] = [],  # noqa: B006
) -> HTMLResponse:
    _require(principal, "hospital", "reviewer")
    try:
        uploads = _by_document_path(claim, [
            intake.Upload(f.filename or "", await intake.read_upload(f, config.max_file_bytes)) for f in files if f.filename
        ])
        parsed, submission = await intake.receive(claim, uploads, config=config, files=files_store,
                                                  principal=principal)
    except (BadInputError, intake.ClaimConflictError, intake.ProviderMismatchError) as exc:
        message = exc.message if isinstance(exc, BadInputError) else str(exc)
        return render(request, "upload.html", status=422, principal=principal, error=message, claim_text=claim)
    if submission.created or submission.job.state == "queued":
        queue.submit(submission.job.id)
    await wait_for_review(config.database_url, submission.claim.id, config.job_timeout_s)
    with session_scope(config.database_url) as session:
        public = claim_public(session, visible_claim(session, principal, parsed.claim_id)).model_dump()
    return render(request, "upload.html", principal=principal, claim=public, claim_text=claim,
                  boxes_by_item=_boxes_by_item(public))


def _by_document_path(raw_claim: str, uploads: list[intake.Upload]) -> list[intake.Upload]:
    """Browsers send bare file names: match each to the document path with that name."""
    try:
        documents = json.loads(raw_claim).get("documents", [])
        by_base = {PurePosixPath(d["path"]).name: d["path"] for d in documents}
    except (ValueError, AttributeError, KeyError, TypeError):
        return uploads  # the intake reports what is wrong with the claim
    return [intake.Upload(by_base.get(PurePosixPath(u.filename).name, u.filename), u.data) for u in uploads]


def mount(app: FastAPI) -> None:
    app.include_router(router)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/web/login")
