"""Calibrates the policy's confidence thresholds on the project's own labelled dev split (POLICY.md 8).

    nice -n 10 .venv/bin/python benchmarks/calibrate_thresholds.py [--corpus runs/calibration/dev-seed11]
        [--seed 11] [--docs 170] [--degraded 24] [--blank 6] [--write]

Dev split only, never test: when CORPUS/dev is absent a dev-only corpus is generated there with a
seed distinct from the held-out split's (benchmarks/eval_heldout.py uses 7). Every dev document is
extracted with the real engine, plus deliberately degraded renditions of some of them (heavy blur,
noise, low resolution) and blank / near-blank pages standing in for a report (their gold stays the
original report's, so everything they fail to read counts as an error).

Findings: each predicted finding a decision depends on (variant with its status, staging T/N/M/stage,
histology, primary site, biomarkers) is matched to gold and carries its evidence confidence. For each
candidate threshold the precision of the findings at or above it and the share kept are tabled, with a
reliability table by confidence bin. ``min_finding_confidence`` is the lowest threshold whose kept
findings reach the target precision; when none does, the threshold of highest precision that still
keeps a floor share.

Documents: per-document extraction accuracy (correct decision findings over gold + spurious ones) is
related to ``ocr.mean_confidence`` and ``ocr.chars_per_page``; a document is unreliable below an
accuracy bar. Each threshold is the one that turns away the most unreliable documents while turning
away at most a small share of reliable ones (lowest such value on ties).

Extractions are cached in CORPUS/calibration_extractions.jsonl, so a second run only re-tables.
``--write`` sets the three values and ``calibration_note`` in knowledge/settings.yaml, keeping its
comments, and records the measurement as comments under ``policy:``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import random
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from review_engine.domain import DocumentFindings
from review_engine.evaluation.scoring import (
    BIOMARKER_FIELDS,
    STAGING_FIELDS,
    _equal,
    _get,
    variant_key,
)
from review_engine.settings import get_settings

REPO = Path(__file__).resolve().parent.parent
SETTINGS = REPO / "knowledge" / "settings.yaml"
HELDOUT_SEED = 7
"""The seed benchmarks/eval_heldout.py draws the test split from; the dev set must not share it."""
CACHE_NAME = "calibration_extractions.jsonl"
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99, 1.0001)
FINDING_GRID = tuple(round(x * 0.01, 2) for x in range(101))


# ------------------------------------------------------------------ records


@dataclass(frozen=True)
class Scored:
    """One predicted decision finding: its evidence confidence and whether gold agrees."""

    confidence: float
    correct: bool
    field: str = ""
    doc: str = ""


@dataclass(frozen=True)
class DocScore:
    """One document: its OCR summary and how much of its decision findings were right."""

    doc: str
    source: str
    """original format (pdf_text, png, ...) or the degradation applied (blur, noise, lowres, blank, header_only...)"""
    mean_confidence: float
    chars_per_page: float
    correct: int
    total: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


# ------------------------------------------------------------------ matching to gold


def decision_findings(gold: DocumentFindings, pred: DocumentFindings, doc: str = "") -> list[Scored]:
    """Every predicted finding a decision depends on, with its confidence and correctness.

    A finding with no evidence (nothing to show a reviewer) is left out: gate 5 cannot weigh it.
    """
    out = _variant_findings(gold, pred, doc)
    for path in _field_paths():
        value = _get(pred, path)
        if value is None:
            continue
        evidence = _evidence(pred, path)
        if evidence is not None:
            out.append(Scored(evidence.confidence, _equal(path, _get(gold, path), value), path, doc))
    return out


def _field_paths() -> list[str]:
    return ([f"staging.{f}" for f in STAGING_FIELDS] + ["histology", "primary_site"]
            + [f"biomarkers.{f}" for f in BIOMARKER_FIELDS])


def _variant_findings(gold: DocumentFindings, pred: DocumentFindings, doc: str) -> list[Scored]:
    gold_status = {variant_key(v): v.status for v in gold.variants}
    out = []
    for v in pred.variants:
        if v.evidence is not None:
            ok = gold_status.get(variant_key(v)) == v.status
            out.append(Scored(v.evidence.confidence, ok, f"variant.{v.status}", doc))
    return out


def _evidence(pred: DocumentFindings, path: str):
    """The field's evidence; a nested biomarker ('biomarkers.er.status') may be evidenced at its parent."""
    while path:
        if path in pred.field_evidence:
            return pred.field_evidence[path]
        path = path.rpartition(".")[0]
        if path in ("", "biomarkers", "staging"):
            return None
    return None


