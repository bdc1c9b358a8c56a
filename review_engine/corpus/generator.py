"""The corpus generator: plans cases in order, renders them in worker processes, writes the splits.

Output (also the layout ``review-engine eval`` reads)::

    DIR/manifest.json                      seed, options, counts
    DIR/<split>/<case_id>/claim.json       the claim (CONTRACT.md section 2); paths relative to the folder
    DIR/<split>/<case_id>/gold.json        gold decisions and findings (below)
    DIR/<split>/<case_id>/docs/<files>     d1.pdf, d2.png, ... (text-layer PDF, image-only PDF, PNG, JPEG, TIFF, txt)
    DIR/<split>/spans.jsonl                one line per readable document (below)

``gold.json``: ``decision`` (claim), ``priority``, ``items`` {item_id: {decision, codes}},
``findings`` {doc_id: DocumentFindings (CONTRACT.md section 3, canonical values)},
``unreadable_documents`` [doc_id], ``documents`` {doc_id: {format, pages, layout, dpi, file}},
``scenario``, ``language``.

``spans.jsonl``: ``{"doc_id": "<case_id>/<doc id>", "case_id", "file" (relative to DIR),
"language", "format", "layout", "pages", "dpi", "text", "spans": [{"start", "end", "label", "text"}]}``.
``text`` is the report as rendered, in reading order: lines joined by "\n", pages by "\f", cells of a
table row or field grid by one space (a ``txt`` document's file is exactly this text). Offsets index
``text`` (Python str, code points). Labels: GENE, PROTEIN_CHANGE, CDNA_CHANGE, EXON_EVENT, EXON, FUSION,
COPY_NUMBER, VAF, STATUS_CUE, PCR_TARGET, TNM, STAGE, HISTOLOGY, SITE, BIOMARKER, BIOMARKER_VALUE,
PATIENT_NAME, PATIENT_ID, PATIENT_SEX, PATIENT_AGE, REPORT_DATE, SPECIMEN, METHOD, CRITICAL. Spans never
overlap. Unreadable documents (truncated PDF, blank scan) have ``text: null`` and no spans.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

from review_engine.corpus import formats
from review_engine.corpus.build import BuiltCase, BuiltDoc, build_case
from review_engine.corpus.plan import SPLITS, CasePlan, PlanOptions, is_scan, plan_case
from review_engine.corpus.render import Rendered, draw_pdf, layout, text_and_spans
from review_engine.corpus.style import sample_style


@dataclass
class Summary:
    out_dir: str
    seed: int
    cases: int = 0
    documents: int = 0
    pages: int = 0
    by_split: dict = field(default_factory=dict)
    by_language: dict = field(default_factory=dict)
    by_format: dict = field(default_factory=dict)
    by_scenario: dict = field(default_factory=dict)

    @property
    def zh_fraction(self) -> float:
        return self.by_language.get("zh", 0) / max(1, self.documents)

    @property
    def scan_fraction(self) -> float:
        return sum(n for f, n in self.by_format.items() if is_scan(f) or f == "png_blank") / max(1, self.documents)


def plan_corpus(seed: int, n_docs: int, n_claims: int, options: PlanOptions) -> list[CasePlan]:
    """Cases in order until both targets are met (``n_claims`` claims and ``n_docs`` documents at least)."""
    plans: list[CasePlan] = []
    docs = 0
    while len(plans) < n_claims or docs < n_docs:
        plan = plan_case(seed, len(plans), options)
        plans.append(plan)
        docs += len(plan.docs)
    return plans


def generate(out_dir: str | os.PathLike, seed: int = 7, n_docs: int = 2000, n_claims: int = 600,
             split_fractions: tuple[float, float, float] = (0.7, 0.15, 0.15), workers: int | None = None,
             options: PlanOptions | None = None) -> Summary:
    """Write a labelled corpus to ``out_dir``; the same seed and sizes give the same corpus."""
    out = Path(out_dir)
    options = options or PlanOptions(split_fractions=split_fractions)
    plans = plan_corpus(seed, n_docs, n_claims, options)
    for split in SPLITS:
        (out / split).mkdir(parents=True, exist_ok=True)
        (out / split / "spans.jsonl").write_text("", encoding="utf-8")
    summary = Summary(str(out), seed)
    jobs = [(plan, seed, str(out)) for plan in plans]
    workers = workers or min(len(jobs), os.cpu_count() or 1)
    if workers <= 1:
        results = map(render_case, jobs)
        _collect(out, results, summary)
    else:
        # spawn, not fork: a parent that already ran OpenCV holds thread-pool state a forked child can deadlock on
        with mp.get_context("spawn").Pool(workers, initializer=_single_threaded) as pool:
            _collect(out, pool.imap(render_case, jobs, chunksize=1), summary)
    (out / "manifest.json").write_text(json.dumps({**asdict(summary), "options": asdict(options)}, ensure_ascii=False, indent=2, default=list), encoding="utf-8")
    return summary


def _single_threaded() -> None:
    """One process per core already: OpenCV's own threads would only fight them."""
    import cv2

    cv2.setNumThreads(1)


