"""``review-engine corpus generate --out DIR [--seed 7] [--docs N] [--claims M]``: the labelled corpus."""

from __future__ import annotations

import argparse


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    from review_engine.corpus.cli import add_generate_arguments

    p = subparsers.add_parser("corpus", help="labelled report corpus (generate)")
    sub = p.add_subparsers(dest="corpus_command", required=True)
    add_generate_arguments(sub.add_parser("generate", help="write realistic reports, claims and gold labels"))
