"""Service configuration: one validated object read from environment variables.

Every variable is listed in ``service/README.md``. Values that only make sense for the
service live here; policy values stay in ``knowledge/settings.yaml`` (``review_engine.settings``).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from review_engine.settings import get_settings

ENV_PREFIX = "REVIEW_ENGINE_"


class ServiceConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    home: Path = Field(description="folder for the embedded SQLite store and the document files")
    database_url: str = Field(description="SQLAlchemy URL; SQLite under home unless overridden")
    broker_url: str | None = Field(default=None, description="Celery broker; None = in-process worker pool")
    celery_queue: str = Field(default="review-engine", description="Celery queue the jobs are published to")
    workers: int = Field(default=2, ge=1, description="in-process worker threads")
    job_timeout_s: float = Field(default=300.0, gt=0, description="a review running longer routes to MDT")
    job_max_attempts: int = Field(default=3, ge=1, description="crashes tolerated before routing to MDT")
    max_file_bytes: int = Field(gt=0, description="largest accepted document")
    max_claim_bytes: int = Field(gt=0, description="largest accepted request body (claim + all documents)")
    max_documents: int = Field(default=50, ge=1)
    engine_factory: str = Field(
        default="review_engine.engine:get_engine",
        description="'module:callable' returning the engine; tests point it at a slow engine",
    )
    log_level: str = "INFO"

    @property
    def files_dir(self) -> Path:
        return self.home / "files"


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(ENV_PREFIX + name)
    return value if value not in (None, "") else default


def load_config() -> ServiceConfig:
    """Read the ``REVIEW_ENGINE_*`` variables (see service/README.md) into one object."""
    home = Path(_env("HOME", ".review-engine")).resolve()
    limits = get_settings().limits
    values = {
        "home": home,
        "database_url": _env("DATABASE_URL", f"sqlite:///{home / 'review-engine.sqlite3'}"),
        "broker_url": _env("BROKER_URL"),
        "celery_queue": _env("CELERY_QUEUE", "review-engine"),
        "workers": _env("WORKERS", "2"),
        "job_timeout_s": _env("JOB_TIMEOUT_S", "300"),
        "job_max_attempts": _env("JOB_MAX_ATTEMPTS", "3"),
        "max_file_bytes": _env("MAX_FILE_BYTES", str(limits.max_file_bytes)),
        "max_claim_bytes": _env("MAX_CLAIM_BYTES", str(4 * limits.max_file_bytes)),
        "max_documents": _env("MAX_DOCUMENTS", "50"),
        "engine_factory": _env("ENGINE_FACTORY", "review_engine.engine:get_engine"),
        "log_level": _env("LOG_LEVEL", "INFO"),
    }
    return ServiceConfig.model_validate(values)


@lru_cache(maxsize=1)
def get_config() -> ServiceConfig:
    return load_config()
