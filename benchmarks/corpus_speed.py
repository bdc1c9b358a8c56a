"""How long the corpus generator takes for the target size (>= 2,000 documents, 600 claims, < 15 min on
2 cores) and whether the mix meets the targets (>= 35 % Chinese, >= 40 % scans).

    nice -n 10 .venv/bin/python benchmarks/corpus_speed.py [--docs 2000] [--claims 600] [--workers 2] [--out DIR]

Prints one line and writes benchmarks/out/corpus_speed.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from review_engine.corpus import generate

OUT = Path(__file__).resolve().parent / "out"
TARGET_SECONDS = 15 * 60


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--claims", type=int, default=600)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--out", help="keep the corpus here (default: a temporary folder, removed after)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(args.out) if args.out else Path(tmp) / "corpus"
        start, cpu_start = time.perf_counter(), time.process_time()
        s = generate(target, seed=args.seed, n_docs=args.docs, n_claims=args.claims, workers=args.workers)
        wall = time.perf_counter() - start
        size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    result = {
        "documents": s.documents, "claims": s.cases, "pages": s.pages, "seconds": round(wall, 1),
        "docs_per_second": round(s.documents / wall, 2), "workers": args.workers or os.cpu_count(),
        "cpu_count": os.cpu_count(), "load_average_1m": round(os.getloadavg()[0], 2),
        "zh_fraction": round(s.zh_fraction, 3), "scan_fraction": round(s.scan_fraction, 3),
        "by_split": s.by_split, "by_format": s.by_format, "megabytes": round(size / 2**20, 1),
        "meets_targets": wall < TARGET_SECONDS and s.documents >= 2000 and s.cases >= 600
        and s.zh_fraction >= 0.35 and s.scan_fraction >= 0.40,
        "parent_cpu_seconds": round(time.process_time() - cpu_start, 1),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "corpus_speed.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"{s.documents} documents / {s.cases} claims / {s.pages} pages in {wall:.0f} s "
          f"({result['docs_per_second']} docs/s, {result['workers']} workers, load {result['load_average_1m']}); "
          f"zh {s.zh_fraction:.0%}, scans {s.scan_fraction:.0%}, {result['megabytes']} MB; targets met: {result['meets_targets']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
