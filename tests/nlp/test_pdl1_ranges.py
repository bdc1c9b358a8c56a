"""A PD-L1 score given as a range or a floor reads as its bottom with its top (issue 4): 'TPS≥1%' was read as
1 alone, so a rule asking TPS >= 50 % was refuted by a report that does not say so."""

from __future__ import annotations

import pytest

from review_engine.nlp.pipeline import Extractor


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PD-L1（22C3）TPS：≥1%", {"tps": 1.0, "tps_upper": 100.0}),
        ("PD-L1（22C3）TPS：50%以上", {"tps": 50.0, "tps_upper": 100.0}),
        ("PD-L1 (22C3) TPS 1% or more", {"tps": 1.0, "tps_upper": 100.0}),
        ("PD-L1（22C3）TPS：1-49%", {"tps": 1.0, "tps_upper": 49.0}),
        # a unit on both ends: it read as 1 alone
        ("PD-L1（22C3）TPS：1%-49%", {"tps": 1.0, "tps_upper": 49.0}),
        ("PD-L1 (22C3) TPS: 1% - 60%", {"tps": 1.0, "tps_upper": 60.0}),
        # a dash to the next marker is no range
        ("PD-L1（22C3）TPS 60% - CPS 70", {"tps": 60.0, "cps": 70.0}),
        ("PD-L1（22C3）CPS：≥10", {"cps": 10.0, "cps_upper": 100.0}),
        # one figure, and a floor of 0 % ('<1%' reads as 0), keep no top
        ("PD-L1（22C3）TPS：60%", {"tps": 60.0}),
        ("PD-L1（22C3）TPS：<1%", {"tps": 0.0}),
    ],
)
def test_pdl1_ranges_and_floors_keep_their_top(production_extractor: Extractor, text: str, expected: dict) -> None:
    pdl1 = production_extractor.extract_text("病理诊断报告\n" + text + "\n").biomarkers.pdl1
    assert pdl1.model_dump(exclude_none=True, exclude={"clone"}) == expected
