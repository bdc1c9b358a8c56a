"""Every reason code of the contract is produced by at least one scenario of the table."""

from __future__ import annotations

from review_engine.errors import ReasonCode
from review_engine.review import decide
from review_scenarios import SCENARIOS


def test_review_every_reason_code_is_produced(graph, policy):
    produced = set()
    for scenario in SCENARIOS:
        for lang in ("zh", "en"):
            result = decide(scenario.claim(lang), scenario.findings, scenario.unreadable, graph, policy)
            produced |= {r.code for item in result.items for r in item.reasons}
    missing = {c.value for c in ReasonCode} - produced
    assert not missing, f"no scenario produces {sorted(missing)}"


def test_review_every_reason_code_has_a_message_in_both_languages(graph):
    for code in ReasonCode:
        template = graph.raw.messages.reasons[code.value]
        assert template.en and template.zh and template.en != template.zh
