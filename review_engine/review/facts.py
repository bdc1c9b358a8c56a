"""What the claim's documents (and, for diagnosis, line and history, the claim itself) establish
about the patient: cancer, histology, stage, with where each fact was read.

Biomarkers are not gathered here: condition evaluators read them from the reports directly, never
from claim text (POLICY section 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from review_engine.domain import Claim, DocumentFindings, Evidence
from review_engine.knowledge_graph import KnowledgeGraph
from review_engine.review.claim_text import ClaimDiagnosis, parse_diagnosis
from review_engine.stage_tables import stage_candidates


@dataclass(frozen=True)
class Observed:
    """A value and where it came from (doc_id None = the claim's own fields)."""

    value: Any
    doc_id: str | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True)
class StageFact:
    lo: int | None
    hi: int | None
    words: frozenset[str]
    label: str
    source: Observed
    provisional: bool = False
    """Given as not yet established ('IV期（待排）'): it can neither prove nor refute a stage condition."""


@dataclass(frozen=True)
class Disagreement:
    """Readings of one fact that cannot all be true, each with the document it was read in (None: the claim)."""

    readings: tuple[tuple[str, str | None], ...]
    evidence: list[Evidence]


@dataclass
class PatientFacts:
    claim: Claim
    findings: list[DocumentFindings]
    diagnosis: ClaimDiagnosis
    cancer: str | None
    histology: Observed | None
    stage: StageFact | None
    conflicts: dict[str, Disagreement] = field(default_factory=dict)
    site_evidence: list[Evidence] = field(default_factory=list)


def icd_categories(codes: list[str]) -> list[str]:
    return [code.strip().upper().replace(".", "")[:3] for code in codes if code.strip()]


def canonical_histology(text: str | None, graph: KnowledgeGraph) -> str | None:
    """The vocabulary term for a histology string (exact term, else the longest synonym it contains)."""
    if not text:
        return None
    key = text.strip().lower()
    if key in graph.raw.cancers.histologies:
        return key
    hits = [(len(t), term) for term, h in graph.raw.cancers.histologies.items() for t in h.terms if t.lower() in key]
    return max(hits)[1] if hits else None


def _cancer_from(candidates: list[str], histology: str | None, graph: KnowledgeGraph) -> str | None:
    cancers = graph.raw.cancers.cancers
    by_histology = [c for c in candidates if histology and histology in cancers[c].requires_histology]
    plain = [c for c in candidates if not cancers[c].requires_histology]
    chosen = by_histology or plain or candidates
    return chosen[0] if chosen else None


def resolve_cancer(claim: Claim, findings: list[DocumentFindings], histology: str | None,
                   diagnosis: ClaimDiagnosis, graph: KnowledgeGraph) -> str | None:
    """Cancer id from the claim's ICD-10 codes, else its diagnosis text, else the reports' primary site."""
    secondary = set(graph.raw.cancers.secondary_icd10)
    categories = [c for c in icd_categories(claim.diagnosis.icd10) if c not in secondary]
    candidates = [cancer for c in categories for cancer in graph.icd_to_cancers.get(c, [])]
    if not candidates:
        sites = list(diagnosis.sites) + [f.primary_site for f in findings if f.primary_site]
        candidates = [cancer for site in sites for cancer in graph.site_to_cancers.get(site, [])]
    return _cancer_from(candidates, histology, graph)


def _histology(findings: list[DocumentFindings], diagnosis: ClaimDiagnosis,
               graph: KnowledgeGraph) -> tuple[Observed | None, Disagreement | None]:
    seen: list[Observed] = []
    for f in sorted(findings, key=lambda f: f.kind != "pathology_report"):
        term = canonical_histology(f.histology, graph)
        if term:
            seen.append(Observed(term, f.doc_id, _with_doc(f.field_evidence.get("histology"), f.doc_id)))
    conflict = None
    if _incompatible([o.value for o in seen], graph):
        conflict = Disagreement(tuple((o.value, o.doc_id) for o in seen), [o.evidence for o in seen if o.evidence])
    if seen:
        return seen[0], conflict
    return (Observed(diagnosis.histology) if diagnosis.histology else None), None


