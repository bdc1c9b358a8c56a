"""The audit chain detects any edit or deletion, over the API and the ``audit verify`` command."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select, update

from review_engine.cli import main as cli_main
from service.store.db import session_scope
from service.store.models import AuditRecord


@pytest.fixture
def chain(client, submit, claim_factory, headers) -> str:
    """A store whose chain holds tokens, a submission, a review and a decision; returns its URL."""
    claim, files = claim_factory()
    submit(claim, files)
    client.post(f"/v1/claims/{claim['claim_id']}/decisions", json={"decision": "deny", "note": "n"},
                headers=headers("reviewer"))
    return client.app.state.config.database_url


def tamper(url: str, statement) -> None:
    with session_scope(url) as session:
        session.execute(statement)


def last_seq(url: str) -> int:
    with session_scope(url) as session:
        return session.execute(select(func.max(AuditRecord.seq))).scalar_one()


# what an attacker changes -> the record the check must name
TAMPERING = [
    ("edit payload", lambda n: update(AuditRecord).where(AuditRecord.seq == 6).values(payload='{"decision":"approve"}'), 6),
    ("edit actor", lambda n: update(AuditRecord).where(AuditRecord.seq == 2).values(actor="admin:someone"), 2),
    ("edit time", lambda n: update(AuditRecord).where(AuditRecord.seq == n).values(at="2020-01-01T00:00:00+00:00"), "last"),
    ("delete middle", lambda n: delete(AuditRecord).where(AuditRecord.seq == 3), 4),
    ("delete first", lambda n: delete(AuditRecord).where(AuditRecord.seq == 1), 2),
    ("delete newest", lambda n: delete(AuditRecord).where(AuditRecord.seq == n), "last"),
]


@pytest.mark.parametrize(("label", "statement", "broken"), TAMPERING, ids=[t[0] for t in TAMPERING])
def test_service_audit_detects_tampering(client, headers, chain, label, statement, broken):
    assert client.get("/v1/audit/verify", headers=headers("admin")).json()["ok"] is True
    n = last_seq(chain)
    tamper(chain, statement(n))
    report = client.get("/v1/audit/verify", headers=headers("admin")).json()
    assert report["ok"] is False
    assert report["broken_seq"] == (n if broken == "last" else broken)
    assert report["problem"]


def test_service_audit_records_decision_as_override(client, headers, chain):
    with session_scope(chain) as session:
        rows = session.execute(select(AuditRecord).order_by(AuditRecord.seq)).scalars().all()
        actions = [r.action for r in rows]
    assert actions[:5] == ["token.created"] * 5
    assert actions[5:7] == ["claim.submitted", "review.completed"]
    assert actions[7] in {"decision.final", "decision.override"}


def test_service_audit_verify_command(chain, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("REVIEW_ENGINE_DATABASE_URL", chain)
    monkeypatch.setenv("REVIEW_ENGINE_HOME", str(tmp_path / "home"))
    assert cli_main(["audit", "verify"]) == 0
    assert capsys.readouterr().out.strip() == "ok"
    tamper(chain, update(AuditRecord).where(AuditRecord.seq == 7).values(subject="claim:other"))
    assert cli_main(["audit", "verify"]) == 1
    assert capsys.readouterr().out.strip().startswith("broken at record 7:")


def test_service_token_create_command(database_url, monkeypatch, capsys, tmp_path):
    from service.auth import authenticate

    monkeypatch.setenv("REVIEW_ENGINE_DATABASE_URL", database_url)
    monkeypatch.setenv("REVIEW_ENGINE_HOME", str(tmp_path / "home"))
    assert cli_main(["token", "create", "--role", "hospital", "--provider", "H-9"]) == 0
    token = capsys.readouterr().out.strip()
    with session_scope(database_url) as session:
        principal = authenticate(session, token)
    assert (principal.role, principal.provider_id) == ("hospital", "H-9")
    assert cli_main(["token", "create", "--role", "hospital"]) == 2
    assert "--provider" in capsys.readouterr().err
    assert cli_main(["audit", "verify"]) == 0
