"""A specimen organ with a metastasis word between it and the histology ('（肝脏）转移性腺癌') is where the
metastasis was taken, not the primary site: read as the primary, a liver metastasis of a colon cancer
flagged a cetuximab claim as another disease (POLICY gate 3: metastasis wording is no contradiction)
(issue 4)."""

from __future__ import annotations

import pytest

from review_engine.nlp.pipeline import Extractor


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("病理诊断：（肝脏）转移性腺癌，考虑肠道来源", None),
        ("病理诊断：（肝脏）转移性腺癌，符合结肠来源", "colorectum"),
        ("（脑）转移性腺癌，TTF-1（+），提示肺来源", "lung"),
        ("（右锁骨上淋巴结）转移性腺癌，结合免疫组化，符合肺来源", "lung"),
        # the organ's own cancer stays its primary
        ("（右肺上叶）浸润性腺癌", "lung"),
        ("肺腺癌脑转移", "lung"),
    ],
)
def test_a_metastasis_specimen_is_no_primary(production_extractor: Extractor, text: str, site: str | None) -> None:
    assert production_extractor.extract_text(text, kind="pathology_report").primary_site == site
