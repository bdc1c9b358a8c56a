"""Duplicate tests (POLICY section 5; GUIDELINE_FACTS section 3): the same method over the same genes
approved within the window, or a germline test already done at any time, with their exceptions:
documented progression, new primary, failed/indeterminate earlier result, DNA -> RNA, a tissue test after
a liquid biopsy that found nothing, and a documented limitation of an earlier germline test.
"""

from __future__ import annotations

from dataclasses import dataclass

from review_engine.domain import DocumentFindings, HistoryClaim, HistoryItem
from review_engine.errors import ReasonCode
from review_engine.review.claim_text import has_any_term
from review_engine.review.conditions import ItemContext
from review_engine.review.rules import item_label
from review_engine.review.verdict import Verdict
from review_engine.settings import PolicySettings

APPROVED = ("approve", None)  # a history claim without a recorded decision was paid by the payer
PENDING = "pending"  # an earlier claim still under review (the service's store knows it)


@dataclass(frozen=True)
class PriorTest:
    claim: HistoryClaim
    item: HistoryItem
    genes: frozenset[str]


def _genes(names: list[str], ctx: ItemContext) -> frozenset[str]:
    return frozenset(ctx.graph.gene_symbol(g) for g in names)


def _prior_tests(ctx: ItemContext) -> list[PriorTest]:
    tests = [(past, item, _genes(item.genes, ctx)) for past in ctx.facts.claim.history for item in past.items
             if item.kind == "test"]
    return [PriorTest(past, _as_read(item, genes, past.findings, ctx), genes) for past, item, genes in tests]


def _reports_specimen(findings: list[DocumentFindings]) -> str | None:
    """The specimen all of these genetic reports read, else None (none given, or they differ)."""
    read = {f.report.specimen for f in findings if f.kind == "genetic_report" and f.report.specimen}
    return read.pop() if len(read) == 1 else None


def _as_read(item: HistoryItem, genes: frozenset[str], findings: list[DocumentFindings], ctx: ItemContext) -> HistoryItem:
    """An earlier test with the specimen and result its claim's reports read, where it does not state them (the
    service's store knows the earlier review): a detected change in the test's genes, else a negative, else a
    failed result. A panel that lists no genes answers for every gene its reports name."""
    if not findings or (item.specimen and item.result_status):
        return item
    statuses = {v.status for f in findings if f.kind == "genetic_report" for v in f.variants
                if not genes or ctx.graph.gene_symbol(v.gene) in genes}
    result = next((s for s in ("detected", "not_detected", "indeterminate") if s in statuses), None)
    return item.model_copy(update={"specimen": item.specimen or _reports_specimen(findings),
                                   "result_status": item.result_status or result})


def _same_content(prior: PriorTest, genes: frozenset[str], ctx: ItemContext) -> bool:
    if genes and prior.genes:
        return bool(genes & prior.genes)
    # Panels given by size only: the same panel size is the same genetic content.
    return bool(ctx.item.panel_size) and prior.item.panel_size == ctx.item.panel_size


def _exception(prior: PriorTest, ctx: ItemContext) -> str | None:
    """The documented reason this repeat is allowed, or None."""
    words = ctx.graph.raw.claim_text.retest_exceptions
    texts = [ctx.facts.claim.diagnosis.text or "", prior.claim.notes or ""]
    if prior.item.result_status == "indeterminate":
        return "failed_prior"
    for name in ("progression", "new_primary"):
        if has_any_term(texts, words[name]):
            return name
    if has_any_term([ctx.item.name or ""], words["rna"]) and not has_any_term([prior.claim.notes or ""], words["rna"]):
        return "dna_to_rna"
    return None


def _this_specimen(ctx: ItemContext) -> str | None:
    """The specimen the claimed test reads: the item's, else the one all the claim's genetic reports give."""
    return ctx.item.specimen or _reports_specimen(ctx.facts.findings)


def _after_liquid_negative(prior: PriorTest, ctx: ItemContext) -> str | None:
    """After an earlier liquid biopsy that found nothing: 'tissue' where this test reads another specimen (the
    re-test GUIDELINE_FACTS 1.2 asks for), 'unknown' where its specimen is not known; else None (a repeat on
    plasma is a duplicate like any other)."""
    liquid = ctx.graph.raw.alterations.negative_does_not_exclude_specimens
    if prior.item.specimen not in liquid or prior.item.result_status != "not_detected":
        return None
    specimen = _this_specimen(ctx)
    if specimen is None:
        return "unknown"
    return None if specimen in liquid else "tissue"


def _liquid_prior_unknown(prior: PriorTest, genes: frozenset[str], ctx: ItemContext, rule_id: str) -> Verdict:
    """An earlier negative liquid biopsy and a repeat whose specimen nobody states: a tissue re-test is indicated,
    another plasma test a duplicate, so a person checks which this is."""
    ex = ctx.explain
    found = ex.phrase("duplicate_after_liquid", method=prior.item.method or "", date=prior.claim.service_date,
                      genes=", ".join(sorted(genes & prior.genes) or genes), claim=prior.claim.claim_id,
                      specimen=ex.value_name(prior.item.specimen or ""))
    rule = next(r for r in ctx.graph.raw.retest.rules if r.id == rule_id)
    reason = ex.reason(ReasonCode.DUPLICATE_TEST, rule=rule_id, item=item_label(ctx), found=found,
                       needs=ex.phrase("duplicate_specimen_needs"), sources=ctx.graph.source_titles(rule.sources))
    return Verdict("route_mdt", [reason], [], [ex.missing("test_specimen")])