def document_score(gold: DocumentFindings, pred: DocumentFindings | None, doc: str, source: str) -> DocScore:
    """Correct decision findings over (gold ones + spurious predicted ones); nothing read scores 0."""
    gold_n = len(gold.variants) + sum(_get(gold, p) is not None for p in _field_paths())
    if pred is None:
        return DocScore(doc, source, 0.0, 0.0, 0, gold_n)
    gold_keys = {variant_key(v): v.status for v in gold.variants}
    pred_keys = {variant_key(v): v.status for v in pred.variants}
    correct = sum(gold_keys.get(k) == s for k, s in pred_keys.items())
    spurious = sum(k not in gold_keys for k in pred_keys)
    for path in _field_paths():
        g, p = _get(gold, path), _get(pred, path)
        correct += g is not None and _equal(path, g, p)
        spurious += g is None and p is not None
    return DocScore(doc, source, pred.ocr.mean_confidence, pred.ocr.chars_per_page or 0.0, correct, gold_n + spurious)


# ------------------------------------------------------------------ selection (pure)


@dataclass(frozen=True)
class Cut:
    threshold: float
    kept: int
    correct: int
    share_kept: float

    @property
    def precision(self) -> float | None:
        return self.correct / self.kept if self.kept else None


def precision_curve(findings: Sequence[Scored], thresholds: Iterable[float] = FINDING_GRID) -> list[Cut]:
    """For each threshold: findings at or above it, how many are correct, the share kept."""
    conf = np.array([f.confidence for f in findings], dtype=float)
    ok = np.array([f.correct for f in findings], dtype=bool)
    n = max(1, len(findings))
    cuts = []
    for t in thresholds:
        keep = conf >= t - 1e-9
        cuts.append(Cut(float(t), int(keep.sum()), int(ok[keep].sum()), float(keep.sum()) / n))
    return cuts


@dataclass(frozen=True)
class Choice:
    threshold: float
    reached_target: bool
    cut: Cut
    why: str


def choose_finding_threshold(findings: Sequence[Scored], target: float = 0.995, min_share: float = 0.5,
                             thresholds: Iterable[float] = FINDING_GRID) -> Choice:
    """Lowest threshold whose kept findings reach ``target`` precision; else the most precise one
    (lowest threshold on ties). Either way only thresholds keeping at least ``min_share`` of the
    findings count: a gate that routes nearly every approval is no calibration.

    The value returned is then raised to the lowest confidence among the kept findings (floored to
    the grid): every value in between keeps the same findings, and below it the corpus has no
    finding to say that evidence that weak is as good."""
    cuts = [c for c in precision_curve(findings, thresholds) if c.kept]
    if not cuts:
        raise ValueError("no findings to calibrate on")
    floor = [c for c in cuts if c.share_kept >= min_share] or cuts[:1]
    reached = [c for c in floor if c.precision >= target]
    if reached:
        best, why = reached[0], f"lowest threshold with precision >= {target} keeping >= {min_share:.0%}"
    else:
        best = max(floor, key=lambda c: (round(c.precision, 6), -c.threshold))
        why = f"no threshold keeping >= {min_share:.0%} reaches precision {target}; the most precise one"
    lowest_kept = min(f.confidence for f in findings if f.confidence >= best.threshold - 1e-9)
    return Choice(max(best.threshold, math.floor(lowest_kept * 100 + 1e-6) / 100), bool(reached), best, why)


def reliability_table(findings: Sequence[Scored], bins: Sequence[float] = BINS) -> list[dict[str, Any]]:
    rows = []
    for lo, hi in itertools.pairwise(bins):
        inside = [f for f in findings if lo <= f.confidence < hi]
        right = sum(f.correct for f in inside)
        rows.append({"bin": f"[{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'}", "n": len(inside),
                     "correct": right, "accuracy": right / len(inside) if inside else None})
    return rows


@dataclass(frozen=True)
class Separation:
    threshold: float
    unreliable_rejected: int
    unreliable: int
    reliable_rejected: int
    reliable: int


