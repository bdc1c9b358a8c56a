"""Plain-text renderings of results for people at a terminal (``--format text``)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TypeVar

from pydantic import BaseModel

from review_engine.domain import DocumentFindings, ReviewResult

M = TypeVar("M", bound=BaseModel)


def emit(model: M, fmt: str, as_text: Callable[[M], str]) -> None:
    """Print a result on stdout: the contract's JSON, or the plain-text rendering for people."""
    if fmt == "json":
        json.dump(model.model_dump(mode="json"), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(as_text(model))


def findings_text(f: DocumentFindings) -> str:
    lines = [
        (
            f"document {f.doc_id or '-'}  kind={f.kind}  language={f.language}  "
            f"ocr={f.ocr.engine} pages={f.ocr.pages} mean_confidence={f.ocr.mean_confidence:.2f}"
        ),
    ]
    p = f.patient
    lines.append(f"  patient: name={p.name} id={p.id} sex={p.sex} age={p.age}")
    r = f.report
    lines.append(f"  report: date={r.date} method={r.method} panel_size={r.panel_size} specimen={r.specimen}")
    for v in f.variants:
        where = f" (page {v.evidence.page}, conf {v.evidence.confidence:.2f})" if v.evidence else ""
        partner = f" partner={v.partner}" if v.partner else ""
        vaf = f" vaf={v.vaf}" if v.vaf is not None else ""
        method = f" by {v.method}" if v.method else ""  # 'by IHC': a stain, which most rules do not accept
        germline = " germline" if v.origin == "germline" else ""  # what gBRCA rules ask; somatic is the tumour default
        lines.append(f"  variant: {v.gene} {v.alteration} [{v.status}]{germline}{method}{partner}{vaf}{where}")
    s = f.staging
    if any([s.t, s.n, s.m, s.stage]):
        derived = " (stage derived from TNM)" if s.stage_derived else ""
        derived += " (provisional: not yet established)" if s.stage_provisional else ""
        lines.append(f"  staging: {s.prefix or ''}{s.t or ''} {s.n or ''} {s.m or ''} stage {s.stage}{derived}")
    if f.histology or f.primary_site:
        lines.append(f"  histology: {f.histology}  primary site: {f.primary_site}")
    b = f.biomarkers
    marks = {
        "MSI": b.msi, "MMR": b.mmr, "TMB": b.tmb, "PD-L1 TPS": _score(b.pdl1.tps, b.pdl1.tps_upper),
        "PD-L1 CPS": _score(b.pdl1.cps, b.pdl1.cps_upper),
        "HER2 IHC": b.her2.ihc, "HER2 ISH": b.her2.fish, "ER": b.er and b.er.status,
        "PR": b.pr and b.pr.status, "Ki-67": b.ki67,
    }
    shown = [f"{k}={v}" for k, v in marks.items() if v is not None]
    if shown:
        lines.append("  biomarkers: " + ", ".join(shown))
    lines += [f"  warning: {w}" for w in f.warnings]
    return "\n".join(lines)


def _score(low: float | None, high: float | None) -> str | float | None:
    """A PD-L1 score, or the range a report gives it as ('≥1%' reads 1-100)."""
    return low if low is None or high is None else f"{low:g}-{high:g}"


def review_text(r: ReviewResult) -> str:
    lines = [
        f"claim {r.claim_id}: {r.decision.upper()} (risk {r.risk}, priority {r.priority})",
    ]
    for item in r.items:
        lines.append(f"  item {item.item_id}: {item.decision}")
        for reason in item.reasons:
            rule = f" [{reason.rule}]" if reason.rule else ""
            lines.append(f"    {reason.code}{rule}: {reason.message}")
            if reason.sources:
                lines.append(f"      sources: {'; '.join(reason.sources)}")
        for ev in item.evidence:
            lines.append(f"    evidence: {ev.doc_id} page {ev.page} box {ev.bbox}: {ev.text!r}")
    for doc in r.missing_documents:
        lines.append(f"  missing: {doc}")
    lines.append(f"  knowledge {r.knowledge_version}, engine {r.engine_version}, timings {r.timings_ms.model_dump()}")
    lines += [""] + [findings_text(f) for f in r.findings]
    return "\n".join(lines)
