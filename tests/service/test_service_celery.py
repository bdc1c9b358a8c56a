"""The Celery path with a real broker and two worker processes: a worker killed mid-job
leaves the job to the other one, which finishes it once (no duplicate review or decision)."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from service.store.db import session_scope
from service.store.models import AuditRecord, Review

SLOW_MARK = pytest.mark.slow  # the default run keeps one review and one worker crash on SQLite + RabbitMQ
RABBITMQ = "amqp://guest:guest@127.0.0.1:5672//"
REDIS = "redis://127.0.0.1:6379/0"
SLOW = "tests.service.engines:slow_engine"


def broker_up(url: str) -> bool:
    from kombu import Connection

    try:
        with Connection(url, connect_timeout=3) as connection:
            connection.ensure_connection(max_retries=1)
        return True
    except Exception:  # noqa: BLE001 (a probe: any failure to connect means no broker, and the test skips)
        return False


class Worker:
    """``celery worker`` (solo pool: the job runs in this very process) on the test's queue."""

    def __init__(self, name: str, env: dict[str, str], log: Path) -> None:
        command = [sys.executable, "-m", "celery", "-A", "service.jobs.celery_app", "worker", "-P", "solo",
                   "-Q", env["REVIEW_ENGINE_CELERY_QUEUE"], "-n", f"{name}@%h", "--without-gossip",
                   "--without-mingle", "--loglevel", "WARNING"]
        self.process = subprocess.Popen(command, env=env, cwd=Path(__file__).resolve().parents[2],
                                        stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True)

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


@pytest.fixture
def celery_setup(config_for, start_server, token_factory, environment_for, tmp_path):
    """A server publishing to a fresh queue and two workers consuming it; returns a dict."""
    workers: list[Worker] = []

    def start(broker: str, **env: str) -> dict:
        if not broker_up(broker):
            pytest.skip(f"broker {broker} is not reachable")
        config = config_for(engine_factory=SLOW, broker_url=broker, celery_queue=f"test-{uuid.uuid4().hex[:8]}")
        env = {"REVIEW_ENGINE_BROKER_URL": broker, "REVIEW_ENGINE_CELERY_QUEUE": config.celery_queue, **env}
        server = start_server(config, **env)
        worker_env = environment_for(config, **env)
        workers.extend(Worker(f"w{n}", worker_env, tmp_path / f"worker{n}.log") for n in (1, 2))
        return {"config": config, "server": server, "workers": workers,
                "headers": {"Authorization": f"Bearer {token_factory(config.database_url)['hospital']}"}}

    yield start
    for worker in workers:
        worker.kill()


def counts(url: str) -> tuple[int, int]:
    with session_scope(url) as session:
        reviews = session.execute(select(func.count()).select_from(Review)).scalar_one()
        completed = session.execute(select(func.count()).select_from(AuditRecord)
                                    .where(AuditRecord.action == "review.completed")).scalar_one()
    return reviews, completed


@pytest.mark.parametrize(
    "database_url, broker",
    [("sqlite", RABBITMQ),
     pytest.param("sqlite", REDIS, marks=SLOW_MARK),
     pytest.param("postgresql", RABBITMQ, marks=SLOW_MARK),
     pytest.param("postgresql", REDIS, marks=SLOW_MARK)],
    indirect=["database_url"],
)
def test_service_celery_reviews_claims(celery_setup, claim_factory, multipart_body, broker):
    setup = celery_setup(broker, REVIEW_ENGINE_TEST_SLEEP_S="0")
    claim, files = claim_factory()
    response = httpx.post(setup["server"].url + "/v1/claims", params={"wait": "true"}, headers=setup["headers"],
                          files=multipart_body(claim, files), timeout=120)
    assert response.status_code == 200, response.text
    assert response.json()["claim_id"] == claim["claim_id"]
    assert counts(setup["config"].database_url) == (1, 1)


@pytest.mark.parametrize("database_url", ["sqlite", pytest.param("postgresql", marks=SLOW_MARK)], indirect=True)
def test_service_celery_worker_killed_mid_job_finishes_once(celery_setup, claim_factory, multipart_body, tmp_path):
    markers = tmp_path / "markers"
    setup = celery_setup(RABBITMQ, REVIEW_ENGINE_TEST_SLEEP_S="5", REVIEW_ENGINE_TEST_MARKER_DIR=str(markers))
    claim, files = claim_factory()
    httpx.post(setup["server"].url + "/v1/claims", headers=setup["headers"], files=multipart_body(claim, files))
    deadline = time.monotonic() + 60
    while not (markers.exists() and any(markers.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.1)
    first = next(markers.iterdir()).name.split("-")[1]
    victim = next(w for w in setup["workers"] if str(w.pid) == first)
    victim.kill()  # mid-review; the message was not acknowledged, so the broker hands it on
    url = f"{setup['server'].url}/v1/claims/{claim['claim_id']}"
    deadline = time.monotonic() + 90
    while httpx.get(url, headers=setup["headers"]).json()["review"] is None and time.monotonic() < deadline:
        time.sleep(0.3)
    body = httpx.get(url, headers=setup["headers"]).json()
    assert body["review"] is not None and body["job"]["attempts"] == 2
    runners = {m.name.split("-")[1] for m in markers.iterdir()}
    assert len(runners) == 2 and first in runners
    assert counts(setup["config"].database_url) == (1, 1)
