"""Decision speed once findings exist: decide() over the review scenario table, one core.

Run: .venv/bin/python benchmarks/decide_speed.py [--rounds 50]
Target (issue 5): < 5 ms per claim.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "review"))

from review_scenarios import SCENARIOS

from review_engine.knowledge_graph import load_knowledge
from review_engine.review import decide
from review_engine.settings import PolicySettings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    graph, policy = load_knowledge(), PolicySettings()
    cases = [(s.claim(lang), s.findings, s.unreadable) for s in SCENARIOS for lang in ("zh", "en")]
    for claim, findings, unreadable in cases:  # warm caches (claim-text parser, graph indexes)
        decide(claim, findings, unreadable, graph, policy)
    timings = []
    for _ in range(args.rounds):
        for claim, findings, unreadable in cases:
            start = time.perf_counter()
            decide(claim, findings, unreadable, graph, policy)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[int(0.95 * len(timings)) - 1]
    print(f"claims decided: {len(timings)} ({len(cases)} scenarios x {args.rounds} rounds)")
    print(f"ms per claim: mean {statistics.mean(timings):.2f}, median {statistics.median(timings):.2f}, "
          f"p95 {p95:.2f}, max {timings[-1]:.2f}")
    return 0 if p95 < 5 else 1


if __name__ == "__main__":
    sys.exit(main())
