"""Variant status read from result tables of random layout: how often a negative or VUS row reads detected.

Writes random genetic-report result tables (English or Chinese; cells separated by a tab, two spaces,
one space or ' | '; gene, exon, cDNA, protein change in one- or three-letter form, VAF, depth,
transcript, significance and status columns; with or without a header row; three rows per document,
one positive and two negatives or a VUS), reads each with the extraction (``Extractor.extract_text``,
the tagger included) and prints, per outcome, how many rows were read how:

- unsafe: a negative or VUS row read as detected (what could carry a claim to an approval);
- missed_positive: a positive row read as not detected;
- missing: a row whose gene gives no finding at all;
- other: any other wrong status (a negative read as VUS or indeterminate: it routes to a person).

``--layouts realistic`` keeps the gene first and the status after the change (reports as labs print
them: descriptors, then measures around the status); ``any`` shuffles the columns. Synthetic, so a
regression check for the status rules, not an accuracy on real reports.

Usage: .venv/bin/python benchmarks/table_status_probe.py [--docs 300] [--seed 7]
       [--layouts realistic|any] [--no-decimals] [--show 5] [--shown unsafe|missed_positive|other|missing]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from review_engine.nlp.pipeline import Extractor

# gene, exon, cDNA, one-letter change, three-letter change, transcript, short change
VARIANTS = (
    ("EGFR", "21", "c.2573T>G", "p.L858R", "p.Leu858Arg", "NM_005228.5", "L858R"),
    ("KRAS", "2", "c.34G>T", "p.G12C", "p.Gly12Cys", "NM_004985.5", "G12C"),
    ("BRAF", "15", "c.1799T>A", "p.V600E", "p.Val600Glu", "NM_004333.6", "V600E"),
    ("PIK3CA", "20", "c.3140A>G", "p.H1047R", "p.His1047Arg", "NM_006218.4", "H1047R"),
    ("NRAS", "3", "c.181C>A", "p.Q61K", "p.Gln61Lys", "NM_002524.5", "Q61K"),
)
STATUS_WORDS = {
    "neg": {
        "en": ("Not detected", "Negative", "Wild type", "WT", "No mutation", "-", "ND", "NEGATIVE"),
        "zh": ("未检出", "阴性", "野生型", "-", "未检测到", "无突变"),
    },
    "pos": {
        "en": ("Detected", "Positive", "Mutation detected", "Mutant"),
        "zh": ("阳性", "检出", "突变型", "检测到", "突变"),
    },
    "vus": {"en": ("VUS", "Uncertain significance"), "zh": ("意义未明", "临床意义未明")},
}
EXPECTED = {"pos": "detected", "neg": "not_detected", "vus": "vus"}
HEADER = {
    "en": {
        "gene": "Gene",
        "exon": "Exon",
        "cdna": "cDNA change",
        "p1": "Protein change",
        "p3": "Amino acid change",
        "vaf": "VAF",
        "depth": "Depth",
        "tx": "Transcript",
        "sig": "Clinical significance",
    },
    "zh": {
        "gene": "基因",
        "exon": "外显子",
        "cdna": "核苷酸变化",
        "p1": "氨基酸变化",
        "p3": "氨基酸变化",
        "vaf": "丰度",
        "depth": "测序深度",
        "tx": "转录本",
        "sig": "临床意义",
    },
}
STATUS_HEADER = {"en": ("Result", "Status", "Detection result"), "zh": ("检测结果", "结果", "状态")}
SEPARATORS = {"tab": "\t", "2sp": "  ", "1sp": " ", "pipe": " | "}
PREAMBLE = {
    "en": (
        "Genetic Testing Report\nTest results\n",
        "Genetic Testing Report\n",
        "NGS report\nSomatic variants\n",
    ),
    "zh": ("基因检测报告\n检测结果\n", "基因检测报告\n", "肿瘤基因检测报告\n体细胞变异\n"),
}


def _cell(
    column: str,
    variant: tuple[str, ...],
    lang: str,
    kind: str,
    status: str,
    decimals: bool,
    rng: random.Random,
) -> str:
    gene, exon, cdna, one_letter, three_letter, transcript, short = variant
    if column == "exon":
        return ("Exon " if lang == "en" else "") + exon if rng.random() < 0.5 else exon
    if column == "p1":
        return one_letter if rng.random() < 0.7 else short
    if column == "depth":
        return rng.choice(("1523", "2000x", "1,523") if decimals else ("1523", "2000x"))
    if column == "vaf":
        if kind == "pos":
            return rng.choice(("12%", "1.2%", "23.5%") if decimals else ("12%", "23%"))
        return rng.choice(("-", "N/A", "<0.1%", "0.0%", "0%") if decimals else ("-", "N/A", "0%"))
    if column == "sig":
        if kind == "pos":
            return rng.choice(("Tier I", "Tier II") if lang == "en" else ("I类", "致病", "II类"))
        return rng.choice(("Tier III",) if lang == "en" else ("III类",)) if kind == "vus" else "-"
    return {"gene": gene, "cdna": cdna, "p3": three_letter, "tx": transcript, "status": status}[
        column
    ]


def _columns(rng: random.Random, layouts: str) -> list[str]:
    change = rng.choice(("p1", "p3"))
    if layouts == "realistic":
        described = rng.choice(
            (
                [change],
                ["exon", change],
                ["exon", "cdna", change],
                ["cdna", change],
                [change, "cdna"],
                ["tx", "exon", "cdna", change],
                ["tx", "cdna", change],
            )
        )
        measures = [c for c in ("vaf", "depth", "sig") if rng.random() < 0.4]
        rng.shuffle(measures)
        at = rng.randrange(0, len(measures) + 1) if rng.random() < 0.4 else len(measures)
        return ["gene", *described, *measures[:at], "status", *measures[at:]]
    columns = ["gene", change] + [
        c for c in ("exon", "cdna", "vaf", "depth", "tx", "sig") if rng.random() < 0.4
    ]
    rng.shuffle(columns)
    if rng.random() < 0.7:
        columns.remove("gene")
        columns.insert(0, "gene")
    columns.insert(
        len(columns) if rng.random() < 0.75 else rng.randrange(1, len(columns) + 1), "status"
    )
    return columns


def document(rng: random.Random, layouts: str, decimals: bool) -> tuple[str, dict[str, str], str]:
    """A report's result table, the status each gene's row should read, and its separator's name."""
    lang, separator = rng.choice(("en", "zh")), rng.choice(tuple(SEPARATORS))
    columns = _columns(rng, layouts)
    kinds = ["pos", "neg", "vus" if rng.random() < 0.2 else "neg"]
    rng.shuffle(kinds)
    gap = SEPARATORS[separator]
    text = rng.choice(PREAMBLE[lang])
    if rng.random() < 0.5:
        text += (
            gap.join(
                rng.choice(STATUS_HEADER[lang]) if c == "status" else HEADER[lang][c]
                for c in columns
            )
            + "\n"
        )
    expected = {}
    for variant, kind in zip(rng.sample(VARIANTS, 3), kinds):
        status = rng.choice(STATUS_WORDS[kind][lang])
        text += (
            gap.join(_cell(c, variant, lang, kind, status, decimals, rng) for c in columns) + "\n"
        )
        expected[variant[0]] = EXPECTED[kind]
    return text, expected, separator