def separation(values: Sequence[float], reliable: Sequence[bool], threshold: float) -> Separation:
    """How a 'below threshold = unreadable' rule splits reliable and unreliable documents."""
    v, r = np.asarray(values, dtype=float), np.asarray(reliable, dtype=bool)
    below = v < threshold
    return Separation(threshold, int((below & ~r).sum()), int((~r).sum()), int((below & r).sum()), int(r.sum()))


def choose_document_threshold(values: Sequence[float], reliable: Sequence[bool], max_false_reject: float = 0.02,
                              min_gap: float = 0.1, relative: bool = True,
                              candidates: Iterable[float] | None = None) -> Separation:
    """The threshold turning away the most unreliable documents while turning away at most
    ``max_false_reject`` of the reliable ones.

    Every threshold between the last document caught and the next one does the same on this corpus:
    the middle is taken, the cut least sensitive to documents a little better or worse than those
    measured. The margin from the last document caught to the nearest reliable one kept must be at
    least ``min_gap`` (a share of that reliable value when ``relative``): a narrower one is a
    coincidence of this sample, and the next best cut is taken. When no unreliable document can be
    caught, 0 (the measurement gives no reason to turn any away)."""
    if candidates is None:
        candidates = sorted({0.0, *(float(x) for x in values), *(float(x) + 1e-6 for x in values)})
    groups: dict[tuple[int, int], list[float]] = {}
    for t in candidates:
        s = separation(values, reliable, t)
        if s.reliable_rejected <= max_false_reject * max(1, s.reliable):
            groups.setdefault((s.unreliable_rejected, s.reliable_rejected), []).append(t)
    kept_reliable = sorted(float(v) for v, r in zip(values, reliable) if r)
    for (caught, _), ts in sorted(groups.items(), key=lambda kv: (-kv[0][0], kv[0][1])):
        lo, hi = min(ts), max(ts)
        nearest = next((v for v in kept_reliable if v >= lo), None)
        wide = nearest is None or nearest - lo >= (min_gap * nearest if relative else min_gap)
        if caught and wide:
            return separation(values, reliable, (lo + hi) / 2)
    return separation(values, reliable, 0.0)


# ------------------------------------------------------------------ corpus and degraded scans


def ensure_dev(corpus: Path, seed: int, docs: int) -> Path:
    dev = corpus / "dev"
    if dev.is_dir() and any(dev.glob("*/gold.json")):
        return dev
    if seed == HELDOUT_SEED:
        raise SystemExit(f"seed {seed} is the held-out split's; pick another for the dev set")
    from review_engine.corpus.generator import generate

    print(f"generating a dev-only corpus in {corpus} (seed {seed}, >= {docs} documents)", file=sys.stderr)
    generate(corpus, seed=seed, n_docs=docs, n_claims=1, split_fractions=(0.0, 1.0, 0.0), workers=2)
    return dev


@dataclass(frozen=True)
class DocJob:
    key: str
    """case/doc[/degradation]"""
    path: str
    kind: str
    source: str
    gold: dict


def dev_jobs(dev: Path) -> list[DocJob]:
    """Every readable dev document with gold findings (the corpus's unreadable ones raise at gate 1)."""
    jobs = []
    for case in sorted(p.parent for p in dev.glob("*/gold.json")):
        claim = json.loads((case / "claim.json").read_text(encoding="utf-8"))
        gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
        for ref in claim["documents"]:
            if ref["doc_id"] in gold["findings"]:
                fmt = gold["documents"][ref["doc_id"]]["format"]
                jobs.append(DocJob(f"{case.name}/{ref['doc_id']}", str(case / ref["path"]), ref["kind"], fmt,
                                   gold["findings"][ref["doc_id"]]))
    return jobs


DEGRADATIONS: dict[str, Callable[[Image.Image, random.Random], Image.Image]] = {
    "blur": lambda im, rng: im.filter(ImageFilter.GaussianBlur(rng.uniform(2.5, 5.0))),
    "noise": lambda im, rng: _noise(im, rng.uniform(60, 110), rng),
    "lowres": lambda im, rng: _lowres(im, rng.uniform(0.22, 0.32)),
    "blur_noise": lambda im, rng: _noise(im.filter(ImageFilter.GaussianBlur(rng.uniform(1.5, 2.5))), rng.uniform(35, 60), rng),
    "mild_blur": lambda im, rng: im.filter(ImageFilter.GaussianBlur(rng.uniform(1.0, 1.6))),
    "mild_lowres": lambda im, rng: _lowres(im, rng.uniform(0.45, 0.6)),
}


