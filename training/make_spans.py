"""Text-only span corpus for training: the corpus generator's cases, laid out as the
renderer would, written as ``<split>/spans.jsonl`` without drawing PDFs or scans.

    python training/make_spans.py --out runs/ner-data --seed 1001 --docs 20000

Same planning, build and layout code as ``review_engine.corpus`` (so the same text and
spans as its ``spans.jsonl``), a hundred times faster because nothing is rasterised. Each
case keeps the split the generator plans for it; use a seed other than the evaluation
corpus's so that no evaluated case is trained on.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from review_engine.corpus.build import build_case
from review_engine.corpus.generator import plan_corpus
from review_engine.corpus.plan import SPLITS, PlanOptions
from review_engine.corpus.render import layout, text_and_spans
from review_engine.corpus.style import sample_style


def document_records(seed: int, n_docs: int):
    """(split, record) for every readable document of the planned cases, in case order."""
    for plan in plan_corpus(seed, n_docs, 0, PlanOptions()):
        built = build_case(plan, seed)
        for doc in built.docs:
            if doc.plan.unreadable:
                continue
            # the generator's own per-document style stream, so the text matches its rendering
            rng = random.Random(f"render/{seed}/{plan.index}/{doc.plan.doc_id}")
            text, spans = text_and_spans(layout(doc.report, sample_style(rng, plan.language)))
            yield plan.split, {
                "case_id": plan.case_id, "doc_id": doc.plan.doc_id, "language": plan.language,
                "format": "text", "layout": doc.plan.role, "text": text,
                "spans": [{"start": s.start, "end": s.end, "label": s.label} for s in spans],
            }


def write_corpus(out: Path, seed: int, n_docs: int, compress: bool) -> dict[str, int]:
    opener = gzip.open if compress else open
    suffix = ".jsonl.gz" if compress else ".jsonl"
    counts = dict.fromkeys(SPLITS, 0)
    handles = {}
    for split in SPLITS:
        (out / split).mkdir(parents=True, exist_ok=True)
        handles[split] = opener(out / split / f"spans{suffix}", "wt", encoding="utf-8")
    try:
        for split, record in document_records(seed, n_docs):
            handles[split].write(json.dumps(record, ensure_ascii=False) + "\n")
            counts[split] += 1
    finally:
        for handle in handles.values():
            handle.close()
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1001)
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--gzip", action="store_true", help="write spans.jsonl.gz (to carry it somewhere)")
    args = parser.parse_args(argv)
    counts = write_corpus(args.out, args.seed, args.docs, args.gzip)
    manifest = {"command": "python training/make_spans.py " + " ".join(argv or sys.argv[1:]),
                "seed": args.seed, "docs": args.docs, "documents": counts}
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(manifest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
