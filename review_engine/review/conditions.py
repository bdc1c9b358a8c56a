"""Evaluate rule condition trees against one claim item: three-valued (held / failed / unknown)
with a trace of every leaf, what was observed, and the evidence it rests on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from review_engine.domain import ClaimItem, Evidence
from review_engine.knowledge_graph import KnowledgeGraph
from review_engine.knowledge_graph import schema as s
from review_engine.review import biomarkers as bm
from review_engine.review.explain import Explainer
from review_engine.review.facts import Disagreement, PatientFacts

HELD, FAILED, UNKNOWN = "held", "failed", "unknown"
DAYS_PER_MONTH = 30.44


@dataclass
class LeafResult:
    leaf: s.Leaf
    state: str
    observed: str
    evidence: list[Evidence] = field(default_factory=list)
    why: str | None = None  # for unknown: missing, vus, indeterminate, equivocal, conflict, partial, provisional,
    # neg_liquid, origin_other

    def trace(self) -> dict:
        return {"var": self.leaf.var, "op": self.leaf.op, "value": self.leaf.value, "state": self.state,
                "observed": self.observed, "why": self.why,
                "evidence": [e.model_dump(mode="json") for e in self.evidence]}


@dataclass
class ItemContext:
    """Everything a leaf evaluator may read for one item."""

    item: ClaimItem
    drug_id: str | None
    facts: PatientFacts
    graph: KnowledgeGraph
    explain: Explainer
    cache: dict = field(default_factory=dict)

    @property
    def setting(self) -> str | None:
        if self.item.setting:
            return self.item.setting
        if self.item.line is None:
            return None
        return "first_line" if self.item.line == 1 else "later_line"


# ---------------------------------------------------------------- leaf evaluators


def _alteration(leaf: s.Leaf, ctx: ItemContext) -> LeafResult:
    cls = ctx.graph.raw.alterations.classes[leaf.value]
    ex = ctx.explain
    name = ex.value_name(leaf.value)
    readings = [bm.read_gene(f, gene, cls, ctx.graph, leaf.methods) for gene in cls.genes for f in ctx.facts.findings]
    pos = [r for r in readings if r.state == bm.POS]
    neg = [r for r in readings if r.state == bm.NEG]
    conflict = [r for r in neg if any(p.gene == r.gene and p.doc_id != r.doc_id for p in pos)]
    if conflict:
        found = ex.join([*(ex.phrase("detected", name=p.text, where=ex.where(p.evidence, p.doc_id)) for p in pos),
                         *(ex.phrase("not_detected", name=r.text, where=ex.where(r.evidence, r.doc_id)) for r in conflict)])
        return LeafResult(leaf, UNKNOWN, found, _evs(pos + conflict), "conflict")
    gene_negative = {g: any(r.gene == g and r.state in (bm.NEG, bm.NEG_OTHER) for r in readings) for g in cls.genes}
    all_negative = all(gene_negative.values()) and not pos
    if pos:
        found = ex.join(ex.phrase("detected", name=p.text, where=ex.where(p.evidence, p.doc_id)) for p in pos)
        return LeafResult(leaf, HELD if leaf.op == "detected" else FAILED, found, _evs(pos))
    negatives = [r for r in readings if r.state in (bm.NEG, bm.NEG_OTHER)]
    if all_negative:
        where = ex.join(ex.where(r.evidence, r.doc_id) + ("" if r.state == bm.NEG else f": {r.text}") for r in negatives)
        found = ex.phrase("not_detected", name=name, where=where)
        return LeafResult(leaf, FAILED if leaf.op == "detected" else HELD, found, _evs(negatives))
    return _alteration_unknown(leaf, ctx, readings, cls)


def _alteration_unknown(leaf: s.Leaf, ctx: ItemContext, readings: list[bm.GeneReading], cls: s.AlterationClass) -> LeafResult:
    ex = ctx.explain
    genes_text = "/".join(cls.genes)
    partial = [r for r in readings if r.state == bm.NEG_PARTIAL]
    if partial:
        where = ex.join(ex.where(r.evidence, r.doc_id) for r in partial)
        found = ex.phrase("partial_coverage", tested=ex.join(r.text for r in partial), where=where, genes=genes_text,
                          exons=", ".join(map(str, cls.absent_needs_exons)))
        return LeafResult(leaf, UNKNOWN, found, _evs(partial), "partial")
    for state, key in ((bm.NEG_LIQUID, "liquid_negative"), (bm.IHC_ONLY, "ihc_only"), (bm.ORIGIN_OTHER, "origin_unproven"),
                       (bm.VUS, "vus_only"), (bm.INDETERMINATE, "indeterminate")):
        hits = [r for r in readings if r.state == state]
        if hits:
            where = ex.join(ex.where(r.evidence, r.doc_id) for r in hits)
            found = ex.phrase(key, genes=genes_text, where=where, tested=ex.join(r.text for r in hits),
                              origin=ex.value_name(cls.origin or ""), specimen=ex.value_name(hits[0].specimen or ""))
            return LeafResult(leaf, UNKNOWN, found, _evs(hits), state)
    return LeafResult(leaf, UNKNOWN, ex.phrase("not_tested", genes=genes_text), [], "missing")


def _evs(readings: list[bm.GeneReading]) -> list[Evidence]:
    return [r.evidence for r in readings if r.evidence is not None]


def _category(leaf: s.Leaf, ctx: ItemContext, reader: Callable, label: str, fields: tuple[str, ...]) -> LeafResult:
    """HER2 / MSI / HR: a category per report (and per rival value a report also gives for ``fields``), compared
    with the rule's accepted categories."""
    ex = ctx.explain
    read = [(status, ev, f.doc_id) for found in ctx.facts.findings
            for f in bm.with_rivals(found, fields) for status, ev in [reader(f)] if status]
    # once per category and report: a rival value of the kept category adds no reading
    seen = [r for i, r in enumerate(read) if all((r[0], r[2]) != (o[0], o[2]) for o in read[:i])]
    if not seen:
        return LeafResult(leaf, UNKNOWN, ex.phrase("unknown_value", name=label), [], "missing")
    wanted = set(leaf.value)
    definitive = {st for st, _, _ in seen if st != "equivocal"}
    found = ex.join(ex.phrase("value_is", name=label, value=ex.value_name(st), where=ex.where(ev, doc))
                      for st, ev, doc in seen)
    evidence = [ev for _, ev, _ in seen if ev is not None]
    if definitive & wanted and definitive - wanted:
        return LeafResult(leaf, UNKNOWN, found, evidence, "conflict")
    if definitive & wanted:
        return LeafResult(leaf, HELD, found, evidence)
    if definitive:
        return LeafResult(leaf, FAILED, found, evidence)
    return LeafResult(leaf, UNKNOWN, found, evidence, "equivocal")


