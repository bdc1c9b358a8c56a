"""Test items (POLICY section 5): indication by cancer, method and condition; panel size; WES/WGS."""

from __future__ import annotations

from review_engine.errors import ReasonCode
from review_engine.knowledge_graph import schema as s
from review_engine.review.conditions import FAILED, ItemContext, evaluate
from review_engine.review.facts import icd_categories
from review_engine.review.rules import RuleOutcome, decide_rules, in_effect, item_label, no_rule
from review_engine.review.verdict import Verdict, combine
from review_engine.settings import PolicySettings


def item_genes(ctx: ItemContext) -> set[str]:
    """Genes/biomarkers the test covers: listed, or implied by its method (MSI-PCR -> MSI)."""
    genes = {ctx.graph.gene_symbol(g) for g in ctx.item.genes}
    return genes or set(ctx.graph.raw.vocabulary.method_genes.get(ctx.item.method or "", []))


def _hereditary_code(ctx: ItemContext) -> bool:
    codes = set(ctx.graph.raw.cancers.hereditary_risk_icd10)
    return any(c in codes for c in icd_categories(ctx.facts.claim.diagnosis.icd10))


def _panel_size(ctx: ItemContext) -> int:
    return ctx.item.panel_size or len(ctx.item.genes)


def _indicated_genes(ctx: ItemContext) -> list[str]:
    """Genes the patient's indication needs: covered by a rule of the cancer whose conditions are not refuted."""
    genes: list[str] = []
    for rule in ctx.graph.tests_for_cancer(ctx.facts.cancer):
        if evaluate(ctx.graph.trees[rule.id], ctx).state != FAILED:
            genes += [g for g in rule.covers if g not in genes]
    return genes


def _not_indicated(ctx: ItemContext, found: str, needs: str, purpose: str) -> Verdict:
    reason = ctx.explain.policy_reason(purpose, ReasonCode.NON_INDICATED_TEST, item=item_label(ctx), found=found,
                                       needs=needs)
    return Verdict("flag", [reason])


def _panel_excess(ctx: ItemContext, found: str, rule_id: str, sources: list[str]) -> Verdict:
    ex = ctx.explain
    needs = ", ".join(_indicated_genes(ctx)) or ex.phrase("found_nothing")
    reason = ex.reason(ReasonCode.PANEL_EXCESS, rule=rule_id, item=item_label(ctx), found=found, needs=needs,
                       sources=ctx.graph.source_titles(sources))
    return Verdict("route_mdt", [reason], [], [ex.missing("panel_justification")])


def _whole_genome(ctx: ItemContext) -> Verdict:
    ex = ctx.explain
    panel = ctx.graph.raw.retest.panel
    if ctx.facts.cancer is None and not _hereditary_code(ctx):
        return _not_indicated(ctx, ex.phrase("wes_found", method=ctx.item.method), ex.phrase("no_cancer"),
                              "test_no_cancer")
    return _panel_excess(ctx, ex.phrase("wes_found", method=ctx.item.method), panel.whole_genome_rule_id, panel.sources)


def _with_method(rule: s.TestRule, tree: s.Condition) -> s.Condition:
    return s.AllOf(all=[s.Leaf(var="test.method", op="in", value=list(rule.methods)), tree])


def _indication(ctx: ItemContext, genes: set[str], policy: PolicySettings) -> Verdict:
    ex = ctx.explain
    cancer = ctx.facts.cancer
    rules = [r for r in ctx.graph.rules_for_test(cancer, genes) if in_effect(r, ctx)]
    if not rules:
        cancer_name = getattr(ctx.graph.raw.cancers.cancers[cancer].name, ex.language)
        found = ex.phrase("not_indicated_genes", genes=", ".join(sorted(genes)), cancer=cancer_name)
        return _not_indicated(ctx, found, ex.phrase("no_rule_item", name=", ".join(sorted(genes))), "test_no_indication")
    outcomes = [RuleOutcome(rule, evaluate(_with_method(rule, ctx.graph.trees[rule.id]), ctx)) for rule in rules]
    return decide_rules(outcomes, ctx, policy, fail_code=ReasonCode.NON_INDICATED_TEST)


def evaluate_test(ctx: ItemContext, policy: PolicySettings) -> Verdict:
    """Indication, then panel size, for one test item (duplicates are checked separately)."""
    ex = ctx.explain
    if ctx.item.method in ctx.graph.raw.retest.panel.whole_genome_methods:
        return _whole_genome(ctx)
    if ctx.facts.cancer is None:
        if ctx.item.germline and not _hereditary_code(ctx):
            return _not_indicated(ctx, ex.phrase("no_cancer"), ex.phrase("no_rule_item", name=item_label(ctx)),
                                  "test_no_cancer")
        return no_rule(ctx, "cancer_unknown", ex.missing("diagnosis"))
    genes = item_genes(ctx)
    if not genes and ctx.item.panel_size:
        # A panel given by size only: it is judged on the genes the indication needs.
        genes = set(_indicated_genes(ctx)) or {g for r in ctx.graph.tests_for_cancer(ctx.facts.cancer) for g in r.covers}
    if not genes:
        return no_rule(ctx, "no_rule_item", name=item_label(ctx))
    verdicts = [_indication(ctx, genes, policy)]
    if _panel_size(ctx) > policy.panel_size_limit:
        panel = ctx.graph.raw.retest.panel
        found = ex.phrase("panel_found", method=ctx.item.method or "", size=_panel_size(ctx), limit=policy.panel_size_limit)
        verdicts.append(_panel_excess(ctx, found, panel.id, panel.sources))
    return combine(verdicts)