def _noise(im: Image.Image, sigma: float, rng: random.Random) -> Image.Image:
    arr = np.asarray(im.convert("L"), dtype=np.float32)
    noisy = arr + np.random.default_rng(rng.randrange(2**32)).normal(0, sigma, arr.shape)
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))


def _lowres(im: Image.Image, factor: float) -> Image.Image:
    small = im.resize((max(1, int(im.width * factor)), max(1, int(im.height * factor))), Image.BILINEAR)
    return small.resize(im.size, Image.BILINEAR)


def _header_only(page: Image.Image, rng: random.Random) -> Image.Image:
    """A near-blank page: only a strip of the report's top survives (a failed, mostly empty scan)."""
    out = Image.new("L", page.size, 255)
    strip = page.crop((0, 0, page.width, int(page.height * rng.uniform(0.06, 0.1))))
    out.paste(strip, (0, 0))
    return out


def degraded_jobs(jobs: list[DocJob], out: Path, n_degraded: int, n_blank: int, seed: int) -> list[DocJob]:
    """Degraded renditions of some dev PDFs (all pages kept, same gold) and blank stand-ins."""
    from review_engine.corpus import scan

    rng = random.Random(f"calibration/{seed}")
    pdfs = [j for j in jobs if j.path.endswith(".pdf") and j.source == "pdf_text"]
    picks = rng.sample(pdfs, min(len(pdfs), n_degraded + n_blank))
    out.mkdir(parents=True, exist_ok=True)
    made = []
    names = list(DEGRADATIONS)
    for i, job in enumerate(picks):
        name = names[i % len(names)] if i < n_degraded else ("blank" if i % 2 else "header_only")
        target = out / f"{job.key.replace('/', '_')}_{name}.tif"
        if not target.exists():
            pages = scan.rasterise(Path(job.path).read_bytes(), 200)
            pages = [_render(p.convert("L"), name, rng) for p in pages]
            pages[0].save(target, "TIFF", save_all=True, append_images=pages[1:], dpi=(200, 200))
        made.append(DocJob(f"{job.key}/{name}", str(target), job.kind, name, job.gold))
    return made


def _render(page: Image.Image, name: str, rng: random.Random) -> Image.Image:
    if name == "blank":
        return Image.new("L", page.size, 255)
    if name == "header_only":
        return _header_only(page, rng)
    return DEGRADATIONS[name](page, rng)


# ------------------------------------------------------------------ extraction (cached)


def extract_all(jobs: list[DocJob], cache: Path, budget_s: float = float("inf")) -> dict[str, dict]:
    """{key: {"findings": DocumentFindings JSON or None, "error", "seconds"}}, resuming from the cache.

    Text documents go first (fast), then the degraded renditions, then scans; once ``budget_s``
    seconds have been spent no new document is started (the tables say how many were measured)."""
    from review_engine.engine import get_engine
    from review_engine.errors import BadInputError

    done = _read_cache(cache)
    todo = sorted((j for j in jobs if j.key not in done), key=_cost_rank)
    began = time.perf_counter()
    with cache.open("a", encoding="utf-8") as handle:
        for n, job in enumerate(todo, 1):
            if time.perf_counter() - began > budget_s:
                print(f"time budget spent: {len(todo) - n + 1} documents not measured", file=sys.stderr)
                break
            start = time.perf_counter()
            findings, error = None, None
            try:
                findings = get_engine().extract(job.path, kind=job.kind, doc_id=job.key).model_dump(mode="json")
            except BadInputError as exc:
                error = exc.message
            rec = {"key": job.key, "findings": findings, "error": error, "seconds": round(time.perf_counter() - start, 2)}
            handle.write(json.dumps(rec, ensure_ascii=False) + "\n")
            handle.flush()
            done[job.key] = rec
            print(f"[{n}/{len(todo)}] {job.key} ({job.source}) {rec['seconds']} s{' ' + error if error else ''}", file=sys.stderr)
    return done