def _her2(leaf: s.Leaf, ctx: ItemContext) -> LeafResult:
    return _category(leaf, ctx, lambda f: bm.her2_status(f, ctx.graph), "HER2", bm.HER2_FIELDS)


def _msi(leaf: s.Leaf, ctx: ItemContext) -> LeafResult:
    return _category(leaf, ctx, bm.msi_status, "MSI/MMR", bm.MSI_FIELDS)


def _hr(leaf: s.Leaf, ctx: ItemContext) -> LeafResult:
    return _category(leaf, ctx, bm.hr_status, "ER/PR", bm.HR_FIELDS)


def _pdl1(leaf: s.Leaf, ctx: ItemContext) -> LeafResult:
    which = leaf.var.split(".")[1]
    ex = ctx.explain
    seen = [(low, high, ev, f.doc_id) for found in ctx.facts.findings
            for f in bm.with_rivals(found, (f"biomarkers.pdl1.{which}",))
            for low, high, ev in [bm.pdl1_score(f, which)] if low is not None]
    label = f"PD-L1 {which.upper()}"
    if not seen:
        return LeafResult(leaf, UNKNOWN, ex.phrase("unknown_value", name=label), [], "missing")
    found = ex.join(ex.phrase("value_is", name=label, value=low if high is None else f"{low:g}–{high:g}",
                              where=ex.where(ev, d)) for low, high, ev, d in seen)
    evidence = [ev for _, _, ev, _ in seen if ev is not None]
    # a range or a floor meets the threshold where its bottom does, misses it where its top does, else is silent
    verdicts = {HELD if low >= leaf.value else FAILED if (low if high is None else high) < leaf.value else UNKNOWN
                for low, high, _, _ in seen}
    definite = verdicts - {UNKNOWN}
    if len(definite) > 1:
        return LeafResult(leaf, UNKNOWN, found, evidence, "conflict")
    if definite:
        return LeafResult(leaf, definite.pop(), found, evidence)
    return LeafResult(leaf, UNKNOWN, found, evidence, "range")


