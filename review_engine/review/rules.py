"""Drug and test items evaluated against the guideline graph (POLICY sections 4 and 5, gates 4-6).

For every candidate rule the condition tree is evaluated; an item is approved when some rule holds
with confident evidence, routed when the closest rules are undetermined, and flagged only when every
rule is refuted and the closest refuted rule is not a [U] rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from review_engine.domain import Evidence
from review_engine.errors import ReasonCode
from review_engine.knowledge_graph import schema as s
from review_engine.review.biomarkers import IHC_ONLY, NEG_LIQUID
from review_engine.review.conditions import (
    FAILED,
    HELD,
    UNKNOWN,
    ItemContext,
    LeafResult,
    TreeResult,
    evaluate,
)
from review_engine.review.verdict import Verdict
from review_engine.settings import PolicySettings

UNCERTAIN_TAG = "U"


@dataclass
class RuleOutcome:
    rule: s._Rule
    result: TreeResult

    @property
    def state(self) -> str:
        return self.result.state

    def trace(self, ctx: ItemContext) -> list[dict]:
        head = {"rule": self.rule.id, "state": self.state, "tag": self.rule.tag, "path": ctx.graph.path(self.rule.id)}
        return [head, *[leaf.trace() for leaf in self.result.leaves]]


def item_label(ctx: ItemContext) -> str:
    item = ctx.item
    return item.name or item.drug or ", ".join(item.genes) or item.item_id


def _needs(leaf: LeafResult, ctx: ItemContext) -> str:
    ex = ctx.explain
    key = "alteration_absent" if leaf.leaf.var == "alteration" and leaf.leaf.op == "absent" else leaf.leaf.var
    op = {"ge": ">=", "le": "<=", "eq": "="}.get(leaf.leaf.op, "")
    return ex.needs(key, value=ex.value_name(leaf.leaf.value), op=op)


def leaf_code(leaf: LeafResult, ctx: ItemContext, fail_code: str | None = None) -> str:
    variable = ctx.graph.raw.vocabulary.variables[leaf.leaf.var]
    if leaf.why == "conflict":
        return ReasonCode.CONFLICTING_FINDINGS
    if leaf.state == FAILED:
        return fail_code or variable.fail_code
    return variable.unknown_code


# Why a leaf stayed unknown -> the document that settles it, where not the variable's own: a negative plasma
# result asks for tissue (GUIDELINE_FACTS 1.2), not the same test again; an immunostain's reading the guideline
# does not accept asks for a molecular test, not another stain.
_MISSING_BY_WHY = {NEG_LIQUID: "tissue_genetic_report", IHC_ONLY: "molecular_report"}


def missing_for(leaf: LeafResult, ctx: ItemContext) -> str:
    variable = ctx.graph.raw.vocabulary.variables[leaf.leaf.var]
    if leaf.why == "conflict":
        return ctx.explain.missing("confirmation", _needs(leaf, ctx))
    document = _MISSING_BY_WHY.get(leaf.why or "", variable.missing_document)
    return ctx.explain.missing(document, ctx.explain.value_name(leaf.leaf.value))


def low_confidence(evidence: list[Evidence], policy: PolicySettings) -> list[Evidence]:
    return [e for e in evidence if e.confidence < policy.min_finding_confidence]


def _reason(code: str, outcome: RuleOutcome, leaf: LeafResult, ctx: ItemContext, found: str | None = None):
    return ctx.explain.reason(code, rule=outcome.rule.id, item=item_label(ctx), found=found or leaf.observed,
                              needs=_needs(leaf, ctx), sources=ctx.graph.source_titles(outcome.rule.sources),
                              conditions=outcome.trace(ctx))


def _distance(outcome: RuleOutcome) -> tuple[int, int]:
    states = [leaf.state for leaf in outcome.result.leaves]
    return states.count(FAILED), states.count(UNKNOWN)


def _closest(outcomes: list[RuleOutcome]) -> list[RuleOutcome]:
    """The rules the claim is nearest to: fewest refuted conditions, then fewest undetermined ones."""
    nearest = min(_distance(o) for o in outcomes)
    return [o for o in outcomes if _distance(o) == nearest]


def approve_or_low_confidence(outcome: RuleOutcome, ctx: ItemContext, policy: PolicySettings) -> Verdict:
    """INDICATED, unless evidence the rule rests on was read below the confidence threshold (gate 5)."""
    evidence = [e for leaf in outcome.result.leaves if leaf.state == HELD for e in leaf.evidence]
    # A rule proven from the claim's fields alone still shows the report lines that confirm the diagnosis.
    evidence = evidence or list(ctx.facts.site_evidence)
    weak = low_confidence(evidence, policy)
    found = ctx.explain.join(dict.fromkeys(leaf.observed for leaf in outcome.result.leaves if leaf.state == HELD))
    if weak:
        return _low_confidence_verdict(outcome, weak, ctx, policy, evidence)
    reason = ctx.explain.reason(ReasonCode.INDICATED, rule=outcome.rule.id, item=item_label(ctx), found=found,
                                sources=ctx.graph.source_titles(outcome.rule.sources), conditions=outcome.trace(ctx))
    return Verdict("approve", [reason], evidence)


def _low_confidence_verdict(outcome: RuleOutcome, weak: list[Evidence], ctx: ItemContext,
                            policy: PolicySettings, evidence: list[Evidence]) -> Verdict:
    ex = ctx.explain
    text = ctx.explain.join(f"'{e.text}' ({e.doc_id} p.{e.page})" for e in weak)
    reason = ex.reason(ReasonCode.LOW_CONFIDENCE, rule=outcome.rule.id, item=item_label(ctx), found=text,
                       detail=", ".join(f"{e.confidence:.2f}" for e in weak), needs=f"{policy.min_finding_confidence:.2f}",
                       sources=ctx.graph.source_titles(outcome.rule.sources), conditions=outcome.trace(ctx))
    return Verdict("route_mdt", [reason], evidence, [ex.missing("confirmation", text)])


def route_unknown(outcomes: list[RuleOutcome], ctx: ItemContext) -> Verdict:
    verdict = Verdict("route_mdt")
    for outcome in _closest(outcomes):
        for leaf in outcome.result.blamed:
            verdict.reasons.append(_reason(leaf_code(leaf, ctx), outcome, leaf, ctx))
            verdict.evidence += leaf.evidence
            verdict.missing.append(missing_for(leaf, ctx))
    return verdict


def refuted(outcomes: list[RuleOutcome], ctx: ItemContext, policy: PolicySettings,
            fail_code: str | None = None) -> Verdict:
    """Every rule refuted: flag on the closest non-[U] rule; [U] rules alone, or weak evidence, route."""
    firm = [o for o in outcomes if o.rule.tag != UNCERTAIN_TAG]
    chosen = _closest(firm or outcomes)
    verdict = Verdict("flag" if firm else "route_mdt")
    for outcome in chosen:
        for leaf in outcome.result.blamed:
            code = leaf_code(leaf, ctx, fail_code)
            verdict.reasons.append(_reason(code, outcome, leaf, ctx))
            verdict.evidence += leaf.evidence
            if verdict.decision == "route_mdt":
                verdict.missing.append(missing_for(leaf, ctx))
    weak = low_confidence(verdict.evidence, policy)
    if verdict.decision == "flag" and weak:
        low = _low_confidence_verdict(chosen[0], weak, ctx, policy, verdict.evidence)
        return Verdict("route_mdt", verdict.reasons + low.reasons, verdict.evidence, low.missing)
    return verdict


def decide_rules(outcomes: list[RuleOutcome], ctx: ItemContext, policy: PolicySettings,
                 fail_code: str | None = None) -> Verdict:
    held = [o for o in outcomes if o.state == HELD]
    if held:
        verdicts = [approve_or_low_confidence(o, ctx, policy) for o in held]
        return next((v for v in verdicts if v.decision == "approve"), verdicts[0])
    unknown = [o for o in outcomes if o.state == UNKNOWN]
    if unknown:
        return route_unknown(unknown, ctx)
    return refuted(outcomes, ctx, policy, fail_code)


def in_effect(rule: s._Rule, ctx: ItemContext) -> bool:
    """A rule pays only for services inside its effective dates (NRDL 2025 from 2026-01-01)."""
    if rule.effective is None:
        return True
    day = ctx.facts.claim.service_date
    return rule.effective.from_ <= day and (rule.effective.to is None or day <= rule.effective.to)


def no_rule(ctx: ItemContext, phrase: str, missing: str | None = None, **values: object) -> Verdict:
    reason = ctx.explain.policy_reason("known_item", ReasonCode.NO_RULE, item=item_label(ctx),
                                       found=ctx.explain.phrase(phrase, **values))
    return Verdict("route_mdt", [reason], [], [missing or ctx.explain.missing("confirmation", item_label(ctx))])


def evaluate_drug(ctx: ItemContext, policy: PolicySettings) -> Verdict:
    """Gate 4 (known item) then the drug's indication rules for the patient's cancer."""
    ex = ctx.explain
    if ctx.drug_id is None:
        return no_rule(ctx, "no_rule_item", name=ctx.item.drug or ctx.item.name)
    cancer = ctx.facts.cancer
    if cancer is None:
        return no_rule(ctx, "cancer_unknown", ex.missing("diagnosis"))
    candidates = ctx.graph.rules_for_drug(ctx.drug_id, cancer)
    rules = [r for r in candidates if in_effect(r, ctx)]
    if not candidates:
        cancer_name = getattr(ctx.graph.raw.cancers.cancers[cancer].name, ex.language)
        return no_rule(ctx, "no_rule_cancer", name=ctx.drug_id, cancer=cancer_name)
    outcomes = [RuleOutcome(rule, evaluate(ctx.graph.trees[rule.id], ctx)) for rule in rules]
    verdict = decide_rules(outcomes, ctx, policy) if rules else Verdict("route_mdt")
    return _outside_dates(verdict, [r for r in candidates if r not in rules], ctx)


def _outside_dates(verdict: Verdict, excluded: list[s._Rule], ctx: ItemContext) -> Verdict:
    """Rules not in effect on the service date might have paid under an earlier catalogue: no flag, a person decides."""
    if not excluded or verdict.decision == "approve":
        return verdict
    names = ", ".join(r.id for r in excluded)
    extra = no_rule(ctx, "not_in_effect", rules=names, date=ctx.facts.claim.service_date)
    return Verdict("route_mdt", verdict.reasons + extra.reasons, verdict.evidence, verdict.missing + extra.missing)
