"""Primary site the product reports on the TCGA development reports, against the organ of each cancer type.

Reads the same reports as ``tcga_t_category.py`` (real OCR'd English pathology reports with a registry
T1-T4; development/measurement only, never copied into the product), runs the whole extraction
(``Extractor.extract_text``, kind ``pathology_report``, the tagger included, as ``extract`` does) and
prints, per cancer type, the share of reports whose ``primary_site`` is the organ whose AJCC rules the
type is staged by (``ORGAN`` of ``tcga_t_category``: LUAD -> lung, KIRC -> kidney, ...), how many report
no site and how many another one. Empty OCR counts as wrong, as in the T benchmark.

Usage: .venv/bin/python benchmarks/tcga_primary_site.py [--csv PATH] [--limit N] [--types LUAD,LUSC]
       [--show-other N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tcga_t_category import DEFAULT_CSV, ORGAN, labelled_reports

from review_engine.nlp.pipeline import Extractor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--types", default="", help="comma-separated TCGA cancer types (default: all)"
    )
    parser.add_argument(
        "--show-other", type=int, default=0, help="print the N commonest wrong sites"
    )
    args = parser.parse_args()
    types = {t.strip() for t in args.types.split(",") if t.strip()}
    extractor = Extractor()
    started = time.perf_counter()
    read: dict[str, Counter[str]] = defaultdict(Counter)
    wrong: Counter[tuple[str, str]] = Counter()
    for row in labelled_reports(args.csv, args.limit):
        cancer = row["gold_cancer_type"]
        if cancer not in ORGAN or (types and cancer not in types):
            continue
        site = extractor.extract_text(row["ocr_text"], kind="pathology_report").primary_site
        outcome = "right" if site == ORGAN[cancer] else ("none" if site is None else "other")
        read[cancer][outcome] += 1
        if outcome == "other":
            wrong[(cancer, str(site))] += 1
    print(f"{'type':<22} {'n':>5} {'right':>7} {'share':>6} {'none':>5} {'other':>5}")
    total: Counter[str] = Counter()
    for cancer in sorted(read):
        _print_row(f"{cancer} ({ORGAN[cancer]})", read[cancer])
        total.update(read[cancer])
    _print_row("ALL", total)
    for (cancer, site), count in wrong.most_common(args.show_other):
        print(f"  {cancer} read as {site}: {count}")
    print(f"\n{sum(total.values())} reports in {time.perf_counter() - started:.1f} s")


def _print_row(label: str, counts: Counter[str]) -> None:
    n = sum(counts.values())
    share = counts["right"] / n if n else 0.0
    print(
        f"{label:<22} {n:>5} {counts['right']:>7} {share:>6.3f} {counts['none']:>5} {counts['other']:>5}"
    )


if __name__ == "__main__":
    main()
