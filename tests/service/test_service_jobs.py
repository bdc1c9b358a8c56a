"""Jobs finish once, time out into route_mdt, and survive a killed server."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from service.app import create_app
from service.jobs.runner import run_job
from service.store.db import session_scope
from service.store.models import AuditRecord, Job, Review

SLOW = "tests.service.engines:slow_engine"
CRASHING = "tests.service.engines:crashing_engine"


def reviews_and_completions(url: str) -> tuple[int, int]:
    with session_scope(url) as session:
        reviews = session.execute(select(func.count()).select_from(Review)).scalar_one()
        done = session.execute(select(func.count()).select_from(AuditRecord)
                               .where(AuditRecord.action == "review.completed")).scalar_one()
    return reviews, done


def test_service_job_timeout_routes_to_mdt(config_for, claim_factory, multipart_body, token_factory, monkeypatch):
    monkeypatch.setenv("REVIEW_ENGINE_TEST_SLEEP_S", "5")
    config = config_for(engine_factory=SLOW, job_timeout_s=0.5)
    with TestClient(create_app(config)) as client:
        token = token_factory(config.database_url)["hospital"]
        claim, files = claim_factory(urgent=True)
        response = client.post("/v1/claims", params={"wait": "true"}, headers={"Authorization": f"Bearer {token}"},
                               files=multipart_body(claim, files))
    result = response.json()
    assert response.status_code == 200
    assert result["decision"] == "route_mdt" and result["priority"] == "urgent"
    assert {r["code"] for item in result["items"] for r in item["reasons"]} == {"REVIEW_TIMEOUT"}
    assert "0.5 s" in result["items"][0]["reasons"][0]["message"]


def test_service_job_that_keeps_crashing_routes_to_mdt(config_for, claim_factory, multipart_body, token_factory):
    config = config_for(engine_factory=CRASHING, job_max_attempts=2)
    with TestClient(create_app(config)) as client:
        token = token_factory(config.database_url)["reviewer"]
        claim, files = claim_factory()
        result = client.post("/v1/claims", params={"wait": "true"}, headers={"Authorization": f"Bearer {token}"},
                             files=multipart_body(claim, files)).json()
    assert result["decision"] == "route_mdt"
    assert result["items"][0]["reasons"][0]["code"] == "REVIEW_FAILED"
    with session_scope(config.database_url) as session:
        job = session.execute(select(Job)).scalar_one()
    assert (job.state, job.attempts) == ("done", 2)


def test_service_job_run_twice_finishes_once(client, submit, claim_factory):
    claim, files = claim_factory()
    job_id = submit(claim, files, wait=False).json()["job_id"]
    config = client.app.state.config
    deadline = time.monotonic() + 30
    while reviews_and_completions(config.database_url)[0] == 0 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert run_job(job_id, config) == "already_done"
    assert reviews_and_completions(config.database_url) == (1, 1)


def test_service_job_concurrent_runners_write_one_review(config_for, claim_factory, submit_without_worker,
                                                         monkeypatch):
    monkeypatch.setenv("REVIEW_ENGINE_TEST_SLEEP_S", "0.5")
    config, job_id = submit_without_worker(config_for(engine_factory=SLOW))
    outcomes: list[str] = []
    threads = [threading.Thread(target=lambda: outcomes.append(run_job(job_id, config))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes).count("done") == 1
    assert reviews_and_completions(config.database_url) == (1, 1)


@pytest.fixture
def submit_without_worker(claim_factory, multipart_body, token_factory):
    """Store a claim through the API with the worker pool's submit disabled; return (config, job id)."""

    def store(config):
        with TestClient(create_app(config)) as client:
            client.app.state.queue.submit = lambda job_id: None
            token = token_factory(config.database_url)["hospital"]
            claim, files = claim_factory()
            accepted = client.post("/v1/claims", headers={"Authorization": f"Bearer {token}"},
                                   files=multipart_body(claim, files)).json()
        return config, accepted["job_id"]

    return store


def test_service_server_killed_mid_job_finishes_once_after_restart(
    config_for, claim_factory, multipart_body, token_factory, start_server, tmp_path
):
    config = config_for(engine_factory=SLOW)
    markers = tmp_path / "markers"
    env = {"REVIEW_ENGINE_TEST_SLEEP_S": "4", "REVIEW_ENGINE_TEST_MARKER_DIR": str(markers)}
    server = start_server(config, **env)
    headers = {"Authorization": f"Bearer {token_factory(config.database_url)['hospital']}"}
    claim, files = claim_factory()
    accepted = httpx.post(server.url + "/v1/claims", headers=headers, files=multipart_body(claim, files)).json()
    _wait_for(lambda: markers.exists() and any(markers.iterdir()), "the review to start")
    server.kill()  # mid-review: the job row says running, its worker is gone
    server = start_server(config, **env)
    url = f"{server.url}/v1/claims/{claim['claim_id']}"
    _wait_for(lambda: httpx.get(url, headers=headers).json()["review"] is not None, "the review to finish")
    body = httpx.get(url, headers=headers).json()
    assert body["job"]["id"] == accepted["job_id"]
    assert body["job"]["attempts"] == 2
    assert len(list(markers.iterdir())) == 2
    assert reviews_and_completions(config.database_url) == (1, 1)


def _wait_for(condition, what: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")
