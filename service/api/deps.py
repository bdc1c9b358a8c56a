"""Request dependencies as ``Annotated`` aliases: the config, a session, the caller and their role.

Tokens come from ``Authorization: Bearer``; the web pages' cookie is accepted for reads and
for the web forms (SameSite=Strict keeps other sites from posting with it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from sqlalchemy.orm import Session

from service import audit
from service.auth import Principal, authenticate
from service.config import ServiceConfig
from service.jobs import JobQueue
from service.store.db import session_scope
from service.store.files import FileStore

TOKEN_COOKIE = "review_engine_token"


def get_config(request: Request) -> ServiceConfig:
    return request.app.state.config


ConfigDep = Annotated[ServiceConfig, Depends(get_config)]


def get_session(config: ConfigDep) -> Iterator[Session]:
    with session_scope(config.database_url) as session:
        yield session


# scope="function": the session commits when the route returns, before the response is sent. With the
# default ("request") FastAPI commits after sending it, so a client's next request could read the state
# from before its own write (a decision posted, then the claim read back as still 'reviewed').
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def get_queue(request: Request) -> JobQueue:
    return request.app.state.queue


QueueDep = Annotated[JobQueue, Depends(get_queue)]


def get_files(config: ConfigDep) -> FileStore:
    return FileStore(config.files_dir)


FilesDep = Annotated[FileStore, Depends(get_files)]


def _token_from(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    cookie_allowed = request.method == "GET" or request.url.path.startswith("/web/")
    return request.cookies.get(TOKEN_COOKIE) if cookie_allowed else None


def get_principal(request: Request, config: ConfigDep) -> Principal:
    """The caller behind the token. Its own short session: a request that waits for a review
    must not hold a pooled connection for the whole wait."""
    token = _token_from(request)
    if not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token",
                            headers={"WWW-Authenticate": "Bearer"})
    with session_scope(config.database_url) as session:
        principal = authenticate(session, token)
    if principal is None:
        _audit_failed_login(config, request)
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid or revoked token",
                            headers={"WWW-Authenticate": "Bearer"})
    return principal


def _audit_failed_login(config: ConfigDep, request: Request) -> None:
    # Its own transaction: the request fails, the record of the attempt must stay.
    client = request.client.host if request.client else "unknown"
    with session_scope(config.database_url) as session:
        audit.append(session, actor=f"anonymous@{client}", action="auth.failed",
                     subject=f"route:{request.method} {request.url.path}", payload={})


CurrentUser = Annotated[Principal, Depends(get_principal)]


def require_role(*roles: str) -> Callable[[Principal], Principal]:
    """A dependency that lets only ``roles`` through (403 for the others)."""

    def check(principal: CurrentUser) -> Principal:
        if principal.role not in roles:
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"role {principal.role} may not do this")
        return principal

    return check


Submitter = Annotated[Principal, Depends(require_role("hospital", "reviewer"))]
ClaimReader = Annotated[Principal, Depends(require_role("hospital", "reviewer", "mdt"))]
Triage = Annotated[Principal, Depends(require_role("reviewer", "mdt"))]
Admin = Annotated[Principal, Depends(require_role("admin"))]
