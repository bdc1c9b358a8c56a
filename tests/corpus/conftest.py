"""Fixtures for the corpus tests: one small generated corpus per session (about 20 documents)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from review_engine.corpus import generate


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of >= 20 documents and 8 claims written with seed 7 by two worker processes."""
    out = tmp_path_factory.mktemp("corpus")
    generate(out, seed=7, n_docs=20, n_claims=8, workers=2)
    return out


@pytest.fixture(scope="session")
def span_records(small_corpus: Path) -> list[dict]:
    """Every spans.jsonl record of the small corpus (all splits)."""
    records = []
    for path in sorted(small_corpus.glob("*/spans.jsonl")):
        records += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return records
