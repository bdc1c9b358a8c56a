"""decide() on the bundled example claims with their gold findings (no OCR) matches the gold decisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from review_engine.domain import Claim, DocumentFindings
from review_engine.review import decide

EXAMPLES = sorted(p.parent for p in (Path(__file__).resolve().parents[2] / "examples").glob("*/gold.json"))


@pytest.mark.parametrize("case", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_review_gold_findings_give_gold_decisions(case, graph, policy):
    claim = Claim.model_validate_json((case / "claim.json").read_text(encoding="utf-8"))
    gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
    findings = [DocumentFindings.model_validate(f) for f in gold["findings"].values()]
    result = decide(claim, findings, {}, graph, policy)
    assert result.decision == gold["decision"]
    assert result.priority == gold["priority"]
    for item in result.items:
        expected = gold["items"][item.item_id]
        assert item.decision == expected["decision"]
        assert set(expected["codes"]) <= {r.code for r in item.reasons}
