"""Read biomarker states from reports: alteration classes per gene, HER2, MSI/MMR, ER/PR, PD-L1.

Each reader returns per-document observations; the condition layer combines them (and
notices when documents disagree).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from functools import lru_cache

from pydantic import BaseModel

from review_engine.domain import METHOD_IHC, DocumentFindings, Evidence, Variant
from review_engine.knowledge_graph import KnowledgeGraph
from review_engine.knowledge_graph.schema import AlterationClass

# Per-document state of one gene for one class, strongest first. NEG_PARTIAL: negatives of named changes
# that leave exons the class needs untested ('KRAS G12C not detected' for RAS wild-type).
# ORIGIN_OTHER: a change of the class found, but not with the origin the class needs ('BRCA2 p.X' given as
# somatic, or with no origin, for gBRCA). NEG_LIQUID: a negative from a liquid biopsy (plasma ctDNA), which does
# not exclude the class (alteration_classes.yaml negative_does_not_exclude_specimens). IHC_ONLY: the class read
# by an immunostain only (Variant.method 'IHC': 'BRAF V600E（VE1）（+）') where neither the class (read_by_ihc) nor
# the rule (a leaf's methods) accepts it: positive or negative, a molecular test must settle it.
POS, NEG, NEG_OTHER, NEG_PARTIAL, NEG_LIQUID, IHC_ONLY, VUS, ORIGIN_OTHER, INDETERMINATE, NONE = (
    "pos", "neg", "neg_other", "neg_partial", "neg_liquid", "ihc_only", "vus", "origin_other", "indeterminate", "none")
_STRENGTH = [POS, NEG, NEG_OTHER, NEG_PARTIAL, NEG_LIQUID, IHC_ONLY, VUS, ORIGIN_OTHER, INDETERMINATE, NONE]
_NEGATIVES = frozenset({NEG, NEG_OTHER, NEG_PARTIAL})


@dataclass(frozen=True)
class GeneReading:
    doc_id: str
    gene: str
    state: str
    text: str
    evidence: Evidence | None
    specimen: str | None = None


@lru_cache(maxsize=4096)
def _pattern(p: str) -> re.Pattern:
    return re.compile(p)


def in_class(variant: Variant, cls: AlterationClass) -> bool:
    alteration = (variant.alteration or "").strip()
    if alteration.lower() in {a.lower() for a in cls.alterations}:
        return True
    if any(_pattern(p).search(alteration) for p in cls.patterns):
        return True
    if cls.kinds and variant.kind in cls.kinds and not cls.alterations and not cls.patterns:
        return True
    return bool(cls.exons and variant.exon in cls.exons)


def _evidence(variant: Variant, doc_id: str) -> Evidence | None:
    return variant.evidence.model_copy(update={"doc_id": doc_id}) if variant.evidence else None


def _variant_state(variant: Variant, cls: AlterationClass, generic: set[str]) -> str:
    is_generic = (variant.alteration or "").strip().lower() in generic
    matches = in_class(variant, cls) and not is_generic
    if variant.status == "vus":
        # Only a VUS in the gene proves nothing either way (POLICY 4): it never reads as a negative.
        return VUS
    if variant.status == "indeterminate":
        return INDETERMINATE
    if variant.status == "not_detected":
        if is_generic and variant.exon is not None and variant.exon not in cls.absent_needs_exons:
            # an exon's result names no change: 'BRAF exon 11: no mutation' says nothing of V600E (exon 15), and
            # a class that declares no exons cannot be proved absent by one
            return NONE
        return NEG if matches or is_generic else NONE
    if matches:
        return POS if cls.origin is None or variant.origin == cls.origin else ORIGIN_OTHER
    # A gene reported "mutated" with no change cannot prove or refute a specific class.
    return VUS if is_generic else NEG_OTHER


def read_gene(f: DocumentFindings, gene: str, cls: AlterationClass, graph: KnowledgeGraph,
              methods: Collection[str] = ()) -> GeneReading:
    """The strongest statement one report makes about one gene for one alteration class; a negative of a liquid
    biopsy is NEG_LIQUID (it rules nothing out) unless the class is germline; a reading by immunostain is IHC_ONLY
    unless the class or the rule (``methods``) accepts IHC."""
    reading = _read_gene(f, gene, cls, graph, cls.read_by_ihc or METHOD_IHC in methods)
    specimen = f.report.specimen
    if (reading.state in _NEGATIVES and cls.origin != "germline"
            and specimen in graph.raw.alterations.negative_does_not_exclude_specimens):
        return replace(reading, state=NEG_LIQUID, specimen=specimen)
    return reading


def _read_gene(f: DocumentFindings, gene: str, cls: AlterationClass, graph: KnowledgeGraph,
               ihc_accepted: bool) -> GeneReading:
    generic = {a.lower() for a in graph.raw.alterations.generic_alterations}
    best: GeneReading | None = None
    for variant in f.variants:
        if graph.gene_symbol(variant.gene) != gene:
            continue
        state = _variant_state(variant, cls, generic)
        if variant.method == METHOD_IHC and not ihc_accepted and state in (POS, NEG, NEG_OTHER):
            state = IHC_ONLY
        text = f"{gene} {variant.alteration}".strip()
        reading = GeneReading(f.doc_id, gene, state, text, _evidence(variant, f.doc_id))
        if best is None or _STRENGTH.index(state) < _STRENGTH.index(best.state):
            best = reading
    if best is not None and best.state == NEG_OTHER and cls.acquired:
        best = None  # a sensitizing mutation found before therapy says nothing about T790M now
    tested = {graph.gene_symbol(g) for g in f.genes_tested}
    if best is not None and best.state == NEG and gene not in tested:
        best = _uncovered(f, gene, cls, graph, generic, best)
    if best is not None and best.state != NONE:
        return best
    if gene in tested and not cls.acquired:
        # The report covered the gene and reported nothing in it: a documented negative.
        evidence = f.field_evidence.get("genes_tested")
        return GeneReading(f.doc_id, gene, NEG, gene, evidence.model_copy(update={"doc_id": f.doc_id}) if evidence else None)
    return GeneReading(f.doc_id, gene, NONE, gene, None)


def _uncovered(f: DocumentFindings, gene: str, cls: AlterationClass, graph: KnowledgeGraph, generic: set[str],
               negative: GeneReading) -> GeneReading:
    """The gene's negative reading, or NEG_PARTIAL where the class needs exons (``absent_needs_exons``) that the
    report's negatives leave untested: only a whole-gene negative ('KRAS 未检测到突变') or named changes whose
    exons cover them all ('G12C', 'Q61H', 'A146T' not detected) prove the class absent."""
    if not cls.absent_needs_exons:
        return negative
    negatives = [v for v in f.variants if graph.gene_symbol(v.gene) == gene and v.status == "not_detected"]
    if any((v.alteration or "").strip().lower() in generic and v.exon is None for v in negatives):
        return negative
    covered = {v.exon for v in negatives if v.exon is not None}
    untested = sorted(set(cls.absent_needs_exons) - covered)
    if not untested:
        return negative
    named = ", ".join(sorted({f"{gene} exon {v.exon}" if (v.alteration or "").strip().lower() in generic
                              else f"{gene} {v.alteration}" for v in negatives}))
    return GeneReading(f.doc_id, gene, NEG_PARTIAL, named, negative.evidence)


# The findings fields each category reads, whose rival values (DocumentFindings.rival_values) it weighs.
HER2_FIELDS = ("biomarkers.her2.ihc", "biomarkers.her2.fish")
MSI_FIELDS = ("biomarkers.msi", "biomarkers.mmr")
HR_FIELDS = ("biomarkers.er", "biomarkers.pr")


def with_rivals(f: DocumentFindings, fields: tuple[str, ...]) -> list[DocumentFindings]:
    """The report as read, then as each rival value it also gives for one of ``fields`` would read it: a report
    that gives 'HER2 3+' and, as trusted, '1+' holds both readings, as two reports would (POLICY 3.6)."""
    readings = [f]
    for field in fields:
        for value in f.rival_values.get(field, []):
            try:
                readings.append(_with_value(f, field.split("."), value))
            except ValueError:
                continue  # a rival the contract refuses was never a reading of the report
    return readings


def _with_value(model: BaseModel, path: list[str], value: object) -> BaseModel:
    """``model`` with the field at ``path`` set to ``value``; only the model that holds it is validated again
    (the kept value's range top, ``<field>_upper``, is not the rival's)."""
    head, *rest = path
    if rest:
        return model.model_copy(update={head: _with_value(getattr(model, head), rest, value)})
    data = {**model.model_dump(), head: value}
    data.pop(f"{head}_upper", None)
    return type(model).model_validate(data)


def her2_status(f: DocumentFindings, graph: KnowledgeGraph) -> tuple[str | None, Evidence | None]:
    """HER2 category per ASCO/CAP: positive, low, zero, equivocal (IHC 2+ without ISH) or None."""
    her2 = f.biomarkers.her2
    ev = f.field_evidence.get("biomarkers.her2.fish") or f.field_evidence.get("biomarkers.her2.ihc")
    ev = ev.model_copy(update={"doc_id": f.doc_id}) if ev else None
    amplified = any(graph.gene_symbol(v.gene) == "ERBB2" and v.alteration == "amplification" and v.status == "detected"
                    for v in f.variants)
    if her2.fish == "amplified" or her2.ihc == "3+" or amplified:
        return "positive", ev
    if her2.ihc == "2+":
        return ("low" if her2.fish == "not_amplified" else "equivocal"), ev
    if her2.ihc == "1+":
        return "low", ev
    if her2.ihc == "0" or her2.fish == "not_amplified":
        return "zero", ev
    return None, None


def msi_status(f: DocumentFindings) -> tuple[str | None, Evidence | None]:
    b = f.biomarkers
    ev = f.field_evidence.get("biomarkers.msi") or f.field_evidence.get("biomarkers.mmr")
    ev = ev.model_copy(update={"doc_id": f.doc_id}) if ev else None
    if b.msi == "MSI-H" or b.mmr == "dMMR":
        return "MSI-H", ev
    if b.msi in ("MSS", "MSI-L") or b.mmr == "pMMR":
        return "MSS", ev
    return None, None


def hr_status(f: DocumentFindings) -> tuple[str | None, Evidence | None]:
    b = f.biomarkers
    ev = f.field_evidence.get("biomarkers.er") or f.field_evidence.get("biomarkers.pr")
    ev = ev.model_copy(update={"doc_id": f.doc_id}) if ev else None
    statuses = [r.status for r in (b.er, b.pr) if r is not None and r.status is not None]
    if any(s in ("positive", "low_positive") for s in statuses):
        return "positive", ev
    if statuses:
        return "negative", ev
    return None, None


def pdl1_score(f: DocumentFindings, which: str) -> tuple[float | None, float | None, Evidence | None]:
    """A PD-L1 score ('tps' or 'cps') as (bottom, top, evidence): top is None for one figure, the range's top
    for a range or a floor ('1-49%', '≥1%')."""
    pdl1 = f.biomarkers.pdl1
    ev = f.field_evidence.get(f"biomarkers.pdl1.{which}")
    return getattr(pdl1, which), getattr(pdl1, f"{which}_upper"), (ev.model_copy(update={"doc_id": f.doc_id}) if ev else None)
