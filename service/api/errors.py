"""Domain exceptions to HTTP answers, in one place (one line of detail, never a stack trace)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from review_engine.errors import (
    BadInputError,
    FileTooLargeError,
    ImageTooLargeError,
    UnsupportedFileTypeError,
)
from service.auth import TokenError
from service.intake import ClaimConflictError, ProviderMismatchError

STATUS_BY_ERROR: tuple[tuple[type[Exception], int], ...] = (
    (FileTooLargeError, 413),
    (ImageTooLargeError, 413),
    (UnsupportedFileTypeError, 415),
    (BadInputError, 422),
)


def _problem(status: int, detail: str) -> JSONResponse:
    return JSONResponse({"detail": " ".join(detail.split())}, status_code=status)


async def bad_input(_: Request, exc: BadInputError) -> JSONResponse:
    status = next(code for kind, code in STATUS_BY_ERROR if isinstance(exc, kind))
    return _problem(status, exc.message)


async def claim_conflict(_: Request, exc: ClaimConflictError) -> JSONResponse:
    return _problem(409, f"claim_id {exc} is already used by another submitter; choose another claim_id")


async def provider_mismatch(_: Request, exc: ProviderMismatchError) -> JSONResponse:
    return _problem(403, f"claim provider.id {exc} is not the provider of this token")


async def token_error(_: Request, exc: TokenError) -> JSONResponse:
    return _problem(422, str(exc))


async def request_validation(_: Request, exc: RequestValidationError) -> JSONResponse:
    first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
    where = ".".join(str(p) for p in first.get("loc", ())) or "request"
    return _problem(422, f"{where}: {first.get('msg')}")


def install(app: FastAPI) -> None:
    app.add_exception_handler(BadInputError, bad_input)
    app.add_exception_handler(ClaimConflictError, claim_conflict)
    app.add_exception_handler(ProviderMismatchError, provider_mismatch)
    app.add_exception_handler(TokenError, token_error)
    app.add_exception_handler(RequestValidationError, request_validation)
