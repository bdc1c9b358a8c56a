"""Runs the engine over the held-out (test) split and writes the figures.

    nice -n 10 .venv/bin/python benchmarks/eval_heldout.py [--corpus corpus_out] [--size 30] [--seed 7]

If CORPUS/test does not exist, a held-out-only corpus of SIZE claims is generated there first
(training never sees it: the split is written apart from train/dev). Writes
benchmarks/out/eval_heldout.json and benchmarks/out/eval_heldout.md. The default size keeps the run
near ten minutes on two cores (OCR dominates: about 2.5 documents and 3 pages per claim).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from review_engine.corpus import generate
from review_engine.evaluation import runner, table

OUT = Path(__file__).resolve().parent / "out"


def main() -> int:
    ap = argparse.ArgumentParser(description="eval on the held-out split")
    ap.add_argument("--corpus", default="corpus_out")
    ap.add_argument("--size", type=int, default=30, help="claims to score (and to generate when absent)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    heldout = Path(args.corpus) / "test"
    if not heldout.is_dir():
        print(f"generating {args.size} held-out claims in {heldout}", file=sys.stderr)
        generate(args.corpus, seed=args.seed, n_docs=0, n_claims=args.size, split_fractions=(0.0, 0.0, 1.0))
    cases = runner.find_cases(heldout)[: args.size]
    start = time.perf_counter()

    def progress(n: int, case: Path) -> None:
        print(f"\r[{n}/{len(cases)}] {case.name} {time.perf_counter() - start:.0f}s", end="", file=sys.stderr, flush=True)

    report = runner.evaluate(cases, runner.engine_reviewer(), progress).as_dict()
    print(file=sys.stderr)
    report["cases_dir"], report["cases"] = str(heldout), len(cases)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "eval_heldout.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    header = f"# Held-out evaluation\n\n{len(cases)} claims from `{heldout}` (seed {args.seed}).\n\n"
    (OUT / "eval_heldout.md").write_text(header + table.render(report, markdown=True) + "\n", encoding="utf-8")
    print(table.render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
