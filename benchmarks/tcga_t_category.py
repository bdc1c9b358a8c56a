"""T-category accuracy of the staging recognizer on the TCGA development reports.

Reads /work/shared/data/tcga-reports-dev/tcga_reports_dev.csv (real OCR'd English pathology reports
with registry AJCC pathologic T; development/measurement only, never copied into the product) and
prints, per cancer type (or per organ), the accuracy of the main T category (T1-T4):

- stated: reports whose text holds a pT-like token, scored on the recognizer's best stated T;
- overall: every report with a T1-T4 registry label, scored on the best stated or derived T, where T
  is derived from size / invaded structures where the report states none. Organs with AJCC rules:
  lung, breast, colorectum, stomach, kidney, urinary bladder, prostate, liver, intrahepatic bile
  duct, pancreas, head and neck (oral cavity, oropharynx, hypopharynx by size; larynx by structures),
  cervix. A report with no T counts as wrong (empty OCR included: empty_n). UTF-16 text that the corpus
holds one character per byte (NUL between letters) is decoded first.

The registry labels of TCGA (cases of 2006-2013) were coded mostly by AJCC 6th/7th; the product infers
by AJCC 8th (lung 5-7 cm: 8th T3, 7th T2b; liver: 8th T1a/T1b by 2 cm, major vein 8th T4, 7th T3b;
pancreas: 8th T3 over 4 cm, 7th T3 beyond the pancreas). Both are printed: overall_ajcc8 (what the
product does) and overall_ajcc7 (inference by the labels' own edition); ``--inference-edition``
prints one.

Usage: .venv/bin/python benchmarks/tcga_t_category.py [--csv PATH] [--limit N] [--by type|organ]
       [--inference-edition AJCC8|AJCC7] [--skip-empty] [--types LUAD,LUSC] [--dump FILE.json]

``--dump`` writes one record per report (case id, cancer type, registry T, the T read, whether it
was derived, stated, empty): the error list to study, with no report text in it.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from review_engine.nlp.recognizers import staging

DEFAULT_CSV = Path("/work/shared/data/tcga-reports-dev/tcga_reports_dev.csv")
# Independent of the recognizer: does the text contain something that looks like a pT?
_PT_LIKE = re.compile(r"(?<![A-Za-z])[pP]\s?T\s?[0-4lIO]")
_MAIN_T = re.compile(r"^T([1-4])")
# Reports whose OCR text is shorter than this hold nothing to read (counted, never excluded).
_EMPTY_CHARS = 100
# A text with at least this share of NUL characters is UTF-16 read one byte per character (some
# KICH reports): every other character is a NUL. Past a byte-order mark, dropping them decodes it.
_UTF16_NUL_SHARE = 0.3
_BYTE_ORDER_MARKS = ("\ufeff", "\xff\xfe", "\xfe\xff")
EDITIONS = ("AJCC8", "AJCC7")
# The organ whose AJCC T rules each TCGA cancer type is staged by.
ORGAN = {
    "BLCA": "bladder",
    "CESC": "cervix",
    "CHOL": "bile duct",
    "COAD": "colorectum",
    "READ": "colorectum",
    "HNSC": "head and neck",
    "KICH": "kidney",
    "KIRC": "kidney",
    "KIRP": "kidney",
    "LIHC": "liver",
    "LUAD": "lung",
    "LUSC": "lung",
    "PAAD": "pancreas",
    "PRAD": "prostate",
}


@dataclass(frozen=True)
class Scored:
    """One report: whether it states a pT, whether each edition's T is right, derived, empty."""

    states_pt: bool
    right: dict[str, bool]
    derived: dict[str, bool]
    empty: bool
    case: str = ""
    cancer_type: str = ""
    gold: str = ""
    found: dict[str, str | None] | None = None


def _main_t(category: str | None) -> str | None:
    match = _MAIN_T.match(category or "")
    return f"T{match.group(1)}" if match else None


def best_t(text: str, edition: str | None = None) -> tuple[str | None, bool]:
    """(main T of the best T mention, whether it was derived)."""
    best = staging.best_mention(staging.find(text, inference_edition=edition), "staging.t")
    if best is None:
        return None, False
    return _main_t(best.value), bool(best.attrs.get("derived"))


