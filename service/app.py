"""The FastAPI application: ``create_app()`` wires config, store, job queue, routes and pages."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from review_engine import __version__
from service import logs
from service.api import errors
from service.api.middleware import BodyLimitMiddleware, TimingMiddleware
from service.api.routes import audit, claims, decisions, documents, ops, queue
from service.config import ServiceConfig, load_config
from service.jobs import make_queue
from service.metrics import install_store_collector
from service.store import crud
from service.store.db import migrate, session_scope

DESCRIPTION = "Pre-review of precision-oncology claims: hospitals upload, reviewers triage, MDT panels decide."


def create_app(config: ServiceConfig | None = None) -> FastAPI:
    config = config or load_config()
    logs.configure(config.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        config.home.mkdir(parents=True, exist_ok=True)
        migrate(config.database_url)
        install_store_collector(lambda: _store_counts(config))
        app.state.queue = make_queue(config)
        app.state.queue.start()
        try:
            yield
        finally:
            app.state.queue.stop()

    app = FastAPI(title="review-engine", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.config = config
    errors.install(app)
    for module in (claims, decisions, documents, queue, audit, ops):
        app.include_router(module.router)
    _mount_web(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=config.max_claim_bytes)
    app.add_middleware(TimingMiddleware)
    return app


def _mount_web(app: FastAPI) -> None:
    from service.web.routes import mount

    mount(app)


def _store_counts(config: ServiceConfig) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    with session_scope(config.database_url) as session:
        return crud.job_counts(session), crud.decision_counts(session)
