"""A person's decision on a claim: who may say what, when it is an override, and its audit entry."""

from __future__ import annotations

from sqlalchemy.orm import Session

from service import audit
from service.auth import Principal
from service.store.models import ClaimVersion, HumanDecision

# What each role may record, by kind.
ALLOWED: dict[tuple[str, str], set[str]] = {
    ("reviewer", "final"): {"approve", "deny", "refer_mdt"},
    ("mdt", "final"): {"approve", "deny"},
    ("mdt", "opinion"): {"approve", "deny"},
}
# The engine recommendation a person's final word contradicts.
OVERRIDES: dict[str, set[str]] = {"approve": {"flag"}, "deny": {"approve"}}
OPEN_STATES = ("reviewed", "in_mdt")


class DecisionRefusedError(Exception):
    """The decision cannot be recorded now (answered 409 or 403 with this message)."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.status = status


def record_decision(
    session: Session, *, claim: ClaimVersion, principal: Principal, decision: str, note: str, kind: str
) -> HumanDecision:
    """Store the decision and its audit record in the caller's transaction."""
    if decision not in ALLOWED.get((principal.role, kind), set()):
        raise DecisionRefusedError(f"role {principal.role} may not record a {kind} '{decision}'", status=403)
    session.refresh(claim, with_for_update=True)  # two people deciding at once: one waits, then sees it
    if claim.state not in OPEN_STATES:
        raise DecisionRefusedError(f"claim is {claim.state}; decisions are taken on reviewed, undecided claims")
    override = kind == "final" and claim.decision in OVERRIDES.get(decision, set())
    row = HumanDecision(claim_pk=claim.id, token_id=principal.token_id, role=principal.role, kind=kind,
                        decision=decision, note=note, override=override)
    session.add(row)
    _apply(claim, kind, decision)
    action = "decision.override" if override else f"decision.{kind}"
    audit.append(session, actor=principal.actor, action=action, subject=f"claim:{claim.claim_id}",
                 payload={"version": claim.version, "decision": decision, "kind": kind,
                          "engine_decision": claim.decision, "note": note})
    session.flush()
    return row


def _apply(claim: ClaimVersion, kind: str, decision: str) -> None:
    if kind != "final":
        return
    if decision == "refer_mdt":
        claim.state = "in_mdt"
    else:
        claim.state, claim.final_decision = "decided", decision
