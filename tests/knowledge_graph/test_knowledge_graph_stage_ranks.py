"""The guideline stage order must rank every stage group the AJCC tables can derive."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from review_engine.errors import KnowledgeError
from review_engine.knowledge_graph import load_knowledge

GUIDELINES = Path(__file__).resolve().parents[2] / "knowledge" / "guidelines"


def test_knowledge_graph_stage_order_must_rank_every_derivable_stage(tmp_path):
    folder = tmp_path / "guidelines"
    shutil.copytree(GUIDELINES, folder)
    stages = folder / "stage_groups.yaml"
    stages.write_text(stages.read_text(encoding="utf-8").replace("unranked: [occult]", "unranked: []"), encoding="utf-8")
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(folder)
    assert "stage_groups.yaml" in str(info.value) and "occult" in str(info.value)


def test_knowledge_graph_shipped_stage_order_ranks_every_derivable_stage():
    assert load_knowledge(GUIDELINES).version
