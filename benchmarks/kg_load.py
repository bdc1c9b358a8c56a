"""Knowledge-graph load time: parse + validate + build, cold in a fresh interpreter and warm in-process.

Run: .venv/bin/python benchmarks/kg_load.py [--repeat 5]
Target (issue 5): < 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COLD = ("import time; t=time.perf_counter(); from review_engine.knowledge_graph import load_knowledge; "
        "g=load_knowledge(); print(time.perf_counter()-t, g.version)")


def _warm_once() -> float:
    from review_engine.knowledge_graph.checks import check_references
    from review_engine.knowledge_graph.graph import KnowledgeGraph
    from review_engine.knowledge_graph.loader import default_guidelines_dir, read_folder

    start = time.perf_counter()
    raw = read_folder(default_guidelines_dir())
    check_references(raw)
    KnowledgeGraph(raw)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cold = []
    for _ in range(args.repeat):
        out = subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True).stdout.split()
        cold.append(float(out[0]))
    warm = [_warm_once() for _ in range(args.repeat)]
    print(f"knowledge version {out[1]}")
    print(f"cold (import + load), s: median {statistics.median(cold):.3f}, max {max(cold):.3f}")
    print(f"warm (parse + validate + build), s: median {statistics.median(warm):.3f}, max {max(warm):.3f}")
    return 0 if max(cold) < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