def _cost_rank(job: DocJob) -> int:
    if job.source in ("pdf_text", "txt"):
        return 0
    return 1 if job.source not in ("pdf_image", "png", "jpg", "tiff") else 2


def _read_cache(cache: Path) -> dict[str, dict]:
    if not cache.exists():
        return {}
    out = {}
    for line in cache.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out[rec["key"]] = rec
    return out


# ------------------------------------------------------------------ tables


def _fmt(x: float | None, digits: int = 4) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def print_curve(cuts: list[Cut], every: Sequence[float]) -> None:
    print("\nthreshold | kept | correct | precision | share kept")
    for c in cuts:
        if any(abs(c.threshold - e) < 1e-9 for e in every):
            print(f"{c.threshold:9.2f} | {c.kept:4d} | {c.correct:7d} | {_fmt(c.precision):>9} | {c.share_kept:.3f}")


def print_reliability(rows: list[dict]) -> None:
    print("\nconfidence bin | n | correct | accuracy")
    for r in rows:
        print(f"{r['bin']:>14} | {r['n']:4d} | {r['correct']:4d} | {_fmt(r['accuracy'])}")


def print_documents(docs: list[DocScore], bar: float) -> None:
    print(f"\nper source: documents | mean accuracy | mean OCR confidence (min) | chars/page (min) | unreliable (< {bar})")
    for source in sorted({d.source for d in docs}):
        group = [d for d in docs if d.source == source]
        acc = [d.accuracy for d in group if d.accuracy is not None]
        print(f"{source:>12} | {len(group):3d} | {_fmt(sum(acc) / len(acc) if acc else None, 3)} | "
              f"{np.mean([d.mean_confidence for d in group]):.3f} ({min(d.mean_confidence for d in group):.3f}) | "
              f"{np.mean([d.chars_per_page for d in group]):7.1f} ({min(d.chars_per_page for d in group):.1f}) | "
              f"{sum(1 for d in group if (d.accuracy or 0) < bar)}")


def print_separation(label: str, values: list[float], reliable: list[bool], grid: Sequence[float]) -> None:
    print(f"\n{label} threshold | unreliable turned away | reliable turned away")
    for t in grid:
        s = separation(values, reliable, t)
        print(f"{t:10.2f} | {s.unreliable_rejected}/{s.unreliable} | {s.reliable_rejected}/{s.reliable}")


# ------------------------------------------------------------------ settings.yaml


def write_settings(path: Path, values: dict[str, float], note: str, comments: list[str]) -> None:
    """Set the policy values and note in place: every other line, comments included, is kept."""
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [ln for ln in lines if not ln.startswith("  # calibration: ")]
    out = []
    for ln in lines:
        for key, value in {**values, "calibration_note": note}.items():
            m = re.match(rf"^(  {key}:\s*)(\"[^\"]*\"|[^#\s]+)(\s*#.*)?$", ln)
            if m:
                text = json.dumps(value, ensure_ascii=False) if key == "calibration_note" else _yaml_number(value)
                ln = f"{m.group(1)}{text}{m.group(3) or ''}"
        out.append(ln)
        if ln.rstrip() == "policy:":
            out += [f"  # calibration: {c}" for c in comments]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def _yaml_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() and value > 1 else f"{value:.2f}"


# ------------------------------------------------------------------ main


