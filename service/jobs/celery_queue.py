"""The API side of the Celery path: publish job ids; workers in other processes run them."""

from __future__ import annotations

from celery import Celery

from service.config import ServiceConfig
from service.jobs.celery_app import TASK_NAME, make_celery
from service.jobs.inprocess import orphaned_jobs


class CeleryQueue:
    def __init__(self, config: ServiceConfig) -> None:
        self.config = config
        self.app: Celery = make_celery(config.broker_url or "", config.job_timeout_s, config.celery_queue)

    def start(self) -> None:
        # Jobs stored but never published (the server died between commit and publish).
        for job_id in orphaned_jobs(self.config):
            self.submit(job_id)

    def stop(self) -> None:
        self.app.close()

    def submit(self, job_id: str) -> None:
        self.app.send_task(TASK_NAME, args=[job_id], queue=self.config.celery_queue)
