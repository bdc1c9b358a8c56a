"""The TCGA T-category benchmark's reader (benchmarks/tcga_t_category.py, a script loaded as a module)."""

from __future__ import annotations

from types import ModuleType

import pytest
from benchmark_script import load_benchmark


@pytest.fixture(scope="module")
def benchmark() -> ModuleType:
    return load_benchmark("tcga_t_category")


def test_utf16_held_one_character_per_byte_is_decoded(benchmark: ModuleType) -> None:
    # Some corpus reports are UTF-16 whose bytes were read as characters: a NUL beside every letter.
    text = "Kidney: renal cell carcinoma.\nTumor measures 3.9 cm."
    garbled = "".join(f"\x00{c}" if c != "\n" else c for c in text)
    assert benchmark.decoded(garbled) == text
    assert benchmark.decoded("\ufeff\x00" + garbled[1:]) == text


def test_ordinary_text_is_left_as_it_is(benchmark: ModuleType) -> None:
    text = "Kidney: renal cell carcinoma, 3.9 cm.\x00"  # one stray NUL is no UTF-16
    assert benchmark.decoded(text) == text
    assert benchmark.decoded("") == ""