def _incompatible(terms: list[str], graph: KnowledgeGraph) -> bool:
    """Two histologies contradict when neither's groups contain the other's (mucinous adenocarcinoma
    refines adenocarcinoma; squamous cell carcinoma contradicts it)."""
    groups = [graph.histology_groups.get(t, set()) for t in dict.fromkeys(terms)]
    return any(not (a <= b or b <= a) for i, a in enumerate(groups) for b in groups[i + 1:])


def _with_doc(evidence: Evidence | None, doc_id: str) -> Evidence | None:
    return evidence.model_copy(update={"doc_id": doc_id}) if evidence is not None else None


def stage_interval(label: str | None, graph: KnowledgeGraph) -> tuple[int, int] | None:
    if not label:
        return None
    label = label.strip().upper().replace("STAGE", "").strip()
    rank = graph.stage_rank
    if label in rank:
        return rank[label], rank[label]
    if label in graph.raw.stages.coarse:
        lo, hi = graph.raw.stages.coarse[label]
        return rank[lo], rank[hi]
    return None


def stage_from_tnm(t: str | None, n: str | None, m: str | None, table_name: str,
                   graph: KnowledgeGraph) -> tuple[int, int] | None:
    """Stage interval from T/N/M with the cancer's AJCC table (``review_engine/stage_tables.py``, the
    same rows the report reader derives from; GUIDELINE_FACTS 4.3). M1 needs no T/N. A category
    less specific than the table (T2 for T2a/T2b) gives the interval of every group it can be."""
    metastatic = bool(m and m.upper().startswith("M1"))
    if not metastatic and not (t and n and m and m.upper() == "M0"):
        return None
    m_category = f"M{m[1:]}" if m else None
    stages = stage_candidates(table_name, None if metastatic else t, None if metastatic else n, m_category)
    intervals = [i for i in (stage_interval(s, graph) for s in stages) if i is not None]
    return (min(i[0] for i in intervals), max(i[1] for i in intervals)) if intervals else None


def _doc_stage(f: DocumentFindings, table: str, graph: KnowledgeGraph) -> tuple[StageFact | None, Disagreement | None]:
    """A report's stage, and its disagreement with itself: a stage group outside the group its own T, N and M
    give ('pT2aN0M0 IA期': T2a N0 M0 is IB). The stated group was taken alone, and it decides adjuvant drugs
    (osimertinib: IB to IIIA). A derived group is checked too: categories read from two runs (a clinical and
    a pathologic one) can disagree with the group derived from one of them."""
    st = f.staging
    stated = stage_interval(st.stage, graph)
    derived = stage_from_tnm(st.t, st.n, st.m, table, graph)
    interval = stated or derived
    if interval is None:
        return None, None
    evidence = f.field_evidence.get("staging.stage") or f.field_evidence.get("staging.m") or f.field_evidence.get("staging.t")
    tnm = " ".join(x for x in (st.t, st.n, st.m) if x)
    label = st.stage or tnm
    if st.stage_provisional:
        evidence = f.field_evidence.get("staging.stage_provisional") or evidence
    fact = StageFact(interval[0], interval[1], frozenset(), label, Observed(label, f.doc_id, _with_doc(evidence, f.doc_id)),
                     st.stage_provisional)
    if stated is None or derived is None or not (stated[1] < derived[0] or stated[0] > derived[1]):
        return fact, None
    shown = [_with_doc(f.field_evidence[k], f.doc_id) for k in ("staging.stage", "staging.t") if k in f.field_evidence]
    return fact, Disagreement(((st.stage, f.doc_id), (tnm, f.doc_id)), shown)


