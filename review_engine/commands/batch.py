"""``review-engine batch DIR_OR_JSONL [--out results.jsonl] [--workers N]``.

Reviews many claims with ONE loaded engine (models and OCR engines load once), a
progress bar and a summary on stderr, one Review result per line in ``--out``
(stdout when omitted), in input order. A claim that is bad input is reported on
stderr and skipped; the exit code is then 2 (1 if any claim hit an internal error).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqdm import tqdm

from review_engine.errors import BadInputError, DocumentNotFoundError, Problem


@dataclass(frozen=True)
class _Job:
    label: str
    claim: Path | dict[str, Any]
    base_dir: Path | None


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("batch", help="review many claims with one loaded engine")
    p.add_argument("source", help="a folder (every */claim.json under it) or a JSONL file of claims")
    p.add_argument("--out", default=None, help="results JSONL (default: stdout)")
    p.add_argument("--workers", type=int, default=1, help="claims reviewed concurrently (default 1)")
    p.set_defaults(func=run)


def iter_jobs(source: Path) -> Iterator[_Job]:
    """Claims from a folder tree or a JSONL file (paths relative to the JSONL file's folder)."""
    if source.is_dir():
        for path in sorted(source.rglob("claim.json")):
            yield _Job(str(path), path, None)
    elif source.is_file():
        with source.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                if line.strip():
                    try:
                        data = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise BadInputError(f"{source}:{number}", exc.msg, Problem.INVALID_JSON) from exc
                    yield _Job(f"{source}:{number}", data, source.resolve().parent)
    else:
        raise DocumentNotFoundError(str(source))


def _review_one(job: _Job) -> tuple[_Job, dict[str, Any] | None, str | None, str | None]:
    from review_engine.engine import get_engine

    try:
        result = get_engine().review(job.claim, base_dir=job.base_dir)
        return job, result.model_dump(mode="json"), None, None
    except BadInputError as exc:
        return job, None, exc.message, None
    except Exception as exc:  # noqa: BLE001 (the batch's edge: one claim's internal error is recorded, the batch goes on)
        return job, None, None, f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"


def run(args: argparse.Namespace) -> int:
    from review_engine.engine import get_engine

    jobs = list(iter_jobs(Path(args.source)))
    get_engine().load()  # load once, before the workers start
    started = time.perf_counter()
    outcomes: Counter[str] = Counter()
    with (
        (open(args.out, "w", encoding="utf-8") if args.out else nullcontext(sys.stdout)) as out,
        ThreadPoolExecutor(max_workers=max(1, args.workers)) as pool,
    ):
        bar = tqdm(total=len(jobs), file=sys.stderr, unit="claim", desc="reviewing")
        for job, result, bad, internal in pool.map(_review_one, jobs):
            bar.update(1)
            if result is not None:
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
                out.flush()
                outcomes[result["decision"]] += 1
            else:
                outcomes["bad_input" if bad else "internal_error"] += 1
                tqdm.write(f"review-engine: error: {job.label}: {bad or internal}", file=sys.stderr)
        bar.close()
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())) or "nothing to review"
    print(f"batch: {len(jobs)} claims in {elapsed:.1f} s: {summary}", file=sys.stderr)
    if outcomes["internal_error"]:
        return 1
    return 2 if outcomes["bad_input"] else 0