def _histology(leaf: s.Leaf, ctx: ItemContext) -> LeafResult:
    ex = ctx.explain
    obs = ctx.facts.histology
    if "histology" in ctx.facts.conflicts:
        return _disagreement(leaf, ctx, ctx.facts.conflicts["histology"])
    if obs is None:
        return LeafResult(leaf, UNKNOWN, ex.phrase("unknown_value", name="histology"), [], "missing")
    found = ex.phrase("histology_found", value=ex.value_name(obs.value), where=ex.where(obs.evidence, obs.doc_id))
    evidence = [obs.evidence] if obs.evidence else []
    groups = ctx.graph.histology_groups.get(obs.value, set())
    if groups & set(leaf.value):
        return LeafResult(leaf, HELD, found, evidence)
    if groups & set(leaf.uncertain):
        return LeafResult(leaf, UNKNOWN, found, evidence, "uncertain")
    return LeafResult(leaf, FAILED, found, evidence)


def _disagreement(leaf: s.Leaf, ctx: ItemContext, disagreement: Disagreement) -> LeafResult:
    """An unknown leaf whose readings disagree, each named with where it was read ('IA (d2) / T2a N0 M0 (d2)')."""
    ex = ctx.explain
    readings = " / ".join(ex.phrase("reading_at", value=value, where=ex.where(None, doc))
                          for value, doc in disagreement.readings)
    return LeafResult(leaf, UNKNOWN, readings, disagreement.evidence, "conflict")


def _stage(leaf: s.Leaf, ctx: ItemContext) -> LeafResult:
    ex = ctx.explain
    fact = ctx.facts.stage
    if "stage.group" in ctx.facts.conflicts:
        return _disagreement(leaf, ctx, ctx.facts.conflicts["stage.group"])
    if fact is None:
        return LeafResult(leaf, UNKNOWN, ex.phrase("unknown_value", name="stage"), [], "missing")
    found = ex.phrase("stage_provisional_found" if fact.provisional else "stage_found", value=fact.label,
                      where=ex.where(fact.source.evidence, fact.source.doc_id))
    evidence = [fact.source.evidence] if fact.source.evidence else []
    if fact.provisional:
        # 'IV期（待排）': the stage may yet change either way, so it neither proves nor refutes the rule
        return LeafResult(leaf, UNKNOWN, found, evidence, "provisional")
    if fact.words & set(leaf.accept):
        return LeafResult(leaf, HELD, found, evidence)
    if fact.lo is None:
        return LeafResult(leaf, UNKNOWN, found, evidence, "missing")
    rank = ctx.graph.stage_rank
    lo, hi = _lower(leaf.value[0], ctx.graph), _upper(leaf.value[1], ctx.graph)
    uncertain = {rank[u] for u in leaf.uncertain if u in rank}
    if set(range(fact.lo, fact.hi + 1)) <= uncertain:
        return LeafResult(leaf, UNKNOWN, found, evidence, "uncertain")
    if lo <= fact.lo and fact.hi <= hi:
        return LeafResult(leaf, HELD, found, evidence)
    if fact.hi < lo or fact.lo > hi:
        return LeafResult(leaf, FAILED, found, evidence)
    return LeafResult(leaf, UNKNOWN, found, evidence, "partial")


def _lower(label: str, graph: KnowledgeGraph) -> int:
    coarse = graph.raw.stages.coarse
    return graph.stage_rank[coarse[label][0] if label in coarse else label]


def _upper(label: str, graph: KnowledgeGraph) -> int:
    coarse = graph.raw.stages.coarse
    return graph.stage_rank[coarse[label][1] if label in coarse else label]


def _setting(leaf: s.Leaf, ctx: ItemContext) -> LeafResult:
    setting = ctx.setting
    found = ctx.explain.phrase("setting_found", value=ctx.explain.value_name(setting) if setting else "?")
    if setting is None:
        return LeafResult(leaf, UNKNOWN, found, [], "missing")
    return LeafResult(leaf, HELD if setting in leaf.value else FAILED, found)


_COMPARE = {"ge": lambda a, b: a >= b, "le": lambda a, b: a <= b, "eq": lambda a, b: a == b}


def _line(leaf: s.Leaf, ctx: ItemContext) -> LeafResult:
    line = ctx.item.line
    found = ctx.explain.phrase("line_found", value=line if line is not None else "?")
    if line is None:
        return LeafResult(leaf, UNKNOWN, found, [], "missing")
    return LeafResult(leaf, HELD if _COMPARE[leaf.op](line, leaf.value) else FAILED, found)


