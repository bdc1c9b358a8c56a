"""Protein-level variant mention F1 of the variant recognizer's protein patterns on tmVar 1.

    nice -n 10 .venv/bin/python benchmarks/variant_corpora.py [--corpus-dir ../shared/data/variant-corpora]

Gold: the ProteinMutation annotations of tmVar 1 (PubTator format; offsets into
title + " " + abstract), train and test splits. System: ``variants.protein_changes``
(the same patterns and normaliser the report recognizer uses, without the gene anchor,
because literature names the gene far from the change). Scores:
- span (exact): predicted span equals a gold span;
- span (overlap): predicted span overlaps a gold span;
- normalised: the one-letter canonical change equals the gold normalisation
  (p|R|987|X -> R987*; frameshifts compared on ref+position+fs).
Second table: variant findings the full extractor reports on TCGA pathology reports
(noisy OCR text, ``--tcga N`` reports): pathology reports seldom state variants, so the
count and the most frequent readings show false positives (specimen codes, OCR debris)
next to true molecular statements (glioma IDH1 R132H, EGFR amplification).
Literature is not our domain (reports write HGVS far more regularly), so these figures
describe the patterns, not the product; they are printed for the record.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from review_engine.nlp.recognizers.variants import protein_changes

DEFAULT_DIR = REPO.parent / "shared" / "data" / "variant-corpora"


@dataclass
class Document:
    text: str
    gold: list[tuple[int, int, str]]  # start, end, canonical change


def read_pubtator(path: Path) -> list[Document]:
    docs: dict[str, Document] = {}
    title: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if "|t|" in raw[:20]:
            pmid, _, text = raw.split("|", 2)
            title[pmid] = text
        elif "|a|" in raw[:20]:
            pmid, _, text = raw.split("|", 2)
            docs[pmid] = Document(title[pmid] + " " + text, [])
        elif raw.count("\t") >= 4:
            cols = raw.split("\t")
            if cols[4] == "ProteinMutation":
                docs[cols[0]].gold.append((int(cols[1]), int(cols[2]), gold_change(cols[5] if len(cols) > 5 else "")))
    return list(docs.values())


def gold_change(norm: str) -> str:
    """tmVar normalisation p|R|987|X / p|P|246|H|FSX|13 -> the comparable one-letter form."""
    parts = norm.split("|")
    if len(parts) < 4 or parts[0] != "p":
        return ""
    ref, pos, alt = parts[1], parts[2], parts[3]
    if len(parts) > 4 and parts[4].upper().startswith("FS"):
        return f"{ref}{pos}fs"
    return f"{ref}{pos}{'*' if alt == 'X' else alt}"


def system_change(alteration: str) -> str:
    """Our canonical change in the comparable form: frameshifts as ref+position+fs
    (R97Pfs*23 -> R97fs), as tmVar keeps the new residue and length apart."""
    if "fs" not in alteration:
        return alteration
    head = alteration.split("fs")[0]
    digits_end = max(i for i, ch in enumerate(head) if ch.isdigit()) + 1
    return head[:digits_end] + "fs"


def score(docs: list[Document]) -> dict[str, tuple[float, float, float]]:
    counts = {"span (exact)": [0, 0, 0], "span (overlap)": [0, 0, 0, 0], "normalised": [0, 0, 0]}
    for doc in docs:
        predicted = [(s, e, system_change(c.alteration)) for s, e, c in protein_changes(doc.text)]
        _count(counts["span (exact)"], {(s, e) for s, e, _ in predicted}, {(s, e) for s, e, _ in doc.gold})
        _count_overlap(counts["span (overlap)"], predicted, doc.gold)
        # per document, each distinct change once (as tmVar's own normalised evaluation does)
        _count(counts["normalised"], {c for _, _, c in predicted}, {c for _, _, c in doc.gold if c})
    return {name: _prf(*c) for name, c in counts.items()}


def _count(acc: list[int], pred: set, gold: set) -> None:
    acc[0] += len(pred & gold)
    acc[1] += len(pred)
    acc[2] += len(gold)


def _count_overlap(acc: list[int], pred: list, gold: list) -> None:
    """Overlap precision counts predictions touching a gold span; recall counts gold spans touched.
    acc = [true positives among predictions, predictions, gold spans, gold spans found]."""
    acc[0] += sum(1 for s, e, _ in pred if any(s < ge and gs < e for gs, ge, _ in gold))
    acc[1] += len(pred)
    acc[2] += len(gold)
    acc[3] += sum(1 for gs, ge, _ in gold if any(s < ge and gs < e for s, e, _ in pred))


def _prf(tp: int, n_pred: int, n_gold: int, gold_found: int | None = None) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = (tp if gold_found is None else gold_found) / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def tcga_readings(path: Path, limit: int) -> None:
    import collections
    import csv

    from review_engine.nlp.pipeline import Extractor

    csv.field_size_limit(10**8)
    extractor = Extractor()
    counts: collections.Counter = collections.Counter()
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for _, row in zip(range(limit), csv.DictReader(handle))]
    for row in rows:
        for v in extractor.extract_text(row["ocr_text"], kind="pathology_report").variants:
            counts[f"{v.gene} {v.alteration} {v.status}"] += 1
    print(f"TCGA pathology reports: {len(rows)}, variant findings: {sum(counts.values())}")
    for reading, n in counts.most_common(12):
        print(f"  {n:4d}  {reading}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--tcga", type=int, default=1000, help="TCGA reports to read (0: skip)")
    args = parser.parse_args()
    print(f"{'corpus':22s} {'docs':>5s} {'gold':>5s} {'measure':16s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for split in ("test", "train"):
        path = args.corpus_dir / "tmvar1" / f"tmvar1_{split}.PubTator.txt"
        docs = read_pubtator(path)
        gold = sum(len(d.gold) for d in docs)
        for measure, (p, r, f) in score(docs).items():
            print(f"{'tmVar1 ' + split:22s} {len(docs):5d} {gold:5d} {measure:16s} {p:6.3f} {r:6.3f} {f:6.3f}")
    if args.tcga:
        tcga_readings(args.corpus_dir.parent / "tcga-reports-dev" / "tcga_reports_dev.csv", args.tcga)


if __name__ == "__main__":
    main()