def _collect(out: Path, results, summary: Summary) -> None:
    """Append each case's span records in case order (deterministic whatever the worker count)."""
    handles = {s: (out / s / "spans.jsonl").open("a", encoding="utf-8") for s in SPLITS}
    try:
        for result in results:
            summary.cases += 1
            _count(summary.by_split, result["split"])
            _count(summary.by_scenario, result["scenario"])
            for rec in result["documents"]:
                summary.documents += 1
                summary.pages += rec["pages"]
                _count(summary.by_language, rec["language"])
                _count(summary.by_format, rec["format"])
                if rec.get("text") is not None:
                    handles[result["split"]].write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        for h in handles.values():
            h.close()


def _count(table: dict, key: str) -> None:
    table[key] = table.get(key, 0) + 1


def render_case(job: tuple[CasePlan, int, str]) -> dict:
    """Build, render and write one case; returns its span records and counts."""
    plan, seed, out_dir = job
    return write_case(plan, seed, Path(out_dir) / plan.split / plan.case_id)


def write_case(plan: CasePlan, seed: int, case_dir: Path) -> dict:
    """Write one planned case (claim.json, gold.json, docs/) into ``case_dir``."""
    built = build_case(plan, seed)
    (case_dir / "docs").mkdir(parents=True, exist_ok=True)
    records, meta = [], {}
    for i, doc in enumerate(built.docs):
        rec = _render_document(built, doc, case_dir, seed)
        built.claim["documents"][i]["path"] = f"docs/{rec['file_name']}"
        meta[doc.plan.doc_id] = {k: rec[k] for k in ("format", "pages", "layout", "dpi")} | {"file": rec["file"]}
        if doc.plan.doc_id in built.gold["findings"]:
            built.gold["findings"][doc.plan.doc_id]["ocr"]["pages"] = rec["pages"]
        records.append(rec)
    built.gold["documents"] = meta
    _dump(case_dir / "claim.json", built.claim)
    _dump(case_dir / "gold.json", built.gold)
    return {"split": plan.split, "scenario": plan.scenario["id"], "documents": records}


def _render_document(built: BuiltCase, doc: BuiltDoc, case_dir: Path, seed: int) -> dict:
    plan = built.plan
    rng = random.Random(f"render/{seed}/{plan.index}/{doc.plan.doc_id}")
    style = sample_style(rng, plan.language)
    pages = layout(doc.report, style)
    text, spans = text_and_spans(pages)
    fmt = doc.plan.fmt
    if fmt in formats.SINGLE_PAGE_FORMATS and len(pages) > 1:
        fmt = "pdf_image" if rng.random() < 0.6 else "tiff"  # a multi-page scan cannot be one PNG/JPEG
    seal_digital = plan.language == "zh" and rng.random() < 0.5
    pdf = draw_pdf(pages, style, doc.title, seal=seal_digital and fmt == "pdf_text")
    stem = case_dir / "docs" / doc.plan.doc_id
    if doc.plan.unreadable:
        written = formats.write_unreadable(stem, fmt, rng, pdf)
    else:
        written = formats.write(stem, fmt, Rendered(pdf, text, spans, len(pages)), pages, rng,
                               (doc.report.seal_text, doc.report.seal_label), plan.language)
    rel = f"{plan.split}/{plan.case_id}/docs/{written.path.name}"
    readable = not doc.plan.unreadable
    return {
        # doc_id is unique across the corpus ("<case_id>/<doc id in the claim>"), for training readers
        "case_id": plan.case_id, "doc_id": f"{plan.case_id}/{doc.plan.doc_id}", "file": rel, "file_name": written.path.name,
        "language": plan.language, "format": written.fmt, "layout": doc.plan.role, "pages": len(pages), "dpi": written.dpi,
        "text": text if readable else None,
        "spans": [{"start": s.start, "end": s.end, "label": s.label, "text": s.text} for s in spans] if readable else [],
    }


def _dump(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