def _history_drugs(ctx: ItemContext) -> list[tuple[str, object]]:
    out = []
    for past in ctx.facts.claim.history:
        for item in past.items:
            drug = ctx.graph.drug_id(item.drug) or (item.drug or "")
            if item.kind == "drug" and drug:
                out.append((drug, past))
    return out


def _prior_therapy(leaf: s.Leaf, ctx: ItemContext) -> LeafResult:
    ex = ctx.explain
    members = ctx.graph.drug_class_members[leaf.value]
    class_name = getattr(ctx.graph.raw.drug_classes.classes[leaf.value].name, ex.language)
    prior = [(d, past) for d, past in _history_drugs(ctx) if d in members]
    if prior:
        found = ex.phrase("prior_found", value=", ".join(f"{d} ({p.claim_id}, {p.service_date})" for d, p in prior))
        return LeafResult(leaf, HELD, found)
    found = ex.phrase("no_prior", value=class_name)
    # Line 1 states there was no earlier therapy; otherwise an empty history proves nothing.
    if ctx.item.line == 1:
        return LeafResult(leaf, FAILED, found)
    return LeafResult(leaf, UNKNOWN, found, [], "missing")


def _treatment_months(leaf: s.Leaf, ctx: ItemContext) -> LeafResult:
    dates = [past.service_date for d, past in _history_drugs(ctx)
             if d == ctx.drug_id and getattr(past, "decision", None) != "flag"]
    months = 0.0
    if dates:
        months = round((ctx.facts.claim.service_date - min(dates)).days / DAYS_PER_MONTH, 1)
    found = ctx.explain.phrase("months_found", value=months)
    return LeafResult(leaf, HELD if _COMPARE[leaf.op](months, leaf.value) else FAILED, found)


def _method(leaf: s.Leaf, ctx: ItemContext) -> LeafResult:
    method = ctx.item.method
    found = ctx.explain.phrase("method_found", value=method or "?")
    if method is None:
        return LeafResult(leaf, UNKNOWN, found, [], "missing")
    return LeafResult(leaf, HELD if method in leaf.value else FAILED, found)


EVALUATORS: dict[str, Callable[[s.Leaf, ItemContext], LeafResult]] = {
    "alteration": _alteration,
    "her2": _her2,
    "msi": _msi,
    "hormone_receptor": _hr,
    "pdl1.tps": _pdl1,
    "pdl1.cps": _pdl1,
    "histology": _histology,
    "stage.group": _stage,
    "setting": _setting,
    "line": _line,
    "prior_therapy": _prior_therapy,
    "treatment.months": _treatment_months,
    "test.method": _method,
}


# ---------------------------------------------------------------- trees


@dataclass
class TreeResult:
    state: str
    leaves: list[LeafResult]
    blamed: list[LeafResult]  # the leaves that explain the state (failed or unknown ones)


def evaluate_leaf(leaf: s.Leaf, ctx: ItemContext) -> LeafResult:
    key = (leaf.var, leaf.op, repr(leaf.value), tuple(leaf.accept), tuple(leaf.uncertain), tuple(leaf.methods))
    if key not in ctx.cache:
        ctx.cache[key] = EVALUATORS[leaf.var](leaf, ctx)
    return ctx.cache[key]


def _negate(state: str) -> str:
    return {HELD: FAILED, FAILED: HELD, UNKNOWN: UNKNOWN}[state]


def evaluate(node: s.Condition, ctx: ItemContext) -> TreeResult:
    """Kleene three-valued logic over the tree; ``blamed`` holds the leaves behind a non-held state."""
    if isinstance(node, s.Leaf):
        result = evaluate_leaf(node, ctx)
        return TreeResult(result.state, [result], [] if result.state == HELD else [result])
    if isinstance(node, s.NotOf):
        inner = evaluate(node.not_, ctx)
        state = _negate(inner.state)
        return TreeResult(state, inner.leaves, [] if state == HELD else inner.leaves)
    children = [evaluate(c, ctx) for c in (node.all if isinstance(node, s.AllOf) else node.any)]
    leaves = [leaf for c in children for leaf in c.leaves]
    states = [c.state for c in children]
    if isinstance(node, s.AllOf):
        state = FAILED if FAILED in states else UNKNOWN if UNKNOWN in states else HELD
        blamed = [b for c in children if c.state == state for b in c.blamed] if state != HELD else []
    else:
        state = HELD if HELD in states else UNKNOWN if UNKNOWN in states else FAILED
        blamed = [b for c in children for b in c.blamed] if state != HELD else []
    return TreeResult(state, leaves, blamed)
