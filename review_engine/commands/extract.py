"""``review-engine extract FILE [--kind ...] [--format json|text]``: OCR + extraction, no decision."""

from __future__ import annotations

import argparse

from review_engine.commands._render import emit, findings_text


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("extract", help="OCR and extract findings from one document")
    p.add_argument("file")
    p.add_argument("--kind", choices=["genetic_report", "pathology_report", "auto"], default="auto")
    p.add_argument("--format", choices=["json", "text"], default="json")
    p.add_argument("--ocr-engine", choices=["rapidocr", "tesseract"], default=None)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from review_engine.engine import get_engine

    findings = get_engine().extract(args.file, kind=args.kind, ocr_engine=args.ocr_engine)
    emit(findings, args.format, findings_text)
    return 0
