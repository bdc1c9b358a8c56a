"""``decide``: findings + claim + guideline graph -> one decision per item, with reasons and evidence.

The orchestration is a readable sequence of named steps; every rule, threshold and message lives
in ``knowledge/`` or ``PolicySettings``.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from review_engine.domain import (
    DECISION_RISK,
    Claim,
    ClaimItem,
    Decision,
    DocumentFindings,
    ItemResult,
    Priority,
    Risk,
    most_severe,
)
from review_engine.errors import ReasonCode
from review_engine.knowledge_graph import KnowledgeGraph
from review_engine.review import gates
from review_engine.review.conditions import ItemContext
from review_engine.review.duplicates import duplicate_verdict
from review_engine.review.explain import Explainer
from review_engine.review.facts import PatientFacts, gather_facts
from review_engine.review.lab_tests import evaluate_test
from review_engine.review.rules import evaluate_drug, item_label
from review_engine.review.verdict import Verdict, combine
from review_engine.settings import PolicySettings


class ClaimDecision(BaseModel):
    """The decision layer's answer for one claim; the engine wraps it into a ReviewResult."""

    items: list[ItemResult]
    priority: Priority = "normal"
    missing_documents: list[str] = Field(default_factory=list)
    knowledge_version: str

    @property
    def decision(self) -> Decision:
        return most_severe([i.decision for i in self.items])

    @property
    def risk(self) -> Risk:
        return DECISION_RISK[self.decision]  # type: ignore[return-value]


def _urgent_reasons(claim: Claim, findings: list[DocumentFindings], ex: Explainer) -> list:
    """URGENT reasons (POLICY section 6): priority only, never a decision."""
    found = [ex.phrase("urgent_claim")] if claim.urgent else []
    found += [ex.phrase("urgent_document", doc=f.doc_id) for f in findings if f.critical]
    return [ex.policy_reason("urgent", ReasonCode.URGENT, found=ex.join(found))] if found else []


def _item_verdicts(item: ClaimItem, facts: PatientFacts, problems: dict, graph: KnowledgeGraph,
                   ex: Explainer, policy: PolicySettings) -> list[Verdict]:
    ctx = ItemContext(item=item, drug_id=graph.drug_id(item.drug or item.name) if item.kind == "drug" else None,
                      facts=facts, graph=graph, explain=ex)
    label = item_label(ctx)
    verdicts = [
        gates.readability_gate(item.kind, label, problems, graph, ex),
        gates.patient_gate(facts.claim, facts.findings, ex, policy, label),
        gates.disease_gate(facts.claim, facts.findings, graph, ex, policy, label),
    ]
    if item.kind == "drug":
        verdicts.append(evaluate_drug(ctx, policy))
    else:
        verdicts += [evaluate_test(ctx, policy), duplicate_verdict(ctx, policy)]
    return [v for v in verdicts if v is not None]


def _item_result(item: ClaimItem, verdicts: list[Verdict], urgent: list) -> tuple[ItemResult, list[str]]:
    verdict = combine(verdicts)
    result = ItemResult(item_id=item.item_id, decision=verdict.decision,  # type: ignore[arg-type]
                        reasons=verdict.reasons + urgent, evidence=verdict.evidence)
    return result, verdict.missing if verdict.decision != "approve" else []


def decide(claim: Claim, findings: list[DocumentFindings], unreadable: dict[str, str], graph: KnowledgeGraph,
           policy: PolicySettings) -> ClaimDecision:
    """Decide every item of a claim from its documents' findings (POLICY sections 3-7)."""
    ex = Explainer(graph, claim.language)
    problems = gates.unreadable_documents(claim, findings, unreadable, policy)
    readable = [f for f in findings if f.doc_id not in problems]
    facts = gather_facts(claim, readable, graph)
    urgent = _urgent_reasons(claim, readable, ex)
    items: list[ItemResult] = []
    missing: list[str] = []
    for item in claim.items:
        result, item_missing = _item_result(item, _item_verdicts(item, facts, problems, graph, ex, policy), urgent)
        items.append(result)
        missing += [m for m in item_missing if m not in missing]
    return ClaimDecision(items=items, priority="urgent" if urgent else "normal", missing_documents=missing,
                         knowledge_version=graph.version)
