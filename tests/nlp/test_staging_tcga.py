"""T category on real, noisily OCR'd TCGA pathology reports (development data in /work/shared, never copied).

Skipped where the data set is not present. The fast tests read fixed slices: stated T on lung and
colorectal reports, inferred T on reports of the other organs that state no pT; the slow one runs the
whole benchmark's measure per organ folder (benchmarks/tcga_t_category.py).
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


# Organ folders whose T is inferred by the kidney, bladder, prostate, liver, cervix, pancreas and
# head-and-neck rules (knowledge/nlp/staging/inference_patterns.yaml).
_INFERRED_ORGANS = {"KIDNEY", "BLADDER", "PROSTATE", "LIVER", "CERVIX", "PANCREAS", "HEADnNECK"}


def _accuracy(pairs: list[tuple[str, str]]) -> float:
    return sum(_main_t(text) == gold for text, gold in pairs) / len(pairs)


def test_staging_tcga_stated_t_sample() -> None:
    stated = [(t, g) for t, g in _reports({"LUNG", "CRC"}) if _PT_LIKE.search(t)][:300]
    assert _accuracy(stated) >= 0.96  # measured 0.980


def test_staging_tcga_inferred_t_sample() -> None:
    # Reports that state no pT: every right answer here is a T inferred from size or invasion
    # (before the organ rules of these folders existed, next to none was).
    unstated = [
        (t, g)
        for t, g in _reports(_INFERRED_ORGANS)
        if not _PT_LIKE.search(t) and len(t.strip()) >= 100
    ][:300]
    assert _accuracy(unstated) >= 0.56  # measured 0.573


@pytest.mark.slow
@pytest.mark.parametrize(
    ("organ", "floor"),
    [
        # Stated where the report states a pT, derived (size, invasion) where it does not; AJCC 8th.
        # Measured: CRC 0.918, LUNG 0.782, KIDNEY 0.859, BLADDER 0.930, PROSTATE 0.902, LIVER 0.816,
        # CERVIX 0.603, PANCREAS 0.678, HEADnNECK 0.778 (empty OCR counts as wrong).
        ("CRC", 0.90),
        ("LUNG", 0.77),
        ("KIDNEY", 0.84),
        ("BLADDER", 0.91),
        ("PROSTATE", 0.89),
        ("LIVER", 0.81),
        ("CERVIX", 0.59),
        ("PANCREAS", 0.67),
        ("HEADnNECK", 0.76),
    ],
)
def test_staging_tcga_all_reports_by_organ(organ: str, floor: float) -> None:
    assert _accuracy(list(_reports({organ}))) >= floor
