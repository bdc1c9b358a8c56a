"""Pre-review jobs: one job function (``runner.run_job``), run by an in-process pool or Celery."""

from __future__ import annotations

from typing import Protocol

from service.config import ServiceConfig


class JobQueue(Protocol):
    def submit(self, job_id: str) -> None: ...

    def start(self) -> None: ...

    def stop(self) -> None: ...


def make_queue(config: ServiceConfig) -> JobQueue:
    """Celery when a broker is configured, else the in-process worker pool."""
    if config.broker_url:
        from service.jobs.celery_queue import CeleryQueue

        return CeleryQueue(config)
    from service.jobs.inprocess import InProcessQueue

    return InProcessQueue(config)