def _turned_away(conf: Sequence[float], density: Sequence[float], reliable: Sequence[bool],
                 min_confidence: float, min_chars: float) -> tuple[int, int]:
    """(unreliable, reliable) documents that either document gate turns away."""
    away = [c < min_confidence or d < min_chars for c, d in zip(conf, density)]
    return sum(a and not r for a, r in zip(away, reliable)), sum(a and r for a, r in zip(away, reliable))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REPO / "runs" / "calibration" / "dev-seed11")
    ap.add_argument("--seed", type=int, default=11, help="dev corpus seed (never the held-out seed 7)")
    ap.add_argument("--docs", type=int, default=170, help="dev documents to generate when absent")
    ap.add_argument("--degraded", type=int, default=18, help="degraded renditions (blur/noise/low resolution)")
    ap.add_argument("--blank", type=int, default=6, help="blank / near-blank stand-ins")
    ap.add_argument("--target-precision", type=float, default=0.995)
    ap.add_argument("--min-share", type=float, default=0.5, help="kept-share floor when no threshold reaches the target")
    ap.add_argument("--reliable-accuracy", type=float, default=0.8, help="documents below this accuracy are unreliable")
    ap.add_argument("--max-false-reject", type=float, default=0.02, help="share of reliable documents a gate may turn away")
    ap.add_argument("--budget", type=float, default=900, help="seconds of extraction per run (cached work is free)")
    ap.add_argument("--min-gap-confidence", type=float, default=0.03,
                    help="narrowest margin of mean OCR confidence to the nearest reliable document")
    ap.add_argument("--min-gap-chars", type=float, default=0.1,
                    help="narrowest margin of chars/page to the nearest reliable document, as its share")
    ap.add_argument("--write", action="store_true", help="update knowledge/settings.yaml")
    args = ap.parse_args()

    dev = ensure_dev(args.corpus, args.seed, args.docs)
    jobs = dev_jobs(dev)
    jobs += degraded_jobs(jobs, args.corpus / "degraded", args.degraded, args.blank, args.seed)
    results = extract_all(jobs, args.corpus / CACHE_NAME, args.budget)
    jobs = [j for j in jobs if j.key in results]

    findings, docs = [], []
    for job in jobs:
        rec = results[job.key]
        gold = DocumentFindings.model_validate(job.gold)
        pred = DocumentFindings.model_validate(rec["findings"]) if rec["findings"] else None
        if pred is not None:
            findings += decision_findings(gold, pred, job.key)
        docs.append(document_score(gold, pred, job.key, job.source))
    n_orig = sum(1 for j in jobs if "/" not in j.key.split("/", 1)[1])
    print(f"dev corpus {args.corpus} (seed {args.seed}): {n_orig} documents + {len(jobs) - n_orig} degraded/blank; "
          f"{len(findings)} decision findings with evidence; extraction {sum(r['seconds'] for r in results.values()):.0f} s")

    # -- documents (those where there is something to get right)
    refused = [j.key for j in jobs if results[j.key]["findings"] is None]
    print(f"\nrefused by the reader (unreadable by exception, gate 1 without thresholds): {len(refused)} {refused}")
    scored = [d for d in docs if d.total and d.doc not in refused]
    reliable = [d.accuracy >= args.reliable_accuracy for d in scored]
    print_documents(scored, args.reliable_accuracy)
    conf = [d.mean_confidence for d in scored]
    density = [d.chars_per_page for d in scored]
    print_separation("mean OCR confidence", conf, reliable, (0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9))
    print_separation("chars per page", density, reliable, (5, 10, 20, 40, 60, 80, 100, 150, 200))
    doc_conf = choose_document_threshold(conf, reliable, args.max_false_reject, args.min_gap_confidence, relative=False)
    doc_chars = choose_document_threshold(density, reliable, args.max_false_reject, args.min_gap_chars)
    doc_conf_t, doc_chars_t = _round_up(doc_conf.threshold, 2), _round_up(doc_chars.threshold, 0)
    caught, wrongly = _turned_away(conf, density, reliable, doc_conf_t, doc_chars_t)
    print(f"\nmin_document_confidence = {doc_conf_t:.2f}: turns away {doc_conf.unreliable_rejected}/{doc_conf.unreliable} "
          f"unreliable, {doc_conf.reliable_rejected}/{doc_conf.reliable} reliable documents")
    print(f"min_chars_per_page = {doc_chars_t:.0f}: turns away {doc_chars.unreliable_rejected}/{doc_chars.unreliable} "
          f"unreliable, {doc_chars.reliable_rejected}/{doc_chars.reliable} reliable documents")
    turned_away = {d.doc for d in scored if d.mean_confidence < doc_conf_t or d.chars_per_page < doc_chars_t}
    print(f"both gates together: {caught}/{doc_conf.unreliable} unreliable, {wrongly}/{doc_conf.reliable} reliable turned away")
    policy = get_settings().policy
    set_caught, set_wrongly = _turned_away(conf, density, reliable, policy.min_document_confidence, policy.min_chars_per_page)
    print(f"as set now ({policy.min_document_confidence:.2f}, {policy.min_chars_per_page:.0f} chars/page): "
          f"{set_caught}/{doc_conf.unreliable} unreliable, {set_wrongly}/{doc_conf.reliable} reliable turned away")

    # -- findings
    passing = [f for f in findings if f.doc not in turned_away]
    print(f"\nfindings from all {len(findings)} read documents: precision {_fmt(precision_curve(findings, [0.0])[0].precision)}; "
          f"tables below: the {len(passing)} from documents passing gate 1 at the chosen document thresholds")
    print(f"incorrect findings per document (top 5): {dict(list(_counts(f.doc for f in passing if not f.correct).items())[:5])}")
    findings = passing
    cuts = precision_curve(findings)
    print_curve(cuts, (0.0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.92, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99, 1.0))
    print_reliability(reliability_table(findings))
    wrong = [f for f in findings if not f.correct]
    print(f"\nincorrect findings by field: {_counts(f.field for f in wrong)}")
    choice = choose_finding_threshold(findings, args.target_precision, args.min_share)
    print(f"\nmin_finding_confidence = {choice.threshold:.2f} (cut {choice.cut.threshold:.2f}, raised to the lowest kept "
          f"confidence): {choice.why}; precision {_fmt(choice.cut.precision)}, "
          f"kept {choice.cut.kept}/{len(findings)} ({choice.cut.share_kept:.1%})")

    summary = {
        "date": dt.date.today().isoformat(), "seed": args.seed, "documents": n_orig, "degraded": len(jobs) - n_orig,
        "findings": len(findings), "min_finding_confidence": asdict(choice.cut) | {"precision": choice.cut.precision,
        "reached_target": choice.reached_target}, "min_document_confidence": asdict(doc_conf),
        "min_chars_per_page": asdict(doc_chars), "gates_together": {"unreliable_caught": caught, "reliable_rejected": wrongly},
    }
    (args.corpus / "calibration_summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    if args.write:
        note, comments = _note(args, summary, choice, doc_conf, doc_chars, caught, wrongly, doc_conf_t, doc_chars_t)
        write_settings(SETTINGS, {"min_finding_confidence": choice.threshold, "min_document_confidence": doc_conf_t,
                                  "min_chars_per_page": doc_chars_t}, note, comments)
        print(f"\nwrote {SETTINGS}")
    return 0


def _round_up(value: float, digits: int) -> float:
    """Thresholds are written rounded up: a cut between two observed values stays between them."""
    scale = 10 ** digits
    return max(0.0, float(np.ceil(value * scale - 1e-6) / scale))


def _counts(items: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for x in items:
        out[x] = out.get(x, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def _note(args, summary, choice: Choice, doc_conf: Separation, doc_chars: Separation, caught: int, wrongly: int,
          conf_t: float, chars_t: float) -> tuple[str, list[str]]:
    c = choice.cut
    note = (f"calibrated {summary['date']} by benchmarks/calibrate_thresholds.py on the dev split (seed {args.seed}, "
            f"{summary['documents']} documents + {summary['degraded']} degraded/blank renditions, "
            f"{summary['findings']} decision findings on documents passing gate 1): findings >= {choice.threshold:.2f} kept {c.share_kept:.1%} at precision "
            f"{c.precision:.4f}{'' if choice.reached_target else f' (target {args.target_precision} not reached)'}; "
            f"document gates turn away {caught}/{doc_conf.unreliable} unreliable and {wrongly}/{doc_conf.reliable} reliable documents")
    comments = [
        (
            f"{summary['date']}, dev seed {args.seed}, {summary['documents']} docs + {summary['degraded']} degraded/blank, "
            f"{summary['findings']} findings"
        ),
        (
            f"min_finding_confidence {choice.threshold:.2f}: {choice.why}; kept {c.kept}/{summary['findings']}, "
            f"precision {c.precision:.4f}"
        ),
        (
            f"min_document_confidence {conf_t:.2f}: unreliable (accuracy < {args.reliable_accuracy}) turned away "
            f"{doc_conf.unreliable_rejected}/{doc_conf.unreliable}, reliable {doc_conf.reliable_rejected}/{doc_conf.reliable}"
        ),
        (
            f"min_chars_per_page {chars_t:.0f}: unreliable turned away {doc_chars.unreliable_rejected}/{doc_chars.unreliable}, "
            f"reliable {doc_chars.reliable_rejected}/{doc_chars.reliable}"
        ),
    ]
    return note, comments


if __name__ == "__main__":
    raise SystemExit(main())
