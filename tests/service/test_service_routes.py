"""Every route over the ASGI app, on SQLite and PostgreSQL."""

from __future__ import annotations

import time

import pytest


def wait_reviewed(client, headers, claim_id: str, timeout_s: float = 30) -> dict:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        body = client.get(f"/v1/claims/{claim_id}", headers=headers("reviewer")).json()
        # The claim row and its review are read by separate queries, so under READ COMMITTED a
        # request can see the new review beside the old state: wait for both.
        if body["review"] is not None and body["state"] == "reviewed":
            return body
        time.sleep(0.1)
    raise AssertionError(f"{claim_id} was not reviewed in {timeout_s}s")


def test_service_healthz_and_openapi(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    spec = client.get("/openapi.json").json()
    for path in ("/v1/claims", "/v1/claims/{claim_id}", "/v1/queue", "/v1/claims/{claim_id}/decisions",
                 "/v1/claims/{claim_id}/documents/{doc_id}/pages/{n}", "/v1/audit/verify"):
        assert path in spec["paths"], path
    assert client.get("/docs").status_code == 200


def test_service_submit_wait_answers_review_result(submit, claim_factory):
    claim, files = claim_factory()
    response = submit(claim, files, wait=True)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["claim_id"] == claim["claim_id"]
    assert result["decision"] in {"approve", "route_mdt", "flag"}
    assert [item["item_id"] for item in result["items"]] == ["1"]
    assert all(item["reasons"] for item in result["items"])


def test_service_submit_async_then_get(client, submit, claim_factory, headers):
    claim, files = claim_factory()
    response = submit(claim, files, wait=False)
    assert response.status_code == 202, response.text
    accepted = response.json()
    assert accepted["created"] is True and accepted["version"] == 1 and accepted["job_id"]
    body = wait_reviewed(client, headers, claim["claim_id"])
    assert body["state"] == "reviewed"
    assert body["job"]["state"] == "done" and body["job"]["id"] == accepted["job_id"]
    assert body["claim"]["claim_id"] == claim["claim_id"]
    owner = client.get(f"/v1/claims/{claim['claim_id']}", headers=headers("hospital"))
    assert owner.status_code == 200


def test_service_metrics_report_queue_and_decisions(client, submit, claim_factory):
    claim, files = claim_factory()
    decision = submit(claim, files).json()["decision"]
    text = client.get("/metrics").text
    assert 'review_queue_depth{state="done"} 1.0' in text
    assert f'review_decisions{{decision="{decision}",source="engine"}} 1.0' in text
    assert "review_http_request_seconds_bucket" in text


def test_service_queue_sorts_urgent_first_then_oldest(client, submit, claim_factory, headers):
    ids = []
    for urgent in (False, False, True):
        claim, files = claim_factory(urgent=urgent)
        submit(claim, files)
        ids.append(claim["claim_id"])
    queue = client.get("/v1/queue", headers=headers("reviewer")).json()
    assert [q["claim_id"] for q in queue] == [ids[2], ids[0], ids[1]]


# filter, value, which of the three claims (urgent/lung/osimertinib at H-A, lung at H-B, breast) match
QUEUE_FILTERS = [
    ("provider", "H-B", {1}),
    ("priority", "urgent", {0}),
    ("priority", "normal", {1, 2}),
    ("cancer", "C34", {0, 1}),
    ("cancer", "c50", {2}),
    ("drug", "trastuzumab", {2}),
    ("drug", "Osimertinib", {0, 1}),
    ("min_age_hours", "1", set()),
    ("max_age_hours", "1", {0, 1, 2}),
]


@pytest.mark.parametrize(("name", "value", "expected"), QUEUE_FILTERS)
def test_service_queue_filters(client, submit, claim_factory, headers, name, value, expected):
    specs = [{"urgent": True}, {"provider": "H-B"}, {"icd10": ("C50.9",), "drug": "trastuzumab"}]
    ids = []
    for spec in specs:
        claim, files = claim_factory(**spec)
        role = "hospital_b" if spec.get("provider") == "H-B" else "hospital"
        assert submit(claim, files, role=role).status_code == 200
        ids.append(claim["claim_id"])
    got = {q["claim_id"] for q in client.get("/v1/queue", params={name: value}, headers=headers("mdt")).json()}
    assert got == {ids[i] for i in expected}


def test_service_queue_filters_by_engine_decision(client, submit, claim_factory, headers):
    claim, files = claim_factory()
    decision = submit(claim, files).json()["decision"]
    others = {"approve", "route_mdt", "flag"} - {decision}
    listed = client.get("/v1/queue", params={"decision": decision}, headers=headers("reviewer")).json()
    assert claim["claim_id"] in {q["claim_id"] for q in listed}
    for other in others:
        listed = client.get("/v1/queue", params={"decision": other}, headers=headers("reviewer")).json()
        assert claim["claim_id"] not in {q["claim_id"] for q in listed}


def test_service_decision_final_closes_claim_and_is_audited(client, submit, claim_factory, headers):
    claim, files = claim_factory()
    engine_decision = submit(claim, files).json()["decision"]
    url = f"/v1/claims/{claim['claim_id']}/decisions"
    response = client.post(url, json={"decision": "deny", "note": "no EGFR report"}, headers=headers("reviewer"))
    assert response.status_code == 201, response.text
    assert response.json()["override"] is (engine_decision == "approve")
    body = client.get(f"/v1/claims/{claim['claim_id']}", headers=headers("reviewer")).json()
    assert body["state"] == "decided" and body["final_decision"] == "deny"
    assert [d["note"] for d in body["decisions"]] == ["no EGFR report"]
    again = client.post(url, json={"decision": "approve", "note": "changed my mind"}, headers=headers("reviewer"))
    assert again.status_code == 409
    queue = client.get("/v1/queue", headers=headers("reviewer")).json()
    assert claim["claim_id"] not in {q["claim_id"] for q in queue}
    assert client.get("/v1/audit/verify", headers=headers("admin")).json()["ok"] is True


def test_service_mdt_flow_refer_opinions_final(client, submit, claim_factory, headers):
    claim, files = claim_factory()
    submit(claim, files)
    url = f"/v1/claims/{claim['claim_id']}/decisions"
    assert client.post(url, json={"decision": "refer_mdt", "note": "unclear stage"},
                       headers=headers("reviewer")).status_code == 201
    assert client.post(url, json={"decision": "approve", "note": "agree", "kind": "opinion"},
                       headers=headers("mdt")).status_code == 201
    assert client.post(url, json={"decision": "approve", "note": "opinion", "kind": "opinion"},
                       headers=headers("reviewer")).status_code == 403
    final = client.post(url, json={"decision": "approve", "note": "panel agrees"}, headers=headers("mdt"))
    assert final.status_code == 201
    body = client.get(f"/v1/claims/{claim['claim_id']}", headers=headers("mdt")).json()
    assert [(d["role"], d["kind"], d["decision"]) for d in body["decisions"]] == [
        ("reviewer", "final", "refer_mdt"), ("mdt", "opinion", "approve"), ("mdt", "final", "approve")]
    assert body["final_decision"] == "approve"


@pytest.mark.parametrize("body", [{"decision": "approve"}, {"decision": "maybe", "note": "x"},
                                  {"decision": "approve", "note": ""}])
def test_service_decision_validation(client, submit, claim_factory, headers, body):
    claim, files = claim_factory()
    submit(claim, files)
    response = client.post(f"/v1/claims/{claim['claim_id']}/decisions", json=body, headers=headers("reviewer"))
    assert response.status_code == 422
    assert response.json()["detail"]


def test_service_page_image_is_png_with_boxes(client, submit, claim_factory, headers):
    claim, files = claim_factory()
    submit(claim, files)
    url = f"/v1/claims/{claim['claim_id']}/documents/d1/pages/1"
    response = client.get(url, headers=headers("reviewer"))
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")
    plain = client.get(url, params={"box": "0,0,1,1"}, headers=headers("reviewer"))
    assert plain.status_code == 200 and plain.content.startswith(b"\x89PNG")
    assert plain.content != response.content  # a different box is drawn
    assert client.get(url.replace("/d1/", "/d9/"), headers=headers("reviewer")).status_code == 404
    assert client.get(url, params={"box": "1,2"}, headers=headers("reviewer")).status_code == 422


def test_service_audit_verify_reports_ok(client, submit, claim_factory, headers):
    claim, files = claim_factory()
    submit(claim, files)
    report = client.get("/v1/audit/verify", headers=headers("admin")).json()
    assert report["ok"] is True
    assert report["records"] >= 7  # 5 tokens, the submission, the review
