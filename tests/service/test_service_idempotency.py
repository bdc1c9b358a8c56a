"""Resubmitting the same claim is idempotent; a changed claim is a new version and keeps the old."""

from __future__ import annotations

from sqlalchemy import func, select

from service.store.db import session_scope
from service.store.models import AuditRecord, ClaimVersion, Review


def count(client, model) -> int:
    with session_scope(client.app.state.config.database_url) as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_service_same_submission_twice_is_one_claim(client, submit, claim_factory):
    claim, files = claim_factory()
    first = submit(claim, files, wait=False).json()
    second = submit(claim, files, wait=False).json()
    assert second["job_id"] == first["job_id"]
    assert (first["created"], second["created"]) == (True, False)
    assert submit(claim, files, wait=True).status_code == 200
    assert count(client, ClaimVersion) == 1 and count(client, Review) == 1


def test_service_changed_file_is_a_new_version_and_old_is_kept(client, submit, claim_factory, headers):
    claim, files = claim_factory()
    submit(claim, files)
    changed = {path: data + "\nEGFR T790M 检测到\n".encode() for path, data in files.items()}
    second = submit(claim, changed, wait=False)
    assert second.status_code == 202 and second.json()["version"] == 2
    submit(claim, changed)
    newest = client.get(f"/v1/claims/{claim['claim_id']}", headers=headers("reviewer")).json()
    assert newest["version"] == 2 and newest["versions"] == [1, 2]
    old = client.get(f"/v1/claims/{claim['claim_id']}", params={"version": 1}, headers=headers("reviewer")).json()
    assert old["version"] == 1 and old["review"] is not None
    queue = client.get("/v1/queue", headers=headers("reviewer")).json()
    assert [(q["claim_id"], q["version"]) for q in queue] == [(claim["claim_id"], 2)]


def test_service_same_bytes_are_stored_once(client, submit, claim_factory):
    claim_a, files = claim_factory()
    claim_b, _ = claim_factory()
    submit(claim_a, files)
    submit(claim_b, files)
    stored = [p for p in (client.app.state.config.files_dir).rglob("*") if p.is_file()]
    assert len(stored) == 1


def test_service_submission_is_audited_once(client, submit, claim_factory):
    claim, files = claim_factory()
    submit(claim, files)
    submit(claim, files)
    with session_scope(client.app.state.config.database_url) as session:
        actions = list(session.execute(select(AuditRecord.action)).scalars())
    assert actions.count("claim.submitted") == 1
    assert actions.count("review.completed") == 1
