"""Safety floor on random result tables (benchmarks/table_status_probe.py): negatives or VUS read as detected.

At the start of 2026-12-07 the realistic layouts read 1,158 of 6,000 negative or VUS rows as detected; the
floors hold the day's table-status work (0 of 900 realistic, 1 of 900 shuffled at seed 7, 300 documents)."""

from __future__ import annotations

import random
from collections import Counter
from types import ModuleType

import pytest
from benchmark_script import load_benchmark


@pytest.fixture(scope="module")
def probe() -> ModuleType:
    return load_benchmark("table_status_probe")


def _outcomes(probe: ModuleType, extractor, layouts: str, docs: int = 300) -> Counter[str]:
    rng, counts = random.Random(7), Counter()
    for _ in range(docs):
        text, expected, _ = probe.document(rng, layouts, True)
        read: dict[str, list[str]] = {}
        for variant in extractor.extract_text(text).variants:
            read.setdefault(variant.gene, []).append(variant.status)
        counts.update(
            probe.outcome(want, got)
            for gene, want in expected.items()
            for got in read.get(gene) or [None]
        )
    return counts


@pytest.mark.issue(4)
@pytest.mark.parametrize(("layouts", "most_unsafe"), [("realistic", 0), ("any", 2)])
def test_no_negative_table_row_reads_detected(
    probe: ModuleType, production_extractor, layouts: str, most_unsafe: int
) -> None:
    counts = _outcomes(probe, production_extractor, layouts)
    assert counts["unsafe"] <= most_unsafe, counts
    assert counts["missed_positive"] == 0, counts
    assert counts["right"] >= (900 if layouts == "realistic" else 840), counts


def test_outcome_names_the_dangerous_direction(probe: ModuleType) -> None:
    assert probe.outcome("not_detected", "detected") == "unsafe"
    assert probe.outcome("vus", "detected") == "unsafe"
    assert probe.outcome("detected", "not_detected") == "missed_positive"
    assert probe.outcome("not_detected", "indeterminate") == "other"
    assert probe.outcome("detected", None) == "missing"
    assert probe.outcome("vus", "vus") == "right"