def decoded(text: str) -> str:
    """The report text, with UTF-16 that the corpus holds as one character per byte decoded (its
    NULs dropped, a byte-order mark removed); any other text as it is."""
    if not text or text.count("\x00") < _UTF16_NUL_SHARE * len(text):
        return text
    text = text.replace("\x00", "")
    for mark in _BYTE_ORDER_MARKS:
        text = text.removeprefix(mark)
    return text


def labelled_reports(path: Path, limit: int | None) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [
            {**r, "ocr_text": decoded(r["ocr_text"])}
            for r in csv.DictReader(handle)
            if _main_t(r["gold_ajcc_pathologic_t"])
        ]
    return rows[:limit] if limit else rows


def _table(results: dict[str, list[Scored]], editions: tuple[str, ...]) -> None:
    columns = "".join(f" {'overall_' + e.lower():>14}" for e in editions)
    derived = "".join(f" {'derived_' + e.lower():>14}" for e in editions)
    print(
        f"{'group':<22} {'n':>5} {'stated_n':>8} {'stated_acc':>10}{columns}{derived} {'empty_n':>7}"
    )
    totals: list[Scored] = []
    for group in sorted(results):
        _print_row(group, results[group], editions)
        totals += results[group]
    _print_row("ALL", totals, editions)


def _print_row(group: str, rows: list[Scored], editions: tuple[str, ...]) -> None:
    edition = editions[0]
    stated = [r.right[edition] for r in rows if r.states_pt]
    s_acc = f"{sum(stated) / len(stated):.3f}" if stated else "-"
    overall = "".join(f" {sum(r.right[e] for r in rows) / len(rows):>14.3f}" for e in editions)
    derived = "".join(f" {sum(r.derived[e] for r in rows):>14}" for e in editions)
    empty = sum(r.empty for r in rows)
    print(f"{group:<22} {len(rows):>5} {len(stated):>8} {s_acc:>10}{overall}{derived} {empty:>7}")


def _group(row: dict[str, str], by: str) -> str:
    cancer = row["gold_cancer_type"] or "?"
    organ = ORGAN.get(cancer, "?")
    return organ if by == "organ" else f"{cancer} ({organ})"


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
        "--types", default="", help="comma-separated TCGA cancer types to read (default: all)"
    )
    parser.add_argument("--dump", type=Path, default=None, help="write per-report records here")
    parser.add_argument(
        "--inference-edition",
        choices=EDITIONS,
        default=None,
        help="infer T by this AJCC edition only (default: both, AJCC8 as the product does and "
        "AJCC7, the registry labels' era)",
    )
    args = parser.parse_args()
    editions = (args.inference_edition,) if args.inference_edition else EDITIONS
    started = time.perf_counter()
    results: dict[str, list[Scored]] = defaultdict(list)
    types = {t.strip() for t in args.types.split(",") if t.strip()}
    for row in labelled_reports(args.csv, args.limit):
        if types and row["gold_cancer_type"] not in types:
            continue
        empty = len(row["ocr_text"].strip()) < _EMPTY_CHARS
        if empty and args.skip_empty:
            continue
        gold = _main_t(row["gold_ajcc_pathologic_t"])
        found = {e: best_t(row["ocr_text"], None if e == "AJCC8" else e) for e in editions}
        results[_group(row, args.by)].append(
            Scored(
                bool(_PT_LIKE.search(row["ocr_text"])),
                {e: t == gold for e, (t, _) in found.items()},
                {e: d for e, (_, d) in found.items()},
                empty,
                row["case_submitter_id"],
                row["gold_cancer_type"],
                row["gold_ajcc_pathologic_t"],
                {e: t for e, (t, _) in found.items()},
            )
        )
    _table(results, editions)
    if args.dump:
        records = [{**vars(s)} for rows in results.values() for s in rows]
        args.dump.write_text(json.dumps(records, indent=1))
    count = sum(len(v) for v in results.values())
    print(
        f"\n{count} reports, editions {', '.join(editions)}, in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
