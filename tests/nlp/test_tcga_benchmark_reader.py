"""The TCGA T-category benchmark's reader (benchmarks/tcga_t_category.py, a script loaded as a module)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "tcga_t_category.py"


@pytest.fixture(scope="module")
def benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tcga_t_category", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


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
