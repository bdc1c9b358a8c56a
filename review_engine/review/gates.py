"""The policy's gates in order (POLICY section 3): 1 documents readable, 2 same patient,
3 same disease, 4 known item, 5 confidence, 6 consistency. Gates 4-6 act inside the rule
evaluation (``rules.py``): NO_RULE, LOW_CONFIDENCE and CONFLICTING_FINDINGS come from there.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from review_engine.domain import Claim, DocumentFindings, Evidence, most_severe
from review_engine.errors import ReasonCode
from review_engine.knowledge_graph import KnowledgeGraph
from review_engine.review.claim_text import parse_diagnosis
from review_engine.review.explain import Explainer
from review_engine.review.facts import canonical_histology, icd_categories
from review_engine.review.verdict import Verdict
from review_engine.settings import PolicySettings

NO_FINDINGS = "no findings were produced for this document"


@dataclass(frozen=True)
class DocumentProblem:
    doc_id: str
    kind: str
    problem: str


# ---------------------------------------------------------------- gate 1


def unreadable_documents(claim: Claim, findings: list[DocumentFindings], unreadable: dict[str, str],
                         policy: PolicySettings) -> dict[str, DocumentProblem]:
    """Documents that could not be read at all, or whose OCR is below the calibrated thresholds."""
    kinds = {d.doc_id: d.kind for d in claim.documents}
    problems = {doc_id: DocumentProblem(doc_id, kinds.get(doc_id, "auto"), text) for doc_id, text in unreadable.items()}
    # A document the claim lists but nothing was read from counts as unreadable: absence of findings
    # must never look like a clean document.
    read = {f.doc_id for f in findings}
    for doc_id, kind in kinds.items():
        if doc_id not in read and doc_id not in problems:
            problems[doc_id] = DocumentProblem(doc_id, kind, NO_FINDINGS)
    for f in findings:
        if f.doc_id in problems:
            continue
        reasons = []
        if f.ocr.mean_confidence < policy.min_document_confidence:
            reasons.append(f"mean OCR confidence {f.ocr.mean_confidence:.2f} < {policy.min_document_confidence:.2f}")
        # Density measures legibility of OCR'd pages; a short text layer or text file is just short.
        sparse = f.ocr.chars_per_page is not None and f.ocr.chars_per_page < policy.min_chars_per_page
        if sparse and f.ocr.recognised_from_pixels:
            reasons.append(f"{f.ocr.chars_per_page:.0f} characters per page < {policy.min_chars_per_page:.0f}")
        if reasons:
            kind = f.kind if f.kind != "auto" else kinds.get(f.doc_id, "auto")
            problems[f.doc_id] = DocumentProblem(f.doc_id, kind, "; ".join(reasons))
    return problems


def readability_gate(item_kind: str, item_label: str, problems: dict[str, DocumentProblem],
                     graph: KnowledgeGraph, ex: Explainer) -> Verdict | None:
    """Route the item if it needs an unreadable document; otherwise note the document without effect."""
    if not problems:
        return None
    needed_kinds = set(graph.raw.vocabulary.item_needs.get(item_kind, []))
    verdict = Verdict("approve")
    for p in problems.values():
        needed = p.kind in needed_kinds
        needs = ex.phrase("unreadable_needed" if needed else "unreadable_not_needed")
        verdict.reasons.append(ex.policy_reason("documents_readable", ReasonCode.DOCUMENT_UNREADABLE, item=item_label, found=p.doc_id,
                                         detail=p.problem, needs=needs))
        if needed:
            verdict.decision = "route_mdt"
            verdict.missing.append(ex.missing("readable_copy", p.doc_id))
    return verdict


# ---------------------------------------------------------------- gate 2


def normalise_identity(value: str | None) -> str | None:
    """Compare names and IDs after NFKC (full-width -> ASCII), removing spaces, and case-folding."""
    if value is None:
        return None
    text = "".join(unicodedata.normalize("NFKC", value).split()).casefold()
    return text or None


def _name_parts(value: str | None) -> list[str]:
    return [p for p in re.split(r"[\s,，.·•]+", unicodedata.normalize("NFKC", value or "").casefold()) if p]


def same_name(claimed: str | None, reported: str | None) -> bool | None:
    """Names compared as ``normalise_identity`` compares them, and also with their parts in any order and
    without punctuation: 'ZHANG, WEI' and 'Wei Zhang' are 'Zhang Wei' (surname first or last, a comma after
    it); 'Zhangwei' stays 'Zhang Wei'. None where either is missing."""
    a, b = _name_parts(claimed), _name_parts(reported)
    if not a or not b:
        return None
    return "".join(a) == "".join(b) or sorted(a) == sorted(b)


def _compare(claimed: str | None, reported: str | None) -> bool | None:
    a, b = normalise_identity(claimed), normalise_identity(reported)
    return None if a is None or b is None else a == b


def _identity_evidence(f: DocumentFindings, keys: list[str]) -> list[Evidence]:
    return [f.field_evidence[k].model_copy(update={"doc_id": f.doc_id}) for k in keys if k in f.field_evidence]


def patient_gate(claim: Claim, findings: list[DocumentFindings], ex: Explainer, policy: PolicySettings,
                 item_label: str) -> Verdict | None:
    """Flag when a report's name and ID both differ; route when one differs and the other is absent or matches,
    and when a report gives neither (PATIENT_UNVERIFIED)."""
    verdict = Verdict("approve")
    claimed = " / ".join(x for x in (claim.patient.name, claim.patient.id) if x)
    for f in findings:
        name_ok = same_name(claim.patient.name, f.patient.name)
        id_ok = _compare(claim.patient.id, f.patient.id)
        if (name_ok, id_ok) == (None, None) and claimed:
            # POLICY gate 2 speaks only of identities that differ. A report naming nobody could be anyone's
            # (a redacted copy, a header OCR lost): it must not carry an approval unseen.
            verdict.reasons.append(ex.policy_reason("same_patient", ReasonCode.PATIENT_UNVERIFIED, item=item_label,
                                                    found=ex.phrase("patient_unnamed", doc=f.doc_id), needs=claimed))
            verdict.decision = most_severe([verdict.decision, "route_mdt"])
            verdict.missing.append(ex.missing("patient_identity"))
            continue
        if False not in (name_ok, id_ok):
            continue
        decision = "flag" if (name_ok, id_ok) == (False, False) else "route_mdt"
        evidence = _identity_evidence(f, ["patient.name", "patient.id"])
        if decision == "flag" and any(e.confidence < policy.min_finding_confidence for e in evidence):
            decision = "route_mdt"  # a weakly read name cannot prove another patient (gate 5)
        parts = [ex.phrase("patient_name", doc=f.doc_id, value=f.patient.name)] if name_ok is False else []
        parts += [ex.phrase("patient_id", doc=f.doc_id, value=f.patient.id)] if id_ok is False else []
        verdict.reasons.append(ex.policy_reason("same_patient", ReasonCode.PATIENT_MISMATCH, item=item_label, found=ex.join(parts),
                                         needs=claimed))
        verdict.evidence += evidence
        verdict.decision = most_severe([verdict.decision, decision])
        if decision == "route_mdt":
            verdict.missing.append(ex.missing("patient_identity"))
    return verdict if verdict.reasons else None


# ---------------------------------------------------------------- gate 3


def claim_sites(claim: Claim, graph: KnowledgeGraph) -> set[str]:
    """Organ sites the claim's diagnosis names: ICD-10 categories (not secondary codes), else its text."""
    secondary = set(graph.raw.cancers.secondary_icd10)
    sites = {site for c in icd_categories(claim.diagnosis.icd10) if c not in secondary
             for cancer in graph.icd_to_cancers.get(c, []) for site in graph.raw.cancers.cancers[cancer].sites}
    return sites or set(parse_diagnosis(claim.diagnosis.text, graph).sites)