def _rival_stages(f: DocumentFindings, graph: KnowledgeGraph) -> list[StageFact]:
    """The other stage groups a report gives as trusted as the one kept ('IB期' and 'IV期'): each a reading
    the decision weighs as another report's (``rival_values``)."""
    evidence = _with_doc(f.field_evidence.get("staging.stage"), f.doc_id)
    facts = []
    for label in f.rival_values.get("staging.stage", []):
        interval = stage_interval(label, graph)
        if interval is not None:
            facts.append(StageFact(interval[0], interval[1], frozenset(), label, Observed(label, f.doc_id, evidence)))
    return facts


def _claim_stage(diagnosis: ClaimDiagnosis, table: str, graph: KnowledgeGraph) -> StageFact | None:
    interval = stage_interval(diagnosis.stage, graph)
    if interval is None and diagnosis.tnm:
        interval = stage_from_tnm(*diagnosis.tnm, table, graph)
    words = diagnosis.stage_words
    if interval is None:
        bounds = [graph.raw.stages.words[w].interval for w in words if graph.raw.stages.words[w].interval]
        if bounds:
            interval = (min(graph.stage_rank[b[0]] for b in bounds), max(graph.stage_rank[b[1]] for b in bounds))
    if interval is None and not words:
        return None
    label = diagnosis.stage or (" ".join(diagnosis.tnm) if diagnosis.tnm else "/".join(sorted(words)))
    lo, hi = interval if interval else (None, None)
    return StageFact(lo, hi, frozenset(words), label, Observed(label), diagnosis.stage_provisional)


def _stage(findings: list[DocumentFindings], diagnosis: ClaimDiagnosis, table: str,
           graph: KnowledgeGraph) -> tuple[StageFact | None, Disagreement | None]:
    read = [_doc_stage(f, table, graph) for f in findings]
    # the reports' own stages first (the first settled one decides), then the others some report also gives
    docs = [fact for fact, _ in read if fact is not None] + [r for f in findings for r in _rival_stages(f, graph)]
    own = next((d for _, d in read if d is not None), None)
    claimed = _claim_stage(diagnosis, table, graph)
    if not docs:
        return claimed, None
    # The document wins; a claim stage outside the document's interval is a disagreement to route, and so is
    # a report's stage against its own TNM (that one is named first). A report's settled stage comes before
    # another's provisional one.
    docs.sort(key=lambda d: d.provisional)
    doc = docs[0]
    conflict = None
    if claimed and claimed.lo is not None and (claimed.hi < doc.lo or claimed.lo > doc.hi):
        conflict = Disagreement(((doc.label, doc.source.doc_id), (claimed.label, None)),
                                [doc.source.evidence] if doc.source.evidence else [])
    others = [d for d in docs[1:] if d.hi < doc.lo or d.lo > doc.hi]
    if others:
        conflict = Disagreement(tuple((d.label, d.source.doc_id) for d in [doc, *others]),
                                [d.source.evidence for d in [doc, *others] if d.source.evidence])
    words = claimed.words if claimed else frozenset()
    return StageFact(doc.lo, doc.hi, words, doc.label, doc.source, doc.provisional), own or conflict


def gather_facts(claim: Claim, findings: list[DocumentFindings], graph: KnowledgeGraph) -> PatientFacts:
    """Patient facts from the readable findings and the claim's diagnosis fields."""
    diagnosis = parse_diagnosis(claim.diagnosis.text, graph)
    histology, histology_conflict = _histology(findings, diagnosis, graph)
    cancer = resolve_cancer(claim, findings, histology.value if histology else None, diagnosis, graph)
    table = graph.raw.cancers.cancers[cancer].stage_table if cancer else "default"
    stage, stage_conflict = _stage(findings, diagnosis, table, graph)
    conflicts = {}
    if histology_conflict:
        conflicts["histology"] = histology_conflict
    if stage_conflict:
        conflicts["stage.group"] = stage_conflict
    site_evidence = [_with_doc(f.field_evidence[key], f.doc_id) for f in findings
                     for key in ("primary_site", "histology") if key in f.field_evidence]
    return PatientFacts(claim, findings, diagnosis, cancer, histology, stage, conflicts, site_evidence)
