"""Celery app for scale-out: workers run the same job function as the in-process pool.

Start workers with ``celery -A service.jobs.celery_app worker``. A message is acknowledged
only after the job finished (``acks_late``) and is requeued when the worker process dies
(``reject_on_worker_lost``), so a crash re-runs the job on another worker; the job function
itself makes the second run write nothing if the first one got to the end.
"""

from __future__ import annotations

from celery import Celery
from celery.signals import worker_process_init

from service.config import get_config
from service.jobs.runner import RetryableJobError, mark_for_retry, run_job
from service.store.db import dispose_all

TASK_NAME = "review_engine.review_job"
RETRY_DELAY_S = 2


def make_celery(broker_url: str, job_timeout_s: float, queue: str) -> Celery:
    app = Celery("review_engine", broker=broker_url)
    app.conf.update(
        task_default_queue=queue,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        broker_connection_retry_on_startup=True,
        # Redis re-delivers unacknowledged messages after this; longer than any job may run.
        broker_transport_options={"visibility_timeout": int(job_timeout_s * 2 + 60)},
    )
    return app


_config = get_config()
app = make_celery(_config.broker_url or "memory://", _config.job_timeout_s, _config.celery_queue)


@worker_process_init.connect
def _fresh_pools(**_: object) -> None:
    # Connections must not be shared across fork.
    dispose_all()


@app.task(name=TASK_NAME, bind=True, max_retries=None, acks_late=True, reject_on_worker_lost=True)
def review_job(self, job_id: str) -> str:
    config = get_config()
    try:
        return run_job(job_id, config)
    except RetryableJobError as exc:
        mark_for_retry(job_id, config, str(exc))
        raise self.retry(countdown=RETRY_DELAY_S) from exc
