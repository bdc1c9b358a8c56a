"""Every reason code decide() can give (the contract's and those added since) is produced by a scenario of the table.

(REVIEW_TIMEOUT and REVIEW_FAILED come from the service's job runner, not the decision layer:
tests/service covers them.)"""

from __future__ import annotations

from review_scenarios import SCENARIOS

from review_engine.errors import JOB_REASON_CODES, ReasonCode
from review_engine.review import decide


def test_review_every_reason_code_is_produced(graph, policy):
    produced = set()
    for scenario in SCENARIOS:
        for lang in ("zh", "en"):
            result = decide(scenario.claim(lang), scenario.findings, scenario.unreadable, graph, policy)
            produced |= {r.code for item in result.items for r in item.reasons}
    missing = {code.value for code in ReasonCode} - JOB_REASON_CODES - produced
    assert not missing, f"no scenario produces {sorted(missing)}"


def test_review_every_reason_code_has_a_message_in_both_languages(graph):
    for code in sorted(code.value for code in ReasonCode):
        template = graph.raw.messages.reasons[code]
        assert template.en and template.zh and template.en != template.zh
