"""Inference latency of the NER model per report page, on one CPU core.

    python benchmarks/transformer_latency.py --data CORPUS/test [--model models/ner] [--pages 200] [--record]

Pages are the corpus's rendered report pages (``spans.jsonl`` texts split at form feeds).
The process is pinned to one core and onnxruntime runs one intra-op thread. ``--record``
writes ``latency.json`` beside the model and re-renders its model card. Target: p95 < 40 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from review_engine.nlp.transformer import TransformerTagger

PAGE_BREAK = "\f"


def report_pages(spans_file: Path, limit: int) -> list[str]:
    pages: list[str] = []
    for line in spans_file.read_text(encoding="utf-8").splitlines():
        if line.strip():
            pages += [p for p in json.loads(line)["text"].split(PAGE_BREAK) if p.strip()]
        if len(pages) >= limit:
            break
    return pages[:limit]


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to core {core}"
    return "not pinned"


def measure(tagger: TransformerTagger, pages: list[str], repeats: int, warmup: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """Wall and CPU milliseconds per page, one row per page, one column per repeat. CPU time
    (``time.process_time``) is what the page costs whatever else the machine runs."""
    for page in pages[:warmup]:
        tagger.predict(page)
    times, cpu = np.zeros((len(pages), repeats)), np.zeros((len(pages), repeats))
    for repeat in range(repeats):
        for index, page in enumerate(pages):
            started, started_cpu = time.perf_counter(), time.process_time()
            tagger.predict(page)
            times[index, repeat] = (time.perf_counter() - started) * 1000
            cpu[index, repeat] = (time.process_time() - started_cpu) * 1000
    return times, cpu


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a corpus split folder holding spans.jsonl")
    parser.add_argument("--model", type=Path, default=Path("models/ner"))
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3,
                        help="reads per page; the per-page minimum filters out time stolen by other processes")
    parser.add_argument("--record", action="store_true", help="write latency.json and re-render the model card")
    args = parser.parse_args(argv)
    pinned = pin_to_one_core()
    pages = report_pages(args.data / "spans.jsonl", args.pages)
    tagger = TransformerTagger(args.model, threads=1)
    tagger.load()
    times, cpu = measure(tagger, pages, args.repeats)
    best, best_cpu = times.min(axis=1), cpu.min(axis=1)
    result = {
        "command": "python " + shlex.join(["benchmarks/transformer_latency.py", *(argv or sys.argv[1:])]),
        "hardware": f"{cpu_name()} ({pinned})", "threads": 1, "pages": len(pages), "repeats": args.repeats,
        "load_average": os.getloadavg()[0], "mean_chars": float(np.mean([len(p) for p in pages])),
        "p50_ms": float(np.percentile(best, 50)), "p95_ms": float(np.percentile(best, 95)),
        "max_ms": float(best.max()),
        "all_reads_p50_ms": float(np.percentile(times, 50)), "all_reads_p95_ms": float(np.percentile(times, 95)),
        "cpu_p50_ms": float(np.percentile(best_cpu, 50)), "cpu_p95_ms": float(np.percentile(best_cpu, 95)),
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.record:
        (args.model / "latency.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        from training.model_card import write_model_card

        write_model_card(args.model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
