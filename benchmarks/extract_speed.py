"""Milliseconds of extraction per report page (text -> DocumentFindings), on one core.

    nice -n 10 .venv/bin/python benchmarks/extract_speed.py [--registry all|variant] [--repeat 20]

Pages: the two report fixtures of tests/nlp/fixtures (Chinese and English NGS reports),
and a dense page built by repeating their result rows to ~2,500 characters (a full A4
page of report text). OCR is not included: the input is a ParsedDocument with one box
per word, as the OCR layer hands it over. The extractor is built once, before timing
(the engine caches it per process). Target (task brief): < 30 ms per page.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from review_engine.nlp.pipeline import Extractor, synthetic_document

FIXTURES = REPO / "tests" / "nlp" / "fixtures"
VARIANT_REGISTRY = [
    "review_engine.nlp.recognizers.variants",
    "review_engine.nlp.recognizers.fusions",
    "review_engine.nlp.recognizers.copy_number",
    "review_engine.nlp.recognizers.genes_tested",
]


def pages() -> dict[str, str]:
    zh = (FIXTURES / "ngs_report_zh.txt").read_text(encoding="utf-8")
    en = (FIXTURES / "ngs_report_en.txt").read_text(encoding="utf-8")
    dense = (zh + "\n" + en) * max(1, 2500 // len(zh + en) + 1)
    return {"zh_report": zh, "en_report": en, "dense_page": dense[:2600]}


def time_page(extractor: Extractor, text: str, repeat: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds per extraction (CPU time is what other jobs on a shared machine do not inflate)."""
    doc = synthetic_document(text)
    extractor.extract(doc)  # warm caches (first call compiles nothing, but fills lru caches)
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        extractor.extract(doc)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registry", choices=["all", "variant"], default="all")
    parser.add_argument("--no-model", action="store_true", help="leave out optional model components (rules only)")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    start = time.perf_counter()
    extractor = Extractor(recognizers=VARIANT_REGISTRY if args.registry == "variant" else None,
                          optional_components=not args.no_model)
    print(f"extractor built in {(time.perf_counter() - start) * 1000:.0f} ms; components {extractor.nlp.pipe_names}")
    print(f"{'page':12s} {'chars':>6s} {'wall median':>12s} {'wall p90':>9s} {'CPU median':>11s} {'variants':>9s}")
    for name, text in pages().items():
        wall, cpu = time_page(extractor, text, args.repeat)
        wall.sort()
        found = len(extractor.extract_text(text).variants)
        p90 = wall[int(0.9 * (len(wall) - 1))]
        print(f"{name:12s} {len(text):6d} {statistics.median(wall):12.1f} {p90:9.1f} {statistics.median(cpu):11.1f} {found:9d}")
    print(f"milliseconds; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores while measuring")


if __name__ == "__main__":
    main()