def outcome(want: str, got: str | None) -> str:
    if got is None:
        return "missing"
    if got == want:
        return "right"
    if want in ("not_detected", "vus") and got == "detected":
        return "unsafe"
    return "missed_positive" if want == "detected" and got == "not_detected" else "other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--layouts", choices=("realistic", "any"), default="any")
    parser.add_argument("--no-decimals", action="store_true", help="no '0.0%%' or '1,523' cells")
    parser.add_argument("--show", type=int, default=0, help="print the first N documents of the --shown outcome")
    parser.add_argument("--shown", default="unsafe", choices=("unsafe", "missed_positive", "other", "missing"),
                        help="the outcome whose documents --show prints (default unsafe)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    extractor = Extractor()
    started = time.perf_counter()
    counts: Counter[str] = Counter()
    by_separator: Counter[tuple[str, str]] = Counter()
    shown = 0
    for _ in range(args.docs):
        text, expected, separator = document(rng, args.layouts, not args.no_decimals)
        read: dict[str, list[str]] = {}
        for variant in extractor.extract_text(text).variants:
            read.setdefault(variant.gene, []).append(variant.status)
        for gene, want in expected.items():
            for got in read.get(gene) or [None]:
                result = outcome(want, got)
                counts[result] += 1
                by_separator[(result, separator)] += 1
                if result == args.shown and shown < args.show:
                    shown += 1
                    print(f"--- {gene}: {want} read as {got}\n{text}")
    rows = sum(counts.values())
    print(
        f"{args.docs} documents ({args.layouts} layouts, seed {args.seed}), {rows} row readings "
        f"in {time.perf_counter() - started:.1f} s"
    )
    for result in ("right", "unsafe", "missed_positive", "other", "missing"):
        per = ", ".join(f"{s} {n}" for (r, s), n in sorted(by_separator.items()) if r == result)
        print(
            f"  {result:<16} {counts[result]:>5}  ({per})"
            if per
            else f"  {result:<16} {counts[result]:>5}"
        )


if __name__ == "__main__":
    main()
