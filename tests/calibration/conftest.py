"""Loads benchmarks/calibrate_thresholds.py (a script, not a package) as a module for its tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "calibrate_thresholds.py"


@pytest.fixture(scope="session")
def calibration() -> ModuleType:
    spec = importlib.util.spec_from_file_location("calibrate_thresholds", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module
