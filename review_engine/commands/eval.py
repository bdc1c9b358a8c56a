"""``review-engine eval CASES_DIR [--out report.json]``: score the engine on labelled cases."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from review_engine.errors import BadInputError


class CasesDirError(BadInputError):
    """The eval's folder is missing or holds no labelled case (errors.Problem has no template for this)."""

    @property
    def message(self) -> str:
        return f"{self.path}: {self.detail}"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("eval", help="run over labelled cases (*/claim.json + */gold.json) and score them")
    p.add_argument("cases_dir", help="folder of case folders, e.g. corpus_out/test")
    p.add_argument("--out", help="write the full report as JSON here")
    p.add_argument("--markdown", help="also write the tables as markdown here")
    p.add_argument("--limit", type=int, default=None, help="score only the first N cases (sorted by folder name)")
    p.set_defaults(func=handler)


def handler(args: argparse.Namespace) -> int:
    from review_engine.evaluation import runner, table

    root = Path(args.cases_dir)
    if not root.is_dir():
        raise CasesDirError(str(root), "no such folder")
    cases = runner.find_cases(root)[: args.limit]
    if not cases:
        raise CasesDirError(str(root), "no case folder (claim.json with gold.json beside it) under this folder")

    def progress(n: int, case: Path) -> None:
        print(f"\r[{n}/{len(cases)}] {case.name}", end="", file=sys.stderr, flush=True)

    evaluation = runner.evaluate(cases, runner.engine_reviewer(), progress)
    print(file=sys.stderr)
    report = evaluation.as_dict()
    print(table.render(report))
    if args.out:
        Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.markdown:
        Path(args.markdown).write_text(table.render(report, markdown=True) + "\n", encoding="utf-8")
    return 0
