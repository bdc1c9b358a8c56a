"""The default job queue: a thread pool inside the server process.

Jobs live in the store, not in memory: on start the pool picks up every queued job and every
running job whose worker is gone (this host, dead pid) or whose lease ran out, so a crash or
restart loses nothing. A sweeper repeats the lease check while the pool runs.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from service.config import ServiceConfig
from service.jobs.runner import RetryableJobError, mark_for_retry, run_job
from service.store.db import session_scope
from service.store.models import Job, utcnow

log = logging.getLogger("service.jobs")
SWEEP_INTERVAL_S = 10.0


class InProcessQueue:
    def __init__(self, config: ServiceConfig) -> None:
        self.config = config
        self._pool = ThreadPoolExecutor(max_workers=config.workers, thread_name_prefix="review-job")
        self._pending: set[str] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._sweeper = threading.Thread(target=self._sweep_loop, name="review-job-sweeper", daemon=True)

    def start(self) -> None:
        self._sweep()
        self._sweeper.start()

    def stop(self) -> None:
        self._stop.set()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def submit(self, job_id: str) -> None:
        with self._lock:
            if job_id in self._pending:
                return
            self._pending.add(job_id)
        self._pool.submit(self._run, job_id)

    def _run(self, job_id: str) -> None:
        try:
            run_job(job_id, self.config)
        except RetryableJobError as exc:
            mark_for_retry(job_id, self.config, str(exc))
            with self._lock:
                self._pending.discard(job_id)
            self.submit(job_id)
            return
        except Exception:
            log.exception("job crashed", extra={"job_id": job_id})
        with self._lock:
            self._pending.discard(job_id)

    def _sweep_loop(self) -> None:
        while not self._stop.wait(SWEEP_INTERVAL_S):
            try:
                self._sweep()
            except Exception:  # the sweeper must outlive a database hiccup
                log.exception("job sweep failed")

    def _sweep(self) -> None:
        for job_id in orphaned_jobs(self.config):
            self.submit(job_id)


def orphaned_jobs(config: ServiceConfig) -> list[str]:
    """Queued jobs, and running jobs whose worker is dead or whose lease expired."""
    with session_scope(config.database_url) as session:
        rows = session.execute(select(Job).where(Job.state.in_(("queued", "running")))).scalars()
        return [job.id for job in rows if job.state == "queued" or _worker_gone(job)]


def _worker_gone(job: Job) -> bool:
    if job.lease_until is not None and _aware(job.lease_until) < utcnow():
        return True
    host, _, pid = (job.worker or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return False  # ours and still leased: it is running in this process
    return not _pid_alive(int(pid))


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _aware(value):
    import datetime as dt

    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
