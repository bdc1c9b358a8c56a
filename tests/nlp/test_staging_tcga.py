"""T category on real, noisily OCR'd TCGA pathology reports (development data in /work/shared, never copied).

Skipped where the data set is not present. The fast test reads a fixed slice of lung and colorectal
reports; the slow one runs the whole benchmark's measure (benchmarks/tcga_t_category.py).
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from review_engine.nlp.recognizers import staging

TCGA_CSV = Path("/work/shared/data/tcga-reports-dev/tcga_reports_dev.csv")
_PT_LIKE = re.compile(r"(?<![A-Za-z])[pP]\s?T\s?[0-4lIO]")
_MAIN_T = re.compile(r"^T([1-4])")

pytestmark = pytest.mark.skipif(
    not TCGA_CSV.exists(), reason="TCGA development reports are not present"
)


def _reports(organs: set[str]) -> Iterator[tuple[str, str]]:
    """(report text, registry main T) for reports of these organ folders with a T1-T4 label."""
    csv.field_size_limit(sys.maxsize)
    with TCGA_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            gold = _MAIN_T.match(row["gold_ajcc_pathologic_t"])
            if row["organ_folder"] in organs and gold:
                yield row["ocr_text"], f"T{gold.group(1)}"


def _main_t(text: str) -> str | None:
    best = staging.best_mention(staging.find(text), "staging.t")
    match = _MAIN_T.match(best.value) if best else None
    return f"T{match.group(1)}" if match else None


def _accuracy(pairs: list[tuple[str, str]]) -> float:
    return sum(_main_t(text) == gold for text, gold in pairs) / len(pairs)


def test_staging_tcga_stated_t_sample() -> None:
    stated = [(t, g) for t, g in _reports({"LUNG", "CRC"}) if _PT_LIKE.search(t)][:300]
    assert _accuracy(stated) >= 0.96  # measured 0.973


@pytest.mark.slow
def test_staging_tcga_lung_colorectal_all_reports() -> None:
    # Stated where the report states a pT, derived (size, invasion, nodes) where it does not.
    assert _accuracy(list(_reports({"CRC"}))) >= 0.87  # measured 0.887
    assert _accuracy(list(_reports({"LUNG"}))) >= 0.72  # measured 0.732