def _report_sites(f: DocumentFindings, graph: KnowledgeGraph) -> list[tuple[str, str, str]]:
    """(site, what the report said, field) pairs a report commits to as the primary."""
    out = []
    if f.primary_site:
        out.append((f.primary_site.strip().lower(), f.primary_site, "primary_site"))
    term = canonical_histology(f.histology, graph)
    for site in graph.raw.cancers.histologies[term].sites if term else []:
        out.append((site, f.histology or "", "histology"))
    return out


def disease_gate(claim: Claim, findings: list[DocumentFindings], graph: KnowledgeGraph, ex: Explainer,
                 policy: PolicySettings, item_label: str) -> Verdict | None:
    """Flag DIAGNOSIS_MISMATCH when a report's primary site or histology names another organ."""
    sites = claim_sites(claim, graph)
    if not sites:
        return None
    verdict = Verdict("approve")
    for f in findings:
        said = [(site, text, field) for site, text, field in _report_sites(f, graph) if site not in sites]
        implied = {site for site, _, field in _report_sites(f, graph) if field == "histology"}
        if not said or (implied and implied & sites):
            continue
        evidence = _identity_evidence(f, sorted({field for _, _, field in said}))
        weak = any(e.confidence < policy.min_finding_confidence for e in evidence)
        verdict.decision = "route_mdt" if weak and verdict.decision != "flag" else "flag"
        found = ex.phrase("site_found", doc=f.doc_id, value=", ".join(dict.fromkeys(t for _, t, _ in said)))
        claimed = ", ".join(claim.diagnosis.icd10) or (claim.diagnosis.text or "")
        verdict.reasons.append(ex.policy_reason("same_disease", ReasonCode.DIAGNOSIS_MISMATCH, item=item_label, found=found, needs=claimed))
        verdict.evidence += evidence
        if weak:
            verdict.missing.append(ex.missing("confirmation", found))
    return verdict if verdict.reasons else None
