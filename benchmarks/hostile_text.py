"""Seconds to extract from hostile text: megabyte lines, deep brackets, long runs, many lines.

    nice -n 10 .venv/bin/python benchmarks/hostile_text.py [--registry all|variant]

Requirement (task brief): a 1 MB line finishes in < 1 s, and time grows roughly
linearly with the input. Each case is timed in CPU seconds (process time) through
``Extractor.extract_text``; the growth check times 1x and 4x the same text.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from review_engine.nlp.pipeline import Extractor

MB = 1_000_000
VARIANT_REGISTRY = [
    "review_engine.nlp.recognizers.variants",
    "review_engine.nlp.recognizers.fusions",
    "review_engine.nlp.recognizers.copy_number",
    "review_engine.nlp.recognizers.genes_tested",
]


def megabyte_lines(rng: random.Random) -> dict[str, str]:
    return {
        "letters": "A" * MB,
        "digits": "7" * MB,
        "brackets (deep nesting)": "(" * (MB // 2) + ")" * (MB // 2),
        "hgvs run": "p.L858R c.2573T>G EGFR " * (MB // 23),
        "dash chain EML4-EML4-": "EML4-" * (MB // 5),
        "glued genes": "EGFRKRASBRAF" * (MB // 12),
        "exon words": "19号外显子缺失" * (MB // 8),
        "random symbols": "".join(rng.choice("EGFRL858Rp.c_()>-: 阳性19del%") for _ in range(MB)),
    }


def cpu_seconds(extractor: Extractor, text: str) -> float:
    start = time.process_time()
    extractor.extract_text(text)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registry", choices=["all", "variant"], default="all")
    parser.add_argument("--no-model", action="store_true", help="leave out optional model components (rules only)")
    args = parser.parse_args()
    extractor = Extractor(recognizers=VARIANT_REGISTRY if args.registry == "variant" else None,
                          optional_components=not args.no_model)
    rng = random.Random(7)
    lines = megabyte_lines(rng)
    # A loaded engine serves many documents: compile the lazily built patterns each case reaches
    # (on a short prefix) before timing, so the figures are the text's own cost.
    for text in lines.values():
        extractor.extract_text(text[:2000])
    print(f"one line of 1 MB ({args.registry} recognizers), CPU seconds:")
    for name, text in lines.items():
        print(f"  {name:26s} {cpu_seconds(extractor, text):6.3f}")
    # Python's cyclic garbage collector runs more often, over more objects, as a document
    # grows; timing with it paused shows the extractor's own growth.
    row = "EGFR | c.2573T>G | p.L858R | 外显子21 | 23.5% | 阳性\n"
    for paused in (False, True):
        print(f"growth (report rows, 1x -> 4x), garbage collector {'paused' if paused else 'running'}:")
        if paused:
            gc.disable()
        for copies in (500, 2000):
            print(f"  {copies:5d} lines {len(row) * copies:8d} chars {cpu_seconds(extractor, row * copies):6.3f}")
        gc.enable()


if __name__ == "__main__":
    main()
