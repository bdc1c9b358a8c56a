"""``review-engine review CLAIM.json [--format json|text]``: full pre-review of one claim."""

from __future__ import annotations

import argparse

from review_engine.commands._render import emit, review_text


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("review", help="full pre-review of one claim")
    p.add_argument("claim", help="path to claim.json (document paths are relative to its folder)")
    p.add_argument("--format", choices=["json", "text"], default="json")
    p.add_argument("--ocr-engine", choices=["rapidocr", "tesseract"], default=None,
                   help="override the configured OCR engine for this run")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from review_engine.engine import get_engine

    result = get_engine().review(args.claim, ocr_engine=args.ocr_engine)
    emit(result, args.format, review_text)
    return 0
