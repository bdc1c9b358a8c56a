"""Ablation of the extraction on a held-out corpus split: rules alone, model alone, combined.

    python benchmarks/ablation.py --corpus DIR [--corpus DIR2 ...] [--split test] [--per-group 20] [--out runs/ablation.json] [--model DIR]

DIR is a corpus written by the generator (``DIR/<split>/<case>/{gold.json,docs/}``), or its
split re-rendered as poor scans by ``python -m review_engine.corpus degrade`` (format
``scan_degraded``); several corpora are scored into one table. Each
document is read once (text layer or OCR) and extracted three ways:

- rules:    the pipeline without the ``review_transformer`` component;
- model:    the component in ``gate`` mode: only readings an agreeing model span locates
            (rules still normalise the value);
- combined: the component in its default ``combine`` mode.

Scores per (language, format): variant F1 over (gene, alteration, status) against gold,
and staging exact match (stage group) over the documents whose gold has a stage.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from review_engine.domain import DocumentFindings, ParsedDocument
from review_engine.nlp.pipeline import Extractor
from review_engine.nlp.transformer import FACTORY

MODES = ("rules", "model", "combined")


@dataclass(frozen=True)
class GoldDocument:
    path: Path
    doc_id: str
    language: str
    format: str
    gold: dict


def gold_documents(corpus: Path, split: str, per_group: int) -> list[GoldDocument]:
    """Readable documents of the split, at most ``per_group`` per (language, format), in case order."""
    chosen, counts = [], defaultdict(int)
    for gold_file in sorted((corpus / split).glob("*/gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        for doc_id, findings in gold["findings"].items():
            meta = gold["documents"][doc_id]
            group = (findings.get("language", gold.get("language")), meta["format"])
            if doc_id in gold.get("unreadable_documents", []) or counts[group] >= per_group:
                continue
            counts[group] += 1
            chosen.append(GoldDocument(corpus / meta["file"], doc_id, group[0], group[1], findings))
    return chosen


def extractors(model_dir: Path | None = None) -> dict[str, Extractor]:
    """The three pipelines; ``model_dir`` scores a model folder other than the shipped one (its files
    checked against the ``manifest.json`` beside it, as the training script writes them)."""
    built = {mode: Extractor() for mode in MODES}
    if FACTORY not in built["combined"].nlp.pipe_names:
        raise SystemExit("the pipeline has no review_transformer: is models/manifest.json there?")
    built["rules"].nlp.remove_pipe(FACTORY)
    folder = {"model_dir": str(model_dir)} if model_dir else {}
    built["model"].nlp.replace_pipe(FACTORY, FACTORY, config={**folder, "mode": "gate"})
    if model_dir:
        built["combined"].nlp.replace_pipe(FACTORY, FACTORY, config={**folder, "mode": "combine"})
    return built


def variant_keys(findings: dict) -> set[tuple[str, str, str]]:
    return {(v["gene"], v["alteration"], v["status"]) for v in findings["variants"]}


class Tally:
    """Counts per group and mode: variant tp/fp/fn, stage hits/total, seconds."""

    def __init__(self) -> None:
        self.counts: dict[tuple, dict[str, float]] = defaultdict(lambda: defaultdict(float))

    def add(self, group: tuple, mode: str, gold: dict, found: DocumentFindings, seconds: float) -> None:
        row = self.counts[(*group, mode)]
        expected, got = variant_keys(gold), variant_keys(found.model_dump(mode="json"))
        row["tp"] += len(expected & got)
        row["fp"] += len(got - expected)
        row["fn"] += len(expected - got)
        if gold["staging"]["stage"]:
            row["stage_total"] += 1
            row["stage_hits"] += found.staging.stage == gold["staging"]["stage"]
        row["documents"] += 1
        row["seconds"] += seconds

    def table(self) -> list[dict]:
        rows = []
        for (language, fmt, mode), c in sorted(self.counts.items()):
            precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
            recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            scored = c["tp"] + c["fp"] + c["fn"] > 0  # no gold and nothing found: nothing to score
            rows.append({
                "language": language, "format": fmt, "mode": mode, "documents": int(c["documents"]),
                "variant_f1": round(f1, 4) if scored else None,
                "variant_precision": round(precision, 4) if scored else None,
                "variant_recall": round(recall, 4) if scored else None,
                "gold_variants": int(c["tp"] + c["fn"]),
                "stage_exact": round(c["stage_hits"] / c["stage_total"], 4) if c["stage_total"] else None,
                "stage_documents": int(c["stage_total"]),
                "ms_per_document": round(1000 * c["seconds"] / c["documents"], 1),
            })
        return rows


def overall(tally: Tally) -> Tally:
    total = Tally()
    for (language, fmt, mode), counts in tally.counts.items():
        for key, value in counts.items():
            total.counts[("all", "all", mode)][key] += value
    return total


def parse_all(documents: list[GoldDocument], cache: Path | None) -> list[ParsedDocument]:
    """Each document read once (OCR where it has no text layer); ``cache`` keeps the readings
    so that a second run (another model) skips the OCR."""
    from review_engine.ocr.reader import DocumentReader

    reader, parsed = DocumentReader(), []
    for number, document in enumerate(documents, start=1):
        # the corpus folder is part of the key: a degraded copy holds the same case and document ids
        corpus_name = document.path.parents[3].name
        cached = cache / f"{corpus_name}-{document.path.parent.parent.name}-{document.doc_id}.json" if cache else None
        if cached and cached.is_file():
            parsed.append(ParsedDocument.model_validate_json(cached.read_text(encoding="utf-8")))
            continue
        parsed.append(reader.read(document.path, doc_id=document.doc_id))
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(parsed[-1].model_dump_json(), encoding="utf-8")
        print(f"read {number}/{len(documents)} {document.path}", file=sys.stderr, flush=True)
    return parsed


def run(documents: list[GoldDocument], parsed_documents: list[ParsedDocument], built: dict[str, Extractor]) -> Tally:
    tally = Tally()
    for extractor in built.values():  # first calls load models and vocabularies: keep them out of the timings
        extractor.extract(parsed_documents[0])
    for document, parsed in zip(documents, parsed_documents):
        for mode, extractor in built.items():
            started = time.perf_counter()
            found = extractor.extract(parsed, doc_id=document.doc_id)
            tally.add((document.language, document.format), mode, document.gold, found, time.perf_counter() - started)
    return tally


def degraded_copy(corpus: Path, split: str, seed: int) -> Path:
    """``corpus``'s split as poor scans (``python -m review_engine.corpus degrade``), written once."""
    from review_engine.corpus.degraded import degrade_corpus

    out = corpus.with_name(f"{corpus.name}-degraded-{seed}")
    if not (out / "manifest.json").is_file():
        degrade_corpus(corpus, split, out, seed)
    return out


