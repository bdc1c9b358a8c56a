"""Builds a planned case: the facts, every document's content and gold, the claim and its gold decisions."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace

from review_engine.corpus import vocab
from review_engine.corpus.case import (
    Case,
    Profile,
    VariantFact,
    other_patient,
    sample_patient,
    sample_vaf,
    sample_vus,
)
from review_engine.corpus.layout import Report
from review_engine.corpus.layouts import genetic, ihc, pathology
from review_engine.corpus.layouts.common import DocContext, roman, tnm_text
from review_engine.corpus.plan import CasePlan, DocPlan
from review_engine.corpus.staging import sample_stage
from review_engine.domain import DocumentFindings, most_severe
from review_engine.settings import get_settings

FIRST_SERVICE_DAY = dt.date(2026, 1, 5)
SERVICE_DAYS = 300
STAGE_PREFIX = {"advanced": "c", "locally_advanced": "c"}
"""Advanced disease is staged clinically; resected bands carry the pathological prefix."""


@dataclass
class BuiltDoc:
    plan: DocPlan
    report: Report
    gold: DocumentFindings
    title: str


@dataclass
class BuiltCase:
    plan: CasePlan
    case: Case
    docs: list[BuiltDoc]
    claim: dict
    gold: dict


def build_case(plan: CasePlan, seed: int) -> BuiltCase:
    rng = random.Random(f"build/{seed}/{plan.index}")
    case = _facts(rng, plan)
    docs = [_document(rng, plan, case, d) for d in plan.docs]
    claim = _claim(rng, plan, case, docs)
    return BuiltCase(plan, case, docs, claim, _gold(plan, claim, docs))


# ------------------------------------------------------------------ facts


def _facts(rng: random.Random, plan: CasePlan) -> Case:
    sc = plan.scenario
    names = vocab.load("names")[plan.language]
    service = FIRST_SERVICE_DAY + dt.timedelta(days=rng.randint(0, SERVICE_DAYS))
    sex = "F" if vocab.cancer(sc["cancer"])["site"] == "breast" else None
    patient = sample_patient(rng, plan.language, sex, service)
    stage = sample_stage(rng, sc["cancer"], sc["stage_band"], STAGE_PREFIX.get(sc["stage_band"], "p"))
    return Case(plan.case_id, plan.language, sc["cancer"], patient, stage, _profile(rng, sc), service,
                rng.choice(names["hospitals"]), rng.choice(vocab.cancer(sc["cancer"])[plan.language]["departments"]),
                rng.choice(names["doctors"]))


def _profile(rng: random.Random, sc: dict) -> Profile:
    groups = vocab.load("variants")["groups"]
    cancer = vocab.cancer(sc["cancer"])
    variants = [_fact(rng, rng.choice(groups[g])) for g in ([sc["driver"]] if sc.get("driver") else []) + (sc.get("extra_drivers") or [])]
    if rng.random() < 0.4:
        taken = {v.data()["gene"] for v in variants}
        options = [k for k in groups["co_mutations"] if vocab.alteration(k)["gene"] not in taken]
        variants.append(_fact(rng, rng.choice(options)))
    excluded = set(cancer["key_genes"])
    vus = [sample_vus(rng, rng.choice([g for g in vocab.load("variants")["vus_genes"] if g not in excluded])) for _ in range(rng.choice([0, 0, 1, 2]))]
    if "egfr_vus" in (sc.get("modifiers") or []):
        vus.insert(0, sample_vus(rng, "EGFR"))
    profile = Profile(variants=variants, vus=vus, tmb=round(rng.uniform(0.5, 16.0), 1))
    _immune(rng, profile, cancer["site"])
    _receptors(rng, profile, sc)
    return profile


def _fact(rng: random.Random, key: str) -> VariantFact:
    d = vocab.alteration(key)
    if d["kind"] == "cnv":
        return VariantFact(key, copy_number=round(rng.uniform(5.0, 16.0), 1) if d["alteration"] == "amplification" else None)
    return VariantFact(key, vaf=sample_vaf(rng))


def _immune(rng: random.Random, profile: Profile, site: str) -> None:
    if site == "colorectum" and rng.random() < 0.08:
        profile.msi, profile.mmr, profile.tmb = "MSI-H", "dMMR", round(rng.uniform(20, 60), 1)
    profile.pdl1_tps = float(rng.choice([0, 1, 5, 10, 30, 50, 60, 80, 90]))
    profile.pdl1_cps = float(rng.choice([0, 1, 3, 5, 10, 15, 20]))
    profile.pdl1_clone = rng.choice(["22C3", "22C3", "SP263", "28-8"])


def _receptors(rng: random.Random, profile: Profile, sc: dict) -> None:
    her2 = rng.choice(sc.get("her2") or ["0", "1+", "1+", "3+"])
    profile.her2_ihc, _, fish = her2.partition("/")
    profile.her2_fish = fish or None
    profile.er = float(rng.choice([0, 5, 60, 80, 90, 95]))
    profile.pr = float(rng.choice([0, 10, 30, 50, 70]))
    profile.ki67 = float(rng.choice([5, 10, 15, 20, 30, 40, 60]))


# ------------------------------------------------------------------ documents


def _document(rng: random.Random, plan: CasePlan, case: Case, doc: DocPlan) -> BuiltDoc:
    mods = plan.scenario.get("modifiers") or []
    patient = case.patient
    if doc.kind == "genetic_report" and "genetic_report_other_patient" in mods:
        patient = other_patient(rng, patient, case.service_date)
    back = rng.randint(3, 40) if doc.kind == "genetic_report" else rng.randint(15, 90)
    ctx = DocContext(case=case, doc_id=doc.doc_id, kind=doc.kind, rng=rng, patient=patient,
                     report_date=case.service_date - dt.timedelta(days=back), specimen=plan.scenario.get("specimen"))
    report, gold = _content(ctx, plan, doc.role, mods)
    if plan.urgent and plan.urgent_via != "claim" and doc.role == "pathology":
        _critical_note(ctx, report, gold)
    title = next((b.text for b in report.blocks if hasattr(b, "subtitle")), doc.role)
    return BuiltDoc(doc, report, gold, title)


def _critical_note(ctx: DocContext, report: Report, gold: DocumentFindings) -> None:
    """Critical wording on the pathology report (危重 / critical): priority urgent, decision unchanged."""
    from review_engine.corpus.layout import Paragraph, Seg, cell

    words = ctx.words["critical"]
    prefix = ctx.words["phrases"]["critical_prefix"]
    report.blocks.insert(len(report.blocks) - 1, Paragraph(cell(prefix, Seg(ctx.rng.choice(words), "CRITICAL"))))
    gold.critical = True


def _content(ctx: DocContext, plan: CasePlan, role: str, mods: list[str]) -> tuple[Report, DocumentFindings]:
    case = ctx.case
    profile = case.profile
    if role == "genetic_pcr":
        return genetic.build_pcr(ctx, profile, case.cancer["pcr_kit"])
    if role.startswith("genetic_ngs"):
        if role == "genetic_ngs_negative":
            profile = replace(profile, variants=[v for v in profile.variants if v.data()["gene"] != "EGFR"])
        explicit = ["EGFR_T790M"] if "prior_tki_history" in mods and "EGFR_T790M" not in {v.key for v in profile.variants} else []
        return genetic.build_ngs(ctx, profile, _panel(ctx.rng, case, large=role.endswith("large")), explicit)
    if role == "ihc":
        return ihc.build_ihc(ctx, profile)
    return _pathology(ctx, plan, mods)


def _panel(rng: random.Random, case: Case, large: bool) -> dict:
    limit = get_settings().policy.panel_size_limit  # the policy's limit splits "small" from "large" panels
    panels = [p for p in vocab.load("panels")["ngs_panels"]
              if case.cancer["site"] in p["for"] and (p["size"] > limit) == large]
    return rng.choice(panels)


def _pathology(ctx: DocContext, plan: CasePlan, mods: list[str]) -> tuple[Report, DocumentFindings]:
    if "pathology_other_organ" in mods:
        other = replace(ctx.case, cancer_key="breast_idc", stage=sample_stage(ctx.rng, "breast_idc", "resected", "p"))
        return pathology.build_surgical(replace(ctx, case=other))
    if plan.scenario["stage_band"] in ("advanced", "locally_advanced"):
        return pathology.build_biopsy(ctx, clinical_stage=plan.stage_source in ("doc", "both"))
    if ctx.lang == "en" and ctx.rng.random() < 0.5:
        return pathology.build_synoptic(ctx)
    return pathology.build_surgical(ctx)


# ------------------------------------------------------------------ claim


def _claim(rng: random.Random, plan: CasePlan, case: Case, docs: list[BuiltDoc]) -> dict:
    p = case.patient
    return {
        "claim_id": plan.claim_id,
        "patient": {"id": p.hospital_id, "name": p.name, "sex": p.sex, "birth_date": p.birth_date.isoformat()},
        "diagnosis": {"icd10": [rng.choice(case.cancer["icd10"])], "text": _diagnosis_text(plan, case)},
        "provider": {"id": f"H-{rng.randint(100, 9999):04d}", "name": case.hospital},
        "service_date": case.service_date.isoformat(),
        "urgent": plan.urgent and plan.urgent_via != "document",
        "items": [_item(rng, plan, case, docs, spec, i) for i, spec in enumerate(plan.scenario["items"], 1)],
        "documents": [{"doc_id": d.plan.doc_id, "kind": d.plan.kind, "path": f"docs/{d.plan.doc_id}"} for d in docs],
        "history": _history(rng, plan, case, docs),
    }


def _diagnosis_text(plan: CasePlan, case: Case) -> str:
    c = case.cancer[plan.language]
    with_stage = plan.stage_source in ("claim", "both")
    ctx = DocContext(case=case, doc_id="claim", kind="claim", rng=random.Random(plan.index), patient=case.patient,
                     report_date=case.service_date, choices={"roman": "ascii"})
    st = case.stage
    if plan.language == "zh":
        text = c["site"][0] + c["dx_hist"]
        return text + (f" {roman(ctx, st.group)}期（{tnm_text(ctx, st)}）" if with_stage else "")
    text = f"{c['dx_hist'].capitalize()} of {c['site'][0]}"
    return text + (f", stage {st.group} ({tnm_text(ctx, st)})" if with_stage else "")


def _item(rng: random.Random, plan: CasePlan, case: Case, docs: list[BuiltDoc], spec: dict, index: int) -> dict:
    lang = plan.language
    if spec["kind"] == "drug":
        drug = vocab.load("scenarios")["drugs"][spec["drug"]]
        item = {"item_id": str(index), "kind": "drug", "name": drug[lang], "drug": spec["drug"], "amount": drug["amount"]}
        for key in ("line", "setting"):
            if spec.get(key) is not None:
                item[key] = spec[key]
        return item
    method, genes, size = _test_scope(case, docs, spec)
    template = vocab.load("scenarios")["tests"][method]
    item = {"item_id": str(index), "kind": "test", "method": method, "genes": genes,
            "name": template[lang].format(genes="/".join(genes), size=size), "amount": template["amount"]}
    if size:
        item["panel_size"] = size
    return item


def _test_scope(case: Case, docs: list[BuiltDoc], spec: dict) -> tuple[str, list[str], int | None]:
    if not spec.get("from_genetic"):
        return spec["method"], list(spec["genes"]), None
    gen = next(d for d in docs if d.plan.kind == "genetic_report")
    if gen.gold.report.method == "PCR":
        return "PCR", list(gen.gold.genes_tested), None
    size = gen.gold.report.panel_size
    genes = list(gen.gold.genes_tested) if size and size <= 12 else []
    return "NGS", genes, size


def _history(rng: random.Random, plan: CasePlan, case: Case, docs: list[BuiltDoc]) -> list[dict]:
    mods = plan.scenario.get("modifiers") or []
    out = []
    if "prior_tki_history" in mods:
        when = case.service_date - dt.timedelta(days=rng.randint(300, 540))
        out.append({"claim_id": f"C-2025-{rng.randint(10000, 99999)}", "service_date": when.isoformat(), "decision": "approve",
                    "items": [{"item_id": "1", "kind": "test", "method": "PCR", "genes": ["EGFR"], "result_status": "detected"},
                              {"item_id": "2", "kind": "drug", "drug": rng.choice(["gefitinib", "erlotinib", "icotinib"]), "line": 1}]})
    if "recent_same_test_history" in mods:
        method, genes, size = _test_scope(case, docs, {"from_genetic": True})
        when = case.service_date - dt.timedelta(days=rng.randint(30, 150))
        item = {"item_id": "1", "kind": "test", "method": method, "genes": genes, "result_status": "detected"}
        if size:
            item["panel_size"] = size
        out.append({"claim_id": f"C-2026-{rng.randint(10000, 99999)}", "service_date": when.isoformat(),
                    "decision": "approve", "items": [item]})
    return out


# ------------------------------------------------------------------ gold


def _gold(plan: CasePlan, claim: dict, docs: list[BuiltDoc]) -> dict:
    items = {str(i): {"decision": spec["expect"], "codes": list(spec["codes"])} for i, spec in enumerate(plan.scenario["items"], 1)}
    return {
        "decision": most_severe([v["decision"] for v in items.values()]),
        "priority": "urgent" if plan.urgent else "normal",
        "items": items,
        "findings": {d.plan.doc_id: d.gold.model_dump(mode="json") for d in docs if not d.plan.unreadable},
        "unreadable_documents": [d.plan.doc_id for d in docs if d.plan.unreadable],
        "scenario": plan.scenario["id"],
        "language": plan.language,
    }