def _germline(prior: PriorTest, genes: frozenset[str], ctx: ItemContext) -> Verdict | None:
    ex = ctx.explain
    rule = next(r for r in ctx.graph.raw.retest.rules if r.kind == "germline")
    found = ex.phrase("duplicate_germline_found", genes=", ".join(sorted(genes & prior.genes) or genes),
                      date=prior.claim.service_date, claim=prior.claim.claim_id)
    words = ctx.graph.raw.claim_text.retest_exceptions["limited_prior_test"]
    limited = has_any_term([prior.claim.notes or "", ctx.facts.claim.diagnosis.text or "", ctx.item.name or ""], words)
    needs = ex.phrase("germline_limited" if limited else "germline_needs")
    reason = ex.reason(ReasonCode.DUPLICATE_TEST, rule=rule.id, item=item_label(ctx), found=found, needs=needs,
                       sources=ctx.graph.source_titles(rule.sources))
    if limited:
        return Verdict("route_mdt", [reason], [], [ex.missing("retest_justification")])
    return Verdict("flag", [reason])


def _pending(prior: PriorTest, genes: frozenset[str], ctx: ItemContext, rule_id: str, window: int) -> Verdict:
    """The same test is claimed in an earlier claim nobody has decided yet: neither paid (so no
    flag) nor harmless (approving both would pay twice), so a person looks at the two together."""
    ex = ctx.explain
    found = ex.phrase("duplicate_pending", method=prior.item.method or "", date=prior.claim.service_date,
                      genes=", ".join(sorted(genes & prior.genes) or genes), claim=prior.claim.claim_id)
    reason = ex.reason(ReasonCode.DUPLICATE_TEST, rule=rule_id, item=item_label(ctx), found=found,
                       needs=ex.phrase("duplicate_needs", window=window),
                       sources=ctx.graph.source_titles(next(r for r in ctx.graph.raw.retest.rules if r.id == rule_id).sources))
    return Verdict("route_mdt", [reason], [], [ex.missing("pending_prior_claim")])


def _somatic(prior: PriorTest, genes: frozenset[str], ctx: ItemContext, policy: PolicySettings) -> Verdict | None:
    ex = ctx.explain
    days = (ctx.facts.claim.service_date - prior.claim.service_date).days
    if prior.item.method != ctx.item.method or prior.claim.decision not in (*APPROVED, PENDING):
        return None
    if not 0 <= days <= policy.duplicate_window_days or _exception(prior, ctx):
        return None
    after_liquid = _after_liquid_negative(prior, ctx)
    if after_liquid == "tissue":
        return None
    rule = next(r for r in ctx.graph.raw.retest.rules if r.kind == "somatic")
    if after_liquid == "unknown":
        return _liquid_prior_unknown(prior, genes, ctx, rule.id)
    if prior.claim.decision == PENDING:
        return _pending(prior, genes, ctx, rule.id, policy.duplicate_window_days)
    found = ex.phrase("duplicate_found", method=ctx.item.method, genes=", ".join(sorted(genes & prior.genes) or genes),
                      date=prior.claim.service_date, claim=prior.claim.claim_id, days=days)
    reason = ex.reason(ReasonCode.DUPLICATE_TEST, rule=rule.id, item=item_label(ctx), found=found,
                       needs=ex.phrase("duplicate_needs", window=policy.duplicate_window_days),
                       sources=ctx.graph.source_titles(rule.sources))
    return Verdict("flag", [reason])


def _tumour_group(genes: frozenset[str], ctx: ItemContext) -> frozenset[str]:
    """The once-per-primary-tumour biomarker group the test reads (MSI/MMR, RS21, HRD), if any."""
    for group in ctx.graph.raw.retest.once_per_tumour:
        if genes & set(group):
            return frozenset(group)
    return frozenset()


def _once_per_tumour(prior: PriorTest, group: frozenset[str], ctx: ItemContext, policy: PolicySettings) -> Verdict | None:
    ex = ctx.explain
    if not prior.genes & group or prior.claim.decision not in (*APPROVED, PENDING):
        return None
    if _exception(prior, ctx) in ("new_primary", "failed_prior"):
        return None
    rule = next(r for r in ctx.graph.raw.retest.rules if r.kind == "tumour")
    if prior.claim.decision == PENDING:
        return _pending(prior, group, ctx, rule.id, policy.duplicate_window_days)
    days = (ctx.facts.claim.service_date - prior.claim.service_date).days
    found = ex.phrase("duplicate_found", method=prior.item.method or "", genes=", ".join(sorted(prior.genes & group)),
                      date=prior.claim.service_date, claim=prior.claim.claim_id, days=days)
    reason = ex.reason(ReasonCode.DUPLICATE_TEST, rule=rule.id, item=item_label(ctx), found=found,
                       needs=ex.phrase("tumour_once"), sources=ctx.graph.source_titles(rule.sources))
    return Verdict("flag", [reason])


def duplicate_verdict(ctx: ItemContext, policy: PolicySettings) -> Verdict | None:
    """A DUPLICATE_TEST verdict for a test item, or None when it repeats nothing."""
    genes = _genes(ctx.item.genes, ctx) or frozenset(ctx.graph.raw.vocabulary.method_genes.get(ctx.item.method or "", []))
    group = _tumour_group(genes, ctx)
    for prior in _prior_tests(ctx):
        verdict = _once_per_tumour(prior, group, ctx, policy) if group else None
        if verdict is not None:
            return verdict
        if not _same_content(prior, genes, ctx):
            continue
        if ctx.item.germline and prior.item.germline:
            verdict = _germline(prior, genes, ctx)
        else:
            verdict = _somatic(prior, genes, ctx, policy)
        if verdict is not None:
            return verdict
    return None
