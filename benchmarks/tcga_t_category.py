"""T-category accuracy of the staging recognizer on the TCGA development reports.

Reads /work/shared/data/tcga-reports-dev/tcga_reports_dev.csv (real OCR'd English pathology reports
with registry AJCC pathologic T; development/measurement only, never copied into the product) and
prints, per cancer type and organ folder, the accuracy of the main T category (T1-T4):

- stated: reports whose text holds a pT-like token, scored on the recognizer's best stated T;
- overall: every report with a T1-T4 registry label, scored on the best stated or derived T
  (derived from size / invasion / nodes where the organ has AJCC inference rules: lung,
  colorectum, stomach, breast); a report with no T counts as wrong.

The registry labels of TCGA (cases of 2006-2013) were coded mostly by AJCC 6th/7th; the product infers
by AJCC 8th, under which lung tumours of 5-7 cm are T3 (7th: T2b) and over 7 cm T4 (7th: T3).
``--inference-edition AJCC7`` measures the inference against the labels' own edition.

Usage: .venv/bin/python benchmarks/tcga_t_category.py [--csv PATH] [--limit N] [--by organ|type]
       [--inference-edition AJCC7] [--skip-empty]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from review_engine.nlp.recognizers import staging

DEFAULT_CSV = Path("/work/shared/data/tcga-reports-dev/tcga_reports_dev.csv")
# Independent of the recognizer: does the text contain something that looks like a pT?
_PT_LIKE = re.compile(r"(?<![A-Za-z])[pP]\s?T\s?[0-4lIO]")
_MAIN_T = re.compile(r"^T([1-4])")
# Reports whose OCR text is shorter than this hold nothing to read (counted, never excluded).
_EMPTY_CHARS = 100


def _main_t(category: str | None) -> str | None:
    match = _MAIN_T.match(category or "")
    return f"T{match.group(1)}" if match else None


def best_t(text: str, edition: str | None = None) -> tuple[str | None, bool]:
    """(main T of the best T mention, whether it was derived)."""
    best = staging.best_mention(staging.find(text, inference_edition=edition), "staging.t")
    if best is None:
        return None, False
    return _main_t(best.value), bool(best.attrs.get("derived"))


def _rows(path: Path, limit: int | None) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if _main_t(r["gold_ajcc_pathologic_t"])]
    return rows[:limit] if limit else rows


def _table(results: dict[str, list[tuple[bool, bool, bool, bool]]]) -> None:
    print(
        f"{'group':<12} {'n':>5} {'stated_n':>8} {'stated_acc':>10} {'overall_acc':>11} {'derived_n':>9} {'empty_n':>7}"
    )
    totals: list[tuple[bool, bool, bool, bool]] = []
    for group in sorted(results):
        _print_row(group, results[group])
        totals += results[group]
    _print_row("ALL", totals)


def _print_row(group: str, rows: list[tuple[bool, bool, bool, bool]]) -> None:
    stated = [ok for has_pt, ok, _, _ in rows if has_pt]
    overall = [ok for _, ok, _, _ in rows]
    derived = sum(1 for _, _, d, _ in rows if d)
    empty = sum(1 for *_, e in rows if e)
    s_acc = f"{sum(stated) / len(stated):.3f}" if stated else "-"
    print(
        f"{group:<12} {len(rows):>5} {len(stated):>8} {s_acc:>10} {sum(overall) / len(overall):>11.3f}"
        f" {derived:>9} {empty:>7}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--by", choices=("organ", "type"), default="type")
    parser.add_argument(
        "--skip-empty",
        action="store_true",
        help=f"leave out reports whose OCR text has under {_EMPTY_CHARS} characters",
    )
    parser.add_argument(
        "--inference-edition",
        default=None,
        help="infer T by this AJCC edition (AJCC7: the registry labels' era) instead of AJCC8",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    results: dict[str, list[tuple[bool, bool, bool, bool]]] = defaultdict(list)
    for row in _rows(args.csv, args.limit):
        gold = _main_t(row["gold_ajcc_pathologic_t"])
        predicted, derived = best_t(row["ocr_text"], args.inference_edition)
        group = row["organ_folder"] if args.by == "organ" else (row["gold_cancer_type"] or "?")
        empty = len(row["ocr_text"].strip()) < _EMPTY_CHARS
        if empty and args.skip_empty:
            continue
        results[group].append(
            (bool(_PT_LIKE.search(row["ocr_text"])), predicted == gold, derived, empty)
        )
    _table(results)
    count = sum(len(v) for v in results.values())
    print(f"\n{count} reports in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
