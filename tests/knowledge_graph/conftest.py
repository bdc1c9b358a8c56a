"""Fixtures for the knowledge-graph tests: the shipped graph and an editable copy of its files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from review_engine.knowledge_graph import KnowledgeGraph, load_knowledge
from review_engine.knowledge_graph.loader import default_guidelines_dir


@pytest.fixture(scope="session")
def graph() -> KnowledgeGraph:
    """The shipped guideline knowledge."""
    return load_knowledge()


@pytest.fixture
def guidelines_copy(tmp_path: Path) -> Path:
    """A private copy of knowledge/guidelines that a test may edit."""
    target = tmp_path / "guidelines"
    shutil.copytree(default_guidelines_dir(), target)
    return target
