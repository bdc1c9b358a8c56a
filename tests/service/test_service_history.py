"""The store's own history of a patient feeds the duplicate-test rule (CONTRACT.md 2: "the service
also adds what its own store knows"): a test approved earlier is a duplicate (flag); the same test
in a claim still under review is neither paid nor harmless, so the repeat goes to a person."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from service.app import create_app

SLOW = "tests.service.engines:slow_engine"
GENETIC = "基因检测报告\n姓名：王芳 住院号：ZY-777\n检测方法：ARMS-PCR\nEGFR p.L858R 检测到 突变丰度 23.5%\n"
PATHOLOGY = "病理诊断报告\n姓名：王芳 住院号：ZY-777\n病理诊断：右肺上叶浸润性腺癌\n分期：cT2aN1M1a IVA期\n"


def egfr_test_claim(claim_factory, claim_id: str, genetic: str = GENETIC) -> tuple[dict[str, Any], dict[str, bytes]]:
    claim, files = claim_factory(claim_id, patient_id="ZY-777", patient_name="王芳",
                                 docs={"docs/d1.txt": genetic, "docs/d2.txt": PATHOLOGY})
    claim["items"] = [{"item_id": "1", "kind": "test", "name": "EGFR基因突变检测(ARMS-PCR)",
                       "method": "PCR", "genes": ["EGFR"]}]
    claim["documents"][1]["kind"] = "pathology_report"
    return claim, files


def reasons(result: dict) -> set[str]:
    return {r["code"] for item in result["items"] for r in item["reasons"]}


def test_service_history_approved_test_makes_the_repeat_a_duplicate(submit, claim_factory):
    first = submit(*egfr_test_claim(claim_factory, "C-HIST-1")).json()
    assert first["decision"] == "approve", first
    repeat = submit(*egfr_test_claim(claim_factory, "C-HIST-2")).json()
    assert repeat["decision"] == "flag" and "DUPLICATE_TEST" in reasons(repeat)
    assert "C-HIST-1" in " ".join(r["message"] for r in repeat["items"][0]["reasons"])


def test_service_history_repeat_of_a_claim_under_review_goes_to_a_person(
    config_for, claim_factory, multipart_body, token_factory, monkeypatch
):
    monkeypatch.setenv("REVIEW_ENGINE_TEST_SLEEP_S", "3")
    config = config_for(engine_factory=SLOW)
    with TestClient(create_app(config)) as client:
        headers = {"Authorization": f"Bearer {token_factory(config.database_url)['hospital']}"}
        pending = client.post("/v1/claims", params={"wait": "false"}, headers=headers,
                              files=multipart_body(*egfr_test_claim(claim_factory, "C-HIST-3")))
        assert pending.status_code == 202
        repeat = client.post("/v1/claims", params={"wait": "true"}, headers=headers,
                             files=multipart_body(*egfr_test_claim(claim_factory, "C-HIST-4"))).json()
    assert repeat["decision"] == "route_mdt", repeat
    assert "DUPLICATE_TEST" in reasons(repeat)


def test_service_history_tissue_test_after_a_negative_plasma_test_is_no_duplicate(submit, claim_factory):
    """The store gives an earlier test the specimen and result its review read: after a plasma test that found
    nothing, a tissue test is the re-test the guideline asks for (GUIDELINE_FACTS 1.2). It was flagged as a
    duplicate: the store's history held the items as claimed, with neither specimen nor result."""
    plasma = GENETIC.replace("检测方法：ARMS-PCR\n", "检测方法：ARMS-PCR\n样本类型：血浆ctDNA\n").replace(
        "EGFR p.L858R 检测到 突变丰度 23.5%", "EGFR基因：未检测到突变")
    tissue = GENETIC.replace("检测方法：ARMS-PCR\n", "检测方法：ARMS-PCR\n样本类型：组织（FFPE）\n")
    first = submit(*egfr_test_claim(claim_factory, "C-HIST-5", plasma)).json()
    assert first["decision"] == "approve", first
    repeat = submit(*egfr_test_claim(claim_factory, "C-HIST-6", tissue)).json()
    assert repeat["decision"] == "approve", repeat
    # another plasma test is a duplicate like any other
    again = submit(*egfr_test_claim(claim_factory, "C-HIST-7", plasma)).json()
    assert again["decision"] == "flag" and "DUPLICATE_TEST" in reasons(again), again


def test_service_history_an_earlier_review_that_no_longer_validates_is_no_failure(submit, claim_factory,
                                                                                  service_config):
    """An earlier review's findings, written by the engine of its day, that fail to validate now were passed to
    the engine as the history's findings: every later review of the patient failed (REVIEW_FAILED routes every
    item). They are left out; the earlier claim counts as claimed, so its repeat is still a duplicate."""
    from service.store.db import session_scope
    from service.store.models import Review

    first = submit(*egfr_test_claim(claim_factory, "C-HIST-8")).json()
    assert first["decision"] == "approve", first
    with session_scope(service_config.database_url) as session:
        for review in session.query(Review).all():
            stored = dict(review.result_json)
            stored["findings"] = [{**f, "variants": [{"gene": "EGFR", "status": "a status of another day"}]}
                                  for f in stored.get("findings", [])]
            review.result_json = stored
    repeat = submit(*egfr_test_claim(claim_factory, "C-HIST-9")).json()
    assert repeat["decision"] == "flag" and "DUPLICATE_TEST" in reasons(repeat), repeat
