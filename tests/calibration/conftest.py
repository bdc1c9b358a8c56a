"""Loads benchmarks/calibrate_thresholds.py (a script, not a package) as a module for its tests."""

from __future__ import annotations

from types import ModuleType

import pytest
from benchmark_script import load_benchmark


@pytest.fixture(scope="session")
def calibration() -> ModuleType:
    return load_benchmark("calibrate_thresholds")
