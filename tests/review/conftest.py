"""Fixtures for the decision tests: the production knowledge graph and default policy settings."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from review_engine.knowledge_graph import KnowledgeGraph, load_knowledge
from review_engine.settings import PolicySettings

# The suite runs with --import-mode=importlib, so the shared scenario module is put on the path here.
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def graph() -> KnowledgeGraph:
    """The shipped guideline knowledge, loaded by the production loader."""
    return load_knowledge()


@pytest.fixture(scope="session")
def policy() -> PolicySettings:
    """Default policy settings (180-day window, 100-gene panel limit, 0.80 finding confidence)."""
    return PolicySettings()
