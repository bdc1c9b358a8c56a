"""Whole ``extract`` of a scanned page against the OCR engine's own time on that page (issue #4).

    nice -n 10 .venv/bin/python benchmarks/extract_vs_ocr.py [--repeat 3] [--cores 1] [--check]

Target: for a scanned page, the whole ``Engine.extract(path)`` (type sniffing, rasterising,
rotation and skew, OCR, layout, NLP, findings with evidence boxes) stays within 1.10x of the OCR
engine's own time on that page.

"The OCR engine's own time" is ``RapidOcrEngine.run_models``: the PP-OCR detector and recogniser
(RapidOCR with the sessions and threads ``knowledge/ocr/ocr.yaml`` and ``settings.ocr`` set) run on
the page image exactly as the pipeline hands it to them the first time (rasterised at
``settings.ocr.dpi``, turned to the first candidate orientation and deskewed), nothing else. A
re-read turned 180 or 90 degrees after a poor reading is our own rotation check, not the engine's
classifier (that one is off): it counts as overhead, and the ``calls`` column shows it.

Pages: the dense A4 page ``ocr_speed.py`` draws at 300 dpi, the scanned files under
``examples/*/docs/`` (image PDF, JPEG) and the digital example PDFs rendered to PNG at
``settings.ocr.dpi`` (the same pages ``ocr_speed.py`` reads). Engines and the NLP pipeline are loaded
before timing; both measurements run in this process with the same engine objects, so the
onnxruntime threads are the same for both (``--cores N`` pins the whole process to N cores).
Per file: best and median of ``--repeat`` runs, wall and CPU seconds (CPU of all threads of the
process: a loaded machine inflates wall time, hardly CPU time), their ratios, the load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ocr_speed import draw_dense_page, example_pages  # noqa: E402

from review_engine.engine import Engine  # noqa: E402
from review_engine.ocr.loader import open_document  # noqa: E402
from review_engine.ocr.orientation import frame_for, rotation_candidates  # noqa: E402

LIMIT = 1.10


@dataclass
class Timing:
    """Wall and CPU seconds of each run."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def add(self, run: Callable[[], object]) -> None:
        started, cpu = time.perf_counter(), time.process_time()
        run()
        self.wall.append(time.perf_counter() - started)
        self.cpu.append(time.process_time() - cpu)


def engine_images(engine: Engine, path: Path) -> list[np.ndarray]:
    """Each OCR'd page of ``path`` as the pipeline first hands it to the OCR engine."""
    reader = engine.reader
    tuning, settings = reader.tuning, reader.settings
    images = []
    with open_document(path, settings, tuning) as source:
        for number in range(1, source.page_count + 1):
            if source.direct_page(number)[0] is not None:
                continue  # a text layer: no OCR on this page
            image = np.asarray(source.page_image(number)[0])
            candidates, ink = rotation_candidates(image, tuning.orientation)
            frame = frame_for(image, candidates[0], ink, tuning.orientation, settings.ocr.deskew)
            images.append(frame.apply(image))
    return images


def counted_calls(engine: Engine) -> list[int]:
    """Count the OCR engine's model runs (one per page unless a page is re-read turned)."""
    ocr = engine.reader.engines.get(engine.settings.ocr.engine)
    calls, run = [0], ocr.run_models

    def counting(image: np.ndarray) -> object:
        calls[0] += 1
        return run(image)

    counting.__wrapped__ = run  # type: ignore[attr-defined]
    ocr.run_models = counting  # type: ignore[method-assign]
    return calls


def measure(engine: Engine, path: Path, repeat: int, calls: list[int]) -> tuple[Timing, Timing, int, int]:
    """(OCR engine's own, whole extract, pages OCR'd, OCR calls per extract). The two are run in turn,
    so a change in the machine's load falls on both."""
    ocr = engine.reader.engines.get(engine.settings.ocr.engine)
    run_models = getattr(ocr.run_models, "__wrapped__", ocr.run_models)  # not counted
    images = engine_images(engine, path)
    engine.extract(path)  # warm: the first extract of a file fills per-text caches
    own, whole = Timing(), Timing()
    calls[0] = 0
    for _ in range(repeat):
        own.add(lambda: [run_models(image) for image in images])
        whole.add(lambda: engine.extract(path))
    return own, whole, len(images), calls[0] // repeat


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement per file")
    parser.add_argument("--cores", type=int, default=0, help="pin the process to this many cores (0: all)")
    parser.add_argument("--limit", type=float, default=LIMIT)
    parser.add_argument("--check", action="store_true", help=f"exit 1 when a best-of ratio exceeds --limit ({LIMIT})")
    parser.add_argument("--no-examples", action="store_true", help="the dense page only")
    args = parser.parse_args()
    if args.cores and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, set(sorted(os.sched_getaffinity(0))[: args.cores]))
    engine = Engine().load()
    calls = counted_calls(engine)
    s = engine.settings.ocr
    print(f"engine {s.engine}, dpi {s.dpi}, max_side {s.max_side}, threads {s.threads or os.cpu_count()}, "
          f"page_workers {s.page_workers}; process on {len(os.sched_getaffinity(0))} core(s); best / median of {args.repeat}")
    print(f"{'file':<48} {'pages':>5} {'calls':>5} {'ocr wall':>14} {'extract wall':>14} {'ratio':>6} "
          f"{'ocr cpu':>13} {'extract cpu':>13} {'ratio':>6} {'load':>5}")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        dense = Path(tmp) / "dense_a4_300dpi.png"
        draw_dense_page(dense)
        files = [(dense, dense.name)]
        if not args.no_examples:
            files += [(path, label) for path, label, _, _ in example_pages(Path(tmp), s.dpi)]
        for path, label in files:
            own, whole, pages, ocr_calls = measure(engine, path, args.repeat, calls)
            if not pages:
                continue
            ratio_wall, ratio_cpu = min(whole.wall) / min(own.wall), min(whole.cpu) / min(own.cpu)
            worst = max(worst, ratio_wall, ratio_cpu)
            print(f"{label[:48]:<48} {pages:>5} {ocr_calls:>5} {_pair(own.wall):>14} {_pair(whole.wall):>14} {ratio_wall:>6.3f} "
                  f"{_pair(own.cpu):>13} {_pair(whole.cpu):>13} {ratio_cpu:>6.3f} {os.getloadavg()[0]:>5.1f}", flush=True)
    print(f"worst ratio {worst:.3f} (limit {args.limit}); seconds as best/median")
    return 1 if args.check and worst > args.limit else 0


def _pair(values: list[float]) -> str:
    return f"{min(values):.2f}/{statistics.median(values):.2f}"


if __name__ == "__main__":
    raise SystemExit(main())