def corpus_summary(corpus: Path) -> dict:
    """Seed and size of the corpus, from the generator's manifest."""
    manifest = corpus / "manifest.json"
    if not manifest.is_file():
        return {}
    data = json.loads(manifest.read_text(encoding="utf-8"))
    return {key: data.get(key) for key in ("seed", "cases", "documents", "by_split")}


def print_table(rows: list[dict]) -> None:
    header = ["language", "format", "mode", "documents", "variant_f1", "gold_variants", "stage_exact",
              "stage_documents", "ms_per_document"]
    print("| " + " | ".join(header) + " |\n|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(str(row[h]) for h in header) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, action="append", help="repeat for several corpora")
    parser.add_argument("--split", default="test")
    parser.add_argument("--per-group", type=int, default=20, help="documents per (language, format) at most")
    parser.add_argument("--out", type=Path, default=None, help="write the rows as JSON here")
    parser.add_argument("--cache", type=Path, default=None, help="keep parsed documents here between runs")
    parser.add_argument("--read-only", action="store_true", help="only read (OCR) the documents into --cache")
    parser.add_argument("--model", type=Path, default=None,
                        help="model folder to score instead of models/ner (e.g. a training run's --out)")
    parser.add_argument("--degraded-seed", type=int, default=None,
                        help="also score the split re-rendered as poor scans with this seed (written next to the "
                             "first corpus as <corpus>-degraded-<seed> unless it is there already)")
    args = parser.parse_args(argv)
    if args.degraded_seed is not None:
        args.corpus.append(degraded_copy(args.corpus[0], args.split, args.degraded_seed))
    documents = [d for corpus in args.corpus for d in gold_documents(corpus, args.split, args.per_group)]
    parsed = parse_all(documents, args.cache)
    if args.read_only:
        return 0
    tally = run(documents, parsed, extractors(args.model))
    rows = tally.table() + overall(tally).table()
    print_table(rows)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"argv": sys.argv[1:], "corpus": {str(c): corpus_summary(c) for c in args.corpus}, "rows": rows},
                                       indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
