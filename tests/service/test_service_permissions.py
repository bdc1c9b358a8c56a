"""Each role's permissions and tenant isolation (another provider's claim answers 404)."""

from __future__ import annotations

import pytest

# route, method, role -> expected status (the claim belongs to provider H-A, already reviewed)
PERMISSIONS = [
    # reading a claim
    ("GET", "/v1/claims/{cid}", "hospital", 200),
    ("GET", "/v1/claims/{cid}", "hospital_b", 404),
    ("GET", "/v1/claims/{cid}", "reviewer", 200),
    ("GET", "/v1/claims/{cid}", "mdt", 200),
    ("GET", "/v1/claims/{cid}", "admin", 403),
    # page images
    ("GET", "/v1/claims/{cid}/documents/d1/pages/1", "hospital", 200),
    ("GET", "/v1/claims/{cid}/documents/d1/pages/1", "hospital_b", 404),
    ("GET", "/v1/claims/{cid}/documents/d1/pages/1", "mdt", 200),
    ("GET", "/v1/claims/{cid}/documents/d1/pages/1", "admin", 403),
    # the queue
    ("GET", "/v1/queue", "hospital", 403),
    ("GET", "/v1/queue", "reviewer", 200),
    ("GET", "/v1/queue", "mdt", 200),
    ("GET", "/v1/queue", "admin", 403),
    # decisions
    ("POST", "/v1/claims/{cid}/decisions", "hospital", 403),
    ("POST", "/v1/claims/{cid}/decisions", "hospital_b", 403),
    ("POST", "/v1/claims/{cid}/decisions", "admin", 403),
    ("POST", "/v1/claims/{cid}/decisions", "reviewer", 201),
    ("POST", "/v1/claims/{cid}/decisions", "mdt", 201),
    # the audit chain
    ("GET", "/v1/audit/verify", "hospital", 403),
    ("GET", "/v1/audit/verify", "reviewer", 403),
    ("GET", "/v1/audit/verify", "mdt", 403),
    ("GET", "/v1/audit/verify", "admin", 200),
]


@pytest.fixture
def reviewed_claim(submit, claim_factory) -> str:
    claim, files = claim_factory()
    assert submit(claim, files).status_code == 200
    return claim["claim_id"]


@pytest.mark.parametrize(("method", "route", "role", "expected"), PERMISSIONS)
def test_service_permissions_by_role(client, headers, reviewed_claim, method, route, role, expected):
    url = route.format(cid=reviewed_claim)
    body = {"decision": "approve", "note": "ok"} if method == "POST" else None
    response = client.request(method, url, headers=headers(role), json=body)
    assert response.status_code == expected, response.text


@pytest.mark.parametrize(("role", "expected"), [("hospital", 200), ("reviewer", 200), ("mdt", 403), ("admin", 403)])
def test_service_permissions_submit(submit, claim_factory, role, expected):
    claim, files = claim_factory()
    assert submit(claim, files, role=role).status_code == expected


def test_service_hospital_cannot_submit_for_another_provider(submit, claim_factory):
    claim, files = claim_factory(provider="H-B")
    response = submit(claim, files, role="hospital")
    assert response.status_code == 403
    assert "H-B" in response.json()["detail"]


def test_service_claim_id_of_another_tenant_conflicts_without_leaking(submit, claim_factory):
    claim, files = claim_factory(provider="H-B")
    assert submit(claim, files, role="hospital_b").status_code == 200
    mine, my_files = claim_factory(claim["claim_id"])
    response = submit(mine, my_files, role="hospital")
    assert response.status_code == 409
    assert "H-B" not in response.text


@pytest.mark.parametrize("header", [None, "Bearer nope", "Basic abc", "Bearer "])
def test_service_unauthenticated_is_401(client, header):
    headers = {"Authorization": header} if header else {}
    response = client.get("/v1/queue", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_service_failed_login_is_audited(client, headers):
    client.get("/v1/queue", headers={"Authorization": "Bearer ret_forged"})
    from sqlalchemy import select

    from service.store.db import session_scope
    from service.store.models import AuditRecord

    with session_scope(client.app.state.config.database_url) as session:
        actions = list(session.execute(select(AuditRecord.action)).scalars())
    assert actions.count("auth.failed") == 1
    assert client.get("/v1/audit/verify", headers=headers("admin")).json()["ok"] is True


def test_service_tokens_are_hashed_at_rest(client, tokens):
    from sqlalchemy import select

    from service.store.db import session_scope
    from service.store.models import ApiToken

    with session_scope(client.app.state.config.database_url) as session:
        stored = {row.token_hash for row in session.execute(select(ApiToken)).scalars()}
    assert not stored & set(tokens.values())
    assert len(stored) == len(tokens)
