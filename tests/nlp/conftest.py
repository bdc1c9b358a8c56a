"""Fixtures of the NLP tests: one extractor per session (the pipeline is built once, as in production)."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_engine.nlp.pipeline import Extractor

FIXTURES = Path(__file__).parent / "fixtures"
# The variant family of recognizers (this folder's part); the full registry is tested separately.
VARIANT_RECOGNIZERS = [
    "review_engine.nlp.recognizers.variants",
    "review_engine.nlp.recognizers.fusions",
    "review_engine.nlp.recognizers.copy_number",
    "review_engine.nlp.recognizers.genes_tested",
]


@pytest.fixture(scope="session")
def variant_extractor() -> Extractor:
    """The production pipeline restricted to the variant-family rule recognizers (no model component)."""
    return Extractor(recognizers=VARIANT_RECOGNIZERS, optional_components=False)


@pytest.fixture(scope="session")
def production_extractor() -> Extractor:
    """The production pipeline as ``extract`` runs it: every recognizer and the model component."""
    return Extractor()


@pytest.fixture(scope="session")
def zh_report_text() -> str:
    """A realistic Chinese NGS report (synthetic, no patient data)."""
    return (FIXTURES / "ngs_report_zh.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def en_report_text() -> str:
    """A realistic English comprehensive genomic profiling report (synthetic)."""
    return (FIXTURES / "ngs_report_en.txt").read_text(encoding="utf-8")
