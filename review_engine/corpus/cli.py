"""Command-line front of the generator (``python -m review_engine.corpus generate ...`` and
``review-engine corpus generate ...`` share this parser)."""

from __future__ import annotations

import argparse
import sys
import time


def add_generate_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, help="output folder (created; existing case folders are overwritten)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--docs", type=int, default=2000, help="at least this many documents")
    p.add_argument("--claims", type=int, default=600, help="at least this many claims")
    p.add_argument("--split-fractions", type=_fractions, default=(0.7, 0.15, 0.15), metavar="TRAIN,DEV,TEST",
                   help="fractions of cases per split, e.g. 0.7,0.15,0.15")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    p.set_defaults(func=run_generate)


def _fractions(text: str) -> tuple[float, float, float]:
    parts = [float(x) for x in text.split(",")]
    if len(parts) != 3 or any(x < 0 for x in parts) or sum(parts) <= 0:
        raise argparse.ArgumentTypeError("give three non-negative fractions: TRAIN,DEV,TEST")
    return parts[0], parts[1], parts[2]


def run_generate(args: argparse.Namespace) -> int:
    from review_engine.corpus.generator import generate

    start = time.perf_counter()
    s = generate(args.out, seed=args.seed, n_docs=args.docs, n_claims=args.claims,
                 split_fractions=args.split_fractions, workers=args.workers)
    elapsed = time.perf_counter() - start
    print(f"{s.cases} claims, {s.documents} documents, {s.pages} pages in {elapsed:.1f} s "
          f"(zh {s.zh_fraction:.0%}, scans {s.scan_fraction:.0%}); splits {s.by_split}; formats {s.by_format}",
          file=sys.stderr)
    return 0


def add_degrade_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", required=True, help="a corpus written by 'generate'")
    p.add_argument("--split", default="test", help="the split to re-render (default: test, the held-out one)")
    p.add_argument("--out", required=True, help="output folder, a corpus of its own")
    p.add_argument("--seed", type=int, default=71, help="seed of the degradation draws")
    p.set_defaults(func=run_degrade)


def run_degrade(args: argparse.Namespace) -> int:
    from pathlib import Path

    from review_engine.corpus.degraded import degrade_corpus

    start = time.perf_counter()
    s = degrade_corpus(Path(args.corpus), args.split, Path(args.out), args.seed)
    print(f"{s.cases} cases, {s.documents} documents, {s.pages} pages as degraded scans in "
          f"{time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m review_engine.corpus", description="labelled report corpus")
    sub = parser.add_subparsers(dest="command", required=True)
    add_generate_arguments(sub.add_parser("generate", help="write a labelled corpus"))
    add_degrade_arguments(sub.add_parser("degrade", help="re-render one split of a corpus as poor scans"))
    args = parser.parse_args(argv)
    return args.func(args)
